// TaskScheduler: a fixed pool of worker threads shared by a whole database, running closures
// from one FIFO queue (morsel-driven parallelism, Leis et al., SIGMOD 2014: a pipeline is run
// by submitting one task per worker, each pulling morsels until the source is exhausted).
//
// Tasks must never block waiting for other tasks (the pool is fixed); a task that cannot make
// progress (e.g. the result queue is full) returns and is re-submitted later by whoever
// unblocks it.
//
// Thread-safety: Submit may be called from any thread, including workers. The destructor runs
// every task still queued, then joins the workers.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <memory>
#include <thread>
#include <vector>

#include "common/large_stack_thread.h"

namespace cairn {

class TaskScheduler {
 public:
  /// Starts `threads` workers (0 = std::thread::hardware_concurrency(), at least 1).
  explicit TaskScheduler(unsigned threads = 0);
  ~TaskScheduler();
  TaskScheduler(const TaskScheduler&) = delete;
  TaskScheduler& operator=(const TaskScheduler&) = delete;

  /// Queues `task` to run on a worker. Tasks must not throw (exceptions are swallowed).
  void Submit(std::function<void()> task);
  /// Number of worker threads.
  unsigned NumThreads() const { return static_cast<unsigned>(workers_.size()); }

 private:
  void WorkerLoop();

  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  // Workers run on large stacks (kLargeThreadStackBytes): expression evaluation recurses.
  std::vector<std::unique_ptr<LargeStackThread>> workers_;
};

}  // namespace cairn
