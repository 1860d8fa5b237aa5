// Unit tests for the tricky parts of the PostgreSQL function library: exact numeric division
// (scale, rounding, 128-bit limits), time zone conversion around DST changes, regular
// expression replacement, to_char templates. Expected values were checked on PostgreSQL 15.
#include <gtest/gtest.h>

#include "cairn/exception.h"
#include "common/date_time.h"
#include "common/decimal.h"
#include "common/numeric.h"
#include "function/function_test_util.h"
#include "function/scalar/time_zone.h"

namespace cairn {
namespace {

using function::TimeZone;

std::string Eval(const std::string& name, const std::vector<Value>& args) {
  std::vector<Vector> inputs;
  for (const auto& a : args) inputs.emplace_back(a);
  return testing::RunFunction(name, inputs, 1).GetValue(0).ToString();
}

std::string SqlState(const std::string& name, const std::vector<Value>& args) {
  try {
    Eval(name, args);
  } catch (const Exception& e) {
    return e.sqlstate();
  }
  return "none";
}

Value S(const char* s) { return Value::Varchar(s); }

// select_div_scale: 16 significant digits from the leading base-10000 digits, at least the
// operands' display scales.
TEST(DecimalDivisionTest, ScaleIsSelectDivScale) {
  hugeint_t a, b;
  auto scale = [&](const char* x, const char* y) {
    EXPECT_EQ(numeric::Parse(x, a), numeric::ParseStatus::kOk);
    EXPECT_EQ(numeric::Parse(y, b), numeric::ParseStatus::kOk);
    return numeric::DivisionScale(a, b);
  };
  EXPECT_EQ(scale("7", "2"), 16);
  EXPECT_EQ(scale("1", "3"), 20);  // leading digit not above the divisor's
  EXPECT_EQ(scale("100000", "3"), 12);
  EXPECT_EQ(scale("1.00000000000000000000000", "3"), 23);
  EXPECT_EQ(scale("12345678901234567890.5", "0.5"), 1);
}

TEST(DecimalDivisionTest, RoundsHalfAwayFromZero) {
  hugeint_t q;
  // 2 / 3 at scale 1: 0.666.. -> 0.7; -2 / 3 -> -0.7; 1 / 8 at scale 2: 0.125 -> 0.13.
  ASSERT_TRUE(decimal::Divide(2, 0, 3, 0, 1, 38, q));
  EXPECT_EQ(static_cast<int64_t>(q), 7);
  ASSERT_TRUE(decimal::Divide(-2, 0, 3, 0, 1, 38, q));
  EXPECT_EQ(static_cast<int64_t>(q), -7);
  ASSERT_TRUE(decimal::Divide(1, 0, 8, 0, 2, 38, q));
  EXPECT_EQ(static_cast<int64_t>(q), 13);
  ASSERT_TRUE(decimal::Divide(-1, 0, -8, 0, 2, 38, q));
  EXPECT_EQ(static_cast<int64_t>(q), 13);
  // Operand scales: 1.50 / 0.5 = 3 at scale 16.
  ASSERT_TRUE(decimal::Divide(150, 2, 5, 1, 16, 38, q));
  EXPECT_EQ(q, 3 * static_cast<hugeint_t>(10000000000000000LL));
}

TEST(DecimalDivisionTest, WideOperandsUseTheDigitByDigitPath) {
  hugeint_t big = 1;
  for (int i = 0; i < 37; i++) big *= 10;  // 10^37
  hugeint_t q;
  // 10^37 / 3 at scale 0 fits (37 digits); at scale 1 it needs 38 digits, still fits; at 2 not.
  ASSERT_TRUE(decimal::Divide(big, 0, 3, 0, 1, 38, q));
  EXPECT_EQ(decimal::HugeintToString(q), "33333333333333333333333333333333333333");
  EXPECT_FALSE(decimal::Divide(big, 0, 3, 0, 2, 38, q));
  // A divisor near 10^38 with a large remainder: (10^38 - 2) / (10^38 - 1) at scale 16 rounds to 1.
  hugeint_t nines = big * 10 - 1;
  ASSERT_TRUE(decimal::Divide(nines - 1, 0, nines, 0, 16, 38, q));
  EXPECT_EQ(decimal::HugeintToString(q), "10000000000000000");
}

TEST(DecimalDivisionTest, SqlOperator) {
  EXPECT_EQ(Eval("/", {Value::Decimal(10, 2, 1), Value::Integer(3)}), "0.33333333333333333333");  // select_div_scale: 20
  EXPECT_EQ(Eval("/", {Value::Integer(7), Value::Decimal(20, 2, 1)}), "3.5000000000000000");
  EXPECT_EQ(SqlState("/", {Value::Decimal(10, 2, 1), Value::Integer(0)}), "22012");
  EXPECT_EQ(Eval("/", {Value::Null(LogicalType::Decimal(2, 1)), Value::Integer(3)}), "NULL");
}

int64_t Micros(const char* text) { return *date_time::ParseTimestamp(text); }

TEST(TimeZoneTest, DaylightSavingTransitions) {
  TimeZone ny = TimeZone::Find("America/New_York");
  // 01:30 happens twice on 2024-11-03: PostgreSQL reads it in standard time (EST, UTC-5).
  EXPECT_EQ(ny.LocalToUtc(Micros("2024-11-03 01:30:00")), Micros("2024-11-03 06:30:00"));
  // 02:30 does not exist on 2024-03-10: read with the offset before the change (EST).
  EXPECT_EQ(ny.LocalToUtc(Micros("2024-03-10 02:30:00")), Micros("2024-03-10 07:30:00"));
  // Either side of the spring change, in summer and winter time.
  EXPECT_EQ(ny.UtcToLocal(Micros("2024-03-10 06:59:59")), Micros("2024-03-10 01:59:59"));
  EXPECT_EQ(ny.UtcToLocal(Micros("2024-03-10 07:00:00")), Micros("2024-03-10 03:00:00"));
  EXPECT_EQ(ny.UtcToLocal(Micros("2024-07-01 12:00:00.25")), Micros("2024-07-01 08:00:00.25"));
  // Case-insensitive names and POSIX numeric offsets ('+05' is five hours west).
  EXPECT_EQ(TimeZone::Find("europe/paris").UtcToLocal(Micros("2024-01-01 00:00:00")), Micros("2024-01-01 01:00:00"));
  EXPECT_EQ(TimeZone::Find("+05").LocalToUtc(Micros("2024-01-01 00:00:00")), Micros("2024-01-01 05:00:00"));
  EXPECT_EQ(TimeZone::Find("UTC-03:30").UtcToLocal(Micros("2024-01-01 00:00:00")), Micros("2024-01-01 03:30:00"));
  EXPECT_THROW(TimeZone::Find("Nowhere/Land"), Exception);
  EXPECT_THROW(TimeZone::Find("../../etc/passwd"), Exception);
}

TEST(RegexTest, ReplacementSyntaxAndFlags) {
  EXPECT_EQ(Eval("regexp_replace", {S("abc"), S("b"), S("[&]")}), "a[&]c");
  EXPECT_EQ(Eval("regexp_replace", {S("abc"), S("b"), S("[\\&]")}), "a[b]c");
  EXPECT_EQ(Eval("regexp_replace", {S("abc"), S("b*"), S("-"), S("g")}), "-a--c-");
  EXPECT_EQ(Eval("regexp_replace", {S("ABab"), S("a"), S("x"), S("gi")}), "xBxb");
  EXPECT_EQ(Eval("regexp_replace", {S("aaa"), S("a"), S("x"), Value::BigInt(1), Value::BigInt(2)}), "axa");
  EXPECT_EQ(SqlState("regexp_replace", {S("a"), S("("), S("x")}), "2201B");
  EXPECT_EQ(SqlState("regexp_replace", {S("a"), S("a"), S("x"), S("z")}), "22023");
  EXPECT_EQ(SqlState("regexp_like", {S("a"), S("a"), S("g")}), "22023");
  EXPECT_EQ(Eval("~*", {S("ABC"), S("b")}), "true");
  EXPECT_EQ(Eval("regexp_count", {S("abc"), S("x*")}), "4");
}

TEST(ToCharTest, TimestampTemplates) {
  Value ts = Value::Timestamp(Micros("2024-03-05 14:07:09.123456"));
  EXPECT_EQ(Eval("to_char", {ts, S("YYYY-MM-DD HH24:MI:SS.MS.US")}), "2024-03-05 14:07:09.123.123456");
  EXPECT_EQ(Eval("to_char", {ts, S("HH12 AM Mon Month Dy Day")}), "02 PM Mar March     Tue Tuesday  ");
  EXPECT_EQ(Eval("to_char", {ts, S("FMMonth FMDD DDth \"quoted DD\" IW IYYY Q")}), "March 5 05th quoted DD 10 2024 1");
}

TEST(ToCharTest, NumberTemplates) {
  EXPECT_EQ(Eval("to_char", {Value::Decimal(50, 3, 2), S("9.99")}), "  .50");
  EXPECT_EQ(Eval("to_char", {Value::Integer(-5), S("999")}), "  -5");
  EXPECT_EQ(Eval("to_char", {Value::Integer(1234), S("999")}), " ###");
  EXPECT_EQ(Eval("to_char", {Value::Decimal(1234567891, 10, 3), S("9,999,999.99")}), " 1,234,567.89");
  EXPECT_EQ(Eval("to_char", {Value::Decimal(123, 3, 1), S("FM999.00")}), "12.30");
  EXPECT_EQ(Eval("to_char", {Value::Integer(12), S("999S")}), " 12+");
}

}  // namespace
}  // namespace cairn
