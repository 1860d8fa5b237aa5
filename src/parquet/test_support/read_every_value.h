// ReadEveryValue: the robustness harness shared by the corruption tests and the fuzz target —
// opens a Parquet file held in memory, decodes the statistics of every column chunk and every
// flat column of every row group, and touches values so that decoding cannot be skipped.
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
  }
}

}  // namespace cairn::parquet
