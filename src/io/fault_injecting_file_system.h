// FaultInjectingFileSystem: a FileSystem that forwards every call to another one (usually an
// InMemoryFileSystem) and fails a chosen call, so tests can prove that a writer (the
// write-ahead log, checkpoints, catalog files) handles every failing write, fsync, rename, open
// and remove — LevelDB's FaultInjectionTestEnv, in Cairn's terms.
//
// Every mutating call is counted by its Operation (1-based, per operation, only calls whose path
// matches the path filter). FailAt(op, n, kind) arms a fault for the n-th such call:
//   - FaultKind::kFail        the call does nothing and throws 58030 (io_error);
//   - FaultKind::kShortWrite  (Append only) the first k bytes are appended, then 58030 is thrown,
//                             as when a process dies or the disk fills in mid-write.
// A test typically runs a scenario once to learn CallCount(op), then sweeps n = 1..count with a
// fresh base file system each time, and checks what SimulateCrash() on the base leaves behind.
// A fault fires once; calls after it succeed again (use FailFrom to fail every later call too,
// as a disk that stays broken). SetSyncDelay makes every Sync and SyncDirectory take a while, as
// a real fsync does, so group-commit tests see contention.
//
// Reads (OpenForRead, FileHandle::Read, Exists, listings), CreateDirectories, LockFile and
// WritableFile::Close are forwarded uncounted. A rename matches the filter by either path, a
// directory fsync by the directory's path.
//
// Thread-safety: thread-safe like any FileSystem; counters and armed faults are under one mutex.
// The base file system must outlive this object and every handle it returned.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "io/file_system.h"

namespace cairn {

/// The kinds of file system calls FaultInjectingFileSystem counts and can fail.
enum class FileOperation : uint8_t {
  kOpenForWrite,   // FileSystem::OpenForWrite
  kAppend,         // WritableFile::Append
  kSync,           // WritableFile::Sync
  kSyncDirectory,  // FileSystem::SyncDirectory
  kRename,         // FileSystem::Rename
  kRemoveFile,     // FileSystem::RemoveFile
};

/// How an armed fault fails its call.
enum class FaultKind : uint8_t {
  kFail,        // throw 58030 without doing anything
  kShortWrite,  // Append only: append the first `short_write_bytes` bytes, then throw 58030
};

/// The name of `op` as messages print it ("append", "fsync", ...).
const char* FileOperationName(FileOperation op);

class FaultInjectingFileSystem : public FileSystem {
 public:
  /// Wraps `base`, which must outlive this object and its handles.
  explicit FaultInjectingFileSystem(FileSystem& base);
  ~FaultInjectingFileSystem() override;

  /// Arms a fault for the `nth` (1-based, counting from the last Reset) call of `op` whose path
  /// matches the filter. `short_write_bytes` is how many bytes a kShortWrite appends before
  /// failing (capped at the call's length). Replaces a fault armed earlier for `op`. Throws
  /// XX000 for nth = 0 or kShortWrite on an operation other than kAppend.
  void FailAt(FileOperation op, idx_t nth, FaultKind kind = FaultKind::kFail, idx_t short_write_bytes = 0);
  /// Like FailAt(op, nth, kFail), but the nth call and every later call of `op` fail.
  void FailFrom(FileOperation op, idx_t nth);
  /// Only calls on paths containing `substring` are counted and can fail ("" = every path).
  void SetPathFilter(std::string substring);
  /// Every Sync and SyncDirectory sleeps this long before forwarding (a slow disk).
  void SetSyncDelay(std::chrono::microseconds delay);
  /// Disarms every fault and zeroes every counter; keeps the path filter and the sync delay.
  void Reset();
  /// How many calls of `op` matched the filter since the last Reset (the failed ones included).
  idx_t CallCount(FileOperation op) const;
  /// How many faults fired since the last Reset.
  idx_t FaultsInjected() const;

  std::unique_ptr<FileHandle> OpenForRead(const std::string& path) override;
  std::unique_ptr<WritableFile> OpenForWrite(const std::string& path, WriteMode mode) override;
  bool Exists(const std::string& path) override;
  bool IsDirectory(const std::string& path) override;
  int64_t LastModifiedNanos(const std::string& path) override;
  std::vector<DirectoryEntry> ListDirectory(const std::string& directory) override;
  std::string DirectoryIdentity(const std::string& directory) override;
  void CreateDirectories(const std::string& directory) override;
  void Rename(const std::string& from, const std::string& to) override;
  void RemoveFile(const std::string& path) override;
  void SyncDirectory(const std::string& directory) override;
  std::unique_ptr<FileLock> LockFile(const std::string& path, bool wait) override;

  /// What an armed fault does to the current call (internal; used by the .cpp's file handles).
  struct Decision {
    bool fail = false;
    FaultKind kind = FaultKind::kFail;
    idx_t short_write_bytes = 0;
    idx_t call = 0;  // the call's 1-based number for its operation
  };
  /// Counts a call of `op` on `path` and says whether it must fail (internal).
  Decision Intercept(FileOperation op, const std::string& path);
  /// Sleeps for the sync delay, if any (internal).
  void DelaySync() const;

 private:
  struct ArmedFault {
    idx_t nth = 0;
    bool sticky = false;  // FailFrom: every call from nth on
    FaultKind kind = FaultKind::kFail;
    idx_t short_write_bytes = 0;
  };

  FileSystem& base_;
  mutable std::mutex mutex_;
  std::map<FileOperation, idx_t> counts_;
  std::map<FileOperation, ArmedFault> faults_;
  std::string path_filter_;
  std::chrono::microseconds sync_delay_{0};
  idx_t faults_injected_ = 0;
};

}  // namespace cairn
