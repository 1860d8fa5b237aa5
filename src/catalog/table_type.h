// TableTypeDefinition: the schema of one kind of table that projects hold (otel_logs_and_spans, metrics,
// events, ...), read from a YAML file (format: docs/format/table-types.md). Every project's
// table of a type has the type's columns; the data of project P's table T lives under
// <data_dir>/projects/P/T/ (docs/design/projects.md, project_table_source.h).
//
// Where types come from: the built-in types compiled into the binary from the repository's
// types/*.yaml (builtin_table_types.h), then <data_dir>/types/*.yaml, whose types replace
// built-ins of the same name. A broken file is an error, never skipped.
//
// Rules a type satisfies once parsed: its name and column names are lower-case SQL
// identifiers (at most 63 bytes); its first column is `project_id VARCHAR NOT NULL`; column
// names are unique; every type name is one the binder accepts (function/cast.h ParseTypeName);
// defaults cast to their column's type; primary key, partition and sort columns exist (primary
// key columns are NOT NULL, as in PostgreSQL).
//
// Errors: cairn::Exception 58P01/58030 for files that cannot be read, F0000 (config_file_error)
// for everything wrong inside one, naming the file, the entry (type, column) and the line.
//
// Thread-safety: plain values; the functions are reentrant.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cairn/types.h"
#include "function/table/table_source.h"

namespace cairn {

class FileSystem;

/// One column of a table type.
struct TableTypeColumn {
  std::string name;                          // lower-case SQL identifier
  std::string type_name;                     // as written in the file, e.g. "TIMESTAMP WITH TIME ZONE"
  LogicalType type;                          // ParseTypeName(type_name)
  bool nullable = true;                      // false: NOT NULL
  std::optional<std::string> default_value;  // literal text, castable to `type`
  std::string comment;
};

/// A table type: a named schema plus the options of tables of that type.
struct TableTypeDefinition {
  std::string name;
  std::string description;
  std::vector<TableTypeColumn> columns;     // columns[0] is project_id VARCHAR NOT NULL
  std::vector<std::string> primary_key;     // column names, in key order
  std::vector<std::string> partition_by;    // column names (a hint for writers)
  std::vector<std::string> sort_by;         // column names (a hint for writers)
  std::map<std::string, std::string> options;  // e.g. flush_policy, retention: text values
  std::string source;                       // the file it was read from (for messages)

  /// The columns as a TableSource declares them.
  std::vector<ColumnDefinition> ColumnDefinitions() const;
  /// Index of the column named `name` (case-insensitive), or nullopt.
  std::optional<idx_t> FindColumn(std::string_view name) const;
};

/// Parses one table-type YAML document; `file_name` names it in error messages. Throws
/// cairn::Exception F0000 naming the file, the entry and the line on any error (yaml-cpp's own
/// exceptions are converted).
TableTypeDefinition ParseTableType(std::string_view yaml_text, const std::string& file_name);

/// The built-in types (compiled in from the repository's types/ directory), by name. Throws
/// F0000 if one is invalid (a build defect the unit tests catch).
std::map<std::string, TableTypeDefinition> BuiltinTableTypes();

/// The built-in types, then every `*.yaml` / `*.yml` file of `<data_dir>/types/` (sorted by
/// name; a missing directory holds none), by type name. A file type replaces a built-in type of
/// the same name; two files defining one name are F0000 naming both files. Reads through
/// `file_system`: 58P01/58030 for I/O errors, F0000 for bad content.
std::map<std::string, TableTypeDefinition> LoadTableTypes(FileSystem& file_system, const std::string& data_dir);

}  // namespace cairn
