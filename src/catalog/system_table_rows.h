// SystemTableRows: collects a system table's rows, given as Values, into DataChunks of
// kStandardVectorSize rows for a scan (system_tables.cpp, pg_catalog_tables.cpp).
//
// Thread-safety: not thread-safe; one writer per scan.
#pragma once

#include <memory>
#include <vector>

#include "cairn/catalog.h"
#include "cairn/data_chunk.h"
#include "cairn/value.h"
#include "function/table/table_source.h"

namespace cairn {

/// Appends rows of Values (one per column, in column order; a NULL Value of any type is a NULL
/// of the column's type) and hands the chunks over.
class SystemTableRows {
 public:
  explicit SystemTableRows(const std::vector<ColumnDefinition>& columns) {
    for (const auto& c : columns) types_.push_back(c.type);
  }
  /// Appends one row. REQUIRES: row.size() equals the number of columns.
  void Add(const std::vector<Value>& row) {
    if (chunks_.empty() || chunks_.back().size() == kStandardVectorSize) {
      chunks_.emplace_back();
      chunks_.back().Initialize(types_);
    }
    DataChunk& chunk = chunks_.back();
    idx_t index = chunk.size();
    for (size_t c = 0; c < row.size(); c++) {
      Value value = row[c];
      if (value.IsNull()) value = Value::Null(types_[c]);
      chunk.data[c].SetValue(index, value);
    }
    chunk.SetCardinality(index + 1);
  }
  /// The rows added so far; the writer is empty afterwards.
  std::shared_ptr<const std::vector<DataChunk>> Finish() { return std::make_shared<const std::vector<DataChunk>>(std::move(chunks_)); }

 private:
  std::vector<LogicalType> types_;
  std::vector<DataChunk> chunks_;
};

}  // namespace cairn
