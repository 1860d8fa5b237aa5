// InMemoryFileSystem: a FileSystem held entirely in memory (LevelDB's MemEnv), for tests of
// everything that writes files — WAL, checkpoints, catalog files — without touching the disk,
// and for crash tests: it models the durability rules of src/io/file_system.h exactly.
//
//   - A file's bytes become durable at WritableFile::Sync(); SimulateCrash() cuts every file
//     back to the bytes it had at its last Sync (new files: empty).
//   - A directory's entries (creations, renames, removals of files and subdirectories) become
//     durable at SyncDirectory(); SimulateCrash() restores every directory's entries to what
//     they were at its last SyncDirectory. The root and the current directory always exist.
//   - LockFile creates the lock file like any file and excludes other LockFile calls on the
//     same path until the returned lock is destroyed (as flock does between processes).
//   - SetCapacity(n) makes appends fail with 58030 "No space left on device" once the live
//     files hold n bytes in total (a full disk).
//
// Paths: "/"-separated; "" and "." are the current directory; repeated and trailing slashes are
// ignored. There are no symbolic links, so DirectoryIdentity is the normalized path.
//
// Thread-safety: every method is thread-safe (one mutex); handles may be used concurrently
// with other file system calls.
#pragma once

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "io/file_system.h"

namespace cairn {

class InMemoryFileSystem : public FileSystem {
 public:
  InMemoryFileSystem();
  ~InMemoryFileSystem() override;

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

  /// Forgets everything that was not made durable, as a power loss would.
  void SimulateCrash();
  /// Total bytes the live files may hold; nullopt = unlimited (the default).
  void SetCapacity(std::optional<idx_t> bytes);

  /// Internal node type (a file or a directory); public only so the .cpp's handles can name it.
  struct Node;

 private:
  /// The normalized form of `path` (see the header comment).
  static std::string Normalize(const std::string& path);
  std::shared_ptr<Node> Find(const std::string& normalized) const;  // REQUIRES: mutex_ held
  std::shared_ptr<Node> RequireParentDirectory(const std::string& normalized) const;  // REQUIRES: mutex_ held
  idx_t LiveBytes() const;  // REQUIRES: mutex_ held

  mutable std::mutex mutex_;
  /// Live namespace: normalized path -> node ("" is the current directory, "/" the root).
  std::map<std::string, std::shared_ptr<Node>> live_;
  /// Durable namespace, per the rules above.
  std::map<std::string, std::shared_ptr<Node>> durable_;
  std::optional<idx_t> capacity_;
  int64_t clock_ = 0;  // logical modification time
  std::set<std::string> locked_;  // normalized paths of the lock files held now
  std::condition_variable unlocked_;  // notified when a lock is released

  friend class InMemoryFileLock;

  friend class InMemoryWritableFile;
};

}  // namespace cairn
