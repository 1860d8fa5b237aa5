// INSERT, UPDATE and DELETE of managed tables: each bound to one change query (sql/dml_plan.h)
// — the rows to delete by position, the rows to store, the CHECK results and RETURNING values.

#include <fmt/format.h>

#include <algorithm>
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
  ExpressionPtr cast = AddCast(std::move(argument.expression), column.type);
  if (column.max_length < 0 || column.type.id() != TypeId::VARCHAR) return cast;
  // character varying(n): longer values fail with 22001 (trailing spaces are cut).
  std::vector<Argument> coercion(3);
  coercion[0].expression = std::move(cast);
  coercion[1].expression = std::make_unique<BoundConstant>(Value::BigInt(column.max_length));
  coercion[2].expression = std::make_unique<BoundConstant>(Value::Boolean(false));
  return BindOperator("varchar", std::move(coercion));
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
  DmlPlan dml = NewDmlPlan(DmlPlan::Kind::INSERT, table);
  const idx_t n = dml.columns.size();

  // The target columns, in the order the values come. Without a column list the values fill
  // the first columns and the rest take their defaults (PostgreSQL).
  std::vector<idx_t> targets;
  const bool listed = statement.n_cols > 0;
  if (!listed) {
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
      if (list.n_items != select->values_lists[0]->list->n_items) {
        throw Exception(sqlstate::kSyntaxError, "VALUES lists must all be the same length",
                        Position(statement.relation->location));
      }
      if (list.n_items > targets.size()) {
        throw Exception(sqlstate::kSyntaxError, "INSERT has more expressions than target columns",
                        Position(statement.relation->location));
      }
      if (list.n_items < targets.size() && listed) {
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
    // One VALUES operator keeps the rows in the order written — they are stored, and RETURNING
    // answers, in that order, as in PostgreSQL. Each column is either constant in every row (a
    // VALUES column) or the same expression in every row (a DEFAULT such as now(): computed
    // per row in a projection over the VALUES). Rows whose non-constant items differ fall back
    // to a union of one-row projections, whose order is not kept.
    std::vector<const LogicalProjection*> rows;
    for (const auto& child : values_union->children) rows.push_back(static_cast<const LogicalProjection*>(child.get()));
    std::vector<bool> constant_column(n, true);
    bool ordered = true;
    for (idx_t c = 0; c < n; c++) {
      for (const auto* row : rows) {
        constant_column[c] = constant_column[c] && row->expressions[c]->expression_class == ExpressionClass::CONSTANT;
      }
      if (!constant_column[c]) {
        const std::string first = rows[0]->expressions[c]->ToString();
        for (const auto* row : rows) ordered = ordered && row->expressions[c]->ToString() == first;
      }
    }
    if (ordered) {
      auto values = std::make_unique<LogicalValues>();
      values->table_index = NewTableIndex();
      std::vector<idx_t> value_column(n, 0);
      for (idx_t c = 0; c < n; c++) {
        if (!constant_column[c]) continue;
        value_column[c] = values->types.size();
        values->types.push_back(dml.columns[c].type);
        values->names.push_back(names[c]);
      }
      for (const auto* row : rows) {
        std::vector<Value> value_row;
        for (idx_t c = 0; c < n; c++) {
          if (constant_column[c]) value_row.push_back(static_cast<const BoundConstant&>(*row->expressions[c]).value);
        }
        values->rows.push_back(std::move(value_row));
      }
      if (values->types.empty()) {
        // No constant column: one column of row numbers carries the row count.
        values->types.push_back(LogicalType(TypeId::INTEGER));
        values->names.push_back("row");
        for (idx_t r = 0; r < values->rows.size(); r++) values->rows[r].push_back(Value::Integer(static_cast<int32_t>(r)));
      }
      std::vector<ColumnBinding> bindings = values->GetColumnBindings();
      std::vector<ExpressionPtr> projected;
      for (idx_t c = 0; c < n; c++) {
        if (constant_column[c]) {
          projected.push_back(std::make_unique<BoundColumnRef>(bindings[value_column[c]], dml.columns[c].type, names[c]));
        } else {
          projected.push_back(rows[0]->expressions[c]->Copy());
        }
      }
      core = MakeProjection(std::move(values), std::move(projected), names);
    } else {
      // Each row a projection with its number, the union sorted by that number, so the rows
      // still come in the order written.
      auto numbered = std::make_unique<LogicalUnion>();
      numbered->table_index = NewTableIndex();
      numbered->types = values_union->types;
      numbered->types.push_back(LogicalType(TypeId::INTEGER));
      numbered->names = names;
      numbered->names.push_back("row");
      for (idx_t r = 0; r < values_union->children.size(); r++) {
        auto& row = static_cast<LogicalProjection&>(*values_union->children[r]);
        std::vector<ExpressionPtr> expressions = std::move(row.expressions);
        expressions.push_back(std::make_unique<BoundConstant>(Value::Integer(static_cast<int32_t>(r))));
        numbered->children.push_back(MakeProjection(std::make_unique<LogicalDummyScan>(), std::move(expressions),
                                                    numbered->names));
      }
      std::vector<ColumnBinding> bindings = numbered->GetColumnBindings();
      auto order = std::make_unique<LogicalOrder>();
      order->types = numbered->types;
      order->names = numbered->names;
      BoundOrderBy by;
      by.expression = std::make_unique<BoundColumnRef>(bindings[n], LogicalType(TypeId::INTEGER), "row");
      order->orders.push_back(std::move(by));
      order->children.push_back(std::move(numbered));
      std::vector<ExpressionPtr> projected;
      for (idx_t c = 0; c < n; c++) {
        projected.push_back(std::make_unique<BoundColumnRef>(bindings[c], dml.columns[c].type, names[c]));
      }
      core = MakeProjection(std::move(order), std::move(projected), names);
    }
  } else {
    LogicalOperatorPtr query = ResolveUnknownOutput(BindQuery(*select), NewTableIndex());
    if (query->types.size() > targets.size()) {
      throw Exception(sqlstate::kSyntaxError, "INSERT has more expressions than target columns",
                      Position(statement.relation->location));
    }
    if (query->types.size() < targets.size() && listed) {
      throw Exception(sqlstate::kSyntaxError, "INSERT has more target columns than expressions",
                      Position(statement.relation->location));
    }
    std::vector<ColumnBinding> bindings = query->GetColumnBindings();
    std::vector<ExpressionPtr> row(n);
    for (size_t i = 0; i < query->types.size(); i++) {
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
    if (conflict.infer) {
      if (conflict.infer->conname && *conflict.infer->conname) {
        throw Exception(sqlstate::kFeatureNotSupported, "ON CONFLICT ON CONSTRAINT is not supported yet",
                        Position(conflict.infer->location));
      }
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
      // The columns must be those of a PRIMARY KEY or UNIQUE constraint (in any order).
      auto matches = [&](const std::vector<std::string>& key) {
        if (key.size() != dml.conflict_columns.size()) return false;
        for (idx_t c : dml.conflict_columns) {
          if (std::find(key.begin(), key.end(), dml.columns[c].name) == key.end()) return false;
        }
        return true;
      };
      bool inferred = matches(definition.primary_key);
      for (const auto& key : definition.unique_keys) inferred = inferred || matches(key);
      if (!inferred) {
        throw Exception(sqlstate::kInvalidColumnReference,
                        "there is no unique or exclusion constraint matching the ON CONFLICT specification",
                        Position(conflict.location));
      }
    }
    if (conflict.action == PG_QUERY__ON_CONFLICT_ACTION__ONCONFLICT_NOTHING) {
      dml.on_conflict_do_nothing = true;
    } else {
      if (dml.conflict_columns.empty()) {
        throw Exception(sqlstate::kSyntaxError, "ON CONFLICT DO UPDATE requires inference specification or constraint name",
                        Position(conflict.location), "For example, ON CONFLICT (column_name).");
      }
      dml.excluded_rows = std::make_shared<WorkingTable>("excluded", dml.columns);
      dml.on_conflict_update = std::make_unique<DmlPlan>(
          BindConflictUpdate(table, *statement.relation, conflict, dml.conflict_columns, dml.excluded_rows,
                             statement.returning_list, statement.n_returning_list));
    }
  }
  std::string alias = statement.relation->alias ? statement.relation->alias->aliasname : table.name;
  FinishDmlPlan(dml, std::move(core), 0, definition, statement.returning_list, statement.n_returning_list, alias);
  return dml;
}

DmlPlan Binder::BindInsertFrom(const CatalogEntry& table, const std::vector<idx_t>& targets, LogicalOperatorPtr source,
                               const PgQuery__Node* where) {
  const TableDefinition& definition = table.definition();
  DmlPlan dml = NewDmlPlan(DmlPlan::Kind::INSERT, table);
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
    core = MakeFilter(std::move(core), SplitConjunction(BindCondition(where, scope, "WHERE")));
  }
  dml.new_row_start = 0;
  FinishDmlPlan(dml, std::move(core), 0, definition, nullptr, 0, table.name);
  return dml;
}

std::vector<ExpressionPtr> Binder::BindSetList(PgQuery__Node** targets, size_t count, const CatalogEntry& table,
                                               const std::vector<ColumnDefinition>& columns, const BindContext& context,
                                               const char* clause) {
  const idx_t n = columns.size();
  const TableDefinition& definition = table.definition();
  std::vector<ExpressionPtr> new_row(n);
  Scope scope;
  scope.context = &context;
  scope.clause = clause;
  for (size_t i = 0; i < count; i++) {
    const PgQuery__ResTarget& target = *targets[i]->res_target;
    std::string name = target.name ? target.name : "";
    idx_t c = n;
    for (idx_t k = 0; k < n; k++) {
      if (columns[k].name == name) c = k;
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
      new_row[c] = BindColumnDefault(columns[c], definition.columns[c].default_value);
    } else {
      new_row[c] = AssignmentCast(BindArgument(target.val, scope), columns[c], Position(target.location));
    }
  }
  return new_row;
}

DmlPlan Binder::NewDmlPlan(DmlPlan::Kind kind, const CatalogEntry& table) {
  DmlPlan dml;
  dml.kind = kind;
  dml.table = table.id;
  dml.table_name = table.name;
  dml.columns = StorageColumns(table.definition());
  return dml;
}

LogicalOperatorPtr Binder::MakeCrossJoin(LogicalOperatorPtr left, LogicalOperatorPtr right) {
  auto join = std::make_unique<LogicalJoin>();
  join->join_type = JoinType::CROSS;
  join->types = left->types;
  join->names = left->names;
  join->types.insert(join->types.end(), right->types.begin(), right->types.end());
  join->names.insert(join->names.end(), right->names.begin(), right->names.end());
  join->children.push_back(std::move(left));
  join->children.push_back(std::move(right));
  return join;
}

LogicalOperatorPtr Binder::MakeFilter(LogicalOperatorPtr plan, std::vector<ExpressionPtr> conditions) {
  if (conditions.empty()) return plan;
  auto filter = std::make_unique<LogicalFilter>();
  filter->expressions = std::move(conditions);
  filter->types = plan->types;
  filter->names = plan->names;
  filter->children.push_back(std::move(plan));
  return filter;
}

Binder::RowChangeSource Binder::BindRowChangeSource(const CatalogEntry& table, const PgQuery__RangeVar& relation,
                                                     PgQuery__Node** from, size_t n_from, const PgQuery__Node* where) {
  RowChangeSource source;
  source.plan = BindTargetScan(table, relation, source.context, source.rowid);
  source.target = source.plan->GetColumnBindings();
  if (n_from > 0) source.plan = MakeCrossJoin(std::move(source.plan), BindFrom(from, n_from, source.context));
  if (where) {
    Scope scope;
    scope.context = &source.context;
    scope.clause = "WHERE";
    source.plan = MakeFilter(std::move(source.plan), SplitConjunction(BindCondition(where, scope, "WHERE")));
  }
  return source;
}

void Binder::FinishRowChange(DmlPlan& dml, RowChangeSource source, std::vector<ExpressionPtr>* new_row,
                             const CatalogEntry& table, const PgQuery__RangeVar& relation, PgQuery__Node** returning,
                             size_t n_returning) {
  const idx_t n = dml.columns.size();
  auto column = [&](idx_t c) {
    return std::make_unique<BoundColumnRef>(source.target[c], dml.columns[c].type, dml.columns[c].name);
  };
  // rowid, the old row, and for UPDATE the new row (SET items replace their columns).
  std::vector<ExpressionPtr> row;
  std::vector<std::string> names;
  row.push_back(std::make_unique<BoundColumnRef>(source.rowid, LogicalType(TypeId::BIGINT), "rowid"));
  names.push_back("rowid");
  for (idx_t c = 0; c < n; c++) {
    row.push_back(column(c));
    names.push_back(dml.columns[c].name);
  }
  dml.rowid_column = 0;
  dml.old_row_start = 1;
  if (new_row) {
    for (idx_t c = 0; c < n; c++) {
      row.push_back((*new_row)[c] ? std::move((*new_row)[c]) : column(c));
      names.push_back(dml.columns[c].name);
    }
    dml.new_row_start = 1 + n;
  }
  LogicalOperatorPtr core = MakeProjection(std::move(source.plan), std::move(row), names);
  std::string alias = relation.alias ? relation.alias->aliasname : table.name;
  FinishDmlPlan(dml, std::move(core), new_row ? 1 + n : 1, table.definition(), returning, n_returning, alias);
}

DmlPlan Binder::BindConflictUpdate(const CatalogEntry& table, const PgQuery__RangeVar& relation,
                                   const PgQuery__OnConflictClause& conflict, const std::vector<idx_t>& conflict_columns,
                                   const std::shared_ptr<WorkingTable>& excluded, PgQuery__Node** returning,
                                   size_t n_returning) {
  DmlPlan dml = NewDmlPlan(DmlPlan::Kind::UPDATE, table);
  // The existing rows whose keys the proposed rows (EXCLUDED) take, with both in scope.
  RowChangeSource source = BindRowChangeSource(table, relation, nullptr, 0, nullptr);
  LogicalOperatorPtr proposed = MakeGet(excluded, "excluded");
  const std::vector<ColumnBinding> excluded_bindings = proposed->GetColumnBindings();
  AddAliasedTable(source.context, *proposed, "excluded", nullptr, 0);
  source.plan = MakeCrossJoin(std::move(source.plan), std::move(proposed));
  std::vector<ExpressionPtr> conditions;
  for (idx_t c : conflict_columns) {
    std::vector<Argument> sides(2);
    sides[0].expression = std::make_unique<BoundColumnRef>(source.target[c], dml.columns[c].type, dml.columns[c].name);
    sides[1].expression = std::make_unique<BoundColumnRef>(excluded_bindings[c], dml.columns[c].type, dml.columns[c].name);
    conditions.push_back(BindOperator("=", std::move(sides)));
  }
  if (conflict.where_clause) {
    Scope scope;
    scope.context = &source.context;
    scope.clause = "WHERE";
    for (auto& e : SplitConjunction(BindCondition(conflict.where_clause, scope, "WHERE"))) conditions.push_back(std::move(e));
  }
  source.plan = MakeFilter(std::move(source.plan), std::move(conditions));
  std::vector<ExpressionPtr> new_row =
      BindSetList(conflict.target_list, conflict.n_target_list, table, dml.columns, source.context, "UPDATE");
  FinishRowChange(dml, std::move(source), &new_row, table, relation, returning, n_returning);
  return dml;
}

DmlPlan Binder::BindUpdate(const PgQuery__UpdateStmt& statement) {
  if (statement.with_clause) AddCommonTableExpressions(*statement.with_clause);
  CatalogEntry table = BindWriteTarget(*statement.relation, "update");
  DmlPlan dml = NewDmlPlan(DmlPlan::Kind::UPDATE, table);
  RowChangeSource source = BindRowChangeSource(table, *statement.relation, statement.from_clause,
                                               statement.n_from_clause, statement.where_clause);
  std::vector<ExpressionPtr> new_row =
      BindSetList(statement.target_list, statement.n_target_list, table, dml.columns, source.context, "UPDATE");
  FinishRowChange(dml, std::move(source), &new_row, table, *statement.relation, statement.returning_list,
                  statement.n_returning_list);
  return dml;
}

DmlPlan Binder::BindDelete(const PgQuery__DeleteStmt& statement) {
  if (statement.with_clause) AddCommonTableExpressions(*statement.with_clause);
  CatalogEntry table = BindWriteTarget(*statement.relation, "delete from");
  DmlPlan dml = NewDmlPlan(DmlPlan::Kind::DELETE, table);
  RowChangeSource source = BindRowChangeSource(table, *statement.relation, statement.using_clause,
                                               statement.n_using_clause, statement.where_clause);
  FinishRowChange(dml, std::move(source), nullptr, table, *statement.relation, statement.returning_list,
                  statement.n_returning_list);
  return dml;
}

std::vector<ColumnDefinition> Binder::StorageColumns(const TableDefinition& definition) {
  std::vector<ColumnDefinition> out;
  for (const auto& c : definition.columns) {
    out.push_back(ColumnDefinition{c.name, ParseTypeName(c.type), c.nullable, DeclaredVarcharLength(c.type)});
  }
  return out;
}

}  // namespace cairn
