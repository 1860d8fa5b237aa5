#include "csv_renderer.h"

namespace cairn::shell {

void CsvRenderer::AppendField(std::string& line, std::string_view field) {
  bool quote = field.empty() || field.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quote) {
    line.append(field);
    return;
  }
  line.push_back('"');
  for (char c : field) {
    if (c == '"') line.push_back('"');
    line.push_back(c);
  }
  line.push_back('"');
}

void CsvRenderer::Begin(const std::vector<ColumnInfo>& columns) {
  line_.clear();
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i) line_.push_back(',');
    AppendField(line_, columns[i].name);
  }
  line_.push_back('\n');
  out_ << line_;
}

void CsvRenderer::Rows(const TextBatch& batch) {
  line_.clear();
  for (size_t row = 0; row < batch.rows; ++row) {
    for (size_t column = 0; column < batch.columns.size(); ++column) {
      if (column) line_.push_back(',');
      if (!batch.IsNull(column, row)) AppendField(line_, batch.Cell(column, row));
    }
    line_.push_back('\n');
  }
  out_ << line_;
}

void CsvRenderer::End() { out_.flush(); }

}  // namespace cairn::shell
