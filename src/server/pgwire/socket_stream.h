// SocketStream: blocking, exact-size reads and complete writes on a connected socket, the
// transport under one pgwire session. A peer that closes or resets the connection ends the
// stream (ReadExact returns false; WriteAll throws ClientGone); SIGPIPE is never raised.
//
// Thread-safety: one reader thread and one writer thread at most; Shutdown() from any thread.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string_view>

namespace cairn::pgwire {

/// The client disconnected (or the connection failed) while the server was writing to it.
class ClientGone : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class SocketStream {
 public:
  /// Takes ownership of `fd` (closed by the destructor).
  explicit SocketStream(int fd) : fd_(fd) {}
  ~SocketStream();
  SocketStream(const SocketStream&) = delete;
  SocketStream& operator=(const SocketStream&) = delete;

  /// Reads exactly `size` bytes into `out`. Returns false when the peer closed the connection
  /// or it failed before all of them arrived.
  bool ReadExact(char* out, size_t size);
  /// Writes all of `bytes`. Throws ClientGone when the connection fails.
  void WriteAll(std::string_view bytes);
  /// Shuts both directions down, so a blocked ReadExact returns false. Thread-safe.
  void Shutdown();
  int fd() const { return fd_; }

 private:
  int fd_;
};

}  // namespace cairn::pgwire
