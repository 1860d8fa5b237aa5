// FileSystem: every file access of Cairn goes through this interface (LevelDB's Env), so tests
// can substitute an in-memory or fault-injecting implementation and later S3 can plug in.
// Implementations provide a small set of primitives (open, list, stat, rename, remove, sync);
// globbing, recursive listing and atomic whole-file writes are built once on top of them
// (src/io/file_system.cpp) so every implementation behaves the same.
//
// Durability model (what a WAL and checkpoints rely on): data appended to a WritableFile is
// durable after WritableFile::Sync(); a file's creation, rename or removal is durable after
// SyncDirectory() on its parent directory. InMemoryFileSystem::SimulateCrash() enforces exactly
// this, so tests can prove a writer syncs what it must.
//
// Errors: methods throw cairn::Exception — 58P01 (undefined_file) when a path does not exist,
// 58030 (io_error) for other failures — with the path in the message.
//
// Thread-safety: FileSystem methods are thread-safe. A FileHandle's Read() is positional
// (pread) and may be called from many threads at once. A WritableFile is used by one thread at
// a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cairn/types.h"

namespace cairn {

/// A file opened for reading.
class FileHandle {
 public:
  virtual ~FileHandle() = default;
  /// Reads exactly `length` bytes at `offset` into `buffer`; throws 58030 on a short read.
  virtual void Read(void* buffer, idx_t length, idx_t offset) = 0;
  /// Size of the file in bytes.
  virtual idx_t Size() = 0;
  virtual const std::string& path() const = 0;
};

/// How OpenForWrite treats an existing file.
enum class WriteMode : uint8_t {
  kTruncate,   // create, or truncate an existing file to zero bytes
  kAppend,     // create, or keep an existing file's bytes and append after them
  kCreateNew,  // create; 58030 if the path already exists
};

/// A file opened for writing; bytes are appended at the end.
class WritableFile {
 public:
  /// Closes the file if Close() was not called; errors are ignored there, so writers that
  /// need to know call Close().
  virtual ~WritableFile() = default;
  /// Appends `length` bytes. Throws 58030 (e.g. "No space left on device").
  virtual void Append(const void* data, idx_t length) = 0;
  /// Makes every byte appended so far durable (fsync). Throws 58030.
  virtual void Sync() = 0;
  /// Releases the file. Throws 58030 if buffered data could not be written. Idempotent.
  virtual void Close() = 0;
  /// Bytes in the file, including those appended by this handle.
  virtual idx_t Size() const = 0;
  virtual const std::string& path() const = 0;
};

/// An exclusive advisory lock taken by FileSystem::LockFile; released when destroyed.
class FileLock {
 public:
  virtual ~FileLock() = default;
  /// The lock file's path.
  virtual const std::string& path() const = 0;
};

/// One entry of a directory listing.
struct DirectoryEntry {
  std::string name;           // the last path segment
  bool is_directory = false;  // after following symbolic links
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  /// The process-wide local (POSIX) file system.
  static FileSystem& Local();

  // ---- primitives each implementation provides ----
  virtual std::unique_ptr<FileHandle> OpenForRead(const std::string& path) = 0;
  /// Opens `path` for writing; its parent directory must exist (58P01 otherwise).
  virtual std::unique_ptr<WritableFile> OpenForWrite(const std::string& path, WriteMode mode) = 0;
  virtual bool Exists(const std::string& path) = 0;
  virtual bool IsDirectory(const std::string& path) = 0;
  /// Last modification time in nanoseconds since the epoch (for cache invalidation).
  virtual int64_t LastModifiedNanos(const std::string& path) = 0;
  /// The entries of `directory` ("" = the current directory) sorted by name, without "." and
  /// "..". Throws 58P01 when it does not exist or is not a directory.
  virtual std::vector<DirectoryEntry> ListDirectory(const std::string& directory) = 0;
  /// A key naming the directory object itself, equal for every path that reaches it
  /// (through symbolic links, "..", bind mounts): device and inode on POSIX. Used to visit each
  /// directory once when walking trees that contain link cycles.
  virtual std::string DirectoryIdentity(const std::string& directory) = 0;
  /// Creates `directory` and any missing parents; no error if it exists.
  virtual void CreateDirectories(const std::string& directory) = 0;
  /// Renames `from` to `to`, atomically replacing `to` if it exists (rename(2)).
  virtual void Rename(const std::string& from, const std::string& to) = 0;
  /// Removes the file `path`; 58P01 if it does not exist.
  virtual void RemoveFile(const std::string& path) = 0;
  /// Makes the creations, renames and removals of entries in `directory` durable.
  virtual void SyncDirectory(const std::string& directory) = 0;
  /// Takes an exclusive advisory lock on the lock file `path` (created empty if missing, never
  /// removed). With `wait`, blocks until the lock is free; without, returns nullptr when it is
  /// held. The lock excludes other processes and other LockFile calls of this process alike,
  /// and ends when the returned object is destroyed or the process dies (POSIX: flock(2) on a
  /// fresh open file description). Throws 58P01 if the directory does not exist, 58030 if the
  /// file cannot be opened or locked.
  virtual std::unique_ptr<FileLock> LockFile(const std::string& path, bool wait) = 0;

  // ---- built on the primitives (src/io/file_system.cpp) ----
  /// Regular files under `directory`, recursively (following symbolic links, each directory
  /// visited once), sorted by path. Throws 58P01 when `directory` does not exist.
  std::vector<std::string> ListFilesRecursive(const std::string& directory);
  /// Paths of files matching a glob pattern (`*` and `?` within one path segment, `**` across
  /// segments, `[...]` classes), sorted, each listed once. `**` follows symbolic links but
  /// visits each directory once per pattern position, so link cycles end. A pattern without
  /// wildcards returns itself if it exists.
  std::vector<std::string> Glob(const std::string& pattern);
  /// Writes `data` to `path` atomically: a temporary file beside it (`<path>.tmp.<pid>`),
  /// synced, renamed over `path`, and the directory synced. A crash leaves either the old or
  /// the new content at `path`, and possibly the temporary (see RemoveAtomicWriteTemporaries).
  /// Concurrent writers of one path must be serialized by the caller (e.g. with LockFile).
  void WriteFileAtomic(const std::string& path, const std::string& data);
  /// Removes every `<path>.tmp.*` file WriteFileAtomic(path) may have left behind when its
  /// writer died, and syncs the directory if it removed any. Returns how many it removed. Call
  /// it only while holding the lock that serializes writers of `path`: it would remove a live
  /// writer's temporary otherwise.
  idx_t RemoveAtomicWriteTemporaries(const std::string& path);
  /// Reads a whole (small) file into memory.
  std::string ReadFile(const std::string& path);
};

/// True if `pattern` contains glob wildcards (*, ?, [).
bool HasGlobWildcards(const std::string& pattern);

/// The directory part of `path` ("" for a bare name, "/" for a file in the root).
std::string ParentDirectory(const std::string& path);

}  // namespace cairn
