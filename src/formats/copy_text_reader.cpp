#include "formats/copy_text_reader.h"

#include <algorithm>

#include "cairn/exception.h"
#include "common/utf8_text.h"

namespace cairn {

namespace {

/// PostgreSQL's limit_printout_length: at most 100 bytes (not cutting a UTF-8 character), then "...".
std::string Printable(const std::string& text) {
  constexpr size_t kMaxDisplay = 100;
  if (text.size() <= kMaxDisplay) return text;
  size_t cut = kMaxDisplay;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) cut--;
  return text.substr(0, cut) + "...";
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

bool IsHexDigit(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool IsOctalDigit(char c) { return c >= '0' && c <= '7'; }

}  // namespace

CopyTextReader::CopyTextReader(std::shared_ptr<FileHandle> file, CopyTextReaderOptions options, idx_t block_size)
    : file_(std::move(file)), options_(std::move(options)), block_size_(std::max<idx_t>(block_size, 16)) {
  file_size_ = file_->Size();
}

std::string CopyTextReader::LineContext() const {
  return "COPY " + options_.table_name + ", line " + std::to_string(line_number_) + ": \"" + Printable(line_) + "\"";
}

void CopyTextReader::Fail(const char* state, const std::string& message) const {
  throw Exception(state, message + " (" + LineContext() + ")");
}

int CopyTextReader::Peek(idx_t ahead) {
  if (position_ + ahead >= buffer_.size()) {
    // Drop the consumed bytes, then read blocks until the byte is there or the file ends.
    buffer_.erase(0, position_);
    file_offset_ += position_;
    position_ = 0;
    while (ahead >= buffer_.size()) {
      const idx_t at = file_offset_ + buffer_.size();
      if (at >= file_size_) return -1;
      const idx_t length = std::min<idx_t>(block_size_, file_size_ - at);
      const size_t old_size = buffer_.size();
      buffer_.resize(old_size + length);
      file_->Read(buffer_.data() + old_size, length, at);
    }
  }
  return static_cast<unsigned char>(buffer_[position_ + ahead]);
}

void CopyTextReader::EndOfLine(char c) {
  const bool csv = options_.csv;
  auto carriage_return = [&] {
    throw Exception(kBadCopyFileFormat,
                    std::string(csv ? "unquoted" : "literal") + " carriage return found in data (" + LineContext() + ")",
                    std::nullopt,
                    csv ? "Use quoted CSV field to represent carriage return." : "Use \"\\r\" to represent carriage return.");
  };
  auto newline = [&] {
    throw Exception(kBadCopyFileFormat,
                    std::string(csv ? "unquoted" : "literal") + " newline found in data (" + LineContext() + ")",
                    std::nullopt, csv ? "Use quoted CSV field to represent newline." : "Use \"\\n\" to represent newline.");
  };
  switch (line_end_) {
    case LineEnd::kUnknown:
      if (c == '\r' && Peek() == '\n') {
        position_++;
        line_end_ = LineEnd::kCarriageReturnNewline;
      } else {
        line_end_ = c == '\r' ? LineEnd::kCarriageReturn : LineEnd::kNewline;
      }
      break;
    case LineEnd::kNewline:
      if (c == '\r') carriage_return();
      break;
    case LineEnd::kCarriageReturn:
      if (c == '\n') newline();
      break;
    case LineEnd::kCarriageReturnNewline:
      if (c == '\n') newline();
      if (Peek() != '\n') carriage_return();
      position_++;
      break;
  }
}

bool CopyTextReader::ReadLine() {
  line_.clear();
  if (done_) return false;
  const bool csv = options_.csv;
  const int quote = static_cast<unsigned char>(options_.quote);
  // PostgreSQL ignores the escape here when it is the quote: the quote alone toggles.
  const int escape = options_.escape == options_.quote ? -1 : static_cast<unsigned char>(options_.escape);
  bool in_quote = false;
  bool last_was_escape = false;
  bool first = true;
  bool any = false;
  while (true) {
    if (position_ >= buffer_.size() && Peek() < 0) {
      if (in_quote) Fail(kBadCopyFileFormat, "unterminated CSV quoted field");
      done_ = true;
      return any;
    }
    any = true;
    const char c = buffer_[position_++];
    if (!csv) {
      if (c == '\n' || c == '\r') {
        EndOfLine(c);
        return true;
      }
      if (c == '\\') {
        const int next = Peek();
        if (next < 0) {
          line_ += c;
          continue;
        }
        position_++;
        if (next == '.') {
          // The end-of-data marker: `\.` and the line end.
          const int after = Peek();
          if (after == '\r' || after == '\n') {
            position_++;
            if (after == '\r' && Peek() == '\n') position_++;
          } else if (after >= 0) {
            Fail(kBadCopyFileFormat, "end-of-copy marker corrupt");
          }
          // PostgreSQL 15: at the start of a line the marker ends the data; after data on the
          // line it only ends the line (reading goes on with the next one).
          if (line_.empty()) done_ = true;
          return !line_.empty();
        }
        line_ += c;
        line_ += static_cast<char>(next);
        continue;
      }
      line_ += c;
      continue;
    }
    if (first && c == '\\' && Peek() == '.') {
      const int after = Peek(1);
      if (after < 0 || after == '\n' || after == '\r') {
        position_++;  // the '.'
        if (after >= 0) position_++;
        if (after == '\r' && Peek() == '\n') position_++;
        done_ = true;
        return false;
      }
    }
    first = false;
    if (!in_quote && (c == '\n' || c == '\r')) {
      EndOfLine(c);
      return true;
    }
    // PostgreSQL's CopyReadLineText: the escape counts only inside quotes and right before a
    // quote; with quote == escape the character simply toggles.
    const int byte = static_cast<unsigned char>(c);
    if (in_quote && byte == escape) last_was_escape = !last_was_escape;
    if (byte == quote && !last_was_escape) in_quote = !in_quote;
    if (byte != escape) last_was_escape = false;
    // PostgreSQL counts the line ends inside quotes as lines too.
    if (in_quote && c == (line_end_ == LineEnd::kNewline ? '\n' : '\r')) line_number_++;
    line_ += c;
  }
}

std::string& CopyTextReader::StartField() {
  if (field_count_ == fields_.size()) {
    fields_.emplace_back();
    nulls_.push_back(0);
    quoted_.push_back(0);
  }
  fields_[field_count_].clear();
  return fields_[field_count_];
}

void CopyTextReader::FinishField(idx_t index, std::string_view raw, bool quoted) {
  const bool is_null = !quoted && raw == options_.null_string;
  nulls_[index] = is_null;
  quoted_[index] = quoted;
  if (!is_null) {
    const std::string& value = fields_[index];
    const size_t bad = utf8::FindInvalidText(value.data(), value.size());
    if (bad < value.size()) {
      Fail(sqlstate::kCharacterNotInRepertoire,
           "invalid byte sequence for encoding \"UTF8\": " + utf8::DescribeInvalidSequence(value.data() + bad, value.size() - bad));
    }
  }
  field_count_ = index + 1;
}

void CopyTextReader::SplitText() {
  const char delimiter = options_.delimiter;
  const char* p = line_.data();
  const char* end = p + line_.size();
  idx_t index = 0;
  while (true) {
    std::string& out = StartField();
    const char* raw_start = p;
    while (p < end && *p != delimiter) {
      char c = *p++;
      if (c == '\\') {
        if (p >= end) break;  // a lone backslash at the end of the line is dropped
        c = *p++;
        if (IsOctalDigit(c)) {
          int value = c - '0';
          if (p < end && IsOctalDigit(*p)) {
            value = value * 8 + (*p++ - '0');
            if (p < end && IsOctalDigit(*p)) value = value * 8 + (*p++ - '0');
          }
          c = static_cast<char>(value & 0xFF);
        } else {
          switch (c) {
            case 'x':
              if (p < end && IsHexDigit(*p)) {
                int value = HexValue(*p++);
                if (p < end && IsHexDigit(*p)) value = value * 16 + HexValue(*p++);
                c = static_cast<char>(value);
              }
              break;
            case 'b': c = '\b'; break;
            case 'f': c = '\f'; break;
            case 'n': c = '\n'; break;
            case 'r': c = '\r'; break;
            case 't': c = '\t'; break;
            case 'v': c = '\v'; break;
            default: break;
          }
        }
      }
      out += c;
    }
    FinishField(index++, std::string_view(raw_start, static_cast<size_t>(p - raw_start)), false);
    if (p >= end) break;
    p++;  // the delimiter
  }
}

void CopyTextReader::SplitCsv() {
  const char delimiter = options_.delimiter;
  const char quote = options_.quote;
  const char escape = options_.escape;
  const char* p = line_.data();
  const char* end = p + line_.size();
  idx_t index = 0;
  while (true) {
    std::string& out = StartField();
    const char* raw_start = p;
    const char* raw_end = end;
    bool quoted = false;
    bool found_delimiter = false;
    bool in_quotes = false;
    while (true) {
      if (!in_quotes) {
        if (p >= end) break;
        const char c = *p++;
        if (c == delimiter) {
          found_delimiter = true;
          raw_end = p - 1;
          break;
        }
        if (c == quote) {
          quoted = true;
          in_quotes = true;
          continue;
        }
        out += c;
      } else {
        if (p >= end) Fail(kBadCopyFileFormat, "unterminated CSV quoted field");
        const char c = *p++;
        if (c == escape && p < end && (*p == escape || *p == quote)) {
          out += *p++;
          continue;
        }
        if (c == quote) {
          in_quotes = false;
          continue;
        }
        out += c;
      }
    }
    FinishField(index++, std::string_view(raw_start, static_cast<size_t>(raw_end - raw_start)), quoted);
    if (!found_delimiter) break;
  }
}

bool CopyTextReader::NextLine() {
  line_number_++;
  field_count_ = 0;
  if (!ReadLine()) return false;
  if (options_.csv) {
    SplitCsv();
  } else {
    SplitText();
  }
  return true;
}

}  // namespace cairn
