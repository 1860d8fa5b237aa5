// TlsContext: the server's TLS configuration for pgwire sessions — an OpenSSL SSL_CTX holding
// the certificate chain and private key (PEM files), loaded once when the server starts.
// TLS 1.2 and later; renegotiation off. Sessions start TLS on it after answering an SSLRequest
// with 'S' (SocketStream::StartTls). Source: PostgreSQL 15 documentation 55.2.10 "SSL Session
// Encryption".
//
// Thread-safety: immutable after construction; used by any number of sessions at once.
#pragma once

#include <string>

struct ssl_ctx_st;

namespace cairn::pgwire {

class TlsContext {
 public:
  /// Loads `certificate_file` (a PEM certificate chain, server certificate first) and
  /// `key_file` (its PEM private key). Throws cairn::Exception 08006 (connection_failure) naming
  /// the file and OpenSSL's reason when either cannot be read or parsed, or the key does not
  /// match the certificate.
  TlsContext(const std::string& certificate_file, const std::string& key_file);
  ~TlsContext();
  TlsContext(const TlsContext&) = delete;
  TlsContext& operator=(const TlsContext&) = delete;

  ssl_ctx_st* get() const { return context_; }

 private:
  ssl_ctx_st* context_ = nullptr;
};

/// OpenSSL's most recent errors on this thread as one line ("unknown" when none), clearing them.
std::string TlsErrorText();

}  // namespace cairn::pgwire
