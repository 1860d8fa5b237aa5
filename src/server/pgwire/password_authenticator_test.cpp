// The SASL exchange of PasswordAuthenticator over a socket pair: the messages' wire format, a
// full SCRAM-SHA-256 login computed here from RFC 5802's formulas, and bad client input
// (another mechanism, another message type, an oversized or truncated message, a wrong proof).
#include "pgwire/password_authenticator.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include "cairn/exception.h"
#include "pgwire/byte_order.h"

namespace cairn::pgwire {
namespace {

/// The client end of a socket pair whose other end a SocketStream owns.
struct Pair {
  int client = -1;
  std::unique_ptr<SocketStream> server;
  Pair() {
    int fds[2];
    EXPECT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
    client = fds[0];
    server = std::make_unique<SocketStream>(fds[1]);
  }
  ~Pair() { close(client); }
  void Send(const std::string& bytes) const { ASSERT_EQ(write(client, bytes.data(), bytes.size()), ssize_t(bytes.size())); }
  /// Reads one backend message; returns its body, checking its type.
  std::string Receive(char type) const {
    char header[5];
    EXPECT_EQ(recv(client, header, 5, MSG_WAITALL), 5);
    EXPECT_EQ(header[0], type);
    std::string body(ReadBigEndian32(header + 1) - 4, '\0');
    EXPECT_EQ(recv(client, body.data(), body.size(), MSG_WAITALL), ssize_t(body.size()));
    return body;
  }
};

std::string PasswordMessage(const std::string& body) {
  std::string out(1, 'p');
  AppendBigEndian32(out, static_cast<uint32_t>(body.size() + 4));
  return out + body;
}

std::string InitialResponse(std::string_view mechanism, const std::string& data) {
  std::string body(mechanism);
  body.push_back('\0');
  AppendBigEndian32(body, static_cast<uint32_t>(data.size()));
  return PasswordMessage(body + data);
}

std::string Proof(std::string_view password, const std::string& salt, int iterations, const std::string& auth) {
  unsigned char salted[32], client_key[32], stored_key[32], signature[32];
  unsigned int length = 0;
  PKCS5_PBKDF2_HMAC(password.data(), int(password.size()), reinterpret_cast<const unsigned char*>(salt.data()),
                    int(salt.size()), iterations, EVP_sha256(), 32, salted);
  HMAC(EVP_sha256(), salted, 32, reinterpret_cast<const unsigned char*>("Client Key"), 10, client_key, &length);
  SHA256(client_key, 32, stored_key);
  HMAC(EVP_sha256(), stored_key, 32, reinterpret_cast<const unsigned char*>(auth.data()), auth.size(), signature, &length);
  std::string proof(32, '\0');
  for (int i = 0; i < 32; i++) proof[i] = char(client_key[i] ^ signature[i]);
  return Base64Encode(proof);
}

/// Runs Authenticate for `user` on a thread; returns "ok", "closed" or "SQLSTATE message".
struct Attempt {
  std::string outcome;
  std::thread thread;
  Attempt(const PasswordAuthenticator& authenticator, SocketStream& stream, std::string user)
      : thread([&, user] {
          try {
            outcome = authenticator.Authenticate(stream, user) ? "ok" : "closed";
          } catch (const Exception& error) {
            outcome = std::string(error.sqlstate()) + " " + error.what();
          }
        }) {}
  std::string Wait() {
    thread.join();
    return outcome;
  }
};

const PasswordAuthenticator& Alice() {
  static const PasswordAuthenticator authenticator(std::vector<ServerUser>{{"alice", "wonderland"}});
  return authenticator;
}

/// Logs in as `user` with `password`; returns the outcome and whether the server's signature came.
std::string Login(const std::string& user, const std::string& password) {
  Pair pair;
  Attempt run(Alice(), *pair.server, user);
  const std::string offer = pair.Receive('R');
  EXPECT_EQ(offer, std::string("\0\0\0\x0aSCRAM-SHA-256\0\0", 19));
  const std::string bare = "n=,r=abcdefghijklmnop";
  pair.Send(InitialResponse("SCRAM-SHA-256", "n,," + bare));
  const std::string server_first = pair.Receive('R').substr(4);
  const size_t s_at = server_first.find(",s="), i_at = server_first.find(",i=");
  std::string salt;
  EXPECT_TRUE(Base64Decode(server_first.substr(s_at + 3, i_at - s_at - 3), salt));
  const std::string without_proof = "c=biws,r=" + server_first.substr(2, s_at - 2);
  const std::string auth = bare + "," + server_first + "," + without_proof;
  pair.Send(PasswordMessage(without_proof + ",p=" + Proof(password, salt, std::stoi(server_first.substr(i_at + 3)), auth)));
  const std::string outcome = run.Wait();
  if (outcome == "ok") EXPECT_EQ(pair.Receive('R').substr(0, 6), std::string("\0\0\0\x0cv=", 6));
  return outcome;
}

TEST(PasswordAuthenticator, Logins) {
  EXPECT_TRUE(PasswordAuthenticator({}).empty());
  EXPECT_FALSE(Alice().empty());
  EXPECT_EQ(Login("alice", "wonderland"), "ok");
  EXPECT_EQ(Login("alice", "Wonderland"), "28P01 password authentication failed for user \"alice\"");
  EXPECT_EQ(Login("bob", "wonderland"), "28P01 password authentication failed for user \"bob\"");
}

TEST(PasswordAuthenticator, BadClientInput) {
  struct Case {
    std::string bytes;
    std::string outcome;
  };
  const Case cases[] = {
      {InitialResponse("SCRAM-SHA-256-PLUS", "p=tls-server-end-point,,n=,r=abc"), "08P01 client selected an invalid SASL authentication mechanism"},
      {InitialResponse("SCRAM-SHA-256", "p=tls-server-end-point,,n=,r=abc"), "08P01 channel binding is not supported (SCRAM-SHA-256-PLUS was not offered)"},
      {InitialResponse("SCRAM-SHA-256", "n,,n=,r="), "08P01 malformed SCRAM message (expected a nonce)"},
      {std::string("Q\0\0\0\x05x", 6), "08P01 expected SASL response, got message type 81"},
      {std::string("p\x7f\0\0\0", 5), "08P01 invalid SASL response length 2130706432"},
      {std::string("p\0\0\0\x02", 5), "08P01 invalid SASL response length 2"},
      // The initial response claims 9 bytes, 3 follow: the field runs past the message.
      {PasswordMessage(std::string("SCRAM-SHA-256\0\0\0\0\x09n,,", 21)), "08P01"},
      {std::string("p\0\0\0\x20short", 10), "closed"},  // the client hangs up mid-message
  };
  for (const Case& c : cases) {
    Pair pair;
    Attempt run(Alice(), *pair.server, "alice");
    pair.Receive('R');
    pair.Send(c.bytes);
    if (c.outcome == "closed") shutdown(pair.client, SHUT_WR);
    const std::string outcome = run.Wait();
    if (c.outcome == "08P01") {
      EXPECT_EQ(outcome.substr(0, 5), "08P01") << outcome;
    } else {
      EXPECT_EQ(outcome, c.outcome);
    }
  }
}

}  // namespace
}  // namespace cairn::pgwire
