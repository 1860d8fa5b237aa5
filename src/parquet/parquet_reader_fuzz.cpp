// libFuzzer target: any byte string given to the Parquet reader must either read or throw
// cairn::Exception — never crash, hang or leak. Built with -DCAIRN_FUZZ=ON (clang).
#include <cstddef>
#include <cstdint>
#include <string>

#include "cairn/exception.h"
#include "parquet/in_memory_file_handle.h"
#include "parquet/parquet_file_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cairn;
  using namespace cairn::parquet;
  try {
    auto file = std::make_shared<ParquetFileReader>(
        std::make_unique<InMemoryFileHandle>(std::string(reinterpret_cast<const char*>(data), size), "fuzz.parquet"));
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
      while (reader.Next(chunk) && rows < 1000000) {
        for (idx_t c = 0; c < ids.size(); c++) {
          if (chunk.size() > 0) chunk.data[c].GetValue(chunk.size() - 1);
        }
        rows += chunk.size();
      }
    }
  } catch (const Exception&) {
    // Corrupt input is reported as cairn::Exception: fine.
  }
  return 0;
}
