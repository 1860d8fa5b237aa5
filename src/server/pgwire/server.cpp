#include "pgwire/server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

#include "cairn/exception.h"

namespace cairn::pgwire {

namespace {

/// SQLSTATE connection_failure: the server cannot listen.
constexpr const char* kConnectionFailure = "08006";
/// Clients refused by max_connections that may be in their startup phase at once (each on a
/// short-lived thread, to read its StartupMessage and answer 53300); more are closed at once.
constexpr size_t kMaxRefusing = 32;

}  // namespace

Server::Server(Database& database, ServerOptions options, LogSink log)
    : database_(database), options_(std::move(options)), log_(std::move(log)), authenticator_(options_.users, &database.catalog()) {}

Server::~Server() {
  if (listen_fd_ >= 0) close(listen_fd_);
  std::list<SessionSlot> sessions;
  {
    std::lock_guard lock(sessions_mutex_);
    for (SessionSlot& slot : sessions_) {
      slot.session->Interrupt();
      slot.session->Shutdown();
    }
    sessions.splice(sessions.end(), sessions_);
  }
  for (SessionSlot& slot : sessions) slot.thread->Join();
}

void Server::Listen() {
  if (options_.tls_certificate_file.empty() != options_.tls_key_file.empty()) {
    throw Exception(kConnectionFailure, "TLS needs both a certificate file and a key file");
  }
  if (!options_.tls_certificate_file.empty()) {
    tls_ = std::make_unique<TlsContext>(options_.tls_certificate_file, options_.tls_key_file);
  }
  const std::string host = options_.host == "localhost" ? "127.0.0.1" : options_.host;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(options_.port);
  if (inet_pton(AF_INET, host.c_str(), &address.sin_addr) != 1) {
    throw Exception(kConnectionFailure, fmt::format("invalid listen address \"{}\" (expected an IPv4 address)", options_.host));
  }
  const std::string where = fmt::format("{}:{}", host, options_.port);
  listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) throw Exception(kConnectionFailure, fmt::format("could not create socket: {}", std::strerror(errno)));
  int on = 1;
  setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  if (bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    throw Exception(kConnectionFailure, fmt::format("could not bind {}: {}", where, std::strerror(errno)));
  }
  if (listen(listen_fd_, SOMAXCONN) != 0) {
    throw Exception(kConnectionFailure, fmt::format("could not listen on {}: {}", where, std::strerror(errno)));
  }
  socklen_t length = sizeof address;
  getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length);
  bound_port_ = ntohs(address.sin_port);
  log_(fmt::format("listening on {}:{}{}{}", host, bound_port_, tls_ ? " (TLS available)" : "",
                   authenticator_.empty() ? "" : " (password authentication)"));
}

void Server::Serve(int stop_fd) {
  while (true) {
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {stop_fd, POLLIN, 0}};
    // A timeout so that ended sessions are reaped even when no client arrives.
    const int ready = poll(fds, stop_fd >= 0 ? 2 : 1, 1000);
    ReapFinished();
    if (ready < 0) {
      if (errno == EINTR) continue;
      log_(fmt::format("poll failed: {}", std::strerror(errno)));
      return;
    }
    if (stop_fd >= 0 && (fds[1].revents & POLLIN) != 0) {
      log_("stopping: no longer accepting connections");
      return;
    }
    if ((fds[0].revents & POLLIN) != 0) Accept();
  }
}

void Server::Accept() {
  sockaddr_in peer{};
  socklen_t length = sizeof peer;
  const int fd = accept4(listen_fd_, reinterpret_cast<sockaddr*>(&peer), &length, SOCK_CLOEXEC);
  if (fd < 0) {
    // The client may have gone already (ECONNABORTED), or descriptors ran out: keep serving.
    log_(fmt::format("accept failed: {}", std::strerror(errno)));
    return;
  }
  int on = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
  char peer_text[INET_ADDRSTRLEN] = "?";
  inet_ntop(AF_INET, &peer.sin_addr, peer_text, sizeof peer_text);
  const uint32_t process_id = next_process_id_++;
  uint32_t secret_key = 0;
  const std::string key_bytes = RandomBytes(sizeof secret_key);  // unguessable: it cancels queries
  std::memcpy(&secret_key, key_bytes.data(), sizeof secret_key);
  std::lock_guard lock(sessions_mutex_);
  bool refuse = false;
  if (options_.max_connections > 0) {
    size_t serving = 0;
    size_t refusing = 0;
    for (const SessionSlot& slot : sessions_) {
      if (slot.finished.load()) continue;
      (slot.refused ? refusing : serving)++;
    }
    refuse = serving >= options_.max_connections;
    if (refuse && refusing >= kMaxRefusing) {
      log_(fmt::format("connection from {}:{} closed: too many clients", peer_text, ntohs(peer.sin_port)));
      close(fd);
      return;
    }
  }
  log_(fmt::format("session {}: connection from {}:{}{}", process_id, peer_text, ntohs(peer.sin_port),
                   refuse ? " refused: too many clients already" : ""));
  SessionSlot& slot = sessions_.emplace_back();
  slot.refused = refuse;
  try {
    slot.session = std::make_unique<Session>(
        fd, database_, process_id, secret_key, log_,
        [this](uint32_t id, uint32_t key) { Cancel(id, key); });
    slot.session->authenticator_ = &authenticator_;
    slot.session->tls_ = tls_.get();
    slot.session->too_many_clients_ = refuse;
    slot.session->memory_limit_ = options_.memory_limit;
    slot.session->watchdog_ = &watchdog_;
    slot.session->statement_timeout_ = options_.statement_timeout;
    slot.session->metrics_ = options_.metrics;
    server::ServerMetrics* metrics = refuse ? nullptr : options_.metrics;
    slot.thread = std::make_unique<SessionThread>(
        [&slot, metrics] {
          if (metrics != nullptr) metrics->SessionOpened(server::Protocol::kPgwire);
          slot.session->Run();
          if (metrics != nullptr) metrics->SessionClosed(server::Protocol::kPgwire);
          slot.finished.store(true);
        },
        kStatementThreadStackBytes);
  } catch (const std::exception& error) {
    log_(fmt::format("session {}: could not start: {}", process_id, error.what()));
    if (!slot.session) close(fd);
    sessions_.pop_back();
  }
}

void Server::ReapFinished() {
  std::list<SessionSlot> finished;
  {
    std::lock_guard lock(sessions_mutex_);
    for (auto it = sessions_.begin(); it != sessions_.end();) {
      auto next = std::next(it);
      if (it->finished.load()) finished.splice(finished.end(), sessions_, it);
      it = next;
    }
  }
  for (SessionSlot& slot : finished) slot.thread->Join();
}

void Server::Cancel(uint32_t process_id, uint32_t secret_key) {
  std::lock_guard lock(sessions_mutex_);
  for (SessionSlot& slot : sessions_) {
    if (slot.session->process_id() == process_id && slot.session->secret_key() == secret_key) {
      log_(fmt::format("session {}: cancel request", process_id));
      slot.session->Interrupt();
      return;
    }
  }
}

}  // namespace cairn::pgwire
