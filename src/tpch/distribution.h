// Distribution: a weighted list of strings from which dbgen picks values (its pick_str()): a
// draw j uniform in [1, total weight] selects the first entry whose cumulative weight reaches j.
// Used for the word lists of the text grammar and for columns such as c_mktsegment or
// l_shipmode (TPC-H specification clause 4.2.2.13 and dbgen's distribution file).
//
// Picking is O(1): a table maps every draw to its entry. Entries are string_views into storage
// that lives as long as the program (the distribution data are static).
//
// Thread-safety: immutable after construction; Pick only advances the caller's stream.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "tpch/random_stream.h"

namespace cairn::tpch {

/// One entry of a distribution: its text and (non-cumulative) weight, > 0.
struct WeightedValue {
  std::string_view text;
  int32_t weight;
};

class Distribution {
 public:
  Distribution() = default;
  /// REQUIRES: `values` non-empty, every weight > 0; the texts outlive the distribution.
  explicit Distribution(std::vector<WeightedValue> values);

  /// Draws once from `stream` and returns the index of the chosen entry.
  int32_t PickIndex(RandomStream& stream) const {
    return draw_to_index_[static_cast<size_t>(stream.NextInt(1, total_weight_) - 1)];
  }
  /// Draws once from `stream` and returns the chosen entry's text.
  std::string_view Pick(RandomStream& stream) const { return values_[PickIndex(stream)].text; }

  size_t size() const { return values_.size(); }
  std::string_view value(size_t index) const { return values_[index].text; }
  int32_t total_weight() const { return total_weight_; }

 private:
  std::vector<WeightedValue> values_;
  std::vector<int32_t> draw_to_index_;  // draw - 1 -> entry index
  int32_t total_weight_ = 0;
};

}  // namespace cairn::tpch
