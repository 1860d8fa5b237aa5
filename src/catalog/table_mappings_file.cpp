#include "common/ascii.h"
#include "catalog/table_mappings_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "cairn/exception.h"
#include "catalog/seed_type_names.h"

namespace cairn {
namespace {

using ordered_json = nlohmann::ordered_json;

[[noreturn]] void Fail(const std::string& where, const std::string& what) {
  throw Exception(sqlstate::kConfigFileError, fmt::format("{}: {}", where, what));
}

}  // namespace

TableMapping ParseTableMappingEntry(const ordered_json& entry, std::string where) {
  if (!entry.is_object()) Fail(where, "expected an object");
  if (!entry.contains("table_name")) Fail(where, "missing \"table_name\"");
  if (!entry["table_name"].is_string()) Fail(where, "\"table_name\" must be a string");
  TableMapping mapping;
  mapping.table_name = entry["table_name"].get<std::string>();
  if (mapping.table_name.empty()) Fail(where, "\"table_name\" is empty");
  where = fmt::format("{} (\"{}\")", where, mapping.table_name);
  bool has_file = entry.contains("file_path");
  bool has_partitions = entry.contains("partitions");
  if (has_file == has_partitions) Fail(where, "needs exactly one of \"file_path\" and \"partitions\"");
  if (has_file) {
    const auto& f = entry["file_path"];
    if (!f.is_string()) Fail(where, "\"file_path\" must be a string");
    mapping.file_path = f.get<std::string>();
    if (mapping.file_path.empty()) Fail(where, "\"file_path\" is empty");
  } else {
    const auto& parts = entry["partitions"];
    if (!parts.is_array()) Fail(where, "\"partitions\" must be an array of strings");
    if (parts.empty()) Fail(where, "\"partitions\" is empty");
    for (size_t j = 0; j < parts.size(); j++) {
      if (!parts[j].is_string() || parts[j].get<std::string>().empty()) {
        Fail(where, fmt::format("partitions[{}] must be a non-empty string", j));
      }
      mapping.partitions.push_back(parts[j].get<std::string>());
    }
  }
  if (entry.contains("schema") && !entry["schema"].is_null()) {
    const auto& schema = entry["schema"];
    if (!schema.is_object() || !schema.contains("columns") || !schema["columns"].is_array()) {
      Fail(where, "\"schema\" must be an object with a \"columns\" array");
    }
    TableSchema table_schema;
    const auto& columns = schema["columns"];
    for (size_t j = 0; j < columns.size(); j++) {
      const auto& c = columns[j];
      std::string cw = fmt::format("{}: schema.columns[{}]", where, j);
      if (!c.is_object()) Fail(cw, "expected an object");
      if (!c.contains("name") || !c["name"].is_string() || c["name"].get<std::string>().empty()) {
        Fail(cw, "\"name\" must be a non-empty string");
      }
      ColumnSchema column;
      column.name = c["name"].get<std::string>();
      cw = fmt::format("{}: schema.columns[{}] (\"{}\")", where, j, column.name);
      if (!c.contains("type") || !c["type"].is_string()) Fail(cw, "\"type\" must be a string");
      column.type = c["type"].get<std::string>();
      try {
        ParseDeclaredType(column.type);
      } catch (const Exception&) {
        Fail(cw, fmt::format("unknown column type \"{}\"", column.type));
      }
      if (c.contains("nullable")) {
        if (!c["nullable"].is_boolean()) Fail(cw, "\"nullable\" must be true or false");
        column.nullable = c["nullable"].get<bool>();
      }
      table_schema.columns.push_back(std::move(column));
    }
    mapping.schema = std::move(table_schema);
  }
  return mapping;
}

ordered_json TableMappingJson(const TableMapping& m) {
  ordered_json entry = ordered_json::object();
  entry["table_name"] = m.table_name;
  if (m.partitions.empty()) {
    entry["file_path"] = m.file_path;
  } else {
    entry["partitions"] = m.partitions;
  }
  if (m.schema) {
    ordered_json columns = ordered_json::array();
    for (const auto& c : m.schema->columns) {
      ordered_json column = ordered_json::object();
      column["name"] = c.name;
      column["type"] = c.type;
      column["nullable"] = c.nullable;
      columns.push_back(std::move(column));
    }
    entry["schema"] = ordered_json{{"columns", std::move(columns)}};
  }
  return entry;
}

std::vector<TableMapping> ParseTableMappings(const std::string& text, const std::string& file_name) {
  ordered_json doc;
  try {
    doc = ordered_json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    Fail(file_name, fmt::format("invalid JSON: {}", e.what()));
  }
  if (!doc.is_object() || !doc.contains("tables")) Fail(file_name, "expected an object with a \"tables\" array");
  const ordered_json& tables = doc["tables"];
  if (!tables.is_array()) Fail(file_name, "\"tables\" must be an array");
  std::vector<TableMapping> result;
  std::set<std::string> seen;
  for (size_t i = 0; i < tables.size(); i++) {
    const ordered_json& entry = tables[i];
    std::string where = fmt::format("{}: tables[{}]", file_name, i);
    TableMapping mapping = ParseTableMappingEntry(entry, where);
    if (!seen.insert(Lower(mapping.table_name)).second) {
      Fail(fmt::format("{} (\"{}\")", where, mapping.table_name), "table name given twice");
    }
    result.push_back(std::move(mapping));
  }
  return result;
}

std::string SerializeTableMappings(const std::vector<TableMapping>& mappings) {
  ordered_json tables = ordered_json::array();
  for (const auto& m : mappings) {
    ordered_json entry = TableMappingJson(m);
    tables.push_back(std::move(entry));
  }
  ordered_json doc = ordered_json::object();
  doc["tables"] = std::move(tables);
  return doc.dump(2) + "\n";
}

}  // namespace cairn
