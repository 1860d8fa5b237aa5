// Table functions in FROM (read_parquet(...), read_csv(...), and the FROM 'path' shorthand,
// rewritten to __cairn_file('path') by the statement preprocessor): the arguments are bound as
// constants and the call is handed to the function the TableFunctionRegistry holds under its
// name. The binder knows no file format.
#include "cairn/exception.h"
#include "common/ascii.h"
#include "function/scalar_function.h"
#include "function/table/table_function.h"
#include "sql/binder.h"

namespace cairn {

namespace {

/// The option name and value of `name => v`, `name := v` or DuckDB's `name = v` (which
/// PostgreSQL parses as a comparison); nullopt for a positional argument.
struct NamedArgument {
  std::string name;
  const PgQuery__Node* value;
  int location;
};

std::optional<NamedArgument> AsNamedArgument(const PgQuery__Node& argument) {
  if (argument.node_case == PG_QUERY__NODE__NODE_NAMED_ARG_EXPR) {
    return NamedArgument{Lower(argument.named_arg_expr->name), argument.named_arg_expr->arg,
                         argument.named_arg_expr->location};
  }
  if (argument.node_case == PG_QUERY__NODE__NODE_A_EXPR && argument.a_expr->kind == PG_QUERY__A__EXPR__KIND__AEXPR_OP &&
      argument.a_expr->n_name == 1 && NodeString(argument.a_expr->name[0]) == "=" && argument.a_expr->lexpr &&
      argument.a_expr->lexpr->node_case == PG_QUERY__NODE__NODE_COLUMN_REF &&
      argument.a_expr->lexpr->column_ref->n_fields == 1) {
    return NamedArgument{Lower(NodeString(argument.a_expr->lexpr->column_ref->fields[0])), argument.a_expr->rexpr,
                         argument.a_expr->lexpr->column_ref->location};
  }
  return std::nullopt;
}

}  // namespace

TableFunctionArgument Binder::BindTableFunctionArgument(const PgQuery__Node* node, const std::string& function_name) {
  Scope constant_scope;
  constant_scope.clause = "table function arguments";
  auto constant = [&](const PgQuery__Node* element) -> Value {
    ExpressionPtr bound = Bind(element, constant_scope);
    if (bound->expression_class != ExpressionClass::CONSTANT) {
      throw Exception(sqlstate::kFeatureNotSupported, "table function arguments must be constants", Position(NodeLocation(*element)));
    }
    Value value = static_cast<BoundConstant&>(*bound).value;
    if (value.IsNull()) {
      throw Exception(sqlstate::kInvalidParameterValue, function_name + ": arguments must not be NULL",
                      Position(NodeLocation(*element)));
    }
    return value;
  };
  TableFunctionArgument argument;
  argument.position = Position(NodeLocation(*node));
  if (node->node_case == PG_QUERY__NODE__NODE_A_ARRAY_EXPR) {
    argument.is_list = true;
    for (size_t i = 0; i < node->a_array_expr->n_elements; i++) argument.values.push_back(constant(node->a_array_expr->elements[i]));
  } else {
    argument.values.push_back(constant(node));
  }
  return argument;
}

LogicalOperatorPtr Binder::BindTableFunctionCall(TableFunctionInput input, const PgQuery__Alias* alias,
                                                 BindContext& context) {
  const TableFunctionBind* function = catalog_.registry().table_functions().Find(input.name);
  if (function == nullptr) {
    throw Exception(sqlstate::kUndefinedFunction, "table function " + input.name + " does not exist", input.position);
  }
  TableFunctionOutput output;
  try {
    output = (*function)(input);
  } catch (const Exception& error) {
    if (error.position()) throw;
    throw Exception(error.sqlstate(), error.what(), input.position, error.hint());
  }
  LogicalOperatorPtr plan = MakeGet(std::move(output.source), output.table_name);
  if (output.scalar_result && alias != nullptr && alias->n_colnames == 0 && !plan->names.empty()) {
    // A function returning a base type: its column is named by the table alias (PostgreSQL).
    plan->names[0] = alias->aliasname;
  }
  AddAliasedTable(context, *plan, output.default_alias, alias, input.position.value_or(0));
  return plan;
}

LogicalOperatorPtr Binder::BindRangeFunction(const PgQuery__RangeFunction& range_function, BindContext& context) {
  const PgQuery__Node* item = range_function.n_functions == 1 ? range_function.functions[0] : nullptr;
  const PgQuery__Node* call_node = item;
  if (item && item->node_case == PG_QUERY__NODE__NODE_LIST && item->list->n_items > 0) call_node = item->list->items[0];
  // A table function (read_parquet, generate_series ...) with constant arguments; anything
  // else (unnest, a function of the columns on the left, WITH ORDINALITY, ROWS FROM) is a
  // set-returning function scan.
  if (!call_node || call_node->node_case != PG_QUERY__NODE__NODE_FUNC_CALL || range_function.ordinality ||
      range_function.is_rowsfrom) {
    return BindSetFunctionScan(range_function, context);
  }
  const PgQuery__FuncCall& call = *call_node->func_call;
  TableFunctionInput input;
  for (size_t i = 0; i < call.n_funcname; i++) input.name = NodeString(call.funcname[i]);
  input.name = Lower(input.name);
  input.position = Position(call.location);
  if (catalog_.registry().table_functions().Find(input.name) == nullptr) {
    if (ScalarFunctionExists(input.name) || IsFromOnlySetFunction(input.name)) {
      return BindSetFunctionScan(range_function, context);
    }
    throw Exception(sqlstate::kUndefinedFunction, "table function " + input.name + " does not exist", input.position);
  }
  try {
    for (size_t i = 0; i < call.n_args; i++) {
      if (auto named = AsNamedArgument(*call.args[i])) {
        TableFunctionArgument argument = BindTableFunctionArgument(named->value, input.name);
        argument.position = Position(named->location);
        input.named.emplace_back(named->name, std::move(argument));
      } else {
        input.positional.push_back(BindTableFunctionArgument(call.args[i], input.name));
      }
    }
  } catch (const Exception& error) {
    // generate_series(1, t.n) or with a NULL argument: the set-returning function.
    const bool not_constant = error.sqlstate() == std::string(sqlstate::kFeatureNotSupported) ||
                              error.sqlstate() == std::string(sqlstate::kUndefinedColumn) ||
                              error.sqlstate() == std::string(sqlstate::kUndefinedTable) ||
                              error.sqlstate() == std::string(sqlstate::kInvalidParameterValue);
    if (not_constant && ScalarFunctionExists(input.name)) return BindSetFunctionScan(range_function, context);
    throw;
  }
  return BindTableFunctionCall(std::move(input), range_function.alias, context);
}

}  // namespace cairn
