// CopyTextReader: the lines and fields of a file in PostgreSQL 15's COPY FROM text or csv format
// (PostgreSQL's copyfromparse.c behaviour as its manual, "COPY — File Formats", describes it).
//
// Lines: the first line's end (LF, CR or CRLF) fixes the file's line ending; a different one
// later is 22P04 ("literal carriage return found in data" and the like, "unquoted ..." in csv).
// In text, a backslash protects the next byte (so `\` + LF is data); in csv, line ends inside
// quotes are data. A line `\.` ends the data; what follows is ignored (in text, `\.` and the
// line end after data on a line only end that line, as in PostgreSQL 15). A csv file that ends inside quotes is 22P04
// "unterminated CSV quoted field".
//
// Fields: text splits at the delimiter and then undoes backslash escapes (`\b \f \n \r \t \v`,
// 1 to 3 octal digits, `\x` with 1 or 2 hex digits, `\c` = c for any other byte); a field whose
// raw text equals the NULL string is NULL. csv splits at delimiters outside quotes, removes the
// quotes, and inside quotes turns escape+quote and escape+escape into the second character; an
// unquoted field equal to the NULL string is NULL. Every field must be valid UTF-8 without NUL
// bytes (22021, as PostgreSQL checks text entering a UTF8 database).
//
// Errors carry PostgreSQL's CONTEXT in the message: `(COPY <table>, line <n>: "<line>")`, n
// counting lines as PostgreSQL does (one per record, the header included).
//
// Thread-safety: one reader is used by one thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cairn/types.h"
#include "io/file_system.h"

namespace cairn {

/// SQLSTATE 22P04 bad_copy_file_format: a line with missing or extra fields, a malformed line.
inline constexpr const char* kBadCopyFileFormat = "22P04";

/// The format options of a COPY FROM in text or csv (validated by the planner).
struct CopyTextReaderOptions {
  bool csv = false;
  /// Field separator: TAB in text, ',' in csv.
  char delimiter = '\t';
  /// The NULL marker: `\N` in text, empty in csv.
  std::string null_string = "\\N";
  /// csv only: the quote and escape characters.
  char quote = '"';
  char escape = '"';
  /// The table name shown in error context ("COPY <table>, line 3: ...").
  std::string table_name;
};

class CopyTextReader {
 public:
  /// Reads `file` from its start. Reads happen in blocks of `block_size` bytes.
  CopyTextReader(std::shared_ptr<FileHandle> file, CopyTextReaderOptions options, idx_t block_size = 1 << 20);

  /// Reads and splits the next line. Returns false at the end of the data (end of file or the
  /// `\.` marker). Throws cairn::Exception 22P04 for a malformed line, 22021 for a field that
  /// is not valid UTF-8, 58030 for read errors (from the file system).
  bool NextLine();

  /// The number of the line last read (1-based, one per record).
  idx_t line_number() const { return line_number_; }
  /// The fields of the line last read.
  idx_t field_count() const { return field_count_; }
  const std::string& field(idx_t i) const { return fields_[i]; }
  bool field_is_null(idx_t i) const { return nulls_[i] != 0; }
  /// csv: whether the field had quotes (FORCE_NULL applies to those).
  bool field_quoted(idx_t i) const { return quoted_[i] != 0; }

  /// PostgreSQL's error context for the line last read: `COPY t, line 3: "1,abc"` (the line is
  /// cut to 100 bytes, as PostgreSQL's display of it).
  std::string LineContext() const;
  /// Throws `message` with sqlstate `state` and LineContext() appended.
  [[noreturn]] void Fail(const char* state, const std::string& message) const;

 private:
  enum class LineEnd : uint8_t { kUnknown, kNewline, kCarriageReturn, kCarriageReturnNewline };
  /// The byte `ahead` positions after the read position, or -1 past the end of the file.
  int Peek(idx_t ahead = 0);
  /// Handles the line end `c` (already consumed), checking it matches the file's.
  void EndOfLine(char c);
  bool ReadLine();
  void SplitText();
  void SplitCsv();
  void FinishField(idx_t index, std::string_view raw, bool quoted);
  std::string& StartField();

  std::shared_ptr<FileHandle> file_;
  CopyTextReaderOptions options_;
  idx_t block_size_;
  idx_t file_size_ = 0;
  idx_t file_offset_ = 0;  // file offset of buffer_[0]
  std::string buffer_;
  idx_t position_ = 0;  // read position in buffer_
  bool done_ = false;
  LineEnd line_end_ = LineEnd::kUnknown;
  idx_t line_number_ = 0;
  std::string line_;
  std::vector<std::string> fields_;
  std::vector<uint8_t> nulls_;
  std::vector<uint8_t> quoted_;
  idx_t field_count_ = 0;
};

}  // namespace cairn
