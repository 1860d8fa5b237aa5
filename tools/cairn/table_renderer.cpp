#include "table_renderer.h"

#include <algorithm>

namespace cairn::shell {
namespace {

constexpr const char* kNull = "NULL";
constexpr const char* kEllipsis = "\xE2\x80\xA6";  // …

std::string Lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

// Byte length of the first `count` code points of `text`.
size_t PrefixBytes(std::string_view text, size_t count) {
  size_t seen = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (seen == count) return i;
      ++seen;
    }
  }
  return text.size();
}

}  // namespace

size_t TableRenderer::DisplayWidth(std::string_view text) {
  size_t width = 0;
  for (char c : text) width += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return width;
}

std::string TableRenderer::Printable(std::string_view text) const {
  std::string result;
  result.reserve(text.size());
  static constexpr char kHex[] = "0123456789abcdef";
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '\n') {
      result.append("\\n");
    } else if (c == '\t') {
      result.append("\\t");
    } else if (c == '\r') {
      result.append("\\r");
    } else if (u < 0x20 || u == 0x7F) {
      result.append("\\x");
      result.push_back(kHex[u >> 4]);
      result.push_back(kHex[u & 15]);
    } else {
      result.push_back(c);
    }
  }
  if (DisplayWidth(result) > kMaxColumnWidth) {
    result.resize(PrefixBytes(result, kMaxColumnWidth - 1));
    result.append(kEllipsis);
  }
  return result;
}

void TableRenderer::Begin(const std::vector<ColumnInfo>& columns) {
  columns_ = columns;
  buffered_.clear();
  widths_.assign(columns.size(), 1);
  widths_fixed_ = false;
  row_count_ = 0;
}

void TableRenderer::Rows(const TextBatch& batch) {
  row_count_ += batch.rows;
  std::vector<std::string> cells(columns_.size());
  std::vector<bool> right(columns_.size());
  for (size_t row = 0; row < batch.rows; ++row) {
    for (size_t column = 0; column < columns_.size() && column < batch.columns.size(); ++column) {
      cells[column] = batch.IsNull(column, row) ? std::string(kNull) : Printable(batch.Cell(column, row));
    }
    if (widths_fixed_) {
      for (size_t column = 0; column < columns_.size(); ++column) {
        right[column] = columns_[column].kind == CellKind::kNumber;
      }
      PrintRow(cells, right);
    } else {
      buffered_.push_back(cells);
      if (buffered_.size() >= kMaxBufferedRows) ComputeWidthsAndPrintBuffered();
    }
  }
  if (widths_fixed_) out_ << std::flush;
}

void TableRenderer::ComputeWidthsAndPrintBuffered() {
  std::vector<std::string> names(columns_.size());
  std::vector<std::string> types(columns_.size());
  for (size_t column = 0; column < columns_.size(); ++column) {
    names[column] = Printable(columns_[column].name);
    types[column] = Printable(Lower(columns_[column].type_name));
    widths_[column] = std::max({widths_[column], DisplayWidth(names[column]), DisplayWidth(types[column])});
  }
  for (const std::vector<std::string>& row : buffered_) {
    for (size_t column = 0; column < columns_.size(); ++column) {
      widths_[column] = std::max(widths_[column], DisplayWidth(row[column]));
    }
  }
  widths_fixed_ = true;

  PrintRule("\xE2\x94\x8C", "\xE2\x94\xAC", "\xE2\x94\x90");  // ┌ ┬ ┐
  // Centred header lines.
  for (const std::vector<std::string>* header : {&names, &types}) {
    line_ = "\xE2\x94\x82";  // │
    for (size_t column = 0; column < columns_.size(); ++column) {
      const std::string& text = (*header)[column];
      size_t pad = widths_[column] - DisplayWidth(text);
      line_.push_back(' ');
      line_.append(pad / 2, ' ');
      line_.append(text);
      line_.append(pad - pad / 2, ' ');
      line_.append(" \xE2\x94\x82");
    }
    line_.push_back('\n');
    out_ << line_;
  }
  PrintRule("\xE2\x94\x9C", "\xE2\x94\xBC", "\xE2\x94\xA4");  // ├ ┼ ┤
  std::vector<bool> right(columns_.size());
  for (size_t column = 0; column < columns_.size(); ++column) right[column] = columns_[column].kind == CellKind::kNumber;
  for (const std::vector<std::string>& row : buffered_) PrintRow(row, right);
  buffered_.clear();
  buffered_.shrink_to_fit();
}

void TableRenderer::AppendAligned(std::string& line, const std::string& text, size_t width, bool right) {
  size_t text_width = DisplayWidth(text);
  if (text_width > width) {
    line.append(text, 0, PrefixBytes(text, width - 1));
    line.append(kEllipsis);
    return;
  }
  if (right) line.append(width - text_width, ' ');
  line.append(text);
  if (!right) line.append(width - text_width, ' ');
}

void TableRenderer::PrintRow(const std::vector<std::string>& cells, const std::vector<bool>& right_align) {
  line_ = "\xE2\x94\x82";
  for (size_t column = 0; column < columns_.size(); ++column) {
    line_.push_back(' ');
    AppendAligned(line_, cells[column], widths_[column], right_align[column]);
    line_.append(" \xE2\x94\x82");
  }
  line_.push_back('\n');
  out_ << line_;
}

void TableRenderer::PrintRule(const char* left, const char* middle, const char* right) {
  line_ = left;
  for (size_t column = 0; column < columns_.size(); ++column) {
    if (column) line_.append(middle);
    for (size_t i = 0; i < widths_[column] + 2; ++i) line_.append("\xE2\x94\x80");  // ─
  }
  line_.append(right);
  line_.push_back('\n');
  out_ << line_;
}

void TableRenderer::End() {
  if (!widths_fixed_) ComputeWidthsAndPrintBuffered();
  PrintRule("\xE2\x94\x94", "\xE2\x94\xB4", "\xE2\x94\x98");  // └ ┴ ┘
  out_ << '(' << row_count_ << (row_count_ == 1 ? " row)\n" : " rows)\n") << std::flush;
}

void TableRenderer::Command(const std::string& tag) { out_ << tag << '\n' << std::flush; }

}  // namespace cairn::shell
