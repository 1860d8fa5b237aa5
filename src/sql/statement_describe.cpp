#include "sql/utility_statements.h"

namespace cairn {

LogicalOperatorPtr MakeVarcharValues(const std::vector<std::string>& names,
                                     const std::vector<std::vector<std::optional<std::string>>>& rows) {
  auto values = std::make_unique<LogicalValues>();
  values->names = names;
  values->types.assign(names.size(), TypeId::VARCHAR);
  for (const auto& row : rows) {
    std::vector<Value> value_row;
    for (const auto& cell : row) value_row.push_back(cell ? Value::Varchar(*cell) : Value::Null(TypeId::VARCHAR));
    values->rows.push_back(std::move(value_row));
  }
  return values;
}

PlannedStatement PlanDescribe(const LogicalOperator& plan) {
  // Nullability is known for plain scans (DESCRIBE table): SELECT * FROM t is a projection of
  // column references over a GET.
  std::vector<bool> nullable(plan.types.size(), true);
  if (plan.type == LogicalOperatorType::PROJECTION && plan.children[0]->type == LogicalOperatorType::GET) {
    const auto& projection = static_cast<const LogicalProjection&>(plan);
    const auto& get = static_cast<const LogicalGet&>(*plan.children[0]);
    for (size_t i = 0; i < projection.expressions.size(); i++) {
      const Expression& expression = *projection.expressions[i];
      if (expression.expression_class != ExpressionClass::COLUMN_REF) continue;
      idx_t column = static_cast<const BoundColumnRef&>(expression).binding.column_index;  // a source column id
      nullable[i] = get.source->columns()[column].nullable;
    }
  }
  std::vector<std::vector<std::optional<std::string>>> rows;
  for (size_t i = 0; i < plan.types.size(); i++) {
    rows.push_back({plan.names[i], plan.types[i].ToString(), std::string(nullable[i] ? "YES" : "NO"), std::nullopt,
                    std::nullopt, std::nullopt});
  }
  PlannedStatement prepared;
  prepared.plan = MakeVarcharValues({"column_name", "column_type", "null", "key", "default", "extra"}, rows);
  prepared.names = prepared.plan->names;
  prepared.command_tag = "DESCRIBE";
  return prepared;
}

}  // namespace cairn
