// SignalWatcher: the shell's handling of SIGINT (Ctrl-C), SIGTERM and SIGHUP.
//
// There is no signal handler: BlockSignals(), called first in main() before any thread
// exists, blocks the three signals in every thread, and a watcher thread takes them with
// sigwait() and does the work in ordinary thread context (so no other thread is ever
// interrupted by them, and no system call fails with EINTR):
//   - it counts the signal (interrupts(), terminate_requested());
//   - if a statement is running (set_statement_running), it cancels it with
//     Connection::interrupt() — the statement then fails with SQLSTATE 57014;
//   - it wakes the line reader through wake_fd(), so a prompt waiting for input can clear its
//     line (SIGINT) or end the session (SIGTERM, SIGHUP) and let the history be saved;
//   - when the shell is not interactive and no statement is running (e.g. blocked reading piped
//     stdin), it restores the default action and re-raises the signal: the process ends as any
//     Unix filter does on Ctrl-C.
// A signal the shell inherited as ignored (e.g. SIGINT for a background job) stays ignored.
//
// Thread-safety: every method is thread-safe. One instance at a time (signal masks are
// inherited by every thread); the destructor stops and joins the thread.
#pragma once

#include <atomic>
#include <csignal>
#include <cstdint>
#include <thread>

#include "cairn/connection.h"

namespace cairn::shell {

class SignalWatcher {
 public:
  /// Blocks SIGINT, SIGTERM and SIGHUP in the calling thread and so in every thread it creates
  /// later. REQUIRES: called before any other thread is started (the Database's workers).
  static void BlockSignals();

  /// Starts the watcher thread. `connection` receives interrupt() calls; `interactive` selects
  /// the behaviour when no statement is running (see the file comment). REQUIRES:
  /// BlockSignals() was called. Throws std::system_error if the pipe or thread cannot be made.
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
  int wake_pipe_[2] = {-1, -1};
  std::atomic<uint64_t> interrupts_{0};
  std::atomic<int> terminate_signal_{0};
  std::atomic<bool> statement_running_{false};
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace cairn::shell
