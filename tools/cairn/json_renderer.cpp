#include "json_renderer.h"

namespace cairn::shell {
namespace {

// Length of the valid UTF-8 sequence starting at text[i], or 0 if it is invalid (RFC 3629).
size_t Utf8SequenceLength(std::string_view text, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char lead = byte(i);
  size_t length;
  uint32_t min_code;
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) {
    length = 2;
    min_code = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    min_code = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    min_code = 0x10000;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  uint32_t code = lead & (0x7F >> length);
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(i + k) & 0x3F);
  }
  if (code < min_code || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return length;
}

}  // namespace

void JsonRenderer::AppendString(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      size_t length = Utf8SequenceLength(text, i);
      if (length == 0) {
        out.append("\\ufffd");
        ++i;
      } else {
        out.append(text.substr(i, length));
        i += length;
      }
      continue;
    }
    switch (c) {
      case '"': out.append("\\\""); break;
      case '\\': out.append("\\\\"); break;
      case '\b': out.append("\\b"); break;
      case '\f': out.append("\\f"); break;
      case '\n': out.append("\\n"); break;
      case '\r': out.append("\\r"); break;
      case '\t': out.append("\\t"); break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out.append("\\u00");
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 15]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
    ++i;
  }
  out.push_back('"');
}

bool JsonRenderer::IsJsonNumber(std::string_view text) {
  size_t i = 0;
  auto digit = [&](size_t k) { return k < text.size() && text[k] >= '0' && text[k] <= '9'; };
  if (i < text.size() && text[i] == '-') ++i;
  if (!digit(i)) return false;
  if (text[i] == '0') {
    ++i;
  } else {
    while (digit(i)) ++i;
  }
  if (i < text.size() && text[i] == '.') {
    ++i;
    if (!digit(i)) return false;
    while (digit(i)) ++i;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (!digit(i)) return false;
    while (digit(i)) ++i;
  }
  return i == text.size();
}

void JsonRenderer::Begin(const std::vector<ColumnInfo>& columns) {
  columns_ = columns;
  keys_.clear();
  for (const ColumnInfo& column : columns) {
    std::string key;
    AppendString(key, column.name);
    key.push_back(':');
    keys_.push_back(std::move(key));
  }
  first_row_ = true;
  out_ << '[';
}

void JsonRenderer::Rows(const TextBatch& batch) {
  buffer_.clear();
  for (size_t row = 0; row < batch.rows; ++row) {
    buffer_.append(first_row_ ? "{" : ",\n{");
    first_row_ = false;
    for (size_t column = 0; column < batch.columns.size(); ++column) {
      if (column) buffer_.push_back(',');
      buffer_.append(keys_[column]);
      if (batch.IsNull(column, row)) {
        buffer_.append("null");
        continue;
      }
      const std::string& cell = batch.Cell(column, row);
      CellKind kind = column < columns_.size() ? columns_[column].kind : CellKind::kText;
      if ((kind == CellKind::kNumber && IsJsonNumber(cell)) ||
          (kind == CellKind::kBoolean && (cell == "true" || cell == "false"))) {
        buffer_.append(cell);
      } else {
        AppendString(buffer_, cell);
      }
    }
    buffer_.push_back('}');
  }
  out_ << buffer_;
}

void JsonRenderer::End() {
  out_ << "]\n";
  out_.flush();
}

}  // namespace cairn::shell
