// Set-returning functions (unnest, generate_series, regexp_matches, ...): in the SELECT list
// they become a LogicalProjectSet below the final projection (PostgreSQL 10+ semantics: calls
// in one SELECT list run in lockstep, shorter sets padded with NULL); in FROM they are a
// ProjectSet over one row, joined laterally to the items on their left (docs/sql/queries.md).
#include "cairn/exception.h"
#include "common/ascii.h"
#include "sql/binder.h"

namespace cairn {

namespace {

bool RefersTo(const Expression& expression, idx_t table_index) {
  bool found = false;
  ForEachColumnRef(const_cast<Expression&>(expression), [&](BoundColumnRef& ref) {
    found = found || (ref.depth == 0 && ref.binding.table_index == table_index);
  });
  return found;
}

// json_each and its kin return (key, value) rows: in FROM they are two zipped calls.
bool IsKeyValueSetFunction(const std::string& name) {
  return name == "json_each" || name == "jsonb_each" || name == "json_each_text" || name == "jsonb_each_text";
}

}  // namespace

bool Binder::IsFromOnlySetFunction(const std::string& name) { return IsKeyValueSetFunction(name); }

ExpressionPtr Binder::LiftSetFunction(ExpressionPtr call, Scope& scope, std::optional<int> position) {
  if (!scope.set_functions) {
    std::string clause = scope.clause && *scope.clause ? scope.clause : "this context";
    throw Exception(sqlstate::kFeatureNotSupported, "set-returning functions are not allowed in " + clause, position);
  }
  SetFunctionSink& sink = *scope.set_functions;
  auto& function = static_cast<BoundFunction&>(*call);
  for (const auto& child : function.children) {
    if (RefersTo(*child, sink.table_index)) {
      throw Exception(sqlstate::kFeatureNotSupported, "set-returning functions as arguments of set-returning functions are not supported",
                      position);
    }
  }
  function.function.is_volatile = true;  // each call is its own set: never merged or folded
  const LogicalType type = function.return_type;
  const std::string name = function.function.name;
  sink.functions.push_back(std::move(call));
  return std::make_unique<BoundColumnRef>(ColumnBinding{sink.table_index, sink.functions.size() - 1}, type, name);
}

LogicalOperatorPtr Binder::MakeProjectSet(LogicalOperatorPtr plan, SetFunctionSink& sink) {
  if (sink.functions.empty()) return plan;
  auto set = std::make_unique<LogicalProjectSet>();
  set->set_index = sink.table_index;
  set->types = plan->types;
  set->names = plan->names;
  for (auto& call : sink.functions) {
    set->types.push_back(call->return_type);
    set->names.push_back(static_cast<BoundFunction&>(*call).function.name);
    set->functions.push_back(std::move(call));
  }
  sink.functions.clear();
  set->children.push_back(std::move(plan));
  return set;
}

LogicalOperatorPtr Binder::BindSetFunctionScan(const PgQuery__RangeFunction& range_function, BindContext& context) {
  // Functions in FROM see the items to their left (PostgreSQL makes them LATERAL implicitly):
  // references to those are correlated, and the lateral join is decorrelated like a LATERAL
  // subquery's.
  Binder child = MakeChild();
  for (const BindContext* visible : lateral_contexts_) child.outer_contexts_.push_back(visible);
  SetFunctionSink sink;
  sink.table_index = NewTableIndex();
  Scope scope;
  scope.clause = "FROM";
  scope.set_functions = &sink;
  std::vector<std::string> names;
  std::vector<ExpressionPtr> scalars;  // calls of functions that return one value
  for (size_t f = 0; f < range_function.n_functions; f++) {
    const PgQuery__Node* item = range_function.functions[f];
    const PgQuery__Node* call_node = item;
    if (item->node_case == PG_QUERY__NODE__NODE_LIST && item->list->n_items > 0) {
      call_node = item->list->items[0];
      const PgQuery__Node* definitions = item->list->n_items > 1 ? item->list->items[1] : nullptr;
      if (definitions && definitions->node_case == PG_QUERY__NODE__NODE_LIST && definitions->list->n_items > 0) {
        throw Exception(sqlstate::kFeatureNotSupported, "column definition lists for functions are not supported");
      }
    }
    if (call_node->node_case != PG_QUERY__NODE__NODE_FUNC_CALL) {
      throw Exception(sqlstate::kFeatureNotSupported, "this kind of table function is not supported yet");
    }
    const PgQuery__FuncCall& call = *call_node->func_call;
    std::string name;
    for (size_t i = 0; i < call.n_funcname; i++) name = NodeString(call.funcname[i]);
    name = Lower(name);
    if (IsKeyValueSetFunction(name) && call.n_args == 1) {
      // (key, value) rows: two calls walking the same object in the same order, zipped.
      for (const char* column : {"key", "value"}) {
        std::vector<Argument> arguments;
        arguments.push_back(child.BindArgument(call.args[0], scope));
        ExpressionPtr bound = child.BindOperator("__" + name + "_" + column, std::move(arguments));
        child.LiftSetFunction(std::move(bound), scope, Position(call.location));
        names.push_back(column);
      }
      continue;
    }
    if (name == "unnest" && call.n_args > 1) {
      // unnest(a, b, ...) in FROM: the arrays side by side, one column each.
      for (size_t i = 0; i < call.n_args; i++) {
        std::vector<Argument> arguments;
        arguments.push_back(child.BindArgument(call.args[i], scope));
        ExpressionPtr bound = child.BindOperator("unnest", std::move(arguments));
        child.LiftSetFunction(std::move(bound), scope, Position(call.location));
        names.push_back("unnest");
      }
      continue;
    }
    ExpressionPtr bound = child.Bind(call_node, scope);
    if (bound->expression_class == ExpressionClass::COLUMN_REF &&
        static_cast<BoundColumnRef&>(*bound).binding.table_index == sink.table_index) {
      // The column is named after the function, or its OUT parameter where it has one.
      const bool elements = name.ends_with("_array_elements") || name.ends_with("_array_elements_text");
      names.push_back(elements ? "value" : name);
      continue;
    }
    // A function returning one value: one row (it is computed in a projection below).
    scalars.push_back(std::move(bound));
    names.push_back(name);
  }
  LogicalOperatorPtr plan = std::make_unique<LogicalDummyScan>();
  const size_t calls = sink.functions.size();
  if (!scalars.empty() && calls > 0) {
    throw Exception(sqlstate::kFeatureNotSupported, "ROWS FROM mixing set-returning and other functions is not supported yet");
  }
  if (calls > 0) {
    auto set = MakeProjectSet(std::move(plan), sink);
    static_cast<LogicalProjectSet&>(*set).ordinality = range_function.ordinality;
    plan = std::move(set);
  } else {
    std::vector<std::string> scalar_names = names;
    plan = MakeProjection(std::move(plan), std::move(scalars), scalar_names);
    if (range_function.ordinality) {
      throw Exception(sqlstate::kFeatureNotSupported, "WITH ORDINALITY on a function returning one row is not supported yet");
    }
  }
  if (range_function.ordinality) {
    plan->types.push_back(LogicalType(TypeId::BIGINT));
    names.push_back("ordinality");
  }
  plan->names = names;
  // One column and a table alias without column names: the alias names the column too.
  const PgQuery__Alias* alias = range_function.alias;
  if (alias && alias->n_colnames == 0 && names.size() == 1) plan->names[0] = alias->aliasname;
  AddAliasedTable(context, *plan, names.size() == 1 || range_function.n_functions == 1 ? names[0] : "rows_from",
                  alias, 0);
  return plan;
}

}  // namespace cairn
