// StatementWatchdog: interrupts the statements the servers run (HTTP requests, pgwire sessions) — each one when its
// statement timeout expires or its client has closed the connection (Connection::interrupt,
// SQLSTATE 57014), and all of them when the server stops. One thread sleeps until the nearest
// deadline, and checks the clients' sockets every kClientPollInterval.
//
// A statement is watched from Watch() until Unwatch(); the connection must stay alive until
// Unwatch() returned (the watchdog interrupts under its lock, so Unwatch() also waits for an
// interrupt in progress).
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "cairn/connection.h"

namespace cairn::server {

class StatementWatchdog {
 public:
  using Clock = std::chrono::steady_clock;
  /// How often the sockets of watched statements' clients are checked.
  static constexpr std::chrono::milliseconds kClientPollInterval{200};

  StatementWatchdog();
  /// Stops the thread. REQUIRES: nothing is watched any more.
  ~StatementWatchdog();
  StatementWatchdog(const StatementWatchdog&) = delete;
  StatementWatchdog& operator=(const StatementWatchdog&) = delete;

  /// Watches a statement running on `connection`; with a `timeout` it is interrupted once the
  /// timeout has passed, with a `client_fd` once that socket's peer has closed the connection
  /// (PeerClosed in client_socket.h; the socket must stay open until Unwatch()). Returns the ticket
  /// for Unwatch().
  uint64_t Watch(Connection& connection, std::optional<std::chrono::milliseconds> timeout,
                 std::optional<int> client_fd = std::nullopt);
  /// Stops watching; returns whether the statement was interrupted because its timeout passed.
  bool Unwatch(uint64_t ticket);
  /// Interrupts every watched statement now (server shutdown).
  void InterruptAll();

 private:
  struct Watched {
    Connection* connection;
    std::optional<Clock::time_point> deadline;
    std::optional<int> client_fd;
    bool timed_out = false;
    bool client_gone = false;
  };
  void Run();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::map<uint64_t, Watched> watched_;  // guarded by mutex_
  uint64_t next_ticket_ = 1;             // guarded by mutex_
  /// When the thread will next wake up by itself (max: only when notified); guarded by mutex_.
  Clock::time_point next_wake_ = Clock::time_point::max();
  bool stopping_ = false;                // guarded by mutex_
  std::thread thread_;
};

}  // namespace cairn::server
