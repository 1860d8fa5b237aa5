// TableRegistry: maps logical table names onto files — one file, a file with a declared
// schema, or a partitioned set (explicit list, globs, Hive-style key=value/ directories).
// Semantics follow ByteDB's table registry: `table_mappings.json` in its exact format, and a
// name with no mapping falls back to `<name>.parquet` in the data directory.
//
// Paths: a relative path resolves against the data directory. An absolute path is used as
// is. `..` components are allowed and resolved lexically (a mapping may point outside the
// data directory on purpose, e.g. to a shared dataset).
//
// Re-registering a name replaces its mapping; the next query reads the new files.
//
// Table names are case-insensitive (folded to lower case, like PostgreSQL's unquoted
// identifiers). Registering builds the table's source at once, so a missing file or a glob that
// matches nothing is an error at registration. Loading table_mappings.json does not require the
// files to exist yet; they are checked on first query.
//
// Distributed workers: each worker opens its own data directory (data/worker-1/, ...) as its own
// Database, which loads that directory's own table_mappings.json.
//
// Thread-safety: all methods are safe to call concurrently (a reader-writer lock guards the
// mappings); a query resolves its tables once, at bind time.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "cairn/exception.h"

namespace cairn {

class TableSource;
class TableFunctionRegistry;  // src/function/table/table_function.h (engine internals)
class FileSystem;             // src/io/file_system.h (engine internals)

/// A declared column, in the seed's vocabulary: type is one of int8, int16, int32, int64,
/// uint8..uint64, float32/float, float64/double, string, bool/boolean, bytes, date,
/// timestamp, time, decimal(p,s) — or any Cairn SQL type name (BIGINT, VARCHAR, ...).
struct ColumnSchema {
  std::string name;
  std::string type;
  bool nullable = true;
  /// The catalog's column metadata (DEFAULT expression text, COMMENT); not part of
  /// table_mappings.json.
  std::optional<std::string> default_value;
  std::optional<std::string> comment;
  bool operator==(const ColumnSchema&) const = default;
};

struct TableSchema {
  std::vector<ColumnSchema> columns;
  bool operator==(const TableSchema&) const = default;
};

/// One registry entry. Exactly one of file_path / partitions is set.
struct TableMapping {
  std::string table_name;
  std::string file_path;                // a single file (may be a glob)
  std::vector<std::string> partitions;  // files, globs or Hive-partitioned directories
  std::optional<TableSchema> schema;    // validated against the files at registration
  bool operator==(const TableMapping&) const = default;
};

class TableRegistry {
 public:
  /// `data_dir`: directory relative paths resolve against ("" = current directory). Files are
  /// read through the local file system.
  explicit TableRegistry(std::string data_dir);
  /// The same, reading and writing files through `file_system` (engine-internal: a Database
  /// passes the one from its options), which must outlive the registry.
  TableRegistry(std::string data_dir, FileSystem& file_system);
  ~TableRegistry();

  /// Maps `table_name` onto one file. Throws cairn::Exception (58P01) if the file does not
  /// exist, (XX001) if it cannot be read as Parquet/CSV.
  void register_table(const std::string& table_name, const std::string& file_path);
  /// Registers `mapping`; a declared schema must match the file(s): every declared column must
  /// exist with a compatible type (42804 naming the column otherwise).
  void register_table_with_schema(const TableMapping& mapping);
  /// Maps `table_name` onto several files: paths, globs (`*`, `?`, `**`) or directories
  /// (scanned recursively; `key=value` directory names become columns).
  void register_partitioned_table(const std::string& table_name, const std::vector<std::string>& partitions);
  /// Removes a mapping. Returns false if there was none.
  bool unregister_table(const std::string& table_name);

  /// Reads a table_mappings.json (the seed's format) and registers every entry, replacing
  /// mappings of the same names. A bad file throws cairn::Exception (F0000) naming the file
  /// and the offending entry; nothing is registered then.
  void load_table_mappings(const std::string& config_path);
  /// Writes every mapping to `config_path` in the seed's format, atomically (temp + fsync +
  /// rename + directory fsync) while holding the data directory lock (`.cairn.lock` beside it).
  /// It overwrites what other processes wrote; update_table_mappings merges instead.
  void save_table_mappings(const std::string& config_path) const;
  /// Opens a data directory's mappings file, as a Database does: removes the temporaries a
  /// killed writer left (`<config_path>.tmp.*`; only when the directory's lock file exists and
  /// is free at once, so opening never waits and creates no file), then loads `config_path` if
  /// it exists. Unlike load_table_mappings, a mapping whose files are missing or no longer
  /// match its declared schema is kept (check_table reports it and its queries fail with the
  /// reason) rather than failing the whole load; only an invalid file throws (F0000).
  void open_table_mappings(const std::string& config_path);
  /// What is wrong with a mapped table now, if anything: its files are missing or no longer
  /// match its declared schema — and, with `read_files`, unreadable (the exception its queries
  /// would throw); nullopt when it reads. Without `read_files` only tables with a declared
  /// schema have a file's metadata read (what opening a data directory checks). Throws 42P01
  /// if the name is not mapped.
  std::optional<Exception> check_table(const std::string& table_name, bool read_files = true) const;
  /// Counts every change of the mappings (register, unregister, load, merge), so an observer
  /// (the Catalog) can tell when to re-read them.
  uint64_t generation() const;
  /// One durable registry change that loses no other process's change: under the data
  /// directory lock it re-reads `config_path`, applies to this registry what other writers
  /// changed there since this registry last read or wrote it, runs `change` (which registers or
  /// unregisters through this registry and returns whether it changed anything) and, if so,
  /// writes every mapping atomically. An empty registry writes an empty "tables" list. Throws
  /// what `change` throws (nothing is written then), F0000 if the file is invalid, 58030 on I/O
  /// errors. Changes through this method are serialized within the process as well.
  void update_table_mappings(const std::string& config_path, const std::function<bool()>& change);

  /// The resolved path of a table's file (first file for partitioned tables; the fallback
  /// `<data_dir>/<name>.parquet` when unmapped). Throws 42P01 if neither exists.
  std::string get_table_path(const std::string& table_name) const;
  /// The mapping as registered. Throws 42P01 if the name is not mapped.
  TableMapping get_table_mapping(const std::string& table_name) const;
  /// Every file the table reads now, resolved (globs expanded, directories walked), sorted.
  std::vector<std::string> get_all_partitions(const std::string& table_name) const;
  /// Mapped table names, sorted.
  std::vector<std::string> list_tables() const;
  bool has_table(const std::string& table_name) const;
  void clear();
  /// Every mapping, in registration order (the order table_mappings.json is written in).
  std::vector<TableMapping> mappings() const;
  /// Replaces every mapping with `mappings` without checking their files (the catalog rolls an
  /// interrupted change forward with it; engine-internal). Persists nothing.
  void reset_mappings(const std::vector<TableMapping>& mappings);

  const std::string& data_dir() const { return data_dir_; }

  /// The source a query reads for `table_name` (mapping, else the `<name>.parquet` fallback).
  /// Returns nullptr when neither exists; throws 58P01 when a mapped file is missing. Sources are
  /// cached until the mapping or the files'
  /// modification times change.
  std::shared_ptr<TableSource> resolve(const std::string& table_name) const;

  /// The table functions queries may call in FROM (read_parquet, read_csv, ...), with relative
  /// paths resolved against this registry's data directory. Engine-internal.
  const TableFunctionRegistry& table_functions() const;

 private:
  struct Impl;
  std::string data_dir_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cairn
