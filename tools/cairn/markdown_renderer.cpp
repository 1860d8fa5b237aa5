#include "markdown_renderer.h"

namespace cairn::shell {

void MarkdownRenderer::AppendCell(std::string& out, std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '|') {
      out.append("\\|");
    } else if (c == '\\') {
      out.append("\\\\");
    } else if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out.append("<br>");
    } else if (c == '\n') {
      out.append("<br>");
    } else {
      out.push_back(c);
    }
  }
}

void MarkdownRenderer::Begin(const std::vector<ColumnInfo>& columns) {
  buffer_ = "|";
  for (const ColumnInfo& column : columns) {
    buffer_.push_back(' ');
    AppendCell(buffer_, column.name);
    buffer_.append(" |");
  }
  buffer_.append("\n|");
  for (const ColumnInfo& column : columns) {
    buffer_.append(column.kind == CellKind::kNumber ? "---:|" : "---|");
  }
  buffer_.push_back('\n');
  out_ << buffer_;
}

void MarkdownRenderer::Rows(const TextBatch& batch) {
  buffer_.clear();
  for (size_t row = 0; row < batch.rows; ++row) {
    buffer_.push_back('|');
    for (size_t column = 0; column < batch.columns.size(); ++column) {
      buffer_.push_back(' ');
      if (batch.IsNull(column, row)) {
        buffer_.append("NULL");
      } else {
        AppendCell(buffer_, batch.Cell(column, row));
      }
      buffer_.append(" |");
    }
    buffer_.push_back('\n');
  }
  out_ << buffer_;
}

void MarkdownRenderer::End() { out_.flush(); }

}  // namespace cairn::shell
