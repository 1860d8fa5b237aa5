// ScratchDirectory: a fresh temporary directory for one test, removed (recursively) when the
// object dies, with helpers to write the small CSV and SQL files the API tests query.
//
// Thread-safety: one per test; not shared across threads.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace cairn::testing {

class ScratchDirectory {
 public:
  ScratchDirectory() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base && *base ? base : "/tmp") + "/cairn_api_XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed for " + pattern);
    path_ = pattern;
  }
  ~ScratchDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;

  const std::string& path() const { return path_; }
  /// `relative` joined to the directory.
  std::string Join(const std::string& relative) const { return path_ + "/" + relative; }

  /// Writes `contents` to `relative` (parent directories are created). Returns the full path.
  std::string Write(const std::string& relative, const std::string& contents) const {
    std::filesystem::path full = Join(relative);
    std::filesystem::create_directories(full.parent_path());
    std::ofstream out(full, std::ios::binary | std::ios::trunc);
    out << contents;
    if (!out) throw std::runtime_error("cannot write " + full.string());
    return full.string();
  }

 private:
  std::string path_;
};

}  // namespace cairn::testing
