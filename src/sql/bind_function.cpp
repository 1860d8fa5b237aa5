// Function calls: scalar functions (with PostgreSQL's special-syntax spellings mapped onto the
// catalog's names), aggregates (collected into the query's aggregate list), GREATEST/LEAST.
#include <chrono>

#include "cairn/exception.h"
#include "catalog/pg_catalog_functions.h"
#include "function/aggregate_function.h"
#include "function/aggregate/ordered_aggregate.h"
#include "function/window/window_function.h"
#include "function/cast.h"
#include "sql/binder.h"

namespace cairn {

namespace {

/// Alternative catalog names for PostgreSQL spellings (first existing one wins).
std::vector<std::string> CandidateNames(const std::string& name) {
  if (name == "extract") return {"extract", "date_part"};
  if (name == "date_part") return {"date_part", "extract"};
  if (name == "substring") return {"substring", "substr"};
  if (name == "substr") return {"substr", "substring"};
  if (name == "btrim") return {"btrim", "trim"};
  if (name == "position") return {"position", "strpos", "instr"};
  if (name == "strpos") return {"strpos", "position", "instr"};
  if (name == "char_length" || name == "character_length") return {name, "length"};
  if (name == "ceiling") return {"ceiling", "ceil"};
  if (name == "pow") return {"pow", "power"};
  if (name == "power") return {"power", "pow"};
  return {name};
}

std::string FunctionName(const PgQuery__FuncCall& call) {
  std::string name;
  for (size_t i = 0; i < call.n_funcname; i++) {
    std::string part = NodeString(call.funcname[i]);
    if (i + 1 < call.n_funcname && (part == "pg_catalog" || part == "main")) continue;
    name = name.empty() ? part : name + "." + part;
  }
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

}  // namespace

ExpressionPtr Binder::BindFuncCall(const PgQuery__FuncCall& call, Scope& scope) {
  std::string name = FunctionName(call);
  auto position = Position(call.location);
  if (call.over) return BindWindowCall(name, call, scope);
  if (LookupWindowFunction(name)) {
    if (call.agg_within_group) {
      throw Exception(sqlstate::kFeatureNotSupported, "hypothetical-set aggregate " + name + " is not supported yet",
                      position);
    }
    throw Exception(window_sqlstate::kWrongObjectType, "window function " + name + " requires an OVER clause", position);
  }
  if (call.agg_star || IsAggregateFunction(name)) return BindAggregateCall(name, call, scope);
  if (call.agg_distinct || call.agg_filter || call.n_agg_order > 0) {
    throw Exception(sqlstate::kUndefinedFunction,
                    "DISTINCT, ORDER BY or FILTER specified, but " + name + " is not an aggregate function", position);
  }
  for (size_t i = 0; i < call.n_args; i++) {
    if (call.args[i]->node_case == PG_QUERY__NODE__NODE_NAMED_ARG_EXPR) {
      throw Exception(sqlstate::kFeatureNotSupported, "named arguments are only supported for table functions",
                      position);
    }
  }
  if ((name == "now" || name == "current_timestamp" || name == "transaction_timestamp") && call.n_args == 0) {
    auto now = std::chrono::system_clock::now();
    return std::make_unique<BoundConstant>(
        Value::TimestampTz(std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count()));
  }
  std::vector<Argument> arguments;
  for (size_t i = 0; i < call.n_args; i++) arguments.push_back(BindArgument(call.args[i], scope));
  if (name == "typeof" || name == "pg_typeof") {
    // The argument's type is known at bind time: the result is a constant (DuckDB's typeof).
    if (arguments.size() != 1) {
      throw Exception(sqlstate::kUndefinedFunction, name + " takes exactly one argument", position);
    }
    if (name == "typeof") return std::make_unique<BoundConstant>(Value::Varchar(arguments[0].expression->return_type.ToString()));
    // pg_typeof spells PostgreSQL's type names; an untyped literal is PostgreSQL's "unknown".
    return std::make_unique<BoundConstant>(Value::Varchar(
        arguments[0].string_literal ? "unknown" : PostgresTypeName(arguments[0].expression->return_type)));
  }
  if ((name == "extract" || name == "date_part") && !arguments.empty() &&
      arguments[0].expression->expression_class == ExpressionClass::CONSTANT) {
    // extract(YEAR FROM x) arrives as 'year'; field names are case-insensitive.
    auto& field = static_cast<BoundConstant&>(*arguments[0].expression);
    if (!field.value.IsNull() && field.value.type().id() == TypeId::VARCHAR) {
      std::string lowered = field.value.GetString();
      for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      field.value = Value::Varchar(lowered);
    }
  }
  {
    // psql's and drivers' catalog functions (format_type, pg_table_is_visible, ...).
    std::vector<LogicalType> types;
    for (const auto& argument : arguments) types.push_back(argument.expression->return_type);
    std::optional<ScalarFunction> catalog_function;
    try {
      catalog_function = BindPgCatalogFunction(catalog_, search_path_, name, types);
    } catch (const Exception& error) {
      if (error.position()) throw;
      throw Exception(error.sqlstate(), error.what(), position, error.hint());
    }
    if (catalog_function) {
      std::vector<ExpressionPtr> children;
      for (size_t i = 0; i < arguments.size(); i++) {
        children.push_back(AddCast(std::move(arguments[i].expression), catalog_function->arguments[i]));
      }
      return std::make_unique<BoundFunction>(std::move(*catalog_function), std::move(children));
    }
  }
  std::string resolved = name;
  if (name == "extract" && arguments.size() == 2 && arguments[0].expression->expression_class == ExpressionClass::CONSTANT) {
    // PostgreSQL's extract returns numeric: fractions for second, millisecond and epoch (of a
    // date: whole seconds), whole numbers otherwise.
    const Value& field = static_cast<BoundConstant&>(*arguments[0].expression).value;
    if (!field.IsNull() && field.type().id() == TypeId::VARCHAR) {
      const int scale = ExtractResultScale(field.GetString());
      const bool date = arguments[1].expression->return_type.id() == TypeId::DATE;
      ExpressionPtr extracted = BindOperator("__extract_scale" + std::to_string(scale), std::move(arguments));
      return date && scale > 0 ? AddCast(std::move(extracted), LogicalType::Decimal(18, 0)) : std::move(extracted);
    }
  }
  for (const auto& candidate : CandidateNames(name)) {
    if (ScalarFunctionExists(candidate)) {
      resolved = candidate;
      break;
    }
  }
  if (!ScalarFunctionExists(resolved)) {
    throw Exception(sqlstate::kUndefinedFunction, "function " + name + " does not exist", position);
  }
  // Untyped literals stay VARCHAR for function arguments (PostgreSQL resolves unknown → text
  // when nothing else decides).
  ExpressionPtr bound = BindOperator(resolved, std::move(arguments));
  if (bound->expression_class == ExpressionClass::FUNCTION && static_cast<BoundFunction&>(*bound).function.set_function) {
    return LiftSetFunction(std::move(bound), scope, position);
  }
  return bound;
}

ExpressionPtr Binder::BindAggregateCall(const std::string& name, const PgQuery__FuncCall& call, Scope& scope) {
  auto position = Position(call.location);
  if (!scope.aggregates) {
    std::string clause = scope.clause && *scope.clause ? scope.clause : "this context";
    throw Exception(sqlstate::kGroupingError, "aggregate functions are not allowed in " + clause, position);
  }
  if (scope.inside_aggregate) {
    throw Exception(sqlstate::kGroupingError, "aggregate function calls cannot be nested", position);
  }
  // Arguments, ORDER BY keys and FILTER are bound over the FROM row, with no aggregates inside.
  Scope inner = scope;
  inner.inside_aggregate = true;
  inner.windows = nullptr;  // a window call in an aggregate's arguments is 42803
  inner.set_functions = nullptr;  // PostgreSQL: not in an aggregate's arguments
  AggregateSink* sink = scope.aggregates;
  if (call.agg_within_group != aggregate::IsOrderedSetAggregate(name)) {
    // PostgreSQL finds no function for the call's shape: 42883.
    throw Exception(sqlstate::kUndefinedFunction,
                    call.agg_within_group ? name + " is not an ordered-set aggregate, so it cannot have WITHIN GROUP"
                                          : "WITHIN GROUP is required for ordered-set aggregate " + name,
                    position);
  }
  // ORDER BY keys (agg(x ORDER BY k) or WITHIN GROUP (ORDER BY k)), with their directions.
  std::vector<ExpressionPtr> keys;
  std::vector<aggregate::AggregateOrder> orders;
  for (size_t i = 0; i < call.n_agg_order; i++) {
    const PgQuery__SortBy& sort = *call.agg_order[i]->sort_by;
    if (sort.sortby_dir == PG_QUERY__SORT_BY_DIR__SORTBY_USING) {
      throw Exception(sqlstate::kFeatureNotSupported, "ORDER BY ... USING is not supported", position);
    }
    aggregate::AggregateOrder order;
    order.descending = sort.sortby_dir == PG_QUERY__SORT_BY_DIR__SORTBY_DESC;
    order.nulls_first = sort.sortby_nulls == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_FIRST ||
                        (sort.sortby_nulls != PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_LAST && order.descending);
    keys.push_back(Bind(sort.node, inner));
    if (keys.back()->return_type.id() == TypeId::SQLNULL && !call.agg_within_group) {
      keys.back() = AddCast(std::move(keys.back()), TypeId::INTEGER);  // ORDER BY NULL: a constant key
    }
    orders.push_back(order);
  }
  std::vector<ExpressionPtr> children;
  std::vector<LogicalType> types;
  std::string function_name = name;
  if (call.agg_star) {
    if (name != "count") {
      throw Exception(sqlstate::kUndefinedFunction, name + "(*) is not an aggregate function", position);
    }
    function_name = "count_star";
  } else {
    for (size_t i = 0; i < call.n_args; i++) {
      if (call.args[i]->node_case == PG_QUERY__NODE__NODE_NAMED_ARG_EXPR) {
        throw Exception(sqlstate::kFeatureNotSupported, "named arguments are not supported for aggregates", position);
      }
      children.push_back(Bind(call.args[i], inner));
      types.push_back(children.back()->return_type);
    }
  }
  BoundAggregate aggregate;
  if (call.agg_within_group) {
    // f(direct arguments) WITHIN GROUP (ORDER BY key): children = key, then direct arguments.
    if (keys.size() != 1) {
      throw Exception(sqlstate::kUndefinedFunction, "ordered-set aggregate " + name + " takes one ORDER BY key",
                      position);
    }
    aggregate.function = aggregate::BindOrderedSetAggregate(name, keys[0]->return_type, orders[0], types);
    children.insert(children.begin(), std::move(keys[0]));
    keys.clear();
  } else {
    aggregate.function = BindAggregateFunction(function_name, types);
    if (!keys.empty()) {
      if (call.agg_distinct) {
        // PostgreSQL: deduplicating on the arguments must leave the order well defined.
        for (const auto& key : keys) {
          bool found = false;
          for (const auto& child : children) found = found || ExpressionEquals(*key, *child);
          if (!found) {
            throw Exception(sqlstate::kInvalidColumnReference,
                            "in an aggregate with DISTINCT, ORDER BY expressions must appear in argument list",
                            position);
          }
        }
      }
      std::vector<LogicalType> key_types;
      for (const auto& key : keys) key_types.push_back(key->return_type);
      aggregate.function = aggregate::MakeOrderedAggregate(aggregate.function, key_types, orders);
    }
  }
  for (auto& key : keys) children.push_back(std::move(key));
  for (size_t i = 0; i < children.size(); i++) {
    LogicalType target = i < aggregate.function.arguments.size() ? aggregate.function.arguments[i]
                                                                 : children[i]->return_type;
    if (target.id() != TypeId::INVALID && target.id() != TypeId::SQLNULL) {
      children[i] = AddCast(std::move(children[i]), target);
    }
  }
  aggregate.children = std::move(children);
  aggregate.distinct = call.agg_distinct;
  if (call.agg_filter) aggregate.filter = BindCondition(call.agg_filter, inner, "FILTER");
  // Reuse an identical aggregate (SELECT sum(x) ... ORDER BY sum(x)).
  idx_t index = sink->aggregates.size();
  for (idx_t i = 0; i < sink->aggregates.size(); i++) {
    const BoundAggregate& existing = sink->aggregates[i];
    bool same = existing.function.name == aggregate.function.name && existing.distinct == aggregate.distinct &&
                existing.children.size() == aggregate.children.size() &&
                static_cast<bool>(existing.filter) == static_cast<bool>(aggregate.filter) &&
                (!existing.filter || ExpressionEquals(*existing.filter, *aggregate.filter));
    for (size_t c = 0; same && c < existing.children.size(); c++) {
      same = ExpressionEquals(*existing.children[c], *aggregate.children[c]);
    }
    if (same) {
      index = i;
      break;
    }
  }
  std::string text = aggregate.ToString();
  LogicalType type = aggregate.function.return_type;
  if (index == sink->aggregates.size()) sink->aggregates.push_back(std::move(aggregate));
  return std::make_unique<BoundColumnRef>(ColumnBinding{sink->table_index, index}, type, text);
}

ExpressionPtr Binder::BindMinMax(const PgQuery__MinMaxExpr& expr, Scope& scope) {
  bool greatest = expr.op == PG_QUERY__MIN_MAX_OP__IS_GREATEST;
  std::vector<Argument> arguments;
  for (size_t i = 0; i < expr.n_args; i++) arguments.push_back(BindArgument(expr.args[i], scope));
  LogicalType type = UnifyTypes(arguments, true);
  const char* name = greatest ? "greatest" : "least";
  if (ScalarFunctionExists(name)) return BindOperator(name, std::move(arguments));
  // Fold pairwise into CASE: NULLs are ignored as in PostgreSQL and DuckDB.
  ExpressionPtr result = std::move(arguments[0].expression);
  for (size_t i = 1; i < arguments.size(); i++) {
    ExpressionPtr next = std::move(arguments[i].expression);
    auto is_null = [](const ExpressionPtr& e) {
      std::vector<ExpressionPtr> children;
      children.push_back(e->Copy());
      return std::make_unique<BoundOperator>(OperatorType::IS_NULL, TypeId::BOOLEAN, std::move(children));
    };
    std::vector<Argument> comparison;
    comparison.push_back(Argument{result->Copy(), false});
    comparison.push_back(Argument{next->Copy(), false});
    std::vector<BoundCase::Check> checks;
    checks.push_back(BoundCase::Check{is_null(result), next->Copy()});
    checks.push_back(BoundCase::Check{is_null(next), result->Copy()});
    checks.push_back(BoundCase::Check{BindOperator(greatest ? ">=" : "<=", std::move(comparison)), result->Copy()});
    result = std::make_unique<BoundCase>(type, std::move(checks), std::move(next));
  }
  return result;
}

}  // namespace cairn
