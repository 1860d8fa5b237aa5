// Finding a request's socket by its addresses, and noticing that its peer closed it.
#include "http/client_socket.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace cairn::http {
namespace {

int PortOf(int fd, bool peer) {
  sockaddr_in address{};
  socklen_t length = sizeof address;
  (peer ? getpeername : getsockname)(fd, reinterpret_cast<sockaddr*>(&address), &length);
  return ntohs(address.sin_port);
}

TEST(ClientSocket, FindsTheAcceptedSocketAndSeesItsPeerClose) {
  const int listener = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(listen(listener, 4), 0);
  socklen_t length = sizeof address;
  getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
  const int client = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_EQ(connect(client, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  const int accepted = accept(listener, nullptr, nullptr);
  ASSERT_GE(accepted, 0);

  const int server_port = PortOf(accepted, false);
  const int client_port = PortOf(accepted, true);
  EXPECT_EQ(FindClientSocket(server_port, "127.0.0.1", client_port), accepted);
  EXPECT_EQ(FindClientSocket(server_port, "127.0.0.1", client_port + 1 == server_port ? client_port + 2 : client_port + 1),
            std::nullopt);
  EXPECT_EQ(FindClientSocket(server_port, "10.0.0.1", client_port), std::nullopt);
  // The client's own socket has the ports the other way round.
  EXPECT_EQ(FindClientSocket(client_port, "127.0.0.1", server_port), client);

  EXPECT_FALSE(PeerClosed(accepted));
  ASSERT_EQ(write(client, "GET", 3), 3);
  EXPECT_FALSE(PeerClosed(accepted));  // unread data is not a hang-up
  close(client);
  EXPECT_TRUE(PeerClosed(accepted));
  close(accepted);
  close(listener);
}

}  // namespace
}  // namespace cairn::http
