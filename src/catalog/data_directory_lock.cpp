#include "catalog/data_directory_lock.h"

namespace cairn {

std::string DataDirectoryLockPath(const std::string& catalog_file) {
  const std::string directory = ParentDirectory(catalog_file);
  if (directory.empty()) return kDataDirectoryLockFile;
  return (directory == "/" ? std::string("/") : directory + "/") + kDataDirectoryLockFile;
}

std::unique_ptr<FileLock> LockDataDirectory(FileSystem& fs, const std::string& catalog_file) {
  return fs.LockFile(DataDirectoryLockPath(catalog_file), true);
}

}  // namespace cairn
