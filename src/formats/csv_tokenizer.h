// CsvTokenizer: splits CSV text into rows and fields (RFC 4180), streaming a file in blocks.
//
// Grammar (RFC 4180 plus the usual relaxations): fields are separated by the delimiter; rows
// end at LF, CRLF or a lone CR, or at the end of the file. A field starting with the quote
// character is quoted: it may contain delimiters, newlines and escaped quotes (the escape
// character followed by any character stands for that character; with escape == quote this is
// RFC 4180's doubled quote). A quote character inside an unquoted field is literal. A UTF-8
// byte order mark at the start is skipped. Blank lines are skipped when rows have more than
// one column (in a one-column file a blank line is a NULL value).
//
// Memory: the file is read in blocks (1 MiB by default) into a reference-counted buffer; fields
// point into it and stay valid until the next call (and as long as the caller holds the
// block's shared_ptr, which string vectors keep alive so long strings are not copied). A block
// that is still referenced is never overwritten: a new block is allocated instead. The buffer
// grows only if one row is larger than a block.
//
// Encoding: every row's raw bytes (all of its fields, whether or not the caller keeps them, and
// its quotes and terminators) must be UTF-8 text as PostgreSQL's COPY FROM accepts it
// (common/utf8_text.h: well-formed, no NUL byte), so invalid text can never reach a result.
// Lines skipped with SkipLines are not checked. The check runs on each complete row while it is
// in cache, with an ASCII fast path of eight bytes at a time.
//
// Errors: cairn::Exception 22P02 "path:LINE: ..." for an unterminated quoted field or text
// after a closing quote; 22021 "path:LINE: invalid byte sequence for encoding "UTF8": 0xc3 0x28"
// (PostgreSQL's message, LINE being the line of the offending byte) for invalid text; I/O
// errors from FileHandle propagate.
//
// Thread-safety: one tokenizer per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cairn/types.h"
#include "io/file_system.h"

namespace cairn {

/// One field: bytes (escapes already removed) and whether it was quoted.
struct CsvField {
  const char* data;
  uint32_t size;
  uint32_t quoted;  // 1 if the field was quoted (never a NULL then)
  std::string_view view() const { return {data, size}; }
};

/// Rows tokenized in one NextBatch call, column-major for the columns asked for.
struct CsvBatch {
  idx_t row_count = 0;
  /// 1-based line number where each row starts.
  std::vector<uint64_t> row_lines;
  /// fields[slot][row] for every output slot of NextBatch's `column_slots`.
  std::vector<std::vector<CsvField>> fields;
  /// The buffer the fields point into (hold it to keep them valid).
  std::shared_ptr<char[]> block;
};

class CsvTokenizer {
 public:
  /// Streams the file at `path`, opened through `file_system`.
  CsvTokenizer(FileSystem& file_system, const std::string& path, char delimiter, char quote, char escape, idx_t block_size = 1 << 20);
  /// Streams bytes [begin, end) of the file at `path` (`end` is clamped to the file's size), as
  /// if they were the whole file: for one byte range of a parallel scan (csv_boundary_finder.h).
  /// REQUIRES: `begin` is 0 or a row start (the tokenizer's grammar: the byte after a row
  /// terminator outside quotes), and `first_line` is that row's 1-based line, so that rows and
  /// error messages carry the same line numbers as a read of the whole file. A byte order mark
  /// is looked for only when `begin` is 0. Error messages quote bytes past `end` (up to four,
  /// from the file) as a whole-file read does.
  CsvTokenizer(FileSystem& file_system, const std::string& path, char delimiter, char quote, char escape, idx_t begin,
               idx_t end, uint64_t first_line, idx_t block_size = 1 << 20);
  /// Tokenizes `text` held in memory (`name` is used in error messages).
  static std::unique_ptr<CsvTokenizer> FromString(std::string name, std::string text, char delimiter, char quote,
                                                  char escape);
  ~CsvTokenizer();

  /// Skips `lines` physical lines (newlines inside quotes are not special here).
  void SkipLines(idx_t lines);
  /// Reads the next row into `fields` (any number of fields). Returns false at end of file.
  /// `line` receives the row's 1-based starting line. Fields are valid until the next call.
  bool NextRow(std::vector<CsvField>& fields, uint64_t& line);
  /// Reads up to `max_rows` rows of exactly `column_count` fields; field i of a row goes to
  /// batch.fields[column_slots[i]] (slot -1 = dropped). Throws 22P02 naming the line when a row
  /// has another number of fields. Returns the number of rows read (0 at end of file).
  idx_t NextBatch(CsvBatch& batch, idx_t max_rows, idx_t column_count, const std::vector<int>& column_slots);

  /// Turns the UTF-8 text check off (on by default). Only for guessing a dialect, where the
  /// rows are counted, not returned; the reading pass checks them.
  void set_validate_utf8(bool validate) { validate_utf8_ = validate; }

  /// Bytes consumed so far (rows returned, including their terminators), counted from the
  /// file's start: the file offset of the next row.
  idx_t bytes_consumed() const { return consumed_before_block_ + static_cast<idx_t>(pos_); }
  /// The 1-based line on which the next row starts (or would start).
  uint64_t line() const { return line_; }
  const std::string& path() const { return path_; }

 private:
  struct InMemory {};
  CsvTokenizer(InMemory, std::string path, char delimiter, char quote, char escape);
  /// Parses one row starting at pos_. Returns false if the row is incomplete (more data needed).
  bool ParseRow(std::vector<CsvField>& fields, idx_t& row_end, uint64_t& newlines);
  /// Makes room and reads more data; returns false if there is no more data.
  bool Refill();
  void EnsureStarted();
  void SkipByteOrderMark();
  void ThrowAt(uint64_t line, const std::string& what) const;
  /// Throws 22021 for the invalid sequence at block offset `offset` within the row at pos_.
  [[noreturn]] void ThrowInvalidText(idx_t offset) const;

  std::string path_;
  char delimiter_, quote_, escape_;
  std::unique_ptr<FileHandle> file_;
  idx_t file_size_ = 0;
  idx_t read_end_ = 0;     // end of the bytes tokenized (the file's size unless a byte range)
  idx_t file_offset_ = 0;  // next byte of the file to read
  std::shared_ptr<char[]> block_;
  idx_t capacity_ = 0;
  idx_t pos_ = 0;  // parse position in block_
  idx_t end_ = 0;  // end of valid data in block_
  idx_t consumed_before_block_ = 0;
  bool eof_ = false;  // every byte of the file is in the block
  bool started_ = false;
  bool validate_utf8_ = true;
  uint64_t line_ = 1;
  std::vector<CsvField> row_;
  std::vector<uint8_t> escaped_;  // per field of the current row: has escapes to remove
  uint8_t char_class_[256];
};

}  // namespace cairn
