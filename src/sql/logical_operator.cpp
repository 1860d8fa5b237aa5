#include "sql/logical_operator.h"

#include <algorithm>
#include "common/stack_depth.h"

namespace cairn {

namespace {

std::string JoinExpressions(const std::vector<ExpressionPtr>& expressions, const char* separator) {
  std::string result;
  for (size_t i = 0; i < expressions.size(); i++) {
    if (i > 0) result += separator;
    result += expressions[i]->ToString();
  }
  return result;
}

std::string OrdersToString(const std::vector<BoundOrderBy>& orders) {
  std::string result;
  for (size_t i = 0; i < orders.size(); i++) {
    if (i > 0) result += ", ";
    result += orders[i].ToString();
  }
  return result;
}

const char* FilterOpName(TableFilter::Op op) {
  switch (op) {
    case TableFilter::Op::EQUAL: return "=";
    case TableFilter::Op::NOT_EQUAL: return "<>";
    case TableFilter::Op::LESS: return "<";
    case TableFilter::Op::LESS_EQUAL: return "<=";
    case TableFilter::Op::GREATER: return ">";
    case TableFilter::Op::GREATER_EQUAL: return ">=";
    case TableFilter::Op::IS_NULL: return "IS NULL";
    case TableFilter::Op::IS_NOT_NULL: return "IS NOT NULL";
  }
  return "?";
}

const char* JoinTypeName(JoinType type) {
  switch (type) {
    case JoinType::INNER: return "INNER";
    case JoinType::LEFT: return "LEFT";
    case JoinType::RIGHT: return "RIGHT";
    case JoinType::FULL: return "FULL";
    case JoinType::CROSS: return "CROSS";
    case JoinType::SEMI: return "SEMI";
    case JoinType::ANTI: return "ANTI";
    case JoinType::MARK: return "MARK";
    case JoinType::SINGLE: return "SINGLE";
  }
  return "?";
}

}  // namespace

std::string LogicalOperator::ToString(int indent) const {
  CheckStackDepth();
  std::string result(static_cast<size_t>(indent), ' ');
  result += ParamsToString();
  result += '\n';
  for (const auto& child : children) result += child->ToString(indent + 2);
  return result;
}

std::string LogicalGet::ParamsToString() const {
  std::string result = "GET " + table_name;
  if (source) result += " (" + source->Describe() + ")";
  result += " [";
  for (size_t i = 0; i < names.size(); i++) {
    if (i > 0) result += ", ";
    result += names[i];
  }
  result += "]";
  if (!filters.empty()) {
    result += " filters: ";
    const auto* columns = source ? &source->columns() : nullptr;
    for (size_t i = 0; i < filters.size(); i++) {
      const TableFilter& filter = filters[i];
      if (i > 0) result += " AND ";
      std::string column = columns && filter.column < columns->size() ? (*columns)[filter.column].name
                                                                      : "#" + std::to_string(filter.column);
      result += column + " " + FilterOpName(filter.op);
      if (filter.op != TableFilter::Op::IS_NULL && filter.op != TableFilter::Op::IS_NOT_NULL) {
        result += " " + BoundConstant(filter.constant).ToString();
      }
    }
  }
  if (limit) result += " limit: " + std::to_string(*limit);
  return result;
}

std::string LogicalValues::ParamsToString() const {
  return "VALUES (" + std::to_string(rows.size()) + (rows.size() == 1 ? " row)" : " rows)");
}

std::string LogicalFilter::ParamsToString() const { return "FILTER " + JoinExpressions(expressions, " AND "); }

std::string LogicalProjection::ParamsToString() const { return "PROJECTION " + JoinExpressions(expressions, ", "); }

std::string BoundAggregate::ToString() const {
  if (function.name == "count_star") return "count_star()";
  std::string result = function.name + "(";
  if (distinct) result += "DISTINCT ";
  result += JoinExpressions(children, ", ");
  result += ")";
  if (filter) result += " FILTER (WHERE " + filter->ToString() + ")";
  return result;
}

std::string LogicalAggregate::ParamsToString() const {
  std::string result = "AGGREGATE";
  if (!groups.empty()) result += " groups: " + JoinExpressions(groups, ", ");
  if (!aggregates.empty()) {
    result += " aggregates: ";
    for (size_t i = 0; i < aggregates.size(); i++) {
      if (i > 0) result += ", ";
      result += aggregates[i].ToString();
    }
  }
  return result;
}

std::string LogicalJoin::ParamsToString() const {
  std::string result;
  if (!left_keys.empty()) {
    result = std::string("HASH_JOIN ") + JoinTypeName(join_type) + " ";
    for (size_t i = 0; i < left_keys.size(); i++) {
      if (i > 0) result += " AND ";
      const bool null_equal = i < null_equal_keys.size() && null_equal_keys[i];
      result += left_keys[i]->ToString() + (null_equal ? " IS NOT DISTINCT FROM " : " = ") + right_keys[i]->ToString();
    }
  } else if (join_type == JoinType::CROSS) {
    result = "CROSS_PRODUCT";
  } else {
    result = std::string("NESTED_LOOP_JOIN ") + JoinTypeName(join_type);
  }
  if (residual) result += " residual: " + residual->ToString();
  if (mark_condition) result += " mark: " + mark_condition->ToString();
  return result;
}

std::string BoundOrderBy::ToString() const {
  return expression->ToString() + (ascending ? " ASC" : " DESC") + (nulls_first ? " NULLS FIRST" : " NULLS LAST");
}

std::string LogicalOrder::ParamsToString() const { return "ORDER_BY " + OrdersToString(orders); }

std::string LogicalLimit::ParamsToString() const {
  std::string result = "LIMIT";
  result += limit ? " " + std::to_string(*limit) : std::string(" ALL");
  if (offset > 0) result += " OFFSET " + std::to_string(offset);
  return result;
}

std::string LogicalTopN::ParamsToString() const {
  std::string result = "TOP_N " + std::to_string(limit);
  if (offset > 0) result += " OFFSET " + std::to_string(offset);
  return result + " ORDER BY " + OrdersToString(orders);
}

std::vector<ColumnBinding> LogicalOperator::GetColumnBindings() const {
  // Pass-through operators (FILTER, ORDER_BY, LIMIT, TOP_N): the child's columns. Iterative, so
  // a long chain of them costs no stack.
  const LogicalOperator* op = this;
  while (op->type == LogicalOperatorType::FILTER || op->type == LogicalOperatorType::ORDER_BY ||
         op->type == LogicalOperatorType::LIMIT || op->type == LogicalOperatorType::TOP_N) {
    if (op->children.empty()) return {};
    op = op->children[0].get();
  }
  if (op == this) return {};
  return op->GetColumnBindings();
}

std::vector<ColumnBinding> LogicalGet::GetColumnBindings() const {
  std::vector<ColumnBinding> bindings;
  bindings.reserve(column_ids.size());
  for (idx_t column : column_ids) bindings.push_back(ColumnBinding{table_index, column});
  return bindings;
}

namespace {

std::vector<ColumnBinding> Sequential(idx_t table_index, idx_t count) {
  std::vector<ColumnBinding> bindings;
  bindings.reserve(count);
  for (idx_t i = 0; i < count; i++) bindings.push_back(ColumnBinding{table_index, i});
  return bindings;
}

void ForEachOrderExpression(std::vector<BoundOrderBy>& orders, const std::function<void(ExpressionPtr&)>& fn) {
  for (auto& order : orders) fn(order.expression);
}

}  // namespace

std::vector<ColumnBinding> LogicalValues::GetColumnBindings() const { return Sequential(table_index, types.size()); }

std::vector<ColumnBinding> LogicalProjection::GetColumnBindings() const {
  return Sequential(table_index, expressions.size());
}

std::vector<ColumnBinding> LogicalAggregate::GetColumnBindings() const {
  std::vector<ColumnBinding> bindings = Sequential(group_index, groups.size());
  for (idx_t i = 0; i < aggregates.size(); i++) bindings.push_back(ColumnBinding{aggregate_index, i});
  return bindings;
}

std::vector<ColumnBinding> LogicalUnion::GetColumnBindings() const { return Sequential(table_index, types.size()); }

std::vector<ColumnBinding> LogicalRecursiveCte::GetColumnBindings() const { return Sequential(table_index, types.size()); }

std::string LogicalRecursiveCte::ParamsToString() const {
  return std::string("RECURSIVE_CTE ") + cte_name + (union_all ? " (UNION ALL)" : " (UNION)");
}

std::vector<ColumnBinding> LogicalJoin::GetColumnBindings() const {
  std::vector<ColumnBinding> bindings = children[0]->GetColumnBindings();
  if (join_type == JoinType::MARK) {
    bindings.push_back(ColumnBinding{mark_index, 0});
  } else if (join_type != JoinType::SEMI && join_type != JoinType::ANTI) {
    std::vector<ColumnBinding> right = children[1]->GetColumnBindings();
    bindings.insert(bindings.end(), right.begin(), right.end());
  }
  return bindings;
}

void LogicalFilter::ForEachExpression(const std::function<void(ExpressionPtr&)>& fn) {
  for (auto& expression : expressions) fn(expression);
}

void LogicalProjection::ForEachExpression(const std::function<void(ExpressionPtr&)>& fn) {
  for (auto& expression : expressions) fn(expression);
}

void LogicalAggregate::ForEachExpression(const std::function<void(ExpressionPtr&)>& fn) {
  for (auto& group : groups) fn(group);
  for (auto& aggregate : aggregates) {
    for (auto& child : aggregate.children) fn(child);
    if (aggregate.filter) fn(aggregate.filter);
  }
}

void LogicalJoin::ForEachExpression(const std::function<void(ExpressionPtr&)>& fn) {
  for (auto& key : left_keys) fn(key);
  for (auto& key : right_keys) fn(key);
  if (residual) fn(residual);
  if (mark_condition) fn(mark_condition);
}

void LogicalOrder::ForEachExpression(const std::function<void(ExpressionPtr&)>& fn) { ForEachOrderExpression(orders, fn); }

void LogicalTopN::ForEachExpression(const std::function<void(ExpressionPtr&)>& fn) { ForEachOrderExpression(orders, fn); }

void ForEachExpressionInPlan(LogicalOperator& plan, const std::function<void(ExpressionPtr&)>& fn) {
  CheckStackDepth();
  plan.ForEachExpression(fn);
  for (auto& child : plan.children) ForEachExpressionInPlan(*child, fn);
}

void ForEachOuterColumnRef(LogicalOperator& plan, idx_t level, const std::function<void(BoundColumnRef&)>& fn) {
  std::function<void(Expression&, idx_t)> visit = [&](Expression& expression, idx_t at) {
    CheckStackDepth();
    if (expression.expression_class == ExpressionClass::COLUMN_REF) {
      auto& ref = static_cast<BoundColumnRef&>(expression);
      if (ref.depth == at) fn(ref);
      return;
    }
    if (expression.expression_class == ExpressionClass::SUBQUERY) {
      ForEachOuterColumnRef(*static_cast<BoundSubquery&>(expression).subquery, at + 1, fn);
    }
    ForEachChild(expression, [&](ExpressionPtr& child) { visit(*child, at); });
  };
  ForEachExpressionInPlan(plan, [&](ExpressionPtr& expression) { visit(*expression, level); });
}

void CollectTableIndexes(const LogicalOperator& plan, std::vector<idx_t>& table_indexes) {
  CheckStackDepth();
  switch (plan.type) {
    case LogicalOperatorType::GET: table_indexes.push_back(static_cast<const LogicalGet&>(plan).table_index); break;
    case LogicalOperatorType::VALUES: table_indexes.push_back(static_cast<const LogicalValues&>(plan).table_index); break;
    case LogicalOperatorType::PROJECTION:
      table_indexes.push_back(static_cast<const LogicalProjection&>(plan).table_index);
      break;
    case LogicalOperatorType::AGGREGATE:
      table_indexes.push_back(static_cast<const LogicalAggregate&>(plan).group_index);
      table_indexes.push_back(static_cast<const LogicalAggregate&>(plan).aggregate_index);
      break;
    case LogicalOperatorType::UNION: table_indexes.push_back(static_cast<const LogicalUnion&>(plan).table_index); break;
    case LogicalOperatorType::RECURSIVE_CTE:
      table_indexes.push_back(static_cast<const LogicalRecursiveCte&>(plan).table_index);
      break;
    case LogicalOperatorType::JOIN:
      if (static_cast<const LogicalJoin&>(plan).join_type == JoinType::MARK) {
        table_indexes.push_back(static_cast<const LogicalJoin&>(plan).mark_index);
      }
      break;
    default: break;
  }
  for (const auto& child : plan.children) CollectTableIndexes(*child, table_indexes);
}

idx_t NextFreeTableIndex(const LogicalOperator& plan) {
  std::vector<idx_t> table_indexes;
  CollectTableIndexes(plan, table_indexes);
  idx_t next = 0;
  for (idx_t index : table_indexes) next = std::max(next, index + 1);
  return next;
}

}  // namespace cairn
