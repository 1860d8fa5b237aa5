// The local POSIX file system (see src/io/file_system.h).
#include <fcntl.h>
#include <fnmatch.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

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

bool SegmentHasWildcards(const std::string& segment) {
  return segment.find_first_of("*?[") != std::string::npos;
}

class LocalFileSystem : public FileSystem {
 public:
  std::unique_ptr<FileHandle> OpenForRead(const std::string& path) override {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      const char* state = errno == ENOENT ? sqlstate::kUndefinedFile : sqlstate::kIoError;
      throw Exception(state, "could not open file \"" + path + "\": " + ErrnoText());
    }
    struct stat info;
    if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
      ::close(fd);
      throw Exception(sqlstate::kIoError, "could not open file \"" + path + "\": it is a directory");
    }
    return std::make_unique<LocalFileHandle>(path, fd);
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
    if (::stat(path.c_str(), &info) != 0) {
      const char* state = errno == ENOENT ? sqlstate::kUndefinedFile : sqlstate::kIoError;
      throw Exception(state, "could not stat file \"" + path + "\": " + ErrnoText());
    }
    return static_cast<int64_t>(info.st_mtim.tv_sec) * 1000000000LL + info.st_mtim.tv_nsec;
  }

  std::vector<std::string> ListFilesRecursive(const std::string& directory) override {
    std::vector<std::string> files;
    std::error_code error;
    std::filesystem::recursive_directory_iterator it(directory, std::filesystem::directory_options::skip_permission_denied,
                                                     error);
    if (error) {
      throw Exception(sqlstate::kUndefinedFile, "could not list directory \"" + directory + "\": " + error.message());
    }
    for (; it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
      if (error) break;
      if (it->is_regular_file(error)) files.push_back(it->path().string());
    }
    std::sort(files.begin(), files.end());
    return files;
  }

  std::vector<std::string> Glob(const std::string& pattern) override {
    if (!HasGlobWildcards(pattern)) {
      if (Exists(pattern)) return {pattern};
      return {};
    }
    std::vector<std::string> segments;
    std::string current;
    for (char c : pattern) {
      if (c == '/') {
        segments.push_back(current);
        current.clear();
      } else {
        current += c;
      }
    }
    segments.push_back(current);
    std::vector<std::string> results;
    // segments[0] is "" for absolute patterns.
    std::string root = pattern.starts_with('/') ? "/" : "";
    size_t first = pattern.starts_with('/') ? 1 : 0;
    Expand(root, segments, first, results);
    std::sort(results.begin(), results.end());
    results.erase(std::unique(results.begin(), results.end()), results.end());
    return results;
  }

  void WriteFileAtomic(const std::string& path, const std::string& data) override {
    std::string temp = path + ".tmp." + std::to_string(::getpid());
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw Exception(sqlstate::kIoError, "could not create file \"" + temp + "\": " + ErrnoText());
    size_t done = 0;
    while (done < data.size()) {
      ssize_t n = ::write(fd, data.data() + done, data.size() - done);
      if (n < 0) {
        if (errno == EINTR) continue;
        std::string message = ErrnoText();
        ::close(fd);
        ::unlink(temp.c_str());
        throw Exception(sqlstate::kIoError, "could not write file \"" + temp + "\": " + message);
      }
      done += static_cast<size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
      std::string message = ErrnoText();
      ::unlink(temp.c_str());
      throw Exception(sqlstate::kIoError, "could not sync file \"" + temp + "\": " + message);
    }
    if (::rename(temp.c_str(), path.c_str()) != 0) {
      std::string message = ErrnoText();
      ::unlink(temp.c_str());
      throw Exception(sqlstate::kIoError, "could not rename \"" + temp + "\" to \"" + path + "\": " + message);
    }
    // Make the rename durable.
    std::string directory = std::filesystem::path(path).parent_path().string();
    int dir_fd = ::open(directory.empty() ? "." : directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd >= 0) {
      ::fsync(dir_fd);
      ::close(dir_fd);
    }
  }

  std::string ReadFile(const std::string& path) override {
    auto handle = OpenForRead(path);
    idx_t size = handle->Size();
    std::string data(size, '\0');
    if (size) handle->Read(data.data(), size, 0);
    return data;
  }

 private:
  // Expands segments[index..] under `base` (a directory path, "" = current directory).
  void Expand(const std::string& base, const std::vector<std::string>& segments, size_t index,
              std::vector<std::string>& results) {
    auto join = [&](const std::string& name) {
      if (base.empty()) return name;
      if (base.ends_with('/')) return base + name;
      return base + "/" + name;
    };
    if (index == segments.size()) {
      if (!base.empty() && Exists(base)) results.push_back(base);
      return;
    }
    const std::string& segment = segments[index];
    bool last = index + 1 == segments.size();
    if (segment == "**") {
      // Zero directories...
      Expand(base, segments, index + 1, results);
      // ...or one more directory, keeping "**" active.
      for (const auto& entry : ListDirectory(base)) {
        std::string path = join(entry);
        if (IsDirectory(path)) Expand(path, segments, index, results);
      }
      return;
    }
    if (!SegmentHasWildcards(segment)) {
      std::string path = join(segment);
      if (last ? Exists(path) : IsDirectory(path)) Expand(path, segments, index + 1, results);
      return;
    }
    for (const auto& entry : ListDirectory(base)) {
      if (entry.starts_with('.') && !segment.starts_with('.')) continue;
      if (::fnmatch(segment.c_str(), entry.c_str(), FNM_PERIOD) != 0) continue;
      std::string path = join(entry);
      if (last) {
        if (!IsDirectory(path)) results.push_back(path);
      } else if (IsDirectory(path)) {
        Expand(path, segments, index + 1, results);
      }
    }
  }

  std::vector<std::string> ListDirectory(const std::string& directory) {
    std::vector<std::string> names;
    std::error_code error;
    std::filesystem::directory_iterator it(directory.empty() ? "." : directory, error);
    if (error) return names;
    for (; it != std::filesystem::directory_iterator(); it.increment(error)) {
      if (error) break;
      names.push_back(it->path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
  }
};

}  // namespace

FileSystem& FileSystem::Local() {
  static LocalFileSystem file_system;
  return file_system;
}

bool HasGlobWildcards(const std::string& pattern) { return pattern.find_first_of("*?[") != std::string::npos; }

}  // namespace cairn
