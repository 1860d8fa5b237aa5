// Window function evaluation (window_evaluator.h): aggregates over frames through the running
// state and the segment tree, compared with summing each frame row by row; string_agg's
// row-by-row path; ranking and lag/lead over several partitions.
#include "function/window/window_evaluator.h"

#include <gtest/gtest.h>

#include <random>

namespace cairn {
namespace {

std::shared_ptr<Vector> BigIntColumn(const std::vector<std::optional<int64_t>>& values) {
  auto vector = std::make_shared<Vector>(LogicalType(TypeId::BIGINT), values.size());
  vector->validity().EnsureWritable(std::max<idx_t>(values.size(), kStandardVectorSize));
  for (idx_t i = 0; i < values.size(); i++) {
    if (values[i]) {
      vector->data<int64_t>()[i] = *values[i];
    } else {
      vector->validity().SetInvalid(i);
    }
  }
  return vector;
}

/// Rows in partitions of random sizes, peers by runs of equal keys.
WindowRows RandomRows(std::mt19937& random, idx_t count, std::vector<int>& keys) {
  std::vector<int> partition(count);
  keys.assign(count, 0);
  int p = 0, key = 0;
  for (idx_t i = 0; i < count; i++) {
    if (random() % 50 == 0) p++;
    key += static_cast<int>(random() % 3 == 0);
    partition[i] = p;
    keys[i] = key;
  }
  return WindowRows::Build(
      count, [&](idx_t i) { return partition[i] != partition[i - 1]; }, [&](idx_t i) { return keys[i] != keys[i - 1]; });
}

TEST(WindowEvaluatorTest, SumOverFramesMatchesRowByRow) {
  std::mt19937 random(7);
  const idx_t count = 3000;
  std::vector<int> keys;
  WindowRows rows = RandomRows(random, count, keys);
  std::vector<std::optional<int64_t>> values(count);
  for (auto& v : values) {
    if (random() % 10 != 0) v = static_cast<int64_t>(random() % 1000) - 500;
  }
  std::vector<std::optional<int64_t>> filter_values(count);
  for (auto& f : filter_values) f = static_cast<int64_t>(random() % 3 != 0);
  auto filter = std::make_shared<Vector>(LogicalType(TypeId::BOOLEAN), count);
  for (idx_t i = 0; i < count; i++) filter->data<bool>()[i] = *filter_values[i] != 0;

  AggregateFunction sum = BindAggregateFunction("sum", {LogicalType(TypeId::BIGINT)});
  const WindowFrameShape shapes[] = {
      {WindowFrameUnit::ROWS, WindowBoundary::UNBOUNDED_PRECEDING, WindowBoundary::CURRENT_ROW},
      {WindowFrameUnit::RANGE, WindowBoundary::UNBOUNDED_PRECEDING, WindowBoundary::CURRENT_ROW},
      {WindowFrameUnit::ROWS, WindowBoundary::UNBOUNDED_PRECEDING, WindowBoundary::UNBOUNDED_FOLLOWING},
      {WindowFrameUnit::ROWS, WindowBoundary::OFFSET_PRECEDING, WindowBoundary::OFFSET_FOLLOWING, WindowExclusion::NO_OTHERS, 3, 5},
      {WindowFrameUnit::GROUPS, WindowBoundary::OFFSET_PRECEDING, WindowBoundary::CURRENT_ROW, WindowExclusion::TIES, 2, 0},
      {WindowFrameUnit::ROWS, WindowBoundary::CURRENT_ROW, WindowBoundary::UNBOUNDED_FOLLOWING, WindowExclusion::CURRENT_ROW},
      {WindowFrameUnit::GROUPS, WindowBoundary::UNBOUNDED_PRECEDING, WindowBoundary::OFFSET_FOLLOWING, WindowExclusion::GROUP, 0, 1},
      {WindowFrameUnit::ROWS, WindowBoundary::OFFSET_FOLLOWING, WindowBoundary::OFFSET_FOLLOWING, WindowExclusion::NO_OTHERS, 2, 1},
  };
  for (const WindowFrameShape& shape : shapes) {
    for (bool filtered : {false, true}) {
      WindowFunctionSpec spec;
      spec.kind = WindowFunctionKind::AGGREGATE;
      spec.aggregate = &sum;
      spec.return_type = sum.return_type;
      spec.frame = shape;
      WindowFunctionArguments arguments;
      arguments.children.push_back(BigIntColumn(values));
      if (filtered) arguments.filter = filter;
      Vector result(sum.return_type, count);
      EvaluateWindowFunction(spec, arguments, rows, result);
      for (idx_t p = 0; p < rows.PartitionCount(); p++) {
        WindowPartitionLayout layout = rows.Layout(p);
        for (idx_t row = layout.begin; row < layout.end; row++) {
          WindowFrameRanges frame = ApplyExclusion(shape, layout, row, ComputeFrameBounds(shape, layout, row));
          int64_t expected = 0;
          bool any = false;
          for (idx_t r = 0; r < frame.count; r++) {
            for (idx_t j = frame.ranges[r].begin; j < frame.ranges[r].end; j++) {
              if (!values[j] || (filtered && !*filter_values[j])) continue;
              expected += *values[j];
              any = true;
            }
          }
          ASSERT_EQ(result.validity().RowIsValid(row), any) << "row " << row;
          if (any) {
            ASSERT_EQ(static_cast<int64_t>(result.data<hugeint_t>()[row]), expected) << "row " << row;
          }
        }
      }
    }
  }
}

TEST(WindowEvaluatorTest, StringAggKeepsSeparatorOverSlidingFrames) {
  WindowRows rows = WindowRows::Build(4, [](idx_t) { return false; }, [](idx_t) { return true; });
  auto text = std::make_shared<Vector>(LogicalType(TypeId::VARCHAR), 4);
  auto separator = std::make_shared<Vector>(LogicalType(TypeId::VARCHAR), 4);
  const char* words[] = {"a", "b", "c", "d"};
  for (idx_t i = 0; i < 4; i++) {
    text->data<string_t>()[i] = text->AddString(words[i]);
    separator->data<string_t>()[i] = separator->AddString("-");
  }
  AggregateFunction string_agg = BindAggregateFunction("string_agg", {LogicalType(TypeId::VARCHAR), LogicalType(TypeId::VARCHAR)});
  WindowFunctionSpec spec;
  spec.kind = WindowFunctionKind::AGGREGATE;
  spec.aggregate = &string_agg;
  spec.return_type = TypeId::VARCHAR;
  spec.frame = {WindowFrameUnit::ROWS, WindowBoundary::OFFSET_PRECEDING, WindowBoundary::OFFSET_FOLLOWING,
                WindowExclusion::NO_OTHERS, 1, 1};
  WindowFunctionArguments arguments;
  arguments.children = {text, separator};
  Vector result(LogicalType(TypeId::VARCHAR), 4);
  EvaluateWindowFunction(spec, arguments, rows, result);
  EXPECT_EQ(result.GetValue(0).GetString(), "a-b");
  EXPECT_EQ(result.GetValue(1).GetString(), "a-b-c");
  EXPECT_EQ(result.GetValue(2).GetString(), "b-c-d");
  EXPECT_EQ(result.GetValue(3).GetString(), "c-d");
}

TEST(WindowEvaluatorTest, RankingAndLagAcrossPartitions) {
  // Partitions {10, 10, 20} and {5}; peers by value.
  std::vector<int64_t> v = {10, 10, 20, 5};
  WindowRows rows = WindowRows::Build(
      4, [](idx_t i) { return i == 3; }, [&](idx_t i) { return v[i] != v[i - 1]; });
  auto run = [&](WindowFunctionKind kind, LogicalType type, std::vector<std::shared_ptr<Vector>> children = {}) {
    WindowFunctionSpec spec;
    spec.kind = kind;
    spec.return_type = type;
    WindowFunctionArguments arguments;
    arguments.children = std::move(children);
    Vector result(type, 4);
    EvaluateWindowFunction(spec, arguments, rows, result);
    std::vector<std::string> out;
    for (idx_t i = 0; i < 4; i++) out.push_back(result.GetValue(i).ToString());
    return out;
  };
  using Strings = std::vector<std::string>;
  EXPECT_EQ(run(WindowFunctionKind::ROW_NUMBER, TypeId::BIGINT), (Strings{"1", "2", "3", "1"}));
  EXPECT_EQ(run(WindowFunctionKind::RANK, TypeId::BIGINT), (Strings{"1", "1", "3", "1"}));
  EXPECT_EQ(run(WindowFunctionKind::DENSE_RANK, TypeId::BIGINT), (Strings{"1", "1", "2", "1"}));
  EXPECT_EQ(run(WindowFunctionKind::CUME_DIST, TypeId::DOUBLE)[0], Value::Double(2.0 / 3.0).ToString());
  auto values = BigIntColumn({10, 10, 20, 5});
  auto offsets = std::make_shared<Vector>(LogicalType(TypeId::INTEGER), 4);
  for (idx_t i = 0; i < 4; i++) offsets->data<int32_t>()[i] = 1;
  auto defaults = BigIntColumn({-1, -2, -3, -4});
  EXPECT_EQ(run(WindowFunctionKind::LAG, TypeId::BIGINT, {values, offsets, defaults}), (Strings{"-1", "10", "10", "-4"}));
  EXPECT_EQ(run(WindowFunctionKind::LEAD, TypeId::BIGINT, {values, offsets}), (Strings{"10", "20", "NULL", "NULL"}));
}

}  // namespace
}  // namespace cairn
