// libFuzzer target for WriteAheadLog recovery: the input is a log file (in an
// InMemoryFileSystem). Property: Read delivers records or throws cairn::Exception — never a
// crash, a sanitizer report or a hang. Oracle: when Read succeeds, Open (which cuts a torn tail
// away by rewriting the file) must replay exactly the same records, leave a file without a torn
// tail, and continue with the next LSN. Random bytes rarely carry a matching crc32, so when the
// input's first byte is 0xFF (a log's first byte is 'C') the target first rewrites the checksum of the file header and of
// every record its length fields delimit (the first byte itself is not part of the log): LSN
// order, lengths and the torn-tail/corruption rules are then reached with valid checksums.
// Seeds: test/fuzz/wal_reader_fuzz/ (small logs).
// Built with -DCAIRN_FUZZ=ON (clang); run by scripts/fuzz.sh.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include <zlib.h>

#include <cstring>

#include "cairn/exception.h"
#include "io/in_memory_file_system.h"
#include "storage/write_ahead_log.h"

namespace {

using Records = std::vector<std::pair<uint64_t, std::string>>;

[[noreturn]] void Fail(const char* what) {
  std::fprintf(stderr, "wal_reader_fuzz: %s\n", what);
  std::abort();
}

uint32_t Crc(const char* data, size_t size) {
  return static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(data), static_cast<uInt>(size)));
}

/// Recomputes the checksums docs/format/wal.md defines wherever the bytes hold a header or a
/// record that fits in the file.
void FixChecksums(std::string& log) {
  if (log.size() < cairn::WriteAheadLog::kFileHeaderSize) return;
  const uint32_t header_crc = Crc(log.data(), 20);
  std::memcpy(&log[20], &header_crc, 4);
  size_t offset = cairn::WriteAheadLog::kFileHeaderSize;
  while (log.size() - offset >= cairn::WriteAheadLog::kRecordHeaderSize) {
    uint32_t length;
    std::memcpy(&length, log.data() + offset + 4, 4);
    if (length > log.size() - offset - cairn::WriteAheadLog::kRecordHeaderSize) return;
    const uint32_t crc = Crc(log.data() + offset + 4, 12 + length);
    std::memcpy(&log[offset], &crc, 4);
    offset += cairn::WriteAheadLog::kRecordHeaderSize + length;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  if (!bytes.empty() && static_cast<uint8_t>(bytes[0]) == 0xFF) {
    bytes.erase(0, 1);
    FixChecksums(bytes);
  }
  size = bytes.size();
  cairn::InMemoryFileSystem fs;
  {
    auto file = fs.OpenForWrite("db.wal", cairn::WriteMode::kTruncate);
    file->Append(bytes.data(), bytes.size());
    file->Sync();
  }
  fs.SyncDirectory("");
  Records first;
  cairn::WalReadResult result;
  try {
    result = cairn::WriteAheadLog::Read(fs, "db.wal", [&](uint64_t lsn, std::string_view payload) {
      first.emplace_back(lsn, std::string(payload));
    });
  } catch (const cairn::Exception& e) {
    if (e.sqlstate() != cairn::sqlstate::kDataCorrupted) Fail("Read threw something other than XX001");
    return 0;
  }
  if (result.valid_bytes > size || (result.valid_bytes < size) != result.torn_tail) Fail("inconsistent read result");
  Records replayed;
  auto log = cairn::WriteAheadLog::Open(fs, "db.wal", [&](uint64_t lsn, std::string_view payload) {
    replayed.emplace_back(lsn, std::string(payload));
  });
  if (replayed != first) Fail("Open replayed other records than Read delivered");
  if (log->next_lsn() != result.last_lsn + 1) Fail("Open does not continue after the last LSN");
  fs.SimulateCrash();
  Records again;
  auto reread = cairn::WriteAheadLog::Read(fs, "db.wal", [&](uint64_t lsn, std::string_view payload) {
    again.emplace_back(lsn, std::string(payload));
  });
  if (again != first || reread.torn_tail) Fail("the rewritten log differs");
  return 0;
}
