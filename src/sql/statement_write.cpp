// Statements on writable (managed) tables and transaction control, planned into
// WriteStatements the session carries out (src/main/write_execution.cpp).

#include <fmt/format.h>

#include <regex>
#include <set>

#include "function/cast.h"
#include "sql/utility_statements.h"

namespace cairn {

namespace {

std::string ConstraintName(const PgQuery__Constraint& constraint) { return constraint.conname ? constraint.conname : ""; }

/// Column names of a constraint's key list (PRIMARY KEY (a, b), UNIQUE (a)).
std::vector<std::string> KeyNames(const PgQuery__Constraint& constraint) {
  std::vector<std::string> out;
  for (size_t i = 0; i < constraint.n_keys; i++) out.push_back(NodeString(constraint.keys[i]));
  return out;
}

/// The catalog column of a ColumnDef (type validated, constraints applied to `definition`).
ColumnSchema ColumnFromDef(const PgQuery__ColumnDef& def, Binder& binder, const std::string& table,
                           TableDefinition& definition) {
  ColumnSchema column;
  column.name = def.colname ? def.colname : "";
  if (!def.type_name) {
    throw Exception(sqlstate::kSyntaxError, fmt::format("column \"{}\" needs a type", column.name),
                    binder.Position(def.location));
  }
  LogicalType type = binder.BindTypeName(*def.type_name);
  column.type = type.ToString();
  // character varying(n) keeps its n (checked on assignment): stored as VARCHAR(n).
  if (type.id() == TypeId::VARCHAR) {
    static const std::regex kVarying(R"(^(varchar|character varying)\((\d{1,9})\)$)");
    std::smatch match;
    std::string text = Binder::TypeNameText(*def.type_name);
    if (text == "varchar" || text == "character varying") {
      column.type = "CHARACTER VARYING";  // information_schema tells it from text
    } else if (std::regex_match(text, match, kVarying)) {
      if (std::stoll(match[2].str()) < 1) {
        throw Exception(sqlstate::kInvalidParameterValue, "length for type varchar must be at least 1",
                        binder.Position(def.location));
      }
      column.type = "VARCHAR(" + match[2].str() + ")";
    }
  }
  column.nullable = !def.is_not_null;
  if (def.raw_default) column.default_value = DeparseExpression(*def.raw_default);
  for (size_t i = 0; i < def.n_constraints; i++) {
    const PgQuery__Constraint& constraint = *def.constraints[i]->constraint;
    switch (constraint.contype) {
      case PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL:
        column.nullable = false;
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_NULL:
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT:
        column.default_value = DeparseExpression(*constraint.raw_expr);
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
        if (!definition.primary_key.empty()) {
          throw Exception(sqlstate::kInvalidTableDefinition,
                          fmt::format("multiple primary keys for table \"{}\" are not allowed", table),
                          binder.Position(constraint.location));
        }
        definition.primary_key = {column.name};
        column.nullable = false;
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
        definition.unique_keys.push_back({column.name});
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK: {
        std::string name = ConstraintName(constraint);
        if (name.empty()) name = table + "_" + column.name + "_check";
        definition.checks.push_back(CheckConstraint{name, DeparseExpression(*constraint.raw_expr)});
        break;
      }
      case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_DEFERRABLE:
      case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_NOT_DEFERRABLE:
      case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_DEFERRED:
      case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_IMMEDIATE:
        break;
      default:
        throw Exception(sqlstate::kFeatureNotSupported,
                        "this column constraint is not supported (foreign keys, generated and identity columns)",
                        binder.Position(constraint.location));
    }
  }
  return column;
}

/// Checks the names a definition's constraints refer to; PRIMARY KEY columns become NOT NULL.
void FinishDefinition(TableDefinition& definition, Binder& binder, std::optional<int> position) {
  auto find = [&](const std::string& name) -> ColumnSchema* {
    for (auto& c : definition.columns) {
      if (c.name == name) return &c;
    }
    return nullptr;
  };
  for (const auto& name : definition.primary_key) {
    ColumnSchema* column = find(name);
    if (!column) {
      throw Exception(sqlstate::kUndefinedColumn, fmt::format("column \"{}\" named in key does not exist", name), position);
    }
    column->nullable = false;
  }
  for (const auto& key : definition.unique_keys) {
    for (const auto& name : key) {
      if (!find(name)) {
        throw Exception(sqlstate::kUndefinedColumn, fmt::format("column \"{}\" named in key does not exist", name),
                        position);
      }
    }
  }
  // Each CHECK and DEFAULT must bind over the columns (the check at CREATE time, as PostgreSQL).
  std::vector<ColumnDefinition> columns = Binder::StorageColumns(definition);
  for (size_t i = 0; i < columns.size(); i++) binder.BindColumnDefault(columns[i], definition.columns[i].default_value);
  (void)binder;
}

PlannedStatement WriteOf(std::shared_ptr<WriteStatement> write, std::string tag) {
  PlannedStatement prepared;
  prepared.action = PlannedStatement::Action::WRITE;
  prepared.write = std::move(write);
  prepared.command_tag = std::move(tag);
  return prepared;
}

}  // namespace

PlannedStatement PlanCreateManagedTable(const PgQuery__CreateStmt& statement, Catalog& catalog, Binder& binder,
                                        const std::vector<std::string>& search_path) {
  const std::string name = statement.relation->relname;
  auto position = binder.Position(statement.relation->location);
  if (statement.n_inh_relations > 0 || statement.partspec || statement.partbound) {
    throw Exception(sqlstate::kFeatureNotSupported, "table inheritance and partitioning are not supported", position);
  }
  if (statement.relation->relpersistence && std::string(statement.relation->relpersistence) == "t") {
    throw Exception(sqlstate::kFeatureNotSupported, "temporary tables are not supported yet", position);
  }
  TableDefinition definition;
  std::set<std::string> names;
  std::vector<const PgQuery__Constraint*> table_constraints;
  for (size_t i = 0; i < statement.n_table_elts; i++) {
    const PgQuery__Node& element = *statement.table_elts[i];
    if (element.node_case == PG_QUERY__NODE__NODE_COLUMN_DEF) {
      ColumnSchema column = ColumnFromDef(*element.column_def, binder, name, definition);
      if (!names.insert(column.name).second) {
        throw Exception(sqlstate::kDuplicateColumn, fmt::format("column \"{}\" specified more than once", column.name),
                        binder.Position(element.column_def->location));
      }
      definition.columns.push_back(std::move(column));
    } else if (element.node_case == PG_QUERY__NODE__NODE_CONSTRAINT) {
      table_constraints.push_back(element.constraint);
    } else {
      throw Exception(sqlstate::kFeatureNotSupported, "CREATE TABLE ... LIKE is not supported", position);
    }
  }
  for (const PgQuery__Constraint* constraint : table_constraints) {
    switch (constraint->contype) {
      case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
        if (!definition.primary_key.empty()) {
          throw Exception(sqlstate::kInvalidTableDefinition,
                          fmt::format("multiple primary keys for table \"{}\" are not allowed", name),
                          binder.Position(constraint->location));
        }
        definition.primary_key = KeyNames(*constraint);
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
        definition.unique_keys.push_back(KeyNames(*constraint));
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK: {
        std::string check_name = ConstraintName(*constraint);
        if (check_name.empty()) {
          check_name = name + "_check";
          int n = 0;
          for (const auto& c : definition.checks) {
            if (c.name == check_name || c.name.rfind(name + "_check", 0) == 0) n++;
          }
          if (n > 0) check_name += std::to_string(n);
        }
        definition.checks.push_back(CheckConstraint{check_name, DeparseExpression(*constraint->raw_expr)});
        break;
      }
      default:
        throw Exception(sqlstate::kFeatureNotSupported, "this table constraint is not supported (foreign keys, EXCLUDE)",
                        binder.Position(constraint->location));
    }
  }
  if (definition.columns.empty()) {
    throw Exception(sqlstate::kFeatureNotSupported, "a table needs at least one column", position);
  }
  FinishDefinition(definition, binder, position);
  auto write = std::make_shared<WriteStatement>();
  write->kind = WriteStatement::Kind::CREATE_TABLE;
  write->create = DmlPlan::CreateTable{NamespaceOf(*statement.relation, catalog, search_path), name, std::move(definition),
                                       statement.if_not_exists != 0, true};
  return WriteOf(std::move(write), "CREATE TABLE");
}

PlannedStatement PlanCreateTableAs(const PgQuery__CreateTableAsStmt& statement, Catalog& catalog, Binder& binder,
                                   const std::vector<std::string>& search_path) {
  if (statement.objtype != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE) {
    throw Exception(sqlstate::kFeatureNotSupported, "materialized views are not supported yet");
  }
  const PgQuery__IntoClause& into = *statement.into;
  if (!statement.query || statement.query->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) {
    throw Exception(sqlstate::kFeatureNotSupported, "CREATE TABLE AS needs a query");
  }
  LogicalOperatorPtr plan = ResolveUnknownOutput(binder.BindQuery(*statement.query->select_stmt), binder.NewTableIndex());
  if (into.n_col_names > plan->types.size()) {
    throw Exception(sqlstate::kSyntaxError, "CREATE TABLE AS specifies too many column names");
  }
  const std::string name = into.rel->relname;
  TableDefinition definition;
  std::set<std::string> names;
  for (idx_t i = 0; i < plan->types.size(); i++) {
    ColumnSchema column;
    column.name = i < into.n_col_names ? NodeString(into.col_names[i]) : plan->names[i];
    if (plan->types[i].id() == TypeId::SQLNULL) plan->types[i] = LogicalType(TypeId::VARCHAR);
    column.type = plan->types[i].ToString();
    if (!names.insert(column.name).second) {
      throw Exception(sqlstate::kDuplicateColumn, fmt::format("column \"{}\" specified more than once", column.name));
    }
    definition.columns.push_back(std::move(column));
  }
  auto dml = std::make_unique<DmlPlan>();
  dml->kind = DmlPlan::Kind::INSERT;
  dml->table_name = name;
  dml->columns = Binder::StorageColumns(definition);
  dml->new_row_start = 0;
  dml->check_start = plan->types.size();
  dml->returning_start = plan->types.size();
  dml->plan = std::move(plan);
  dml->create_table = DmlPlan::CreateTable{NamespaceOf(*into.rel, catalog, search_path), name, std::move(definition),
                                           statement.if_not_exists != 0, !into.skip_data};
  auto write = std::make_shared<WriteStatement>();
  write->kind = WriteStatement::Kind::DML;
  write->dml = std::move(dml);
  return WriteOf(std::move(write), "SELECT");
}

PlannedStatement PlanTruncate(const PgQuery__TruncateStmt& statement, Binder& binder) {
  auto write = std::make_shared<WriteStatement>();
  write->kind = WriteStatement::Kind::TRUNCATE;
  for (size_t i = 0; i < statement.n_relations; i++) {
    write->tables.push_back(binder.BindWriteTarget(*statement.relations[i]->range_var, "truncate"));
  }
  return WriteOf(std::move(write), "TRUNCATE TABLE");
}

namespace {

/// The managed table an ALTER names; nullopt when missing and `missing_ok`.
std::optional<CatalogEntry> AlterTarget(const PgQuery__RangeVar& relation, bool missing_ok, Catalog& catalog,
                                        Binder& binder, const std::vector<std::string>& search_path) {
  std::string schema = relation.schemaname ? relation.schemaname : "";
  std::string name = relation.relname;
  std::optional<CatalogEntry> entry = schema.empty() ? catalog.lookup(search_path, name) : catalog.find(schema, name);
  if (!entry && missing_ok) return std::nullopt;
  (void)entry;
  return binder.BindWriteTarget(relation, "alter");
}

bool HasColumn(const CatalogEntry& table, const std::string& name) {
  for (const auto& c : table.definition().columns) {
    if (c.name == name) return true;
  }
  return false;
}

}  // namespace

PlannedStatement PlanAlterTable(const PgQuery__AlterTableStmt& statement, Catalog& catalog, Binder& binder,
                                const std::vector<std::string>& search_path) {
  if (statement.objtype != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE) {
    throw Exception(sqlstate::kFeatureNotSupported, "only ALTER TABLE is supported");
  }
  std::optional<CatalogEntry> table = AlterTarget(*statement.relation, statement.missing_ok, catalog, binder, search_path);
  auto write = std::make_shared<WriteStatement>();
  write->kind = WriteStatement::Kind::ALTER_TABLE;
  if (!table) return WriteOf(nullptr, "ALTER TABLE");  // IF EXISTS of a missing table: nothing to do
  write->tables.push_back(*table);
  for (size_t i = 0; i < statement.n_cmds; i++) {
    const PgQuery__AlterTableCmd& cmd = *statement.cmds[i]->alter_table_cmd;
    AlterTableCommand command;
    command.name = cmd.name ? cmd.name : "";
    switch (cmd.subtype) {
      case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn: {
        command.kind = AlterTableCommand::Kind::ADD_COLUMN;
        command.if_not_exists = cmd.missing_ok;
        TableDefinition constraints;
        command.column = ColumnFromDef(*cmd.def->column_def, binder, table->name, constraints);
        if (!constraints.primary_key.empty() || !constraints.unique_keys.empty() || !constraints.checks.empty()) {
          throw Exception(sqlstate::kFeatureNotSupported, "ADD COLUMN with a key or CHECK constraint is not supported yet");
        }
        ColumnDefinition typed{command.column.name, ParseTypeName(command.column.type), command.column.nullable};
        binder.BindColumnDefault(typed, command.column.default_value);
        if (HasColumn(*table, command.column.name) && !command.if_not_exists) {
          throw Exception(sqlstate::kDuplicateColumn, fmt::format("column \"{}\" of relation \"{}\" already exists",
                                                                  command.column.name, table->name));
        }
        break;
      }
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumn:
        command.kind = AlterTableCommand::Kind::DROP_COLUMN;
        command.if_exists = cmd.missing_ok;
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_ColumnDefault:
        command.kind = AlterTableCommand::Kind::SET_DEFAULT;
        if (cmd.def) {
          command.column.default_value = DeparseExpression(*cmd.def);
          for (const auto& c : table->definition().columns) {
            if (c.name == command.name) {
              binder.BindColumnDefault(ColumnDefinition{c.name, ParseTypeName(c.type), c.nullable},
                                       command.column.default_value);
            }
          }
        }
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_SetNotNull:
        command.kind = AlterTableCommand::Kind::SET_NOT_NULL;
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DropNotNull:
        command.kind = AlterTableCommand::Kind::DROP_NOT_NULL;
        break;
      default:
        throw Exception(sqlstate::kFeatureNotSupported, "this ALTER TABLE action is not supported");
    }
    if (command.kind != AlterTableCommand::Kind::ADD_COLUMN && !HasColumn(*table, command.name) &&
        !(command.kind == AlterTableCommand::Kind::DROP_COLUMN && command.if_exists)) {
      throw Exception(sqlstate::kUndefinedColumn,
                      fmt::format("column \"{}\" of relation \"{}\" does not exist", command.name, table->name));
    }
    write->alter.push_back(std::move(command));
  }
  return WriteOf(std::move(write), "ALTER TABLE");
}

PlannedStatement PlanRename(const PgQuery__RenameStmt& statement, Catalog& catalog, Binder& binder,
                            const std::vector<std::string>& search_path) {
  const bool column = statement.rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN;
  if (statement.rename_type != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE && !column) {
    throw Exception(sqlstate::kFeatureNotSupported, "only ALTER TABLE ... RENAME is supported");
  }
  std::optional<CatalogEntry> table = AlterTarget(*statement.relation, statement.missing_ok, catalog, binder, search_path);
  if (!table) return WriteOf(nullptr, "ALTER TABLE");
  auto write = std::make_shared<WriteStatement>();
  write->kind = WriteStatement::Kind::ALTER_TABLE;
  write->tables.push_back(*table);
  AlterTableCommand command;
  command.kind = column ? AlterTableCommand::Kind::RENAME_COLUMN : AlterTableCommand::Kind::RENAME_TABLE;
  command.name = statement.subname ? statement.subname : "";
  command.new_name = statement.newname ? statement.newname : "";
  if (column && !HasColumn(*table, command.name)) {
    throw Exception(sqlstate::kUndefinedColumn,
                    fmt::format("column \"{}\" of relation \"{}\" does not exist", command.name, table->name));
  }
  if (column && HasColumn(*table, command.new_name)) {
    throw Exception(sqlstate::kDuplicateColumn,
                    fmt::format("column \"{}\" of relation \"{}\" already exists", command.new_name, table->name));
  }
  write->alter.push_back(std::move(command));
  return WriteOf(std::move(write), "ALTER TABLE");
}

PlannedStatement PlanTransaction(const PgQuery__TransactionStmt& statement) {
  auto write = std::make_shared<WriteStatement>();
  switch (statement.kind) {
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_BEGIN:
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_START:
      write->kind = WriteStatement::Kind::BEGIN;
      return WriteOf(std::move(write), "BEGIN");
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_COMMIT:
      write->kind = WriteStatement::Kind::COMMIT;
      return WriteOf(std::move(write), "COMMIT");
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK:
      write->kind = WriteStatement::Kind::ROLLBACK;
      return WriteOf(std::move(write), "ROLLBACK");
    default:
      throw Exception(sqlstate::kFeatureNotSupported, "savepoints and prepared transactions are not supported yet");
  }
}

}  // namespace cairn
