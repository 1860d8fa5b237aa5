// TableRenderer: an aligned box (DuckDB/psql-like) with a header of column names and
// lower-case type names, one line per row, and a `(N rows)` footer:
//
//   ┌───────┬─────────┐
//   │   a   │    b    │
//   │ int64 │ varchar │
//   ├───────┼─────────┤
//   │     1 │ x       │
//   │  NULL │ NULL    │
//   └───────┴─────────┘
//   (2 rows)
//
// Numbers are right-aligned, other cells left-aligned, names centred. Widths are measured in
// UTF-8 code points. Control characters are shown escaped (\n, \t, \r, \xNN) so a cell never
// breaks the box. A cell wider than kMaxColumnWidth is cut and ends with "…".
//
// Streaming: the first kMaxBufferedRows rows are buffered to compute column widths; later rows
// are printed as they arrive with those widths (wider cells are cut with "…"), so memory
// stays bounded for any result size. A statement without columns prints its command tag.
//
// Thread-safety: used by one thread.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "result_renderer.h"

namespace cairn::shell {

class TableRenderer final : public ResultRenderer {
 public:
  static constexpr size_t kMaxBufferedRows = 10000;
  static constexpr size_t kMaxColumnWidth = 80;

  explicit TableRenderer(std::ostream& out) : out_(out) {}
  void Begin(const std::vector<ColumnInfo>& columns) override;
  void Rows(const TextBatch& batch) override;
  void End() override;
  void Command(const std::string& tag) override;

  /// Number of UTF-8 code points in `text` (continuation bytes are not counted).
  static size_t DisplayWidth(std::string_view text);

 private:
  // A cell made printable: control characters escaped, cut to kMaxColumnWidth.
  std::string Printable(std::string_view text) const;
  void ComputeWidthsAndPrintBuffered();
  void PrintRow(const std::vector<std::string>& cells, const std::vector<bool>& right_align);
  void PrintRule(const char* left, const char* middle, const char* right);
  // Pads or cuts `text` to exactly `width` code points.
  void AppendAligned(std::string& line, const std::string& text, size_t width, bool right);

  std::ostream& out_;
  std::vector<ColumnInfo> columns_;
  std::vector<std::vector<std::string>> buffered_;  // printable cells of buffered rows
  std::vector<size_t> widths_;
  bool widths_fixed_ = false;
  size_t row_count_ = 0;
  std::string line_;
};

}  // namespace cairn::shell
