// QueryExecution on a shared TaskScheduler: pipeline tasks yield so that a second query makes
// progress even when the first one could keep the only worker busy forever, and dropping or
// interrupting a query drops its queued tasks and stops its running ones.
#include "execution/query_execution.h"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <thread>

#include "execution/executor.h"
#include "execution/task_scheduler.h"
#include "execution/test_support/memory_table_source.h"
#include "execution/test_support/plan_builder.h"

namespace cairn {
namespace {

using namespace cairn::testing;
using namespace std::chrono_literals;

const LogicalType kBig = TypeId::BIGINT;

/// `partitions` partitions of 2048-row chunks that never end; each chunk takes about 200 us.
std::shared_ptr<MemoryTableSource> MakeEndlessTable(idx_t partitions) {
  return std::make_shared<MemoryTableSource>(std::vector<ColumnDefinition>{{"n", kBig}}, partitions,
                                             [](idx_t p, idx_t c, DataChunk& out) {
                                               std::this_thread::sleep_for(200us);
                                               auto* data = out.data[0].data<int64_t>();
                                               for (idx_t i = 0; i < kStandardVectorSize; i++)
                                                 data[i] = static_cast<int64_t>(c + i);
                                               out.SetCardinality(kStandardVectorSize);
                                               return true;
                                             });
}

std::shared_ptr<MemoryTableSource> MakeSmallTable() {
  std::vector<std::vector<Value>> rows;
  for (int64_t i = 1; i <= 100; i++) rows.push_back({Value::BigInt(i)});
  return MemoryTableSource::FromRows({{"n", kBig}}, std::move(rows), 2, 10);
}

LogicalOperatorPtr SumOf(std::shared_ptr<MemoryTableSource> table) {
  std::vector<BoundAggregate> aggregates;
  aggregates.push_back(Agg("sum", Exprs(Col(0, kBig))));
  return Aggregate(Get(std::move(table), {0}), {}, std::move(aggregates));
}

TEST(QueryExecutionTest, AnEndlessQueryDoesNotStarveAnotherOnASingleWorker) {
  TaskScheduler scheduler(1);
  auto endless = MakeEndlessTable(8);
  auto long_stream = ExecutePlan(SumOf(endless), scheduler);
  // The endless query's tasks occupy the only worker and its queue.
  while (endless->chunks_produced() < 20) std::this_thread::sleep_for(1ms);
  auto start = std::chrono::steady_clock::now();
  auto rows = RunPlan(SumOf(MakeSmallTable()), scheduler);
  auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0].ToString(), "5050");
  EXPECT_LT(elapsed, 2s);  // without yielding it would never finish
  // Dropping the endless query returns promptly and stops its source.
  start = std::chrono::steady_clock::now();
  long_stream.reset();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
  idx_t after = endless->chunks_produced();
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(endless->chunks_produced(), after);
}

TEST(QueryExecutionTest, InterruptFailsTheConsumerWith57014AndStopsTheTasks) {
  TaskScheduler scheduler(2);
  auto endless = MakeEndlessTable(8);
  std::weak_ptr<QueryExecution> handle;
  auto stream = ExecutePlan(SumOf(endless), scheduler, nullptr, &handle);
  auto consumer = std::async(std::launch::async, [&stream]() -> std::string {
    try {
      while (stream->Next()) {
      }
      return "ended";
    } catch (const Exception& e) {
      return std::string(e.sqlstate()) + " " + e.what();
    }
  });
  std::this_thread::sleep_for(50ms);
  auto execution = handle.lock();
  ASSERT_NE(execution, nullptr);
  execution->Interrupt();
  execution.reset();
  ASSERT_EQ(consumer.wait_for(5s), std::future_status::ready);
  EXPECT_EQ(consumer.get(), "57014 canceling statement due to user request");
  stream.reset();
  EXPECT_TRUE(handle.expired());  // nothing of the query is left on the workers
  idx_t after = endless->chunks_produced();
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(endless->chunks_produced(), after);
}

}  // namespace
}  // namespace cairn
