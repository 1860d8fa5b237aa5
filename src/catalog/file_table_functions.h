// The table functions over data files: read_parquet / parquet_scan, read_csv / read_csv_auto,
// and __cairn_file (the `FROM 'path'` shorthand, format chosen by extension). Paths may be
// globs or lists; relative paths resolve against the data directory; Hive key=value
// directories below a glob's root become columns unless hive_partitioning => false. Files with
// different columns are an error (42804, naming the files) unless union_by_name => true, which
// reads the union of their columns by name with lossless widening (multi_file_source.h).
//
// Errors: 58P01 when no file matches, 22023 for unknown or malformed options, and whatever the
// format raises when it opens the files.
#pragma once

#include <string>
#include <vector>

#include "function/table/table_function.h"

namespace cairn {

class FileSystem;

/// Registers the file table functions; paths resolve against `data_dir` ("" = current
/// directory) through `file_system`, which must outlive `registry`.
void RegisterFileTableFunctions(TableFunctionRegistry& registry, const std::string& data_dir, FileSystem& file_system);

/// The name of the function behind `FROM 'path'` (the statement preprocessor rewrites the
/// shorthand to a call of it; the binder also uses it for a quoted path that names no table).
inline constexpr const char* kFileScanFunction = "__cairn_file";

}  // namespace cairn
