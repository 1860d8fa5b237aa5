#include "function/cast.h"

#include <gtest/gtest.h>

#include <cmath>

#include "cairn/exception.h"
#include "function/function_test_util.h"

namespace cairn {
namespace {

using testing::MakeDictionary;
using testing::MakeFlat;
using testing::Texts;

// Runs `fn` and returns the thrown Exception's "sqlstate: message", or "" if none.
template <class F>
std::string ErrorOf(F fn) {
  try {
    fn();
  } catch (const Exception& e) {
    return e.sqlstate() + ": " + e.what();
  }
  return "";
}

TEST(CastTest, NumericRangesAndRounding) {
  EXPECT_EQ(Value::Integer(100).CastAs(TypeId::TINYINT).ToString(), "100");
  EXPECT_EQ(ErrorOf([] { Value::Integer(300).CastAs(TypeId::TINYINT); }), "22003: value 300 is out of range for type TINYINT");
  EXPECT_EQ(Value::Double(2.5).CastAs(TypeId::INTEGER).GetInt64(), 2);  // rint, as DuckDB/PostgreSQL
  EXPECT_EQ(Value::Double(3.5).CastAs(TypeId::INTEGER).GetInt64(), 4);
  EXPECT_EQ(Value::Decimal(25, 3, 1).CastAs(TypeId::INTEGER).GetInt64(), 3);  // half away from zero
  EXPECT_EQ(Value::Decimal(-25, 3, 1).CastAs(TypeId::INTEGER).GetInt64(), -3);
  EXPECT_EQ(Value::Decimal(125, 4, 2).CastAs(LogicalType::Decimal(3, 1)).ToString(), "1.3");
  EXPECT_EQ(Value::Integer(5).CastAs(LogicalType::Decimal(5, 2)).ToString(), "5.00");
  EXPECT_FALSE(ErrorOf([] { Value::Integer(1000).CastAs(LogicalType::Decimal(4, 2)); }).empty());
  EXPECT_EQ(Value::Double(1.005).CastAs(LogicalType::Decimal(10, 1)).ToString(), "1.0");
  EXPECT_EQ(Value::Decimal(12345, 10, 2).CastAs(TypeId::DOUBLE).GetDouble(), 123.45);
  EXPECT_FALSE(ErrorOf([] { Value::Double(1e30).CastAs(TypeId::BIGINT); }).empty());
  EXPECT_FALSE(ErrorOf([] { Value::BigInt(-1).CastAs(TypeId::UBIGINT); }).empty());
}

TEST(CastTest, ToText) {
  EXPECT_EQ(Value::Double(31.95376472).CastAs(TypeId::VARCHAR).GetString(), "31.95376472");
  EXPECT_EQ(Value::Double(1e20).CastAs(TypeId::VARCHAR).GetString(), "1e+20");
  EXPECT_EQ(Value::Double(2.0).CastAs(TypeId::VARCHAR).GetString(), "2");
  EXPECT_EQ(Value::Float(0.1f).CastAs(TypeId::VARCHAR).GetString(), "0.1");
  EXPECT_EQ(Value::Boolean(true).CastAs(TypeId::VARCHAR).GetString(), "true");
  EXPECT_EQ(Value::Decimal(-5, 5, 2).CastAs(TypeId::VARCHAR).GetString(), "-0.05");
  EXPECT_EQ(Value::HugeInt(static_cast<hugeint_t>(1) << 100).CastAs(TypeId::VARCHAR).GetString(), "1267650600228229401496703205376");
  EXPECT_EQ(Value::Date(0).CastAs(TypeId::VARCHAR).GetString(), "1970-01-01");
  EXPECT_EQ(Value::TimestampTz(60000000).CastAs(TypeId::VARCHAR).GetString(), "1970-01-01 00:01:00+00");
  EXPECT_EQ(Value::Interval({14, 3, 0}).CastAs(TypeId::VARCHAR).GetString(), "1 year 2 mons 3 days");
}

TEST(CastTest, FromText) {
  EXPECT_EQ(Value::Varchar(" 12 ").CastAs(TypeId::INTEGER).GetInt64(), 12);
  // As PostgreSQL's int4in/int8in: only digits with an optional sign.
  EXPECT_EQ(ErrorOf([] { Value::Varchar("1.5").CastAs(TypeId::INTEGER); }), "22P02: invalid input syntax for type integer: \"1.5\"");
  EXPECT_EQ(ErrorOf([] { Value::Varchar("1e3").CastAs(TypeId::BIGINT); }), "22P02: invalid input syntax for type bigint: \"1e3\"");
  EXPECT_EQ(ErrorOf([] { Value::Varchar("abc").CastAs(TypeId::INTEGER); }), "22P02: invalid input syntax for type integer: \"abc\"");
  EXPECT_EQ(ErrorOf([] { Value::Varchar("300").CastAs(TypeId::TINYINT); }), "22003: value \"300\" is out of range for type tinyint");
  EXPECT_EQ(Value::Varchar("170141183460469231731687303715884105727").CastAs(TypeId::HUGEINT).ToString(),
            "170141183460469231731687303715884105727");
  EXPECT_EQ(Value::Varchar("0.1").CastAs(TypeId::DOUBLE).GetDouble(), 0.1);
  EXPECT_TRUE(std::isinf(Value::Varchar("-inf").CastAs(TypeId::DOUBLE).GetDouble()));
  EXPECT_EQ(Value::Varchar("123.456").CastAs(LogicalType::Decimal(5, 2)).ToString(), "123.46");
  EXPECT_EQ(ErrorOf([] { Value::Varchar("x1").CastAs(LogicalType::Decimal(5, 2)); }), "22P02: invalid input syntax for type numeric: \"x1\"");
  for (const char* t : {"t", "TRUE", "yes", "on", "1"}) EXPECT_TRUE(Value::Varchar(t).CastAs(TypeId::BOOLEAN).GetBool()) << t;
  for (const char* f : {"f", "False", "no", "off", "0"}) EXPECT_FALSE(Value::Varchar(f).CastAs(TypeId::BOOLEAN).GetBool()) << f;
  EXPECT_FALSE(ErrorOf([] { Value::Varchar("maybe").CastAs(TypeId::BOOLEAN); }).empty());
  EXPECT_EQ(Value::Varchar("2024-02-29").CastAs(TypeId::DATE).ToString(), "2024-02-29");
  EXPECT_EQ(ErrorOf([] { Value::Varchar("2023-02-29").CastAs(TypeId::DATE); }), "22008: date/time field value out of range: \"2023-02-29\"");
  EXPECT_EQ(Value::Varchar("2024-01-31 12:00:00.5").CastAs(TypeId::TIMESTAMP).ToString(), "2024-01-31 12:00:00.5");
  EXPECT_EQ(Value::Varchar("1 day 2 hours").CastAs(TypeId::INTERVAL).ToString(), "1 day 02:00:00");
  EXPECT_EQ(Value::Varchar("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11").CastAs(TypeId::UUID).GetString(),
            "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  EXPECT_FALSE(ErrorOf([] { Value::Varchar("not-a-uuid").CastAs(TypeId::UUID); }).empty());
}

TEST(CastTest, Temporal) {
  Value ts = Value::Varchar("2024-03-07 10:30:00").CastAs(TypeId::TIMESTAMP);
  EXPECT_EQ(ts.CastAs(TypeId::DATE).ToString(), "2024-03-07");
  EXPECT_EQ(ts.CastAs(TypeId::TIME).ToString(), "10:30:00");
  EXPECT_EQ(Value::Date(1).CastAs(TypeId::TIMESTAMP).ToString(), "1970-01-02 00:00:00");
  EXPECT_EQ(Value::Timestamp(-1).CastAs(TypeId::DATE).ToString(), "1969-12-31");
  EXPECT_EQ(ts.CastAs(TypeId::TIMESTAMP_TZ).CastAs(TypeId::TIMESTAMP), ts);
  EXPECT_FALSE(ErrorOf([] { Value::Date(0).CastAs(TypeId::INTEGER); }).empty());
}

TEST(CastTest, VectorKindsAndTryCast) {
  Vector flat = MakeFlat(TypeId::VARCHAR, {Value::Varchar("1"), Value::Varchar("x"), Value(), Value::Varchar("  42")});
  Vector out(TypeId::INTEGER, 4);
  EXPECT_THROW(CastVector(flat, out, 4), Exception);
  Vector out2(TypeId::INTEGER, 4);
  CastVector(flat, out2, 4, /*try_cast=*/true);
  EXPECT_EQ(Texts(out2, 4), (std::vector<std::string>{"1", "NULL", "NULL", "42"}));

  Vector constant(Value::Integer(7));
  Vector out3(TypeId::DOUBLE, 3);
  CastVector(constant, out3, 3);
  EXPECT_EQ(out3.kind(), VectorKind::CONSTANT);
  EXPECT_EQ(Texts(out3, 3), (std::vector<std::string>{"7", "7", "7"}));

  Vector dict = MakeDictionary(TypeId::BIGINT, {Value::BigInt(10), Value(), Value::BigInt(30)}, {2, 0, 1, 2});
  Vector out4(TypeId::VARCHAR, 4);
  CastVector(dict, out4, 4);
  EXPECT_EQ(Texts(out4, 4), (std::vector<std::string>{"30", "10", "NULL", "30"}));

  // Long strings survive in the result's heap.
  Vector doubles = MakeFlat(TypeId::DOUBLE, {Value::Double(1.2345678901234567), Value::Double(-0.5)});
  Vector out5(TypeId::VARCHAR, 2);
  CastVector(doubles, out5, 2);
  EXPECT_EQ(Texts(out5, 2), (std::vector<std::string>{"1.2345678901234567", "-0.5"}));
}

TEST(CastTest, ImplicitCostsAndSupertypes) {
  EXPECT_EQ(ImplicitCastCost(TypeId::INTEGER, TypeId::INTEGER), 0);
  EXPECT_GT(ImplicitCastCost(TypeId::INTEGER, TypeId::BIGINT), 0);
  EXPECT_LT(ImplicitCastCost(TypeId::INTEGER, TypeId::BIGINT), ImplicitCastCost(TypeId::INTEGER, TypeId::DOUBLE));
  EXPECT_EQ(ImplicitCastCost(TypeId::BIGINT, TypeId::INTEGER), -1);
  EXPECT_EQ(ImplicitCastCost(TypeId::VARCHAR, TypeId::INTEGER), -1);
  EXPECT_EQ(ImplicitCastCost(TypeId::SQLNULL, TypeId::DATE), 0);
  EXPECT_GT(ImplicitCastCost(TypeId::DATE, TypeId::TIMESTAMP), 0);
  EXPECT_GT(ImplicitCastCost(LogicalType::Decimal(10, 2), TypeId::DOUBLE), 0);
  EXPECT_EQ(ImplicitCastCost(TypeId::BIGINT, LogicalType::Decimal(18, 2)), -1);
  EXPECT_EQ(MaxLogicalType(TypeId::INTEGER, TypeId::BIGINT), LogicalType(TypeId::BIGINT));
  EXPECT_EQ(MaxLogicalType(TypeId::INTEGER, LogicalType::Decimal(10, 2)), LogicalType::Decimal(12, 2));
  EXPECT_EQ(MaxLogicalType(LogicalType::Decimal(10, 2), TypeId::DOUBLE), LogicalType(TypeId::DOUBLE));
  EXPECT_EQ(MaxLogicalType(TypeId::DATE, TypeId::TIMESTAMP), LogicalType(TypeId::TIMESTAMP));
  EXPECT_EQ(MaxLogicalType(TypeId::SQLNULL, TypeId::DATE), LogicalType(TypeId::DATE));
  EXPECT_EQ(MaxLogicalType(TypeId::INTEGER, TypeId::UINTEGER), LogicalType(TypeId::BIGINT));
  EXPECT_THROW(MaxLogicalType(TypeId::DATE, TypeId::INTEGER), Exception);
}

TEST(CastTest, ParseTypeName) {
  EXPECT_EQ(ParseTypeName("int4"), LogicalType(TypeId::INTEGER));
  EXPECT_EQ(ParseTypeName("INT"), LogicalType(TypeId::INTEGER));
  EXPECT_EQ(ParseTypeName("float8"), LogicalType(TypeId::DOUBLE));
  EXPECT_EQ(ParseTypeName("double  precision"), LogicalType(TypeId::DOUBLE));
  EXPECT_EQ(ParseTypeName("real"), LogicalType(TypeId::FLOAT));
  EXPECT_EQ(ParseTypeName("character varying(20)"), LogicalType(TypeId::VARCHAR));
  EXPECT_EQ(ParseTypeName("numeric"), LogicalType(TypeId::NUMERIC));  // unconstrained: a scale per value
  EXPECT_EQ(ParseTypeName("numeric(10, 2)"), LogicalType::Decimal(10, 2));
  EXPECT_EQ(ParseTypeName("decimal(5)"), LogicalType::Decimal(5, 0));
  EXPECT_EQ(ParseTypeName("timestamp with time zone"), LogicalType(TypeId::TIMESTAMP_TZ));
  EXPECT_EQ(ParseTypeName("timestamptz"), LogicalType(TypeId::TIMESTAMP_TZ));
  EXPECT_EQ(ParseTypeName("int64"), LogicalType(TypeId::BIGINT));
  EXPECT_EQ(ParseTypeName("string"), LogicalType(TypeId::VARCHAR));
  EXPECT_EQ(ParseTypeName("float64"), LogicalType(TypeId::DOUBLE));
  EXPECT_EQ(ParseTypeName("bytes"), LogicalType(TypeId::BLOB));
  EXPECT_EQ(ErrorOf([] { ParseTypeName("nosuchtype"); }), "42704: type \"nosuchtype\" does not exist");
  EXPECT_THROW(ParseTypeName("numeric(40,2)"), Exception);
  EXPECT_THROW(ParseTypeName("numeric(5,6)"), Exception);
  EXPECT_THROW(ParseTypeName("varchar(abc)"), Exception);
}

}  // namespace
}  // namespace cairn
