// PostgreSQL's SCRAM-SHA-256 password verifier (RFC 5802, RFC 7677; PostgreSQL 15
// documentation 21.5 "Password Authentication"): what Cairn stores for a role's password
// (CREATE ROLE ... PASSWORD) and checks a client's SCRAM proof against, never the password.
//
// Thread-safety: stateless functions.
#pragma once

#include <string>
#include <string_view>

namespace cairn {

/// The verifier of `password`, in PostgreSQL's text form
/// `SCRAM-SHA-256$<iterations>:<base64 salt>$<base64 StoredKey>:<base64 ServerKey>`, with a
/// fresh random 16-byte salt and `iterations` rounds of PBKDF2-HMAC-SHA-256 (PostgreSQL's
/// default 4096). A non-ASCII password first gets SASLprep's mapping and NFKC normalization
/// (RFC 4013), as libpq applies it; ASCII passwords are used as they are. Throws
/// cairn::Exception XX000 if the system's random source fails.
std::string MakeScramVerifier(std::string_view password, int iterations = 4096);

/// The same with a given salt (raw bytes), for tests against known vectors (RFC 7677).
std::string DeriveScramVerifier(std::string_view password, std::string_view salt, int iterations);

/// Whether `text` already is such a verifier (CREATE ROLE ... PASSWORD 'SCRAM-SHA-256$...'
/// stores it as given, as PostgreSQL does).
bool IsScramVerifier(std::string_view text);

}  // namespace cairn
