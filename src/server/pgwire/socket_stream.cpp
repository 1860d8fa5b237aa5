#include "pgwire/socket_stream.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace cairn::pgwire {

SocketStream::~SocketStream() {
  if (fd_ >= 0) close(fd_);
}

bool SocketStream::ReadExact(char* out, size_t size) {
  size_t done = 0;
  while (done < size) {
    const ssize_t n = recv(fd_, out + done, size - done, 0);
    if (n > 0) {
      done += static_cast<size_t>(n);
    } else if (n == 0) {
      return false;
    } else if (errno != EINTR) {
      return false;
    }
  }
  return true;
}

void SocketStream::WriteAll(std::string_view bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (n >= 0) {
      done += static_cast<size_t>(n);
    } else if (errno != EINTR) {
      throw ClientGone(std::string("could not send data to client: ") + std::strerror(errno));
    }
  }
}

void SocketStream::Shutdown() { shutdown(fd_, SHUT_RDWR); }

}  // namespace cairn::pgwire
