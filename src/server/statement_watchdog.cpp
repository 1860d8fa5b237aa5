#include "statement_watchdog.h"

#include "http/client_socket.h"

namespace cairn::server {

StatementWatchdog::StatementWatchdog() : thread_([this] { Run(); }) {}

StatementWatchdog::~StatementWatchdog() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

uint64_t StatementWatchdog::Watch(Connection& connection, std::optional<std::chrono::milliseconds> timeout,
                                  std::optional<int> client_fd) {
  std::lock_guard lock(mutex_);
  const uint64_t ticket = next_ticket_++;
  Watched watched{&connection, std::nullopt, client_fd};
  if (timeout) watched.deadline = Clock::now() + *timeout;
  watched_.emplace(ticket, watched);
  // Wake the thread only when it would otherwise wake too late for this statement: a statement
  // server runs thousands of statements a second, and each wake-up costs a thread switch.
  std::optional<Clock::time_point> needed = watched.deadline;
  if (client_fd) {
    const Clock::time_point poll_at = Clock::now() + kClientPollInterval;
    if (!needed || poll_at < *needed) needed = poll_at;
  }
  if (needed && *needed < next_wake_) {
    next_wake_ = *needed;
    wake_.notify_all();
  }
  return ticket;
}

bool StatementWatchdog::Unwatch(uint64_t ticket) {
  std::lock_guard lock(mutex_);
  auto it = watched_.find(ticket);
  if (it == watched_.end()) return false;
  const bool timed_out = it->second.timed_out;
  watched_.erase(it);
  return timed_out;
}

void StatementWatchdog::InterruptAll() {
  std::lock_guard lock(mutex_);
  for (auto& [ticket, watched] : watched_) watched.connection->interrupt();
}

void StatementWatchdog::Run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    std::optional<Clock::time_point> next;
    const Clock::time_point now = Clock::now();
    bool poll_clients = false;
    for (auto& [ticket, watched] : watched_) {
      if (watched.client_fd && !watched.client_gone) {
        if (http::PeerClosed(*watched.client_fd)) {
          watched.client_gone = true;
          watched.connection->interrupt();
        } else {
          poll_clients = true;
        }
      }
      if (!watched.deadline || watched.timed_out) continue;
      if (*watched.deadline <= now) {
        watched.timed_out = true;
        watched.connection->interrupt();  // returns at once
      } else if (!next || *watched.deadline < *next) {
        next = watched.deadline;
      }
    }
    if (poll_clients && (!next || *next > now + kClientPollInterval)) next = now + kClientPollInterval;
    next_wake_ = next.value_or(Clock::time_point::max());
    if (next) {
      wake_.wait_until(lock, *next);
    } else {
      wake_.wait(lock);
    }
  }
}

}  // namespace cairn::server
