// ColumnBinding: how a logical plan names a column — the table index of the operator that
// introduced it (a scan, VALUES, projection, aggregate's groups or aggregates, union), given by
// the binder and unique within one statement, plus the column's index within that operator.
// Bindings do not change when an optimizer rule moves an expression or reorders a join; the
// physical planner resolves them to positions in a child's output (docs/design/expression-model.md).
//
// Thread-safety: a plain value type.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "cairn/types.h"

namespace cairn {

struct ColumnBinding {
  idx_t table_index = 0;   // the introducing operator's table index (Binder::NewTableIndex)
  idx_t column_index = 0;  // column within it (for a scan: the source's column id)

  bool operator==(const ColumnBinding& other) const {
    return table_index == other.table_index && column_index == other.column_index;
  }
  bool operator!=(const ColumnBinding& other) const { return !(*this == other); }
  bool operator<(const ColumnBinding& other) const {
    return table_index != other.table_index ? table_index < other.table_index : column_index < other.column_index;
  }
  /// "#table.column", for internal error messages.
  std::string ToString() const { return "#" + std::to_string(table_index) + "." + std::to_string(column_index); }
};

struct ColumnBindingHash {
  size_t operator()(const ColumnBinding& binding) const {
    return std::hash<idx_t>()(binding.table_index * 0x9E3779B97F4A7C15ULL ^ binding.column_index);
  }
};

}  // namespace cairn
