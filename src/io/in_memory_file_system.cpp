// InMemoryFileSystem (see src/io/in_memory_file_system.h).
#include "io/in_memory_file_system.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "cairn/exception.h"

namespace cairn {

struct InMemoryFileSystem::Node {
  bool is_directory = false;
  std::string data;          // live bytes
  std::string durable_data;  // bytes at the last Sync
  int64_t modified = 0;
};

namespace {

using Node = InMemoryFileSystem::Node;

[[noreturn]] void ThrowMissing(const std::string& action, const std::string& path) {
  throw Exception(sqlstate::kUndefinedFile, "could not " + action + " \"" + path + "\": No such file or directory");
}

/// The parent of a normalized path; nullopt for the roots "" and "/".
std::optional<std::string> ParentOf(const std::string& normalized) {
  if (normalized.empty() || normalized == "/") return std::nullopt;
  return ParentDirectory(normalized);
}

std::string NameOf(const std::string& normalized) {
  auto slash = normalized.find_last_of('/');
  return slash == std::string::npos ? normalized : normalized.substr(slash + 1);
}

}  // namespace

class InMemoryFileHandle : public FileHandle {
 public:
  InMemoryFileHandle(std::string path, std::shared_ptr<Node> node, std::mutex& mutex)
      : path_(std::move(path)), node_(std::move(node)), mutex_(mutex) {}

  void Read(void* buffer, idx_t length, idx_t offset) override {
    std::lock_guard lock(mutex_);
    if (offset > node_->data.size() || length > node_->data.size() - offset) {
      throw Exception(sqlstate::kIoError, "could not read file \"" + path_ + "\": unexpected end of file at offset " +
                                              std::to_string(std::min<idx_t>(offset, node_->data.size())) + " (wanted " +
                                              std::to_string(length) + " bytes at " + std::to_string(offset) + ")");
    }
    if (length) std::memcpy(buffer, node_->data.data() + offset, length);
  }

  idx_t Size() override {
    std::lock_guard lock(mutex_);
    return node_->data.size();
  }

  const std::string& path() const override { return path_; }

 private:
  std::string path_;
  std::shared_ptr<Node> node_;
  std::mutex& mutex_;
};

class InMemoryWritableFile : public WritableFile {
 public:
  InMemoryWritableFile(std::string path, std::shared_ptr<Node> node, InMemoryFileSystem& fs)
      : path_(std::move(path)), node_(std::move(node)), fs_(fs) {}

  void Append(const void* data, idx_t length) override {
    RequireOpen();
    std::lock_guard lock(fs_.mutex_);
    if (fs_.capacity_ && fs_.LiveBytes() + length > *fs_.capacity_) {
      throw Exception(sqlstate::kIoError, "could not write to file \"" + path_ + "\": No space left on device");
    }
    node_->data.append(static_cast<const char*>(data), length);
    node_->modified = ++fs_.clock_;
  }

  void Sync() override {
    RequireOpen();
    std::lock_guard lock(fs_.mutex_);
    node_->durable_data = node_->data;
  }

  void Close() override { closed_ = true; }

  idx_t Size() const override {
    std::lock_guard lock(fs_.mutex_);
    return node_->data.size();
  }

  const std::string& path() const override { return path_; }

 private:
  void RequireOpen() const {
    if (closed_) throw Exception(sqlstate::kIoError, "file \"" + path_ + "\" is already closed");
  }

  std::string path_;
  std::shared_ptr<Node> node_;
  InMemoryFileSystem& fs_;
  bool closed_ = false;
};

InMemoryFileSystem::InMemoryFileSystem() {
  for (const char* root : {"", "/"}) {
    auto node = std::make_shared<Node>();
    node->is_directory = true;
    live_[root] = node;
    durable_[root] = node;
  }
}

InMemoryFileSystem::~InMemoryFileSystem() = default;

std::string InMemoryFileSystem::Normalize(const std::string& path) {
  const bool absolute = path.starts_with('/');
  std::string out = absolute ? "/" : "";
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string segment = path.substr(start, end - start);
    if (!segment.empty() && segment != ".") {
      if (!out.empty() && !out.ends_with('/')) out += '/';
      out += segment;
    }
    start = end + 1;
  }
  return out;
}

std::shared_ptr<Node> InMemoryFileSystem::Find(const std::string& normalized) const {
  auto it = live_.find(normalized);
  return it == live_.end() ? nullptr : it->second;
}

std::shared_ptr<Node> InMemoryFileSystem::RequireParentDirectory(const std::string& normalized) const {
  auto parent = ParentOf(normalized);
  auto node = parent ? Find(*parent) : nullptr;
  if (!node || !node->is_directory) ThrowMissing("create file", normalized);
  return node;
}

idx_t InMemoryFileSystem::LiveBytes() const {
  idx_t total = 0;
  for (const auto& [path, node] : live_) total += node->data.size();
  return total;
}

std::unique_ptr<FileHandle> InMemoryFileSystem::OpenForRead(const std::string& path) {
  std::lock_guard lock(mutex_);
  auto node = Find(Normalize(path));
  if (!node) ThrowMissing("open file", path);
  if (node->is_directory) throw Exception(sqlstate::kIoError, "could not open file \"" + path + "\": it is a directory");
  return std::make_unique<InMemoryFileHandle>(path, node, mutex_);
}

std::unique_ptr<WritableFile> InMemoryFileSystem::OpenForWrite(const std::string& path, WriteMode mode) {
  std::lock_guard lock(mutex_);
  const std::string normalized = Normalize(path);
  auto node = Find(normalized);
  if (node && node->is_directory) {
    throw Exception(sqlstate::kIoError, "could not create file \"" + path + "\": it is a directory");
  }
  if (node && mode == WriteMode::kCreateNew) {
    throw Exception(sqlstate::kIoError, "could not create file \"" + path + "\": File exists");
  }
  if (!node) {
    RequireParentDirectory(normalized);
    node = std::make_shared<Node>();
    live_[normalized] = node;
  } else if (mode == WriteMode::kTruncate) {
    node->data.clear();
  }
  node->modified = ++clock_;
  return std::make_unique<InMemoryWritableFile>(path, node, *this);
}

bool InMemoryFileSystem::Exists(const std::string& path) {
  std::lock_guard lock(mutex_);
  return Find(Normalize(path)) != nullptr;
}

bool InMemoryFileSystem::IsDirectory(const std::string& path) {
  std::lock_guard lock(mutex_);
  auto node = Find(Normalize(path));
  return node && node->is_directory;
}

int64_t InMemoryFileSystem::LastModifiedNanos(const std::string& path) {
  std::lock_guard lock(mutex_);
  auto node = Find(Normalize(path));
  if (!node) ThrowMissing("stat file", path);
  return node->modified;
}

std::vector<DirectoryEntry> InMemoryFileSystem::ListDirectory(const std::string& directory) {
  std::lock_guard lock(mutex_);
  const std::string normalized = Normalize(directory);
  auto node = Find(normalized);
  if (!node || !node->is_directory) ThrowMissing("list directory", directory.empty() ? "." : directory);
  std::vector<DirectoryEntry> entries;
  for (const auto& [path, child] : live_) {
    if (path == normalized) continue;
    auto parent = ParentOf(path);
    if (parent && *parent == normalized) entries.push_back({NameOf(path), child->is_directory});
  }
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return entries;
}

std::string InMemoryFileSystem::DirectoryIdentity(const std::string& directory) {
  std::lock_guard lock(mutex_);
  const std::string normalized = Normalize(directory);
  auto node = Find(normalized);
  if (!node || !node->is_directory) ThrowMissing("stat directory", directory.empty() ? "." : directory);
  return normalized;
}

void InMemoryFileSystem::CreateDirectories(const std::string& directory) {
  std::lock_guard lock(mutex_);
  const std::string normalized = Normalize(directory);
  std::vector<std::string> missing;
  for (std::optional<std::string> path = normalized; path; path = ParentOf(*path)) {
    auto node = Find(*path);
    if (node) {
      if (!node->is_directory) {
        throw Exception(sqlstate::kIoError, "could not create directory \"" + directory + "\": \"" + *path +
                                                "\" is a file");
      }
      break;
    }
    missing.push_back(*path);
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    auto node = std::make_shared<Node>();
    node->is_directory = true;
    node->modified = ++clock_;
    live_[*it] = node;
  }
}

void InMemoryFileSystem::Rename(const std::string& from, const std::string& to) {
  std::lock_guard lock(mutex_);
  const std::string source = Normalize(from);
  const std::string target = Normalize(to);
  auto node = Find(source);
  if (!node) ThrowMissing("rename", from);
  if (node->is_directory) {
    throw Exception(sqlstate::kFeatureNotSupported, "could not rename \"" + from + "\": renaming directories is not supported");
  }
  auto existing = Find(target);
  if (existing && existing->is_directory) {
    throw Exception(sqlstate::kIoError, "could not rename \"" + from + "\" to \"" + to + "\": it is a directory");
  }
  RequireParentDirectory(target);
  live_.erase(source);
  live_[target] = node;
}

void InMemoryFileSystem::RemoveFile(const std::string& path) {
  std::lock_guard lock(mutex_);
  const std::string normalized = Normalize(path);
  auto node = Find(normalized);
  if (!node) ThrowMissing("remove file", path);
  if (node->is_directory) throw Exception(sqlstate::kIoError, "could not remove file \"" + path + "\": it is a directory");
  live_.erase(normalized);
}

void InMemoryFileSystem::SyncDirectory(const std::string& directory) {
  std::lock_guard lock(mutex_);
  const std::string normalized = Normalize(directory);
  auto node = Find(normalized);
  if (!node || !node->is_directory) ThrowMissing("fsync directory", directory.empty() ? "." : directory);
  auto in_directory = [&](const std::string& path) {
    auto parent = ParentOf(path);
    return parent && *parent == normalized && path != normalized;
  };
  for (auto it = durable_.begin(); it != durable_.end();) {
    it = in_directory(it->first) && !live_.count(it->first) ? durable_.erase(it) : std::next(it);
  }
  for (const auto& [path, child] : live_) {
    if (in_directory(path)) durable_[path] = child;
  }
}

/// Releases its path in the file system's lock set when destroyed.
class InMemoryFileLock : public FileLock {
 public:
  InMemoryFileLock(std::string path, std::string normalized, InMemoryFileSystem& fs)
      : path_(std::move(path)), normalized_(std::move(normalized)), fs_(fs) {}
  ~InMemoryFileLock() override {
    {
      std::lock_guard lock(fs_.mutex_);
      fs_.locked_.erase(normalized_);
    }
    fs_.unlocked_.notify_all();
  }
  const std::string& path() const override { return path_; }

 private:
  std::string path_;
  std::string normalized_;
  InMemoryFileSystem& fs_;
};

std::unique_ptr<FileLock> InMemoryFileSystem::LockFile(const std::string& path, bool wait) {
  std::unique_lock lock(mutex_);
  const std::string normalized = Normalize(path);
  auto node = Find(normalized);
  if (node && node->is_directory) {
    throw Exception(sqlstate::kIoError, "could not open lock file \"" + path + "\": it is a directory");
  }
  if (!node) {
    RequireParentDirectory(normalized);
    node = std::make_shared<Node>();
    node->modified = ++clock_;
    live_[normalized] = node;
  }
  if (locked_.count(normalized)) {
    if (!wait) return nullptr;
    unlocked_.wait(lock, [&] { return !locked_.count(normalized); });
  }
  locked_.insert(normalized);
  return std::make_unique<InMemoryFileLock>(path, normalized, *this);
}

void InMemoryFileSystem::SimulateCrash() {
  std::lock_guard lock(mutex_);
  // An entry survives only if it and every directory above it were made durable.
  std::map<std::string, std::shared_ptr<Node>> survivors;
  for (const auto& [path, node] : durable_) {
    bool reachable = true;
    for (auto parent = ParentOf(path); parent; parent = ParentOf(*parent)) {
      auto it = durable_.find(*parent);
      if (it == durable_.end() || !it->second->is_directory) {
        reachable = false;
        break;
      }
    }
    if (reachable) survivors[path] = node;
  }
  for (auto& [path, node] : survivors) node->data = node->durable_data;
  live_ = survivors;
  durable_ = std::move(survivors);
}

void InMemoryFileSystem::SetCapacity(std::optional<idx_t> bytes) {
  std::lock_guard lock(mutex_);
  capacity_ = bytes;
}

}  // namespace cairn
