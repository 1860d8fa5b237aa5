// libFuzzer target: any byte string given to the Parquet reader must either read or throw
// cairn::Exception — never crash, hang or leak. Built with -DCAIRN_FUZZ=ON (clang).
#include <cstddef>
#include <cstdint>
#include <string>

#include "cairn/exception.h"
#include "parquet/test_support/read_every_value.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    cairn::parquet::ReadEveryValue(std::string(reinterpret_cast<const char*>(data), size), 1000000);
  } catch (const cairn::Exception&) {
    // Corrupt input is reported as cairn::Exception: fine.
  }
  return 0;
}
