// Query shape: SELECT core (FROM → WHERE → GROUP BY/aggregates → HAVING → SELECT list →
// DISTINCT → ORDER BY → LIMIT), set operations, VALUES and WITH.
#include <algorithm>

#include "cairn/exception.h"
#include "function/cast.h"
#include "function/window/window_frame.h"
#include "function/window/window_function.h"
#include "sql/binder.h"
#include "sql/column_name.h"
#include "sql/join_condition.h"
#include "common/stack_depth.h"

namespace cairn {

namespace {

constexpr const char* kInvalidRowCount = "2201W";

bool ContainsAggregateRef(Expression& expression, idx_t aggregate_index) {
  bool found = false;
  ForEachColumnRef(expression, [&](BoundColumnRef& ref) { found = found || ref.binding.table_index == aggregate_index; });
  return found;
}

bool IsIntegerConstant(const PgQuery__Node* node, int* value) {
  if (node->node_case != PG_QUERY__NODE__NODE_A_CONST || node->a_const->isnull ||
      node->a_const->val_case != PG_QUERY__A__CONST__VAL_IVAL) {
    return false;
  }
  *value = node->a_const->ival->ival;
  return true;
}

/// The single name of an unqualified column reference, or "".
std::string SimpleColumnName(const PgQuery__Node* node) {
  if (node->node_case != PG_QUERY__NODE__NODE_COLUMN_REF || node->column_ref->n_fields != 1) return "";
  return NodeString(node->column_ref->fields[0]);
}

}  // namespace

Binder::Binder(Catalog& catalog, std::vector<std::string> search_path, std::function<int(int)> map_position)
    : catalog_(catalog), search_path_(std::move(search_path)), map_position_(std::move(map_position)) {}

Binder Binder::MakeChild() const {
  Binder child(catalog_, search_path_, map_position_);
  child.ctes_ = ctes_;
  child.recursive_ctes_ = recursive_ctes_;
  child.working_tables_ = working_tables_;
  child.materialize_ctes_ = materialize_ctes_;
  child.shared_ = shared_;
  child.outer_contexts_ = outer_contexts_;
  return child;
}

void Binder::AllowParameters(std::vector<LogicalType> declared_types) {
  shared_->parameters_allowed = true;
  shared_->declared_parameters = std::move(declared_types);
}

ExpressionPtr Binder::BindStandaloneExpression(const PgQuery__Node* node, const char* clause) {
  Scope scope;
  scope.clause = clause;
  return Bind(node, scope);
}

std::vector<LogicalType> Binder::FinalizeParameters(LogicalOperator& plan) {
  // Declared types first (INVALID: declared without a type, as the extended protocol's type
  // OID 0 does); the others as inferred, numbered without gaps.
  std::vector<LogicalType> result = shared_->declared_parameters;
  const idx_t highest = shared_->inferred_parameters.empty() ? 0 : shared_->inferred_parameters.rbegin()->first;
  if (highest > result.size()) result.resize(highest, LogicalType(TypeId::INVALID));
  for (idx_t index = 1; index <= result.size(); index++) {
    if (result[index - 1].id() != TypeId::INVALID) continue;
    auto slot = shared_->inferred_parameters.find(index);
    if (slot == shared_->inferred_parameters.end()) {
      throw Exception(sqlstate::kIndeterminateDatatype,
                      "could not determine data type of parameter $" + std::to_string(index));
    }
    result[index - 1] = slot->second->value_or(LogicalType(TypeId::VARCHAR));  // never typed: unknown → text
  }
  // Every occurrence reads the parameter's type; one bound as unknown before another occurrence
  // fixed the type was used as text and reads the value cast to text.
  ForEachExpressionInPlan(plan, [&](ExpressionPtr& root) {
    ForEachParameter(root, [&](ExpressionPtr& slot) {
      auto& parameter = static_cast<BoundParameter&>(*slot);
      parameter.pending_type.reset();  // the plan keeps no binder state
      const LogicalType& type = result[parameter.index - 1];
      if (parameter.return_type == type) return;
      LogicalType used_as = parameter.return_type;
      std::string alias = parameter.alias;
      parameter.return_type = type;
      slot = AddCast(std::move(slot), used_as);
      slot->alias = alias;
    });
  });
  return result;
}

LogicalOperatorPtr Binder::MakeProjection(LogicalOperatorPtr child, std::vector<ExpressionPtr> expressions,
                                          std::vector<std::string> names) {
  auto projection = std::make_unique<LogicalProjection>();
  projection->table_index = NewTableIndex();
  for (const auto& expression : expressions) projection->types.push_back(expression->return_type);
  projection->names = std::move(names);
  projection->expressions = std::move(expressions);
  projection->children.push_back(std::move(child));
  return projection;
}

LogicalOperatorPtr Binder::MakeDistinct(LogicalOperatorPtr child) {
  auto distinct = std::make_unique<LogicalAggregate>();
  distinct->group_index = NewTableIndex();
  distinct->aggregate_index = NewTableIndex();
  std::vector<ColumnBinding> bindings = child->GetColumnBindings();
  for (idx_t i = 0; i < child->types.size(); i++) {
    distinct->groups.push_back(std::make_unique<BoundColumnRef>(bindings[i], child->types[i], child->names[i]));
  }
  distinct->types = child->types;
  distinct->names = child->names;
  distinct->children.push_back(std::move(child));
  return distinct;
}

LogicalOperatorPtr Binder::BindQueryNode(const PgQuery__Node* node) {
  CheckStackDepth();
  if (!node || node->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) {
    throw Exception(sqlstate::kFeatureNotSupported, "only SELECT queries are supported here");
  }
  return BindQuery(*node->select_stmt);
}

void Binder::AddCommonTableExpressions(const PgQuery__WithClause& with) {
  for (size_t i = 0; i < with.n_ctes; i++) {
    const PgQuery__CommonTableExpr& cte = *with.ctes[i]->common_table_expr;
    if (!cte.ctequery || cte.ctequery->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) {
      throw Exception(sqlstate::kFeatureNotSupported, "only SELECT is supported in WITH", Position(cte.location));
    }
    if (!with.recursive && (cte.search_clause || cte.cycle_clause)) {
      throw Exception(sqlstate::kSyntaxError, "WITH query is not recursive", Position(cte.location));
    }
    ctes_[cte.ctename] = &cte;
    // Materializable: a query of a top-level statement's WITH (a CTE of a subquery may read
    // the outer query's columns), not forced NOT MATERIALIZED, outside recursive terms.
    if (!with.recursive && outer_contexts_.empty() && lateral_contexts_.empty() && materialize_ctes_ &&
        cte.ctematerialized != PG_QUERY__CTEMATERIALIZE__CTEMaterializeNever) {
      shared_->materializable_ctes[&cte].cte_index = shared_->next_cte_index++;
    }
    // A later WITH clause's CTE of the same name hides an outer recursive one.
    if (with.recursive) {
      recursive_ctes_.insert(cte.ctename);
    } else {
      recursive_ctes_.erase(cte.ctename);
    }
    working_tables_.erase(cte.ctename);
  }
}

LogicalOperatorPtr Binder::BindQuery(const PgQuery__SelectStmt& statement) {
  CheckStackDepth();
  if (statement.into_clause) throw Exception(sqlstate::kFeatureNotSupported, "SELECT INTO is not supported yet");
  if (statement.n_locking_clause > 0) {
    throw Exception(sqlstate::kFeatureNotSupported, "FOR UPDATE/SHARE is not supported");
  }
  auto saved_ctes = ctes_;
  auto saved_recursive = recursive_ctes_;
  auto saved_working = working_tables_;
  if (statement.with_clause) AddCommonTableExpressions(*statement.with_clause);
  LogicalOperatorPtr plan;
  if (statement.op > PG_QUERY__SET_OPERATION__SETOP_NONE) {
    plan = BindSetOperation(statement);
  } else if (statement.n_values_lists > 0) {
    plan = BindValues(statement);
  } else {
    plan = BindSelectCore(statement);
  }
  if (statement.with_clause) plan = PlaceCommonTableExpressions(*statement.with_clause, std::move(plan));
  ctes_ = std::move(saved_ctes);
  recursive_ctes_ = std::move(saved_recursive);
  working_tables_ = std::move(saved_working);
  return plan;
}

LogicalOperatorPtr Binder::BindValues(const PgQuery__SelectStmt& statement) {
  Scope scope;
  scope.clause = "VALUES";
  std::vector<std::vector<Argument>> rows;
  for (size_t r = 0; r < statement.n_values_lists; r++) {
    const PgQuery__List& list = *statement.values_lists[r]->list;
    std::vector<Argument> row;
    for (size_t c = 0; c < list.n_items; c++) row.push_back(BindArgument(list.items[c], scope));
    if (!rows.empty() && row.size() != rows[0].size()) {
      throw Exception(sqlstate::kSyntaxError, "VALUES lists must all be the same length");
    }
    rows.push_back(std::move(row));
  }
  size_t column_count = rows[0].size();
  std::vector<LogicalType> types(column_count);
  std::vector<std::string> names;
  for (size_t c = 0; c < column_count; c++) {
    std::vector<Argument> column;
    for (auto& row : rows) column.push_back(std::move(row[c]));
    types[c] = UnifyTypes(column, true);
    for (size_t r = 0; r < rows.size(); r++) rows[r][c] = std::move(column[r]);
    names.push_back("column" + std::to_string(c + 1));  // PostgreSQL's names
  }
  bool all_constant = true;
  for (const auto& row : rows) {
    for (const auto& argument : row) {
      all_constant = all_constant && argument.expression->expression_class == ExpressionClass::CONSTANT;
    }
  }
  LogicalOperatorPtr plan;
  if (all_constant) {
    auto values = std::make_unique<LogicalValues>();
    values->table_index = NewTableIndex();
    values->types = types;
    values->names = names;
    for (auto& row : rows) {
      std::vector<Value> value_row;
      for (auto& argument : row) value_row.push_back(static_cast<BoundConstant&>(*argument.expression).value);
      values->rows.push_back(std::move(value_row));
    }
    plan = std::move(values);
  } else {
    auto union_op = std::make_unique<LogicalUnion>();
    union_op->table_index = NewTableIndex();
    union_op->types = types;
    union_op->names = names;
    for (auto& row : rows) {
      std::vector<ExpressionPtr> expressions;
      for (auto& argument : row) expressions.push_back(std::move(argument.expression));
      union_op->children.push_back(MakeProjection(std::make_unique<LogicalDummyScan>(), std::move(expressions), names));
    }
    if (union_op->children.size() == 1) {
      plan = std::move(union_op->children[0]);
    } else {
      plan = std::move(union_op);
    }
  }
  return BindOutputOrderAndLimit(std::move(plan), statement);
}

namespace {

/// ORDER BY a jsonb value sorts by its order key (a bytea whose byte order is PostgreSQL's jsonb
/// order: function __jsonb_sort_key); json has no ordering operator in PostgreSQL (42883).
ExpressionPtr JsonOrderKey(ExpressionPtr expression) {
  TypeId id = expression->return_type.id();
  if (id == TypeId::JSON) {
    throw Exception(sqlstate::kUndefinedFunction, "could not identify an ordering operator for type json", std::nullopt,
                    "Use an explicit ordering operator or modify the query.");
  }
  if (id != TypeId::JSONB) return expression;
  std::vector<ExpressionPtr> children;
  children.push_back(std::move(expression));
  return std::make_unique<BoundFunction>(BindScalarFunction("__jsonb_sort_key", {TypeId::JSONB}), std::move(children));
}

}  // namespace

LogicalOperatorPtr Binder::BindOutputOrderAndLimit(LogicalOperatorPtr plan, const PgQuery__SelectStmt& statement) {
  if (statement.n_sort_clause > 0) {
    BindContext output;
    std::vector<ColumnBinding> bindings = plan->GetColumnBindings();
    output.AddTable("", plan->names, plan->types, bindings, 0);
    Scope scope;
    scope.context = &output;
    scope.clause = "ORDER BY";
    auto order = std::make_unique<LogicalOrder>();
    for (size_t i = 0; i < statement.n_sort_clause; i++) {
      const PgQuery__SortBy& sort = *statement.sort_clause[i]->sort_by;
      BoundOrderBy item;
      item.ascending = sort.sortby_dir != PG_QUERY__SORT_BY_DIR__SORTBY_DESC;
      if (sort.sortby_dir == PG_QUERY__SORT_BY_DIR__SORTBY_USING) {
        throw Exception(sqlstate::kFeatureNotSupported, "ORDER BY ... USING is not supported yet", Position(sort.location));
      }
      item.nulls_first = sort.sortby_nulls == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_FIRST ||
                         (sort.sortby_nulls != PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_LAST && !item.ascending);
      int position = 0;
      if (IsIntegerConstant(sort.node, &position)) {
        if (position < 1 || static_cast<size_t>(position) > plan->types.size()) {
          throw Exception(sqlstate::kInvalidColumnReference,
                          "ORDER BY position " + std::to_string(position) + " is not in select list",
                          Position(sort.node->a_const->location));
        }
        item.expression =
            std::make_unique<BoundColumnRef>(bindings[position - 1], plan->types[position - 1], plan->names[position - 1]);
      } else {
        item.expression = Bind(sort.node, scope);
      }
      item.expression = JsonOrderKey(std::move(item.expression));
      order->orders.push_back(std::move(item));
    }
    order->types = plan->types;
    order->names = plan->names;
    order->children.push_back(std::move(plan));
    plan = std::move(order);
  }
  return BindLimit(std::move(plan), statement);
}

LogicalOperatorPtr Binder::BindLimit(LogicalOperatorPtr plan, const PgQuery__SelectStmt& statement) {
  if (!statement.limit_count && !statement.limit_offset) return plan;
  if (statement.limit_option == PG_QUERY__LIMIT_OPTION__LIMIT_OPTION_WITH_TIES) {
    throw Exception(sqlstate::kFeatureNotSupported, "FETCH ... WITH TIES is not supported yet");
  }
  Scope scope;
  auto evaluate = [&](const PgQuery__Node* node, const char* what) -> std::optional<idx_t> {
    ExpressionPtr bound = Bind(node, scope);
    if (bound->expression_class != ExpressionClass::CONSTANT) {
      throw Exception(sqlstate::kFeatureNotSupported, std::string(what) + " must be a constant");
    }
    Value value = static_cast<BoundConstant&>(*bound).value;
    if (value.IsNull()) return std::nullopt;
    int64_t count = value.CastAs(TypeId::BIGINT).GetInt64();
    if (count < 0) throw Exception(kInvalidRowCount, std::string(what) + " must not be negative");
    return static_cast<idx_t>(count);
  };
  auto limit = std::make_unique<LogicalLimit>();
  if (statement.limit_count) limit->limit = evaluate(statement.limit_count, "LIMIT");
  if (statement.limit_offset) limit->offset = evaluate(statement.limit_offset, "OFFSET").value_or(0);
  if (!limit->limit && limit->offset == 0) return plan;
  limit->types = plan->types;
  limit->names = plan->names;
  limit->children.push_back(std::move(plan));
  return limit;
}

ExpressionPtr Binder::ReplaceGroupReferences(ExpressionPtr expression, const std::vector<ExpressionPtr>& groups,
                                             idx_t group_index, idx_t aggregate_index, idx_t window_index) {
  CheckStackDepth();
  for (idx_t i = 0; i < groups.size(); i++) {
    if (ExpressionEquals(*expression, *groups[i])) {
      std::string name = expression->expression_class == ExpressionClass::COLUMN_REF
                             ? static_cast<BoundColumnRef&>(*expression).name
                             : groups[i]->ToString();
      auto ref = std::make_unique<BoundColumnRef>(ColumnBinding{group_index, i}, groups[i]->return_type, name);
      ref->alias = expression->alias;
      return ref;
    }
  }
  if (expression->expression_class == ExpressionClass::COLUMN_REF) {
    auto& ref = static_cast<BoundColumnRef&>(*expression);
    if (ref.binding.table_index == aggregate_index || ref.binding.table_index == window_index ||
        ref.binding.table_index == grouping_index_ || ref.binding.table_index == set_function_index_ || ref.depth > 0) {
      return expression;
    }
    throw Exception(sqlstate::kGroupingError,
                    "column \"" + ref.name + "\" must appear in the GROUP BY clause or be used in an aggregate function");
  }
  ForEachChild(*expression, [&](ExpressionPtr& child) {
    child = ReplaceGroupReferences(std::move(child), groups, group_index, aggregate_index, window_index);
  });
  if (expression->expression_class == ExpressionClass::SUBQUERY) {
    // The subquery's references to this query's columns must be grouped columns.
    ForEachOuterColumnRef(*static_cast<BoundSubquery&>(*expression).subquery, 1, [&](BoundColumnRef& ref) {
      for (idx_t i = 0; i < groups.size(); i++) {
        if (groups[i]->expression_class == ExpressionClass::COLUMN_REF &&
            static_cast<const BoundColumnRef&>(*groups[i]).binding == ref.binding) {
          ref.binding = ColumnBinding{group_index, i};
          return;
        }
      }
      if (ref.binding.table_index == group_index || ref.binding.table_index == aggregate_index) return;
      throw Exception(sqlstate::kGroupingError,
                      "subquery uses ungrouped column \"" + ref.name + "\" from outer query");
    });
  }
  return expression;
}

idx_t Binder::OutputColumnFor(const PgQuery__Node* node, const char* clause, std::vector<ExpressionPtr>& select,
                              std::vector<std::string>& names, size_t visible_count, Scope& scope, bool distinct) {
  int position = 0;
  if (IsIntegerConstant(node, &position)) {
    if (position < 1 || static_cast<size_t>(position) > visible_count) {
      throw Exception(sqlstate::kInvalidColumnReference,
                      std::string(clause) + " position " + std::to_string(position) + " is not in select list",
                      Position(node->a_const->location));
    }
    return static_cast<idx_t>(position - 1);
  }
  std::string simple = SimpleColumnName(node);
  if (!simple.empty()) {
    std::optional<idx_t> match;
    for (idx_t s = 0; s < visible_count; s++) {
      if (names[s] != simple) continue;
      if (match && !ExpressionEquals(*select[*match], *select[s])) {
        throw Exception(sqlstate::kAmbiguousColumn, std::string(clause) + " \"" + simple + "\" is ambiguous",
                        Position(node->column_ref->location));
      }
      if (!match) match = s;
    }
    if (match) return *match;
  }
  ExpressionPtr expression = Bind(node, scope);
  for (idx_t s = 0; s < select.size(); s++) {
    if (ExpressionEquals(*expression, *select[s])) return s;
  }
  if (distinct) {
    throw Exception(sqlstate::kInvalidColumnReference, "for SELECT DISTINCT, ORDER BY expressions must appear in select list");
  }
  names.push_back(CopyWithoutImplicitCasts(*expression)->ToString());
  select.push_back(std::move(expression));
  return select.size() - 1;
}

LogicalOperatorPtr Binder::BindSelectCore(const PgQuery__SelectStmt& statement) {
  BindContext from_context;
  LogicalOperatorPtr plan = BindFrom(statement.from_clause, statement.n_from_clause, from_context);

  if (statement.where_clause) {
    Scope scope;
    scope.context = &from_context;
    scope.clause = "WHERE";
    auto filter = std::make_unique<LogicalFilter>();
    filter->expressions = SplitConjunction(BindCondition(statement.where_clause, scope, "WHERE"));
    filter->types = plan->types;
    filter->names = plan->names;
    filter->children.push_back(std::move(plan));
    plan = std::move(filter);
  }

  // SELECT list, bound over the FROM row; aggregates become placeholder references.
  AggregateSink sink;
  sink.table_index = NewTableIndex();
  sink.grouping_index = NewTableIndex();
  grouping_index_ = sink.grouping_index;
  const idx_t group_index = NewTableIndex();
  WindowSink windows;
  windows.table_index = NewTableIndex();
  AddWindowDefinitions(statement, windows);
  SetFunctionSink set_functions;
  set_functions.table_index = NewTableIndex();
  set_function_index_ = set_functions.table_index;
  std::vector<ExpressionPtr> select;
  std::vector<std::string> names;
  Scope select_scope;
  select_scope.context = &from_context;
  select_scope.set_functions = &set_functions;
  select_scope.aggregates = &sink;
  select_scope.windows = &windows;
  select_scope.clause = "SELECT";
  for (size_t i = 0; i < statement.n_target_list; i++) {
    const PgQuery__ResTarget& target = *statement.target_list[i]->res_target;
    const PgQuery__Node* value = target.val;
    if (value->node_case == PG_QUERY__NODE__NODE_COLUMN_REF) {
      const PgQuery__ColumnRef& ref = *value->column_ref;
      if (ref.n_fields > 0 && ref.fields[ref.n_fields - 1]->node_case == PG_QUERY__NODE__NODE_A_STAR) {
        std::string table = ref.n_fields == 2 ? NodeString(ref.fields[0]) : "";
        auto position = Position(ref.location);
        for (auto& expression : from_context.ExpandStar(table, position.value_or(0), names)) {
          select.push_back(std::move(expression));
        }
        continue;
      }
    }
    ExpressionPtr expression = Bind(value, select_scope);
    std::string name = target.name && *target.name ? std::string(target.name) : FigureColumnName(value);
    if (target.name && *target.name) expression->alias = target.name;
    select.push_back(std::move(expression));
    names.push_back(std::move(name));
  }
  const size_t visible_count = select.size();

  // SELECT DISTINCT has one empty item; DISTINCT ON (...) lists its expressions.
  const bool distinct_on = statement.n_distinct_clause > 0 &&
                           statement.distinct_clause[0]->node_case != PG_QUERY__NODE__NODE__NOT_SET;
  bool distinct = statement.n_distinct_clause > 0 && !distinct_on;

  // GROUP BY: input columns first, then output aliases and positions (PostgreSQL's rule).
  std::vector<ExpressionPtr> groups;
  Scope group_scope;
  group_scope.context = &from_context;
  group_scope.clause = "GROUP BY";
  auto select_item_for_group = [&](size_t index, std::optional<int> position) {
    ExpressionPtr copy = select[index]->Copy();
    if (ContainsAggregateRef(*copy, sink.table_index)) {
      throw Exception(sqlstate::kGroupingError, "aggregate functions are not allowed in GROUP BY", position);
    }
    if (ContainsAggregateRef(*copy, windows.table_index)) {
      throw Exception(window_sqlstate::kWindowingError, "window functions are not allowed in GROUP BY", position);
    }
    copy->alias.clear();
    return copy;
  };
  // One GROUP BY expression; returns its index in `groups` (an equal one is reused).
  auto bind_group_item = [&](const PgQuery__Node* item) -> idx_t {
    ExpressionPtr group;
    int position = 0;
    if (IsIntegerConstant(item, &position)) {
      if (position < 1 || static_cast<size_t>(position) > visible_count) {
        throw Exception(sqlstate::kInvalidColumnReference,
                        "GROUP BY position " + std::to_string(position) + " is not in select list",
                        Position(item->a_const->location));
      }
      group = select_item_for_group(static_cast<size_t>(position - 1), Position(item->a_const->location));
    }
    std::string simple = group ? "" : SimpleColumnName(item);
    if (!simple.empty() && !from_context.CanResolve(simple)) {
      for (size_t s = 0; s < visible_count && !group; s++) {
        if (names[s] == simple) group = select_item_for_group(s, Position(item->column_ref->location));
      }
    }
    if (!group) group = Bind(item, group_scope);
    for (idx_t g = 0; g < groups.size(); g++) {
      if (ExpressionEquals(*groups[g], *group)) return g;
    }
    groups.push_back(std::move(group));
    return groups.size() - 1;
  };
  bool grouping_sets_clause = false;
  for (size_t i = 0; i < statement.n_group_clause; i++) {
    grouping_sets_clause = grouping_sets_clause || statement.group_clause[i]->node_case == PG_QUERY__NODE__NODE_GROUPING_SET;
  }
  std::vector<std::vector<idx_t>> grouping_sets;
  if (grouping_sets_clause) {
    grouping_sets = ExpandGroupingSets(statement.group_clause, statement.n_group_clause, bind_group_item);
  } else {
    for (size_t i = 0; i < statement.n_group_clause; i++) bind_group_item(statement.group_clause[i]);
  }

  ExpressionPtr having;
  if (statement.having_clause) {
    Scope having_scope;
    having_scope.context = &from_context;
    having_scope.aggregates = &sink;
    having_scope.clause = "HAVING";
    having = BindCondition(statement.having_clause, having_scope, "HAVING");
  }

  // ORDER BY: output positions and names, else expressions (hidden columns if not selected).
  std::vector<BoundOrderBy> orders;
  std::vector<idx_t> order_columns;
  Scope order_scope;
  order_scope.context = &from_context;
  order_scope.aggregates = &sink;
  order_scope.windows = &windows;
  order_scope.clause = "ORDER BY";
  for (size_t i = 0; i < statement.n_sort_clause; i++) {
    const PgQuery__SortBy& sort = *statement.sort_clause[i]->sort_by;
    if (sort.sortby_dir == PG_QUERY__SORT_BY_DIR__SORTBY_USING) {
      throw Exception(sqlstate::kFeatureNotSupported, "ORDER BY ... USING is not supported yet", Position(sort.location));
    }
    BoundOrderBy order;
    order.ascending = sort.sortby_dir != PG_QUERY__SORT_BY_DIR__SORTBY_DESC;
    order.nulls_first = sort.sortby_nulls == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_FIRST ||
                        (sort.sortby_nulls != PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_LAST && !order.ascending);
    orders.push_back(std::move(order));
    order_columns.push_back(OutputColumnFor(sort.node, "ORDER BY", select, names, visible_count, order_scope, distinct));
  }
  // DISTINCT ON (...): its expressions are output columns too (hidden if not selected), and must
  // be the leftmost ORDER BY items (PostgreSQL's 42P10).
  std::vector<idx_t> distinct_on_columns;
  for (size_t i = 0; distinct_on && i < statement.n_distinct_clause; i++) {
    distinct_on_columns.push_back(
        OutputColumnFor(statement.distinct_clause[i], "DISTINCT ON", select, names, visible_count, order_scope, false));
  }
  if (distinct_on && !order_columns.empty()) {
    std::vector<idx_t> unmatched = distinct_on_columns;
    size_t prefix = 0;
    while (prefix < order_columns.size() && !unmatched.empty()) {
      auto found = std::find(unmatched.begin(), unmatched.end(), order_columns[prefix]);
      auto known = std::find(distinct_on_columns.begin(), distinct_on_columns.end(), order_columns[prefix]);
      if (found == unmatched.end() && known == distinct_on_columns.end()) break;
      if (found != unmatched.end()) unmatched.erase(found);
      prefix++;
    }
    if (!unmatched.empty() && prefix < order_columns.size()) {
      throw Exception(sqlstate::kInvalidColumnReference, "SELECT DISTINCT ON expressions must match initial ORDER BY expressions",
                      Position(NodeLocation(*statement.distinct_clause[0])));
    }
  }

  // Aggregation.
  const bool grouped = !groups.empty() || !sink.aggregates.empty() || having || grouping_sets_clause;
  BindingMap grouping_rewrite;  // GROUPING SETS: bindings the union takes over
  LogicalOperator* grouping_union = nullptr;
  if (!grouped && !sink.grouping_calls.empty()) {
    throw Exception(sqlstate::kGroupingError, "arguments to GROUPING must be grouping expressions of the associated query level",
                    sink.grouping_calls[0].position);
  }
  if (grouping_sets_clause) {
    plan = MakeGroupingSets(std::move(plan), groups, grouping_sets, sink, group_index, grouping_rewrite);
    grouping_union = plan.get();
    for (auto& expression : select) {
      expression = ReplaceGroupReferences(std::move(expression), groups, group_index, sink.table_index,
                                          windows.table_index);
      RewriteBindings(*expression, grouping_rewrite);
    }
    for (auto& call : set_functions.functions) {
      call = ReplaceGroupReferences(std::move(call), groups, group_index, sink.table_index, windows.table_index);
      RewriteBindings(*call, grouping_rewrite);
    }
    if (having) {
      having = ReplaceGroupReferences(std::move(having), groups, group_index, sink.table_index);
      RewriteBindings(*having, grouping_rewrite);
      auto filter = std::make_unique<LogicalFilter>();
      filter->expressions = SplitConjunction(std::move(having));
      filter->types = plan->types;
      filter->names = plan->names;
      filter->children.push_back(std::move(plan));
      plan = std::move(filter);
    }
  } else if (grouped) {
    // A plain GROUP BY is one grouping set: every GROUPING() is 0.
    if (!sink.grouping_calls.empty()) {
      std::vector<idx_t> all(groups.size());
      for (idx_t g = 0; g < groups.size(); g++) all[g] = g;
      std::vector<int32_t> values = GroupingValues(sink, groups, all);
      std::function<void(ExpressionPtr&)> constants = [&](ExpressionPtr& expression) {
        if (expression->expression_class == ExpressionClass::COLUMN_REF) {
          auto& ref = static_cast<BoundColumnRef&>(*expression);
          if (ref.binding.table_index == sink.grouping_index) {
            expression = std::make_unique<BoundConstant>(Value::Integer(values[ref.binding.column_index]));
          }
          return;
        }
        ForEachChild(*expression, constants);
      };
      for (auto& expression : select) constants(expression);
      if (having) constants(having);
      for (auto& window : windows.expressions) window.ForEachExpression(constants);
      for (auto& call : set_functions.functions) constants(call);
    }
    auto aggregate = std::make_unique<LogicalAggregate>();
    aggregate->group_index = group_index;
    aggregate->aggregate_index = sink.table_index;
    for (const auto& group : groups) {
      aggregate->types.push_back(group->return_type);
      aggregate->names.push_back(group->expression_class == ExpressionClass::COLUMN_REF
                                     ? static_cast<BoundColumnRef&>(*group).name
                                     : group->ToString());
      aggregate->groups.push_back(group->Copy());
    }
    for (auto& bound : sink.aggregates) {
      aggregate->types.push_back(bound.function.return_type);
      aggregate->names.push_back(bound.ToString());
      aggregate->aggregates.push_back(std::move(bound));
    }
    aggregate->children.push_back(std::move(plan));
    plan = std::move(aggregate);
    for (auto& expression : select) {
      expression = ReplaceGroupReferences(std::move(expression), groups, group_index, sink.table_index,
                                          windows.table_index);
    }
    for (auto& call : set_functions.functions) {
      call = ReplaceGroupReferences(std::move(call), groups, group_index, sink.table_index, windows.table_index);
    }
    if (having) {
      auto filter = std::make_unique<LogicalFilter>();
      filter->expressions =
          SplitConjunction(ReplaceGroupReferences(std::move(having), groups, group_index, sink.table_index));
      filter->types = plan->types;
      filter->names = plan->names;
      filter->children.push_back(std::move(plan));
      plan = std::move(filter);
    }
  }

  plan = MakeWindow(std::move(plan), windows, grouped ? &groups : nullptr, group_index, sink.table_index);
  if (grouping_union) {
    // Windows and HAVING above the grouping sets' union read its columns.
    for (LogicalOperator* op = plan.get(); op && op != grouping_union; op = op->children.empty() ? nullptr : op->children[0].get()) {
      op->ForEachExpression([&](ExpressionPtr& expression) { RewriteBindings(*expression, grouping_rewrite); });
    }
  }
  plan = MakeProjectSet(std::move(plan), set_functions);
  std::vector<LogicalType> select_types;
  for (const auto& expression : select) select_types.push_back(expression->return_type);
  plan = MakeProjection(std::move(plan), std::move(select), names);
  if (distinct) plan = MakeDistinct(std::move(plan));
  std::vector<ColumnBinding> select_bindings = plan->GetColumnBindings();
  if (distinct_on) {
    // The first row of each DISTINCT ON group in ORDER BY order:
    // row_number() OVER (PARTITION BY the expressions ORDER BY the ORDER BY) = 1.
    auto window = std::make_unique<LogicalWindow>();
    window->window_index = NewTableIndex();
    BoundWindowExpression row_number;
    row_number.kind = WindowFunctionKind::ROW_NUMBER;
    row_number.return_type = LogicalType(TypeId::BIGINT);
    row_number.frame.unit = WindowFrameUnit::ROWS;
    for (idx_t c : distinct_on_columns) {
      row_number.partitions.push_back(std::make_unique<BoundColumnRef>(select_bindings[c], select_types[c], names[c]));
    }
    for (size_t i = 0; i < orders.size(); i++) {
      idx_t c = order_columns[i];
      row_number.orders.push_back(BoundOrderBy{std::make_unique<BoundColumnRef>(select_bindings[c], select_types[c], names[c]),
                                               orders[i].ascending, orders[i].nulls_first});
    }
    window->types = plan->types;
    window->names = plan->names;
    window->types.push_back(row_number.return_type);
    window->names.push_back("row_number");
    window->expressions.push_back(std::move(row_number));
    window->children.push_back(std::move(plan));
    auto first = std::make_unique<LogicalFilter>();
    std::vector<Argument> comparison;
    comparison.push_back(Argument{std::make_unique<BoundColumnRef>(ColumnBinding{window->window_index, 0},
                                                                   LogicalType(TypeId::BIGINT), "row_number"), false});
    comparison.push_back(Argument{std::make_unique<BoundConstant>(Value::BigInt(1)), false});
    first->expressions.push_back(BindOperator("=", std::move(comparison)));
    first->types = window->types;
    first->names = window->names;
    first->children.push_back(std::move(window));
    plan = std::move(first);
  }
  if (!orders.empty()) {
    auto order = std::make_unique<LogicalOrder>();
    for (size_t i = 0; i < orders.size(); i++) {
      idx_t c = order_columns[i];
      orders[i].expression = JsonOrderKey(std::make_unique<BoundColumnRef>(select_bindings[c], select_types[c], names[c]));
      order->orders.push_back(std::move(orders[i]));
    }
    order->types = plan->types;
    order->names = plan->names;
    order->children.push_back(std::move(plan));
    plan = std::move(order);
  }
  plan = BindLimit(std::move(plan), statement);
  if (plan->types.size() > visible_count) {
    std::vector<ExpressionPtr> visible;
    std::vector<std::string> visible_names(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(visible_count));
    for (idx_t i = 0; i < visible_count; i++) {
      visible.push_back(std::make_unique<BoundColumnRef>(select_bindings[i], select_types[i], names[i]));
    }
    plan = MakeProjection(std::move(plan), std::move(visible), std::move(visible_names));
  }
  return plan;
}

LogicalOperatorPtr ResolveUnknownOutput(LogicalOperatorPtr plan, idx_t table_index) {
  bool unknown = false;
  for (const auto& type : plan->types) unknown = unknown || type.id() == TypeId::SQLNULL;
  if (!unknown) return plan;
  if (plan->type == LogicalOperatorType::PROJECTION) {
    auto& top = static_cast<LogicalProjection&>(*plan);
    for (size_t i = 0; i < top.expressions.size(); i++) {
      if (top.types[i].id() != TypeId::SQLNULL) continue;
      top.expressions[i] = Binder::AddCast(std::move(top.expressions[i]), LogicalType(TypeId::VARCHAR));
      top.types[i] = LogicalType(TypeId::VARCHAR);
    }
    return plan;
  }
  auto projection = std::make_unique<LogicalProjection>();
  projection->table_index = table_index;
  const std::vector<ColumnBinding> bindings = plan->GetColumnBindings();
  for (size_t i = 0; i < bindings.size(); i++) {
    ExpressionPtr column = std::make_unique<BoundColumnRef>(bindings[i], plan->types[i], plan->names[i]);
    if (plan->types[i].id() == TypeId::SQLNULL) column = Binder::AddCast(std::move(column), LogicalType(TypeId::VARCHAR));
    projection->types.push_back(column->return_type);
    projection->names.push_back(plan->names[i]);
    projection->expressions.push_back(std::move(column));
  }
  projection->children.push_back(std::move(plan));
  return projection;
}


}  // namespace cairn
