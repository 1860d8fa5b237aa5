// The data directory lock: `<data dir>/.cairn.lock`, an advisory lock file (flock) that every
// process holds while it changes the data directory's catalog files (table_mappings.json
// today). It serializes writers across processes; readers never take it, because every change
// is published by an atomic rename (docs/design/registry-persistence.md).
//
// Thread-safety: free functions; the lock excludes other threads of this process too.
#pragma once

#include <memory>
#include <string>

#include "io/file_system.h"

namespace cairn {

/// The lock file's name inside a data directory.
inline constexpr const char* kDataDirectoryLockFile = ".cairn.lock";

/// The lock file of the directory holding `catalog_file` (a path inside the data directory).
std::string DataDirectoryLockPath(const std::string& catalog_file);

/// Takes the lock of the directory holding `catalog_file`, blocking until it is free. Throws
/// what FileSystem::LockFile throws (58030 naming the lock file, e.g. in a read-only directory).
std::unique_ptr<FileLock> LockDataDirectory(FileSystem& fs, const std::string& catalog_file);

}  // namespace cairn
