// CsvReader: reads one CSV file into DataChunks of typed Vectors, streaming it block by block
// (CsvTokenizer) and converting each requested column with Cairn's own parsers: booleans and
// integers by hand, floating point with fast_float, dates and timestamps with the column's
// strptime format from the schema (formats/strptime_format.h, compiled once per reader) or, without
// one, ISO 8601 (common/date_time.h); other declared types (DECIMAL, INTERVAL, UUID, HUGEINT) go through the
// SQL cast (function/cast.h). Long VARCHAR values point into the tokenizer's buffer, which
// the vector's heap keeps alive (no copy).
//
// Errors: a field that does not parse as its column's type throws cairn::Exception 22P02
// "path:LINE: could not convert \"abc\" to INTEGER in column \"x\"" (with " using format \"%d/%m/%Y\""
// when the column has a format); a row with a wrong number
// of fields throws 22P02 naming the line; a header that differs from the first file's
// (multi-file tables) throws 22P02 naming both files.
//
// A reader may read one byte range of the file (CsvByteRange, from CsvSource's parallel scan):
// then only the rows starting in that range, with their true line numbers.
//
// Thread-safety: one reader per thread.
#pragma once

#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "cairn/data_chunk.h"
#include "formats/csv_options.h"
#include "formats/csv_sniffer.h"
#include "formats/csv_tokenizer.h"
#include "formats/strptime_format.h"

namespace cairn {

/// The rows of a file that start in the byte range [begin, end).
struct CsvByteRange {
  /// 0: the file's start, where the byte order mark, the skipped lines and the header are read
  /// (only by the range that starts there). Otherwise a row start (CsvBoundaryFinder).
  idx_t begin = 0;
  /// A row start, or the file's size (or more: the whole file).
  idx_t end = std::numeric_limits<idx_t>::max();
  /// The 1-based line of the row at `begin` (unused when `begin` is 0).
  uint64_t first_line = 1;
};

class CsvReader {
 public:
  /// Opens `path` (through `file_system`), whose layout is `schema` (from sniffing this or a sibling file), to produce
  /// the file columns `column_ids` (indexes into schema.names) in that order. `first_file` names
  /// the file the schema came from, for error messages. Reads the rows of `range` (default: the
  /// whole file).
  CsvReader(FileSystem& file_system, std::string path, const CsvOptions& options, const CsvSniffResult& schema, std::vector<idx_t> column_ids,
            const std::string& first_file = "", const CsvByteRange& range = {});
  ~CsvReader();

  /// Fills `out` (one vector per column id) with up to kStandardVectorSize rows. Returns false
  /// with out.size() == 0 at end of file.
  bool Next(DataChunk& out);

 private:
  void ConvertColumn(idx_t output, Vector& target);
  [[noreturn]] void ThrowConversion(idx_t column, idx_t row, const std::string& text) const;

  std::string path_;
  CsvOptions options_;
  CsvSniffResult schema_;
  std::vector<idx_t> column_ids_;
  std::vector<int> slots_;        // per file column: slot in the batch, or -1
  std::vector<int> output_slot_;  // per output column: its slot
  std::vector<StrpTimeFormat> formats_;  // per file column: its DATE/TIMESTAMP format (empty: ISO)
  bool default_nulls_ = true;     // null_strings == {""}
  std::unique_ptr<CsvTokenizer> tokenizer_;
  CsvBatch batch_;
};

}  // namespace cairn
