// PhysicalWindow through the executor on four threads: calls sharing a window share one
// operator (one sort), rows spread over the hash buckets and over several sink threads come
// out with the values computed directly from the generated rows, repeated executions of one
// plan agree, and every byte charged is released with the execution.
#include "execution/operators/physical_window.h"

#include <gtest/gtest.h>

#include <map>
#include <optional>

#include "execution/executor.h"
#include "execution/physical_planner.h"
#include "execution/task_scheduler.h"
#include "execution/test_support/memory_table_source.h"
#include "execution/test_support/plan_builder.h"
#include "function/aggregate_function.h"

namespace cairn {
namespace {

using namespace cairn::testing;

const LogicalType kInt = TypeId::INTEGER;
const LogicalType kStr = TypeId::VARCHAR;
constexpr idx_t kRows = 40000;

// t(id, grp, x): grp = "g" + id % 11 (NULL when id % 17 == 0), x = id % 100 (NULL when id % 10 == 3).
std::optional<std::string> Group(idx_t i) {
  if (i % 17 == 0) return std::nullopt;
  return "g" + std::to_string(i % 11);
}
std::optional<int64_t> X(idx_t i) {
  if (i % 10 == 3) return std::nullopt;
  return static_cast<int64_t>(i % 100);
}

BoundWindowExpression Window(WindowFunctionKind kind, LogicalType type, bool partitioned) {
  BoundWindowExpression w;
  w.kind = kind;
  w.return_type = std::move(type);
  if (partitioned) {
    w.partitions.push_back(Col(1, kStr, "grp"));
    w.orders.push_back(Order(Col(0, kInt, "id"), false, false));  // id DESC
  }
  return w;
}

TEST(PhysicalWindowTest, PartitionedWindowsOnFourThreads) {
  std::vector<std::vector<Value>> rows;
  for (idx_t i = 0; i < kRows; i++) {
    auto g = Group(i);
    auto x = X(i);
    rows.push_back({Value::Integer(static_cast<int32_t>(i)), g ? Value::Varchar(*g) : Value::Null(kStr),
                    x ? Value::Integer(static_cast<int32_t>(*x)) : Value::Null(kInt)});
  }
  auto table = MemoryTableSource::FromRows({{"id", kInt}, {"grp", kStr}, {"x", kInt}}, std::move(rows), 8, 700);

  auto window = std::make_unique<LogicalWindow>();
  window->window_index = 100;
  // row_number() OVER (PARTITION BY grp ORDER BY id DESC)
  window->expressions.push_back(Window(WindowFunctionKind::ROW_NUMBER, TypeId::BIGINT, true));
  // sum(x) OVER (PARTITION BY grp ORDER BY id DESC ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING)
  BoundWindowExpression sum = Window(WindowFunctionKind::AGGREGATE, TypeId::HUGEINT, true);
  sum.aggregate = BindAggregateFunction("sum", {kInt});
  sum.children.push_back(Col(2, kInt, "x"));
  sum.frame = {WindowFrameUnit::ROWS, WindowBoundary::OFFSET_PRECEDING, WindowBoundary::OFFSET_FOLLOWING,
               WindowExclusion::NO_OTHERS, 2, 1};
  window->expressions.push_back(std::move(sum));
  // count(*) OVER ()
  BoundWindowExpression count = Window(WindowFunctionKind::AGGREGATE, TypeId::BIGINT, false);
  count.aggregate = BindAggregateFunction("count_star", {});
  window->expressions.push_back(std::move(count));
  window->children.push_back(Get(table, {0, 1, 2}));
  window->types = {kInt, kStr, kInt, TypeId::BIGINT, TypeId::HUGEINT, TypeId::BIGINT};
  window->names = {"id", "grp", "x", "row_number", "sum", "count"};

  auto plan = CreatePhysicalPlan(*window);
  // Two operators: row_number and sum share (PARTITION BY grp ORDER BY id DESC).
  const PhysicalOperator* op = &plan->root();
  ASSERT_EQ(op->type, PhysicalOperatorType::WINDOW);
  ASSERT_EQ(op->children.at(0)->type, PhysicalOperatorType::WINDOW);
  EXPECT_EQ(op->children[0]->children.at(0)->type, PhysicalOperatorType::TABLE_SCAN);

  // Expected values per id, from the generated rows.
  std::map<std::optional<std::string>, std::vector<idx_t>> partitions;
  for (idx_t i = kRows; i-- > 0;) partitions[Group(i)].push_back(i);  // id DESC
  std::map<int32_t, std::string> expected;
  for (const auto& [group, ids] : partitions) {
    for (idx_t k = 0; k < ids.size(); k++) {
      int64_t total = 0;
      bool any = false;
      for (idx_t j = k >= 2 ? k - 2 : 0; j <= std::min(k + 1, ids.size() - 1); j++) {
        if (auto x = X(ids[j])) {
          total += *x;
          any = true;
        }
      }
      expected[static_cast<int32_t>(ids[k])] =
          std::to_string(k + 1) + "," + (any ? std::to_string(total) : "NULL") + "," + std::to_string(kRows);
    }
  }

  TaskScheduler scheduler(4);
  for (int run = 0; run < 2; run++) {
    auto memory = std::make_shared<MemoryTracker>("query", 0);
    auto stream = ExecutePlan(plan, scheduler, memory);
    idx_t seen = 0;
    while (auto chunk = stream->Next()) {
      ASSERT_EQ(chunk->ColumnCount(), 6u);
      for (idx_t r = 0; r < chunk->size(); r++) {
        int32_t id = static_cast<int32_t>(chunk->GetValue(0, r).CastAs(TypeId::BIGINT).GetInt64());
        std::string actual;
        for (idx_t c = 3; c < 6; c++) {
          Value v = chunk->GetValue(c, r);
          actual += (c > 3 ? "," : "") + (v.IsNull() ? std::string("NULL") : v.ToString());
        }
        ASSERT_EQ(actual, expected.at(id)) << "id " << id << " run " << run;
        seen++;
      }
    }
    EXPECT_EQ(seen, kRows);
    stream.reset();
    EXPECT_EQ(memory->used(), 0u) << "run " << run;
  }
}

}  // namespace
}  // namespace cairn
