// join_order: a hash join builds its hash table on the RIGHT input, so for inner joins the
// input with the smaller estimated cardinality (TableSource::EstimatedRowCount, propagated with
// crude selectivities) goes right. Swapping children changes the join's column order, so a
// projection restores the original order above it.
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

  idx_t left_count = join.children[0]->types.size();
  idx_t right_count = join.children[1]->types.size();
  std::swap(join.children[0], join.children[1]);
  std::swap(join.left_keys, join.right_keys);
  if (join.residual) {
    ForEachColumnRef(*join.residual, [&](BoundColumnRef& ref) {
      ref.index = ref.index < left_count ? ref.index + right_count : ref.index - left_count;
    });
  }
  std::vector<LogicalType> original_types = join.types;
  std::vector<std::string> original_names = join.names;
  join.types = join.children[0]->types;
  join.names = join.children[0]->names;
  join.types.insert(join.types.end(), join.children[1]->types.begin(), join.children[1]->types.end());
  join.names.insert(join.names.end(), join.children[1]->names.begin(), join.children[1]->names.end());

  auto projection = std::make_unique<LogicalProjection>();
  for (idx_t i = 0; i < original_types.size(); i++) {
    idx_t source = i < left_count ? right_count + i : i - left_count;
    projection->expressions.push_back(std::make_unique<BoundColumnRef>(source, original_types[i], original_names[i]));
  }
  projection->types = std::move(original_types);
  projection->names = std::move(original_names);
  projection->children.push_back(std::move(plan));
  return projection;
}

}  // namespace cairn
