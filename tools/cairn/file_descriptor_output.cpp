#include "file_descriptor_output.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace cairn::shell {

FileDescriptorOutput::FileDescriptorOutput(int fd) : fd_(fd), buffer_(kBufferSize) {
  setp(buffer_.data(), buffer_.data() + buffer_.size());
}

FileDescriptorOutput::~FileDescriptorOutput() { Close(); }

bool FileDescriptorOutput::WriteAll(const char* data, size_t size) {
  if (error_ != 0) return false;
  while (size > 0) {
    ssize_t written = write(fd_, data, size);
    if (written < 0) {
      if (errno == EINTR) continue;
      error_ = errno;
      return false;
    }
    data += written;
    size -= static_cast<size_t>(written);
  }
  return true;
}

bool FileDescriptorOutput::FlushBuffer() {
  const size_t pending = static_cast<size_t>(pptr() - pbase());
  bool ok = WriteAll(pbase(), pending);
  setp(buffer_.data(), buffer_.data() + buffer_.size());  // failed bytes are dropped
  return ok;
}

FileDescriptorOutput::int_type FileDescriptorOutput::overflow(int_type c) {
  if (!FlushBuffer()) return traits_type::eof();
  if (!traits_type::eq_int_type(c, traits_type::eof())) {
    *pptr() = traits_type::to_char_type(c);
    pbump(1);
  }
  return traits_type::not_eof(c);
}

int FileDescriptorOutput::sync() { return FlushBuffer() ? 0 : -1; }

std::streamsize FileDescriptorOutput::xsputn(const char* data, std::streamsize size) {
  if (error_ != 0) return 0;
  const auto room = epptr() - pptr();
  if (size <= room) {
    std::memcpy(pptr(), data, static_cast<size_t>(size));
    pbump(static_cast<int>(size));
    return size;
  }
  if (!FlushBuffer()) return 0;
  if (size < static_cast<std::streamsize>(buffer_.size())) {
    std::memcpy(pptr(), data, static_cast<size_t>(size));
    pbump(static_cast<int>(size));
    return size;
  }
  return WriteAll(data, static_cast<size_t>(size)) ? size : 0;
}

bool FileDescriptorOutput::Close() {
  if (closed_) return error_ == 0;
  FlushBuffer();
  closed_ = true;
  if (close(fd_) != 0 && error_ == 0 && errno != EINTR) error_ = errno;
  return error_ == 0;
}

}  // namespace cairn::shell
