// ProjectTableSource: the TableSource of a table whose rows belong to projects (multi-tenant
// telemetry: otel_logs_and_spans, metrics, events). Each registered project's Parquet files of
// table T live under <data_dir>/projects/<project_id>/T/ (any depth; file names ending in
// .parquet, skipping names that start with '.' or '_', as Hive and Spark writers use for
// temporaries and markers). Design: docs/design/projects.md.
//
// Columns are the table type's (table_type.h), whatever each file holds:
//  - project_id (VARCHAR) is the project directory's name. A file need not contain it; if it
//    does, every value must equal the directory's (else XX001 naming the file, the value and
//    the directory: a file in the wrong project is never read as that project's rows).
//  - a declared column a file lacks reads as NULL if it is nullable (the file predates the
//    column); a NOT NULL column it lacks is 23502 naming the file and column.
//  - a file column of another type is read when the type casts implicitly and losslessly to
//    the declared one (INTEGER to BIGINT, FLOAT to DOUBLE, VARCHAR to JSON, ...: function/cast.h
//    ImplicitCastCost); otherwise 42804 naming the file, the column and both types.
//  - file columns the type does not declare are ignored; names match case-insensitively.
//
// Pruning: ScanRequest filters on project_id (=, <>, <, ..., IS [NOT] NULL) are evaluated
// against each project's id with the Hive partition rule (HivePartitionMayMatch), and the files
// of projects that cannot match are neither listed nor opened. Filters on other columns go to
// each file's Parquet reader (row-group statistics) when the file's column has the declared type.
//
// Files are listed when a scan starts and opened one by one as workers reach them, so a scan
// sees the files present when it started, and a project with no directory yet is simply empty.
// The source therefore knows no row count in advance (ExactRowCount is nullopt).
//
// Errors: 22023 at creation for a project id or table name that is not a single directory
// name; while scanning, 58P01/58030/XX001 from the files, and the errors above.
// Thread-safety: immutable; scans may run concurrently (TableSource contract).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "function/table/table_source.h"

namespace cairn {

class FileSystem;

/// True for a single directory name: not empty, not "." or "..", no '/' or NUL (what project
/// ids and table names must be).
bool IsDirectoryName(const std::string& name);

/// The directory holding project `project_id`'s files of `table`: <data_dir>/projects/<id>/<table>.
std::string ProjectTableDirectory(const std::string& data_dir, const std::string& project_id, const std::string& table);

/// Builds the source of `table` over the projects `project_ids` (in that order; duplicates are
/// removed), reading through `file_system`, which must outlive the source. `columns` are the
/// table type's (TableTypeDefinition::ColumnDefinitions) and must include a VARCHAR column named
/// project_id (else 22023). Project ids and the table name must be non-empty directory names
/// without '/' or NUL, not "." or ".." (else 22023).
std::shared_ptr<TableSource> CreateProjectTableSource(FileSystem& file_system, std::string data_dir, std::string table,
                                                      std::vector<ColumnDefinition> columns,
                                                      std::vector<std::string> project_ids);

}  // namespace cairn
