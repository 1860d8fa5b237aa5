// CsvWriter: writes DataChunks as delimited text exactly as PostgreSQL 15's COPY ... TO writes
// them (src/backend/commands/copyto.c), in its two text formats:
//   - csv:  fields separated by `delimiter` (','); NULL written as `null_string` ("") unquoted;
//           a value is quoted with `quote` ('"') when it is forced (FORCE_QUOTE), equals the NULL
//           string (so the empty string is written `""`), contains the delimiter, the quote
//           character, CR or LF, or is `\.` as the only column of a row; inside quotes every
//           quote and escape character is preceded by `escape` ('"').
//   - text: fields separated by `delimiter` (TAB); NULL written as `null_string` ("\N"); a
//           backslash, the delimiter and the control characters BS, FF, LF, CR, TAB, VT are
//           escaped with a backslash (\\, \<delimiter>, \b, \f, \n, \r, \t, \v).
// Rows end with LF. With `header`, the first line holds the column names, quoted/escaped like
// values.
//
// Value text is PostgreSQL's output text: the engine's cast to VARCHAR (function/cast.h), except
// BOOLEAN, which COPY writes as PostgreSQL's boolout does: `t` / `f`.
//
// The writer appends to a WritableFile it does not own; it neither syncs nor closes it (the
// caller makes the file durable and puts it in place, see main/copy_to.h).
//
// Errors: cairn::Exception — 58030 from the file when a write fails; cast errors (none are
// expected: every type has a text form). XX000 for misuse (a chunk of other types, Append after
// Finish).
//
// Thread-safety: a writer is used by one thread at a time.
#pragma once

#include <string>
#include <vector>

#include "cairn/data_chunk.h"
#include "cairn/types.h"
#include "io/file_system.h"

namespace cairn {

/// PostgreSQL COPY's text formats.
enum class CsvWriterFormat : uint8_t {
  kCsv,   // FORMAT csv
  kText,  // FORMAT text (PostgreSQL's default)
};

/// The options of PostgreSQL's COPY TO for the csv and text formats. Defaults(format) gives
/// PostgreSQL's defaults; the caller validates user values as PostgreSQL does (single one-byte
/// characters, no CR/LF in the delimiter or NULL string, ...).
struct CsvWriterOptions {
  CsvWriterFormat format = CsvWriterFormat::kCsv;
  /// Field separator: ',' for csv, TAB for text.
  char delimiter = ',';
  /// How NULL is written: "" for csv, "\N" for text.
  std::string null_string;
  /// csv only: the quote character.
  char quote = '"';
  /// csv only: the character written before a quote or escape character inside a quoted value.
  char escape = '"';
  /// Write the column names as the first line.
  bool header = false;
  /// csv only: per column, quote every non-NULL value (FORCE_QUOTE); empty = no column.
  std::vector<bool> force_quote;

  /// PostgreSQL's defaults for `format`.
  static CsvWriterOptions Defaults(CsvWriterFormat format);
};

class CsvWriter {
 public:
  /// Writes to `file` (which must outlive the writer) the columns `names` of `types`.
  /// REQUIRES: options.force_quote is empty or has one entry per column.
  CsvWriter(WritableFile& file, std::vector<std::string> names, std::vector<LogicalType> types, CsvWriterOptions options);

  /// Appends the rows of `chunk` (one vector per column of the constructor's types; any vector
  /// kind). Throws 58030 when the file cannot be written.
  void Append(const DataChunk& chunk);
  /// Writes the header (if not written yet) and every buffered byte to the file. Call once.
  void Finish();

  /// Rows appended so far (the header not counted).
  idx_t rows_written() const { return rows_written_; }

 private:
  /// Appends one value (not NULL) of column `column` to the buffer, quoted/escaped per format.
  void WriteValue(std::string_view value, idx_t column);
  void WriteCsvValue(std::string_view value, bool force_quote);
  void WriteTextValue(std::string_view value);
  void WriteHeader();
  /// Hands the buffer to the file once it holds `threshold` bytes or more.
  void FlushBuffer(idx_t threshold);

  WritableFile& file_;
  std::vector<std::string> names_;
  std::vector<LogicalType> types_;
  CsvWriterOptions options_;
  std::string buffer_;
  idx_t rows_written_ = 0;
  bool header_written_ = false;
  bool finished_ = false;
};

}  // namespace cairn
