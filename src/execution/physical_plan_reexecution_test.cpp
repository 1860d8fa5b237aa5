// A physical plan is immutable and holds no per-query state: one prepared PhysicalPlan runs
// several times in a row, on several threads at once, and again after an execution of it was
// cancelled or stopped early by LIMIT — always with the same result. Expected results are
// computed here directly from the generated rows. Run under ThreadSanitizer to check the
// concurrent executions share nothing mutable.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <optional>
#include <thread>

#include "execution/executor.h"
#include "execution/physical_planner.h"
#include "execution/task_scheduler.h"
#include "execution/test_support/memory_table_source.h"
#include "execution/test_support/plan_builder.h"

namespace cairn {
namespace {

using namespace cairn::testing;

const LogicalType kInt = TypeId::INTEGER;
const LogicalType kBig = TypeId::BIGINT;
const LogicalType kStr = TypeId::VARCHAR;

// t(id INTEGER, grp VARCHAR, x INTEGER): id 0..n-1, grp = "g" + id % 7 (NULL when id % 13 == 0),
// x = id % 100 (NULL when id % 10 == 3).
std::optional<std::string> Group(idx_t i) {
  if (i % 13 == 0) return std::nullopt;
  return "g" + std::to_string(i % 7);
}
std::optional<int32_t> X(idx_t i) {
  if (i % 10 == 3) return std::nullopt;
  return static_cast<int32_t>(i % 100);
}
std::shared_ptr<MemoryTableSource> MakeTable(idx_t n) {
  std::vector<std::vector<Value>> rows;
  for (idx_t i = 0; i < n; i++) {
    auto g = Group(i);
    auto x = X(i);
    rows.push_back({Value::Integer(static_cast<int32_t>(i)), g ? Value::Varchar(*g) : Value::Null(kStr),
                    x ? Value::Integer(*x) : Value::Null(kInt)});
  }
  return MemoryTableSource::FromRows({{"id", kInt}, {"grp", kStr}, {"x", kInt}}, std::move(rows), 4, 500);
}

std::vector<std::string> Collect(ResultStream& stream) {
  std::vector<std::string> rows;
  while (auto chunk = stream.Next()) {
    for (idx_t r = 0; r < chunk->size(); r++) {
      std::string row;
      for (idx_t c = 0; c < chunk->ColumnCount(); c++) {
        Value v = chunk->GetValue(c, r);
        row += (v.IsNull() ? "NULL" : v.ToString()) + ",";
      }
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

class PhysicalPlanReexecutionTest : public ::testing::Test {
 protected:
  static constexpr idx_t kLeftRows = 30000;
  static constexpr idx_t kRightRows = 9000;
  static constexpr idx_t kOffset = 1;
  static constexpr idx_t kLimit = 5;

  // SELECT a.grp, count(*), sum(b.x) FROM a JOIN b ON a.id = b.id GROUP BY a.grp
  // ORDER BY a.grp NULLS LAST LIMIT 5 OFFSET 1 — every kind of pipeline breaker, and LIMIT.
  static std::shared_ptr<const PhysicalPlan> MakePlan(std::shared_ptr<TableSource> a, std::shared_ptr<TableSource> b) {
    auto join = Join(JoinType::INNER, Get(std::move(a), {0, 1}), Get(std::move(b), {0, 2}), Exprs(Col(0, kInt)),
                     Exprs(Col(0, kInt)));
    std::vector<BoundAggregate> aggs;
    aggs.push_back(Agg("count_star", {}));
    aggs.push_back(Agg("sum", Exprs(Col(3, kInt))));
    auto aggregate = Aggregate(std::move(join), Exprs(Col(1, kStr)), std::move(aggs));
    std::vector<BoundOrderBy> orders;
    orders.push_back(Order(Col(0, kStr), true, false));
    auto logical = Limit(Sort(std::move(aggregate), std::move(orders)), kLimit, kOffset);
    return CreatePhysicalPlan(*logical);  // the logical plan is destroyed here
  }

  // The same query evaluated directly over the generated rows.
  static std::vector<std::string> Expected() {
    std::map<std::string, std::pair<int64_t, int64_t>> groups;  // group -> (count, sum)
    std::pair<int64_t, int64_t> null_group{0, 0};
    for (idx_t i = 0; i < std::min(kLeftRows, kRightRows); i++) {
      auto g = Group(i);
      auto& entry = g ? groups[*g] : null_group;
      entry.first++;
      if (auto x = X(i)) entry.second += *x;
    }
    std::vector<std::string> all;
    for (auto& [g, e] : groups) all.push_back(g + "," + std::to_string(e.first) + "," + std::to_string(e.second) + ",");
    all.push_back("NULL," + std::to_string(null_group.first) + "," + std::to_string(null_group.second) + ",");
    return std::vector<std::string>(all.begin() + kOffset, all.begin() + kOffset + kLimit);
  }

  TaskScheduler scheduler_{4};
  std::shared_ptr<MemoryTableSource> left_ = MakeTable(kLeftRows);
  std::shared_ptr<MemoryTableSource> right_ = MakeTable(kRightRows);
};

TEST_F(PhysicalPlanReexecutionTest, SequentialExecutionsOfOnePlanGiveTheSameResult) {
  auto plan = MakePlan(left_, right_);
  const auto expected = Expected();
  ASSERT_EQ(expected.size(), kLimit);
  for (int run = 0; run < 3; run++) {
    auto memory = std::make_shared<MemoryTracker>("query", 0);
    auto stream = ExecutePlan(plan, scheduler_, memory);
    EXPECT_EQ(Collect(*stream), expected) << "run " << run;
    stream.reset();
    // The execution's states (hash tables, runs, results) went with its stream.
    EXPECT_EQ(memory->used(), 0u) << "run " << run;
  }
}

TEST_F(PhysicalPlanReexecutionTest, ConcurrentExecutionsOfOnePlanGiveTheSameResult) {
  auto plan = MakePlan(left_, right_);
  const auto expected = Expected();
  for (int round = 0; round < 4; round++) {
    std::vector<std::string> results[2];
    std::thread threads[2];
    for (int t = 0; t < 2; t++) {
      threads[t] = std::thread([&, t] {
        auto stream = ExecutePlan(plan, scheduler_);
        results[t] = Collect(*stream);
      });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(results[0], expected) << "round " << round;
    EXPECT_EQ(results[1], expected) << "round " << round;
  }
}

TEST_F(PhysicalPlanReexecutionTest, APlanRunsAgainAfterAnExecutionWasCancelled) {
  auto plan = MakePlan(left_, right_);
  const auto expected = Expected();
  for (int delay_ms : {0, 1, 5}) {
    {
      auto stream = ExecutePlan(plan, scheduler_);
      std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    }  // cancelled wherever it was: building the join, aggregating, sorting or streaming
    auto stream = ExecutePlan(plan, scheduler_);
    EXPECT_EQ(Collect(*stream), expected) << "after cancelling at " << delay_ms << " ms";
  }
}

TEST_F(PhysicalPlanReexecutionTest, ALimitReachedInOneExecutionDoesNotStopTheNext) {
  // LIMIT's row counter and the pipeline's "stopped early" flag belong to one execution.
  auto logical = Limit(Get(left_, {0}), 10, 0);
  auto plan = CreatePhysicalPlan(*logical);
  logical.reset();
  for (int run = 0; run < 3; run++) {
    auto stream = ExecutePlan(plan, scheduler_);
    EXPECT_EQ(Collect(*stream).size(), 10u) << "run " << run;
  }
  // A consumer that stops after the first chunk cancels only its own execution.
  {
    auto stream = ExecutePlan(plan, scheduler_);
    ASSERT_NE(stream->Next(), nullptr);
  }
  auto stream = ExecutePlan(plan, scheduler_);
  EXPECT_EQ(Collect(*stream).size(), 10u);
}

TEST_F(PhysicalPlanReexecutionTest, OuterJoinAndTopNStateIsPerExecution) {
  // SELECT * FROM b FULL JOIN a ON b.id = a.id + 8990 ORDER BY b.id NULLS FIRST, a.id LIMIT 20:
  // the outer join scan's cursor and matched flags and the top-N heap are per execution.
  auto probe = Get(right_, {0});
  auto build = Get(left_, {0});
  auto join = Join(JoinType::FULL, std::move(probe), std::move(build), Exprs(Col(0, kInt)),
                   Exprs(Fn("+", Col(0, kInt), Const(Value::Integer(8990)))));
  std::vector<BoundOrderBy> orders;
  orders.push_back(Order(Col(0, kInt), true, true));
  orders.push_back(Order(Col(1, kInt), true, false));
  auto logical = TopN(std::move(join), std::move(orders), 20, 0);
  auto plan = CreatePhysicalPlan(*logical);
  logical.reset();
  // Unmatched build rows (a.id >= 10, so a.id + 8990 >= 9000 > max b.id) come first with a NULL
  // b.id, smallest a.id first.
  std::vector<std::string> expected;
  for (int i = 10; i < 30; i++) expected.push_back("NULL," + std::to_string(i) + ",");
  for (int run = 0; run < 2; run++) {
    auto stream = ExecutePlan(plan, scheduler_);
    EXPECT_EQ(Collect(*stream), expected) << "run " << run;
  }
  std::vector<std::string> results[2];
  std::thread threads[2];
  for (int t = 0; t < 2; t++) {
    threads[t] = std::thread([&, t] { results[t] = Collect(*ExecutePlan(plan, scheduler_)); });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(results[0], expected);
  EXPECT_EQ(results[1], expected);
}

}  // namespace
}  // namespace cairn
