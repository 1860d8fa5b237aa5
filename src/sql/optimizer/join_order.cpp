// join_order: a hash join builds its hash table on the RIGHT input, so for inner joins the
// input with the smaller estimated cardinality (TableSource::EstimatedRowCount, propagated with
// crude selectivities) goes right. Swapping children changes the join's column order, which
// no consumer depends on: columns are referenced by binding (a union's inputs and the plan's
// root, which are read by position, are always projections, never a bare join).
#include <algorithm>
#include <limits>

#include "sql/optimizer/rules.h"
#include "common/stack_depth.h"

namespace cairn {

namespace {

constexpr idx_t kUnknown = std::numeric_limits<idx_t>::max() / 4;

idx_t Estimate(const LogicalOperator& op) {
  CheckStackDepth();
  switch (op.type) {
    case LogicalOperatorType::GET: {
      idx_t rows = static_cast<const LogicalGet&>(op).source->EstimatedRowCount();
      return rows == 0 ? kUnknown : rows;
    }
    case LogicalOperatorType::DUMMY_SCAN:
      return 1;
    case LogicalOperatorType::VALUES:
      return static_cast<const LogicalValues&>(op).rows.size();
    case LogicalOperatorType::FILTER: {
      idx_t rows = Estimate(*op.children[0]);
      return rows == kUnknown ? kUnknown : std::max<idx_t>(rows / 5, 1);
    }
    case LogicalOperatorType::LIMIT: {
      const auto& limit = static_cast<const LogicalLimit&>(op);
      idx_t rows = Estimate(*op.children[0]);
      return limit.limit ? std::min(rows, *limit.limit) : rows;
    }
    case LogicalOperatorType::TOP_N:
      return std::min(Estimate(*op.children[0]), static_cast<const LogicalTopN&>(op).limit);
    case LogicalOperatorType::JOIN:
      return std::max(Estimate(*op.children[0]), Estimate(*op.children[1]));
    case LogicalOperatorType::UNION: {
      idx_t total = 0;
      for (const auto& child : op.children) total = std::min(kUnknown, total + Estimate(*child));
      return total;
    }
    default:
      return op.children.empty() ? kUnknown : Estimate(*op.children[0]);
  }
}

}  // namespace

LogicalOperatorPtr ReorderJoins(LogicalOperatorPtr plan) {
  CheckStackDepth();
  for (auto& child : plan->children) child = ReorderJoins(std::move(child));
  if (plan->type != LogicalOperatorType::JOIN) return plan;
  auto& join = static_cast<LogicalJoin&>(*plan);
  if (join.join_type != JoinType::INNER || join.left_keys.empty()) return plan;
  if (Estimate(*join.children[0]) >= Estimate(*join.children[1])) return plan;

  // Columns are referenced by binding, so swapping the inputs needs no rewriting: the join's
  // output order changes, and every consumer finds its columns by binding.
  std::swap(join.children[0], join.children[1]);
  std::swap(join.left_keys, join.right_keys);
  join.types = join.children[0]->types;
  join.names = join.children[0]->names;
  join.types.insert(join.types.end(), join.children[1]->types.begin(), join.children[1]->types.end());
  join.names.insert(join.names.end(), join.children[1]->names.begin(), join.children[1]->names.end());
  return plan;
}

}  // namespace cairn
