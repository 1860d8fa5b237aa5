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
    case JoinType::RIGHT_SEMI: return "RIGHT_SEMI";
    case JoinType::RIGHT_ANTI: return "RIGHT_ANTI";
  }
  return "?";
}

}  // namespace

std::string LogicalOperator::ToString(int indent, const std::function<std::string(const LogicalOperator&)>* annotate) const {
  CheckStackDepth();
  std::string result(static_cast<size_t>(indent), ' ');
  result += ParamsToString();
  if (annotate) result += (*annotate)(*this);
  result += '\n';
  for (const auto& child : children) result += child->ToString(indent + 2, annotate);
  return result;
}

std::string LogicalEmptyResult::ParamsToString() const {
  std::string result = "EMPTY_RESULT [";
  for (size_t i = 0; i < names.size(); i++) {
    if (i > 0) result += ", ";
    result += names[i];
  }
  return result + "]";
}

std::string LogicalGet::ParamsToString() const {
  std::string result = "GET " + table_name;
  if (source) result += " (" + source->DescribeScan(filters) + ")";
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

std::string LogicalMaterializedCte::ParamsToString() const { return "MATERIALIZED_CTE " + cte_name; }

std::string LogicalCteScan::ParamsToString() const { return "CTE_SCAN " + cte_name; }

std::vector<ColumnBinding> LogicalCteScan::GetColumnBindings() const {
  return bindings.empty() ? Sequential(table_index, types.size()) : bindings;
}

std::string LogicalRecursiveCte::ParamsToString() const {
  return std::string("RECURSIVE_CTE ") + cte_name + (union_all ? " (UNION ALL)" : " (UNION)");
}

std::vector<ColumnBinding> LogicalJoin::GetColumnBindings() const {
  if (OutputsRightOnly(join_type)) return children[1]->GetColumnBindings();
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
    case LogicalOperatorType::CTE_SCAN: {
      const auto& scan = static_cast<const LogicalCteScan&>(plan);
      if (scan.bindings.empty()) table_indexes.push_back(scan.table_index);
      for (const ColumnBinding& binding : scan.bindings) {
        if (std::find(table_indexes.begin(), table_indexes.end(), binding.table_index) == table_indexes.end()) {
          table_indexes.push_back(binding.table_index);
        }
      }
      break;
    }
    case LogicalOperatorType::JOIN:
      if (static_cast<const LogicalJoin&>(plan).join_type == JoinType::MARK) {
        table_indexes.push_back(static_cast<const LogicalJoin&>(plan).mark_index);
      }
      break;
    case LogicalOperatorType::WINDOW: table_indexes.push_back(static_cast<const LogicalWindow&>(plan).window_index); break;
    case LogicalOperatorType::EMPTY_RESULT:
      // The replaced subtree's indexes: still named by the operators above.
      for (const auto& binding : static_cast<const LogicalEmptyResult&>(plan).bindings) {
        table_indexes.push_back(binding.table_index);
      }
      break;
    case LogicalOperatorType::PROJECT_SET:
      table_indexes.push_back(static_cast<const LogicalProjectSet&>(plan).set_index);
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

// ---- LogicalWindow ----

namespace {

const char* BoundaryText(WindowBoundary boundary) {
  switch (boundary) {
    case WindowBoundary::UNBOUNDED_PRECEDING: return "UNBOUNDED PRECEDING";
    case WindowBoundary::OFFSET_PRECEDING: return " PRECEDING";
    case WindowBoundary::CURRENT_ROW: return "CURRENT ROW";
    case WindowBoundary::OFFSET_FOLLOWING: return " FOLLOWING";
    case WindowBoundary::UNBOUNDED_FOLLOWING: return "UNBOUNDED FOLLOWING";
  }
  return "?";
}

std::string FrameText(const BoundWindowExpression& w) {
  const WindowFrameShape& f = w.frame;
  const char* unit = f.unit == WindowFrameUnit::ROWS ? "ROWS" : f.unit == WindowFrameUnit::GROUPS ? "GROUPS" : "RANGE";
  auto bound = [&](WindowBoundary b, uint64_t offset) {
    bool has_offset = b == WindowBoundary::OFFSET_PRECEDING || b == WindowBoundary::OFFSET_FOLLOWING;
    if (!has_offset) return std::string(BoundaryText(b));
    if (f.unit == WindowFrameUnit::RANGE) return std::string("<offset>") + BoundaryText(b);
    return std::to_string(offset) + BoundaryText(b);
  };
  std::string text = std::string(unit) + " BETWEEN " + bound(f.start, f.start_offset) + " AND " +
                     bound(f.end, f.end_offset);
  switch (f.exclusion) {
    case WindowExclusion::NO_OTHERS: break;
    case WindowExclusion::CURRENT_ROW: text += " EXCLUDE CURRENT ROW"; break;
    case WindowExclusion::GROUP: text += " EXCLUDE GROUP"; break;
    case WindowExclusion::TIES: text += " EXCLUDE TIES"; break;
  }
  return text;
}

}  // namespace

bool BoundWindowExpression::SameWindow(const BoundWindowExpression& other) const {
  if (partitions.size() != other.partitions.size() || orders.size() != other.orders.size()) return false;
  for (size_t i = 0; i < partitions.size(); i++) {
    if (!ExpressionEquals(*partitions[i], *other.partitions[i])) return false;
  }
  for (size_t i = 0; i < orders.size(); i++) {
    if (orders[i].ascending != other.orders[i].ascending || orders[i].nulls_first != other.orders[i].nulls_first ||
        !ExpressionEquals(*orders[i].expression, *other.orders[i].expression)) {
      return false;
    }
  }
  return true;
}

BoundWindowExpression BoundWindowExpression::Copy() const {
  BoundWindowExpression copy;
  copy.kind = kind;
  copy.aggregate = aggregate;
  copy.return_type = return_type;
  for (const auto& child : children) copy.children.push_back(child->Copy());
  if (filter) copy.filter = filter->Copy();
  for (const auto& partition : partitions) copy.partitions.push_back(partition->Copy());
  for (const auto& order : orders) {
    copy.orders.push_back(BoundOrderBy{order.expression->Copy(), order.ascending, order.nulls_first});
  }
  copy.frame = frame;
  if (range_key) copy.range_key = range_key->Copy();
  if (range_start) copy.range_start = range_start->Copy();
  if (range_end) copy.range_end = range_end->Copy();
  return copy;
}

void BoundWindowExpression::ForEachExpression(const std::function<void(ExpressionPtr&)>& fn) {
  for (auto& child : children) fn(child);
  if (filter) fn(filter);
  for (auto& partition : partitions) fn(partition);
  for (auto& order : orders) fn(order.expression);
  if (range_key) fn(range_key);
  if (range_start) fn(range_start);
  if (range_end) fn(range_end);
}

std::string BoundWindowExpression::ToString() const {
  std::string name = kind == WindowFunctionKind::AGGREGATE ? aggregate.name : WindowFunctionName(kind);
  if (name == "count_star") name = "count";
  std::string text = name + "(" + (name == "count" && children.empty() ? "*" : JoinExpressions(children, ", ")) + ")";
  if (filter) text += " FILTER (WHERE " + filter->ToString() + ")";
  text += " OVER (";
  if (!partitions.empty()) text += "PARTITION BY " + JoinExpressions(partitions, ", ") + " ";
  if (!orders.empty()) text += "ORDER BY " + OrdersToString(orders) + " ";
  return text + FrameText(*this) + ")";
}

std::string LogicalWindow::ParamsToString() const {
  std::string text = "WINDOW";
  for (size_t i = 0; i < expressions.size(); i++) text += (i == 0 ? " " : ", ") + expressions[i].ToString();
  return text;
}

std::vector<ColumnBinding> LogicalWindow::GetColumnBindings() const {
  std::vector<ColumnBinding> bindings = children.empty() ? std::vector<ColumnBinding>{} : children[0]->GetColumnBindings();
  for (idx_t i = 0; i < expressions.size(); i++) bindings.push_back(ColumnBinding{window_index, i});
  return bindings;
}

void LogicalWindow::ForEachExpression(const std::function<void(ExpressionPtr&)>& fn) {
  for (auto& expression : expressions) expression.ForEachExpression(fn);
}

std::string LogicalProjectSet::ParamsToString() const {
  std::string text = "PROJECT_SET";
  for (size_t i = 0; i < functions.size(); i++) text += (i == 0 ? " " : ", ") + functions[i]->ToString();
  if (ordinality) text += " WITH ORDINALITY";
  return text;
}

std::vector<ColumnBinding> LogicalProjectSet::GetColumnBindings() const {
  std::vector<ColumnBinding> bindings = children.empty() ? std::vector<ColumnBinding>{} : children[0]->GetColumnBindings();
  for (idx_t i = 0; i < functions.size() + (ordinality ? 1 : 0); i++) bindings.push_back(ColumnBinding{set_index, i});
  return bindings;
}

void LogicalProjectSet::ForEachExpression(const std::function<void(ExpressionPtr&)>& fn) {
  for (auto& function : functions) fn(function);
}

}  // namespace cairn
