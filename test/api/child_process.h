// Forked children for the API tests that need several processes (catalog writers racing, a
// writer killed mid-statement): start one, wait for it, and count the one-byte
// acknowledgements it wrote to a pipe before it died.
//
// Fork only while the test process runs no engine threads (open Databases in the child).
// Thread-safety: call from the test's main thread.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <functional>
#include <stdexcept>

namespace cairn::testing {

/// Runs `body` in a forked child, which exits with its result (3 if it threw). Returns the pid.
inline pid_t Spawn(const std::function<int()>& body) {
  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    int code = 3;
    try {
      code = body();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "child %d: %s\n", ::getpid(), e.what());
    }
    std::fflush(stderr);
    ::_exit(code);
  }
  return pid;
}

/// Waits for `pid`; returns its wait status.
inline int Wait(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

/// Reads `fd` to its end and returns the number of bytes (acknowledged statements); -1 on a
/// read error.
inline int CountAcknowledged(int fd) {
  int count = 0;
  char buffer[4096];
  for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return -1;
    count += static_cast<int>(n);
  }
  return count;
}

}  // namespace cairn::testing
