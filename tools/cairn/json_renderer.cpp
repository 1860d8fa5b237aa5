#include "json_renderer.h"

#include <nlohmann/json.hpp>

namespace cairn::shell {

void JsonRenderer::AppendString(std::string& out, std::string_view text) {
  // nlohmann's serializer escapes per RFC 8259 section 7 (quote, backslash, \b \f \n \r \t,
  // other control characters as \u00XX), keeps valid UTF-8 as it is (ensure_ascii = false) and
  // replaces each invalid UTF-8 sequence with U+FFFD, so the output is always valid JSON.
  out += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
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
