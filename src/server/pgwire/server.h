// Server: Cairn's PostgreSQL protocol v3 server. It listens on a TCP address, serves each
// client on its own thread (session.h) with its own cairn::Connection on one shared Database,
// routes CancelRequests to the session they name, and on shutdown closes every session and
// joins its thread.
//
// Thread-safety: Listen() then Serve() on one thread; the destructor on that thread after
// Serve() returned. Sessions run on threads of their own.
#pragma once

#include <atomic>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "cairn/database.h"
#include "pgwire/session.h"
#include "pgwire/session_thread.h"

namespace cairn::pgwire {

struct ServerOptions {
  /// IPv4 address to listen on (dotted quad, or "localhost").
  std::string host = "127.0.0.1";
  /// TCP port; 0 picks a free one (see Server::port()).
  uint16_t port = 5432;
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

  /// Binds and listens. Throws cairn::Exception 08006 when the address is invalid or cannot
  /// be bound (e.g. the port is in use), naming the address and the system's reason.
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
  std::list<SessionSlot> sessions_;  // guarded by sessions_mutex_
};

}  // namespace cairn::pgwire
