#include "execution/spill_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string_view>

#include "cairn/exception.h"
#include "common/memory_tracker.h"
#include "vector/chunk_serializer.h"

namespace cairn {

namespace {


std::string ResolveDirectory(const std::string& directory) {
  if (!directory.empty()) return directory;
  const char* tmpdir = std::getenv("TMPDIR");
  return tmpdir && *tmpdir ? std::string(tmpdir) : std::string("/tmp");
}

[[noreturn]] void ThrowIo(const std::string& what, const std::string& directory, int error) {
  throw Exception(error == ENOSPC || error == EDQUOT ? sqlstate::kDiskFull : sqlstate::kIoError,
                  what + " temporary file in \"" + directory + "\": " + std::strerror(error), std::nullopt,
                  "spilling operators write there when a query nears its memory limit; see SET temp_directory");
}

}  // namespace

std::string CurrentTemporaryDirectory() {
  const auto& tracker = MemoryTracker::Current();
  return tracker ? tracker->temporary_directory() : std::string();
}

SpillFile::SpillFile(const std::string& directory) : directory_(ResolveDirectory(directory)) {
  std::error_code ec;
  std::filesystem::create_directories(directory_, ec);  // a failure shows in open() below
#ifdef O_TMPFILE
  fd_ = ::open(directory_.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
#endif
  if (fd_ < 0) {
    // No O_TMPFILE here: a named file, unlinked at once.
    std::string pattern = directory_ + "/cairn_spill_XXXXXX";
    fd_ = ::mkostemp(pattern.data(), O_CLOEXEC);
    if (fd_ < 0) ThrowIo("could not create", directory_, errno);
    ::unlink(pattern.c_str());
  }
}

SpillFile::~SpillFile() {
  if (fd_ >= 0) ::close(fd_);
}

void SpillFile::Append(const DataChunk& chunk) {
  const size_t start = buffer_.size();
  buffer_.append(8, '\0');
  ChunkSerializer::Serialize(chunk, buffer_);
  const uint64_t length = buffer_.size() - start - 8;
  for (int b = 0; b < 8; b++) buffer_[start + b] = static_cast<char>((length >> (8 * b)) & 0xff);
  offsets_.push_back(offsets_.back() + 8 + length);
  rows_ += chunk.size();
  if (buffer_.size() >= kWriteBufferBytes) Flush();
}

void SpillFile::Flush() {
  size_t done = 0;
  while (done < buffer_.size()) {
    ssize_t n = ::pwrite(fd_, buffer_.data() + done, buffer_.size() - done, static_cast<off_t>(flushed_ + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      ThrowIo("could not write to", directory_, errno);
    }
    if (n == 0) ThrowIo("could not write to", directory_, ENOSPC);
    done += static_cast<size_t>(n);
  }
  flushed_ += buffer_.size();
  buffer_.clear();
}

void SpillFile::FinishWriting() {
  Flush();
  buffer_.shrink_to_fit();
}

void SpillFile::ReadChunk(idx_t i, DataChunk& out) const {
  if (i + 1 >= offsets_.size()) throw Exception(sqlstate::kInternalError, "spill file: no chunk " + std::to_string(i));
  const uint64_t begin = offsets_[i], end = offsets_[i + 1];
  std::string bytes(end - begin, '\0');
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::pread(fd_, bytes.data() + done, bytes.size() - done, static_cast<off_t>(begin + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      ThrowIo("could not read from", directory_, errno);
    }
    if (n == 0) throw Exception(sqlstate::kDataCorrupted, "temporary file in \"" + directory_ + "\" is truncated");
    done += static_cast<size_t>(n);
  }
  uint64_t length = 0;
  for (int b = 0; b < 8; b++) length |= uint64_t(static_cast<uint8_t>(bytes[b])) << (8 * b);
  if (length != bytes.size() - 8) {
    throw Exception(sqlstate::kDataCorrupted, "temporary file in \"" + directory_ + "\": chunk " + std::to_string(i) +
                                                  " has a damaged length");
  }
  std::string_view view(bytes.data() + 8, length);
  ChunkSerializer::Deserialize(view, out);
  if (!view.empty()) {
    throw Exception(sqlstate::kDataCorrupted, "temporary file in \"" + directory_ + "\": chunk " + std::to_string(i) +
                                                  " has trailing bytes");
  }
}

}  // namespace cairn
