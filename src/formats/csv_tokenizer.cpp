#include "formats/csv_tokenizer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "cairn/exception.h"
#include "common/utf8_text.h"

namespace cairn {

CsvTokenizer::CsvTokenizer(InMemory, std::string path, char delimiter, char quote, char escape)
    : path_(std::move(path)), delimiter_(delimiter), quote_(quote), escape_(escape) {
  std::memset(char_class_, 0, sizeof(char_class_));
  char_class_[static_cast<uint8_t>(delimiter_)] = 1;
  char_class_[static_cast<uint8_t>('\n')] = 1;
  char_class_[static_cast<uint8_t>('\r')] = 1;
}

CsvTokenizer::CsvTokenizer(FileSystem& file_system, const std::string& path, char delimiter, char quote, char escape, idx_t block_size)
    : CsvTokenizer(InMemory{}, path, delimiter, quote, escape) {
  file_ = file_system.OpenForRead(path);
  file_size_ = file_->Size();
  read_end_ = file_size_;
  capacity_ = std::max<idx_t>(block_size, 16);
  eof_ = file_size_ == 0;
}

CsvTokenizer::CsvTokenizer(FileSystem& file_system, const std::string& path, char delimiter, char quote, char escape,
                           idx_t begin, idx_t end, uint64_t first_line, idx_t block_size)
    : CsvTokenizer(file_system, path, delimiter, quote, escape, block_size) {
  read_end_ = std::min(end, file_size_);
  file_offset_ = std::min(begin, read_end_);
  consumed_before_block_ = file_offset_;
  line_ = first_line;
  started_ = begin > 0;  // a byte order mark can only be at the file's start
  eof_ = file_offset_ >= read_end_;
}

std::unique_ptr<CsvTokenizer> CsvTokenizer::FromString(std::string name, std::string text, char delimiter, char quote,
                                                       char escape) {
  std::unique_ptr<CsvTokenizer> t(new CsvTokenizer(InMemory{}, std::move(name), delimiter, quote, escape));
  t->capacity_ = std::max<size_t>(text.size(), 1);
  t->block_ = std::shared_ptr<char[]>(new char[t->capacity_]);
  if (!text.empty()) std::memcpy(t->block_.get(), text.data(), text.size());
  t->end_ = text.size();
  t->eof_ = true;
  return t;
}

CsvTokenizer::~CsvTokenizer() = default;

void CsvTokenizer::ThrowAt(uint64_t line, const std::string& what) const {
  throw Exception(sqlstate::kInvalidTextRepresentation, fmt::format("{}:{}: {}", path_, line, what));
}

void CsvTokenizer::ThrowInvalidText(idx_t offset) const {
  // The line of the offending byte: the row's first line plus the line ends before it.
  const char* b = block_.get();
  uint64_t line = line_;
  for (idx_t i = pos_; i < offset; i++) {
    if (b[i] == '\n' || (b[i] == '\r' && !(i + 1 < end_ && b[i + 1] == '\n'))) line++;
  }
  // The message shows up to four bytes from the offending one, as PostgreSQL does, also when
  // the block ends before them (they are read from the file), so it does not depend on where
  // the blocks fall.
  char bytes[4];
  idx_t available = std::min<idx_t>(4, end_ - offset);
  std::memcpy(bytes, b + offset, available);
  if (available < 4 && file_ && file_offset_ < file_size_) {
    const idx_t more = std::min<idx_t>(4 - available, file_size_ - file_offset_);
    file_->Read(bytes + available, more, file_offset_);
    available += more;
  }
  throw Exception(sqlstate::kCharacterNotInRepertoire,
                  fmt::format("{}:{}: invalid byte sequence for encoding \"UTF8\": {}", path_, line,
                              utf8::DescribeInvalidSequence(bytes, available)));
}

bool CsvTokenizer::Refill() {
  if (eof_) return false;
  idx_t remaining = end_ - pos_;
  idx_t new_capacity = capacity_;
  if (block_ && remaining == capacity_) new_capacity = capacity_ * 2;  // one row fills the block
  if (!block_ || new_capacity != capacity_ || block_.use_count() > 1) {
    std::shared_ptr<char[]> fresh(new char[new_capacity]);
    if (remaining) std::memcpy(fresh.get(), block_.get() + pos_, remaining);
    block_ = std::move(fresh);
    capacity_ = new_capacity;
  } else if (remaining && pos_) {
    std::memmove(block_.get(), block_.get() + pos_, remaining);
  }
  consumed_before_block_ += pos_;
  pos_ = 0;
  end_ = remaining;
  idx_t n = std::min(capacity_ - end_, read_end_ - file_offset_);
  if (n) file_->Read(block_.get() + end_, n, file_offset_);
  file_offset_ += n;
  end_ += n;
  if (file_offset_ >= read_end_) eof_ = true;
  if (!started_) SkipByteOrderMark();
  return true;
}

void CsvTokenizer::SkipByteOrderMark() {
  started_ = true;
  if (end_ - pos_ >= 3 && std::memcmp(block_.get() + pos_, "\xEF\xBB\xBF", 3) == 0) pos_ += 3;
}

void CsvTokenizer::EnsureStarted() {
  if (started_) return;
  if (!eof_) {
    Refill();
  } else if (block_) {
    SkipByteOrderMark();
  }
  started_ = true;
}

bool CsvTokenizer::ParseRow(std::vector<CsvField>& fields, idx_t& row_end, uint64_t& newlines) {
  fields.clear();
  escaped_.clear();
  newlines = 0;
  char* b = block_.get();
  idx_t p = pos_;
  const idx_t e = end_;
  const bool has_quote = quote_ != '\0';
  const bool doubled = escape_ == quote_;
  while (true) {
    if (has_quote && p < e && b[p] == quote_) {
      idx_t start = p + 1;
      idx_t q = start;
      bool esc = false;
      uint64_t inner_newlines = 0;
      while (true) {
        if (q >= e) {
          if (eof_) ThrowAt(line_, "unterminated quoted field");
          return false;
        }
        char c = b[q];
        if (c == quote_) {
          if (doubled) {
            if (q + 1 >= e && !eof_) return false;  // cannot tell "" from a closing quote yet
            if (q + 1 < e && b[q + 1] == quote_) {
              q += 2;
              esc = true;
              continue;
            }
          }
          break;
        }
        if (!doubled && c == escape_ && escape_ != '\0') {
          if (q + 1 >= e) {
            if (eof_) ThrowAt(line_, "unterminated quoted field");
            return false;
          }
          if (b[q + 1] == '\n') inner_newlines++;
          q += 2;
          esc = true;
          continue;
        }
        if (c == '\n') inner_newlines++;
        q++;
      }
      newlines += inner_newlines;
      fields.push_back(CsvField{b + start, static_cast<uint32_t>(q - start), 1});
      escaped_.push_back(esc);
      p = q + 1;
      if (p >= e) {
        if (!eof_) return false;
        row_end = p;
        break;
      }
      char c = b[p];
      if (c == delimiter_) {
        p++;
        continue;
      }
      if (c != '\n' && c != '\r') {
        ThrowAt(line_ + newlines, fmt::format("unexpected character '{}' after closing quote", c));
      }
    } else {
      idx_t start = p;
      while (p < e && !char_class_[static_cast<uint8_t>(b[p])]) p++;
      if (p >= e) {
        if (!eof_) return false;
        fields.push_back(CsvField{b + start, static_cast<uint32_t>(p - start), 0});
        escaped_.push_back(0);
        row_end = p;
        break;
      }
      fields.push_back(CsvField{b + start, static_cast<uint32_t>(p - start), 0});
      escaped_.push_back(0);
      if (b[p] == delimiter_) {
        p++;
        continue;
      }
    }
    // b[p] is '\n' or '\r': the row ends.
    if (b[p] == '\r') {
      if (p + 1 >= e && !eof_) return false;
      p += (p + 1 < e && b[p + 1] == '\n') ? 2 : 1;
    } else {
      p += 1;
    }
    newlines++;
    row_end = p;
    break;
  }
  // The row is complete: check its raw bytes (every field, projected or not, and the
  // terminators), then remove escapes in place (the text only shrinks; removing ASCII escape
  // characters from valid UTF-8 leaves valid UTF-8).
  if (validate_utf8_) {
    const size_t invalid = utf8::FindInvalidText(b + pos_, row_end - pos_);
    if (invalid != row_end - pos_) ThrowInvalidText(pos_ + invalid);
  }
  for (size_t i = 0; i < fields.size(); i++) {
    if (!escaped_[i]) continue;
    char* src = const_cast<char*>(fields[i].data);
    char* end = src + fields[i].size;
    char* out = src;
    while (src < end) {
      if (*src == escape_ && src + 1 < end) {
        *out++ = src[1];
        src += 2;
      } else {
        *out++ = *src++;
      }
    }
    fields[i].size = static_cast<uint32_t>(out - fields[i].data);
  }
  return true;
}

void CsvTokenizer::SkipLines(idx_t lines) {
  EnsureStarted();
  while (lines > 0) {
    if (pos_ >= end_) {
      if (!Refill()) return;
      continue;
    }
    const char* b = block_.get();
    const void* nl = std::memchr(b + pos_, '\n', end_ - pos_);
    if (!nl) {
      pos_ = end_;
      continue;
    }
    pos_ = static_cast<idx_t>(static_cast<const char*>(nl) - b) + 1;
    line_++;
    lines--;
  }
}

bool CsvTokenizer::NextRow(std::vector<CsvField>& fields, uint64_t& line) {
  EnsureStarted();
  while (true) {
    if (pos_ >= end_) {
      if (!Refill()) return false;
      continue;
    }
    idx_t row_end;
    uint64_t newlines;
    if (!ParseRow(fields, row_end, newlines)) {
      Refill();
      continue;
    }
    line = line_;
    pos_ = row_end;
    line_ += newlines;
    if (fields.size() == 1 && fields[0].size == 0 && !fields[0].quoted) continue;  // blank line
    return true;
  }
}

idx_t CsvTokenizer::NextBatch(CsvBatch& batch, idx_t max_rows, idx_t column_count,
                              const std::vector<int>& column_slots) {
  batch.block.reset();
  batch.row_count = 0;
  batch.row_lines.clear();
  int slots = 0;
  for (int s : column_slots) slots = std::max(slots, s + 1);
  batch.fields.resize(slots);
  for (auto& f : batch.fields) f.clear();
  EnsureStarted();
  idx_t count = 0;
  const idx_t slot_count = std::min<idx_t>(column_slots.size(), column_count);
  while (count < max_rows) {
    if (pos_ >= end_) {
      // The batch's fields point into this block: refilling it now would overwrite them.
      if (count > 0) break;
      if (!Refill()) break;
      continue;
    }
    idx_t row_end;
    uint64_t newlines;
    if (!ParseRow(row_, row_end, newlines)) {
      if (count > 0) break;  // keep the rows of this batch valid; refill on the next call
      Refill();
      continue;
    }
    uint64_t line = line_;
    pos_ = row_end;
    line_ += newlines;
    if (row_.size() == 1 && row_[0].size == 0 && !row_[0].quoted && column_count != 1) continue;  // blank line
    if (row_.size() != column_count) {
      ThrowAt(line, fmt::format("expected {} fields but found {}", column_count, row_.size()));
    }
    for (idx_t i = 0; i < slot_count; i++) {
      int slot = column_slots[i];
      if (slot >= 0) batch.fields[slot].push_back(row_[i]);
    }
    batch.row_lines.push_back(line);
    count++;
  }
  batch.row_count = count;
  batch.block = block_;
  return count;
}

}  // namespace cairn
