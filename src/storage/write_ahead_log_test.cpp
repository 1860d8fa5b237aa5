// Tests for WriteAheadLog: the byte format of docs/format/wal.md, recovery (torn tails are
// discarded, corruption before the tail is XX001), crashes after commits, failed writes and
// fsyncs, group commit under threads, and Reset/recovery rewrites that survive a crash at
// every step.
#include "storage/write_ahead_log.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <unistd.h>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <functional>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "cairn/exception.h"
#include "io/fault_injecting_file_system.h"
#include "io/in_memory_file_system.h"

namespace cairn {
namespace {

struct Record {
  uint64_t lsn;
  std::string payload;
  bool operator==(const Record&) const = default;
};

/// Every record Read delivers, and what it reports.
struct Recovered {
  WalReadResult result;
  std::vector<Record> records;
};

Recovered ReadAll(FileSystem& fs, const std::string& path) {
  Recovered out;
  out.result = WriteAheadLog::Read(fs, path, [&](uint64_t lsn, std::string_view payload) {
    out.records.push_back({lsn, std::string(payload)});
  });
  return out;
}

void WriteBytes(FileSystem& fs, const std::string& path, const std::string& bytes) {
  auto file = fs.OpenForWrite(path, WriteMode::kTruncate);
  file->Append(bytes.data(), bytes.size());
  file->Sync();
  file->Close();
  fs.SyncDirectory(ParentDirectory(path));
}

/// The exception `action` throws (fails the test when it throws none).
Exception Thrown(const std::function<void()>& action) {
  try {
    action();
  } catch (const Exception& e) {
    return e;
  }
  ADD_FAILURE() << "no exception";
  return Exception("none", "none");
}

std::string Payload(uint64_t i) { return "payload-" + std::to_string(i) + std::string(i % 7, 'x'); }

/// A log at "db.wal" holding records 1..n (payload Payload(i)); returns its bytes.
std::string MakeLog(int n) {
  InMemoryFileSystem fs;
  auto log = WriteAheadLog::Create(fs, "db.wal");
  for (int i = 1; i <= n; i++) log->AppendAndSync(Payload(i));
  return fs.ReadFile("db.wal");
}

/// Offset of record `lsn` (1-based) in a MakeLog file.
idx_t RecordOffset(int lsn) {
  idx_t offset = WriteAheadLog::kFileHeaderSize;
  for (int i = 1; i < lsn; i++) offset += WriteAheadLog::kRecordHeaderSize + Payload(i).size();
  return offset;
}

/// A record encoded independently of the implementation, straight from docs/format/wal.md.
std::string EncodeRecordPerSpec(uint64_t lsn, const std::string& payload) {
  std::string bytes(16, '\0');
  const uint32_t length = static_cast<uint32_t>(payload.size());
  std::memcpy(bytes.data() + 4, &length, 4);
  std::memcpy(bytes.data() + 8, &lsn, 8);
  bytes += payload;
  uLong crc = crc32(0, reinterpret_cast<const Bytef*>(bytes.data() + 4), static_cast<uInt>(bytes.size() - 4));
  const uint32_t crc32_value = static_cast<uint32_t>(crc);
  std::memcpy(bytes.data(), &crc32_value, 4);
  return bytes;
}

std::string EncodeFileHeaderPerSpec(uint64_t first_lsn, uint32_t version = 1) {
  std::string bytes = "CAIRNWAL";
  bytes.append(reinterpret_cast<const char*>(&version), 4);
  bytes.append(reinterpret_cast<const char*>(&first_lsn), 8);
  const uint32_t crc = static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(bytes.data()), 20));
  bytes.append(reinterpret_cast<const char*>(&crc), 4);
  return bytes;
}

TEST(WriteAheadLogTest, BytesFollowTheSpecification) {
  InMemoryFileSystem fs;
  auto log = WriteAheadLog::Create(fs, "db.wal", 7);
  EXPECT_EQ(log->AppendAndSync("abc"), 7u);
  EXPECT_EQ(log->AppendAndSync(""), 8u);
  EXPECT_EQ(fs.ReadFile("db.wal"), EncodeFileHeaderPerSpec(7) + EncodeRecordPerSpec(7, "abc") + EncodeRecordPerSpec(8, ""));
}

TEST(WriteAheadLogTest, ReadsBackEveryCommittedRecord) {
  InMemoryFileSystem fs;
  auto log = WriteAheadLog::Create(fs, "db.wal");
  std::vector<Record> written;
  for (uint64_t i = 1; i <= 20; i++) written.push_back({log->AppendAndSync(Payload(i)), Payload(i)});
  const std::string big(300000, 'b');  // larger than nothing in particular, smaller than the limit
  written.push_back({log->AppendAndSync(big), big});
  EXPECT_EQ(log->durable_lsn(), 21u);
  EXPECT_EQ(log->next_lsn(), 22u);
  auto recovered = ReadAll(fs, "db.wal");
  EXPECT_EQ(recovered.records, written);
  EXPECT_EQ(recovered.result.first_lsn, 1u);
  EXPECT_EQ(recovered.result.last_lsn, 21u);
  EXPECT_EQ(recovered.result.record_count, 21u);
  EXPECT_FALSE(recovered.result.torn_tail);
  EXPECT_EQ(recovered.result.valid_bytes, recovered.result.file_size);
}

TEST(WriteAheadLogTest, CrashKeepsExactlyTheCommittedRecords) {
  for (int committed = 0; committed <= 5; committed++) {
    InMemoryFileSystem fs;
    auto log = WriteAheadLog::Create(fs, "db.wal");
    for (int i = 1; i <= committed; i++) log->AppendAndSync(Payload(i));
    log->Append("appended but never committed");
    log->Append("neither");
    fs.SimulateCrash();
    auto recovered = ReadAll(fs, "db.wal");
    ASSERT_EQ(recovered.records.size(), static_cast<size_t>(committed));
    for (int i = 1; i <= committed; i++) EXPECT_EQ(recovered.records[i - 1], (Record{uint64_t(i), Payload(i)}));
    EXPECT_FALSE(recovered.result.torn_tail);
  }
}

TEST(WriteAheadLogTest, OpenRecoversAndContinuesAfterTheLastLsn) {
  InMemoryFileSystem fs;
  {
    auto log = WriteAheadLog::Create(fs, "db.wal", 5);
    log->AppendAndSync("a");
    log->AppendAndSync("b");
  }
  fs.SimulateCrash();
  std::vector<Record> replayed;
  WalReadResult result;
  auto log = WriteAheadLog::Open(
      fs, "db.wal", [&](uint64_t lsn, std::string_view payload) { replayed.push_back({lsn, std::string(payload)}); },
      &result);
  EXPECT_EQ(replayed, (std::vector<Record>{{5, "a"}, {6, "b"}}));
  EXPECT_EQ(result.last_lsn, 6u);
  EXPECT_EQ(log->AppendAndSync("c"), 7u);
  fs.SimulateCrash();
  EXPECT_EQ(ReadAll(fs, "db.wal").records, (std::vector<Record>{{5, "a"}, {6, "b"}, {7, "c"}}));
}

TEST(WriteAheadLogTest, OpenCreatesAMissingLog) {
  InMemoryFileSystem fs;
  WalReadResult result;
  auto log = WriteAheadLog::Open(fs, "db.wal", [](uint64_t, std::string_view) { FAIL() << "no records expected"; }, &result);
  EXPECT_EQ(result.first_lsn, 1u);
  EXPECT_EQ(result.record_count, 0u);
  EXPECT_EQ(log->AppendAndSync("x"), 1u);
  fs.SimulateCrash();  // Create made the file and its directory entry durable
  EXPECT_EQ(ReadAll(fs, "db.wal").records, (std::vector<Record>{{1, "x"}}));
}

TEST(WriteAheadLogTest, TornLastRecordIsDiscardedAtEveryCut) {
  const std::string full = MakeLog(3);
  const idx_t last = RecordOffset(3);
  for (idx_t cut = last + 1; cut < full.size(); cut++) {
    SCOPED_TRACE("cut at byte " + std::to_string(cut));
    InMemoryFileSystem fs;
    WriteBytes(fs, "db.wal", full.substr(0, cut));
    auto recovered = ReadAll(fs, "db.wal");
    EXPECT_EQ(recovered.records, (std::vector<Record>{{1, Payload(1)}, {2, Payload(2)}}));
    EXPECT_TRUE(recovered.result.torn_tail);
    EXPECT_EQ(recovered.result.valid_bytes, last);
    EXPECT_EQ(recovered.result.last_lsn, 2u);
    // Open cuts the tail away durably and appends after record 2.
    auto log = WriteAheadLog::Open(fs, "db.wal", [](uint64_t, std::string_view) {});
    fs.SimulateCrash();
    EXPECT_EQ(fs.ReadFile("db.wal"), full.substr(0, last));
    EXPECT_EQ(log->AppendAndSync("new"), 3u);
    fs.SimulateCrash();
    auto reopened = ReadAll(fs, "db.wal");
    EXPECT_FALSE(reopened.result.torn_tail);
    EXPECT_EQ(reopened.records.back(), (Record{3, "new"}));
    EXPECT_FALSE(fs.Exists("db.wal.tmp"));
  }
  // A cut exactly between records is a shorter log, not a torn one.
  InMemoryFileSystem fs;
  WriteBytes(fs, "db.wal", full.substr(0, last));
  EXPECT_FALSE(ReadAll(fs, "db.wal").result.torn_tail);
}

TEST(WriteAheadLogTest, ZeroFilledAndBadChecksumTailsAreTorn) {
  const std::string full = MakeLog(3);
  InMemoryFileSystem fs;
  WriteBytes(fs, "zeros.wal", full + std::string(4096, '\0'));
  auto zeros = ReadAll(fs, "zeros.wal");
  EXPECT_EQ(zeros.records.size(), 3u);
  EXPECT_TRUE(zeros.result.torn_tail);
  EXPECT_EQ(zeros.result.valid_bytes, full.size());

  std::string flipped = full;
  flipped[flipped.size() - 1] ^= 0x20;  // the last record's payload
  WriteBytes(fs, "flipped.wal", flipped);
  auto bad = ReadAll(fs, "flipped.wal");
  EXPECT_EQ(bad.records.size(), 2u);
  EXPECT_TRUE(bad.result.torn_tail);
  EXPECT_EQ(bad.result.valid_bytes, RecordOffset(3));
}

TEST(WriteAheadLogTest, CorruptionBeforeTheTailIsDataCorrupted) {
  const std::string full = MakeLog(4);
  const idx_t second = RecordOffset(2);
  // Every single-byte change inside record 2 (header or payload) is caught, never skipped.
  for (idx_t at = second; at < RecordOffset(3); at++) {
    SCOPED_TRACE("byte " + std::to_string(at));
    std::string corrupt = full;
    corrupt[at] ^= 0x01;
    InMemoryFileSystem fs;
    WriteBytes(fs, "db.wal", corrupt);
    auto error = Thrown([&] { ReadAll(fs, "db.wal"); });
    EXPECT_EQ(error.sqlstate(), sqlstate::kDataCorrupted);
    EXPECT_NE(std::string(error.what()).find("\"db.wal\" is corrupted at byte " + std::to_string(second)),
              std::string::npos)
        << error.what();
    // Open refuses too, and leaves the file alone.
    EXPECT_EQ(Thrown([&] { WriteAheadLog::Open(fs, "db.wal", [](uint64_t, std::string_view) {}); }).sqlstate(),
              sqlstate::kDataCorrupted);
    EXPECT_EQ(fs.ReadFile("db.wal"), corrupt);
  }
}

TEST(WriteAheadLogTest, LsnOutOfOrderIsDataCorrupted) {
  InMemoryFileSystem fs;
  const std::string header = EncodeFileHeaderPerSpec(1);
  const std::string first = EncodeRecordPerSpec(1, "one");
  WriteBytes(fs, "gap.wal", header + first + EncodeRecordPerSpec(3, "three"));
  auto gap = Thrown([&] { ReadAll(fs, "gap.wal"); });
  EXPECT_EQ(gap.sqlstate(), sqlstate::kDataCorrupted);
  EXPECT_NE(std::string(gap.what()).find("at byte " + std::to_string(header.size() + first.size()) +
                                         ": record has LSN 3 where LSN 2 was expected"),
            std::string::npos)
      << gap.what();
  WriteBytes(fs, "repeat.wal", header + first + EncodeRecordPerSpec(1, "one"));
  EXPECT_EQ(Thrown([&] { ReadAll(fs, "repeat.wal"); }).sqlstate(), sqlstate::kDataCorrupted);
  WriteBytes(fs, "start.wal", header + EncodeRecordPerSpec(2, "two"));
  EXPECT_EQ(Thrown([&] { ReadAll(fs, "start.wal"); }).sqlstate(), sqlstate::kDataCorrupted);
}

TEST(WriteAheadLogTest, BadFileHeaderIsDataCorrupted) {
  InMemoryFileSystem fs;
  const std::string records = EncodeRecordPerSpec(1, "one");
  std::string bad_magic = EncodeFileHeaderPerSpec(1) + records;
  bad_magic[0] = 'X';
  std::string bad_crc = EncodeFileHeaderPerSpec(1) + records;
  bad_crc[13] ^= 1;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "the file header is incomplete (0 of 24 bytes)"},
      {EncodeFileHeaderPerSpec(1).substr(0, 10), "the file header is incomplete (10 of 24 bytes)"},
      {bad_magic, "not a Cairn write-ahead log"},
      {bad_crc, "file header checksum mismatch"},
      {EncodeFileHeaderPerSpec(1, 2) + records, "unsupported format version 2"},
      {EncodeFileHeaderPerSpec(0), "the first LSN is 0"},
  };
  for (const auto& [bytes, message] : cases) {
    WriteBytes(fs, "db.wal", bytes);
    auto error = Thrown([&] { ReadAll(fs, "db.wal"); });
    EXPECT_EQ(error.sqlstate(), sqlstate::kDataCorrupted);
    EXPECT_NE(std::string(error.what()).find(message), std::string::npos) << error.what();
  }
  EXPECT_EQ(Thrown([&] { ReadAll(fs, "missing.wal"); }).sqlstate(), sqlstate::kUndefinedFile);
}

TEST(WriteAheadLogTest, FailedFsyncFailsTheLogForGood) {
  InMemoryFileSystem base;
  FaultInjectingFileSystem fs(base);
  auto log = WriteAheadLog::Create(fs, "db.wal");
  log->AppendAndSync("one");
  log->AppendAndSync("two");
  fs.FailAt(FileOperation::kSync, fs.CallCount(FileOperation::kSync) + 1);
  auto error = Thrown([&] { log->AppendAndSync("three"); });
  EXPECT_EQ(error.sqlstate(), sqlstate::kIoError);
  EXPECT_NE(std::string(error.what()).find("the write-ahead log could not be synced: could not fsync \"db.wal\""),
            std::string::npos)
      << error.what();
  EXPECT_NE(std::string(error.what()).find("; the database no longer accepts writes"), std::string::npos);
  EXPECT_TRUE(log->failed());
  // Later writes fail too, although the file system works again.
  EXPECT_EQ(Thrown([&] { log->Append("four"); }).sqlstate(), sqlstate::kIoError);
  EXPECT_EQ(Thrown([&] { log->Commit(2); }).sqlstate(), sqlstate::kIoError);
  EXPECT_EQ(Thrown([&] { log->Reset(10); }).sqlstate(), sqlstate::kIoError);
  base.SimulateCrash();
  EXPECT_EQ(ReadAll(base, "db.wal").records, (std::vector<Record>{{1, "one"}, {2, "two"}}));
}

/// For every failing write or fsync of a run of commits: every commit that returned is
/// recovered after a crash, in order, and recovery then continues the log.
TEST(WriteAheadLogTest, EveryAcknowledgedCommitSurvivesAnyWriteOrFsyncFault) {
  struct Fault {
    FileOperation op;
    FaultKind kind;
    idx_t short_bytes;
  };
  const std::vector<Fault> faults = {{FileOperation::kAppend, FaultKind::kFail, 0},
                                     {FileOperation::kAppend, FaultKind::kShortWrite, 5},
                                     {FileOperation::kAppend, FaultKind::kShortWrite, 20},
                                     {FileOperation::kSync, FaultKind::kFail, 0}};
  constexpr int kCommits = 6;
  for (const Fault& fault : faults) {
    for (idx_t nth = 1; nth <= kCommits; nth++) {
      SCOPED_TRACE(std::string(FileOperationName(fault.op)) + " fault at call " + std::to_string(nth));
      InMemoryFileSystem base;
      FaultInjectingFileSystem fs(base);
      auto log = WriteAheadLog::Create(fs, "db.wal");
      fs.Reset();  // count only the commits' calls
      fs.FailAt(fault.op, nth, fault.kind, fault.short_bytes);
      std::vector<Record> acknowledged;
      for (uint64_t i = 1; i <= kCommits; i++) {
        try {
          acknowledged.push_back({log->AppendAndSync(Payload(i)), Payload(i)});
        } catch (const Exception& e) {
          EXPECT_EQ(e.sqlstate(), sqlstate::kIoError);
        }
      }
      EXPECT_EQ(acknowledged.size(), nth - 1);  // the fault stops the log for good
      base.SimulateCrash();
      std::vector<Record> replayed;
      auto reopened = WriteAheadLog::Open(base, "db.wal", [&](uint64_t lsn, std::string_view payload) {
        replayed.push_back({lsn, std::string(payload)});
      });
      EXPECT_EQ(replayed, acknowledged);
      EXPECT_EQ(reopened->AppendAndSync("after"), acknowledged.size() + 1);
    }
  }
}

TEST(WriteAheadLogTest, ConcurrentCommitsShareFsyncs) {
  InMemoryFileSystem base;
  FaultInjectingFileSystem fs(base);
  fs.SetSyncDelay(std::chrono::milliseconds(2));
  auto log = WriteAheadLog::Create(fs, "db.wal");
  fs.Reset();
  constexpr int kThreads = 8;
  constexpr int kPerThread = 25;
  std::mutex mutex;
  std::vector<Record> acknowledged;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; t++) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; i++) {
        std::string payload = "t" + std::to_string(t) + "-" + std::to_string(i);
        const uint64_t lsn = log->AppendAndSync(payload);
        EXPECT_LE(lsn, log->durable_lsn());  // durable when Commit returns
        std::lock_guard lock(mutex);
        acknowledged.push_back({lsn, payload});
      }
    });
  }
  for (auto& thread : threads) thread.join();
  constexpr idx_t kCommitCount = kThreads * kPerThread;
  EXPECT_LT(fs.CallCount(FileOperation::kSync), kCommitCount);
  EXPECT_EQ(log->sync_count(), fs.CallCount(FileOperation::kSync));
  base.SimulateCrash();
  auto recovered = ReadAll(base, "db.wal");
  ASSERT_EQ(recovered.records.size(), kCommitCount);
  std::sort(acknowledged.begin(), acknowledged.end(), [](const Record& a, const Record& b) { return a.lsn < b.lsn; });
  EXPECT_EQ(recovered.records, acknowledged);
  std::printf("group commit: %llu commits from %d threads took %llu fsyncs\n",
              static_cast<unsigned long long>(kCommitCount), kThreads,
              static_cast<unsigned long long>(fs.CallCount(FileOperation::kSync)));
}

TEST(WriteAheadLogTest, ResetStartsAnEmptyLogAtTheGivenLsn) {
  InMemoryFileSystem fs;
  auto log = WriteAheadLog::Create(fs, "db.wal");
  log->AppendAndSync("a");
  log->AppendAndSync("b");
  log->Reset(10);
  EXPECT_EQ(log->next_lsn(), 10u);
  EXPECT_EQ(log->AppendAndSync("c"), 10u);
  fs.SimulateCrash();
  auto recovered = ReadAll(fs, "db.wal");
  EXPECT_EQ(recovered.result.first_lsn, 10u);
  EXPECT_EQ(recovered.records, (std::vector<Record>{{10, "c"}}));
  EXPECT_FALSE(fs.Exists("db.wal.tmp"));
}

TEST(WriteAheadLogTest, MisuseIsAnInternalError) {
  InMemoryFileSystem fs;
  EXPECT_EQ(Thrown([&] { WriteAheadLog::Create(fs, "db.wal", 0); }).sqlstate(), sqlstate::kInternalError);
  auto log = WriteAheadLog::Create(fs, "db.wal", 5);
  EXPECT_EQ(Thrown([&] { log->Commit(5); }).sqlstate(), sqlstate::kInternalError);
  log->AppendAndSync("a");
  EXPECT_EQ(Thrown([&] { log->Reset(3); }).sqlstate(), sqlstate::kInternalError);  // LSNs never go back
  log->Append("uncommitted");
  EXPECT_EQ(Thrown([&] { log->Reset(100); }).sqlstate(), sqlstate::kInternalError);
  EXPECT_FALSE(log->failed());
}

/// Runs `scenario` on a fresh file system prepared by `prepare` with the `nth` call of `op`
/// failing, crashes, and returns what recovery finds.
struct FaultSweep {
  std::function<void(FileSystem&)> prepare;
  std::function<void(FileSystem&)> scenario;

  /// How many calls of `op` the scenario makes when nothing fails.
  idx_t Count(FileOperation op) const {
    InMemoryFileSystem base;
    FaultInjectingFileSystem fs(base);
    prepare(fs);
    fs.Reset();
    scenario(fs);
    return fs.CallCount(op);
  }

  Recovered RunWithFault(FileOperation op, idx_t nth, FaultKind kind) const {
    InMemoryFileSystem base;
    FaultInjectingFileSystem fs(base);
    prepare(fs);
    fs.Reset();
    fs.FailAt(op, nth, kind, 7);
    try {
      scenario(fs);
      ADD_FAILURE() << "the fault did not surface";
    } catch (const Exception& e) {
      EXPECT_EQ(e.sqlstate(), sqlstate::kIoError) << e.what();
    }
    base.SimulateCrash();
    return ReadAll(base, "db.wal");
  }
};

TEST(WriteAheadLogTest, ResetLeavesTheOldOrTheNewLogAtEveryStep) {
  FaultSweep sweep;
  std::unique_ptr<WriteAheadLog> log;
  sweep.prepare = [&](FileSystem& fs) {
    log = WriteAheadLog::Create(fs, "db.wal");
    for (int i = 1; i <= 3; i++) log->AppendAndSync(Payload(i));
  };
  sweep.scenario = [&](FileSystem&) { log->Reset(10); };
  const std::vector<Record> old_records = {{1, Payload(1)}, {2, Payload(2)}, {3, Payload(3)}};
  idx_t steps = 0;
  std::set<std::string> outcomes;
  for (FileOperation op : {FileOperation::kOpenForWrite, FileOperation::kAppend, FileOperation::kSync,
                           FileOperation::kRename, FileOperation::kSyncDirectory}) {
    const idx_t count = sweep.Count(op);
    EXPECT_GE(count, 1u) << FileOperationName(op);
    for (idx_t nth = 1; nth <= count; nth++) {
      for (FaultKind kind : {FaultKind::kFail, FaultKind::kShortWrite}) {
        if (kind == FaultKind::kShortWrite && op != FileOperation::kAppend) continue;
        SCOPED_TRACE(std::string(FileOperationName(op)) + " call " + std::to_string(nth));
        auto recovered = sweep.RunWithFault(op, nth, kind);
        EXPECT_FALSE(recovered.result.torn_tail);
        if (recovered.result.first_lsn == 1) {
          EXPECT_EQ(recovered.records, old_records);
          outcomes.insert("old");
        } else {
          EXPECT_EQ(recovered.result.first_lsn, 10u);
          EXPECT_TRUE(recovered.records.empty());
          outcomes.insert("new");
        }
        EXPECT_TRUE(log->failed());
        steps++;
      }
    }
  }
  EXPECT_GE(steps, 6u);
  // A failed directory fsync after the rename leaves the old entry; a failure of the reopen
  // for appending leaves the new one.
  EXPECT_EQ(outcomes, (std::set<std::string>{"old", "new"}));
}

TEST(WriteAheadLogTest, TornTailRewriteSurvivesACrashAtEveryStep) {
  const std::string full = MakeLog(3);
  const std::string torn = full.substr(0, full.size() - 3);
  FaultSweep sweep;
  sweep.prepare = [&](FileSystem& fs) { WriteBytes(fs, "db.wal", torn); };
  sweep.scenario = [&](FileSystem& fs) { WriteAheadLog::Open(fs, "db.wal", [](uint64_t, std::string_view) {}); };
  const std::vector<Record> valid = {{1, Payload(1)}, {2, Payload(2)}};
  for (FileOperation op : {FileOperation::kOpenForWrite, FileOperation::kAppend, FileOperation::kSync,
                           FileOperation::kRename, FileOperation::kSyncDirectory}) {
    const idx_t count = sweep.Count(op);
    EXPECT_GE(count, 1u) << FileOperationName(op);
    for (idx_t nth = 1; nth <= count; nth++) {
      SCOPED_TRACE(std::string(FileOperationName(op)) + " call " + std::to_string(nth));
      auto recovered = sweep.RunWithFault(op, nth, FaultKind::kFail);
      EXPECT_EQ(recovered.records, valid);
    }
  }
}

TEST(WriteAheadLogTest, WorksOnTheLocalFileSystem) {
  const auto directory =
      std::filesystem::temp_directory_path() / ("cairn_wal_test_" + std::to_string(::getpid()));
  std::filesystem::remove_all(directory);
  std::filesystem::create_directories(directory);
  const std::string path = (directory / "db.wal").string();
  FileSystem& fs = FileSystem::Local();
  {
    auto log = WriteAheadLog::Open(fs, path, [](uint64_t, std::string_view) { FAIL() << "a new log is empty"; });
    log->AppendAndSync("one");
    log->AppendAndSync("two");
  }
  // A torn third record, as a crash in mid-append leaves it.
  const std::string torn = EncodeRecordPerSpec(3, "three").substr(0, 10);
  {
    auto file = fs.OpenForWrite(path, WriteMode::kAppend);
    file->Append(torn.data(), torn.size());
    file->Close();
  }
  std::vector<Record> replayed;
  WalReadResult result;
  {
    auto log = WriteAheadLog::Open(
        fs, path, [&](uint64_t lsn, std::string_view payload) { replayed.push_back({lsn, std::string(payload)}); },
        &result);
    EXPECT_TRUE(result.torn_tail);
    EXPECT_EQ(log->AppendAndSync("three"), 3u);
    log->Reset(100);
    EXPECT_EQ(log->AppendAndSync("hundred"), 100u);
  }
  EXPECT_EQ(replayed, (std::vector<Record>{{1, "one"}, {2, "two"}}));
  auto recovered = ReadAll(fs, path);
  EXPECT_EQ(recovered.records, (std::vector<Record>{{100, "hundred"}}));
  EXPECT_FALSE(recovered.result.torn_tail);
  EXPECT_EQ(std::filesystem::file_size(path), WriteAheadLog::kFileHeaderSize + 16 + 7);
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
  std::filesystem::remove_all(directory);
}

}  // namespace
}  // namespace cairn
