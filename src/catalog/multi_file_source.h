// Sources over a set of data files of one format, with Hive-style partitioning: `key=value`
// directory names between a file and its root directory become columns (appended after the
// files' own columns, typed by InferHivePartitionType) and let scans skip whole files.
// Used by the table registry's partitioned tables and by read_parquet/read_csv over globs.
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

/// Builds one source over `files`. `make` creates the source of a group of files that share
/// their partition values. With `hive_partitioning`, key=value segments of each file's path
/// below its root become columns; every file must then have the same keys (22023 otherwise).
/// Keys that are also columns of the files are not added (the files' values win).
std::shared_ptr<TableSource> CreateMultiFileSource(
    const std::string& table_name, const std::vector<DataFile>& files, bool hive_partitioning,
    const std::function<std::shared_ptr<TableSource>(std::vector<std::string>)>& make);

/// The root directory of a glob pattern: the directory before its first wildcard segment.
std::string GlobRoot(const std::string& pattern);

}  // namespace cairn
