#include "pgwire/password_authenticator.h"

#include "cairn/password_verifier.h"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <optional>

#include "cairn/exception.h"
#include "pgwire/byte_order.h"
#include "pgwire/frontend_message.h"
#include "pgwire/protocol.h"

namespace cairn::pgwire {

namespace {

/// Authentication request codes (the Int32 after 'R').
constexpr uint32_t kAuthenticationSasl = 10;
constexpr uint32_t kAuthenticationSaslContinue = 11;
constexpr uint32_t kAuthenticationSaslFinal = 12;
/// SASLInitialResponse and SASLResponse (and PasswordMessage) share this type byte.
constexpr char kPasswordMessage = 'p';

void AppendAuthentication(std::string& out, uint32_t code, std::string_view data) {
  out.push_back(backend::kAuthentication);
  AppendBigEndian32(out, static_cast<uint32_t>(4 + 4 + data.size()));
  AppendBigEndian32(out, code);
  out.append(data);
}

/// Reads one 'p' message's body; nullopt when the client closed the connection.
std::optional<std::string> ReadPasswordMessage(SocketStream& stream) {
  char header[5];
  if (!stream.ReadExact(header, 5)) return std::nullopt;
  if (header[0] != kPasswordMessage) {
    throw MalformedMessage(fmt::format("expected SASL response, got message type {}",
                                       static_cast<int>(static_cast<unsigned char>(header[0]))));
  }
  const uint32_t length = ReadUint32(header + 1);
  if (length < kMinMessageLength || length > kMaxAuthMessageLength) {
    throw MalformedMessage(fmt::format("invalid SASL response length {}", length));
  }
  std::string body(length - 4, '\0');
  if (!stream.ReadExact(body.data(), body.size())) return std::nullopt;
  return body;
}

Exception AuthenticationFailed(const std::string& user) {
  return Exception(kInvalidPassword, fmt::format("password authentication failed for user \"{}\"", user));
}

}  // namespace

PasswordAuthenticator::PasswordAuthenticator(const std::vector<ServerUser>& users, const Catalog* catalog)
    : catalog_(catalog), mock_secret_(RandomBytes(32)) {
  for (const ServerUser& user : users) {
    ScramVerifier verifier;
    if (!ParseScramVerifier(cairn::MakeScramVerifier(user.password), verifier)) {
      throw std::runtime_error("could not derive a password verifier");
    }
    verifiers_[user.name] = std::move(verifier);
  }
}

bool PasswordAuthenticator::empty() const {
  if (!verifiers_.empty()) return false;
  if (catalog_ == nullptr) return true;
  for (const RoleEntry& role : catalog_->roles()) {
    if (role.can_login && !role.password.empty()) return false;
  }
  return true;
}

std::optional<ScramVerifier> PasswordAuthenticator::VerifierOf(const std::string& user) const {
  if (auto it = verifiers_.find(user); it != verifiers_.end()) return it->second;
  if (catalog_ == nullptr) return std::nullopt;
  std::optional<RoleEntry> role = catalog_->find_role(user);
  ScramVerifier verifier;
  if (!role || !role->can_login || !ParseScramVerifier(role->password, verifier)) return std::nullopt;
  return verifier;
}

bool PasswordAuthenticator::Authenticate(SocketStream& stream, const std::string& user) const {
  std::optional<ScramExchange> exchange;
  if (std::optional<ScramVerifier> verifier = VerifierOf(user)) {
    exchange.emplace(std::move(*verifier), false);
  } else {
    // A mock verifier: its salt is the same for every attempt with this name, like a real one.
    unsigned char salt[32];
    unsigned int length = 0;
    HMAC(EVP_sha256(), mock_secret_.data(), static_cast<int>(mock_secret_.size()),
         reinterpret_cast<const unsigned char*>(user.data()), user.size(), salt, &length);
    ScramVerifier mock;
    mock.salt.assign(reinterpret_cast<const char*>(salt), kScramSaltBytes);
    exchange.emplace(std::move(mock), true);
  }
  std::string out;
  std::string mechanisms(kScramSha256);
  mechanisms.append(1, '\0').append(1, '\0');  // the list ends with an empty name
  AppendAuthentication(out, kAuthenticationSasl, mechanisms);
  stream.WriteAll(out);

  try {
    std::optional<std::string> initial = ReadPasswordMessage(stream);
    if (!initial) return false;
    FieldReader reader(*initial);
    const std::string_view mechanism = reader.ReadCString();
    if (mechanism != kScramSha256) {
      throw MalformedMessage("client selected an invalid SASL authentication mechanism");
    }
    const int32_t data_length = reader.ReadInt32();
    if (data_length < 0) throw MalformedMessage("SASLInitialResponse without a client-first-message");
    const std::string_view client_first = reader.ReadBytes(static_cast<size_t>(data_length));
    reader.ExpectEnd();
    out.clear();
    AppendAuthentication(out, kAuthenticationSaslContinue, exchange->ReceiveClientFirst(client_first));
    stream.WriteAll(out);

    std::optional<std::string> final_message = ReadPasswordMessage(stream);
    if (!final_message) return false;
    if (!exchange->VerifyClientFinal(*final_message)) throw AuthenticationFailed(user);
  } catch (const ScramMalformed& malformed) {
    throw MalformedMessage(malformed.what());
  }
  out.clear();
  AppendAuthentication(out, kAuthenticationSaslFinal, exchange->server_final());
  stream.WriteAll(out);
  return true;
}

}  // namespace cairn::pgwire
