// JoinEnumerator (see join_enumerator.h). The procedures follow the paper's EnumerateCsg,
// EnumerateCsgRec and EnumerateCmp, with relations numbered 0..n-1 and B_i = {relations <= i}.
#include "sql/optimizer/join_enumerator.h"

#include <algorithm>
#include <bit>
#include <limits>

#include "cairn/exception.h"

namespace cairn {

namespace {

using RelationSet = JoinEnumerator::RelationSet;

/// B_i: the relations numbered i or lower.
RelationSet UpTo(idx_t i) { return static_cast<RelationSet>((uint64_t{1} << (i + 1)) - 1); }

idx_t Lowest(RelationSet set) { return static_cast<idx_t>(std::countr_zero(set)); }

}  // namespace

JoinEnumerator::JoinEnumerator(std::vector<RelationSet> neighbors, std::vector<double> rows,
                               CardinalityFunction cardinality)
    : neighbors_(std::move(neighbors)), rows_(std::move(rows)), cardinality_(std::move(cardinality)) {
  if (neighbors_.size() != rows_.size()) {
    throw Exception(sqlstate::kInternalError, "join enumerator: neighbour sets and row estimates differ in number");
  }
}

double JoinEnumerator::JoinCost(double left_cost, double right_cost, double left_rows, double right_rows, double rows) {
  return left_cost + right_cost + rows + kBuildSideWeight * std::min(left_rows, right_rows);
}

RelationSet JoinEnumerator::Neighborhood(RelationSet set) const {
  RelationSet result = 0;
  for (RelationSet rest = set; rest != 0; rest &= rest - 1) result |= neighbors_[Lowest(rest)];
  return result & ~set;
}

void JoinEnumerator::EnumerateCsgRec(RelationSet set, RelationSet excluded,
                                     const std::function<void(RelationSet)>& emit) const {
  const RelationSet neighborhood = Neighborhood(set) & ~excluded;
  if (neighborhood == 0) return;
  // Every non-empty subset of the neighbourhood, then recursion with the neighbourhood excluded.
  for (RelationSet subset = neighborhood; subset != 0; subset = (subset - 1) & neighborhood) emit(set | subset);
  for (RelationSet subset = neighborhood; subset != 0; subset = (subset - 1) & neighborhood) {
    EnumerateCsgRec(set | subset, excluded | neighborhood, emit);
  }
}

void JoinEnumerator::EnumerateCmp(RelationSet set, const std::function<void(RelationSet)>& emit) const {
  const RelationSet excluded = UpTo(Lowest(set)) | set;
  const RelationSet neighborhood = Neighborhood(set) & ~excluded;
  for (idx_t i = rows_.size(); i-- > 0;) {
    const RelationSet relation = RelationSet{1} << i;
    if ((neighborhood & relation) == 0) continue;
    emit(relation);
    EnumerateCsgRec(relation, excluded | (UpTo(i) & neighborhood), emit);
  }
}

bool JoinEnumerator::Solve() {
  const idx_t n = rows_.size();
  if (n == 0 || n > kMaxRelations) return false;
  // Connected: every relation is reachable from relation 0.
  RelationSet reached = 1;
  for (RelationSet frontier = 1; frontier != 0;) {
    const RelationSet next = Neighborhood(reached);
    frontier = next & ~reached;
    reached |= next;
  }
  if (reached != All()) return false;

  const size_t sets = size_t{1} << n;
  rows_of_set_.assign(sets, 0);
  cost_.assign(sets, std::numeric_limits<double>::infinity());
  split_.assign(sets, 0);
  known_.assign(sets, false);
  for (idx_t i = 0; i < n; i++) {
    const RelationSet relation = RelationSet{1} << i;
    rows_of_set_[relation] = rows_[i];
    cost_[relation] = 0;
    known_[relation] = true;
  }

  // Every csg-cmp pair, by the size of its union: the halves of a pair are smaller connected
  // sets, whose best plans are then complete.
  std::vector<std::vector<std::pair<RelationSet, RelationSet>>> pairs_by_size(n + 1);
  auto emit_csg = [&](RelationSet csg) {
    EnumerateCmp(csg, [&](RelationSet cmp) { pairs_by_size[std::popcount(csg | cmp)].emplace_back(csg, cmp); });
  };
  for (idx_t i = n; i-- > 0;) {
    const RelationSet relation = RelationSet{1} << i;
    emit_csg(relation);
    EnumerateCsgRec(relation, UpTo(i), emit_csg);
  }

  pair_count_ = 0;
  for (const auto& pairs : pairs_by_size) {
    for (const auto& [left, right] : pairs) {
      pair_count_++;
      const RelationSet set = left | right;
      if (!known_[left] || !known_[right]) {
        throw Exception(sqlstate::kInternalError, "join enumerator: a csg-cmp pair came before its halves");
      }
      if (!known_[set]) {
        rows_of_set_[set] = std::max(cardinality_(left, right, rows_of_set_[left], rows_of_set_[right]), 0.0);
        known_[set] = true;
      }
      const double cost = JoinCost(cost_[left], cost_[right], rows_of_set_[left], rows_of_set_[right], rows_of_set_[set]);
      if (cost < cost_[set]) {
        cost_[set] = cost;
        split_[set] = left;
      }
    }
  }
  return true;
}

std::pair<RelationSet, RelationSet> JoinEnumerator::BestSplit(RelationSet set) const {
  const RelationSet left = split_[set];
  const RelationSet right = set ^ left;
  if (rows_of_set_[left] >= rows_of_set_[right]) return {left, right};
  return {right, left};
}

}  // namespace cairn
