// CsvBoundaryFinder: finds where rows start in a CSV file, so that one large file can be cut
// into byte ranges that different threads read (CsvSource's parallel scan).
//
// A row start is the byte after a row terminator (LF, CRLF or a lone CR) outside quotes —
// exactly where CsvTokenizer's grammar (csv_tokenizer.h) begins a row. Whether a newline is
// inside a quoted field depends on everything before it, so the finder does not guess: it
// runs the tokenizer's grammar as a state machine from a known row start (the first data row)
// through every byte up to the boundary asked for, in one forward pass over the file. Most of
// that pass is memchr for the quote character and a count of newlines, so it runs at memory
// speed, far ahead of the tokenizer, and its states match the tokenizer's one for one
// (field start, unquoted, quoted, quote inside quotes, escape, after a closing quote, after a
// CR). Rows and line numbers of a range therefore equal those of a sequential read.
// (DuckDB instead picks a candidate newline after the boundary and checks that the rows
// parsed from it have the sniffed column count; a quoted field holding CSV text can fool that.)
//
// The finder also counts lines as the tokenizer does (every LF, plus every CR that ends a
// row), so each range starts with its true line number and error messages name the same
// "file:LINE" as a sequential read.
//
// Where the grammar does not hold — text after a closing quote, a quoted field still open at
// the end of the file — the finder stops (RowStartAtOrAfter returns nullopt): the caller reads
// the rest of the file as one range, whose tokenizer reports the error with its line.
//
// Thread-safety: one finder per thread (CsvSource's scan calls it under its lock).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "cairn/types.h"
#include "io/file_system.h"

namespace cairn {

/// A row start: the file offset of its first byte and its 1-based line number.
struct CsvRowStart {
  idx_t offset = 0;
  uint64_t line = 1;
  bool operator==(const CsvRowStart&) const = default;
};

class CsvBoundaryFinder {
 public:
  /// Whether the finder can follow the dialect: the delimiter, quote and escape characters are
  /// not line terminators and the delimiter is neither the quote nor the escape character.
  /// (Others are read sequentially.)
  static bool SupportsDialect(char delimiter, char quote, char escape);

  /// Follows the file at `path` (opened through `file_system`, which must outlive the finder)
  /// from `data_start`, which must be a row start outside quotes (e.g. the first row after the
  /// header, CsvTokenizer::bytes_consumed() and line()). REQUIRES SupportsDialect. Reads the
  /// file in blocks of `block_size` bytes. Throws 58P01/58030 from the file system.
  CsvBoundaryFinder(FileSystem& file_system, const std::string& path, char delimiter, char quote, char escape,
                    CsvRowStart data_start, idx_t block_size = 1 << 20);
  /// Follows `text` held in memory (for tests), from `data_start`.
  static std::unique_ptr<CsvBoundaryFinder> FromString(std::string text, char delimiter, char quote, char escape,
                                                       CsvRowStart data_start = {});
  ~CsvBoundaryFinder();

  /// The first row start at or after file offset `offset`; the file's size (and the line after
  /// the last) when no row starts between `offset` and the end of the file. nullopt when the
  /// text up to that row start does not follow the grammar (see above); every later call then
  /// returns nullopt too. REQUIRES: `offset` is not less than the previous call's (the finder
  /// only moves forward).
  std::optional<CsvRowStart> RowStartAtOrAfter(idx_t offset);

  /// The file's size in bytes.
  idx_t file_size() const { return file_size_; }

 private:
  enum class State : uint8_t {
    kRowStart,        // at the first byte of a row
    kFieldStart,      // at the first byte of a field after a delimiter
    kUnquoted,        // inside an unquoted field
    kQuoted,          // inside a quoted field
    kQuotedQuote,     // a quote inside a quoted field (RFC 4180): closes it, or "" escapes one
    kQuotedEscape,    // the escape character inside a quoted field: the next byte is literal
    kClosed,          // after a closing quote: a delimiter or a terminator must follow
    kCarriageReturn,  // after a CR ending a row: an LF right after it belongs to it
    kMalformed,       // the text broke the grammar: boundaries are unknown from here on
  };
  CsvBoundaryFinder(std::string text, char delimiter, char quote, char escape, CsvRowStart data_start);

  /// Makes [position_, ...) available in the buffer; false at the end of the file.
  bool Fill();
  /// Follows the bytes from position_ up to (not including) `limit`, a file offset.
  void Advance(idx_t limit);
  /// Follows one byte (the one at position_).
  void Step(char c);
  /// Follows the outside-quotes bytes [begin, end) of the buffer, which hold no quote
  /// character, in bulk: lines and the state after them.
  void AdvanceOutside(const char* begin, const char* end);
  /// Follows the quoted-field bytes [begin, end) of the buffer up to and including the first
  /// quote (or escape) character, in bulk.
  void AdvanceQuoted(const char* begin, const char* end);

  std::unique_ptr<FileHandle> file_;
  idx_t file_size_ = 0;
  char delimiter_, quote_, escape_;
  bool has_quote_, doubled_;
  std::unique_ptr<char[]> buffer_;
  idx_t capacity_ = 0;
  idx_t buffer_offset_ = 0;  // file offset of buffer_[0]
  idx_t buffer_size_ = 0;    // valid bytes in buffer_
  idx_t position_ = 0;       // file offset of the next byte to follow
  uint64_t line_ = 1;        // line of the byte at position_ (as the tokenizer counts)
  State state_ = State::kRowStart;
};

}  // namespace cairn
