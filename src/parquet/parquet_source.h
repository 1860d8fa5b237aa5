// ParquetSource: the TableSource over one or more Parquet files with the same columns.
//
// Files are opened (footers decoded) once, at creation; the source is then immutable and
// cached by the table registry. A scan is split into morsels, one per (file, row group);
// GlobalScan::NextPartition hands them out through an atomic counter. Row groups whose
// statistics prove that no row can pass the ScanRequest's filters (comparisons against
// min/max, IS [NOT] NULL against null_count and the row count) are skipped; when in doubt a
// row group is kept. An empty column list (COUNT(*)) yields row counts straight from the
// metadata without reading any data. GetColumnStatistics merges the footers' statistics of every
// row group (for the optimizer's estimates), once per column.
//
// Schema: all files must have the same column names with the same types, in any order; the
// source's columns are the first file's. Nested columns (LIST/MAP/STRUCT) are listed with a
// VARCHAR placeholder type; selecting one throws 0A000.
//
// Errors: cairn::Exception naming the files — 58P01/58030 (I/O), XX001 (corrupt file),
// 42804 (schema mismatch between files, naming both files and the column), 0A000.
// Thread-safety: TableSource and GlobalScan methods are thread-safe; a partition is used by
// one thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "function/table/table_source.h"

namespace cairn {

class FileSystem;
namespace parquet {
struct ColumnStatistics;
}

/// A TableSource reading `files` (at least one) through `file_system`. Opens every file (the
/// source keeps them open) and checks their schemas.
std::shared_ptr<TableSource> CreateParquetSource(FileSystem& file_system, std::vector<std::string> files);

/// True if no row of a row group with statistics `stats` and `rows` rows can pass `filter` on
/// a column of `type` (min/max against the constant, null_count against IS [NOT] NULL); false
/// whenever in doubt. Used to skip row groups.
bool FilterExcludes(const TableFilter& filter, const LogicalType& type, const parquet::ColumnStatistics& stats,
                    idx_t rows);

/// True if every row of a row group with statistics `stats` passes `filter` on a column of
/// `type` (no NULLs, and min/max inside the comparison's range); false whenever in doubt, and
/// always for floating-point columns (their min/max leave NaN out). Used to skip evaluating a
/// filter that cannot drop a row.
bool FilterIncludesAll(const TableFilter& filter, const LogicalType& type, const parquet::ColumnStatistics& stats);

}  // namespace cairn
