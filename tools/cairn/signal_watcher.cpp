#include "signal_watcher.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace cairn::shell {
namespace {

// The write end of the signal pipe, read by the handler (set before and cleared after the
// handlers are installed).
volatile sig_atomic_t signal_write_fd = -1;

constexpr char kQuitByte = 'Q';

void OnSignal(int signal_number) {
  const int saved_errno = errno;
  const int fd = signal_write_fd;
  if (fd >= 0) {
    char byte = signal_number == SIGINT ? 'I' : signal_number == SIGTERM ? 'T' : 'H';
    ssize_t ignored = write(fd, &byte, 1);  // non-blocking: a full pipe already has news
    (void)ignored;
  }
  errno = saved_errno;
}

void MakePipe(int (&fds)[2]) {
  if (pipe2(fds, O_CLOEXEC) != 0) throw std::system_error(errno, std::generic_category(), "pipe");
  fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK);
}

void Install(int signal_number, struct sigaction& previous) {
  struct sigaction action {};
  action.sa_handler = OnSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(signal_number, &action, &previous);
}

void RestoreDefaultAndRaise(int signal_number) {
  struct sigaction action {};
  action.sa_handler = SIG_DFL;
  sigemptyset(&action.sa_mask);
  sigaction(signal_number, &action, nullptr);
  kill(getpid(), signal_number);
}

}  // namespace

SignalWatcher::SignalWatcher(Connection& connection, bool interactive)
    : connection_(connection), interactive_(interactive) {
  MakePipe(signal_pipe_);
  MakePipe(wake_pipe_);
  fcntl(wake_pipe_[0], F_SETFL, fcntl(wake_pipe_[0], F_GETFL) | O_NONBLOCK);
  signal_write_fd = signal_pipe_[1];
  thread_ = std::thread([this] { Run(); });
  Install(SIGINT, previous_int_);
  Install(SIGTERM, previous_term_);
  Install(SIGHUP, previous_hup_);
}

SignalWatcher::~SignalWatcher() {
  sigaction(SIGINT, &previous_int_, nullptr);
  sigaction(SIGTERM, &previous_term_, nullptr);
  sigaction(SIGHUP, &previous_hup_, nullptr);
  char quit = kQuitByte;
  while (write(signal_pipe_[1], &quit, 1) < 0 && errno == EINTR) {
  }
  thread_.join();
  signal_write_fd = -1;
  for (int fd : {signal_pipe_[0], signal_pipe_[1], wake_pipe_[0], wake_pipe_[1]}) close(fd);
}

void SignalWatcher::DrainWake() {
  char buffer[64];
  while (read(wake_pipe_[0], buffer, sizeof(buffer)) > 0) {
  }
}

void SignalWatcher::Run() {
  for (;;) {
    char byte;
    ssize_t n = read(signal_pipe_[0], &byte, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0 || byte == kQuitByte) return;
    const int signal_number = byte == 'I' ? SIGINT : byte == 'T' ? SIGTERM : SIGHUP;
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
