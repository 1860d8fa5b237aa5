#include "pgwire/scram.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace cairn::pgwire {

namespace {

Sha256Digest Hmac(std::string_view key, std::string_view message) {
  Sha256Digest out{};
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(message.data()),
       message.size(), out.data(), &length);
  return out;
}

Sha256Digest Sha256(const Sha256Digest& bytes) {
  Sha256Digest out{};
  SHA256(bytes.data(), bytes.size(), out.data());
  return out;
}

std::string_view AsView(const Sha256Digest& digest) {
  return {reinterpret_cast<const char*>(digest.data()), digest.size()};
}

/// A nonce is printable ASCII without ',' (RFC 5802 section 7, "printable").
bool IsValidNonce(std::string_view nonce) {
  if (nonce.empty()) return false;
  for (char c : nonce) {
    if (c < 0x21 || c > 0x7e || c == ',') return false;
  }
  return true;
}

/// Splits "a=x,b=y" style text at its first ',' (the rest after it, or "" with `more` false).
std::string_view NextAttribute(std::string_view& text, bool& more) {
  const size_t comma = text.find(',');
  std::string_view attribute = text.substr(0, comma);
  more = comma != std::string_view::npos;
  text = more ? text.substr(comma + 1) : std::string_view();
  return attribute;
}

constexpr char kBase64Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

}  // namespace

std::string RandomBytes(size_t size) {
  std::string out(size, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(size)) != 1) {
    throw std::runtime_error("the random number generator failed");
  }
  return out;
}

std::string Base64Encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (size_t i = 0; i < bytes.size(); i += 3) {
    uint32_t group = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) group |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) group |= static_cast<unsigned char>(bytes[i + 2]);
    out += kBase64Alphabet[(group >> 18) & 63];
    out += kBase64Alphabet[(group >> 12) & 63];
    out += i + 1 < bytes.size() ? kBase64Alphabet[(group >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kBase64Alphabet[group & 63] : '=';
  }
  return out;
}

bool Base64Decode(std::string_view text, std::string& out) {
  out.clear();
  if (text.size() % 4 != 0) return false;
  for (size_t i = 0; i < text.size(); i += 4) {
    uint32_t group = 0;
    int padding = 0;
    for (size_t j = 0; j < 4; j++) {
      const char c = text[i + j];
      int value = 0;
      if (c == '=') {
        // Padding only at the end: "xx==" or "xxx=".
        if (i + 4 != text.size() || j < 2 || (j == 2 && text[i + 3] != '=')) return false;
        padding++;
      } else {
        if (padding > 0) return false;
        const char* found = c == '\0' ? nullptr : std::strchr(kBase64Alphabet, c);
        if (found == nullptr) return false;
        value = static_cast<int>(found - kBase64Alphabet);
      }
      group = group << 6 | static_cast<uint32_t>(value);
    }
    out += static_cast<char>(group >> 16);
    if (padding < 2) out += static_cast<char>((group >> 8) & 0xff);
    if (padding < 1) out += static_cast<char>(group & 0xff);
  }
  return true;
}

bool ParseScramVerifier(std::string_view text, ScramVerifier& out) {
  // SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>
  constexpr std::string_view kPrefix = "SCRAM-SHA-256$";
  if (text.substr(0, kPrefix.size()) != kPrefix) return false;
  text.remove_prefix(kPrefix.size());
  const size_t colon = text.find(':');
  const size_t dollar = text.find('$');
  if (colon == std::string_view::npos || dollar == std::string_view::npos || colon > dollar) return false;
  int iterations = 0;
  for (char c : text.substr(0, colon)) {
    if (c < '0' || c > '9' || iterations > 10'000'000) return false;
    iterations = iterations * 10 + (c - '0');
  }
  if (iterations <= 0) return false;
  const std::string_view keys = text.substr(dollar + 1);
  const size_t key_colon = keys.find(':');
  if (key_colon == std::string_view::npos) return false;
  std::string salt, stored, server;
  if (!Base64Decode(text.substr(colon + 1, dollar - colon - 1), salt) || salt.empty() ||
      !Base64Decode(keys.substr(0, key_colon), stored) || stored.size() != out.stored_key.size() ||
      !Base64Decode(keys.substr(key_colon + 1), server) || server.size() != out.server_key.size()) {
    return false;
  }
  out.salt = std::move(salt);
  out.iterations = iterations;
  std::copy(stored.begin(), stored.end(), out.stored_key.begin());
  std::copy(server.begin(), server.end(), out.server_key.begin());
  return true;
}

ScramExchange::ScramExchange(ScramVerifier verifier, bool fail, std::string server_nonce)
    : verifier_(std::move(verifier)), fail_(fail), server_nonce_(std::move(server_nonce)) {
  if (server_nonce_.empty()) server_nonce_ = Base64Encode(RandomBytes(18));
}

std::string ScramExchange::ReceiveClientFirst(std::string_view message) {
  if (received_first_) throw ScramMalformed("unexpected SCRAM client-first-message");
  received_first_ = true;
  // gs2-header: gs2-cbind-flag "," [authzid] ","
  if (message.size() < 3) throw ScramMalformed("malformed SCRAM message (too short)");
  const char flag = message[0];
  if (flag == 'p') throw ScramMalformed("channel binding is not supported (SCRAM-SHA-256-PLUS was not offered)");
  if ((flag != 'n' && flag != 'y') || message[1] != ',') {
    throw ScramMalformed("malformed SCRAM message (unexpected channel-binding flag)");
  }
  if (message[2] != ',') throw ScramMalformed("client uses authorization identity, but it is not supported");
  gs2_header_ = std::string(message.substr(0, 3));
  std::string_view rest = message.substr(3);
  client_first_bare_ = std::string(rest);
  bool more = false;
  std::string_view attribute = NextAttribute(rest, more);
  if (attribute.substr(0, 2) == "m=") throw ScramMalformed("client requires an unsupported SCRAM extension");
  // The user name: PostgreSQL ignores it (the StartupMessage's "user" counts) and so does Cairn.
  if (attribute.substr(0, 2) != "n=" || !more) throw ScramMalformed("malformed SCRAM message (expected a user name)");
  attribute = NextAttribute(rest, more);
  if (attribute.substr(0, 2) != "r=" || !IsValidNonce(attribute.substr(2))) {
    throw ScramMalformed("malformed SCRAM message (expected a nonce)");
  }
  nonce_ = std::string(attribute.substr(2)) + server_nonce_;
  server_first_ = "r=" + nonce_ + ",s=" + Base64Encode(verifier_.salt) + ",i=" + std::to_string(verifier_.iterations);
  return server_first_;
}

bool ScramExchange::VerifyClientFinal(std::string_view message) {
  if (!received_first_ || !server_final_.empty()) throw ScramMalformed("unexpected SCRAM client-final-message");
  // client-final-message-without-proof "," proof; the proof is the last attribute.
  const size_t proof_at = message.rfind(",p=");
  if (proof_at == std::string_view::npos) throw ScramMalformed("malformed SCRAM message (expected a proof)");
  const std::string_view without_proof = message.substr(0, proof_at);
  std::string_view rest = without_proof;
  bool more = false;
  std::string_view attribute = NextAttribute(rest, more);
  std::string binding;
  if (attribute.substr(0, 2) != "c=" || !Base64Decode(attribute.substr(2), binding) || binding != gs2_header_) {
    throw ScramMalformed("SCRAM channel binding check failed");
  }
  if (!more) throw ScramMalformed("malformed SCRAM message (expected a nonce)");
  attribute = NextAttribute(rest, more);
  if (attribute.substr(0, 2) != "r=" || attribute.substr(2) != nonce_) {
    throw ScramMalformed("SCRAM nonce does not match");
  }
  std::string proof;
  if (!Base64Decode(message.substr(proof_at + 3), proof) || proof.size() != verifier_.stored_key.size()) {
    throw ScramMalformed("malformed SCRAM message (invalid proof)");
  }
  const std::string auth_message = client_first_bare_ + "," + server_first_ + "," + std::string(without_proof);
  const Sha256Digest signature = Hmac(AsView(verifier_.stored_key), auth_message);
  Sha256Digest client_key{};
  for (size_t i = 0; i < client_key.size(); i++) {
    client_key[i] = static_cast<unsigned char>(proof[i]) ^ signature[i];
  }
  const Sha256Digest stored_key = Sha256(client_key);
  const bool match = CRYPTO_memcmp(stored_key.data(), verifier_.stored_key.data(), stored_key.size()) == 0;
  if (!match || fail_) return false;
  server_final_ = "v=" + Base64Encode(AsView(Hmac(AsView(verifier_.server_key), auth_message)));
  return true;
}

}  // namespace cairn::pgwire
