// empty_result: subtrees known to produce no rows become one LogicalEmptyResult (same types,
// names and bindings), so nothing below them is planned, opened or scanned.
//
// Empty at the source: LIMIT 0 (and a TOP_N of 0), a filter with a FALSE or NULL conjunct
// (after constant_folding: `WHERE false`, `WHERE NULL`, `WHERE 1 = 0`, `x > 5 AND false`).
// Emptiness moves up where SQL says so:
//   - filter, projection, ORDER BY, LIMIT, TOP_N, window, set-returning projection: empty input,
//     empty output;
//   - aggregation with GROUP BY: empty; WITHOUT GROUP BY it stays (one row: count(*) = 0);
//   - INNER and CROSS joins, SEMI joins: either input empty; LEFT, ANTI, MARK and SINGLE joins:
//     left input empty; RIGHT: right input empty; FULL: both;
//   - an ANTI join whose right input is empty is its left input (every row survives);
//   - UNION ALL drops empty inputs; left with one, it becomes a projection of that input.
// A LEFT / FULL join keeps an empty side (its rows come back NULL-extended). Recursive CTEs
// are left alone. Runs last: the rules before it never see a LogicalEmptyResult.
#include "common/stack_depth.h"
#include "sql/optimizer/rules.h"

namespace cairn {

namespace {

bool IsEmpty(const LogicalOperatorPtr& op) { return op->type == LogicalOperatorType::EMPTY_RESULT; }

/// A FALSE or NULL constant: a filter conjunct no row satisfies.
bool IsNeverTrue(const ExpressionPtr& expression) {
  if (expression->expression_class != ExpressionClass::CONSTANT) return false;
  const Value& value = static_cast<const BoundConstant&>(*expression).value;
  return value.IsNull() || (value.type().id() == TypeId::BOOLEAN && !value.GetBool());
}

void ReplaceWithEmpty(LogicalOperatorPtr& op) {
  auto empty = std::make_unique<LogicalEmptyResult>();
  empty->bindings = op->GetColumnBindings();
  empty->types = op->types;
  empty->names = op->names;
  op = std::move(empty);
}

bool JoinIsEmpty(const LogicalJoin& join) {
  bool left = IsEmpty(join.children[0]);
  bool right = IsEmpty(join.children[1]);
  switch (join.join_type) {
    case JoinType::INNER:
    case JoinType::CROSS:
    case JoinType::SEMI:
    case JoinType::RIGHT_SEMI: return left || right;
    case JoinType::RIGHT_ANTI: return right;
    case JoinType::LEFT:
    case JoinType::ANTI:
    case JoinType::MARK:
    case JoinType::SINGLE: return left;
    case JoinType::RIGHT: return right;
    case JoinType::FULL: return left && right;
  }
  return false;
}

/// UNION ALL without its empty inputs; with one input left, a projection of it under the
/// union's table index (so the bindings above stay valid).
void RemoveEmptyUnionInputs(LogicalOperatorPtr& op) {
  auto& union_op = static_cast<LogicalUnion&>(*op);
  std::erase_if(union_op.children, IsEmpty);
  if (union_op.children.empty()) {
    ReplaceWithEmpty(op);
    return;
  }
  if (union_op.children.size() > 1) return;
  LogicalOperatorPtr input = std::move(union_op.children[0]);
  auto projection = std::make_unique<LogicalProjection>();
  projection->table_index = union_op.table_index;
  projection->types = union_op.types;
  projection->names = union_op.names;
  std::vector<ColumnBinding> bindings = input->GetColumnBindings();
  for (idx_t i = 0; i < bindings.size(); i++) {
    projection->expressions.push_back(std::make_unique<BoundColumnRef>(bindings[i], input->types[i], input->names[i]));
  }
  projection->children.push_back(std::move(input));
  op = std::move(projection);
}

void Propagate(LogicalOperatorPtr& op) {
  CheckStackDepth();
  if (op->type == LogicalOperatorType::RECURSIVE_CTE) return;
  for (auto& child : op->children) Propagate(child);
  const bool child_empty = !op->children.empty() && IsEmpty(op->children[0]);
  switch (op->type) {
    case LogicalOperatorType::FILTER: {
      auto& filter = static_cast<LogicalFilter&>(*op);
      if (child_empty || std::any_of(filter.expressions.begin(), filter.expressions.end(), IsNeverTrue)) ReplaceWithEmpty(op);
      return;
    }
    case LogicalOperatorType::LIMIT: {
      auto& limit = static_cast<LogicalLimit&>(*op);
      if (child_empty || (limit.limit && *limit.limit == 0)) ReplaceWithEmpty(op);
      return;
    }
    case LogicalOperatorType::TOP_N:
      if (child_empty || static_cast<LogicalTopN&>(*op).limit == 0) ReplaceWithEmpty(op);
      return;
    case LogicalOperatorType::PROJECTION:
    case LogicalOperatorType::ORDER_BY:
    case LogicalOperatorType::WINDOW:
    case LogicalOperatorType::PROJECT_SET:
      if (child_empty) ReplaceWithEmpty(op);
      return;
    case LogicalOperatorType::AGGREGATE:
      // Without GROUP BY, an aggregate over no rows is still one row (count(*) = 0).
      if (child_empty && !static_cast<LogicalAggregate&>(*op).groups.empty()) ReplaceWithEmpty(op);
      return;
    case LogicalOperatorType::JOIN: {
      auto& join = static_cast<LogicalJoin&>(*op);
      if (join.children.size() != 2) return;
      if (JoinIsEmpty(join)) {
        ReplaceWithEmpty(op);
      } else if (join.join_type == JoinType::ANTI && IsEmpty(join.children[1])) {
        LogicalOperatorPtr left = std::move(join.children[0]);
        op = std::move(left);
      } else if (join.join_type == JoinType::RIGHT_ANTI && IsEmpty(join.children[0])) {
        LogicalOperatorPtr right = std::move(join.children[1]);
        op = std::move(right);
      }
      return;
    }
    case LogicalOperatorType::MATERIALIZED_CTE:
      // Its output is the reading query's: nothing to compute when that reads nothing.
      if (IsEmpty(op->children[1])) ReplaceWithEmpty(op);
      return;
    case LogicalOperatorType::UNION:
      RemoveEmptyUnionInputs(op);
      return;
    default:
      return;
  }
}

}  // namespace

LogicalOperatorPtr PropagateEmptyResults(LogicalOperatorPtr plan) {
  Propagate(plan);
  return plan;
}

}  // namespace cairn
