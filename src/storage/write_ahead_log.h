// WriteAheadLog: an append-only file of checksummed, LSN-numbered records (payloads opaque to
// the log) that writable tables make durable before they acknowledge a commit, and replay after
// a crash. The byte format and the recovery rules are specified in docs/format/wal.md.
//
// Writing. Append(payload) gives the record the next LSN and buffers it; Commit(lsn) returns
// only when that record — and every record before it — has been written and fsynced
// (WritableFile::Sync). Commits that arrive together share one fsync (group commit): the first
// committer to find no fsync in progress becomes the leader, writes everything buffered so far
// and syncs it, while the others wait on a condition variable; when the leader finishes, each
// waiter whose LSN is now durable returns, and one of the rest leads the next round.
//
// Failure. A failed write or fsync is never retried or ignored (after a failed fsync the kernel
// may have dropped the dirty pages: PostgreSQL's "fsyncgate"). The log becomes failed: that
// Commit and every later Append, Commit and Reset throw 58030 "the write-ahead log could not be
// synced: <cause>; the database no longer accepts writes". A record whose Commit threw must not
// be acknowledged; it may or may not be found by recovery.
//
// Recovery. Read() delivers every complete, valid record in LSN order and discards a torn tail
// (what a crash in mid-append leaves); corruption before the tail throws XX001 naming the file
// and byte offset. Open() recovers an existing log, rewrites it without its torn tail (the
// FileSystem has no truncate: a temporary file holding the valid records is synced and renamed
// over the log) and continues numbering after the last valid LSN.
//
// Checkpoints. Reset(next_lsn) atomically replaces the log with an empty one whose first LSN is
// next_lsn (temporary file, fsync, rename, directory fsync): a crash at any point leaves either
// the old log or the new one, never a mix.
//
// Thread-safety: Append, Commit and AppendAndSync may be called from many threads at once.
// Reset must not run concurrently with Append (the caller's checkpoint excludes writers).
// Read is a static function over a file no writer is appending to.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "io/file_system.h"

namespace cairn {

/// What WriteAheadLog::Read found in a log file.
struct WalReadResult {
  /// The LSN the file header declares for the file's first record.
  uint64_t first_lsn = 0;
  /// The LSN of the last valid record; first_lsn - 1 when there is none.
  uint64_t last_lsn = 0;
  /// How many valid records were delivered.
  idx_t record_count = 0;
  /// Bytes of the file header and the valid records: the offset where the torn tail (if any)
  /// starts and where the next record belongs.
  idx_t valid_bytes = 0;
  /// The file's size in bytes.
  idx_t file_size = 0;
  /// True when bytes after valid_bytes were discarded as a torn tail.
  bool torn_tail = false;
};

class WriteAheadLog {
 public:
  /// Receives one record: its LSN and its payload (valid only during the call).
  using RecordCallback = std::function<void(uint64_t lsn, std::string_view payload)>;

  /// Bytes of the file header and of each record's header (docs/format/wal.md).
  static constexpr idx_t kFileHeaderSize = 24;
  static constexpr idx_t kRecordHeaderSize = 16;
  /// The largest payload a record may hold (1 GiB), so a length field is plausible on its own.
  static constexpr idx_t kMaxPayloadSize = idx_t(1) << 30;

  /// Creates a new, empty log at `path` whose first record will get LSN `first_lsn` (>= 1),
  /// replacing any file there, durably (temporary file, fsync, rename, directory fsync).
  /// Throws 58030 on a file system failure, XX000 for first_lsn = 0.
  static std::unique_ptr<WriteAheadLog> Create(FileSystem& fs, const std::string& path, uint64_t first_lsn = 1);

  /// Opens the log at `path` for appending after recovering it: every valid record is passed to
  /// `replay` in order (as Read does), a torn tail is cut away durably, and the next Append gets
  /// last_lsn + 1. A missing file is created empty with first LSN 1. `result`, when given,
  /// receives what recovery found. Throws XX001 on corruption before the tail (nothing is
  /// modified then), 58030 on file system failures, and whatever `replay` throws.
  static std::unique_ptr<WriteAheadLog> Open(FileSystem& fs, const std::string& path, const RecordCallback& replay,
                                             WalReadResult* result = nullptr);

  /// Reads the log at `path`, calling `callback` for each valid record in LSN order; does not
  /// modify the file. A torn tail (an incomplete record, or a record failing its checksum, with
  /// no valid record after it — zero-filled tails included) is reported in the result, not
  /// delivered. Throws XX001 naming the file and byte offset for a bad file header, a record
  /// whose LSN does not follow its predecessor's, or a bad record followed by a valid one;
  /// 58P01 when the file does not exist; 58030 when it cannot be read. When it throws, the
  /// records before the fault may already have been delivered: a caller replaying them
  /// discards what it built.
  static WalReadResult Read(FileSystem& fs, const std::string& path, const RecordCallback& callback);

  ~WriteAheadLog();
  WriteAheadLog(const WriteAheadLog&) = delete;
  WriteAheadLog& operator=(const WriteAheadLog&) = delete;

  /// Buffers a record holding `payload` and returns its LSN (the previous one plus 1). Not
  /// durable until Commit(lsn) returns. Throws 58030 when the log has failed, 54000
  /// (program_limit_exceeded) when the payload exceeds kMaxPayloadSize.
  uint64_t Append(std::string_view payload);
  /// Returns when the record `lsn` and all before it are durable; shares the fsync with
  /// concurrent committers. Throws 58030 when the write or fsync fails (the log is failed from
  /// then on) or had failed before; XX000 when `lsn` was never appended.
  void Commit(uint64_t lsn);
  /// Append then Commit; returns the record's LSN once it is durable.
  uint64_t AppendAndSync(std::string_view payload);

  /// Replaces the log with an empty one whose first LSN is `next_lsn`, after a checkpoint made
  /// every record so far redundant. REQUIRES: no concurrent Append. Throws XX000 when records
  /// are appended but not committed or next_lsn is below the next LSN (LSNs never go back), and
  /// 58030 when a step fails; the log is failed then, and recovery finds the old log or the new.
  void Reset(uint64_t next_lsn);

  /// The LSN the next Append will assign.
  uint64_t next_lsn() const;
  /// The highest LSN known durable (first LSN - 1 when none).
  uint64_t durable_lsn() const;
  /// How many fsyncs of the log file Commit has issued (group commit makes this smaller than
  /// the number of commits under contention).
  idx_t sync_count() const;
  /// True once a write or fsync has failed; every write then throws 58030.
  bool failed() const;
  const std::string& path() const { return path_; }

 private:
  WriteAheadLog(FileSystem& fs, std::string path, std::unique_ptr<WritableFile> file, uint64_t next_lsn);

  /// Writes a file holding the file header for `first_lsn` and then `records` (encoded records)
  /// to `<path>.tmp`, syncs it and renames it over `path`, then syncs the directory.
  static void ReplaceFile(FileSystem& fs, const std::string& path, uint64_t first_lsn, FileHandle* records,
                          idx_t records_offset, idx_t records_length);
  /// Throws the 58030 a failed log raises. REQUIRES: mutex_ held and failure_ set.
  [[noreturn]] void ThrowFailed() const;

  FileSystem& fs_;
  const std::string path_;
  mutable std::mutex mutex_;
  std::condition_variable synced_;     // a leader finished its round
  std::unique_ptr<WritableFile> file_;  // written only by the leader (sync_in_progress_)
  std::string buffer_;                  // encoded records appended but not yet written
  uint64_t next_lsn_;                   // LSN of the next Append
  uint64_t durable_lsn_;                // last LSN written and fsynced
  bool sync_in_progress_ = false;       // a leader is writing/syncing outside the mutex
  idx_t sync_count_ = 0;
  std::optional<std::string> failure_;  // the first write/fsync failure's message
};

}  // namespace cairn
