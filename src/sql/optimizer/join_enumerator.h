// JoinEnumerator: the cheapest bushy join tree without cross products over a connected join
// graph, by dynamic programming over connected subgraphs — DPccp (Moerkotte & Neumann,
// "Analysis of Two Existing and One New Dynamic Programming Algorithm for the Generation of
// Optimal Bushy Join Trees without Cross Products", VLDB 2006).
//
// DPccp enumerates every csg-cmp pair (S1, S2) exactly once: S1 and S2 disjoint, each inducing a
// connected subgraph, and joined by at least one edge. For every relation set it keeps the
// cheapest plan found; pairs are considered smallest union first, so both halves' best plans
// are known when a pair is. Cost is C_out — the sum of the estimated rows of every join in the
// tree — plus kBuildSideWeight × the rows of each join's build (smaller) input, so of two trees
// with the same intermediate results the one building smaller hash tables wins. Base relations
// cost nothing (every tree reads each once).
//
// Cardinalities come from the caller: `cardinality(S1, S2, rows(S1), rows(S2))` estimates the
// rows of joining two disjoint connected sets. It is asked once per relation set (for the first
// pair that forms it); the answer is that set's estimate in every plan.
//
// Limits: at most kMaxRelations relations (DP tables have 2^n entries; a 12-relation clique
// has 261,625 csg-cmp pairs). The caller orders larger graphs some other way.
//
// Thread-safety: an instance is used by one thread.
#pragma once

#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include "cairn/types.h"

namespace cairn {

class JoinEnumerator {
 public:
  /// A set of relations: bit i is relation i.
  using RelationSet = uint32_t;
  /// Estimated rows of joining `left` and `right` (disjoint, each connected, joined by an edge)
  /// whose estimated rows are `left_rows` and `right_rows`.
  using CardinalityFunction =
      std::function<double(RelationSet left, RelationSet right, double left_rows, double right_rows)>;

  /// The most relations Solve accepts.
  static constexpr idx_t kMaxRelations = 12;
  /// Weight of a join's build-input rows in the cost, relative to its output rows.
  static constexpr double kBuildSideWeight = 0.5;

  /// `neighbors[i]`: the relations sharing a join edge with relation i (symmetric, without i
  /// itself); `rows[i]`: relation i's estimated rows. REQUIRES: neighbors.size() == rows.size()
  /// <= kMaxRelations.
  JoinEnumerator(std::vector<RelationSet> neighbors, std::vector<double> rows, CardinalityFunction cardinality);

  /// Finds the cheapest plan of every connected relation set. Returns false (and plans
  /// nothing) when the graph is not connected or has more than kMaxRelations relations.
  bool Solve();

  /// Every relation.
  RelationSet All() const { return static_cast<RelationSet>((uint64_t{1} << rows_.size()) - 1); }
  /// The two halves of `set`'s cheapest plan: {probe (larger estimated rows), build (smaller)}.
  /// REQUIRES: Solve() returned true, `set` is connected and has at least two relations.
  std::pair<RelationSet, RelationSet> BestSplit(RelationSet set) const;
  /// Estimated rows of `set` (connected). REQUIRES: Solve() returned true.
  double Rows(RelationSet set) const { return rows_of_set_[set]; }
  /// Cost of `set`'s cheapest plan (connected). REQUIRES: Solve() returned true.
  double Cost(RelationSet set) const { return cost_[set]; }
  /// The number of csg-cmp pairs Solve considered.
  idx_t PairCount() const { return pair_count_; }

  /// The cost of joining two plans of costs `left_cost` and `right_cost` and estimated rows
  /// `left_rows` and `right_rows` into `rows` rows, by the model above.
  static double JoinCost(double left_cost, double right_cost, double left_rows, double right_rows, double rows);

 private:
  RelationSet Neighborhood(RelationSet set) const;
  /// EnumerateCsgRec: extends connected `set` by subsets of its neighbourhood outside
  /// `excluded`, calling `emit` for each connected set found.
  void EnumerateCsgRec(RelationSet set, RelationSet excluded, const std::function<void(RelationSet)>& emit) const;
  /// EnumerateCmp: every connected complement of `set` (joined to it by an edge) whose lowest
  /// relation is above set's lowest.
  void EnumerateCmp(RelationSet set, const std::function<void(RelationSet)>& emit) const;

  std::vector<RelationSet> neighbors_;
  std::vector<double> rows_;
  CardinalityFunction cardinality_;
  std::vector<double> rows_of_set_;  // by set; valid where known_
  std::vector<double> cost_;         // by set
  std::vector<RelationSet> split_;   // by set: one half of the best plan (the other is set ^ split)
  std::vector<bool> known_;          // by set
  idx_t pair_count_ = 0;
};

}  // namespace cairn
