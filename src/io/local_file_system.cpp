// The local POSIX file system (see src/io/file_system.h).
#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "cairn/exception.h"
#include "io/file_system.h"

namespace cairn {

namespace {

std::string ErrnoText() { return std::strerror(errno); }

class LocalFileHandle : public FileHandle {
 public:
  LocalFileHandle(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  ~LocalFileHandle() override { ::close(fd_); }

  void Read(void* buffer, idx_t length, idx_t offset) override {
    auto* target = static_cast<char*>(buffer);
    idx_t done = 0;
    while (done < length) {
      ssize_t n = ::pread(fd_, target + done, length - done, static_cast<off_t>(offset + done));
      if (n < 0) {
        if (errno == EINTR) continue;
        throw Exception(sqlstate::kIoError, "could not read file \"" + path_ + "\": " + ErrnoText());
      }
      if (n == 0) {
        throw Exception(sqlstate::kIoError, "could not read file \"" + path_ + "\": unexpected end of file at offset " +
                                                std::to_string(offset + done) + " (wanted " +
                                                std::to_string(length) + " bytes at " + std::to_string(offset) + ")");
      }
      done += static_cast<idx_t>(n);
    }
  }

  idx_t Size() override {
    struct stat info;
    if (::fstat(fd_, &info) != 0) {
      throw Exception(sqlstate::kIoError, "could not stat file \"" + path_ + "\": " + ErrnoText());
    }
    return static_cast<idx_t>(info.st_size);
  }

  const std::string& path() const override { return path_; }

 private:
  std::string path_;
  int fd_;
};

[[noreturn]] void ThrowErrno(const std::string& action, const std::string& path) {
  const char* state = errno == ENOENT ? sqlstate::kUndefinedFile : sqlstate::kIoError;
  throw Exception(state, "could not " + action + " \"" + path + "\": " + ErrnoText());
}

class LocalWritableFile : public WritableFile {
 public:
  LocalWritableFile(std::string path, int fd, idx_t size) : path_(std::move(path)), fd_(fd), size_(size) {}
  ~LocalWritableFile() override {
    if (fd_ >= 0) ::close(fd_);
  }

  void Append(const void* data, idx_t length) override {
    RequireOpen();
    const auto* source = static_cast<const char*>(data);
    idx_t done = 0;
    while (done < length) {
      ssize_t n = ::write(fd_, source + done, length - done);
      if (n < 0) {
        if (errno == EINTR) continue;
        ThrowErrno("write to file", path_);
      }
      done += static_cast<idx_t>(n);
    }
    size_ += length;
  }

  void Sync() override {
    RequireOpen();
    if (::fdatasync(fd_) != 0) ThrowErrno("fsync file", path_);
  }

  void Close() override {
    if (fd_ < 0) return;
    int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) ThrowErrno("close file", path_);
  }

  idx_t Size() const override { return size_; }
  const std::string& path() const override { return path_; }

 private:
  void RequireOpen() const {
    if (fd_ < 0) throw Exception(sqlstate::kIoError, "file \"" + path_ + "\" is already closed");
  }

  std::string path_;
  int fd_;
  idx_t size_;
};

/// A flock(2) held on an open descriptor; closing the descriptor releases it.
class LocalFileLock : public FileLock {
 public:
  LocalFileLock(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  ~LocalFileLock() override { ::close(fd_); }
  const std::string& path() const override { return path_; }

 private:
  std::string path_;
  int fd_;
};

class LocalFileSystem : public FileSystem {
 public:
  std::unique_ptr<FileHandle> OpenForRead(const std::string& path) override {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) ThrowErrno("open file", path);
    struct stat info;
    if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
      ::close(fd);
      throw Exception(sqlstate::kIoError, "could not open file \"" + path + "\": it is a directory");
    }
    return std::make_unique<LocalFileHandle>(path, fd);
  }

  std::unique_ptr<WritableFile> OpenForWrite(const std::string& path, WriteMode mode) override {
    int flags = O_WRONLY | O_CREAT | O_CLOEXEC;
    switch (mode) {
      case WriteMode::kTruncate: flags |= O_TRUNC; break;
      case WriteMode::kAppend: flags |= O_APPEND; break;
      case WriteMode::kCreateNew: flags |= O_EXCL; break;
    }
    int fd = ::open(path.c_str(), flags, 0644);
    if (fd < 0) ThrowErrno("create file", path);
    struct stat info;
    if (::fstat(fd, &info) != 0) {
      int saved = errno;
      ::close(fd);
      errno = saved;
      ThrowErrno("stat file", path);
    }
    return std::make_unique<LocalWritableFile>(path, fd, static_cast<idx_t>(info.st_size));
  }

  bool Exists(const std::string& path) override {
    struct stat info;
    return ::stat(path.c_str(), &info) == 0;
  }

  bool IsDirectory(const std::string& path) override {
    struct stat info;
    return ::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
  }

  int64_t LastModifiedNanos(const std::string& path) override {
    struct stat info;
    if (::stat(path.c_str(), &info) != 0) ThrowErrno("stat file", path);
    return static_cast<int64_t>(info.st_mtim.tv_sec) * 1000000000LL + info.st_mtim.tv_nsec;
  }

  std::vector<DirectoryEntry> ListDirectory(const std::string& directory) override {
    const std::string path = directory.empty() ? "." : directory;
    DIR* handle = ::opendir(path.c_str());
    if (handle == nullptr) ThrowErrno("list directory", path);
    std::vector<DirectoryEntry> entries;
    errno = 0;
    while (dirent* entry = ::readdir(handle)) {
      std::string name = entry->d_name;
      if (name == "." || name == "..") continue;
      bool is_directory = entry->d_type == DT_DIR;
      if (entry->d_type == DT_LNK || entry->d_type == DT_UNKNOWN) {
        struct stat info;  // follow the link; a dangling link is a non-directory entry
        is_directory = ::fstatat(::dirfd(handle), entry->d_name, &info, 0) == 0 && S_ISDIR(info.st_mode);
      }
      entries.push_back({std::move(name), is_directory});
    }
    ::closedir(handle);
    std::sort(entries.begin(), entries.end(),
              [](const DirectoryEntry& a, const DirectoryEntry& b) { return a.name < b.name; });
    return entries;
  }

  std::string DirectoryIdentity(const std::string& directory) override {
    struct stat info;
    const std::string path = directory.empty() ? "." : directory;
    if (::stat(path.c_str(), &info) != 0) ThrowErrno("stat directory", path);
    return std::to_string(static_cast<uint64_t>(info.st_dev)) + ":" + std::to_string(static_cast<uint64_t>(info.st_ino));
  }

  void CreateDirectories(const std::string& directory) override {
    std::error_code error;
    std::filesystem::create_directories(directory, error);
    if (error) {
      throw Exception(sqlstate::kIoError, "could not create directory \"" + directory + "\": " + error.message());
    }
  }

  void Rename(const std::string& from, const std::string& to) override {
    if (::rename(from.c_str(), to.c_str()) != 0) ThrowErrno("rename \"" + from + "\" to", to);
  }

  void RemoveFile(const std::string& path) override {
    if (::unlink(path.c_str()) != 0) ThrowErrno("remove file", path);
  }

  std::unique_ptr<FileLock> LockFile(const std::string& path, bool wait) override {
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    // An existing lock file in a directory this process may not write still locks.
    if (fd < 0 && (errno == EACCES || errno == EROFS)) fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) ThrowErrno("open lock file", path);
    while (::flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0) {
      if (errno == EINTR) continue;
      int saved = errno;
      ::close(fd);
      if (saved == EWOULDBLOCK) return nullptr;
      errno = saved;
      ThrowErrno("lock file", path);
    }
    return std::make_unique<LocalFileLock>(path, fd);
  }

  void SyncDirectory(const std::string& directory) override {
    const std::string path = directory.empty() ? "." : directory;
    int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) ThrowErrno("open directory", path);
    int result = ::fsync(fd);
    int saved = errno;
    ::close(fd);
    errno = saved;
    // Some file systems cannot fsync a directory; their renames are durable by other means.
    if (result != 0 && errno != EINVAL && errno != EROFS) ThrowErrno("fsync directory", path);
  }
};

}  // namespace

FileSystem& FileSystem::Local() {
  static LocalFileSystem file_system;
  return file_system;
}

}  // namespace cairn
