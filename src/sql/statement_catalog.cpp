#include "cairn/exception.h"
#include "function/cast.h"
#include "sql/utility_statements.h"

#include <set>

#include "sql/parser.h"

namespace cairn {

namespace {

std::string Trim(const std::string& text) {
  size_t begin = text.find_first_not_of(" \t\n");
  if (begin == std::string::npos) return "";
  size_t end = text.find_last_not_of(" \t\n");
  return text.substr(begin, end - begin + 1);
}

/// The namespace CREATE puts an unqualified name in: the first namespace of the search path
/// that exists (PostgreSQL's rule), else the default one.
std::string CreationNamespace(const Catalog& catalog, const std::vector<std::string>& search_path) {
  for (const auto& name : search_path) {
    if (name == "$user") continue;
    if (catalog.has_namespace(name)) return Catalog::CanonicalNamespace(name);
  }
  return Catalog::kDefaultNamespace;
}

}  // namespace

std::string NamespaceOf(const PgQuery__RangeVar& relation, const Catalog& catalog, const std::vector<std::string>& search_path) {
  std::string schema = relation.schemaname ? relation.schemaname : "";
  if (schema.empty()) return CreationNamespace(catalog, search_path);
  return Catalog::CanonicalNamespace(schema);
}

namespace {

/// The (namespace, name) of a DROP object: a list of String nodes [schema,] name.
std::pair<std::string, std::string> DropTarget(const PgQuery__Node* object) {
  std::vector<std::string> parts;
  if (object->node_case == PG_QUERY__NODE__NODE_LIST) {
    for (size_t i = 0; i < object->list->n_items; i++) parts.push_back(NodeString(object->list->items[i]));
  } else {
    parts.push_back(NodeString(object));
  }
  if (parts.size() >= 2) return {parts[parts.size() - 2], parts.back()};
  return {"", parts.empty() ? "" : parts.back()};
}

}  // namespace

PlannedStatement PlanCreateForeignTable(const PgQuery__CreateForeignTableStmt& statement, Catalog& catalog,
                                         Binder& binder, const std::vector<std::string>& search_path,
                                         std::vector<Notice>* notices) {
  const PgQuery__CreateStmt& base = *statement.base_stmt;
  std::string name = base.relation->relname;
  std::string namespace_name = NamespaceOf(*base.relation, catalog, search_path);
  PlannedStatement prepared;
  prepared.command_tag = "CREATE FOREIGN TABLE";
  std::string location;
  std::vector<std::string> partitions;
  for (size_t i = 0; i < statement.n_options; i++) {
    const PgQuery__DefElem& option = *statement.options[i]->def_elem;
    std::string key = option.defname;
    std::string value = option.arg ? NodeString(option.arg) : "";
    if (key == "location" || key == "path" || key == "file") {
      location = value;
    } else if (key == "partitions") {
      size_t start = 0;
      while (start <= value.size()) {
        size_t comma = value.find(',', start);
        std::string part = Trim(value.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (!part.empty()) partitions.push_back(part);
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    } else {
      throw Exception(sqlstate::kInvalidParameterValue,
                      "option \"" + key + "\" not recognized (use location or partitions)",
                      binder.Position(option.location));
    }
  }
  if (location.empty() == partitions.empty()) {
    throw Exception(sqlstate::kInvalidParameterValue,
                    "CREATE FOREIGN TABLE " + name + " needs exactly one of OPTIONS (location '...') or "
                    "OPTIONS (partitions '...')");
  }
  TableSchema schema;
  for (size_t i = 0; i < base.n_table_elts; i++) {
    const PgQuery__Node* element = base.table_elts[i];
    if (element->node_case != PG_QUERY__NODE__NODE_COLUMN_DEF) {
      throw Exception(sqlstate::kFeatureNotSupported, "table constraints are not supported on foreign tables");
    }
    const PgQuery__ColumnDef& column = *element->column_def;
    ColumnSchema declared;
    declared.name = column.colname;
    declared.type = binder.BindTypeName(*column.type_name).ToString();
    declared.nullable = !column.is_not_null;
    for (size_t c = 0; c < column.n_constraints; c++) {
      const PgQuery__Constraint& constraint = *column.constraints[c]->constraint;
      if (constraint.contype == PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL) {
        declared.nullable = false;
      } else if (constraint.contype != PG_QUERY__CONSTR_TYPE__CONSTR_NULL) {
        throw Exception(sqlstate::kFeatureNotSupported, "only NULL / NOT NULL column constraints are supported",
                        binder.Position(constraint.location));
      }
    }
    schema.columns.push_back(std::move(declared));
  }
  TableMapping mapping;
  mapping.table_name = name;
  mapping.file_path = location;
  mapping.partitions = partitions;
  if (!schema.columns.empty()) mapping.schema = schema;
  // Under the data directory lock, against the catalog as other processes left it.
  try {
    catalog.register_file_table(namespace_name, mapping, /*replace=*/false);
  } catch (const Exception& error) {
    if (error.sqlstate() == std::string(sqlstate::kDuplicateTable)) {
      if (base.if_not_exists) {
        if (notices) notices->push_back({"NOTICE", sqlstate::kDuplicateTable, "relation \"" + name + "\" already exists, skipping"});
        return prepared;
      }
      throw Exception(error.sqlstate(), error.what(), binder.Position(base.relation->location));
    }
    throw;
  }
  return prepared;
}

PlannedStatement PlanCreateSchema(const PgQuery__CreateSchemaStmt& statement, Catalog& catalog,
                                  std::vector<Notice>* notices) {
  if (statement.n_schema_elts > 0) {
    throw Exception(sqlstate::kFeatureNotSupported, "CREATE SCHEMA with elements is not supported; create them one by one");
  }
  if (!statement.schemaname || !*statement.schemaname) {
    throw Exception(sqlstate::kSyntaxError, "CREATE SCHEMA needs a name");
  }
  if (statement.if_not_exists && notices && catalog.has_namespace(statement.schemaname)) {
    notices->push_back({"NOTICE", "42P06", std::string("schema \"") + statement.schemaname + "\" already exists, skipping"});
  }
  catalog.create_namespace(statement.schemaname, statement.if_not_exists);
  PlannedStatement prepared;
  prepared.command_tag = "CREATE SCHEMA";
  return prepared;
}

PlannedStatement PlanCreateView(const PgQuery__ViewStmt& statement, Catalog& catalog, Binder& binder,
                                const std::vector<std::string>& search_path) {
  if (statement.with_check_option != PG_QUERY__VIEW_CHECK_OPTION__NO_CHECK_OPTION &&
      statement.with_check_option != PG_QUERY__VIEW_CHECK_OPTION__VIEW_CHECK_OPTION_UNDEFINED) {
    throw Exception(sqlstate::kFeatureNotSupported, "WITH CHECK OPTION is not supported: views are read-only");
  }
  if (statement.view->relpersistence && std::string(statement.view->relpersistence) == "t") {
    throw Exception(sqlstate::kFeatureNotSupported, "temporary views are not supported yet");
  }
  if (!statement.query || statement.query->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) {
    throw Exception(sqlstate::kFeatureNotSupported, "a view is defined by a query");
  }
  std::string namespace_name = NamespaceOf(*statement.view, catalog, search_path);
  std::string name = statement.view->relname;
  // Bound now: the query must be valid, and its columns are the view's.
  LogicalOperatorPtr plan = ResolveUnknownOutput(binder.BindQuery(*statement.query->select_stmt), binder.NewTableIndex());
  if (statement.n_aliases > plan->names.size()) {
    throw Exception(sqlstate::kSyntaxError, "CREATE VIEW specifies more column names than columns");
  }
  TableDefinition definition;
  std::set<std::string> seen;
  for (size_t i = 0; i < plan->names.size(); i++) {
    ColumnSchema column;
    column.name = i < statement.n_aliases ? NodeString(statement.aliases[i]) : plan->names[i];
    column.type = plan->types[i].ToString();
    if (!seen.insert(column.name).second) {
      throw Exception(sqlstate::kDuplicateColumn, "column \"" + column.name + "\" specified more than once");
    }
    definition.columns.push_back(std::move(column));
  }
  std::string sql = DeparseStatement(*statement.query);
  try {
    // The view reads its columns back by these names; when the query repeats a name (renamed by
    // the column list) they would be ambiguous, and the columns are taken by position instead.
    std::vector<std::string> query_columns = plan->names;
    if (std::set<std::string>(query_columns.begin(), query_columns.end()).size() != query_columns.size()) {
      query_columns.clear();
    }
    catalog.create_view(namespace_name, name, sql, definition, query_columns, search_path, statement.replace);
  } catch (const Exception& error) {
    if (error.sqlstate() == std::string(sqlstate::kDuplicateTable)) {
      throw Exception(error.sqlstate(), error.what(), binder.Position(statement.view->location));
    }
    throw;
  }
  PlannedStatement prepared;
  prepared.command_tag = "CREATE VIEW";
  return prepared;
}

PlannedStatement PlanCreateTable(const PgQuery__CreateStmt& statement, Catalog& catalog, Binder& binder,
                                 const std::vector<std::string>& search_path) {
  if (!statement.of_typename) return PlanCreateManagedTable(statement, catalog, binder, search_path);
  if (statement.n_table_elts > 0 || statement.n_inh_relations > 0 || statement.partspec) {
    throw Exception(sqlstate::kFeatureNotSupported, "a table OF a type takes its columns from the type");
  }
  std::string type_name;
  for (size_t i = 0; i < statement.of_typename->n_names; i++) type_name = NodeString(statement.of_typename->names[i]);
  std::string project;
  for (size_t i = 0; i < statement.n_options; i++) {
    const PgQuery__DefElem& option = *statement.options[i]->def_elem;
    if (std::string(option.defname) != "project") {
      throw Exception(sqlstate::kInvalidParameterValue,
                      "option \"" + std::string(option.defname) + "\" not recognized (use project)",
                      binder.Position(option.location));
    }
    project = option.arg ? NodeString(option.arg) : "";
  }
  if (project.empty()) {
    throw Exception(sqlstate::kInvalidParameterValue, "CREATE TABLE ... OF " + type_name + " needs a project: FOR PROJECT 'id'",
                    binder.Position(statement.relation->location));
  }
  std::string namespace_name = NamespaceOf(*statement.relation, catalog, search_path);
  try {
    catalog.create_project_table(namespace_name, statement.relation->relname, type_name, project, statement.if_not_exists);
  } catch (const Exception& error) {
    if (error.position()) throw;
    throw Exception(error.sqlstate(), error.what(), binder.Position(statement.relation->location), error.hint());
  }
  PlannedStatement prepared;
  prepared.command_tag = "CREATE TABLE";
  return prepared;
}

PlannedStatement PlanDrop(const PgQuery__DropStmt& statement, Catalog& catalog, const std::vector<std::string>& search_path,
                          std::vector<Notice>* notices) {
  PlannedStatement prepared;
  const auto kind = statement.remove_type;
  const bool cascade = statement.behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
  if (kind == PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA) {
    prepared.command_tag = "DROP SCHEMA";
    for (size_t i = 0; i < statement.n_objects; i++) {
      const std::string name = NodeString(statement.objects[i]);
      if (statement.missing_ok && notices && !catalog.has_namespace(name)) {
        notices->push_back({"NOTICE", "00000", "schema \"" + name + "\" does not exist, skipping"});
      }
      catalog.drop_namespace(name, statement.missing_ok, cascade);
    }
    return prepared;
  }
  const bool view = kind == PG_QUERY__OBJECT_TYPE__OBJECT_VIEW;
  const bool foreign = kind == PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_TABLE;
  if (!view && !foreign && kind != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE) {
    throw Exception(sqlstate::kFeatureNotSupported, "only DROP TABLE, DROP FOREIGN TABLE, DROP VIEW and DROP SCHEMA are supported");
  }
  prepared.command_tag = view ? "DROP VIEW" : foreign ? "DROP FOREIGN TABLE" : "DROP TABLE";
  // Every name is checked before anything is dropped, as PostgreSQL does.
  std::vector<CatalogEntry> targets;
  for (size_t i = 0; i < statement.n_objects; i++) {
    auto [schema, name] = DropTarget(statement.objects[i]);
    std::optional<CatalogEntry> entry = schema.empty() ? catalog.lookup(search_path, name) : catalog.find(schema, name);
    std::string shown = schema.empty() ? name : schema + "." + name;
    if (!entry) {
      if (statement.missing_ok) {
        if (notices) {
          notices->push_back({"NOTICE", "00000", std::string(view ? "view" : foreign ? "foreign table" : "table") + " \"" +
                                                    shown + "\" does not exist, skipping"});
        }
        continue;
      }
      throw Exception(sqlstate::kUndefinedTable,
                      std::string(view ? "view" : foreign ? "foreign table" : "table") + " \"" + shown + "\" does not exist");
    }
    if (entry->type == TableType::kSystem) {
      throw Exception(sqlstate::kDependentObjectsStillExist, "cannot drop system table " + shown);
    }
    if (view != (entry->type == TableType::kView)) {
      throw Exception(sqlstate::kWrongObjectType, "\"" + shown + "\" is not a " + (view ? "view" : "table"), std::nullopt,
                      view ? "Use DROP TABLE to remove a table." : "Use DROP VIEW to remove a view.");
    }
    targets.push_back(std::move(*entry));
  }
  std::vector<CatalogEntry> managed;
  for (const auto& entry : targets) {
    if (entry.type == TableType::kManaged) {
      if (foreign) {
        throw Exception(sqlstate::kWrongObjectType, "\"" + entry.name + "\" is not a foreign table", std::nullopt,
                        "Use DROP TABLE to remove a table.");
      }
      managed.push_back(entry);
    }
  }
  for (const auto& entry : targets) {
    if (entry.type == TableType::kManaged) continue;
    if (view) {
      catalog.drop_view(entry.namespace_name, entry.name);
    } else if (entry.type == TableType::kProject) {
      catalog.drop_project_table(entry.namespace_name, entry.name);
    } else {
      catalog.drop_file_table(entry.namespace_name, entry.name);
    }
  }
  if (!managed.empty()) {
    prepared.action = PlannedStatement::Action::WRITE;
    prepared.write = std::make_shared<WriteStatement>();
    prepared.write->kind = WriteStatement::Kind::DROP_TABLES;
    prepared.write->tables = std::move(managed);
  }
  return prepared;
}

}  // namespace cairn
