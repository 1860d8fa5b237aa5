#include "formats/csv_boundary_finder.h"

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace cairn {
namespace {

/// The number of bytes equal to `byte` in [begin, end). The finder counts every LF of the file,
/// so this runs 16 bytes at a time (SSE2, part of every x86-64) where it can: std::count is a
/// byte-at-a-time loop at -O2 and made the finder cost a third of the scan.
uint64_t CountByte(const char* begin, const char* end, char byte) {
  uint64_t count = 0;
  const char* p = begin;
#if defined(__SSE2__)
  const __m128i target = _mm_set1_epi8(byte);
  while (end - p >= 16) {
    // Each lane counts up to 255 matches (a compare gives -1 per match), then the lanes are
    // summed with SAD against zero.
    __m128i lanes = _mm_setzero_si128();
    const ptrdiff_t blocks = std::min<ptrdiff_t>((end - p) / 16, 255);
    for (ptrdiff_t i = 0; i < blocks; i++, p += 16) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      lanes = _mm_sub_epi8(lanes, _mm_cmpeq_epi8(bytes, target));
    }
    const __m128i sums = _mm_sad_epu8(lanes, _mm_setzero_si128());
    count += static_cast<uint64_t>(_mm_cvtsi128_si64(sums)) +
             static_cast<uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
  }
#endif
  for (; p < end; p++) count += *p == byte;
  return count;
}

}  // namespace

bool CsvBoundaryFinder::SupportsDialect(char delimiter, char quote, char escape) {
  auto terminator = [](char c) { return c == '\n' || c == '\r'; };
  if (delimiter == '\0' || terminator(delimiter) || terminator(quote) || terminator(escape)) return false;
  if (quote != '\0' && delimiter == quote) return false;
  if (escape != '\0' && delimiter == escape) return false;
  return true;
}

CsvBoundaryFinder::CsvBoundaryFinder(FileSystem& file_system, const std::string& path, char delimiter, char quote,
                                     char escape, CsvRowStart data_start, idx_t block_size)
    : delimiter_(delimiter), quote_(quote), escape_(escape), has_quote_(quote != '\0'), doubled_(escape == quote) {
  file_ = file_system.OpenForRead(path);
  file_size_ = file_->Size();
  capacity_ = std::max<idx_t>(block_size, 1);
  buffer_.reset(new char[capacity_]);
  buffer_offset_ = data_start.offset;
  position_ = data_start.offset;
  line_ = data_start.line;
}

CsvBoundaryFinder::CsvBoundaryFinder(std::string text, char delimiter, char quote, char escape, CsvRowStart data_start)
    : delimiter_(delimiter), quote_(quote), escape_(escape), has_quote_(quote != '\0'), doubled_(escape == quote) {
  file_size_ = text.size();
  capacity_ = std::max<idx_t>(text.size(), 1);
  buffer_.reset(new char[capacity_]);
  if (!text.empty()) std::memcpy(buffer_.get(), text.data(), text.size());
  buffer_size_ = text.size();
  position_ = std::min<idx_t>(data_start.offset, file_size_);
  line_ = data_start.line;
}

std::unique_ptr<CsvBoundaryFinder> CsvBoundaryFinder::FromString(std::string text, char delimiter, char quote,
                                                                 char escape, CsvRowStart data_start) {
  return std::unique_ptr<CsvBoundaryFinder>(
      new CsvBoundaryFinder(std::move(text), delimiter, quote, escape, data_start));
}

CsvBoundaryFinder::~CsvBoundaryFinder() = default;

bool CsvBoundaryFinder::Fill() {
  if (position_ >= file_size_) return false;
  if (position_ >= buffer_offset_ && position_ < buffer_offset_ + buffer_size_) return true;
  // Only a file-backed finder gets here: an in-memory text is one buffer.
  const idx_t n = std::min(capacity_, file_size_ - position_);
  file_->Read(buffer_.get(), n, position_);
  buffer_offset_ = position_;
  buffer_size_ = n;
  return true;
}

void CsvBoundaryFinder::Step(char c) {
  position_++;
  switch (state_) {
    case State::kCarriageReturn:
      if (c == '\n') {  // CRLF: one terminator, counted at the CR
        state_ = State::kRowStart;
        return;
      }
      [[fallthrough]];
    case State::kRowStart:
    case State::kFieldStart:
      if (has_quote_ && c == quote_) {
        state_ = State::kQuoted;
        return;
      }
      [[fallthrough]];
    case State::kUnquoted:
      if (c == delimiter_) {
        state_ = State::kFieldStart;
      } else if (c == '\n') {
        line_++;
        state_ = State::kRowStart;
      } else if (c == '\r') {
        line_++;
        state_ = State::kCarriageReturn;
      } else {
        state_ = State::kUnquoted;  // a quote character inside an unquoted field is literal
      }
      return;
    case State::kQuoted:
      if (c == quote_) {
        state_ = doubled_ ? State::kQuotedQuote : State::kClosed;
      } else if (!doubled_ && escape_ != '\0' && c == escape_) {
        state_ = State::kQuotedEscape;
      } else if (c == '\n') {
        line_++;
      }
      return;
    case State::kQuotedEscape:
      if (c == '\n') line_++;
      state_ = State::kQuoted;
      return;
    case State::kQuotedQuote:
      if (c == quote_) {  // "" stands for one quote
        state_ = State::kQuoted;
        return;
      }
      [[fallthrough]];
    case State::kClosed:
      if (c == delimiter_) {
        state_ = State::kFieldStart;
      } else if (c == '\n') {
        line_++;
        state_ = State::kRowStart;
      } else if (c == '\r') {
        line_++;
        state_ = State::kCarriageReturn;
      } else {
        state_ = State::kMalformed;  // the tokenizer rejects text after a closing quote
      }
      return;
    case State::kMalformed:
      return;
  }
}

void CsvBoundaryFinder::AdvanceOutside(const char* begin, const char* end) {
  // No quote character in [begin, end), and the state before it is outside quotes (not after
  // a CR): every LF and CR ends a row, except an LF right after a CR (one CRLF terminator).
  const idx_t length = static_cast<idx_t>(end - begin);
  uint64_t lines = CountByte(begin, end, '\n');
  for (const char* p = begin; p < end;) {
    const void* cr = std::memchr(p, '\r', static_cast<size_t>(end - p));
    if (!cr) break;
    p = static_cast<const char*>(cr) + 1;
    if (p >= end || *p != '\n') lines++;  // a lone CR (or one whose LF, if any, comes later: Step)
  }
  line_ += lines;
  position_ += length;
  const char last = end[-1];
  if (last == delimiter_) {
    state_ = State::kFieldStart;
  } else if (last == '\n') {
    state_ = State::kRowStart;
  } else if (last == '\r') {
    state_ = State::kCarriageReturn;
  } else {
    state_ = State::kUnquoted;
  }
}

void CsvBoundaryFinder::AdvanceQuoted(const char* begin, const char* end) {
  // Inside quotes only the quote (and the escape) character matters; LFs count as lines.
  const char* stop = end;
  if (doubled_ || escape_ == '\0') {
    const void* quote = std::memchr(begin, quote_, static_cast<size_t>(end - begin));
    if (quote) stop = static_cast<const char*>(quote);
  } else {
    stop = begin;
    while (stop < end && *stop != quote_ && *stop != escape_) stop++;
  }
  line_ += CountByte(begin, stop, '\n');
  position_ += static_cast<idx_t>(stop - begin);
  if (stop < end) Step(*stop);
}

void CsvBoundaryFinder::Advance(idx_t limit) {
  limit = std::min(limit, file_size_);
  while (position_ < limit && state_ != State::kMalformed) {
    Fill();
    const char* p = buffer_.get() + (position_ - buffer_offset_);
    const char* end = buffer_.get() + (std::min(limit, buffer_offset_ + buffer_size_) - buffer_offset_);
    switch (state_) {
      case State::kRowStart:
      case State::kFieldStart:
      case State::kUnquoted: {
        // Outside quotes, only a quote character can change how the bytes are read: up to the
        // next one, find the lines and the state in bulk.
        const char* quote =
            has_quote_ ? static_cast<const char*>(std::memchr(p, quote_, static_cast<size_t>(end - p))) : nullptr;
        const char* stop = quote ? quote : end;
        if (stop > p) {
          AdvanceOutside(p, stop);
        } else {
          Step(*p);  // the quote: opens a quoted field at a field start, else literal
        }
        break;
      }
      case State::kQuoted:
        AdvanceQuoted(p, end);
        break;
      default:
        Step(*p);
        break;
    }
  }
}

std::optional<CsvRowStart> CsvBoundaryFinder::RowStartAtOrAfter(idx_t offset) {
  Advance(offset);
  while (state_ != State::kMalformed) {
    if (state_ == State::kRowStart) return CsvRowStart{position_, line_};
    if (!Fill()) {
      // The end of the file: a quoted field still open there is the tokenizer's
      // "unterminated quoted field".
      if (state_ == State::kQuoted || state_ == State::kQuotedEscape) break;
      return CsvRowStart{file_size_, line_};
    }
    const char c = buffer_[position_ - buffer_offset_];
    if (state_ == State::kCarriageReturn && c != '\n') {  // a lone CR ended the row
      state_ = State::kRowStart;
      continue;
    }
    if (state_ == State::kQuoted) {  // no row starts inside quotes: skip to the field's end in bulk
      AdvanceQuoted(buffer_.get() + (position_ - buffer_offset_), buffer_.get() + buffer_size_);
      continue;
    }
    Step(c);
  }
  state_ = State::kMalformed;
  return std::nullopt;
}

}  // namespace cairn
