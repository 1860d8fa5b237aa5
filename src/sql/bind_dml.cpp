// INSERT, UPDATE and DELETE of managed tables: each bound to one change query (sql/dml_plan.h)
// — the rows to delete by position, the rows to store, the CHECK results and RETURNING values.

#include <fmt/format.h>

#include <set>

#include "function/cast.h"
#include "sql/binder.h"
#include "sql/column_name.h"
#include "sql/dml_plan.h"
#include "sql/join_condition.h"
#include "sql/parser.h"

namespace cairn {

namespace {

/// PostgreSQL's assignment-cast rule (INSERT and UPDATE SET): implicit casts, any numeric type
/// to any other, anything to text, and untyped literals to anything.
bool AssignmentCastAllowed(const LogicalType& from, const LogicalType& to, bool string_literal) {
  if (from == to || string_literal || from.id() == TypeId::SQLNULL) return true;
  if (ImplicitCastCost(from, to) >= 0) return true;
  if (from.IsNumeric() && to.IsNumeric()) return true;
  if (to.IsString()) return true;
  if (from.IsTemporal() && to.IsTemporal()) return true;
  if ((from.id() == TypeId::JSON || from.id() == TypeId::JSONB) &&
      (to.id() == TypeId::JSON || to.id() == TypeId::JSONB)) {
    return true;
  }
  return false;
}

/// The value node of `SELECT <text>` in `parsed` (an expression stored as SQL text).
const PgQuery__Node* ExpressionOf(const ParsedSql& parsed, const std::string& what) {
  if (parsed.size() != 1 || parsed.statement(0).stmt->node_case != PG_QUERY__NODE__NODE_SELECT_STMT ||
      parsed.statement(0).stmt->select_stmt->n_target_list != 1) {
    throw Exception(sqlstate::kDataCorrupted, "the stored " + what + " is not one expression");
  }
  return parsed.statement(0).stmt->select_stmt->target_list[0]->res_target->val;
}

}  // namespace

ExpressionPtr Binder::AssignmentCast(Argument argument, const ColumnDefinition& column, std::optional<int> position) {
  const LogicalType& from = argument.expression->return_type;
  if (!AssignmentCastAllowed(from, column.type, argument.string_literal)) {
    throw Exception(sqlstate::kDatatypeMismatch,
                    fmt::format("column \"{}\" is of type {} but expression is of type {}", column.name,
                                PostgresTypeName(column.type), PostgresTypeName(from)),
                    position, "You will need to rewrite or cast the expression.");
  }
  return AddCast(std::move(argument.expression), column.type);
}

ExpressionPtr Binder::BindStoredExpression(const std::string& text, Scope& scope, const std::string& what) {
  ParsedSql parsed("SELECT " + text);
  auto saved = map_position_;
  map_position_ = [](int) { return -1; };
  try {
    ExpressionPtr bound = Bind(ExpressionOf(parsed, what), scope);
    map_position_ = saved;
    return bound;
  } catch (...) {
    map_position_ = saved;
    throw;
  }
}

ExpressionPtr Binder::BindColumnDefault(const ColumnDefinition& column, const std::optional<std::string>& default_text) {
  if (!default_text) return std::make_unique<BoundConstant>(Value::Null(column.type));
  Scope scope;
  scope.clause = "DEFAULT";
  Argument argument;
  argument.expression = BindStoredExpression(*default_text, scope, "default of column \"" + column.name + "\"");
  argument.string_literal = argument.expression->return_type.id() == TypeId::VARCHAR &&
                            argument.expression->expression_class == ExpressionClass::CONSTANT;
  return AssignmentCast(std::move(argument), column, std::nullopt);
}

CatalogEntry Binder::BindWriteTarget(const PgQuery__RangeVar& relation, const char* verb) {
  std::string schema = relation.schemaname ? relation.schemaname : "";
  std::string name = relation.relname ? relation.relname : "";
  std::optional<CatalogEntry> entry = schema.empty() ? catalog_.lookup(search_path_, name) : catalog_.find(schema, name);
  auto position = Position(relation.location);
  std::string shown = schema.empty() ? name : schema + "." + name;
  if (!entry) throw Exception(sqlstate::kUndefinedTable, fmt::format("relation \"{}\" does not exist", shown), position);
  switch (entry->type) {
    case TableType::kManaged:
      return *entry;
    case TableType::kView:
      throw Exception(sqlstate::kWrongObjectType, fmt::format("cannot {} view \"{}\"", verb, shown), position,
                      "Views are read-only in Cairn; change the tables they read.");
    case TableType::kSystem:
      throw Exception(sqlstate::kWrongObjectType, fmt::format("cannot {} system table \"{}\"", verb, shown), position);
    default:
      throw Exception(sqlstate::kWrongObjectType, fmt::format("cannot {} foreign table \"{}\"", verb, shown), position,
                      "Tables of registered files are read-only; CREATE TABLE makes a writable table.");
  }
}

/// The target table's scan with every column and the rowid, added to `context` under its alias.
LogicalOperatorPtr Binder::BindTargetScan(const CatalogEntry& table, const PgQuery__RangeVar& relation,
                                          BindContext& context, ColumnBinding& rowid) {
  std::shared_ptr<TableSource> source = catalog_.managed_source(table);
  auto get = std::make_unique<LogicalGet>();
  get->table_index = NewTableIndex();
  const auto& columns = source->columns();
  for (idx_t i = 0; i < columns.size(); i++) {
    get->column_ids.push_back(i);
    get->types.push_back(columns[i].type);
    get->names.push_back(columns[i].name);
  }
  std::string alias = relation.alias ? relation.alias->aliasname : table.name;
  context.AddTable(alias, get->names, get->types, get->GetColumnBindings(), Position(relation.location).value_or(0));
  get->column_ids.push_back(columns.size());  // the virtual rowid (ScanRequest::column_ids)
  get->types.push_back(LogicalType(TypeId::BIGINT));
  get->names.push_back("rowid");
  rowid = get->GetColumnBindings().back();
  get->source = std::move(source);
  get->table_name = table.name;
  return get;
}

void Binder::FinishDmlPlan(DmlPlan& dml, LogicalOperatorPtr core, idx_t visible_row_start, const TableDefinition& definition,
                           PgQuery__Node** returning, size_t n_returning, const std::string& alias) {
  // The row the checks and RETURNING see: the new row (the old one for DELETE), under the
  // table's name.
  std::vector<ColumnBinding> bindings = core->GetColumnBindings();
  const idx_t n = dml.columns.size();
  BindContext row_context;
  std::vector<std::string> names;
  std::vector<LogicalType> types;
  std::vector<ColumnBinding> row_bindings;
  for (idx_t i = 0; i < n; i++) {
    names.push_back(dml.columns[i].name);
    types.push_back(dml.columns[i].type);
    row_bindings.push_back(bindings[visible_row_start + i]);
  }
  row_context.AddTable(alias, names, types, row_bindings, 0);
  std::vector<ExpressionPtr> expressions;
  std::vector<std::string> output_names;
  for (idx_t i = 0; i < core->types.size(); i++) {
    expressions.push_back(std::make_unique<BoundColumnRef>(bindings[i], core->types[i], core->names[i]));
    output_names.push_back(core->names[i]);
  }
  dml.check_start = expressions.size();
  if (dml.new_row_start) {
    Scope scope;
    scope.context = &row_context;
    scope.clause = "check constraint";
    for (const auto& check : definition.checks) {
      ExpressionPtr condition = BindStoredExpression(check.expression, scope, "check constraint \"" + check.name + "\"");
      expressions.push_back(AddCast(std::move(condition), LogicalType(TypeId::BOOLEAN)));
      output_names.push_back(check.name);
      dml.check_names.push_back(check.name);
    }
  }
  dml.returning_start = expressions.size();
  Scope scope;
  scope.context = &row_context;
  scope.clause = "RETURNING";
  for (size_t i = 0; i < n_returning; i++) {
    const PgQuery__ResTarget& target = *returning[i]->res_target;
    const PgQuery__Node* value = target.val;
    if (value->node_case == PG_QUERY__NODE__NODE_COLUMN_REF) {
      const PgQuery__ColumnRef& ref = *value->column_ref;
      if (ref.n_fields > 0 && ref.fields[ref.n_fields - 1]->node_case == PG_QUERY__NODE__NODE_A_STAR) {
        std::string table = ref.n_fields == 2 ? NodeString(ref.fields[0]) : "";
        std::vector<std::string> star_names;
        for (auto& expression : row_context.ExpandStar(table, Position(ref.location).value_or(0), star_names)) {
          dml.returning_types.push_back(expression->return_type);
          expressions.push_back(std::move(expression));
        }
        for (auto& name : star_names) {
          dml.returning_names.push_back(name);
          output_names.push_back(name);
        }
        continue;
      }
    }
    ExpressionPtr expression = Bind(value, scope);
    std::string name = target.name && *target.name ? std::string(target.name) : FigureColumnName(value);
    dml.returning_types.push_back(expression->return_type);
    dml.returning_names.push_back(name);
    output_names.push_back(name);
    expressions.push_back(std::move(expression));
  }
  dml.has_returning = n_returning > 0;
  dml.plan = MakeProjection(std::move(core), std::move(expressions), std::move(output_names));
}

DmlPlan Binder::BindInsert(const PgQuery__InsertStmt& statement) {
  if (statement.with_clause) AddCommonTableExpressions(*statement.with_clause);
  CatalogEntry table = BindWriteTarget(*statement.relation, "insert into");
  const TableDefinition& definition = table.definition();
  DmlPlan dml;
  dml.kind = DmlPlan::Kind::INSERT;
  dml.table = table.id;
  dml.table_name = table.name;
  dml.columns = StorageColumns(definition);
  const idx_t n = dml.columns.size();

  // The target columns, in the order the values come.
  std::vector<idx_t> targets;
  if (statement.n_cols == 0) {
    for (idx_t i = 0; i < n; i++) targets.push_back(i);
  } else {
    std::set<idx_t> seen;
    for (size_t i = 0; i < statement.n_cols; i++) {
      const PgQuery__ResTarget& target = *statement.cols[i]->res_target;
      std::string name = target.name ? target.name : "";
      idx_t found = n;
      for (idx_t c = 0; c < n; c++) {
        if (dml.columns[c].name == name) found = c;
      }
      if (found == n) {
        throw Exception(sqlstate::kUndefinedColumn,
                        fmt::format("column \"{}\" of relation \"{}\" does not exist", name, table.name),
                        Position(target.location));
      }
      if (target.n_indirection > 0) {
        throw Exception(sqlstate::kFeatureNotSupported, "assigning to an element or field of a column is not supported",
                        Position(target.location));
      }
      if (!seen.insert(found).second) {
        throw Exception(sqlstate::kDuplicateColumn, fmt::format("column \"{}\" specified more than once", name),
                        Position(target.location));
      }
      targets.push_back(found);
    }
  }
  auto default_of = [&](idx_t c) { return BindColumnDefault(dml.columns[c], definition.columns[c].default_value); };

  LogicalOperatorPtr core;
  std::vector<std::string> names;
  for (const auto& c : dml.columns) names.push_back(c.name);
  const PgQuery__SelectStmt* select =
      statement.select_stmt ? statement.select_stmt->select_stmt : nullptr;
  if (!select) {
    // DEFAULT VALUES
    std::vector<ExpressionPtr> row;
    for (idx_t c = 0; c < n; c++) row.push_back(default_of(c));
    core = MakeProjection(std::make_unique<LogicalDummyScan>(), std::move(row), names);
  } else if (select->n_values_lists > 0 && select->n_sort_clause == 0 && !select->limit_count && !select->limit_offset) {
    // VALUES: each item is assigned to its column (PostgreSQL types the items by the columns),
    // DEFAULT takes the column's default.
    auto values_union = std::make_unique<LogicalUnion>();
    values_union->table_index = NewTableIndex();
    for (const auto& c : dml.columns) values_union->types.push_back(c.type);
    values_union->names = names;
    Scope scope;
    scope.clause = "VALUES";
    for (size_t r = 0; r < select->n_values_lists; r++) {
      const PgQuery__List& list = *select->values_lists[r]->list;
      if (list.n_items > targets.size()) {
        throw Exception(sqlstate::kSyntaxError, "INSERT has more expressions than target columns",
                        Position(statement.relation->location));
      }
      if (list.n_items < targets.size()) {
        throw Exception(sqlstate::kSyntaxError, "INSERT has more target columns than expressions",
                        Position(statement.relation->location));
      }
      std::vector<ExpressionPtr> row(n);
      for (size_t i = 0; i < list.n_items; i++) {
        const PgQuery__Node* item = list.items[i];
        idx_t c = targets[i];
        if (item->node_case == PG_QUERY__NODE__NODE_SET_TO_DEFAULT) {
          row[c] = default_of(c);
        } else {
          row[c] = AssignmentCast(BindArgument(item, scope), dml.columns[c], std::nullopt);
        }
      }
      for (idx_t c = 0; c < n; c++) {
        if (!row[c]) row[c] = default_of(c);
      }
      values_union->children.push_back(MakeProjection(std::make_unique<LogicalDummyScan>(), std::move(row), names));
    }
    if (values_union->children.size() == 1) {
      core = std::move(values_union->children[0]);
    } else {
      core = std::move(values_union);
    }
  } else {
    LogicalOperatorPtr query = ResolveUnknownOutput(BindQuery(*select), NewTableIndex());
    if (query->types.size() > targets.size()) {
      throw Exception(sqlstate::kSyntaxError, "INSERT has more expressions than target columns",
                      Position(statement.relation->location));
    }
    if (query->types.size() < targets.size()) {
      throw Exception(sqlstate::kSyntaxError, "INSERT has more target columns than expressions",
                      Position(statement.relation->location));
    }
    std::vector<ColumnBinding> bindings = query->GetColumnBindings();
    std::vector<ExpressionPtr> row(n);
    for (size_t i = 0; i < targets.size(); i++) {
      Argument argument;
      argument.expression = std::make_unique<BoundColumnRef>(bindings[i], query->types[i], query->names[i]);
      row[targets[i]] = AssignmentCast(std::move(argument), dml.columns[targets[i]], std::nullopt);
    }
    for (idx_t c = 0; c < n; c++) {
      if (!row[c]) row[c] = default_of(c);
    }
    core = MakeProjection(std::move(query), std::move(row), names);
  }
  dml.new_row_start = 0;

  if (statement.on_conflict_clause) {
    const PgQuery__OnConflictClause& conflict = *statement.on_conflict_clause;
    if (conflict.action != PG_QUERY__ON_CONFLICT_ACTION__ONCONFLICT_NOTHING) {
      throw Exception(sqlstate::kFeatureNotSupported, "ON CONFLICT DO UPDATE is not supported yet",
                      Position(conflict.location));
    }
    dml.on_conflict_do_nothing = true;
    if (conflict.infer) {
      for (size_t i = 0; i < conflict.infer->n_index_elems; i++) {
        const PgQuery__IndexElem& element = *conflict.infer->index_elems[i]->index_elem;
        std::string name = element.name ? element.name : "";
        idx_t found = n;
        for (idx_t c = 0; c < n; c++) {
          if (dml.columns[c].name == name) found = c;
        }
        if (found == n) {
          throw Exception(sqlstate::kUndefinedColumn, fmt::format("column \"{}\" does not exist", name),
                          Position(conflict.infer->location));
        }
        dml.conflict_columns.push_back(found);
      }
    }
  }
  std::string alias = statement.relation->alias ? statement.relation->alias->aliasname : table.name;
  FinishDmlPlan(dml, std::move(core), 0, definition, statement.returning_list, statement.n_returning_list, alias);
  return dml;
}

DmlPlan Binder::BindInsertFrom(const CatalogEntry& table, const std::vector<idx_t>& targets, LogicalOperatorPtr source,
                               const PgQuery__Node* where) {
  const TableDefinition& definition = table.definition();
  DmlPlan dml;
  dml.kind = DmlPlan::Kind::INSERT;
  dml.table = table.id;
  dml.table_name = table.name;
  dml.columns = StorageColumns(definition);
  const idx_t n = dml.columns.size();
  std::vector<std::string> names;
  for (const auto& c : dml.columns) names.push_back(c.name);
  std::vector<ColumnBinding> bindings = source->GetColumnBindings();
  std::vector<ExpressionPtr> row(n);
  for (size_t i = 0; i < targets.size() && i < bindings.size(); i++) {
    Argument argument;
    argument.expression = std::make_unique<BoundColumnRef>(bindings[i], source->types[i], source->names[i]);
    row[targets[i]] = AssignmentCast(std::move(argument), dml.columns[targets[i]], std::nullopt);
  }
  for (idx_t c = 0; c < n; c++) {
    if (!row[c]) row[c] = BindColumnDefault(dml.columns[c], definition.columns[c].default_value);
  }
  LogicalOperatorPtr core = MakeProjection(std::move(source), std::move(row), names);
  if (where) {
    // COPY ... FROM ... WHERE: over the row as it would be stored (defaults filled in).
    BindContext context;
    std::vector<LogicalType> types;
    for (const auto& c : dml.columns) types.push_back(c.type);
    context.AddTable(table.name, names, types, core->GetColumnBindings(), 0);
    Scope scope;
    scope.context = &context;
    scope.clause = "WHERE";
    auto filter = std::make_unique<LogicalFilter>();
    filter->expressions = SplitConjunction(BindCondition(where, scope, "WHERE"));
    filter->types = core->types;
    filter->names = core->names;
    filter->children.push_back(std::move(core));
    core = std::move(filter);
  }
  dml.new_row_start = 0;
  FinishDmlPlan(dml, std::move(core), 0, definition, nullptr, 0, table.name);
  return dml;
}

DmlPlan Binder::BindUpdate(const PgQuery__UpdateStmt& statement) {
  if (statement.with_clause) AddCommonTableExpressions(*statement.with_clause);
  CatalogEntry table = BindWriteTarget(*statement.relation, "update");
  const TableDefinition& definition = table.definition();
  DmlPlan dml;
  dml.kind = DmlPlan::Kind::UPDATE;
  dml.table = table.id;
  dml.table_name = table.name;
  dml.columns = StorageColumns(definition);
  const idx_t n = dml.columns.size();

  BindContext context;
  ColumnBinding rowid;
  LogicalOperatorPtr plan = BindTargetScan(table, *statement.relation, context, rowid);
  const std::vector<ColumnBinding> target_bindings = plan->GetColumnBindings();
  if (statement.n_from_clause > 0) {
    LogicalOperatorPtr from = BindFrom(statement.from_clause, statement.n_from_clause, context);
    auto join = std::make_unique<LogicalJoin>();
    join->join_type = JoinType::CROSS;
    join->types = plan->types;
    join->names = plan->names;
    join->types.insert(join->types.end(), from->types.begin(), from->types.end());
    join->names.insert(join->names.end(), from->names.begin(), from->names.end());
    join->children.push_back(std::move(plan));
    join->children.push_back(std::move(from));
    plan = std::move(join);
  }
  if (statement.where_clause) {
    Scope scope;
    scope.context = &context;
    scope.clause = "WHERE";
    auto filter = std::make_unique<LogicalFilter>();
    filter->expressions = SplitConjunction(BindCondition(statement.where_clause, scope, "WHERE"));
    filter->types = plan->types;
    filter->names = plan->names;
    filter->children.push_back(std::move(plan));
    plan = std::move(filter);
  }
  // rowid, the old row, the new row (SET items replace their columns).
  std::vector<ExpressionPtr> row;
  std::vector<std::string> names;
  row.push_back(std::make_unique<BoundColumnRef>(rowid, LogicalType(TypeId::BIGINT), "rowid"));
  names.push_back("rowid");
  for (idx_t c = 0; c < n; c++) {
    row.push_back(std::make_unique<BoundColumnRef>(target_bindings[c], dml.columns[c].type, dml.columns[c].name));
    names.push_back(dml.columns[c].name);
  }
  std::vector<ExpressionPtr> new_row(n);
  Scope scope;
  scope.context = &context;
  scope.clause = "UPDATE";
  for (size_t i = 0; i < statement.n_target_list; i++) {
    const PgQuery__ResTarget& target = *statement.target_list[i]->res_target;
    std::string name = target.name ? target.name : "";
    idx_t c = n;
    for (idx_t k = 0; k < n; k++) {
      if (dml.columns[k].name == name) c = k;
    }
    if (c == n) {
      throw Exception(sqlstate::kUndefinedColumn,
                      fmt::format("column \"{}\" of relation \"{}\" does not exist", name, table.name),
                      Position(target.location));
    }
    if (target.n_indirection > 0) {
      throw Exception(sqlstate::kFeatureNotSupported, "assigning to an element or field of a column is not supported",
                      Position(target.location));
    }
    if (new_row[c]) {
      throw Exception(sqlstate::kSyntaxError, fmt::format("multiple assignments to same column \"{}\"", name),
                      Position(target.location));
    }
    if (target.val->node_case == PG_QUERY__NODE__NODE_SET_TO_DEFAULT) {
      new_row[c] = BindColumnDefault(dml.columns[c], definition.columns[c].default_value);
    } else {
      new_row[c] = AssignmentCast(BindArgument(target.val, scope), dml.columns[c], Position(target.location));
    }
  }
  for (idx_t c = 0; c < n; c++) {
    if (!new_row[c]) new_row[c] = std::make_unique<BoundColumnRef>(target_bindings[c], dml.columns[c].type, dml.columns[c].name);
    row.push_back(std::move(new_row[c]));
    names.push_back(dml.columns[c].name);
  }
  dml.rowid_column = 0;
  dml.old_row_start = 1;
  dml.new_row_start = 1 + n;
  LogicalOperatorPtr core = MakeProjection(std::move(plan), std::move(row), names);
  std::string alias = statement.relation->alias ? statement.relation->alias->aliasname : table.name;
  FinishDmlPlan(dml, std::move(core), 1 + n, definition, statement.returning_list, statement.n_returning_list, alias);
  return dml;
}

DmlPlan Binder::BindDelete(const PgQuery__DeleteStmt& statement) {
  if (statement.with_clause) AddCommonTableExpressions(*statement.with_clause);
  CatalogEntry table = BindWriteTarget(*statement.relation, "delete from");
  const TableDefinition& definition = table.definition();
  DmlPlan dml;
  dml.kind = DmlPlan::Kind::DELETE;
  dml.table = table.id;
  dml.table_name = table.name;
  dml.columns = StorageColumns(definition);
  const idx_t n = dml.columns.size();

  BindContext context;
  ColumnBinding rowid;
  LogicalOperatorPtr plan = BindTargetScan(table, *statement.relation, context, rowid);
  const std::vector<ColumnBinding> target_bindings = plan->GetColumnBindings();
  if (statement.n_using_clause > 0) {
    LogicalOperatorPtr from = BindFrom(statement.using_clause, statement.n_using_clause, context);
    auto join = std::make_unique<LogicalJoin>();
    join->join_type = JoinType::CROSS;
    join->types = plan->types;
    join->names = plan->names;
    join->types.insert(join->types.end(), from->types.begin(), from->types.end());
    join->names.insert(join->names.end(), from->names.begin(), from->names.end());
    join->children.push_back(std::move(plan));
    join->children.push_back(std::move(from));
    plan = std::move(join);
  }
  if (statement.where_clause) {
    Scope scope;
    scope.context = &context;
    scope.clause = "WHERE";
    auto filter = std::make_unique<LogicalFilter>();
    filter->expressions = SplitConjunction(BindCondition(statement.where_clause, scope, "WHERE"));
    filter->types = plan->types;
    filter->names = plan->names;
    filter->children.push_back(std::move(plan));
    plan = std::move(filter);
  }
  std::vector<ExpressionPtr> row;
  std::vector<std::string> names;
  row.push_back(std::make_unique<BoundColumnRef>(rowid, LogicalType(TypeId::BIGINT), "rowid"));
  names.push_back("rowid");
  for (idx_t c = 0; c < n; c++) {
    row.push_back(std::make_unique<BoundColumnRef>(target_bindings[c], dml.columns[c].type, dml.columns[c].name));
    names.push_back(dml.columns[c].name);
  }
  dml.rowid_column = 0;
  dml.old_row_start = 1;
  LogicalOperatorPtr core = MakeProjection(std::move(plan), std::move(row), names);
  std::string alias = statement.relation->alias ? statement.relation->alias->aliasname : table.name;
  FinishDmlPlan(dml, std::move(core), 1, definition, statement.returning_list, statement.n_returning_list, alias);
  return dml;
}

std::vector<ColumnDefinition> Binder::StorageColumns(const TableDefinition& definition) {
  std::vector<ColumnDefinition> out;
  for (const auto& c : definition.columns) out.push_back(ColumnDefinition{c.name, ParseTypeName(c.type), c.nullable});
  return out;
}

}  // namespace cairn
