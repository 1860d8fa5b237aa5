#include "cairn/exception.h"
#include "function/cast.h"
#include "sql/utility_statements.h"

namespace cairn {

namespace {

std::string MappingsPath(const TableRegistry& registry) {
  return registry.data_dir().empty() ? "table_mappings.json" : registry.data_dir() + "/table_mappings.json";
}

std::string Trim(const std::string& text) {
  size_t begin = text.find_first_not_of(" \t\n");
  if (begin == std::string::npos) return "";
  size_t end = text.find_last_not_of(" \t\n");
  return text.substr(begin, end - begin + 1);
}

}  // namespace

PlannedStatement PlanCreateForeignTable(const PgQuery__CreateForeignTableStmt& statement, TableRegistry& registry,
                                         Binder& binder) {
  const PgQuery__CreateStmt& base = *statement.base_stmt;
  std::string name = base.relation->relname;
  PlannedStatement prepared;
  prepared.command_tag = "CREATE FOREIGN TABLE";
  if (registry.has_table(name)) {
    if (base.if_not_exists) return prepared;
    throw Exception(sqlstate::kDuplicateTable, "relation \"" + name + "\" already exists",
                    binder.Position(base.relation->location));
  }
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
  // Under the data directory lock, against the mappings as other processes left them.
  registry.update_table_mappings(MappingsPath(registry), [&] {
    if (registry.has_table(name)) {
      if (base.if_not_exists) return false;
      throw Exception(sqlstate::kDuplicateTable, "relation \"" + name + "\" already exists",
                      binder.Position(base.relation->location));
    }
    if (!schema.columns.empty()) {
      TableMapping mapping;
      mapping.table_name = name;
      mapping.file_path = location;
      mapping.partitions = partitions;
      mapping.schema = schema;
      registry.register_table_with_schema(mapping);
    } else if (!location.empty()) {
      registry.register_table(name, location);
    } else {
      registry.register_partitioned_table(name, partitions);
    }
    return true;
  });
  return prepared;
}

PlannedStatement PlanDropTable(const PgQuery__DropStmt& statement, TableRegistry& registry) {
  PlannedStatement prepared;
  bool foreign = statement.remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_TABLE;
  if (!foreign && statement.remove_type != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE) {
    throw Exception(sqlstate::kFeatureNotSupported, "only DROP FOREIGN TABLE is supported");
  }
  prepared.command_tag = foreign ? "DROP FOREIGN TABLE" : "DROP TABLE";
  std::vector<std::string> names;
  for (size_t i = 0; i < statement.n_objects; i++) {
    const PgQuery__Node* object = statement.objects[i];
    std::string name;
    if (object->node_case == PG_QUERY__NODE__NODE_LIST && object->list->n_items > 0) {
      name = NodeString(object->list->items[object->list->n_items - 1]);
    } else {
      name = NodeString(object);
    }
    names.push_back(name);
  }
  // Under the data directory lock, against the mappings as other processes left them.
  registry.update_table_mappings(MappingsPath(registry), [&] {
    for (const auto& name : names) {
      if (!registry.has_table(name) && !statement.missing_ok) {
        throw Exception(sqlstate::kUndefinedTable,
                        std::string(foreign ? "foreign table" : "table") + " \"" + name + "\" does not exist");
      }
    }
    bool changed = false;
    for (const auto& name : names) changed = registry.unregister_table(name) || changed;
    return changed;
  });
  return prepared;
}

}  // namespace cairn
