// libFuzzer target: any byte string read as a CSV file — sniffed, tokenized, validated as UTF-8
// and converted to the sniffed column types — must either read or throw cairn::Exception:
// never crash, hang or leak. The file lives in an InMemoryFileSystem. Built with
// -DCAIRN_FUZZ=ON (clang); seeds: test/fuzz/csv_reader_fuzz/ when present.
#include <cstddef>
#include <cstdint>
#include <string>

#include "formats/test_support/read_every_csv_row.h"
#include "io/in_memory_file_system.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  cairn::InMemoryFileSystem fs;
  {
    auto file = fs.OpenForWrite("/input.csv", cairn::WriteMode::kTruncate);
    file->Append(data, size);
    file->Close();
  }
  cairn::testing::ReadEveryCsvRow(fs, "/input.csv");
  return 0;
}
