// ReadEveryCsvRow: reads a whole CSV file the way a query does — the schema sniffed with the
// default CsvOptions, every column scanned, every partition and chunk pulled — and discards the
// rows. Shared by the CSV fuzz targets, whose contract is that this either returns or throws
// cairn::Exception (caught here): never a crash, a sanitizer report, a hang or a leak.
//
// Thread-safety: a plain function; `file_system` must not change while it runs.
#pragma once

#include <string>
#include <vector>

#include "cairn/exception.h"
#include "formats/csv_source.h"
#include "io/file_system.h"

namespace cairn::testing {

/// Reads every row of the CSV file `path`. Returns false if reading threw cairn::Exception.
inline bool ReadEveryCsvRow(FileSystem& file_system, const std::string& path) {
  try {
    auto source = CreateCsvSource(file_system, {path}, CsvOptions{});
    ScanRequest request;
    std::vector<LogicalType> types;
    for (idx_t i = 0; i < source->columns().size(); i++) {
      request.column_ids.push_back(i);
      types.push_back(source->columns()[i].type);
    }
    auto scan = source->Scan(request);
    while (auto partition = scan->NextPartition()) {
      DataChunk chunk;
      chunk.Initialize(types);
      while (partition->Next(chunk)) chunk.Reset();
    }
    return true;
  } catch (const Exception&) {
    return false;  // malformed input is reported as cairn::Exception: fine
  }
}

}  // namespace cairn::testing
