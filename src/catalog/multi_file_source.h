// Sources over a set of data files of one format, with Hive-style partitioning: `key=value`
// directory names between a file and its root directory become columns (appended after the
// files' own columns, typed by InferHivePartitionType) and let scans skip whole files.
// Used by the table registry's partitioned tables and by read_parquet/read_csv over globs.
//
// Schema evolution: files whose columns differ are read as the union of their columns by name,
// with lossless widening (schema_union.h, docs/design/schema-evolution.md); a file lacking a
// column reads NULL for it (schema_adapted_source.h). Files are first opened together, a group
// of files sharing their partition values at a time, as `make` does; only a group whose files
// differ (`make` throws 42804) is opened again file by file, so tables whose files agree pay
// nothing for the union.
//
// Thread-safety: the returned sources are thread-safe (TableSource contract).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "function/table/table_source.h"

namespace cairn {

/// A data file and the directory its Hive key=value segments are counted from ("" = none).
struct DataFile {
  std::string path;
  std::string root;
};

/// How the columns of files that differ are combined.
enum class SchemaMerge : uint8_t {
  /// Every file must have the same columns: a difference is 42804 naming the files, with a
  /// hint to read by name (read_parquet/read_csv without union_by_name, as in DuckDB).
  kSameColumns,
  /// The union by name with lossless widening; an incompatible type is 42804 naming the
  /// column, both files and both types.
  kUnionByName,
};

/// Options of CreateMultiFileSource.
struct MultiFileOptions {
  /// Key=value segments of each file's path below its root become columns; every file must
  /// then have the same keys (22023 otherwise). Keys that are also columns of the files are not
  /// added (the files' values win).
  bool hive_partitioning = true;
  SchemaMerge schema_merge = SchemaMerge::kUnionByName;
  /// Opens every file apart, with `make({path})`, whenever a group has several files: for
  /// formats whose multi-file source does not compare the files' schemas when it is created
  /// (CSV, whose layout comes from its first file). Only used with kUnionByName.
  bool open_files_apart = false;
};

/// Builds one source over `files` (REQUIRES: non-empty; united columns come in order of first
/// appearance in this order, so callers pass files sorted by path). `make` creates the
/// source of a group of files (throwing 42804 when their schemas differ).
std::shared_ptr<TableSource> CreateMultiFileSource(
    const std::string& table_name, const std::vector<DataFile>& files, const MultiFileOptions& options,
    const std::function<std::shared_ptr<TableSource>(std::vector<std::string>)>& make);

/// The table registry's form: Hive partitioning as given, schemas united by name.
std::shared_ptr<TableSource> CreateMultiFileSource(
    const std::string& table_name, const std::vector<DataFile>& files, bool hive_partitioning,
    const std::function<std::shared_ptr<TableSource>(std::vector<std::string>)>& make);

/// The root directory of a glob pattern: the directory before its first wildcard segment.
std::string GlobRoot(const std::string& pattern);

}  // namespace cairn
