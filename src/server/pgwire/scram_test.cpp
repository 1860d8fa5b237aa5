// SCRAM-SHA-256 server side: RFC 7677's example exchange, a round trip with a client computed
// here from RFC 5802's formulas, wrong passwords, unknown users and malformed messages.
#include "cairn/password_verifier.h"
#include "pgwire/scram.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

namespace cairn::pgwire {
namespace {

// RFC 7677 section 3.
constexpr std::string_view kClientFirst = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
constexpr std::string_view kServerNonce = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
constexpr std::string_view kServerFirst =
    "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
constexpr std::string_view kClientFinal =
    "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
constexpr std::string_view kServerFinal = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

/// The verifier of `password` with `salt` (cairn::DeriveScramVerifier, read back).
ScramVerifier DeriveScramVerifier(std::string_view password, std::string_view salt, int iterations) {
  ScramVerifier verifier;
  EXPECT_TRUE(ParseScramVerifier(cairn::DeriveScramVerifier(password, salt, iterations), verifier));
  return verifier;
}

/// A verifier of `password` with a random salt (cairn::MakeScramVerifier, read back).
ScramVerifier MakeScramVerifier(std::string_view password) {
  ScramVerifier verifier;
  EXPECT_TRUE(ParseScramVerifier(cairn::MakeScramVerifier(password), verifier));
  return verifier;
}

ScramVerifier PencilVerifier() {
  std::string salt;
  EXPECT_TRUE(Base64Decode("W22ZaJ0SNY7soEsUEjb6gQ==", salt));
  return DeriveScramVerifier("pencil", salt, 4096);
}

/// The client's side of RFC 5802 section 3: ClientProof for `password` over the exchange.
std::string ClientProof(std::string_view password, const std::string& salt, int iterations,
                        const std::string& auth_message) {
  unsigned char salted[32];
  PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                    reinterpret_cast<const unsigned char*>(salt.data()), static_cast<int>(salt.size()), iterations,
                    EVP_sha256(), 32, salted);
  unsigned char client_key[32], stored_key[32], signature[32];
  unsigned int length = 0;
  HMAC(EVP_sha256(), salted, 32, reinterpret_cast<const unsigned char*>("Client Key"), 10, client_key, &length);
  SHA256(client_key, 32, stored_key);
  HMAC(EVP_sha256(), stored_key, 32, reinterpret_cast<const unsigned char*>(auth_message.data()),
       auth_message.size(), signature, &length);
  std::string proof(32, '\0');
  for (int i = 0; i < 32; i++) proof[i] = static_cast<char>(client_key[i] ^ signature[i]);
  return Base64Encode(proof);
}

/// Runs a whole exchange for `password` against `exchange` (whose verifier has `salt` and
/// `iterations`); returns whether the server accepted it.
bool RunClient(ScramExchange& exchange, std::string_view password, std::string_view gs2_header = "n,,") {
  const std::string bare = "n=,r=clientnonce123";
  const std::string server_first = exchange.ReceiveClientFirst(std::string(gs2_header) + bare);
  // server_first: r=<nonce>,s=<salt>,i=<iterations>
  const size_t s_at = server_first.find(",s=");
  const size_t i_at = server_first.find(",i=");
  const std::string nonce = server_first.substr(2, s_at - 2);
  std::string salt;
  EXPECT_TRUE(Base64Decode(server_first.substr(s_at + 3, i_at - s_at - 3), salt));
  const int iterations = std::stoi(server_first.substr(i_at + 3));
  const std::string without_proof = "c=" + Base64Encode(gs2_header) + ",r=" + nonce;
  const std::string auth_message = bare + "," + server_first + "," + without_proof;
  return exchange.VerifyClientFinal(without_proof + ",p=" + ClientProof(password, salt, iterations, auth_message));
}

TEST(Scram, Rfc7677Example) {
  ScramExchange exchange(PencilVerifier(), false, std::string(kServerNonce));
  EXPECT_EQ(exchange.ReceiveClientFirst(kClientFirst), kServerFirst);
  ASSERT_TRUE(exchange.VerifyClientFinal(kClientFinal));
  EXPECT_EQ(exchange.server_final(), kServerFinal);
}

TEST(Scram, Rfc7677ExampleWithAnotherPasswordFails) {
  std::string salt;
  ASSERT_TRUE(Base64Decode("W22ZaJ0SNY7soEsUEjb6gQ==", salt));
  ScramExchange exchange(DeriveScramVerifier("pencil2", salt, 4096), false, std::string(kServerNonce));
  EXPECT_EQ(exchange.ReceiveClientFirst(kClientFirst), kServerFirst);
  EXPECT_FALSE(exchange.VerifyClientFinal(kClientFinal));
}

TEST(Scram, RoundTripWithRandomSaltAndNonce) {
  const ScramVerifier verifier = MakeScramVerifier("wonderland");
  EXPECT_EQ(verifier.salt.size(), kScramSaltBytes);
  EXPECT_EQ(verifier.iterations, 4096);
  EXPECT_NE(MakeScramVerifier("wonderland").salt, verifier.salt);
  ScramExchange right(verifier, false);
  EXPECT_TRUE(RunClient(right, "wonderland"));
  EXPECT_EQ(right.server_final().substr(0, 2), "v=");
  ScramExchange yes_flag(verifier, false);
  EXPECT_TRUE(RunClient(yes_flag, "wonderland", "y,,"));
  ScramExchange wrong(verifier, false);
  EXPECT_FALSE(RunClient(wrong, "wonderlanD"));
  // An unknown user's mock exchange fails even with the verifier's own password.
  ScramExchange mock(verifier, true);
  EXPECT_FALSE(RunClient(mock, "wonderland"));
}

TEST(Scram, NonAsciiPasswordIsNormalized) {
  // U+00C5 (precomposed) and U+0041 U+030A are the same password after NFKC.
  const std::string salt = "0123456789abcdef";
  const ScramVerifier composed = DeriveScramVerifier("\xc3\x85ngstr\xc3\xb6m", salt, 4096);
  const ScramVerifier decomposed = DeriveScramVerifier("A\xcc\x8angstro\xcc\x88m", salt, 4096);
  EXPECT_EQ(composed.stored_key, decomposed.stored_key);
  EXPECT_NE(DeriveScramVerifier("Angstrom", salt, 4096).stored_key, composed.stored_key);
}

TEST(Scram, MalformedMessagesThrow) {
  const ScramVerifier verifier = PencilVerifier();
  for (std::string_view first : {"", "n,", "p=tls-server-end-point,,n=,r=abc", "n,a=admin,n=,r=abc", "x,,n=,r=abc",
                                 "n,,r=abc", "n,,n=user", "n,,n=user,r=", "n,,m=ext,n=,r=abc", "n,,n=,r=a,b"}) {
    ScramExchange exchange(verifier, false);
    if (std::string_view(first) == "n,,n=,r=a,b") {
      EXPECT_NO_THROW(exchange.ReceiveClientFirst(first)) << first;  // extensions may follow
      continue;
    }
    EXPECT_THROW(exchange.ReceiveClientFirst(first), ScramMalformed) << first;
  }
  for (std::string_view final_message :
       {"c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0",              // no proof
        "c=eSws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzb",       // wrong binding
        "c=biws,r=rOprNGfwEbeRWgbNEkqO,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",  // wrong nonce
        "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzb!!",     // bad base64
        "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzb"}) {    // short proof
    ScramExchange exchange(verifier, false, std::string(kServerNonce));
    exchange.ReceiveClientFirst(kClientFirst);
    EXPECT_THROW(exchange.VerifyClientFinal(final_message), ScramMalformed) << final_message;
  }
  ScramExchange not_started(verifier, false);
  EXPECT_THROW(not_started.VerifyClientFinal(kClientFinal), ScramMalformed);
}

TEST(Scram, Base64) {
  EXPECT_EQ(Base64Encode(""), "");
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
  EXPECT_EQ(Base64Encode("foobar"), "Zm9vYmFy");
  std::string out;
  EXPECT_TRUE(Base64Decode("Zm9vYg==", out));
  EXPECT_EQ(out, "foob");
  EXPECT_TRUE(Base64Decode("Zm9vYmE=", out));
  EXPECT_EQ(out, "fooba");
  EXPECT_FALSE(Base64Decode("Zm9", out));
  EXPECT_FALSE(Base64Decode("Z=9v", out));
  EXPECT_FALSE(Base64Decode("Zm9v=g==", out));
  EXPECT_FALSE(Base64Decode("Zm.v", out));
}

}  // namespace
}  // namespace cairn::pgwire
