#include "catalog/hive_partitioning.h"

#include <gtest/gtest.h>

#include "catalog/hive_partitioned_source.h"

namespace cairn {
namespace {

TEST(HivePartitioningTest, ParsesKeyValueDirectories) {
  auto s = ParseHivePartitionPath("events/year=2024/month=01/region=eu%2Fwest/k=__HIVE_DEFAULT_PARTITION__/x=1.parquet");
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0].key, "year");
  EXPECT_EQ(*s[0].value, "2024");
  EXPECT_EQ(*s[1].value, "01");
  EXPECT_EQ(*s[2].value, "eu/west");
  EXPECT_FALSE(s[3].value.has_value());
  EXPECT_TRUE(ParseHivePartitionPath("a/b/c.csv").empty());
  EXPECT_EQ(UrlDecode("a%20b%zz%4"), "a b%zz%4");
}

TEST(HivePartitioningTest, InfersTypesLikeDuckDb) {
  using V = std::vector<std::optional<std::string>>;
  EXPECT_EQ(InferHivePartitionType(V{"2024", "-1", std::nullopt}), TypeId::BIGINT);
  EXPECT_EQ(InferHivePartitionType(V{"01", "2"}), TypeId::VARCHAR);
  EXPECT_EQ(InferHivePartitionType(V{"2020-01-03", "2020-01-04"}), TypeId::DATE);
  EXPECT_EQ(InferHivePartitionType(V{"2020-01-03", "5"}), TypeId::VARCHAR);
  EXPECT_EQ(InferHivePartitionType(V{"eu"}), TypeId::VARCHAR);
  EXPECT_EQ(InferHivePartitionType(V{std::nullopt}), TypeId::VARCHAR);
  EXPECT_EQ(HivePartitionValue("2024", TypeId::BIGINT), Value::BigInt(2024));
  EXPECT_TRUE(HivePartitionValue(std::nullopt, TypeId::BIGINT).IsNull());
}

TEST(HivePartitioningTest, PruningRule) {
  using Op = TableFilter::Op;
  auto f = [](Op op, Value v) { return TableFilter{0, op, std::move(v)}; };
  Value y2024 = Value::BigInt(2024);
  EXPECT_TRUE(HivePartitionMayMatch(y2024, f(Op::EQUAL, Value::BigInt(2024))));
  EXPECT_FALSE(HivePartitionMayMatch(y2024, f(Op::EQUAL, Value::BigInt(2023))));
  EXPECT_TRUE(HivePartitionMayMatch(y2024, f(Op::GREATER, Value::BigInt(2023))));
  EXPECT_FALSE(HivePartitionMayMatch(y2024, f(Op::LESS, Value::BigInt(2024))));
  EXPECT_TRUE(HivePartitionMayMatch(y2024, f(Op::LESS_EQUAL, Value::BigInt(2024))));
  EXPECT_FALSE(HivePartitionMayMatch(y2024, f(Op::NOT_EQUAL, Value::BigInt(2024))));
  EXPECT_FALSE(HivePartitionMayMatch(Value::Null(TypeId::BIGINT), f(Op::EQUAL, Value::BigInt(1))));
  EXPECT_TRUE(HivePartitionMayMatch(Value::Null(TypeId::BIGINT), f(Op::IS_NULL, Value())));
  EXPECT_FALSE(HivePartitionMayMatch(y2024, f(Op::IS_NULL, Value())));
  EXPECT_FALSE(HivePartitionMayMatch(Value::Varchar("eu"), f(Op::EQUAL, Value::Varchar("us"))));
  EXPECT_TRUE(HivePartitionMayMatch(Value::Varchar("eu"), f(Op::EQUAL, Value::Double(1.0))));  // cannot tell: keep
}

}  // namespace
}  // namespace cairn
