#include "execution/task_scheduler.h"

#include <algorithm>

namespace cairn {

namespace {

/// The group whose task the current thread is running (nullptr outside tasks), so WaitIdle
/// called from inside a task does not wait for itself.
thread_local const TaskGroup* current_group = nullptr;

}  // namespace

TaskScheduler::TaskScheduler(unsigned threads) {
  if (threads == 0) threads = std::thread::hardware_concurrency();
  if (threads == 0) threads = 1;
  workers_.reserve(threads);
  for (unsigned i = 0; i < threads; i++) workers_.push_back(std::make_unique<LargeStackThread>([this] { WorkerLoop(); }));
}

TaskScheduler::~TaskScheduler() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  work_cv_.notify_all();
  for (auto& worker : workers_) worker->Join();
}

std::shared_ptr<TaskGroup> TaskScheduler::CreateGroup() { return std::make_shared<TaskGroup>(); }

void TaskScheduler::Submit(const std::shared_ptr<TaskGroup>& group, Task task) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!group->cancelled_) {
      group->queue_.push_back(std::move(task));
      if (!group->in_round_) {
        group->in_round_ = true;
        round_.push_back(group);
      }
      work_cv_.notify_one();
      return;
    }
  }
  // Cancelled: `task` is destroyed here, outside the lock (it may own a whole query).
}

void TaskScheduler::Cancel(TaskGroup& group) {
  std::deque<Task> dropped;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    group.cancelled_ = true;
    dropped.swap(group.queue_);
    if (group.in_round_) {
      group.in_round_ = false;
      round_.erase(
          std::remove_if(round_.begin(), round_.end(), [&group](const auto& g) { return g.get() == &group; }),
          round_.end());
    }
  }
  // `dropped` is destroyed here, outside the lock: tasks may own whole queries.
}

void TaskScheduler::WaitIdle(TaskGroup& group) {
  const size_t own = current_group == &group ? 1 : 0;
  std::unique_lock<std::mutex> lock(mutex_);
  idle_cv_.wait(lock, [&group, own] { return group.running_ <= own; });
}

size_t TaskScheduler::QueuedTasks(const TaskGroup& group) {
  std::lock_guard<std::mutex> lock(mutex_);
  return group.queue_.size();
}

void TaskScheduler::WorkerLoop() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    work_cv_.wait(lock, [this] { return stopping_ || !round_.empty(); });
    if (round_.empty()) return;  // stopping and drained
    std::shared_ptr<TaskGroup> group = std::move(round_.front());
    round_.pop_front();
    Task task = std::move(group->queue_.front());
    group->queue_.pop_front();
    if (group->queue_.empty()) {
      group->in_round_ = false;
    } else {
      round_.push_back(group);  // its next task waits for the other groups' turns
    }
    group->running_++;
    lock.unlock();

    current_group = group.get();
    TaskStatus status = TaskStatus::kDone;
    try {
      status = task();
    } catch (...) {
      // Tasks report their own errors; never let one kill a worker.
    }
    current_group = nullptr;

    lock.lock();
    if (status == TaskStatus::kYield && !group->cancelled_) {
      group->queue_.push_back(std::move(task));
      if (!group->in_round_) {
        group->in_round_ = true;
        round_.push_back(group);
      }
    } else {
      // Destroy the task (it may own a whole query) unlocked, and before it stops counting as
      // running: WaitIdle's return then means nothing of the group is left on a worker.
      lock.unlock();
      task = nullptr;
      lock.lock();
    }
    group->running_--;
    if (group->cancelled_ && group->running_ == 0) idle_cv_.notify_all();
    group.reset();  // a group with no references has no queued tasks: cheap to destroy
  }
}

}  // namespace cairn
