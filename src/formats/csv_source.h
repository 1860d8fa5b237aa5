// CsvSource: a TableSource over one or more CSV files sharing one schema (DuckDB's
// read_csv(['a.csv', 'b.csv'])). The first file is sniffed (CsvSniffer) unless the schema is
// given; every other file must have the same columns (checked, when the files have headers,
// as each file is opened). Each file is one scan partition, read sequentially by one thread
// in buffered blocks (never loaded whole). Filters are not used for pruning.
//
// Thread-safety: the source is immutable; scans may run concurrently.
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
