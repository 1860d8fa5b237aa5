#include "signal_watcher.h"

#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace cairn::shell {
namespace {

sigset_t WatchedSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  return set;
}

// Ends the process the way `signal_number` does by default (the caller is the watcher thread,
// the only one that may unblock it).
void RestoreDefaultAndRaise(int signal_number) {
  struct sigaction action {};
  action.sa_handler = SIG_DFL;
  sigemptyset(&action.sa_mask);
  sigaction(signal_number, &action, nullptr);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, signal_number);
  pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
  raise(signal_number);
}

}  // namespace

void SignalWatcher::BlockSignals() {
  sigset_t set = WatchedSignals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

SignalWatcher::SignalWatcher(Connection& connection, bool interactive)
    : connection_(connection), interactive_(interactive) {
  if (pipe2(wake_pipe_, O_CLOEXEC | O_NONBLOCK) != 0)
    throw std::system_error(errno, std::generic_category(), "pipe");
  thread_ = std::thread([this] { Run(); });
}

SignalWatcher::~SignalWatcher() {
  stopping_.store(true);
  pthread_kill(thread_.native_handle(), SIGTERM);  // wakes sigwait; ignored since stopping_
  thread_.join();
  close(wake_pipe_[0]);
  close(wake_pipe_[1]);
}

void SignalWatcher::DrainWake() {
  char buffer[64];
  while (read(wake_pipe_[0], buffer, sizeof(buffer)) > 0) {
  }
}

void SignalWatcher::Run() {
  const sigset_t set = WatchedSignals();
  for (;;) {
    int signal_number = 0;
    if (sigwait(&set, &signal_number) != 0) continue;
    if (stopping_.load()) return;
    if (signal_number == SIGINT) {
      interrupts_++;
    } else {
      int expected = 0;
      terminate_signal_.compare_exchange_strong(expected, signal_number);
    }
    if (statement_running_.load()) {
      connection_.interrupt();
    } else if (!interactive_) {
      // Nothing to cancel and no prompt to return to: end like any filter.
      RestoreDefaultAndRaise(signal_number);
    }
    char wake = 'w';
    ssize_t ignored = write(wake_pipe_[1], &wake, 1);
    (void)ignored;
  }
}

}  // namespace cairn::shell
