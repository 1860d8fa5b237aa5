// FileSystem: every file access of Cairn goes through this interface (LevelDB's Env), so tests
// can substitute an in-memory or fault-injecting implementation and later S3 can plug in.
//
// Errors: methods throw cairn::Exception — 58P01 (undefined_file) when a path does not exist,
// 58030 (io_error) for other failures — with the path in the message.
//
// Thread-safety: FileSystem methods are thread-safe. A FileHandle's Read() is positional
// (pread) and may be called from many threads at once.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cairn/types.h"

namespace cairn {

class FileHandle {
 public:
  virtual ~FileHandle() = default;
  /// Reads exactly `length` bytes at `offset` into `buffer`; throws 58030 on a short read.
  virtual void Read(void* buffer, idx_t length, idx_t offset) = 0;
  /// Size of the file in bytes.
  virtual idx_t Size() = 0;
  virtual const std::string& path() const = 0;
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  /// The process-wide local (POSIX) file system.
  static FileSystem& Local();

  virtual std::unique_ptr<FileHandle> OpenForRead(const std::string& path) = 0;
  virtual bool Exists(const std::string& path) = 0;
  virtual bool IsDirectory(const std::string& path) = 0;
  /// Last modification time in nanoseconds since the epoch (for cache invalidation).
  virtual int64_t LastModifiedNanos(const std::string& path) = 0;
  /// Regular files under `directory`, recursively, sorted by path.
  virtual std::vector<std::string> ListFilesRecursive(const std::string& directory) = 0;
  /// Paths matching a glob pattern (`*` and `?` within one path segment, `**` across
  /// segments, `[...]` classes), sorted. A pattern without wildcards returns itself if it exists.
  virtual std::vector<std::string> Glob(const std::string& pattern) = 0;
  /// Writes `data` to `path` atomically (temp file, fsync, rename).
  virtual void WriteFileAtomic(const std::string& path, const std::string& data) = 0;
  /// Reads a whole (small) file into memory.
  virtual std::string ReadFile(const std::string& path) = 0;
};

/// True if `pattern` contains glob wildcards (*, ?, [).
bool HasGlobWildcards(const std::string& pattern);

}  // namespace cairn
