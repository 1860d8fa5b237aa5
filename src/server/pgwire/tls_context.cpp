#include "pgwire/tls_context.h"

#include <fmt/format.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include "cairn/exception.h"

namespace cairn::pgwire {

namespace {

/// SQLSTATE connection_failure: the server cannot start serving.
constexpr const char* kConnectionFailure = "08006";

}  // namespace

std::string TlsErrorText() {
  std::string text;
  while (const unsigned long code = ERR_get_error()) {
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof buffer);
    if (!text.empty()) text += "; ";
    text += buffer;
  }
  return text.empty() ? "unknown" : text;
}

TlsContext::TlsContext(const std::string& certificate_file, const std::string& key_file) {
  ERR_clear_error();
  context_ = SSL_CTX_new(TLS_server_method());
  if (context_ == nullptr) throw Exception(kConnectionFailure, "could not create TLS context: " + TlsErrorText());
  SSL_CTX_set_min_proto_version(context_, TLS1_2_VERSION);
  SSL_CTX_set_options(context_, SSL_OP_NO_RENEGOTIATION);
  if (SSL_CTX_use_certificate_chain_file(context_, certificate_file.c_str()) != 1) {
    const std::string reason = TlsErrorText();
    SSL_CTX_free(context_);
    throw Exception(kConnectionFailure,
                    fmt::format("could not load TLS certificate file \"{}\": {}", certificate_file, reason));
  }
  if (SSL_CTX_use_PrivateKey_file(context_, key_file.c_str(), SSL_FILETYPE_PEM) != 1) {
    const std::string reason = TlsErrorText();
    SSL_CTX_free(context_);
    throw Exception(kConnectionFailure, fmt::format("could not load TLS private key file \"{}\": {}", key_file, reason));
  }
  if (SSL_CTX_check_private_key(context_) != 1) {
    const std::string reason = TlsErrorText();
    SSL_CTX_free(context_);
    throw Exception(kConnectionFailure,
                    fmt::format("TLS private key file \"{}\" does not match certificate \"{}\": {}", key_file,
                                certificate_file, reason));
  }
}

TlsContext::~TlsContext() { SSL_CTX_free(context_); }

}  // namespace cairn::pgwire
