#include "catalog/system_tables.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cairn/exception.h"
#include "common/ascii.h"
#include "function/cast.h"
#include "function/table/working_table.h"
#include "io/file_system.h"
#include "catalog/pg_catalog_snapshot.h"
#include "catalog/pg_catalog_tables.h"
#include "catalog/project_table_source.h"
#include "catalog/system_table_rows.h"
#include "parquet/parquet_file_reader.h"

namespace cairn {

namespace {

/// The name information_schema and current_database() give the database.
constexpr const char* kDatabaseName = kPgDatabaseName;

ColumnDefinition Column(const char* name, LogicalType type) { return ColumnDefinition{name, type, true}; }

std::vector<SystemTableInfo> BuildSystemTables() {
  const LogicalType text = TypeId::VARCHAR;
  const LogicalType id = TypeId::BIGINT;
  const LogicalType integer = TypeId::INTEGER;
  const LogicalType time = TypeId::TIMESTAMP_TZ;
  const LogicalType boolean = TypeId::BOOLEAN;
  const LogicalType json = TypeId::JSON;
  std::vector<SystemTableInfo> tables = {
      {"system", "tables", {},
       {Column("table_id", id), Column("namespace", text), Column("table_name", text), Column("table_type", text),
        Column("created_at", time), Column("storage_location", text), Column("schema_version", integer),
        Column("flush_policy", text), Column("retention_hours", id), Column("access_level", text),
        Column("column_count", integer), Column("state", text), Column("error", text), Column("of_type", text),
        Column("projects", LogicalType::Array(text))}},
      {"system", "schemas", {},
       {Column("table_id", id), Column("namespace", text), Column("table_name", text), Column("schema_version", integer),
        Column("created_at", time), Column("is_current", boolean), Column("columns", json),
        Column("primary_key", json), Column("options", json)}},
      {"system", "columns", {},
       {Column("table_id", id), Column("namespace", text), Column("table_name", text), Column("column_name", text),
        Column("ordinal_position", integer), Column("data_type", text), Column("is_nullable", boolean),
        Column("column_default", text), Column("comment", text), Column("schema_version", integer)}},
      {"system", "namespaces", {},
       {Column("namespace", text), Column("created_at", time), Column("is_system", boolean), Column("table_count", id)}},
      {"system", "files", {},
       {Column("table_id", id), Column("namespace", text), Column("table_name", text), Column("path", text),
        Column("format", text), Column("size_bytes", id), Column("row_count", id), Column("row_groups", integer)}},
      {"information_schema", "schemata", {},
       {Column("catalog_name", text), Column("schema_name", text), Column("schema_owner", text),
        Column("default_character_set_catalog", text), Column("default_character_set_schema", text),
        Column("default_character_set_name", text), Column("sql_path", text)}},
      {"information_schema", "tables", {},
       {Column("table_catalog", text), Column("table_schema", text), Column("table_name", text),
        Column("table_type", text), Column("self_referencing_column_name", text),
        Column("reference_generation", text), Column("user_defined_type_catalog", text),
        Column("user_defined_type_schema", text), Column("user_defined_type_name", text),
        Column("is_insertable_into", text), Column("is_typed", text), Column("commit_action", text)}},
      {"information_schema", "columns", {},
       {Column("table_catalog", text), Column("table_schema", text), Column("table_name", text),
        Column("column_name", text), Column("ordinal_position", integer), Column("column_default", text),
        Column("is_nullable", text), Column("data_type", text), Column("character_maximum_length", integer),
        Column("numeric_precision", integer), Column("numeric_precision_radix", integer),
        Column("numeric_scale", integer), Column("datetime_precision", integer), Column("udt_name", text)}},
      {"information_schema", "views", {},
       {Column("table_catalog", text), Column("table_schema", text), Column("table_name", text),
        Column("view_definition", text), Column("check_option", text), Column("is_updatable", text),
        Column("is_insertable_into", text), Column("is_trigger_updatable", text),
        Column("is_trigger_deletable", text), Column("is_trigger_insertable_into", text)}},
  };
  for (auto& table : PgCatalogTables()) tables.push_back(std::move(table));
  for (size_t i = 0; i < tables.size(); i++) tables[i].id = TableId{i + 1};
  return tables;
}


using RowWriter = SystemTableRows;

Value Text(const std::string& text) { return Value::Varchar(text); }
Value OptionalText(const std::optional<std::string>& text) { return text ? Value::Varchar(*text) : Value::Null(TypeId::VARCHAR); }
Value Time(int64_t micros) { return micros == 0 ? Value::Null(TypeId::TIMESTAMP_TZ) : Value::TimestampTz(micros); }
Value Json(const nlohmann::json& json) { return Value::FromPhysicalString(TypeId::JSON, json.dump()); }
Value YesNo(bool yes) { return Text(yes ? "YES" : "NO"); }

Value Projects(const CatalogEntry& entry) {
  if (entry.type != TableType::kProject) return Value::Null(LogicalType::Array(TypeId::VARCHAR));
  std::vector<Value> projects;
  for (const auto& p : entry.projects) projects.push_back(Value::Varchar(p));
  return Value::Array(TypeId::VARCHAR, projects);
}

nlohmann::json ColumnsJson(const TableDefinition& definition) {
  nlohmann::json columns = nlohmann::json::array();
  for (const auto& c : definition.columns) {
    nlohmann::json column = {{"name", c.name}, {"type", c.type}, {"nullable", c.nullable}};
    if (c.default_value) column["default"] = *c.default_value;
    if (c.comment) column["comment"] = *c.comment;
    columns.push_back(std::move(column));
  }
  return columns;
}

/// information_schema's table_type for an entry (PostgreSQL: 'BASE TABLE', 'VIEW', 'FOREIGN').
const char* StandardTableType(const CatalogEntry& entry) {
  switch (entry.type) {
    case TableType::kFile:
      return "FOREIGN";
    case TableType::kView:
      return "VIEW";
    case TableType::kSystem:
      return entry.namespace_name == "information_schema" ? "VIEW" : "BASE TABLE";
    case TableType::kProject:
    case TableType::kManaged:
      return "BASE TABLE";
  }
  return "BASE TABLE";
}

/// The columns of information_schema.columns that describe a type, as PostgreSQL fills them.
struct StandardTypeInfo {
  std::string data_type;
  std::string udt_name;
  std::optional<int32_t> numeric_precision, numeric_precision_radix, numeric_scale, datetime_precision;
  std::optional<int32_t> character_maximum_length;
};

StandardTypeInfo DescribeType(const std::string& type_text) {
  StandardTypeInfo info;
  LogicalType type;
  try {
    type = ParseTypeName(type_text);
  } catch (const Exception&) {
    info.data_type = Lower(type_text);
    info.udt_name = info.data_type;
    return info;
  }
  info.data_type = type.id() == TypeId::ARRAY ? "ARRAY" : PostgresTypeName(type);
  switch (type.id()) {
    case TypeId::SMALLINT:
      info.udt_name = "int2", info.numeric_precision = 16, info.numeric_precision_radix = 2, info.numeric_scale = 0;
      break;
    case TypeId::INTEGER:
      info.udt_name = "int4", info.numeric_precision = 32, info.numeric_precision_radix = 2, info.numeric_scale = 0;
      break;
    case TypeId::BIGINT:
      info.udt_name = "int8", info.numeric_precision = 64, info.numeric_precision_radix = 2, info.numeric_scale = 0;
      break;
    case TypeId::FLOAT:
      info.udt_name = "float4", info.numeric_precision = 24, info.numeric_precision_radix = 2;
      break;
    case TypeId::DOUBLE:
      info.udt_name = "float8", info.numeric_precision = 53, info.numeric_precision_radix = 2;
      break;
    case TypeId::DECIMAL:
      info.data_type = "numeric";
      info.udt_name = "numeric", info.numeric_precision = type.width(), info.numeric_precision_radix = 10,
      info.numeric_scale = type.scale();
      break;
    case TypeId::NUMERIC:
      info.udt_name = "numeric", info.numeric_precision_radix = 10;
      break;
    case TypeId::VARCHAR:
      info.udt_name = "text";
      if (type_text == "CHARACTER VARYING") {
        info.data_type = "character varying";
        info.udt_name = "varchar";
      } else if (int64_t length = DeclaredVarcharLength(type_text); length >= 0) {
        // A writable table's character varying(n).
        info.data_type = "character varying";
        info.udt_name = "varchar";
        info.character_maximum_length = static_cast<int32_t>(length);
      }
      break;
    case TypeId::BOOLEAN:
      info.udt_name = "bool";
      break;
    case TypeId::DATE:
      info.udt_name = "date", info.datetime_precision = 0;
      break;
    case TypeId::TIME:
      info.udt_name = "time", info.datetime_precision = 6;
      break;
    case TypeId::TIMESTAMP:
      info.udt_name = "timestamp", info.datetime_precision = 6;
      break;
    case TypeId::TIMESTAMP_TZ:
      info.udt_name = "timestamptz", info.datetime_precision = 6;
      break;
    case TypeId::INTERVAL:
      info.udt_name = "interval", info.datetime_precision = 6;
      break;
    case TypeId::BLOB:
      info.udt_name = "bytea";
      break;
    case TypeId::ARRAY:
      info.udt_name = "_" + DescribeType(type.element_type().ToString()).udt_name;
      break;
    default:
      info.udt_name = info.data_type;
      break;
  }
  return info;
}

Value OptionalInteger(const std::optional<int32_t>& v) { return v ? Value::Integer(*v) : Value::Null(TypeId::INTEGER); }

/// Path, format, size, rows and row groups of one data file; unreadable files keep NULLs.
std::vector<Value> FileRow(FileSystem& fs, const CatalogEntry& entry, const std::string& path) {
  bool parquet = path.size() >= 8 && Lower(path.substr(path.size() - 8)) == ".parquet";
  Value size = Value::Null(TypeId::BIGINT), rows = Value::Null(TypeId::BIGINT), groups = Value::Null(TypeId::INTEGER);
  try {
    if (parquet) {
      auto reader = parquet::ParquetFileReader::Open(fs, path);
      size = Value::BigInt(static_cast<int64_t>(reader->file_size()));
      rows = Value::BigInt(static_cast<int64_t>(reader->num_rows()));
      groups = Value::Integer(static_cast<int32_t>(reader->num_row_groups()));
    } else {
      size = Value::BigInt(static_cast<int64_t>(fs.OpenForRead(path)->Size()));
    }
  } catch (const Exception&) {
    // A vanished or corrupt file: the row stays, its figures are unknown.
  }
  return {Value::BigInt(static_cast<int64_t>(entry.id.value)), Text(entry.namespace_name), Text(entry.name), Text(path),
          Text(parquet ? "parquet" : "csv"), size, rows, groups};
}

void FillRows(Catalog& catalog, const SystemTableInfo& table, RowWriter& out) {
  const std::string& name = table.name;
  if (table.namespace_name == "pg_catalog") return FillPgCatalogRows(catalog, table, out);
  if (table.namespace_name == "system" && name == "namespaces") {
    auto tables = catalog.tables(true);
    for (const auto& n : catalog.namespaces()) {
      int64_t count = 0;
      for (const auto& t : tables) count += t.namespace_name == n.name;
      out.Add({Text(n.name), Time(n.created_at), Value::Boolean(n.system), Value::BigInt(count)});
    }
    return;
  }
  if (table.namespace_name == "information_schema" && name == "schemata") {
    for (const auto& n : catalog.namespaces()) {
      out.Add({Text(kDatabaseName), Text(n.name), Text("cairn"), Value(), Value(), Value(), Value()});
    }
    return;
  }
  bool needs_state = name == "tables" || name == "schemas" || name == "columns" || name == "files";
  if (needs_state) catalog.refresh_states();
  for (const auto& entry : catalog.tables(true)) {
    const TableDefinition& definition = entry.definition();
    Value id = Value::BigInt(static_cast<int64_t>(entry.id.value));
    if (table.namespace_name == "system") {
      if (name == "tables") {
        out.Add({id, Text(entry.namespace_name), Text(entry.name), Text(TableTypeName(entry.type)), Time(entry.created_at),
                 entry.storage_location.empty() ? Value() : Text(entry.storage_location),
                 Value::Integer(static_cast<int32_t>(entry.schema_version)),
                 entry.options.flush_policy.empty() ? Value() : Text(entry.options.flush_policy),
                 entry.options.retention_hours ? Value::BigInt(*entry.options.retention_hours) : Value(),
                 Text(entry.options.access_level), Value::Integer(static_cast<int32_t>(definition.columns.size())),
                 Text(entry.state), entry.error.empty() ? Value() : Text(entry.error),
                 entry.of_type.empty() ? Value() : Text(entry.of_type), Projects(entry)});
      } else if (name == "schemas") {
        for (const auto& version : entry.versions) {
          nlohmann::json options = nlohmann::json::object();
          for (const auto& [k, v] : version.definition.options) options[k] = v;
          out.Add({id, Text(entry.namespace_name), Text(entry.name), Value::Integer(static_cast<int32_t>(version.version)),
                   Time(version.created_at), Value::Boolean(version.version == entry.schema_version),
                   Json(ColumnsJson(version.definition)), Json(nlohmann::json(version.definition.primary_key)), Json(options)});
        }
      } else if (name == "columns") {
        for (size_t i = 0; i < definition.columns.size(); i++) {
          const auto& c = definition.columns[i];
          out.Add({id, Text(entry.namespace_name), Text(entry.name), Text(c.name), Value::Integer(static_cast<int32_t>(i + 1)),
                   Text(c.type), Value::Boolean(c.nullable), OptionalText(c.default_value), OptionalText(c.comment),
                   Value::Integer(static_cast<int32_t>(entry.schema_version))});
        }
      } else if (name == "files") {
        if (entry.type == TableType::kProject) {
          for (const auto& project : entry.projects) {
            std::string dir;
            try {
              dir = ProjectTableDirectory(catalog.registry().data_dir(), project,
                                          Catalog::ProjectDirectoryName(entry.namespace_name, entry.name));
              if (!catalog.file_system().IsDirectory(dir)) continue;
              for (const auto& path : catalog.file_system().ListFilesRecursive(dir)) {
                std::string base = path.substr(path.find_last_of('/') + 1);
                if (base.empty() || base[0] == '.' || base[0] == '_') continue;
                if (base.size() < 8 || Lower(base.substr(base.size() - 8)) != ".parquet") continue;
                out.Add(FileRow(catalog.file_system(), entry, path));
              }
            } catch (const Exception&) {
              continue;
            }
          }
          continue;
        }
        if (entry.type == TableType::kManaged) {
          const std::string& data_dir = catalog.registry().data_dir();
          for (const auto& file : entry.data_files) {
            try {
              out.Add(FileRow(catalog.file_system(), entry, data_dir.empty() ? file.path : data_dir + "/" + file.path));
            } catch (const Exception&) {
              continue;
            }
          }
          continue;
        }
        if (entry.type != TableType::kFile) continue;
        std::vector<std::string> files;
        try {
          files = catalog.registry().get_all_partitions(Catalog::RegistryName(entry.namespace_name, entry.name));
        } catch (const Exception&) {
          continue;
        }
        for (const auto& path : files) out.Add(FileRow(catalog.file_system(), entry, path));
      }
      continue;
    }
    // information_schema
    if (name == "tables") {
      // A project table is PostgreSQL's typed table (CREATE TABLE name OF type).
      bool typed = entry.type == TableType::kProject;
      out.Add({Text(kDatabaseName), Text(entry.namespace_name), Text(entry.name), Text(StandardTableType(entry)), Value(),
               Value(), typed ? Text(kDatabaseName) : Value(), typed ? Text(entry.namespace_name) : Value(),
               typed ? Text(entry.of_type) : Value(), YesNo(entry.type == TableType::kManaged), YesNo(typed), Value()});
    } else if (name == "columns") {
      for (size_t i = 0; i < definition.columns.size(); i++) {
        const auto& c = definition.columns[i];
        StandardTypeInfo type = DescribeType(c.type);
        out.Add({Text(kDatabaseName), Text(entry.namespace_name), Text(entry.name), Text(c.name),
                 Value::Integer(static_cast<int32_t>(i + 1)), OptionalText(c.default_value), YesNo(c.nullable),
                 Text(type.data_type), OptionalInteger(type.character_maximum_length), OptionalInteger(type.numeric_precision),
                 OptionalInteger(type.numeric_precision_radix), OptionalInteger(type.numeric_scale),
                 OptionalInteger(type.datetime_precision), Text(type.udt_name)});
      }
    } else if (name == "views") {
      if (entry.type != TableType::kView) continue;
      out.Add({Text(kDatabaseName), Text(entry.namespace_name), Text(entry.name), Text(entry.view_sql), Text("NONE"),
               YesNo(false), YesNo(false), YesNo(false), YesNo(false), YesNo(false)});
    }
  }
}

}  // namespace

const std::vector<SystemTableInfo>& SystemTables() {
  static const std::vector<SystemTableInfo> tables = BuildSystemTables();
  return tables;
}

const SystemTableInfo* FindSystemTable(const std::string& namespace_name, const std::string& name) {
  for (const auto& table : SystemTables()) {
    if (table.namespace_name == namespace_name && table.name == name) return &table;
  }
  return nullptr;
}

bool IsSystemNamespace(const std::string& namespace_name) {
  return namespace_name == "system" || namespace_name == "information_schema" || namespace_name == "pg_catalog";
}

namespace {

/// A system table: each scan reads the catalog as it is then (so a prepared statement sees
/// later changes), into rows scanned like a recursive query's working table.
class SystemTableSource : public TableSource {
 public:
  SystemTableSource(Catalog& catalog, const SystemTableInfo& table) : catalog_(catalog), table_(table) {}
  const std::vector<ColumnDefinition>& columns() const override { return table_.columns; }
  std::string Describe() const override { return "SYSTEM_TABLE " + table_.namespace_name + "." + table_.name; }
  std::unique_ptr<GlobalScan> Scan(const ScanRequest& request) const override {
    RowWriter rows(table_.columns);
    FillRows(catalog_, table_, rows);
    WorkingTable snapshot(table_.namespace_name + "." + table_.name, table_.columns);
    snapshot.SetRows(rows.Finish());
    return snapshot.Scan(request);  // the scan keeps the rows alive
  }

 private:
  Catalog& catalog_;
  const SystemTableInfo& table_;
};

}  // namespace

std::shared_ptr<TableSource> CreateSystemTableSource(Catalog& catalog, const SystemTableInfo& table) {
  return std::make_shared<SystemTableSource>(catalog, table);
}

}  // namespace cairn
