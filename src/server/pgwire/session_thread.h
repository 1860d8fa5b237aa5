// SessionThread: the thread a session runs on, created with cairn::kStatementThreadStackBytes of
// stack (POSIX pthread attributes; std::thread cannot set a stack size) so that Cairn plans the
// session's statements on it instead of on a fresh thread per statement (connection.h). Only the
// stack pages a session touches are committed, so hundreds of idle sessions stay cheap.
//
// Thread-safety: created, joined and destroyed by one thread (the server's accept loop).
#pragma once

#include <cstddef>
#include <functional>

namespace cairn::pgwire {

class SessionThread {
 public:
  /// Starts `body` on a new thread with a `stack_bytes` stack. Throws std::system_error when no
  /// thread can be created.
  SessionThread(std::function<void()> body, size_t stack_bytes);
  /// Joins the thread if Join() was not called.
  ~SessionThread();
  SessionThread(const SessionThread&) = delete;
  SessionThread& operator=(const SessionThread&) = delete;

  /// Waits for `body` to return. `body` must not throw (an escaping exception terminates).
  void Join();

 private:
  static void* Entry(void* self);

  std::function<void()> body_;
  unsigned long handle_ = 0;  // pthread_t
  bool joined_ = false;
};

}  // namespace cairn::pgwire
