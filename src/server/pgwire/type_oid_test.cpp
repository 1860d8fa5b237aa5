// PostgreSQL type OIDs, sizes and typmods of Cairn's types in RowDescription.
#include "pgwire/type_oid.h"

#include <gtest/gtest.h>

namespace cairn::pgwire {
namespace {

TEST(TypeOid, Scalars) {
  EXPECT_EQ(PgTypeOf(TypeId::BOOLEAN).oid, 16u);
  EXPECT_EQ(PgTypeOf(TypeId::SMALLINT).oid, 21u);
  EXPECT_EQ(PgTypeOf(TypeId::INTEGER).oid, 23u);
  EXPECT_EQ(PgTypeOf(TypeId::INTEGER).size, 4);
  EXPECT_EQ(PgTypeOf(TypeId::BIGINT).oid, 20u);
  EXPECT_EQ(PgTypeOf(TypeId::FLOAT).oid, 700u);
  EXPECT_EQ(PgTypeOf(TypeId::DOUBLE).oid, 701u);
  EXPECT_EQ(PgTypeOf(TypeId::NUMERIC).oid, 1700u);
  EXPECT_EQ(PgTypeOf(TypeId::NUMERIC).modifier, -1);
  EXPECT_EQ(PgTypeOf(TypeId::VARCHAR).oid, 25u);
  EXPECT_EQ(PgTypeOf(TypeId::BLOB).oid, 17u);
  EXPECT_EQ(PgTypeOf(TypeId::UUID).oid, 2950u);
  EXPECT_EQ(PgTypeOf(TypeId::JSON).oid, 114u);
  EXPECT_EQ(PgTypeOf(TypeId::JSONB).oid, 3802u);
  EXPECT_EQ(PgTypeOf(TypeId::DATE).oid, 1082u);
  EXPECT_EQ(PgTypeOf(TypeId::TIME).oid, 1083u);
  EXPECT_EQ(PgTypeOf(TypeId::TIMESTAMP).oid, 1114u);
  EXPECT_EQ(PgTypeOf(TypeId::TIMESTAMP_TZ).oid, 1184u);
  EXPECT_EQ(PgTypeOf(TypeId::INTERVAL).oid, 1186u);
  EXPECT_EQ(PgTypeOf(TypeId::SQLNULL).oid, 25u);
}

TEST(TypeOid, WiderTypesForCairnsExtras) {
  EXPECT_EQ(PgTypeOf(TypeId::UTINYINT).oid, 21u);
  EXPECT_EQ(PgTypeOf(TypeId::USMALLINT).oid, 23u);
  EXPECT_EQ(PgTypeOf(TypeId::UINTEGER).oid, 20u);
  EXPECT_EQ(PgTypeOf(TypeId::UBIGINT).oid, 1700u);
  EXPECT_EQ(PgTypeOf(TypeId::HUGEINT).oid, 1700u);
}

TEST(TypeOid, DecimalTypmod) {
  const PgType type = PgTypeOf(LogicalType::Decimal(10, 2));
  EXPECT_EQ(type.oid, 1700u);
  EXPECT_EQ(type.modifier, (10 << 16 | 2) + 4);  // what numeric(10,2) has in pg_attribute.atttypmod
}

TEST(TypeOid, Arrays) {
  EXPECT_EQ(PgTypeOf(LogicalType::Array(TypeId::INTEGER)).oid, 1007u);
  EXPECT_EQ(PgTypeOf(LogicalType::Array(TypeId::VARCHAR)).oid, 1009u);
  EXPECT_EQ(PgTypeOf(LogicalType::Array(TypeId::BOOLEAN)).oid, 1000u);
  EXPECT_EQ(PgTypeOf(LogicalType::Array(TypeId::TIMESTAMP_TZ)).oid, 1185u);
  const PgType decimals = PgTypeOf(LogicalType::Array(LogicalType::Decimal(5, 1)));
  EXPECT_EQ(decimals.oid, 1231u);
  EXPECT_EQ(decimals.modifier, (5 << 16 | 1) + 4);
}

}  // namespace
}  // namespace cairn::pgwire
