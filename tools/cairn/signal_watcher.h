// SignalWatcher: the shell's handling of SIGINT (Ctrl-C), SIGTERM and SIGHUP.
//
// The signal handlers only write one byte to a pipe (async-signal-safe). A watcher thread reads
// it and does the real work outside signal context:
//   - it counts the signal (interrupts(), terminate_requested());
//   - if a statement is running (set_statement_running), it cancels it with
//     Connection::interrupt() — the statement then fails with SQLSTATE 57014;
//   - it wakes the line reader through wake_fd(), so a prompt waiting for input can clear its
//     line (SIGINT) or end the session (SIGTERM, SIGHUP) and let the history be saved;
//   - when the shell is not interactive and no statement is running (e.g. blocked reading piped
//     stdin), it restores the default action and re-raises the signal: the process ends as any
//     Unix filter does on Ctrl-C.
//
// Thread-safety: every method is thread-safe. One instance at a time (signal dispositions are
// process-wide); the destructor restores the previous dispositions and joins the thread.
#pragma once

#include <atomic>
#include <csignal>
#include <cstdint>
#include <thread>

#include "cairn/connection.h"

namespace cairn::shell {

class SignalWatcher {
 public:
  /// Installs the handlers. `connection` receives interrupt() calls; `interactive` selects the
  /// behaviour when no statement is running (see the file comment). Throws std::system_error
  /// if the pipe or the thread cannot be created.
  SignalWatcher(Connection& connection, bool interactive);
  ~SignalWatcher();
  SignalWatcher(const SignalWatcher&) = delete;
  SignalWatcher& operator=(const SignalWatcher&) = delete;

  /// Number of SIGINTs received so far.
  uint64_t interrupts() const { return interrupts_.load(); }
  /// True once SIGTERM or SIGHUP was received: the shell should finish and exit.
  bool terminate_requested() const { return terminate_signal_.load() != 0; }
  /// The signal that asked to terminate (SIGTERM or SIGHUP), 0 if none.
  int terminate_signal() const { return terminate_signal_.load(); }

  /// Readable after each handled signal; a reader waiting for input selects on it. Drain it
  /// with DrainWake().
  int wake_fd() const { return wake_pipe_[0]; }
  /// Consumes every pending wake-up byte (non-blocking).
  void DrainWake();

  /// The shell marks the span in which a statement runs (or streams its result).
  void set_statement_running(bool running) { statement_running_.store(running); }

 private:
  void Run();

  Connection& connection_;
  const bool interactive_;
  int signal_pipe_[2] = {-1, -1};
  int wake_pipe_[2] = {-1, -1};
  std::atomic<uint64_t> interrupts_{0};
  std::atomic<int> terminate_signal_{0};
  std::atomic<bool> statement_running_{false};
  struct sigaction previous_int_ {};
  struct sigaction previous_term_ {};
  struct sigaction previous_hup_ {};
  std::thread thread_;
};

}  // namespace cairn::shell
