#include "catalog/schema_union.h"

#include <gtest/gtest.h>

#include "cairn/exception.h"

namespace cairn {
namespace {

std::optional<LogicalType> Widen(LogicalType a, LogicalType b) {
  auto forward = WidenedType(a, b);
  auto backward = WidenedType(b, a);
  EXPECT_EQ(forward.has_value(), backward.has_value()) << a.ToString() << " vs " << b.ToString();
  if (forward && backward) EXPECT_EQ(*forward, *backward) << a.ToString() << " vs " << b.ToString();
  return forward;
}

TEST(SchemaUnionTest, SignedIntegersWidenToTheWider) {
  EXPECT_EQ(Widen(TypeId::TINYINT, TypeId::SMALLINT), LogicalType(TypeId::SMALLINT));
  EXPECT_EQ(Widen(TypeId::SMALLINT, TypeId::INTEGER), LogicalType(TypeId::INTEGER));
  EXPECT_EQ(Widen(TypeId::INTEGER, TypeId::BIGINT), LogicalType(TypeId::BIGINT));
  EXPECT_EQ(Widen(TypeId::TINYINT, TypeId::BIGINT), LogicalType(TypeId::BIGINT));
  EXPECT_EQ(Widen(TypeId::BIGINT, TypeId::HUGEINT), LogicalType(TypeId::HUGEINT));
  EXPECT_EQ(Widen(TypeId::INTEGER, TypeId::INTEGER), LogicalType(TypeId::INTEGER));
}

TEST(SchemaUnionTest, UnsignedJoinsSignedAsASignedTypeHoldingBoth) {
  EXPECT_EQ(Widen(TypeId::UTINYINT, TypeId::USMALLINT), LogicalType(TypeId::USMALLINT));
  EXPECT_EQ(Widen(TypeId::UINTEGER, TypeId::UBIGINT), LogicalType(TypeId::UBIGINT));
  EXPECT_EQ(Widen(TypeId::UTINYINT, TypeId::TINYINT), LogicalType(TypeId::SMALLINT));
  EXPECT_EQ(Widen(TypeId::UTINYINT, TypeId::INTEGER), LogicalType(TypeId::INTEGER));
  EXPECT_EQ(Widen(TypeId::USMALLINT, TypeId::SMALLINT), LogicalType(TypeId::INTEGER));
  EXPECT_EQ(Widen(TypeId::UINTEGER, TypeId::INTEGER), LogicalType(TypeId::BIGINT));
  EXPECT_EQ(Widen(TypeId::UINTEGER, TypeId::BIGINT), LogicalType(TypeId::BIGINT));
  EXPECT_EQ(Widen(TypeId::UBIGINT, TypeId::TINYINT), LogicalType(TypeId::HUGEINT));
  EXPECT_EQ(Widen(TypeId::UBIGINT, TypeId::HUGEINT), LogicalType(TypeId::HUGEINT));
}

TEST(SchemaUnionTest, FloatWidensToDouble) {
  EXPECT_EQ(Widen(TypeId::FLOAT, TypeId::DOUBLE), LogicalType(TypeId::DOUBLE));
  EXPECT_EQ(Widen(TypeId::FLOAT, TypeId::FLOAT), LogicalType(TypeId::FLOAT));
}

TEST(SchemaUnionTest, DecimalsKeepTheLargerScaleAndEnoughIntegerDigits) {
  EXPECT_EQ(Widen(LogicalType::Decimal(9, 2), LogicalType::Decimal(12, 3)), LogicalType::Decimal(12, 3));
  // 7 integer digits from (9,2), scale 4 from (6,4).
  EXPECT_EQ(Widen(LogicalType::Decimal(9, 2), LogicalType::Decimal(6, 4)), LogicalType::Decimal(11, 4));
  EXPECT_EQ(Widen(LogicalType::Decimal(18, 0), LogicalType::Decimal(18, 18)), LogicalType::Decimal(36, 18));
  EXPECT_EQ(Widen(LogicalType::Decimal(38, 0), LogicalType::Decimal(38, 38)), std::nullopt);
  EXPECT_EQ(Widen(LogicalType::Decimal(30, 10), LogicalType::Decimal(20, 10)), LogicalType::Decimal(30, 10));
}

TEST(SchemaUnionTest, IntegersJoinDecimalsOnlyWithEveryDigitKept) {
  EXPECT_EQ(Widen(TypeId::INTEGER, LogicalType::Decimal(9, 2)), LogicalType::Decimal(12, 2));
  EXPECT_EQ(Widen(TypeId::SMALLINT, LogicalType::Decimal(9, 2)), LogicalType::Decimal(9, 2));
  EXPECT_EQ(Widen(TypeId::BIGINT, LogicalType::Decimal(4, 1)), LogicalType::Decimal(20, 1));
  EXPECT_EQ(Widen(TypeId::UBIGINT, LogicalType::Decimal(4, 0)), LogicalType::Decimal(20, 0));
  EXPECT_EQ(Widen(TypeId::BIGINT, LogicalType::Decimal(38, 20)), std::nullopt);  // 19 + 20 digits
  EXPECT_EQ(Widen(TypeId::HUGEINT, LogicalType::Decimal(10, 0)), std::nullopt);
}

TEST(SchemaUnionTest, EverythingElseIsIncompatible) {
  EXPECT_EQ(Widen(TypeId::INTEGER, TypeId::DOUBLE), std::nullopt);
  EXPECT_EQ(Widen(TypeId::BIGINT, TypeId::FLOAT), std::nullopt);
  EXPECT_EQ(Widen(LogicalType::Decimal(9, 2), TypeId::DOUBLE), std::nullopt);
  EXPECT_EQ(Widen(TypeId::VARCHAR, TypeId::BIGINT), std::nullopt);
  EXPECT_EQ(Widen(TypeId::VARCHAR, TypeId::BLOB), std::nullopt);
  EXPECT_EQ(Widen(TypeId::DATE, TypeId::TIMESTAMP), std::nullopt);
  EXPECT_EQ(Widen(TypeId::TIMESTAMP, TypeId::TIMESTAMP_TZ), std::nullopt);
  EXPECT_EQ(Widen(TypeId::BOOLEAN, TypeId::INTEGER), std::nullopt);
  EXPECT_EQ(Widen(TypeId::DATE, TypeId::INTEGER), std::nullopt);
}

TEST(SchemaUnionTest, UnitesByNameInOrderOfFirstAppearance) {
  std::vector<SchemaUnionInput> inputs = {
      {"a.parquet", {{"id", TypeId::INTEGER, false}, {"kind", TypeId::VARCHAR, true}}},
      {"b.parquet", {{"note", TypeId::VARCHAR, true}, {"ID", TypeId::BIGINT, false}}},
      {"c.parquet", {{"Id", TypeId::SMALLINT, false}, {"kind", TypeId::VARCHAR, false}}},
  };
  SchemaUnion united = UniteSchemas("t", inputs);
  ASSERT_EQ(united.columns.size(), 3u);
  EXPECT_EQ(united.columns[0].name, "id");
  EXPECT_EQ(united.columns[0].type, LogicalType(TypeId::BIGINT));
  EXPECT_FALSE(united.columns[0].nullable);  // in every file, NOT NULL in every file
  EXPECT_EQ(united.columns[1].name, "kind");
  EXPECT_TRUE(united.columns[1].nullable);
  EXPECT_EQ(united.columns[2].name, "note");
  EXPECT_TRUE(united.columns[2].nullable);
  EXPECT_EQ(united.input_columns[0], (std::vector<int>{0, 1, -1}));
  EXPECT_EQ(united.input_columns[1], (std::vector<int>{1, -1, 0}));
  EXPECT_EQ(united.input_columns[2], (std::vector<int>{0, 1, -1}));
}

TEST(SchemaUnionTest, AColumnMissingFromAFileIsNullable) {
  SchemaUnion united = UniteSchemas("t", {{"a.parquet", {{"x", TypeId::INTEGER, false}}},
                                          {"b.parquet", {{"y", TypeId::INTEGER, false}}}});
  EXPECT_TRUE(united.columns[0].nullable);
  EXPECT_TRUE(united.columns[1].nullable);
}

TEST(SchemaUnionTest, IncompatibleTypesNameTheColumnFilesAndTypes) {
  try {
    UniteSchemas("events", {{"a.parquet", {{"v", TypeId::INTEGER, true}}},
                            {"b.parquet", {{"v", TypeId::BIGINT, true}}},
                            {"c.parquet", {{"V", TypeId::VARCHAR, true}}}});
    FAIL() << "expected an error";
  } catch (const Exception& error) {
    EXPECT_EQ(error.sqlstate(), "42804");
    std::string message = error.what();
    EXPECT_NE(message.find("table \"events\""), std::string::npos) << message;
    EXPECT_NE(message.find("column \"v\" is BIGINT in file b.parquet but VARCHAR in file c.parquet"), std::string::npos)
        << message;
  }
}

TEST(SchemaUnionTest, NamesDifferingOnlyInCaseWithinOneFileAreAnError) {
  try {
    UniteSchemas("t", {{"a.parquet", {{"x", TypeId::INTEGER, true}, {"X", TypeId::INTEGER, true}}}});
    FAIL() << "expected an error";
  } catch (const Exception& error) {
    EXPECT_EQ(error.sqlstate(), "42804");
    EXPECT_NE(std::string(error.what()).find("a.parquet"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace cairn
