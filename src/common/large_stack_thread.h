// LargeStackThread: a thread with an explicitly sized stack (POSIX pthread attributes;
// std::thread always takes the platform default, 8 MiB on Linux, or less for an embedder's
// threads). Cairn plans statements and runs its query workers on such threads so that deeply
// nested but legitimate statements succeed; CheckStackDepth() (common/stack_depth.h) turns the
// rest into a clean 54001 error.
//
// Thread-safety: a LargeStackThread object is used by the thread that created it (start, join).
#pragma once

#include <cstddef>
#include <exception>
#include <functional>

#include "common/stack_depth.h"

namespace cairn {

class LargeStackThread {
 public:
  /// Starts a thread running `body` on a stack of `stack_bytes` bytes. An exception escaping
  /// `body` is kept and rethrown by Join(). Throws std::system_error if no thread can be created
  /// (std::bad_alloc when the stack cannot be reserved).
  explicit LargeStackThread(std::function<void()> body, size_t stack_bytes = kLargeThreadStackBytes);
  /// Joins the thread if Join() was not called.
  ~LargeStackThread();
  LargeStackThread(const LargeStackThread&) = delete;
  LargeStackThread& operator=(const LargeStackThread&) = delete;

  /// Waits for the thread to finish; rethrows the exception `body` raised, if any.
  void Join();

 private:
  static void* Entry(void* self);

  std::function<void()> body_;
  std::exception_ptr error_;
  unsigned long handle_ = 0;  // pthread_t
  bool joined_ = false;
};

/// Runs `body` on a fresh thread with a `stack_bytes` stack and waits for it; rethrows what it
/// throws. Used to run parse + bind + optimize + physical planning with room for deep trees.
/// When the calling thread itself has at least `stack_bytes` - 2 MiB of stack left (a thread
/// created with cairn::kStatementThreadStackBytes, a query worker), `body` runs on it directly.
void RunOnLargeStack(const std::function<void()>& body, size_t stack_bytes = kLargeThreadStackBytes);

}  // namespace cairn
