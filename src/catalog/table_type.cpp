// Table types from YAML (see table_type.h and docs/format/table-types.md). yaml-cpp throws its
// own exception types; every one is caught here and becomes cairn::Exception F0000 naming the
// file and the line yaml-cpp reports.
#include "catalog/table_type.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>

#include "cairn/exception.h"
#include "catalog/builtin_table_types.h"
#include "common/ascii.h"
#include "function/cast.h"
#include "io/file_system.h"

namespace cairn {
namespace {

constexpr size_t kMaxIdentifierBytes = 63;  // PostgreSQL's NAMEDATALEN - 1

/// Builds the F0000 messages of one file: "<file>:<line>: type "t": column "c": what".
class ErrorContext {
 public:
  explicit ErrorContext(std::string file) : file_(std::move(file)) {}
  void SetType(std::string name) { type_ = std::move(name); }
  void SetColumn(std::string name) { column_ = std::move(name); }
  void ClearColumn() { column_.clear(); }

  [[noreturn]] void Fail(const YAML::Mark& mark, const std::string& what) const {
    std::string where = file_;
    if (!mark.is_null() && mark.line >= 0) where += fmt::format(":{}", mark.line + 1);
    if (!type_.empty()) where += fmt::format(": type \"{}\"", type_);
    if (!column_.empty()) where += fmt::format(": column \"{}\"", column_);
    throw Exception(sqlstate::kConfigFileError, fmt::format("{}: {}", where, what));
  }
  [[noreturn]] void Fail(const YAML::Node& node, const std::string& what) const { Fail(node.Mark(), what); }

 private:
  std::string file_;
  std::string type_;
  std::string column_;
};

bool IsIdentifier(const std::string& text) {
  if (text.empty() || text.size() > kMaxIdentifierBytes) return false;
  if (!(text[0] == '_' || (text[0] >= 'a' && text[0] <= 'z'))) return false;
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c == '_' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); });
}

/// Rejects keys of `map` that are not in `allowed` (a typo must not be silently ignored).
void CheckKeys(const YAML::Node& map, std::initializer_list<const char*> allowed, const std::string& what,
               const ErrorContext& context) {
  for (const auto& entry : map) {
    if (!entry.first.IsScalar()) context.Fail(entry.first, fmt::format("{} keys must be plain names", what));
    const std::string& key = entry.first.Scalar();
    bool known = std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; });
    if (!known) {
      std::string list;
      for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      context.Fail(entry.first, fmt::format("unknown {} key \"{}\" (expected one of: {})", what, key, list));
    }
  }
}

/// A scalar's text; `required` fails on a missing or null entry, else returns "" for them.
std::string ScalarText(const YAML::Node& parent, const char* key, bool required, const ErrorContext& context) {
  YAML::Node node = parent[key];
  if (!node.IsDefined() || node.IsNull()) {
    if (required) context.Fail(parent, fmt::format("missing \"{}\"", key));
    return "";
  }
  if (!node.IsScalar()) context.Fail(node, fmt::format("\"{}\" must be a single value, not a list or a mapping", key));
  return node.Scalar();
}

bool ParseBool(const YAML::Node& node, const char* key, const ErrorContext& context) {
  bool value = false;
  if (!node.IsScalar() || !YAML::convert<bool>::decode(node, value)) {
    context.Fail(node, fmt::format("\"{}\" must be true or false", key));
  }
  return value;
}

/// A list of column names of `type` (missing = empty), each existing, none repeated.
std::vector<std::string> ColumnList(const YAML::Node& root, const char* key, const TableTypeDefinition& type,
                                    const ErrorContext& context) {
  std::vector<std::string> names;
  YAML::Node node = root[key];
  if (!node.IsDefined() || node.IsNull()) return names;
  if (!node.IsSequence()) context.Fail(node, fmt::format("\"{}\" must be a list of column names", key));
  for (const auto& item : node) {
    if (!item.IsScalar()) context.Fail(item, fmt::format("\"{}\" must be a list of column names", key));
    const std::string& name = item.Scalar();
    if (!type.FindColumn(name)) context.Fail(item, fmt::format("\"{}\" names column \"{}\", which the type does not have", key, name));
    if (std::find(names.begin(), names.end(), name) != names.end()) {
      context.Fail(item, fmt::format("\"{}\" lists column \"{}\" twice", key, name));
    }
    names.push_back(name);
  }
  return names;
}

/// Checks that `text` casts to `type` (a default must be a value of its column).
void CheckDefault(const std::string& text, const LogicalType& type, const YAML::Node& node, const ErrorContext& context) {
  try {
    Vector source(Value::Varchar(text));
    Vector result(type, 1);
    CastVector(source, result, 1);
  } catch (const Exception& e) {
    context.Fail(node, fmt::format("default \"{}\" is not a value of type {}: {}", text, type.ToString(), e.what()));
  }
}

TableTypeColumn ParseColumn(const YAML::Node& node, bool& explicitly_nullable, ErrorContext& context) {
  if (!node.IsMap()) context.Fail(node, "each column must be a mapping with name and type");
  TableTypeColumn column;
  column.name = ScalarText(node, "name", true, context);
  if (!IsIdentifier(column.name)) {
    context.Fail(node["name"], fmt::format("column name \"{}\" is not a lower-case SQL identifier ([a-z_][a-z0-9_]*, at most {} bytes)",
                                           column.name, kMaxIdentifierBytes));
  }
  context.SetColumn(column.name);
  CheckKeys(node, {"name", "type", "nullable", "default", "comment"}, "column", context);
  column.type_name = ScalarText(node, "type", true, context);
  try {
    column.type = ParseTypeName(column.type_name);
  } catch (const Exception& e) {
    context.Fail(node["type"], fmt::format("unknown SQL type \"{}\"", column.type_name));
  }
  explicitly_nullable = false;
  if (YAML::Node nullable = node["nullable"]; nullable.IsDefined()) {
    column.nullable = ParseBool(nullable, "nullable", context);
    explicitly_nullable = column.nullable;
  }
  if (YAML::Node value = node["default"]; value.IsDefined() && !value.IsNull()) {
    if (!value.IsScalar()) context.Fail(value, "\"default\" must be a single value");
    column.default_value = value.Scalar();
    CheckDefault(*column.default_value, column.type, value, context);
  }
  column.comment = ScalarText(node, "comment", false, context);
  return column;
}

TableTypeDefinition ParseDocument(const YAML::Node& root, const std::string& file_name) {
  ErrorContext context(file_name);
  if (!root.IsDefined() || root.IsNull()) context.Fail(root, "the file holds no table type");
  if (!root.IsMap()) context.Fail(root, "a table type must be a mapping (name, columns, ...)");
  TableTypeDefinition type;
  type.source = file_name;
  type.name = ScalarText(root, "name", true, context);
  if (!IsIdentifier(type.name)) {
    context.Fail(root["name"], fmt::format("type name \"{}\" is not a lower-case SQL identifier ([a-z_][a-z0-9_]*, at most {} bytes)",
                                           type.name, kMaxIdentifierBytes));
  }
  context.SetType(type.name);
  CheckKeys(root, {"name", "description", "columns", "primary_key", "partition_by", "sort_by", "options"}, "table type",
            context);
  type.description = ScalarText(root, "description", false, context);

  YAML::Node columns = root["columns"];
  if (!columns.IsDefined() || columns.IsNull()) context.Fail(root, "missing \"columns\"");
  if (!columns.IsSequence() || columns.size() == 0) context.Fail(columns, "\"columns\" must be a non-empty list");
  std::vector<bool> explicitly_nullable;
  for (const auto& node : columns) {
    bool explicit_null = false;
    TableTypeColumn column = ParseColumn(node, explicit_null, context);
    if (type.FindColumn(column.name)) context.Fail(node, "duplicate column name");
    type.columns.push_back(std::move(column));
    explicitly_nullable.push_back(explicit_null);
    context.ClearColumn();
  }
  const TableTypeColumn& first = type.columns[0];
  if (first.name != "project_id" || first.type.id() != TypeId::VARCHAR || first.nullable) {
    context.Fail(columns[0], "the first column must be project_id VARCHAR with nullable: false (every table belongs to a project)");
  }

  type.primary_key = ColumnList(root, "primary_key", type, context);
  for (const auto& name : type.primary_key) {
    idx_t index = *type.FindColumn(name);
    if (explicitly_nullable[index]) {
      context.SetColumn(name);
      context.Fail(columns[index], "a primary key column cannot be nullable: true");
    }
    type.columns[index].nullable = false;
  }
  type.partition_by = ColumnList(root, "partition_by", type, context);
  type.sort_by = ColumnList(root, "sort_by", type, context);

  if (YAML::Node options = root["options"]; options.IsDefined() && !options.IsNull()) {
    if (!options.IsMap()) context.Fail(options, "\"options\" must be a mapping of names to values");
    for (const auto& entry : options) {
      if (!entry.first.IsScalar() || !IsIdentifier(entry.first.Scalar())) {
        context.Fail(entry.first, "option names must be lower-case identifiers");
      }
      if (!entry.second.IsScalar()) {
        context.Fail(entry.second, fmt::format("option \"{}\" must be a single value", entry.first.Scalar()));
      }
      type.options[entry.first.Scalar()] = entry.second.Scalar();
    }
  }
  return type;
}

bool IsYamlFile(const std::string& name) {
  std::string lower = Lower(name);
  return lower.ends_with(".yaml") || lower.ends_with(".yml");
}

}  // namespace

std::vector<ColumnDefinition> TableTypeDefinition::ColumnDefinitions() const {
  std::vector<ColumnDefinition> out;
  for (const auto& c : columns) out.push_back(ColumnDefinition{c.name, c.type, c.nullable});
  return out;
}

std::optional<idx_t> TableTypeDefinition::FindColumn(std::string_view name) const {
  std::string lower = Lower(std::string(name));
  for (idx_t i = 0; i < columns.size(); i++) {
    if (columns[i].name == lower) return i;
  }
  return std::nullopt;
}

TableTypeDefinition ParseTableType(std::string_view yaml_text, const std::string& file_name) {
  try {
    // Several documents in one file (--- separators) are a mistake: one file, one type.
    std::vector<YAML::Node> documents = YAML::LoadAll(std::string(yaml_text));
    if (documents.size() > 1) {
      ErrorContext(file_name).Fail(documents[1].Mark(), "a file holds one table type (found several YAML documents)");
    }
    return ParseDocument(documents.empty() ? YAML::Node() : documents[0], file_name);
  } catch (const YAML::Exception& e) {
    // Syntax errors, and conversions this file did not guard (never expected).
    ErrorContext(file_name).Fail(e.mark, fmt::format("invalid YAML: {}", e.msg));
  }
}

std::map<std::string, TableTypeDefinition> BuiltinTableTypes() {
  std::map<std::string, TableTypeDefinition> types;
  for (const auto& file : EmbeddedTableTypeFiles()) {
    std::string name = "types/" + std::string(file.file_name);
    TableTypeDefinition type = ParseTableType(file.text, name);
    if (auto it = types.find(type.name); it != types.end()) {
      throw Exception(sqlstate::kConfigFileError,
                      fmt::format("{}: type \"{}\" is also defined by {}", name, type.name, it->second.source));
    }
    types.emplace(type.name, std::move(type));
  }
  return types;
}

std::map<std::string, TableTypeDefinition> LoadTableTypes(FileSystem& file_system, const std::string& data_dir) {
  std::map<std::string, TableTypeDefinition> types = BuiltinTableTypes();
  std::string directory = data_dir.empty() ? "types" : (data_dir.back() == '/' ? data_dir : data_dir + "/") + "types";
  if (!file_system.IsDirectory(directory)) return types;
  std::set<std::string> from_files;
  for (const auto& entry : file_system.ListDirectory(directory)) {
    if (entry.is_directory || !IsYamlFile(entry.name)) continue;
    std::string path = directory + "/" + entry.name;
    TableTypeDefinition type = ParseTableType(file_system.ReadFile(path), path);
    if (from_files.count(type.name)) {
      throw Exception(sqlstate::kConfigFileError,
                      fmt::format("{}: type \"{}\" is also defined by {}", path, type.name, types.at(type.name).source));
    }
    from_files.insert(type.name);
    types.insert_or_assign(type.name, std::move(type));
  }
  return types;
}

}  // namespace cairn
