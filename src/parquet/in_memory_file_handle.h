// InMemoryFileHandle: a FileHandle over bytes held in memory, for reading Parquet data that is
// not in a file (fuzzing, corruption tests, embedding callers).
//
// Errors: Read past the end throws cairn::Exception(kIoError) naming the path, like a short
// read of a real file.
// Thread-safety: immutable after construction; Read may be called from many threads.
#pragma once

#include <cstring>
#include <string>

#include "cairn/exception.h"
#include "io/file_system.h"

namespace cairn::parquet {

class InMemoryFileHandle final : public FileHandle {
 public:
  /// `path` is only used in error messages.
  InMemoryFileHandle(std::string bytes, std::string path) : bytes_(std::move(bytes)), path_(std::move(path)) {}

  void Read(void* buffer, idx_t length, idx_t offset) override {
    if (offset > bytes_.size() || length > bytes_.size() - offset) {
      throw Exception(sqlstate::kIoError, path_ + ": short read of " + std::to_string(length) + " bytes at offset " +
                                              std::to_string(offset));
    }
    if (length) std::memcpy(buffer, bytes_.data() + offset, length);
  }
  idx_t Size() override { return bytes_.size(); }
  const std::string& path() const override { return path_; }

 private:
  std::string bytes_;
  std::string path_;
};

}  // namespace cairn::parquet
