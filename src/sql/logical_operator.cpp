#include "sql/logical_operator.h"
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
      result += left_keys[i]->ToString() + " = " + right_keys[i]->ToString();
    }
  } else if (join_type == JoinType::CROSS) {
    result = "CROSS_PRODUCT";
  } else {
    result = std::string("NESTED_LOOP_JOIN ") + JoinTypeName(join_type);
  }
  if (residual) result += " residual: " + residual->ToString();
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

}  // namespace cairn
