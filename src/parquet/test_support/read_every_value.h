// ReadEveryValue: the robustness harness shared by the corruption tests and the fuzz target —
// opens a Parquet file held in memory, decodes the statistics of every column chunk and every
// flat column of every row group, and touches values so that decoding cannot be skipped. Each
// row group is then read again through filters built from its own statistics (the in-scan
// filter path: late materialization, skipping, dictionary predicates and the page index).
// Corrupt input must surface as cairn::Exception; anything else is a bug.
//
// Thread-safety: reentrant.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "parquet/in_memory_file_handle.h"
#include "parquet/parquet_file_reader.h"

namespace cairn::parquet {

/// Reads `bytes` as a Parquet file, at most `row_limit` rows per row group (a corrupt footer
/// may claim billions). `path` names the file in error messages. Throws cairn::Exception on
/// corrupt input.
inline void ReadEveryValue(std::string bytes, idx_t row_limit, const std::string& path = "fuzz.parquet") {
  auto file = std::make_shared<ParquetFileReader>(std::make_unique<InMemoryFileHandle>(std::move(bytes), path));
  std::vector<idx_t> ids;
  std::vector<LogicalType> types;
  for (idx_t i = 0; i < file->columns().size(); i++) {
    if (file->columns()[i].nested) continue;
    ids.push_back(i);
    types.push_back(file->columns()[i].type);
  }
  for (idx_t g = 0; g < file->num_row_groups(); g++) {
    for (idx_t c = 0; c < file->columns().size(); c++) file->GetStatistics(g, c);
    RowGroupReader reader(file, g, ids);
    DataChunk chunk;
    chunk.Initialize(types);
    idx_t rows = 0;
    while (rows < row_limit && reader.Next(chunk)) {
      for (idx_t c = 0; c < ids.size(); c++) {
        for (idx_t r = 0; r < chunk.size(); r += 97) chunk.data[c].GetValue(r).ToString();
      }
      rows += chunk.size();
    }
    // The filtered read: `first column <= its minimum` (selective) and `next column IS NOT NULL`.
    std::vector<ColumnFilter> filters;
    for (idx_t k = 0; k < ids.size() && filters.size() < 2; k++) {
      ColumnStatistics stats = file->GetStatistics(g, ids[k]);
      TableFilter filter{ids[k], TableFilter::Op::IS_NOT_NULL, Value()};
      if (filters.empty() && stats.min) filter = TableFilter{ids[k], TableFilter::Op::LESS_EQUAL, *stats.min};
      auto compiled = ParquetScanFilter::Make(filter, file->columns()[ids[k]].type);
      if (compiled) filters.push_back(ColumnFilter{ids[k], std::move(*compiled), {filter}});
    }
    if (filters.empty()) continue;
    RowGroupReader filtered(file, g, ids, std::move(filters));
    chunk.Initialize(types);
    rows = 0;
    while (rows < row_limit && filtered.Next(chunk)) {
      for (idx_t c = 0; c < ids.size(); c++) {
        for (idx_t r = 0; r < chunk.size(); r += 97) chunk.data[c].GetValue(r).ToString();
      }
      rows += chunk.size();
    }
  }
}

}  // namespace cairn::parquet
