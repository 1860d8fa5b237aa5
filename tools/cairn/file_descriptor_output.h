// FileDescriptorOutput: a buffered std::streambuf over a file descriptor (the shell's stdout)
// that remembers why a write failed. std::ostream only records that *something* failed
// (badbit); the shell must tell the user "No space left on device" when results go to a full
// disk, and exit non-zero — including when only the final flush or close() reveals the error.
//
// Thread-safety: one thread at a time, like any streambuf.
#pragma once

#include <streambuf>
#include <vector>

namespace cairn::shell {

class FileDescriptorOutput final : public std::streambuf {
 public:
  static constexpr size_t kBufferSize = 1 << 16;

  /// Writes to `fd` (not owned until Close()).
  explicit FileDescriptorOutput(int fd);
  ~FileDescriptorOutput() override;
  FileDescriptorOutput(const FileDescriptorOutput&) = delete;
  FileDescriptorOutput& operator=(const FileDescriptorOutput&) = delete;

  /// Flushes, then closes the descriptor. Returns false if a write or the close ever failed
  /// (see error()). Idempotent.
  bool Close();
  /// errno of the first failed write or close; 0 if none failed.
  int error() const { return error_; }

 protected:
  int_type overflow(int_type c) override;
  int sync() override;
  std::streamsize xsputn(const char* data, std::streamsize size) override;

 private:
  /// Writes the buffered bytes. Returns false (and records errno) on failure.
  bool FlushBuffer();
  bool WriteAll(const char* data, size_t size);

  int fd_;
  bool closed_ = false;
  int error_ = 0;
  std::vector<char> buffer_;
};

}  // namespace cairn::shell
