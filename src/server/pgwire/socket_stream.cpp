#include "pgwire/socket_stream.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>

#include "pgwire/tls_context.h"

namespace cairn::pgwire {

namespace {

// A socket BIO like OpenSSL's own, except that it sends with MSG_NOSIGNAL: OpenSSL's writes
// with write(2), which raises SIGPIPE when the client has gone.
int SocketOf(BIO* bio) { return static_cast<int>(reinterpret_cast<intptr_t>(BIO_get_data(bio))); }

int BioWrite(BIO* bio, const char* data, int size) {
  while (true) {
    const ssize_t n = send(SocketOf(bio), data, static_cast<size_t>(size), MSG_NOSIGNAL);
    if (n >= 0 || errno != EINTR) return static_cast<int>(n);
  }
}

int BioRead(BIO* bio, char* data, int size) {
  while (true) {
    const ssize_t n = recv(SocketOf(bio), data, static_cast<size_t>(size), 0);
    if (n >= 0 || errno != EINTR) return static_cast<int>(n);
  }
}

long BioControl(BIO*, int command, long, void*) { return command == BIO_CTRL_FLUSH ? 1 : 0; }

int BioCreate(BIO* bio) {
  BIO_set_init(bio, 1);
  return 1;
}

BIO_METHOD* SocketBioMethod() {
  static BIO_METHOD* method = [] {
    BIO_METHOD* m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "cairn pgwire socket");
    BIO_meth_set_write(m, BioWrite);
    BIO_meth_set_read(m, BioRead);
    BIO_meth_set_ctrl(m, BioControl);
    BIO_meth_set_create(m, BioCreate);
    return m;
  }();
  return method;
}

}  // namespace

SocketStream::~SocketStream() {
  if (ssl_ != nullptr) SSL_free(ssl_);  // no close_notify: the session is over either way
  if (fd_ >= 0) close(fd_);
}

bool SocketStream::StartTls(ssl_ctx_st* context, std::string& error) {
  ERR_clear_error();
  SSL* ssl = SSL_new(context);
  BIO* bio = ssl == nullptr ? nullptr : BIO_new(SocketBioMethod());
  if (bio == nullptr) {
    error = TlsErrorText();
    if (ssl != nullptr) SSL_free(ssl);
    return false;
  }
  BIO_set_data(bio, reinterpret_cast<void*>(static_cast<intptr_t>(fd_)));
  SSL_set_bio(ssl, bio, bio);  // the SSL owns the BIO from now on
  const int rc = SSL_accept(ssl);
  if (rc != 1) {
    const int reason = SSL_get_error(ssl, rc);
    error = reason == SSL_ERROR_SYSCALL && ERR_peek_error() == 0 ? "the client closed the connection"
                                                                  : TlsErrorText();
    SSL_free(ssl);
    return false;
  }
  ssl_ = ssl;
  return true;
}

bool SocketStream::ReadExact(char* out, size_t size) {
  size_t done = 0;
  while (done < size) {
    if (ssl_ != nullptr) {
      size_t n = 0;
      if (SSL_read_ex(ssl_, out + done, size - done, &n) != 1) {
        ERR_clear_error();
        return false;
      }
      done += n;
      continue;
    }
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
  if (ssl_ != nullptr) {
    size_t done = 0;
    while (done < bytes.size()) {
      size_t n = 0;
      if (SSL_write_ex(ssl_, bytes.data() + done, bytes.size() - done, &n) != 1) {
        throw ClientGone("could not send data to client: TLS write failed: " + TlsErrorText());
      }
      done += n;
    }
    return;
  }
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
