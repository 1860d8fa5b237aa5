// TextBatch: result rows turned into text cells, column by column — what every output format
// renders. Cell text is Value::ToString()'s (DuckDB's text forms); integer and VARCHAR columns
// take a fast path that reads the vectors directly (no Value per cell).
//
// Thread-safety: plain data; FormatChunk writes only its output argument.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cairn/data_chunk.h"
#include "cairn/types.h"

namespace cairn::shell {

/// How a column's cells are rendered: numbers right-aligned and unquoted in JSON, booleans as
/// JSON true/false, everything else as text.
enum class CellKind : uint8_t { kNumber, kBoolean, kText };

struct ColumnInfo {
  std::string name;
  /// The SQL type name as LogicalType::ToString prints it ("INTEGER", "DECIMAL(18,3)").
  std::string type_name;
  CellKind kind = CellKind::kText;
};

struct TextColumn {
  std::vector<std::string> cells;  // "" for NULL cells
  std::vector<uint8_t> nulls;      // 1 = NULL
};

/// `rows` rows of text, stored per column. Reused across chunks (strings keep their capacity).
struct TextBatch {
  size_t rows = 0;
  std::vector<TextColumn> columns;

  bool IsNull(size_t column, size_t row) const { return columns[column].nulls[row] != 0; }
  const std::string& Cell(size_t column, size_t row) const { return columns[column].cells[row]; }
  /// Sets the shape to `column_count` columns of `row_count` rows (contents unspecified).
  void Resize(size_t column_count, size_t row_count) {
    columns.resize(column_count);
    for (TextColumn& column : columns) {
      column.cells.resize(row_count);
      column.nulls.resize(row_count);
    }
    rows = row_count;
  }
};

/// Column metadata for a result with these names and types.
std::vector<ColumnInfo> DescribeColumns(const std::vector<std::string>& names, const std::vector<LogicalType>& types);

/// Fills `out` with the text of every cell of `chunk`.
void FormatChunk(const DataChunk& chunk, TextBatch& out);

}  // namespace cairn::shell
