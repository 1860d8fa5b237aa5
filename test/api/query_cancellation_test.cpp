// Fair scheduling and cancellation through the public API, with two worker threads: a short
// query on a second connection is not starved by a long one, dropping a pending long result
// returns quickly, and Connection::interrupt() cancels a statement from another thread with
// SQLSTATE 57014 while the connection stays usable.
//
// The long query runs two aggregations side by side, each grouping a 3,000 x 3,000 cross join
// by a unique key (9 million groups each), which takes seconds even on an idle machine. Timing
// bounds are generous (the short query takes milliseconds when it is not starved; a starved one
// took seconds).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "cairn/cairn.h"
#include "scratch_directory.h"

namespace cairn {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

/// Two independent aggregations (one pipeline each, so both workers are busy), each grouping a
/// 3,000 x 3,000 cross join by a unique key: 2 x 9 million groups.
constexpr const char* kLongQuery =
    "SELECT count(*) FROM (SELECT a.x * 3000 + b.x AS k, count(*) FROM numbers a, numbers b GROUP BY 1 "
    "UNION ALL SELECT a.x * 3000 + b.x AS k, count(*) FROM numbers a, numbers b GROUP BY 1) AS groups";

double MillisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

class QueryCancellationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string csv = "x\n";
    for (int i = 0; i < 3000; i++) csv += std::to_string(i) + "\n";
    scratch_.Write("numbers.csv", csv);
    DatabaseOptions options;
    options.threads = 2;
    database_ = std::make_unique<Database>(scratch_.path(), options);
    database_->register_table("numbers", "numbers.csv");
  }

  /// Runs `sql` on `connection` and checks it answers one row holding `expected`.
  static void ExpectAnswer(Connection& connection, const std::string& sql, int64_t expected) {
    auto result = connection.query(sql);
    ASSERT_TRUE(result->Materialize()) << result->error_message();
    ASSERT_EQ(result->RowCount(), 1u);
    EXPECT_EQ(result->GetValue(0, 0).ToString(), std::to_string(expected));
  }

  testing::ScratchDirectory scratch_;
  std::unique_ptr<Database> database_;
};

TEST_F(QueryCancellationTest, ShortQueryIsNotStarvedByALongOne) {
  Connection long_connection(*database_);
  Connection short_connection(*database_);
  ExpectAnswer(short_connection, "SELECT 42", 42);  // warm up the planner
  auto long_result = long_connection.query(kLongQuery);
  ASSERT_FALSE(long_result->has_error()) << long_result->error_message();
  auto long_done = std::async(std::launch::async, [&long_result] { return long_result->Materialize(); });
  std::this_thread::sleep_for(200ms);  // both workers are busy with the long query's tasks
  // Several samples: a single one can be delayed by the operating system on a busy machine, or
  // by one long call inside the long query (a hash table resize), on both workers at once.
  std::vector<double> samples;
  for (int run = 0; run < 7; run++) {
    auto start = Clock::now();
    ExpectAnswer(short_connection, "SELECT 42", 42);
    samples.push_back(MillisecondsSince(start));
    ASSERT_EQ(long_done.wait_for(0ms), std::future_status::timeout)
        << "the long query ended too soon to prove anything";
    std::this_thread::sleep_for(10ms);
  }
  std::vector<double> sorted = samples;
  std::sort(sorted.begin(), sorted.end());
  std::string all;
  for (double sample : samples) all += std::to_string(sample) + " ms ";
  EXPECT_LT(sorted[sorted.size() / 2], 250.0) << "median of " << all;
  // Starved, the short query waited for the whole long one (seconds).
  EXPECT_LT(sorted.back(), 2000.0) << all;
  long_connection.interrupt();  // no need to wait for the long query
  EXPECT_FALSE(long_done.get());
  EXPECT_EQ(std::string(long_result->error().sqlstate()), "57014");
}

TEST_F(QueryCancellationTest, DroppingAPendingLongResultReturnsQuickly) {
  Connection connection(*database_);
  auto result = connection.query(kLongQuery);
  ASSERT_FALSE(result->has_error()) << result->error_message();
  std::this_thread::sleep_for(50ms);  // the tasks are running and queued
  auto start = Clock::now();
  result.reset();
  EXPECT_LT(MillisecondsSince(start), 500.0);
  ExpectAnswer(connection, "SELECT count(*) FROM numbers", 3000);
}

TEST_F(QueryCancellationTest, InterruptFromAnotherThreadCancelsTheRunningStatement) {
  Connection connection(*database_);
  auto result = connection.query(kLongQuery);
  ASSERT_FALSE(result->has_error()) << result->error_message();
  Clock::time_point interrupted_at;
  std::thread interrupter([&connection, &interrupted_at] {
    std::this_thread::sleep_for(100ms);
    interrupted_at = Clock::now();
    connection.interrupt();
  });
  bool ok = result->Materialize();  // blocks until the interrupt
  double latency = MillisecondsSince(interrupted_at);
  interrupter.join();
  ASSERT_FALSE(ok);
  EXPECT_LT(latency, 500.0);
  EXPECT_EQ(std::string(result->error().sqlstate()), "57014");
  EXPECT_EQ(result->error_message(), "canceling statement due to user request");
  // The connection stays usable, and a later statement is not affected by the old interrupt.
  ExpectAnswer(connection, "SELECT 7", 7);
  ExpectAnswer(connection, "SELECT count(*) FROM numbers WHERE x < 10", 10);
}

TEST_F(QueryCancellationTest, InterruptStopsTheRestOfAScript) {
  Connection connection(*database_);
  std::thread interrupter([&connection] {
    std::this_thread::sleep_for(100ms);
    connection.interrupt();
  });
  // query() runs the first statement to completion before the second: the interrupt arrives
  // while it blocks inside query().
  auto start = Clock::now();
  auto result = connection.query(std::string(kLongQuery) + "; SELECT 1");
  double elapsed = MillisecondsSince(start);
  interrupter.join();
  ASSERT_TRUE(result->has_error());
  EXPECT_EQ(std::string(result->error().sqlstate()), "57014");
  EXPECT_LT(elapsed, 5000.0);
  ExpectAnswer(connection, "SELECT 1", 1);
}

TEST_F(QueryCancellationTest, InterruptWithNothingRunningIsANoOp) {
  Connection connection(*database_);
  connection.interrupt();
  ExpectAnswer(connection, "SELECT 3", 3);
  auto finished = connection.query("SELECT 4");
  ASSERT_TRUE(finished->Materialize());
  connection.interrupt();  // the result was read to its end: nothing to cancel
  EXPECT_FALSE(finished->has_error());
  EXPECT_EQ(finished->GetValue(0, 0).ToString(), "4");
}

TEST_F(QueryCancellationTest, InterruptOnlyAffectsItsOwnConnection) {
  Connection first(*database_);
  Connection second(*database_);
  auto long_result = first.query(kLongQuery);
  auto other = second.query("SELECT count(*) FROM numbers");
  first.interrupt();
  EXPECT_FALSE(long_result->Materialize());
  EXPECT_EQ(std::string(long_result->error().sqlstate()), "57014");
  ASSERT_TRUE(other->Materialize()) << other->error_message();
  EXPECT_EQ(other->GetValue(0, 0).ToString(), "3000");
}

}  // namespace
}  // namespace cairn
