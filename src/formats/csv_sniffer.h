// CsvSniffer: detects a CSV file's dialect, header and column types from a sample, choosing
// what DuckDB's read_csv chooses for ordinary files.
//
// Delimiter: among ',', ';', '\t', '|', the one that splits the first rows (up to 32) into the
// same number of fields, most fields wins (ties in that order); ',' if none is consistent.
// Types: every sampled non-NULL field narrows its column's candidate set, tried in DuckDB's
// order BOOLEAN, BIGINT, DOUBLE, TIME, DATE, TIMESTAMP, TIMESTAMP WITH TIME ZONE, VARCHAR.
// DuckDB's sniffing rules are kept: booleans are true/false/t/f/yes/no; a number written with a
// leading zero ("00501", "00.5") or a leading '+' stays VARCHAR; "inf" stays VARCHAR but "nan"
// is a DOUBLE; integers beyond int64 become DOUBLE; a column with no non-NULL value is VARCHAR.
// DATE/TIMESTAMP formats (DuckDB's candidates): a value starting "digits SEP digits SEP digits"
// with SEP one of '-', '/', '.', ' ' is tried against, in increasing preference,
//   DATE      %m-%d-%Y %m-%d-%y %d-%m-%Y %d-%m-%y %Y-%m-%d %y-%m-%d
//   TIMESTAMP %Y-%m-%d %H:%M:%S.%f  %m-%d-%Y %I:%M:%S %p  %m-%d-%y %I:%M:%S %p  %d-%m-%Y %H:%M:%S
//             %d-%m-%y %H:%M:%S  %Y-%m-%d %H:%M:%S  %y-%m-%d %H:%M:%S
// ('-' replaced by SEP; those containing "%Y-%m-%d" are left to the ISO parser, the least
// preferred candidate). A column can be DATE (TIMESTAMP) when one candidate parses every
// sampled non-NULL value; the most preferred such candidate is its format. As in DuckDB, the
// first column (left to right) typed DATE fixes the DATE format (ISO included) for the columns
// after it, which can only be DATE with that format; likewise for TIMESTAMP. options.date_format
// / timestamp_format replace the candidates (ISO included) of their type.
// Header: with `header` unset, the first row is a header when one of its fields does not fit
// the type detected from the other rows, or when every column is VARCHAR. Header names that
// are empty become columnN; duplicates get suffixes _1, _2 ... Without header, columns are
// column0, column1, ... (zero-padded to equal width, column00..column10 for 11 columns).
//
// Thread-safety: pure functions (they read the file).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cairn/types.h"
#include "formats/csv_options.h"

namespace cairn {

class FileSystem;  // io/file_system.h

struct CsvSniffResult {
  char delimiter = ',';
  bool header = false;
  /// The header row's texts as written (empty without header); used to check further files.
  std::vector<std::string> header_names;
  /// Final column names and types (options' names and explicit types applied).
  std::vector<std::string> names;
  std::vector<LogicalType> types;
  /// Per column: the strptime-style format (formats/strptime_format.h) its DATE or TIMESTAMP
  /// values are read with; empty = ISO 8601 (common/date_time.h) and for other types. May be
  /// shorter than `types` (missing entries are empty).
  std::vector<std::string> formats;
  /// Rows and bytes the sample covered, for row-count estimates.
  idx_t sampled_rows = 0;
  idx_t sampled_bytes = 0;
  /// True if the sample reached the end of the file (sampled_rows is then exact).
  bool sampled_whole_file = false;
};

/// Sniffs the file at `path`, honoring every option already fixed in `options`. Throws
/// cairn::Exception 58P01 if the file does not exist, 22P02 for malformed CSV in the sample.
CsvSniffResult SniffCsv(FileSystem& file_system, const std::string& path, const CsvOptions& options);
/// Sniffs CSV text held in memory; `name` is used in error messages.
CsvSniffResult SniffCsvText(const std::string& name, const std::string& text, const CsvOptions& options);

/// Candidate bits (sniff order) of CsvSniffCandidates.
namespace csv_candidate {
constexpr uint32_t kBoolean = 1, kBigInt = 2, kDouble = 4, kTime = 8, kDate = 16, kTimestamp = 32,
                   kTimestampTz = 64, kAll = 127;
}
/// The candidate types one non-NULL field satisfies under DuckDB's sniffing rules.
uint32_t CsvSniffCandidates(std::string_view text);
/// The first type, in sniff order, whose bit is in `mask`; VARCHAR if none.
LogicalType CsvSniffedType(uint32_t mask);

}  // namespace cairn
