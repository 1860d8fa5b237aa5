// The parts of FileSystem built on its primitives (see src/io/file_system.h): globbing,
// recursive listing, atomic whole-file writes. Written once here so the local and in-memory
// file systems behave identically.
#include "io/file_system.h"

#include <fnmatch.h>
#include <unistd.h>

#include <algorithm>
#include <set>
#include <utility>

#include "cairn/exception.h"

namespace cairn {

namespace {

bool SegmentHasWildcards(const std::string& segment) { return segment.find_first_of("*?[") != std::string::npos; }

std::string JoinPath(const std::string& base, const std::string& name) {
  if (base.empty()) return name;
  if (base.ends_with('/')) return base + name;
  return base + "/" + name;
}

/// Glob expansion state: directories already expanded at a pattern position. A directory
/// reached twice at the same position (a symbolic link cycle, or two links to one directory)
/// would produce the same matches again, so it is skipped.
class GlobExpander {
 public:
  GlobExpander(FileSystem& fs, const std::vector<std::string>& segments) : fs_(fs), segments_(segments) {}

  // Expands segments_[index..] under `base` (a directory path, "" = current directory).
  void Expand(const std::string& base, size_t index, std::vector<std::string>& results) {
    if (index == segments_.size()) {
      if (!base.empty() && fs_.Exists(base) && !fs_.IsDirectory(base)) results.push_back(base);
      return;
    }
    const std::string& segment = segments_[index];
    const bool last = index + 1 == segments_.size();
    if (segment == "**") {
      if (!visited_.emplace(fs_.DirectoryIdentity(base.empty() ? "." : base), index).second) return;
      // Zero directories...
      Expand(base, index + 1, results);
      // ...or one more directory, keeping "**" active.
      for (const auto& entry : List(base)) {
        if (entry.is_directory) {
          Expand(JoinPath(base, entry.name), index, results);
        } else if (last) {
          results.push_back(JoinPath(base, entry.name));  // a trailing "**" matches every file below
        }
      }
      return;
    }
    if (!SegmentHasWildcards(segment)) {
      std::string path = JoinPath(base, segment);
      if (last ? fs_.Exists(path) && !fs_.IsDirectory(path) : fs_.IsDirectory(path)) Expand(path, index + 1, results);
      return;
    }
    for (const auto& entry : List(base)) {
      if (entry.name.starts_with('.') && !segment.starts_with('.')) continue;
      if (::fnmatch(segment.c_str(), entry.name.c_str(), FNM_PERIOD) != 0) continue;
      std::string path = JoinPath(base, entry.name);
      if (last) {
        if (!entry.is_directory) results.push_back(path);
      } else if (entry.is_directory) {
        Expand(path, index + 1, results);
      }
    }
  }

 private:
  std::vector<DirectoryEntry> List(const std::string& directory) {
    try {
      return fs_.ListDirectory(directory);
    } catch (const Exception&) {
      return {};  // unreadable or vanished directories match nothing, as in glob(3)
    }
  }

  FileSystem& fs_;
  const std::vector<std::string>& segments_;
  std::set<std::pair<std::string, size_t>> visited_;
};

void ListRecursive(FileSystem& fs, const std::string& directory, std::set<std::string>& visited,
                   std::vector<std::string>& files) {
  if (!visited.insert(fs.DirectoryIdentity(directory)).second) return;
  for (const auto& entry : fs.ListDirectory(directory)) {
    std::string path = JoinPath(directory, entry.name);
    if (entry.is_directory) {
      ListRecursive(fs, path, visited, files);
    } else {
      files.push_back(std::move(path));
    }
  }
}

}  // namespace

std::vector<std::string> FileSystem::ListFilesRecursive(const std::string& directory) {
  std::vector<std::string> files;
  std::set<std::string> visited;
  ListRecursive(*this, directory, visited, files);
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<std::string> FileSystem::Glob(const std::string& pattern) {
  if (!HasGlobWildcards(pattern)) {
    if (Exists(pattern)) return {pattern};
    return {};
  }
  std::vector<std::string> segments;
  std::string current;
  for (char c : pattern) {
    if (c == '/') {
      if (!current.empty() || segments.empty()) segments.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  segments.push_back(current);
  // segments[0] is "" for absolute patterns.
  const bool absolute = pattern.starts_with('/');
  std::vector<std::string> results;
  GlobExpander expander(*this, segments);
  expander.Expand(absolute ? "/" : "", absolute ? 1 : 0, results);
  std::sort(results.begin(), results.end());
  results.erase(std::unique(results.begin(), results.end()), results.end());
  return results;
}

void FileSystem::WriteFileAtomic(const std::string& path, const std::string& data) {
  std::string temp = path + ".tmp." + std::to_string(::getpid());
  try {
    auto file = OpenForWrite(temp, WriteMode::kTruncate);
    file->Append(data.data(), data.size());
    file->Sync();
    file->Close();
    Rename(temp, path);
  } catch (const Exception&) {
    try {
      if (Exists(temp)) RemoveFile(temp);
    } catch (const Exception&) {
      // The original error is the one worth reporting.
    }
    throw;
  }
  SyncDirectory(ParentDirectory(path));
}

idx_t FileSystem::RemoveAtomicWriteTemporaries(const std::string& path) {
  const std::string directory = ParentDirectory(path);
  const auto slash = path.find_last_of('/');
  const std::string prefix = (slash == std::string::npos ? path : path.substr(slash + 1)) + ".tmp.";
  idx_t removed = 0;
  for (const auto& entry : ListDirectory(directory)) {
    if (entry.is_directory || !entry.name.starts_with(prefix)) continue;
    std::string temp = directory.empty() ? entry.name : (directory == "/" ? "/" : directory + "/") + entry.name;
    try {
      RemoveFile(temp);
      removed++;
    } catch (const Exception& e) {
      if (e.sqlstate() != sqlstate::kUndefinedFile) throw;  // removed meanwhile: fine
    }
  }
  if (removed) SyncDirectory(directory);
  return removed;
}

std::string FileSystem::ReadFile(const std::string& path) {
  auto handle = OpenForRead(path);
  idx_t size = handle->Size();
  std::string data(size, '\0');
  if (size) handle->Read(data.data(), size, 0);
  return data;
}

bool HasGlobWildcards(const std::string& pattern) { return pattern.find_first_of("*?[") != std::string::npos; }

std::string ParentDirectory(const std::string& path) {
  auto slash = path.find_last_of('/');
  if (slash == std::string::npos) return "";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

}  // namespace cairn
