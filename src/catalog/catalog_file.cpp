#include "catalog/catalog_file.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <set>

#include "cairn/exception.h"
#include "catalog/table_mappings_file.h"

namespace cairn {
namespace {

using ordered_json = nlohmann::ordered_json;

constexpr const char* kFormatTag = "cairn-catalog";
constexpr int kFormatVersion = 1;

[[noreturn]] void Fail(const std::string& where, const std::string& what) {
  throw Exception(sqlstate::kConfigFileError, fmt::format("{}: {}", where, what));
}

/// Typed field access that names the entry and the field on a mismatch.
class Fields {
 public:
  Fields(const ordered_json& object, std::string where) : object_(object), where_(std::move(where)) {
    if (!object_.is_object()) Fail(where_, "expected an object");
  }
  const std::string& where() const { return where_; }
  bool Has(const char* key) const { return object_.contains(key) && !object_[key].is_null(); }
  const ordered_json& Get(const char* key) const {
    if (!object_.contains(key)) Fail(where_, fmt::format("missing \"{}\"", key));
    return object_[key];
  }
  std::string String(const char* key, bool required = true) const {
    if (!required && !Has(key)) return "";
    const auto& v = Get(key);
    if (!v.is_string()) Fail(where_, fmt::format("\"{}\" must be a string", key));
    return v.get<std::string>();
  }
  int64_t Integer(const char* key) const {
    const auto& v = Get(key);
    if (!v.is_number_integer()) Fail(where_, fmt::format("\"{}\" must be an integer", key));
    return v.get<int64_t>();
  }
  bool Boolean(const char* key, bool otherwise) const {
    if (!Has(key)) return otherwise;
    const auto& v = object_[key];
    if (!v.is_boolean()) Fail(where_, fmt::format("\"{}\" must be true or false", key));
    return v.get<bool>();
  }
  std::vector<std::string> Strings(const char* key) const {
    std::vector<std::string> out;
    if (!Has(key)) return out;
    const auto& v = object_[key];
    if (!v.is_array()) Fail(where_, fmt::format("\"{}\" must be an array of strings", key));
    for (const auto& item : v) {
      if (!item.is_string()) Fail(where_, fmt::format("\"{}\" must be an array of strings", key));
      out.push_back(item.get<std::string>());
    }
    return out;
  }
  std::map<std::string, std::string> StringMap(const char* key) const {
    std::map<std::string, std::string> out;
    if (!Has(key)) return out;
    const auto& v = object_[key];
    if (!v.is_object()) Fail(where_, fmt::format("\"{}\" must be an object of strings", key));
    for (const auto& [k, item] : v.items()) {
      if (!item.is_string()) Fail(where_, fmt::format("\"{}\".\"{}\" must be a string", key, k));
      out[k] = item.get<std::string>();
    }
    return out;
  }

 private:
  const ordered_json& object_;
  std::string where_;
};

TableType ParseTableType(const std::string& text, const std::string& where) {
  if (text == "FILE") return TableType::kFile;
  if (text == "VIEW") return TableType::kView;
  if (text == "PROJECT") return TableType::kProject;
  if (text == "TABLE") return TableType::kManaged;
  Fail(where, fmt::format("unknown table type \"{}\" (expected FILE, VIEW, PROJECT or TABLE)", text));
}

TableDefinition ParseDefinition(const Fields& version) {
  TableDefinition definition;
  const auto& columns = version.Get("columns");
  if (!columns.is_array()) Fail(version.where(), "\"columns\" must be an array");
  std::set<std::string> names;
  for (size_t i = 0; i < columns.size(); i++) {
    Fields c(columns[i], fmt::format("{}: columns[{}]", version.where(), i));
    ColumnSchema column;
    column.name = c.String("name");
    if (column.name.empty()) Fail(c.where(), "\"name\" is empty");
    if (!names.insert(column.name).second) Fail(c.where(), fmt::format("column \"{}\" given twice", column.name));
    column.type = c.String("type");
    column.nullable = c.Boolean("nullable", true);
    if (c.Has("default")) column.default_value = c.String("default");
    if (c.Has("comment")) column.comment = c.String("comment");
    definition.columns.push_back(std::move(column));
  }
  definition.primary_key = version.Strings("primary_key");
  if (version.Has("unique")) {
    const auto& unique = version.Get("unique");
    if (!unique.is_array()) Fail(version.where(), "\"unique\" must be an array of column lists");
    for (size_t i = 0; i < unique.size(); i++) {
      if (!unique[i].is_array()) Fail(version.where(), "\"unique\" must be an array of column lists");
      std::vector<std::string> key;
      for (const auto& column : unique[i]) {
        if (!column.is_string()) Fail(version.where(), "\"unique\" column names must be strings");
        key.push_back(column.get<std::string>());
      }
      definition.unique_keys.push_back(std::move(key));
    }
  }
  if (version.Has("checks")) {
    const auto& checks = version.Get("checks");
    if (!checks.is_array()) Fail(version.where(), "\"checks\" must be an array");
    for (size_t i = 0; i < checks.size(); i++) {
      Fields check(checks[i], fmt::format("{}: checks[{}]", version.where(), i));
      definition.checks.push_back(CheckConstraint{check.String("name"), check.String("expression")});
    }
  }
  definition.options = version.StringMap("options");
  return definition;
}

ordered_json DefinitionJson(const TableDefinition& definition) {
  ordered_json columns = ordered_json::array();
  for (const auto& c : definition.columns) {
    ordered_json column = {{"name", c.name}, {"type", c.type}, {"nullable", c.nullable}};
    if (c.default_value) column["default"] = *c.default_value;
    if (c.comment) column["comment"] = *c.comment;
    columns.push_back(std::move(column));
  }
  ordered_json out = ordered_json::object();
  out["columns"] = std::move(columns);
  out["primary_key"] = definition.primary_key;
  out["unique"] = definition.unique_keys;
  out["checks"] = ordered_json::array();
  for (const auto& check : definition.checks) out["checks"].push_back({{"name", check.name}, {"expression", check.expression}});
  out["options"] = ordered_json::object();
  for (const auto& [k, v] : definition.options) out["options"][k] = v;
  return out;
}

}  // namespace

std::string MappingsDigest(const std::string& text) {
  if (text.empty()) return "";
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return fmt::format("{:016x}", hash);
}

CatalogFileContents ParseCatalogFile(const std::string& text, const std::string& file_name) {
  ordered_json doc;
  try {
    doc = ordered_json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    Fail(file_name, fmt::format("invalid JSON: {}", e.what()));
  }
  Fields top(doc, file_name);
  if (top.String("format") != kFormatTag) Fail(file_name, fmt::format("\"format\" must be \"{}\"", kFormatTag));
  if (top.Integer("format_version") != kFormatVersion) {
    Fail(file_name, fmt::format("format_version {} is not supported (this Cairn reads version {})",
                                top.Integer("format_version"), kFormatVersion));
  }
  CatalogFileContents contents;
  int64_t next = top.Integer("next_table_id");
  if (next < 0) Fail(file_name, "\"next_table_id\" must not be negative");
  contents.next_table_id = static_cast<uint64_t>(next);
  contents.mappings_digest = top.String("mappings_digest", false);
  contents.previous_mappings_digest = top.String("previous_mappings_digest", false);
  if (top.Has("checkpoint_lsn")) {
    int64_t lsn = top.Integer("checkpoint_lsn");
    if (lsn < 0) Fail(file_name, "\"checkpoint_lsn\" must not be negative");
    contents.checkpoint_lsn = static_cast<uint64_t>(lsn);
  }

  const auto& namespaces = top.Get("namespaces");
  if (!namespaces.is_array()) Fail(file_name, "\"namespaces\" must be an array");
  std::set<std::string> namespace_names;
  for (size_t i = 0; i < namespaces.size(); i++) {
    Fields n(namespaces[i], fmt::format("{}: namespaces[{}]", file_name, i));
    NamespaceEntry entry;
    entry.name = n.String("name");
    if (entry.name.empty()) Fail(n.where(), "\"name\" is empty");
    if (!namespace_names.insert(entry.name).second) Fail(n.where(), fmt::format("namespace \"{}\" given twice", entry.name));
    entry.created_at = n.Integer("created_at");
    contents.namespaces.push_back(std::move(entry));
  }

  if (top.Has("roles")) {
    const auto& roles = top.Get("roles");
    if (!roles.is_array()) Fail(file_name, "\"roles\" must be an array");
    std::set<std::string> role_names;
    for (size_t i = 0; i < roles.size(); i++) {
      Fields r(roles[i], fmt::format("{}: roles[{}]", file_name, i));
      RoleEntry role;
      role.name = r.String("name");
      if (role.name.empty()) Fail(r.where(), "\"name\" is empty");
      if (!role_names.insert(role.name).second) Fail(r.where(), fmt::format("role \"{}\" given twice", role.name));
      role.can_login = r.Boolean("login", false);
      role.password = r.String("password", false);
      if (!role.password.empty() && role.password.rfind("SCRAM-SHA-256$", 0) != 0) {
        Fail(r.where(), "\"password\" must be a SCRAM-SHA-256 verifier");
      }
      role.created_at = r.Integer("created_at");
      contents.roles.push_back(std::move(role));
    }
  }

  const auto& tables = top.Get("tables");
  if (!tables.is_array()) Fail(file_name, "\"tables\" must be an array");
  std::set<std::string> table_names;
  std::set<uint64_t> ids;
  for (size_t i = 0; i < tables.size(); i++) {
    const auto& item = tables[i];
    std::string where = fmt::format("{}: tables[{}]", file_name, i);
    if (item.is_object() && item.contains("name") && item["name"].is_string()) {
      where = fmt::format("{} (\"{}\")", where, item["name"].get<std::string>());
    }
    Fields t(item, where);
    StoredCatalogEntry stored;
    CatalogEntry& entry = stored.entry;
    int64_t id = t.Integer("id");
    if (id <= 0) Fail(where, "\"id\" must be positive");
    entry.id = TableId{static_cast<uint64_t>(id)};
    if (!ids.insert(entry.id.value).second) Fail(where, fmt::format("table id {} given twice", id));
    entry.namespace_name = t.String("namespace");
    entry.name = t.String("name");
    if (entry.namespace_name.empty() || entry.name.empty()) Fail(where, "\"namespace\" and \"name\" must not be empty");
    if (!table_names.insert(entry.namespace_name + "." + entry.name).second) {
      Fail(where, fmt::format("table \"{}.{}\" given twice", entry.namespace_name, entry.name));
    }
    entry.type = ParseTableType(t.String("type"), where);
    entry.created_at = t.Integer("created_at");
    entry.storage_location = t.String("storage_location", false);
    if (t.Has("options")) {
      Fields o(t.Get("options"), where + ": options");
      entry.options.flush_policy = o.String("flush_policy", false);
      if (o.Has("retention_hours")) entry.options.retention_hours = o.Integer("retention_hours");
      if (o.Has("access_level")) entry.options.access_level = o.String("access_level");
    }
    if (entry.type == TableType::kFile) {
      if (!t.Has("registered_as")) Fail(where, "a FILE entry needs \"registered_as\"");
      stored.registered_as = ParseTableMappingEntry(t.Get("registered_as"), where + ": registered_as");
    } else if (entry.type == TableType::kProject) {
      entry.of_type = t.String("of_type");
      entry.projects = t.Strings("projects");
    } else if (entry.type == TableType::kManaged) {
      const auto& files = t.Get("data_files");
      if (!files.is_array()) Fail(where, "\"data_files\" must be an array");
      for (size_t f = 0; f < files.size(); f++) {
        Fields file(files[f], fmt::format("{}: data_files[{}]", where, f));
        TableDataFile data_file;
        data_file.path = file.String("path");
        int64_t rows = file.Integer("row_count");
        if (rows < 0) Fail(file.where(), "\"row_count\" must not be negative");
        if (data_file.path.empty() || data_file.path[0] == '/' || data_file.path.find("..") != std::string::npos) {
          Fail(file.where(), "\"path\" must be a path inside the data directory");
        }
        data_file.row_count = static_cast<uint64_t>(rows);
        entry.data_files.push_back(std::move(data_file));
      }
    } else {
      Fields view(t.Get("view"), where + ": view");
      entry.view_sql = view.String("sql");
      entry.view_search_path = view.Strings("search_path");
      entry.view_query_columns = view.Strings("query_columns");
    }
    const auto& versions = t.Get("versions");
    if (!versions.is_array() || versions.empty()) Fail(where, "\"versions\" must be a non-empty array");
    for (size_t v = 0; v < versions.size(); v++) {
      Fields version(versions[v], fmt::format("{}: versions[{}]", where, v));
      SchemaVersion schema_version;
      int64_t number = version.Integer("version");
      uint32_t expected = entry.versions.empty() ? 0 : entry.versions.back().version;
      if (number <= expected || number > UINT32_MAX) Fail(version.where(), "versions must increase");
      schema_version.version = static_cast<uint32_t>(number);
      schema_version.created_at = version.Integer("created_at");
      schema_version.definition = ParseDefinition(version);
      entry.versions.push_back(std::move(schema_version));
    }
    entry.schema_version = entry.versions.back().version;
    if (entry.id.value >= contents.next_table_id) contents.next_table_id = entry.id.value + 1;
    contents.tables.push_back(std::move(stored));
  }
  return contents;
}

std::string SerializeCatalogFile(const CatalogFileContents& contents) {
  // Pretty at the top, one compact line per namespace and per table: readable, and small
  // enough that a directory of 100 000 tables rewrites its catalog quickly. Fields holding
  // their defaults (options, empty primary keys and option maps) are left out.
  std::string out = "{\n";
  out += "  \"format\": " + ordered_json(kFormatTag).dump() + ",\n";
  out += "  \"format_version\": " + std::to_string(kFormatVersion) + ",\n";
  out += "  \"next_table_id\": " + std::to_string(contents.next_table_id) + ",\n";
  out += "  \"mappings_digest\": " + ordered_json(contents.mappings_digest).dump() + ",\n";
  out += "  \"previous_mappings_digest\": " + ordered_json(contents.previous_mappings_digest).dump() + ",\n";
  if (contents.checkpoint_lsn != 0) out += "  \"checkpoint_lsn\": " + std::to_string(contents.checkpoint_lsn) + ",\n";
  out += "  \"namespaces\": [";
  for (size_t i = 0; i < contents.namespaces.size(); i++) {
    const auto& n = contents.namespaces[i];
    out += (i == 0 ? "\n    " : ",\n    ") + ordered_json{{"name", n.name}, {"created_at", n.created_at}}.dump();
  }
  out += contents.namespaces.empty() ? "],\n" : "\n  ],\n";
  if (!contents.roles.empty()) {
    out += "  \"roles\": [";
    for (size_t i = 0; i < contents.roles.size(); i++) {
      const RoleEntry& r = contents.roles[i];
      ordered_json role{{"name", r.name}, {"login", r.can_login}};
      if (!r.password.empty()) role["password"] = r.password;
      role["created_at"] = r.created_at;
      out += (i == 0 ? "\n    " : ",\n    ") + role.dump();
    }
    out += "\n  ],\n";
  }
  out += "  \"tables\": [";
  for (size_t i = 0; i < contents.tables.size(); i++) {
    const StoredCatalogEntry& stored = contents.tables[i];
    const CatalogEntry& e = stored.entry;
    ordered_json t = ordered_json::object();
    t["id"] = e.id.value;
    t["namespace"] = e.namespace_name;
    t["name"] = e.name;
    t["type"] = TableTypeName(e.type);
    t["created_at"] = e.created_at;
    if (!e.storage_location.empty()) t["storage_location"] = e.storage_location;
    if (!(e.options == TableOptions{})) {
      t["options"] = {{"flush_policy", e.options.flush_policy},
                      {"retention_hours", e.options.retention_hours ? ordered_json(*e.options.retention_hours) : ordered_json()},
                      {"access_level", e.options.access_level}};
    }
    if (stored.registered_as) {
      t["registered_as"] = TableMappingJson(*stored.registered_as);
    } else if (e.type == TableType::kProject) {
      t["of_type"] = e.of_type;
      t["projects"] = e.projects;
    } else if (e.type == TableType::kManaged) {
      t["data_files"] = ordered_json::array();
      for (const auto& f : e.data_files) t["data_files"].push_back({{"path", f.path}, {"row_count", f.row_count}});
    } else {
      t["view"] = {{"sql", e.view_sql}, {"search_path", e.view_search_path}, {"query_columns", e.view_query_columns}};
    }
    t["versions"] = ordered_json::array();
    for (const auto& v : e.versions) {
      ordered_json version = {{"version", v.version}, {"created_at", v.created_at}};
      ordered_json definition = DefinitionJson(v.definition);
      for (auto& [k, item] : definition.items()) {
        if ((k == "primary_key" || k == "options" || k == "unique" || k == "checks") && item.empty()) continue;
        version[k] = item;
      }
      t["versions"].push_back(std::move(version));
    }
    out += (i == 0 ? "\n    " : ",\n    ") + t.dump();
  }
  out += contents.tables.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

}  // namespace cairn
