// Server: Cairn's PostgreSQL protocol v3 server. It listens on a TCP address, serves each
// client on its own thread (session.h) with its own cairn::Connection on one shared Database,
// routes CancelRequests to the session they name, and on shutdown closes every session and
// joins its thread.
//
// Thread-safety: Listen() then Serve() on one thread; the destructor on that thread after
// Serve() returned. Sessions run on threads of their own.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "cairn/database.h"
#include "pgwire/password_authenticator.h"
#include "pgwire/session.h"
#include "pgwire/session_thread.h"
#include "pgwire/tls_context.h"
#include "server_metrics.h"

namespace cairn::pgwire {

struct ServerOptions {
  /// IPv4 address to listen on (dotted quad, or "localhost").
  std::string host = "127.0.0.1";
  /// TCP port; 0 picks a free one (see Server::port()).
  uint16_t port = 5432;
  /// Users for password authentication (SCRAM-SHA-256, password_authenticator.h): when any is
  /// given, every client must log in as one of them; empty = trust authentication.
  std::vector<ServerUser> users;
  /// TLS certificate (chain) and private key files (PEM) for SSLRequest, loaded by Listen();
  /// both empty = no TLS (the request is answered `N`). One without the other is an error.
  std::string tls_certificate_file;
  std::string tls_key_file;
  /// Most sessions served at once: a further client gets FATAL 53300 "sorry, too many clients
  /// already" after its StartupMessage and is closed; 0 = no limit.
  unsigned max_connections = 0;
  /// A statement running longer is canceled with 57014 (PostgreSQL's statement_timeout);
  /// zero = no limit. Each session watches its statements with the server's StatementWatchdog.
  std::chrono::milliseconds statement_timeout{0};
  /// Each session's memory limit in bytes (`SET memory_limit` when it starts); 0 = the
  /// database's.
  uint64_t memory_limit = 0;
  /// Receives SessionOpened/SessionClosed (Protocol::kPgwire) for every session served (not
  /// for clients refused by max_connections); null = none. Must outlive the server.
  server::ServerMetrics* metrics = nullptr;
};

class Server {
 public:
  /// `database` must outlive the server. `log` receives one line per event (listening,
  /// sessions opening and closing, protocol violations).
  Server(Database& database, ServerOptions options, LogSink log);
  /// Closes every session (their sockets are shut down, running statements interrupted) and
  /// joins their threads.
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Loads the TLS certificate and key when configured, binds and listens. Throws
  /// cairn::Exception 08006 when a TLS file cannot be loaded (naming it), or when the address
  /// is invalid or cannot be bound (e.g. the port is in use), naming the address and the
  /// system's reason.
  void Listen();
  /// The port listened on (the chosen one when ServerOptions::port was 0). REQUIRES: Listen().
  uint16_t port() const { return bound_port_; }
  /// Accepts clients until `stop_fd` becomes readable (e.g. a signal watcher's wake pipe);
  /// -1 serves until the listening socket fails. REQUIRES: Listen().
  void Serve(int stop_fd);

 private:
  struct SessionSlot {
    std::unique_ptr<Session> session;
    std::unique_ptr<SessionThread> thread;
    std::atomic<bool> finished{false};
    bool refused = false;  // over max_connections: only told so
  };

  void Accept();
  /// Joins and frees the sessions that have ended.
  void ReapFinished();
  void Cancel(uint32_t process_id, uint32_t secret_key);

  Database& database_;
  ServerOptions options_;
  LogSink log_;
  int listen_fd_ = -1;
  uint16_t bound_port_ = 0;
  uint32_t next_process_id_ = 1;
  std::mutex sessions_mutex_;
  /// Statement timeouts and client hang-ups of every session (outlives the sessions).
  server::StatementWatchdog watchdog_;
  std::list<SessionSlot> sessions_;  // guarded by sessions_mutex_
  PasswordAuthenticator authenticator_;
  std::unique_ptr<TlsContext> tls_;  // set by Listen() when configured
};

}  // namespace cairn::pgwire
