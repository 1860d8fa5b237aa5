#include "http/client_socket.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <charconv>
#include <cstring>

namespace cairn::http {

namespace {

/// The numeric address and port of `address`; false for other families.
bool Describe(const sockaddr_storage& address, std::string& host, int& port) {
  char text[INET6_ADDRSTRLEN] = {};
  if (address.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
    inet_ntop(AF_INET, &v4.sin_addr, text, sizeof text);
    port = ntohs(v4.sin_port);
  } else if (address.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
    inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text);
    port = ntohs(v6.sin6_port);
  } else {
    return false;
  }
  host = text;
  return true;
}

/// Whether `fd` is a socket from local port `local_port` to `remote_addr`:`remote_port`.
bool Matches(int fd, int local_port, const std::string& remote_addr, int remote_port) {
  sockaddr_storage local{}, peer{};
  socklen_t local_length = sizeof local, peer_length = sizeof peer;
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_length) != 0) return false;
  if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_length) != 0) return false;
  std::string local_host, peer_host;
  int local_number = 0, peer_number = 0;
  if (!Describe(local, local_host, local_number) || !Describe(peer, peer_host, peer_number)) return false;
  return local_number == local_port && peer_number == remote_port && peer_host == remote_addr;
}

}  // namespace

std::optional<int> FindClientSocket(int local_port, const std::string& remote_addr, int remote_port) {
  DIR* directory = opendir("/proc/self/fd");
  if (directory == nullptr) return std::nullopt;
  const int own_fd = dirfd(directory);
  std::optional<int> found;
  while (dirent* entry = readdir(directory)) {
    int fd = -1;
    const char* name = entry->d_name;
    auto [end, error] = std::from_chars(name, name + std::strlen(name), fd);
    if (error != std::errc() || *end != '\0' || fd == own_fd) continue;
    if (Matches(fd, local_port, remote_addr, remote_port)) {
      found = fd;
      break;
    }
  }
  closedir(directory);
  return found;
}

bool PeerClosed(int fd) {
  pollfd entry{fd, POLLIN | POLLRDHUP, 0};
  if (poll(&entry, 1, 0) <= 0) return false;
  return (entry.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL)) != 0;
}

}  // namespace cairn::http
