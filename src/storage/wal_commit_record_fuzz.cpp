// libFuzzer target for DecodeCommitRecord, whose input is a write-ahead log record's payload read
// back from disk. Property: any bytes decode or throw cairn::Exception XX001 — never a crash, a
// sanitizer report, or an allocation out of proportion to the input. Oracle beyond "no crash": a
// record that decodes re-encodes (as one record) to bytes that decode to the same encoding.
// Seeds: test/fuzz/wal_commit_record_fuzz/ (commit and part records with deleted ranges and
// chunks). Built with -DCAIRN_FUZZ=ON (clang); run by scripts/fuzz.sh.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "cairn/exception.h"
#include "storage/wal_commit_record.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  cairn::DecodedCommitRecord record;
  try {
    record = cairn::DecodeCommitRecord(input, "fuzz");
  } catch (const cairn::Exception& e) {
    if (e.sqlstate() != cairn::sqlstate::kDataCorrupted) {
      std::fprintf(stderr, "unexpected SQLSTATE %s: %s\n", e.sqlstate().c_str(), e.what());
      std::abort();
    }
    return 0;
  }
  if (!record.commit) return 0;  // a part record re-encodes as a commit record: not comparable
  const std::string once = cairn::EncodeCommitRecords(record.changes, SIZE_MAX)[0];
  const std::string twice = cairn::EncodeCommitRecords(cairn::DecodeCommitRecord(once, "fuzz").changes, SIZE_MAX)[0];
  if (once != twice) {
    std::fprintf(stderr, "re-encoding a decoded commit record is not stable\n");
    std::abort();
  }
  return 0;
}
