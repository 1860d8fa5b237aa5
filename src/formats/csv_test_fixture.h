// Test support for the CSV tests: a temporary directory that is removed afterwards, and a
// helper reading a whole TableSource into text rows.
//
// Thread-safety: test-only, single-threaded.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "function/table/table_source.h"

namespace cairn::testing_csv {

/// A fresh directory under /tmp, deleted with the object.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "cairn_csv_XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  /// Writes `content` to `relative` (creating directories) and returns the full path.
  std::string Write(const std::string& relative, const std::string& content) const {
    std::filesystem::path p = std::filesystem::path(path_) / relative;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }

 private:
  std::string path_;
};

/// Every row of a full scan of `source` (columns `ids`, all if empty), values as text.
inline std::vector<std::vector<std::string>> ReadAll(const TableSource& source, std::vector<idx_t> ids = {},
                                                     std::vector<TableFilter> filters = {}) {
  if (ids.empty()) {
    for (idx_t i = 0; i < source.columns().size(); i++) ids.push_back(i);
  }
  ScanRequest request{ids, filters};
  std::vector<LogicalType> types;
  for (idx_t id : ids) types.push_back(source.columns()[id].type);
  auto scan = source.Scan(request);
  std::vector<std::vector<std::string>> rows;
  while (auto partition = scan->NextPartition()) {
    DataChunk chunk;
    chunk.Initialize(types);
    while (true) {
      chunk.Reset();
      if (!partition->Next(chunk)) break;
      for (idx_t r = 0; r < chunk.size(); r++) {
        std::vector<std::string> row;
        for (idx_t c = 0; c < chunk.ColumnCount(); c++) row.push_back(chunk.GetValue(c, r).ToString());
        rows.push_back(std::move(row));
      }
    }
  }
  return rows;
}

}  // namespace cairn::testing_csv
