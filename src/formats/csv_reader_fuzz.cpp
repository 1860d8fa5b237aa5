// libFuzzer target: any byte string read as a CSV file — sniffed, tokenized, validated as UTF-8
// and converted to the sniffed column types — must either read or throw cairn::Exception:
// never crash, hang or leak. The file lives in an InMemoryFileSystem. Built with
// -DCAIRN_FUZZ=ON (clang); seeds: test/fuzz/csv_reader_fuzz/ when present.
#include <cstddef>
#include <cstdint>
#include <string>

#include "cairn/exception.h"
#include "formats/csv_source.h"
#include "io/in_memory_file_system.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  cairn::InMemoryFileSystem fs;
  {
    auto file = fs.OpenForWrite("/input.csv", cairn::WriteMode::kTruncate);
    file->Append(data, size);
    file->Close();
  }
  try {
    auto source = cairn::CreateCsvSource(fs, {"/input.csv"}, cairn::CsvOptions{});
    cairn::ScanRequest request;
    std::vector<cairn::LogicalType> types;
    for (cairn::idx_t i = 0; i < source->columns().size(); i++) {
      request.column_ids.push_back(i);
      types.push_back(source->columns()[i].type);
    }
    auto scan = source->Scan(request);
    while (auto partition = scan->NextPartition()) {
      cairn::DataChunk chunk;
      chunk.Initialize(types);
      while (partition->Next(chunk)) {
        chunk.Reset();
      }
    }
  } catch (const cairn::Exception&) {
    // Malformed input is reported as cairn::Exception: fine.
  }
  return 0;
}
