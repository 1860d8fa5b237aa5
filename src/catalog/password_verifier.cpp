#include "cairn/password_verifier.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

#include "cairn/exception.h"

namespace cairn {

namespace {

std::string Base64(const unsigned char* bytes, size_t length) {
  std::string out(4 * ((length + 2) / 3), '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes, static_cast<int>(length));
  out.resize(static_cast<size_t>(written));
  return out;
}

void Hmac(const unsigned char* key, size_t key_length, std::string_view message, unsigned char out[SHA256_DIGEST_LENGTH]) {
  unsigned int length = SHA256_DIGEST_LENGTH;
  HMAC(EVP_sha256(), key, static_cast<int>(key_length), reinterpret_cast<const unsigned char*>(message.data()),
       message.size(), out, &length);
}

/// SASLprep's mapping and normalization (RFC 4013 sections 2.1-2.2) for non-ASCII passwords:
/// non-ASCII space characters become U+0020, then NFKC. Returns the input when it is ASCII or
/// not valid UTF-8 (as PostgreSQL and libpq fall back to the raw password).
std::string PreparePassword(std::string_view password) {
  bool ascii = true;
  for (char c : password) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) return std::string(password);
  std::string mapped;
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(password.data());
  utf8proc_ssize_t offset = 0;
  const auto size = static_cast<utf8proc_ssize_t>(password.size());
  while (offset < size) {
    utf8proc_int32_t code_point = 0;
    const utf8proc_ssize_t n = utf8proc_iterate(bytes + offset, size - offset, &code_point);
    if (n <= 0) return std::string(password);
    if (utf8proc_category(code_point) == UTF8PROC_CATEGORY_ZS) {
      mapped += ' ';
    } else {
      mapped.append(password.substr(static_cast<size_t>(offset), static_cast<size_t>(n)));
    }
    offset += n;
  }
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> normalized(
      utf8proc_NFKC(reinterpret_cast<const utf8proc_uint8_t*>(mapped.c_str())), &std::free);
  if (!normalized) return std::string(password);
  return std::string(reinterpret_cast<const char*>(normalized.get()));
}

}  // namespace

std::string DeriveScramVerifier(std::string_view password, std::string_view salt, int iterations) {
  const std::string prepared = PreparePassword(password);
  unsigned char salted[SHA256_DIGEST_LENGTH];
  if (PKCS5_PBKDF2_HMAC(prepared.data(), static_cast<int>(prepared.size()),
                        reinterpret_cast<const unsigned char*>(salt.data()), static_cast<int>(salt.size()), iterations,
                        EVP_sha256(), sizeof salted, salted) != 1) {
    throw Exception(sqlstate::kInternalError, "could not derive the password's key");
  }
  unsigned char client_key[SHA256_DIGEST_LENGTH], stored_key[SHA256_DIGEST_LENGTH], server_key[SHA256_DIGEST_LENGTH];
  Hmac(salted, sizeof salted, "Client Key", client_key);
  SHA256(client_key, sizeof client_key, stored_key);
  Hmac(salted, sizeof salted, "Server Key", server_key);
  OPENSSL_cleanse(salted, sizeof salted);
  return "SCRAM-SHA-256$" + std::to_string(iterations) + ":" +
         Base64(reinterpret_cast<const unsigned char*>(salt.data()), salt.size()) + "$" +
         Base64(stored_key, sizeof stored_key) + ":" + Base64(server_key, sizeof server_key);
}

std::string MakeScramVerifier(std::string_view password, int iterations) {
  unsigned char salt[16];
  if (RAND_bytes(salt, sizeof salt) != 1) throw Exception(sqlstate::kInternalError, "could not generate a random salt");
  return DeriveScramVerifier(password, std::string_view(reinterpret_cast<const char*>(salt), sizeof salt), iterations);
}

bool IsScramVerifier(std::string_view text) {
  // SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>
  if (text.rfind("SCRAM-SHA-256$", 0) != 0) return false;
  text.remove_prefix(14);
  const size_t colon = text.find(':');
  const size_t dollar = text.find('$');
  if (colon == std::string_view::npos || dollar == std::string_view::npos || colon > dollar || colon == 0) return false;
  for (char c : text.substr(0, colon)) {
    if (c < '0' || c > '9') return false;
  }
  const std::string_view keys = text.substr(dollar + 1);
  const size_t key_colon = keys.find(':');
  return key_colon != std::string_view::npos && key_colon > 0 && key_colon + 1 < keys.size();
}

}  // namespace cairn
