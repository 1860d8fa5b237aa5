// Array expressions: ARRAY[...] constructors, subscripts and slices (a[i], a[i:j]) and
// `x op ANY/ALL (array)`, bound as PostgreSQL binds them (docs/sql/arrays.md).
#include <climits>

#include "cairn/exception.h"
#include "function/aggregate/ordered_aggregate.h"
#include "function/aggregate_function.h"
#include "function/array_functions.h"
#include "function/cast.h"
#include "sql/binder.h"

namespace cairn {

ExpressionPtr Binder::BindArrayExpr(const PgQuery__AArrayExpr& expr, Scope& scope, const LogicalType* target) {
  auto position = Position(expr.location);
  std::vector<Argument> elements;
  for (size_t i = 0; i < expr.n_elements; i++) {
    if (expr.elements[i]->node_case == PG_QUERY__NODE__NODE_A_ARRAY_EXPR) {
      throw Exception(sqlstate::kFeatureNotSupported, "multidimensional arrays are not supported", position);
    }
    elements.push_back(BindArgument(expr.elements[i], scope));
  }
  LogicalType element_type;
  if (target && target->IsArray()) {
    // ARRAY[...]::type[]: the elements take the element type directly (ARRAY[]::int[]).
    element_type = target->element_type();
    for (auto& element : elements) element.expression = AddCast(std::move(element.expression), element_type);
  } else {
    if (elements.empty()) {
      throw Exception(sqlstate::kIndeterminateDatatype, "cannot determine type of empty array", position,
                      "Explicitly cast to the desired type, for example ARRAY[]::integer[].");
    }
    element_type = UnifyTypes(elements, true);
    // ARRAY[NULL] and ARRAY['a']: PostgreSQL resolves unknown elements as text.
    if (element_type.id() == TypeId::SQLNULL) {
      element_type = TypeId::VARCHAR;
      for (auto& element : elements) element.expression = AddCast(std::move(element.expression), element_type);
    }
    if (element_type.IsArray()) {
      throw Exception(sqlstate::kFeatureNotSupported, "multidimensional arrays are not supported", position);
    }
  }
  std::vector<ExpressionPtr> children;
  for (auto& element : elements) children.push_back(std::move(element.expression));
  return std::make_unique<BoundFunction>(function::ArrayConstructor(element_type, children.size()), std::move(children));
}

ExpressionPtr Binder::BindIndirection(const PgQuery__AIndirection& indirection, Scope& scope) {
  ExpressionPtr base = Bind(indirection.arg, scope);
  for (size_t i = 0; i < indirection.n_indirection; i++) {
    const PgQuery__Node* step = indirection.indirection[i];
    if (step->node_case != PG_QUERY__NODE__NODE_A_INDICES) {
      throw Exception(sqlstate::kFeatureNotSupported, "field selection is not supported yet");
    }
    if (!base->return_type.IsArray()) {
      if (base->return_type.id() == TypeId::SQLNULL) {
        base = AddCast(std::move(base), LogicalType::Array(TypeId::VARCHAR));
      } else {
        throw Exception(sqlstate::kDatatypeMismatch,
                        "cannot subscript type " + cast::ErrorTypeName(base->return_type) + " because it does not support subscripting");
      }
    }
    const PgQuery__AIndices& indices = *step->a_indices;
    auto subscript = [&](const PgQuery__Node* node, int32_t omitted) -> ExpressionPtr {
      if (!node) return std::make_unique<BoundConstant>(Value::Integer(omitted));
      Argument argument = BindArgument(node, scope);
      const LogicalType& type = argument.expression->return_type;
      if (!argument.string_literal && type.id() != TypeId::SQLNULL && !type.IsIntegral()) {
        throw Exception(sqlstate::kDatatypeMismatch, "array subscript must have type integer",
                        Position(NodeLocation(*node)));
      }
      return AddCast(std::move(argument.expression), TypeId::INTEGER);
    };
    std::vector<ExpressionPtr> children;
    const LogicalType array_type = base->return_type;
    children.push_back(std::move(base));
    if (indices.is_slice) {
      children.push_back(subscript(indices.lidx, INT_MIN));
      children.push_back(subscript(indices.uidx, INT_MAX));
      base = std::make_unique<BoundFunction>(function::ArraySlice(array_type), std::move(children));
    } else {
      if (i + 1 < indirection.n_indirection) {
        throw Exception(sqlstate::kFeatureNotSupported, "multidimensional arrays are not supported");
      }
      children.push_back(subscript(indices.uidx, 0));
      base = std::make_unique<BoundFunction>(function::ArraySubscript(array_type), std::move(children));
    }
  }
  return base;
}

ExpressionPtr Binder::BindArrayComparison(const PgQuery__AExpr& expr, Scope& scope) {
  auto position = Position(expr.location);
  const std::string name = expr.n_name > 0 ? NodeString(expr.name[expr.n_name - 1]) : "=";
  const bool all = expr.kind == PG_QUERY__A__EXPR__KIND__AEXPR_OP_ALL;
  Argument left = BindArgument(expr.lexpr, scope);
  Argument right = BindArgument(expr.rexpr, scope);
  // The array side: an unknown literal is an array of the left operand's type.
  if (right.string_literal || right.expression->return_type.id() == TypeId::SQLNULL) {
    LogicalType element = left.string_literal || left.expression->return_type.id() == TypeId::SQLNULL
                              ? LogicalType(TypeId::VARCHAR)
                              : left.expression->return_type;
    right.expression = AddCast(std::move(right.expression), LogicalType::Array(element));
  }
  if (!right.expression->return_type.IsArray()) {
    throw Exception("42809", "op ANY/ALL (array) requires array on right side", position);
  }
  // Bind `x op element` as the comparison itself is bound: it decides the common type.
  const LogicalType element = right.expression->return_type.element_type();
  std::vector<Argument> check;
  check.push_back(Argument{left.expression->Copy(), left.string_literal});
  check.push_back(Argument{std::make_unique<BoundConstant>(Value::Null(element)), false});
  ExpressionPtr bound = BindOperator(name, std::move(check));
  if (bound->return_type.id() != TypeId::BOOLEAN || bound->expression_class != ExpressionClass::FUNCTION) {
    throw Exception(sqlstate::kDatatypeMismatch, "op ANY/ALL (array) requires operator to yield boolean", position);
  }
  const auto& comparison = static_cast<const BoundFunction&>(*bound);
  if (comparison.children.size() != 2) {
    throw Exception(sqlstate::kDatatypeMismatch, "op ANY/ALL (array) requires a binary operator", position);
  }
  if (!IsComparison(name == "!=" ? "<>" : name)) {
    // LIKE, ~, ...: the operator's own kernel over each element.
    const LogicalType left_type = comparison.children[0]->return_type;
    const LogicalType element_type = comparison.children[1]->return_type;
    std::vector<ExpressionPtr> children;
    children.push_back(AddCast(std::move(left.expression), left_type));
    children.push_back(AddCast(std::move(right.expression), LogicalType::Array(element_type)));
    return std::make_unique<BoundFunction>(function::ArrayAnyOperator(comparison.function, all), std::move(children));
  }
  const LogicalType common = comparison.children[1]->return_type;
  std::vector<ExpressionPtr> children;
  children.push_back(AddCast(std::move(left.expression), common));
  children.push_back(AddCast(std::move(right.expression), LogicalType::Array(common)));
  return std::make_unique<BoundFunction>(function::ArrayAnyComparison(name, all, common), std::move(children));
}

ExpressionPtr Binder::BindArraySubLink(const PgQuery__SubLink& link, Scope& scope) {
  auto position = Position(link.location);
  Binder child = MakeChild();
  if (scope.context) child.outer_contexts_.push_back(scope.context);
  LogicalOperatorPtr plan = child.BindQueryNode(link.subselect);
  if (plan->types.size() != 1) throw Exception(sqlstate::kSyntaxError, "subquery must return only one column", position);
  // The subquery's ORDER BY orders the array: array_agg(x ORDER BY the same keys) over the
  // ordered (and limited) rows, before the projection that drops hidden sort columns.
  LogicalOperator* below = plan->type == LogicalOperatorType::PROJECTION ? plan->children[0].get() : plan.get();
  while (below->type == LogicalOperatorType::LIMIT) below = below->children[0].get();
  auto* order = below->type == LogicalOperatorType::ORDER_BY ? static_cast<LogicalOrder*>(below) : nullptr;
  ExpressionPtr argument;
  LogicalOperatorPtr input;
  if (order && plan->type == LogicalOperatorType::PROJECTION) {
    argument = static_cast<LogicalProjection&>(*plan).expressions[0]->Copy();
    input = std::move(plan->children[0]);
  } else {
    argument = std::make_unique<BoundColumnRef>(plan->GetColumnBindings()[0], plan->types[0], plan->names[0]);
    input = std::move(plan);
  }
  if (argument->return_type.id() == TypeId::SQLNULL) argument = AddCast(std::move(argument), TypeId::VARCHAR);
  if (argument->return_type.IsArray()) {
    throw Exception(sqlstate::kFeatureNotSupported, "ARRAY() of an array (a multidimensional array) is not supported", position);
  }
  const LogicalType element = argument->return_type;
  BoundAggregate aggregate;
  aggregate.function = BindAggregateFunction("array_agg", {element});
  aggregate.children.push_back(std::move(argument));
  if (order) {
    std::vector<LogicalType> key_types;
    std::vector<aggregate::AggregateOrder> directions;
    for (const auto& key : order->orders) {
      key_types.push_back(key.expression->return_type);
      directions.push_back(aggregate::AggregateOrder{!key.ascending, key.nulls_first});
      aggregate.children.push_back(key.expression->Copy());
    }
    aggregate.function = aggregate::MakeOrderedAggregate(aggregate.function, key_types, directions);
  }
  auto aggregation = std::make_unique<LogicalAggregate>();
  aggregation->group_index = NewTableIndex();
  aggregation->aggregate_index = NewTableIndex();
  aggregation->types.push_back(LogicalType::Array(element));
  aggregation->names.push_back("array");
  aggregation->aggregates.push_back(std::move(aggregate));
  aggregation->children.push_back(std::move(input));
  // No rows make an empty array, not NULL.
  std::vector<ExpressionPtr> coalesce;
  coalesce.push_back(std::make_unique<BoundColumnRef>(ColumnBinding{aggregation->aggregate_index, 0},
                                                      LogicalType::Array(element), "array"));
  coalesce.push_back(std::make_unique<BoundConstant>(Value::Array(element, {})));
  std::vector<ExpressionPtr> output;
  output.push_back(std::make_unique<BoundOperator>(OperatorType::COALESCE, LogicalType::Array(element), std::move(coalesce)));
  LogicalOperatorPtr result = MakeProjection(std::move(aggregation), std::move(output), {"array"});
  const LogicalType type = result->types[0];
  return std::make_unique<BoundSubquery>(SubqueryType::SCALAR, type, std::shared_ptr<LogicalOperator>(std::move(result)));
}

}  // namespace cairn
