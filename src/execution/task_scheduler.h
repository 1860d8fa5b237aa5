// TaskScheduler: a fixed pool of worker threads shared by a whole database (morsel-driven
// parallelism, Leis et al., SIGMOD 2014). Work is submitted in TaskGroups, one per query: each
// group has its own FIFO of tasks, and the workers serve the groups that have queued tasks
// round-robin, one task at a time. A task runs a bounded slice of work and returns kYield to be
// re-queued at the back of its group (and its group at the back of the round), so a long query
// with many tasks cannot starve a short one: a newly submitted group's first task starts as
// soon as any worker finishes its current slice.
//
// Tasks must never block waiting for other tasks (the pool is fixed); a task that cannot make
// progress (e.g. the result queue is full) returns kDone and is re-submitted later by whoever
// unblocks it.
//
// Cancellation: Cancel(group) drops the group's queued tasks at once and refuses later
// submissions to it; WaitIdle(group) then waits only for the group's tasks that are running on
// a worker at that moment (they are expected to notice cancellation and return promptly).
//
// Thread-safety: every method may be called from any thread, including workers. The
// destructor runs every task still queued (re-queueing yielded ones until they finish), then
// joins the workers.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "common/large_stack_thread.h"

namespace cairn {

/// What a task reports when it returns to the worker.
enum class TaskStatus {
  kDone,   // finished (or parked elsewhere): the scheduler drops it
  kYield,  // has more work: re-queue it at the back of its group
};

/// A unit of work. Must not throw (exceptions are swallowed and the task is dropped).
using Task = std::function<TaskStatus()>;

class TaskScheduler;

/// The queue of one query's tasks. Created by TaskScheduler::CreateGroup; its state is guarded
/// by the scheduler's mutex and is opaque to everyone else.
class TaskGroup {
 public:
  TaskGroup() = default;
  TaskGroup(const TaskGroup&) = delete;
  TaskGroup& operator=(const TaskGroup&) = delete;

 private:
  friend class TaskScheduler;
  std::deque<Task> queue_;
  size_t running_ = 0;
  bool cancelled_ = false;
  bool in_round_ = false;  // listed in the scheduler's round of groups with queued tasks
};

class TaskScheduler {
 public:
  /// Starts `threads` workers (0 = std::thread::hardware_concurrency(), at least 1).
  explicit TaskScheduler(unsigned threads = 0);
  ~TaskScheduler();
  TaskScheduler(const TaskScheduler&) = delete;
  TaskScheduler& operator=(const TaskScheduler&) = delete;

  /// A new, empty group (one per query).
  std::shared_ptr<TaskGroup> CreateGroup();

  /// Queues `task` at the back of `group`. If the group is cancelled the task is destroyed
  /// without running.
  void Submit(const std::shared_ptr<TaskGroup>& group, Task task);

  /// Marks `group` cancelled and destroys its queued tasks (outside the scheduler's lock);
  /// later submissions to it are dropped, and a running task's kYield drops it. Does not wait.
  /// Idempotent.
  void Cancel(TaskGroup& group);

  /// Waits until none of `group`'s tasks is running, except the caller's own when called from
  /// inside one of them. REQUIRES: Cancel(group) was called (otherwise tasks may keep coming).
  void WaitIdle(TaskGroup& group);

  /// Tasks of `group` queued, not running (for tests and diagnostics).
  size_t QueuedTasks(const TaskGroup& group);

  /// Number of worker threads.
  unsigned NumThreads() const { return static_cast<unsigned>(workers_.size()); }

 private:
  void WorkerLoop();

  std::mutex mutex_;
  std::condition_variable work_cv_;               // a group was added to the round, or stopping
  std::condition_variable idle_cv_;               // a task of a cancelled group stopped running
  std::deque<std::shared_ptr<TaskGroup>> round_;  // groups with queued tasks, served in turn
  bool stopping_ = false;
  // Workers run on large stacks (kLargeThreadStackBytes): expression evaluation recurses.
  std::vector<std::unique_ptr<LargeStackThread>> workers_;
};

}  // namespace cairn
