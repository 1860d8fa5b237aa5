// JsonRenderer: the result as one JSON array (RFC 8259) of objects keyed by column name, one
// object per line: `[{"a":1,"b":"x"},\n{"a":2,"b":null}]`. Numbers (integers, decimals,
// doubles) are unquoted unless their text is not a JSON number (NaN, Infinity: then a string);
// booleans are true/false; NULL is null; everything else is a string. Strings (and keys) are
// serialized by nlohmann json: escaped per RFC 8259 section 7, valid UTF-8 kept as is, invalid
// UTF-8 replaced by U+FFFD, so the output is always valid JSON.
//
// Thread-safety: used by one thread.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "result_renderer.h"

namespace cairn::shell {

class JsonRenderer final : public ResultRenderer {
 public:
  explicit JsonRenderer(std::ostream& out) : out_(out) {}
  void Begin(const std::vector<ColumnInfo>& columns) override;
  void Rows(const TextBatch& batch) override;
  void End() override;
  void Command(const std::string& tag) override {}

  /// Appends `text` as a quoted, escaped JSON string.
  static void AppendString(std::string& out, std::string_view text);
  /// True if `text` is a JSON number (RFC 8259 section 6 grammar).
  static bool IsJsonNumber(std::string_view text);

 private:
  std::ostream& out_;
  std::vector<ColumnInfo> columns_;
  std::vector<std::string> keys_;  // `"name":` per column, escaped once
  bool first_row_ = true;
  std::string buffer_;
};

}  // namespace cairn::shell
