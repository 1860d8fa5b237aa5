#include "cairn/password_verifier.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

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

}  // namespace

std::string MakeScramVerifier(std::string_view password, int iterations) {
  unsigned char salt[16];
  if (RAND_bytes(salt, sizeof salt) != 1) throw Exception(sqlstate::kInternalError, "could not generate a random salt");
  unsigned char salted[SHA256_DIGEST_LENGTH];
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt, sizeof salt, iterations, EVP_sha256(),
                        sizeof salted, salted) != 1) {
    throw Exception(sqlstate::kInternalError, "could not derive the password's key");
  }
  unsigned char client_key[SHA256_DIGEST_LENGTH], stored_key[SHA256_DIGEST_LENGTH], server_key[SHA256_DIGEST_LENGTH];
  Hmac(salted, sizeof salted, "Client Key", client_key);
  SHA256(client_key, sizeof client_key, stored_key);
  Hmac(salted, sizeof salted, "Server Key", server_key);
  return "SCRAM-SHA-256$" + std::to_string(iterations) + ":" + Base64(salt, sizeof salt) + "$" +
         Base64(stored_key, sizeof stored_key) + ":" + Base64(server_key, sizeof server_key);
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
