// SCRAM-SHA-256: the server side of the Salted Challenge Response Authentication Mechanism with
// SHA-256, as PostgreSQL's password authentication uses it. Channel binding is not offered, so
// only the gs2 headers "n,," and "y,," are accepted (never "p=..."), and no authorization
// identity. Built on OpenSSL's primitives only (PKCS5_PBKDF2_HMAC, HMAC, SHA256, RAND_bytes,
// CRYPTO_memcmp).
// Sources: RFC 5802 "Salted Challenge Response Authentication Mechanism (SCRAM)", RFC 7677
// "SCRAM-SHA-256 and SCRAM-SHA-256-PLUS", PostgreSQL 15 documentation 55.3.2.
//
// Thread-safety: the functions are thread-safe; a ScramExchange is used by one thread.
#pragma once

#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace cairn::pgwire {

/// The SASL mechanism name clients select.
inline constexpr std::string_view kScramSha256 = "SCRAM-SHA-256";
/// PBKDF2 iterations of verifiers made from a password (PostgreSQL's default).
inline constexpr int kScramIterations = 4096;
/// Bytes of random salt in verifiers made from a password.
inline constexpr size_t kScramSaltBytes = 16;

/// A SHA-256 digest or HMAC-SHA-256 value.
using Sha256Digest = std::array<unsigned char, 32>;

/// What the server keeps to check a password without storing it (RFC 5802 section 3): the
/// salt, the iteration count, StoredKey = H(HMAC(SaltedPassword, "Client Key")) and
/// ServerKey = HMAC(SaltedPassword, "Server Key").
struct ScramVerifier {
  std::string salt;  // raw bytes
  int iterations = kScramIterations;
  Sha256Digest stored_key{};
  Sha256Digest server_key{};
};

/// Reads PostgreSQL's verifier text (`SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`,
/// base64; what cairn::MakeScramVerifier makes and CREATE ROLE stores) into `out`. Returns false
/// for anything else.
bool ParseScramVerifier(std::string_view text, ScramVerifier& out);

/// `size` random bytes from OpenSSL's CSPRNG. Throws std::runtime_error when it fails.
std::string RandomBytes(size_t size);
/// Standard base64 (RFC 4648 section 4, with padding).
std::string Base64Encode(std::string_view bytes);
/// Decodes standard base64 with padding; returns false for anything else.
bool Base64Decode(std::string_view text, std::string& out);

/// One SCRAM-SHA-256 exchange on the server side: client-first-message → server-first-message,
/// client-final-message → server-final-message or failure.
///
/// Errors: a message that does not follow RFC 5802's grammar, asks for channel binding or an
/// authorization identity, or repeats the wrong nonce throws ScramMalformed; a wrong proof is
/// not an exception (VerifyClientFinal returns false).
class ScramExchange {
 public:
  /// `verifier`: the user's; `fail`: always fail the proof (an unknown user gets a mock
  /// exchange that looks the same on the wire). `server_nonce`: printable characters other
  /// than ','; empty = 18 random bytes in base64.
  ScramExchange(ScramVerifier verifier, bool fail, std::string server_nonce = "");

  /// Handles the client-first-message (gs2 header + client-first-message-bare); returns the
  /// server-first-message ("r=...,s=...,i=...").
  std::string ReceiveClientFirst(std::string_view message);
  /// Handles the client-final-message. Returns true when the proof is right, and then
  /// server_final() is the server-final-message ("v=...").
  bool VerifyClientFinal(std::string_view message);
  /// The server-final-message. REQUIRES: VerifyClientFinal returned true.
  const std::string& server_final() const { return server_final_; }

 private:
  ScramVerifier verifier_;
  bool fail_;
  std::string server_nonce_;
  std::string gs2_header_;         // as the client sent it, e.g. "n,,"
  std::string client_first_bare_;  // "n=...,r=..."
  std::string nonce_;              // client nonce + server nonce
  std::string server_first_;
  std::string server_final_;
  bool received_first_ = false;
};

/// A SCRAM message that breaks RFC 5802's grammar or this server's choices (SQLSTATE 08P01).
struct ScramMalformed : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace cairn::pgwire
