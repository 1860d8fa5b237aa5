#include "error_report.h"

#include <algorithm>

namespace cairn::shell {

std::string FormatErrorReport(const Exception& error, std::string_view statement) {
  std::string report = "Error: ";
  report.append(error.what());
  if (!error.sqlstate().empty()) {
    report.append(" (SQLSTATE ");
    report.append(error.sqlstate());
    report.push_back(')');
  }
  report.push_back('\n');
  if (!error.detail().empty()) report.append("DETAIL: " + error.detail() + "\n");
  if (!error.hint().empty()) report.append("HINT: " + error.hint() + "\n");
  std::optional<int> position = error.position();
  if (!position || *position < 1 || statement.empty()) return report;

  size_t offset = std::min(static_cast<size_t>(*position - 1), statement.size());
  size_t newline = offset == 0 ? std::string_view::npos : statement.rfind('\n', offset - 1);
  size_t line_start = newline == std::string_view::npos ? 0 : newline + 1;
  size_t line_end = statement.find('\n', line_start);
  if (line_end == std::string_view::npos) line_end = statement.size();
  size_t line_number = 1;
  for (size_t i = 0; i < line_start; ++i) line_number += statement[i] == '\n';

  std::string prefix = "LINE " + std::to_string(line_number) + ": ";
  std::string_view line = statement.substr(line_start, line_end - line_start);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  report.append(prefix);
  report.append(line);
  report.push_back('\n');
  report.append(prefix.size(), ' ');
  // One pad character per code point before the caret; tabs are copied so they line up.
  for (size_t i = line_start; i < offset; ++i) {
    unsigned char c = static_cast<unsigned char>(statement[i]);
    if ((c & 0xC0) == 0x80) continue;
    report.push_back(c == '\t' ? '\t' : ' ');
  }
  report.append("^\n");
  return report;
}

}  // namespace cairn::shell
