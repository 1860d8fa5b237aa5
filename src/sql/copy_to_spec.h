// CopyToSpec: what a planned `COPY ... TO 'path'` writes — the target path, the file format and
// its writer options, validated at plan time (sql/statement_copy.cpp). The rows are the
// PlannedStatement's plan; main/copy_to.h runs it into the file. See docs/sql/copy.md.
//
// Thread-safety: immutable after planning (shared as std::shared_ptr<const CopyToSpec>).
#pragma once

#include <string>

#include "formats/csv_writer.h"
#include "parquet/parquet_writer.h"

namespace cairn {

/// The file format of COPY ... TO.
enum class CopyFormat : uint8_t {
  kParquet,  // FORMAT parquet (or a .parquet path)
  kCsv,      // FORMAT csv (or a .csv path): PostgreSQL's CSV
  kText,     // FORMAT text: PostgreSQL's default text format
};

struct CopyToSpec {
  /// The file to write, as the user wrote it (a relative path resolves against the process's
  /// current directory, as DuckDB's COPY does).
  std::string path;
  /// COPY ... TO STDOUT: the rows go to the connection's CopyHandler (`path` is empty).
  bool to_stdout = false;
  CopyFormat format = CopyFormat::kText;
  /// kParquet: the writer's options (codec, row group size, page version).
  parquet::ParquetWriterOptions parquet;
  /// kCsv / kText: delimiter, NULL string, quoting, header, FORCE_QUOTE per column.
  CsvWriterOptions csv;
};

}  // namespace cairn
