// SocketStream: blocking, exact-size reads and complete writes on a connected socket, the
// transport under one pgwire session — in plain text, or over TLS (OpenSSL) once StartTls()
// succeeded. A peer that closes or resets the connection, or a TLS failure, ends the stream
// (ReadExact returns false; WriteAll throws ClientGone); SIGPIPE is never raised (TLS records
// go through a socket BIO that sends with MSG_NOSIGNAL).
//
// Thread-safety: in plain text, one reader thread and one writer thread at most; over TLS, one
// thread reads and writes (an SSL object is not safe for concurrent use). Shutdown() from any
// thread.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

struct ssl_st;
struct ssl_ctx_st;

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

  /// Runs the server side of a TLS handshake on `context` (tls_context.h); from then on every
  /// read and write is encrypted. Returns false, with OpenSSL's reason in `error`, when the
  /// handshake fails (the stream is then unusable). REQUIRES: not started yet.
  bool StartTls(ssl_ctx_st* context, std::string& error);
  /// Whether StartTls() succeeded.
  bool encrypted() const { return ssl_ != nullptr; }

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
  ssl_st* ssl_ = nullptr;
};

}  // namespace cairn::pgwire
