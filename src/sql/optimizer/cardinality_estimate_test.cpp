// Cardinality estimates of filters from Parquet column statistics, against the counts the data
// really has (test/data/parquet/types_zstd_v2.parquet: 2300 rows, id 0..2299 without NULLs, bi
// with 329 NULLs, per DuckDB), and by shape where a source has no statistics (CSV).
#include "sql/optimizer/cardinality_estimate.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "io/file_system.h"
#include "sql/planner.h"

namespace cairn {
namespace {

class CardinalityEstimateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("cairn_cardinality_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    std::filesystem::copy_file("test/data/parquet/types_zstd_v2.parquet", dir_ / "t.parquet");
    std::ofstream(dir_ / "people.csv") << "id,age\n1,34\n2,28\n3,51\n4,19\n5,40\n6,33\n";
    registry_ = std::make_unique<TableRegistry>(dir_.string());
    catalog_ = std::make_unique<Catalog>(*registry_, FileSystem::Local());
    catalog_->open(false);
    planner_ = std::make_unique<Planner>(*catalog_, settings_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static const LogicalOperator* FindFilter(const LogicalOperator& op) {
    if (op.type == LogicalOperatorType::FILTER) return &op;
    for (const auto& child : op.children) {
      if (const LogicalOperator* found = FindFilter(*child)) return found;
    }
    return nullptr;
  }

  /// The estimated rows of the FILTER in `sql`'s optimized plan.
  idx_t FilterEstimate(const std::string& sql) {
    PlannedStatement planned = planner_->Plan(sql);
    const LogicalOperator* filter = FindFilter(*planned.plan);
    if (!filter) {
      ADD_FAILURE() << "no FILTER in the plan of " << sql;
      return 0;
    }
    return EstimateRows(*filter);
  }

  std::filesystem::path dir_;
  ClientSettings settings_;
  std::unique_ptr<TableRegistry> registry_;
  std::unique_ptr<Catalog> catalog_;
  std::unique_ptr<Planner> planner_;
};

TEST_F(CardinalityEstimateTest, RangesOfAnIntegerColumnAreUniformBetweenMinAndMax) {
  EXPECT_EQ(FilterEstimate("SELECT id FROM t WHERE id BETWEEN 100 AND 199"), 100u);
  EXPECT_EQ(FilterEstimate("SELECT id FROM t WHERE id < 1150"), 1150u);
  EXPECT_EQ(FilterEstimate("SELECT id FROM t WHERE id >= 2000 AND id < 2100 AND id > 2049"), 50u);
  EXPECT_EQ(FilterEstimate("SELECT id FROM t WHERE 1000 > id"), 1000u);
  // A constant of a wider type reaches the column through a numeric cast.
  EXPECT_EQ(FilterEstimate("SELECT id FROM t WHERE id <= 229.5"), 230u);
}

TEST_F(CardinalityEstimateTest, EqualityKeepsOneDistinctValue) {
  EXPECT_EQ(FilterEstimate("SELECT id FROM t WHERE id = 5"), 1u);
  EXPECT_EQ(FilterEstimate("SELECT id FROM t WHERE id <> 5"), 2299u);
}

TEST_F(CardinalityEstimateTest, IntervalsOutsideTheStatisticsKeepNothing) {
  // At least one row is always estimated.
  EXPECT_EQ(FilterEstimate("SELECT id FROM t WHERE id > 2299"), 1u);
  EXPECT_EQ(FilterEstimate("SELECT id FROM t WHERE id = -1"), 1u);
  EXPECT_EQ(FilterEstimate("SELECT id FROM t WHERE id > 10 AND id < 5"), 1u);
}

TEST_F(CardinalityEstimateTest, NullsNeverPassAComparison) {
  // bi's 329 NULLs fail every comparison: the whole range keeps the other 1971 rows.
  EXPECT_EQ(FilterEstimate("SELECT bi FROM t WHERE bi <= -701999983914"), 1971u);
}

TEST_F(CardinalityEstimateTest, WithoutStatisticsConjunctsGoByShape) {
  // CSV sources have no column statistics: a range bound keeps a third.
  PlannedStatement planned = planner_->Plan("SELECT id FROM people");
  const idx_t rows = EstimateRows(*planned.plan);
  ASSERT_NE(rows, kUnknownRows);
  EXPECT_NEAR(static_cast<double>(FilterEstimate("SELECT id FROM people WHERE age > 30")),
              std::max(static_cast<double>(rows) / 3, 1.0), 1.0);
}

}  // namespace
}  // namespace cairn
