// PasswordAuthenticator: password authentication of pgwire sessions with SCRAM-SHA-256 — the
// configured users' verifiers (derived once, each with a random salt) and the SASL message
// exchange of the startup phase: AuthenticationSASL offering "SCRAM-SHA-256" only,
// SASLInitialResponse, AuthenticationSASLContinue, SASLResponse, AuthenticationSASLFinal.
// An unknown user gets a mock exchange that fails the same way as a wrong password.
// Source: PostgreSQL 15 documentation 55.3.2 "SCRAM-SHA-256 Authentication" and 55.7
// "Message Formats"; the SCRAM computation itself is scram.h.
//
// Thread-safety: immutable after construction; Authenticate() from any number of threads.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cairn/catalog.h"
#include "pgwire/scram.h"
#include "pgwire/socket_stream.h"

namespace cairn::pgwire {

/// A user who may log in with a password (SCRAM-SHA-256), from the config file.
struct ServerUser {
  std::string name;
  std::string password;  // clear text as configured; the SCRAM verifier is derived from it
};

/// SQLSTATE invalid_password: authentication failed.
inline constexpr const char* kInvalidPassword = "28P01";
/// Largest SASL message accepted from a client, in bytes including the length field
/// (PostgreSQL's PG_MAX_AUTH_TOKEN_LENGTH).
inline constexpr uint32_t kMaxAuthMessageLength = 65535;

class PasswordAuthenticator {
 public:
  /// Derives each user's verifier (cairn::MakeScramVerifier: 4096 PBKDF2 iterations each,
  /// about 2 ms per user). A user named twice keeps the last password. `catalog` (may be null;
  /// must outlive this) adds the roles of CREATE ROLE ... LOGIN PASSWORD, looked up at each
  /// login; the config file's users come first. Throws when the random generator fails.
  explicit PasswordAuthenticator(const std::vector<ServerUser>& users, const Catalog* catalog = nullptr);

  /// Whether no one can log in with a password — no configured user and no role with LOGIN and
  /// a password in the catalog now — so sessions use trust authentication.
  bool empty() const;

  /// Authenticates `user` over `stream` (the startup phase, after the StartupMessage): sends
  /// AuthenticationSASL and runs the exchange up to AuthenticationSASLFinal; the caller then
  /// sends AuthenticationOk. Returns false when the client closed the connection meanwhile
  /// (psql does so to ask for a password). Throws cairn::Exception 28P01 "password
  /// authentication failed for user "<user>"" for a wrong password or an unknown user, and
  /// 08P01 for a message out of order, oversized, or breaking SCRAM's grammar; ClientGone when
  /// writing fails.
  bool Authenticate(SocketStream& stream, const std::string& user) const;

 private:
  /// The verifier `user` logs in with: the config file's, else a login role's; none for others.
  std::optional<ScramVerifier> VerifierOf(const std::string& user) const;

  std::map<std::string, ScramVerifier, std::less<>> verifiers_;
  const Catalog* catalog_;
  /// Keys the mock salt of unknown users, so it is stable per name but not guessable.
  std::string mock_secret_;
};

}  // namespace cairn::pgwire
