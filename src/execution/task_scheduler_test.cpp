// TaskScheduler: round-robin fairness across groups, yielding, cancellation dropping queued
// tasks, WaitIdle, and destruction draining the queues.
#include "execution/task_scheduler.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <string>
#include <vector>

namespace cairn {
namespace {

using namespace std::chrono_literals;

/// A task that holds its worker until Open() is called.
class Gate {
 public:
  Task MakeTask() {
    return [this] {
      started_.set_value();
      open_future_.wait();
      return TaskStatus::kDone;
    };
  }
  void WaitStarted() { started_future_.wait(); }
  void Open() { open_.set_value(); }

 private:
  std::promise<void> started_;
  std::shared_future<void> started_future_ = started_.get_future().share();
  std::promise<void> open_;
  std::shared_future<void> open_future_ = open_.get_future().share();
};

/// Records the order tasks ran in.
class Log {
 public:
  void Add(const std::string& entry) {
    std::lock_guard<std::mutex> lock(mutex_);
    entries_.push_back(entry);
  }
  std::vector<std::string> entries() {
    std::lock_guard<std::mutex> lock(mutex_);
    return entries_;
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> entries_;
};

/// Waits (bounded) until `done()` holds.
template <typename Predicate>
bool WaitFor(Predicate done, std::chrono::milliseconds limit = 5000ms) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

TEST(TaskSchedulerTest, GroupsAreServedRoundRobin) {
  TaskScheduler scheduler(1);
  auto long_query = scheduler.CreateGroup();
  auto short_query = scheduler.CreateGroup();
  Gate gate;
  scheduler.Submit(long_query, gate.MakeTask());
  gate.WaitStarted();
  Log log;
  for (int i = 0; i < 50; i++) {
    scheduler.Submit(long_query, [&log, i] {
      log.Add("long" + std::to_string(i));
      return TaskStatus::kDone;
    });
  }
  scheduler.Submit(short_query, [&log] {
    log.Add("short");
    return TaskStatus::kDone;
  });
  gate.Open();
  ASSERT_TRUE(WaitFor([&log] { return log.entries().size() == 51; }));
  auto entries = log.entries();
  // The long group was first in the round, so one of its tasks runs, then the short group's
  // turn comes, ahead of the 49 long tasks still queued; a single FIFO would run it last.
  EXPECT_EQ(entries[0], "long0");
  EXPECT_EQ(entries[1], "short");
  EXPECT_EQ(entries[2], "long1");
  EXPECT_EQ(entries[50], "long49");
}

TEST(TaskSchedulerTest, YieldedTaskIsRequeuedBehindOtherGroups) {
  TaskScheduler scheduler(1);
  auto a = scheduler.CreateGroup();
  auto b = scheduler.CreateGroup();
  Gate gate;
  scheduler.Submit(a, gate.MakeTask());
  gate.WaitStarted();
  Log log;
  int slices = 0;
  scheduler.Submit(a, [&log, &slices] {
    log.Add("a" + std::to_string(slices));
    return ++slices < 3 ? TaskStatus::kYield : TaskStatus::kDone;
  });
  int b_runs = 0;
  scheduler.Submit(b, [&log, &b_runs] {
    log.Add("b" + std::to_string(b_runs));
    return ++b_runs < 2 ? TaskStatus::kYield : TaskStatus::kDone;
  });
  gate.Open();
  ASSERT_TRUE(WaitFor([&log] { return log.entries().size() == 5; }));
  EXPECT_EQ(log.entries(), (std::vector<std::string>{"a0", "b0", "a1", "b1", "a2"}));
}

TEST(TaskSchedulerTest, CancelDropsQueuedTasksAtOnce) {
  TaskScheduler scheduler(1);
  auto group = scheduler.CreateGroup();
  auto other = scheduler.CreateGroup();
  Gate gate;
  scheduler.Submit(group, gate.MakeTask());
  gate.WaitStarted();
  auto token = std::make_shared<int>(0);  // every queued task holds a copy
  std::atomic<int> ran{0};
  for (int i = 0; i < 1000; i++) {
    scheduler.Submit(group, [token, &ran] {
      ran++;
      return TaskStatus::kDone;
    });
  }
  EXPECT_EQ(scheduler.QueuedTasks(*group), 1000u);
  EXPECT_EQ(token.use_count(), 1001);
  scheduler.Cancel(*group);
  EXPECT_EQ(scheduler.QueuedTasks(*group), 0u);
  EXPECT_EQ(token.use_count(), 1);  // the dropped tasks were destroyed
  // Later submissions to the cancelled group are dropped too.
  scheduler.Submit(group, [token, &ran] {
    ran++;
    return TaskStatus::kDone;
  });
  EXPECT_EQ(token.use_count(), 1);
  gate.Open();
  scheduler.WaitIdle(*group);
  // The worker is free for other groups, and nothing of the cancelled group ran.
  std::promise<void> other_ran;
  scheduler.Submit(other, [&other_ran] {
    other_ran.set_value();
    return TaskStatus::kDone;
  });
  EXPECT_EQ(other_ran.get_future().wait_for(5s), std::future_status::ready);
  EXPECT_EQ(ran.load(), 0);
}

TEST(TaskSchedulerTest, WaitIdleWaitsOnlyForRunningTasksAndDropsTheirYield) {
  TaskScheduler scheduler(2);
  auto group = scheduler.CreateGroup();
  std::atomic<bool> stop{false};
  std::atomic<int> running{0};
  std::atomic<int> slices{0};
  for (int i = 0; i < 2; i++) {
    scheduler.Submit(group, [&] {
      running++;
      while (!stop.load()) std::this_thread::sleep_for(1ms);
      slices++;
      running--;
      return TaskStatus::kYield;  // would run forever if re-queued
    });
  }
  for (int i = 0; i < 100; i++) scheduler.Submit(group, [] { return TaskStatus::kYield; });
  ASSERT_TRUE(WaitFor([&] { return running.load() == 2; }));
  scheduler.Cancel(*group);
  auto waiter = std::async(std::launch::async, [&] { scheduler.WaitIdle(*group); });
  EXPECT_EQ(waiter.wait_for(50ms), std::future_status::timeout);  // two tasks still running
  stop = true;
  EXPECT_EQ(waiter.wait_for(5s), std::future_status::ready);
  EXPECT_EQ(running.load(), 0);
  EXPECT_EQ(slices.load(), 2);
  EXPECT_EQ(scheduler.QueuedTasks(*group), 0u);
}

TEST(TaskSchedulerTest, WaitIdleFromInsideATaskDoesNotWaitForItself) {
  TaskScheduler scheduler(1);
  auto group = scheduler.CreateGroup();
  std::promise<void> done;
  scheduler.Submit(group, [&] {
    scheduler.Cancel(*group);
    scheduler.WaitIdle(*group);
    done.set_value();
    return TaskStatus::kDone;
  });
  EXPECT_EQ(done.get_future().wait_for(5s), std::future_status::ready);
}

TEST(TaskSchedulerTest, ThrowingTaskDoesNotKillTheWorker) {
  TaskScheduler scheduler(1);
  auto group = scheduler.CreateGroup();
  scheduler.Submit(group, []() -> TaskStatus { throw std::runtime_error("boom"); });
  std::promise<void> ran;
  scheduler.Submit(group, [&ran] {
    ran.set_value();
    return TaskStatus::kDone;
  });
  EXPECT_EQ(ran.get_future().wait_for(5s), std::future_status::ready);
}

TEST(TaskSchedulerTest, DestructorRunsQueuedAndYieldingTasksToCompletion) {
  std::atomic<int> finished{0};
  std::atomic<int> slices{0};
  {
    TaskScheduler scheduler(2);
    std::vector<std::shared_ptr<TaskGroup>> groups;
    for (int g = 0; g < 4; g++) {
      groups.push_back(scheduler.CreateGroup());
      for (int t = 0; t < 10; t++) {
        auto remaining = std::make_shared<int>(5);
        scheduler.Submit(groups.back(), [remaining, &finished, &slices] {
          slices++;
          if (--*remaining > 0) return TaskStatus::kYield;
          finished++;
          return TaskStatus::kDone;
        });
      }
    }
  }  // joins the workers after draining every group
  EXPECT_EQ(finished.load(), 40);
  EXPECT_EQ(slices.load(), 200);
}

TEST(TaskSchedulerTest, ManyGroupsFromManyThreads) {
  TaskScheduler scheduler(2);
  std::atomic<int> ran{0};
  std::vector<std::thread> submitters;
  for (int s = 0; s < 4; s++) {
    submitters.emplace_back([&scheduler, &ran] {
      for (int g = 0; g < 50; g++) {
        auto group = scheduler.CreateGroup();
        for (int t = 0; t < 20; t++) {
          scheduler.Submit(group, [&ran] {
            ran++;
            return TaskStatus::kDone;
          });
        }
        if (g % 5 == 0) {  // some are cancelled midway
          scheduler.Cancel(*group);
          scheduler.WaitIdle(*group);
        }
      }
    });
  }
  for (auto& t : submitters) t.join();
  // Between 40 * 20 * 4 (every cancelled group dropped everything) and all tasks.
  ASSERT_TRUE(WaitFor([&ran] { return ran.load() >= 40 * 20 * 4; }));
  EXPECT_LE(ran.load(), 50 * 20 * 4);
}

}  // namespace
}  // namespace cairn
