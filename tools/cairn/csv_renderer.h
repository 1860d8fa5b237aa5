// CsvRenderer: RFC 4180 output — a header line of column names, then one line per row.
// A field is quoted when it contains the delimiter, a double quote, CR or LF, or is an empty
// string (so '' and NULL differ); quotes inside are doubled. NULL is an empty, unquoted field.
// Lines end with LF (not CRLF), as Unix tools expect.
//
// Thread-safety: used by one thread.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "result_renderer.h"

namespace cairn::shell {

class CsvRenderer final : public ResultRenderer {
 public:
  explicit CsvRenderer(std::ostream& out) : out_(out) {}
  void Begin(const std::vector<ColumnInfo>& columns) override;
  void Rows(const TextBatch& batch) override;
  void End() override;
  void Command(const std::string& tag) override {}

  /// Appends `field` to `line`, quoted if RFC 4180 requires it (or if it is empty).
  static void AppendField(std::string& line, std::string_view field);

 private:
  std::ostream& out_;
  std::string line_;
};

}  // namespace cairn::shell
