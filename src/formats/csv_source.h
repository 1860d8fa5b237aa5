// CsvSource: a TableSource over one or more CSV files sharing one schema (DuckDB's
// read_csv(['a.csv', 'b.csv'])). The first file is sniffed (CsvSniffer) unless the schema is
// given; every other file must have the same columns (checked, when the files have headers,
// as each file is opened). Files are read in buffered blocks, never loaded whole. Filters are
// not used for pruning.
//
// Parallel scan: a file larger than options.scan_range_bytes (8 MiB by default) is cut into
// byte ranges of about that size, each a scan partition that any thread reads (DuckDB's
// byte-range morsels). A range holds the rows that start in it: the row straddling its start
// belongs to the range before. Range ends are found by CsvBoundaryFinder, which follows the
// quoting from the first data row onward in a fast forward pass (memchr), so a newline inside
// a quoted field is never taken for a row end and every range knows the line its first row is
// on; the finder runs one range ahead of the readers, under the scan's lock. Only the first
// range reads the byte order mark, the skipped lines (options.skip_rows) and the header. Other
// files — smaller ones, dialects the finder does not follow (csv_boundary_finder.h), files whose
// header cannot be read — are one partition each, read sequentially, as is the rest of a file
// from the first text the finder cannot follow (malformed quoting), whose reader then reports
// the error. Rows come out in file order within a range, ranges in any order. Error messages
// name the file and the row's line as a sequential read does; when several rows are bad, which
// one is reported first can differ.
//
// Thread-safety: the source is immutable; scans may run concurrently. GlobalScan::NextPartition
// may be called from many threads.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "function/table/table_source.h"
#include "formats/csv_options.h"
#include "formats/csv_sniffer.h"

namespace cairn {

/// A source over `files` (REQUIRES: at least one), read through `file_system` (which must
/// outlive the source: scans open the files when they run). Sniffs the first file. Throws
/// cairn::Exception 58P01 if it does not exist, 22P02 if it is empty or its sample is malformed CSV,
/// 42703 if `options.column_types` names a column the file does not have.
std::shared_ptr<TableSource> CreateCsvSource(FileSystem& file_system, std::vector<std::string> files, CsvOptions options);

/// A source over `files` whose layout is already known (`schema` sniffed from `schema_file`,
/// e.g. a sibling partition), so no file is read now.
std::shared_ptr<TableSource> CreateCsvSource(FileSystem& file_system, std::vector<std::string> files, CsvOptions options,
                                             CsvSniffResult schema, std::string schema_file);

}  // namespace cairn
