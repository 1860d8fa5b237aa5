// MarkdownRenderer: a GitHub-flavoured Markdown table (GFM spec, "Tables (extension)").
// Numeric columns are right-aligned (`---:`). In cells `|` is escaped as `\|`, a backslash is
// doubled and line breaks become `<br>`; NULL is shown as NULL. Rows are streamed without
// padding (Markdown does not need aligned source).
//
// Thread-safety: used by one thread.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "result_renderer.h"

namespace cairn::shell {

class MarkdownRenderer final : public ResultRenderer {
 public:
  explicit MarkdownRenderer(std::ostream& out) : out_(out) {}
  void Begin(const std::vector<ColumnInfo>& columns) override;
  void Rows(const TextBatch& batch) override;
  void End() override;
  void Command(const std::string& tag) override {}

  /// Appends `text` escaped for a table cell.
  static void AppendCell(std::string& out, std::string_view text);

 private:
  std::ostream& out_;
  std::string buffer_;
};

}  // namespace cairn::shell
