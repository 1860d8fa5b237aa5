// The socket an HTTP request came in on, found again from its addresses — cpp-httplib hands
// handlers the peer's and the local address and port, not the socket — and a check whether its
// peer has gone away. The statement watchdog polls that socket while the request's query runs
// and interrupts the query when the client closed the connection, so an abandoned query does
// not run on.
//
// Thread-safety: stateless functions.
#pragma once

#include <optional>
#include <string>

namespace cairn::http {

/// The process's open TCP socket whose local port is `local_port` and whose peer is
/// `remote_addr` (numeric, IPv4 or IPv6) port `remote_port`; nullopt when there is none. Scans
/// the process's descriptors (/proc/self/fd), checking each with getsockname/getpeername.
std::optional<int> FindClientSocket(int local_port, const std::string& remote_addr, int remote_port);

/// Whether the peer of socket `fd` has closed the connection or it failed (poll: hang-up,
/// error, or the peer's end of stream). Never blocks.
bool PeerClosed(int fd);

}  // namespace cairn::http
