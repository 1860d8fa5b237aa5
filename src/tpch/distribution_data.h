// The value lists TPC-H generates from (specification clause 4.2.2.13 and clause 4.2.3; the
// weights of the text grammar as in dbgen's distribution file, dbgen 2.x/3.x): the words and
// sentence forms of the text pool, the part vocabularies, the segment, priority, flag,
// instruction and mode lists, and the nations with their regions.
//
// Grammar forms are strings of part-of-speech letters: sentences of N (noun phrase), V (verb
// phrase), P (prepositional phrase) and T (terminator); noun phrases of A (article),
// J (adjective), D (adverb) and N (noun), a ',' after a letter putting a comma after that word;
// verb phrases of X (auxiliary), V (verb) and D (adverb).
//
// Thread-safety: built once on first use (thread-safe static initialization), then read-only.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "tpch/distribution.h"

namespace cairn::tpch {

/// A nation: its key is its position in TpchDistributions::nations.
struct NationEntry {
  std::string_view name;
  int32_t region_key;
};

struct TpchDistributions {
  // The text grammar.
  Distribution sentence_forms, noun_phrase_forms, verb_phrase_forms;
  Distribution nouns, verbs, adjectives, adverbs, articles, prepositions, auxiliaries, terminators;
  // Column vocabularies.
  Distribution part_colors;       // p_name words (92, uniform)
  Distribution part_types;        // p_type (150 = 6 x 5 x 5 syllables, uniform)
  Distribution part_containers;   // p_container (40 = 5 x 8, uniform)
  Distribution market_segments;   // c_mktsegment
  Distribution order_priorities;  // o_orderpriority
  Distribution return_flags;      // l_returnflag of received lines (R or A)
  Distribution ship_instructions;
  Distribution ship_modes;
  std::vector<NationEntry> nations;       // 25, n_nationkey order
  std::vector<std::string_view> regions;  // 5, r_regionkey order
};

/// The distributions (built on first call).
const TpchDistributions& GetTpchDistributions();

}  // namespace cairn::tpch
