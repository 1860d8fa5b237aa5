// Unit tests for NUMERIC values (src/common/numeric.h). Expected texts are PostgreSQL 15's.
#include "common/numeric.h"

#include <gtest/gtest.h>

#include <cmath>
#include <iterator>

#include "cairn/exception.h"
#include "common/decimal.h"

namespace cairn::numeric {
namespace {

hugeint_t N(const char* text) {
  hugeint_t out;
  EXPECT_EQ(Parse(text, out), ParseStatus::kOk) << text;
  return out;
}

std::string S(hugeint_t packed) { return ToString(packed); }

std::string Sqlstate(void (*f)()) {
  try {
    f();
  } catch (const Exception& e) {
    return e.sqlstate();
  }
  return "none";
}

TEST(NumericTest, PackingKeepsSignAndScale) {
  hugeint_t p = PackUnchecked(-12345, 3);
  EXPECT_EQ(Unscaled(p), -12345);
  EXPECT_EQ(Scale(p), 3);
  hugeint_t out;
  EXPECT_FALSE(TryPack(decimal::PowerOfTen(35), 0, out));
  EXPECT_TRUE(TryPack(decimal::PowerOfTen(35) - 1, 38, out));
  EXPECT_EQ(Unscaled(out), decimal::PowerOfTen(35) - 1);
  EXPECT_EQ(Scale(out), 38);
}

TEST(NumericTest, ParseKeepsWrittenScale) {
  EXPECT_EQ(S(N("1.23456")), "1.23456");
  EXPECT_EQ(S(N("  -0.0100 ")), "-0.0100");
  EXPECT_EQ(S(N("1.5e-3")), "0.0015");
  EXPECT_EQ(S(N("1e3")), "1000");
  EXPECT_EQ(S(N("12.50e1")), "125.0");
  EXPECT_EQ(S(N(".5")), "0.5");
  EXPECT_EQ(S(N("5.")), "5");
  EXPECT_EQ(S(N("+007")), "7");
  hugeint_t out;
  EXPECT_EQ(Parse("1.2.3", out), ParseStatus::kSyntaxError);
  EXPECT_EQ(Parse("", out), ParseStatus::kSyntaxError);
  EXPECT_EQ(Parse("1e", out), ParseStatus::kSyntaxError);
  EXPECT_EQ(Parse("NaN", out), ParseStatus::kNotSupported);
  EXPECT_EQ(Parse("123456789012345678901234567890123456", out), ParseStatus::kOutOfRange);
  EXPECT_EQ(Parse("1e-39", out), ParseStatus::kOutOfRange);
  EXPECT_EQ(Parse("1e40", out), ParseStatus::kOutOfRange);
}

TEST(NumericTest, CompareByValue) {
  EXPECT_EQ(Compare(N("1.0"), N("1.00")), 0);
  EXPECT_LT(Compare(N("1.25"), N("1.5")), 0);
  EXPECT_GT(Compare(N("-1.25"), N("-1.5")), 0);
  EXPECT_EQ(Compare(N("0"), N("-0.000")), 0);
  // Scaling the smaller-scale side up overflows 128 bits: it is the larger magnitude.
  EXPECT_GT(Compare(N("99999999999999999999999999999999999"), N("0.00000000000000000000000000000000000001")), 0);
  EXPECT_LT(Compare(N("-99999999999999999999999999999999999"), N("0.00000000000000000000000000000000000001")), 0);
  // 64-bit values scaled up by up to 10^19 without an overflow check, at the extremes, both sides.
  EXPECT_GT(Compare(N("9223372036854775807"), N("9223372036854775806.9999999999999")), 0);
  EXPECT_LT(Compare(N("9223372036854775806.9999999999999"), N("9223372036854775807")), 0);
  EXPECT_GT(Compare(N("9223372036854775807"), N("0.0000000000000000001")), 0);
  EXPECT_LT(Compare(N("-9223372036854775808"), N("-0.0000000000000000001")), 0);
  EXPECT_GT(Compare(N("0.0000000000000000001"), N("-9223372036854775808")), 0);
  EXPECT_EQ(Compare(N("-922337203685477"), N("-922337203685477.0000000000000000000")), 0);
  EXPECT_GT(Compare(N("12"), N("11.99999999999999999999")), 0);  // 20 digits: the checked path
}

TEST(NumericTest, NormalizeAndOrderKey) {
  EXPECT_EQ(Normalize(N("1.500")), Normalize(N("1.5")));
  EXPECT_EQ(S(Normalize(N("100.00"))), "100");
  EXPECT_EQ(S(Normalize(N("-0.00"))), "0");
  EXPECT_EQ(S(Normalize(N("-1.50000000000000000000000000000000"))), "-1.5");  // past 64 bits
  EXPECT_EQ(S(Normalize(N("12345678901234567890.1000000000"))), "12345678901234567890.1");
  EXPECT_EQ(S(Normalize(N("0.00000000000000000000000000000000000100"))), "0.000000000000000000000000000000000001");
  EXPECT_EQ(S(Normalize(N("1200"))), "1200");
  const char* ordered[] = {"-1000", "-2.5", "-2.45", "-0.001", "0", "0.00000000000000000000000000000000000001",
                           "0.5", "0.50001", "1", "9.99", "10", "99999999999999999999999999999999999"};
  for (size_t i = 0; i + 1 < std::size(ordered); i++) {
    EXPECT_LT(OrderKey(N(ordered[i])), OrderKey(N(ordered[i + 1]))) << ordered[i] << " < " << ordered[i + 1];
  }
  EXPECT_EQ(OrderKey(N("2.50")), OrderKey(N("2.5")));
  EXPECT_EQ(OrderKey(N("-0.0")), OrderKey(N("0")));
}

TEST(NumericTest, ArithmeticScales) {
  EXPECT_EQ(S(Add(N("1.5"), N("2.25"))), "3.75");
  EXPECT_EQ(S(Subtract(N("1.50"), N("0.5"))), "1.00");
  EXPECT_EQ(S(Multiply(N("1.5"), N("2.25"))), "3.375");
  EXPECT_EQ(S(Modulo(N("7.5"), N("2"))), "1.5");
  EXPECT_EQ(S(Modulo(N("-7.5"), N("2"))), "-1.5");
  EXPECT_EQ(S(Negate(N("3.10"))), "-3.10");
  EXPECT_EQ(Sqlstate([] { Multiply(N("99999999999999999999"), N("99999999999999999999")); }), "22003");
  EXPECT_EQ(Sqlstate([] { Add(N("99999999999999999999999999999999999"), N("1")); }), "22003");
  EXPECT_EQ(Sqlstate([] { Modulo(N("1"), N("0.00")); }), "22012");
}

TEST(NumericTest, DivisionScaleAsSelectDivScale) {
  EXPECT_EQ(S(Divide(N("1"), N("3"))), "0.33333333333333333333");
  EXPECT_EQ(S(Divide(N("10"), N("4"))), "2.5000000000000000");
  EXPECT_EQ(S(Divide(N("100000"), N("3"))), "33333.333333333333");
  EXPECT_EQ(S(Divide(N("12345678901234567890.5"), N("0.5"))), "24691357802469135781.0");
  EXPECT_EQ(S(Divide(N("-2"), N("3"))), "-0.66666666666666666667");
  EXPECT_EQ(S(Divide(N("1.000"), N("8"))), "0.12500000000000000000");
  EXPECT_EQ(DivisionScale(N("9999"), N("10000")), 20);
  EXPECT_EQ(Sqlstate([] { Divide(N("1"), N("0")); }), "22012");
  // The running sum of avg may pass 35 digits; the quotient must fit.
  EXPECT_EQ(S(DivideUnscaled(decimal::PowerOfTen(36), 0, 100, 0)), "10000000000000000000000000000000000");
}

TEST(NumericTest, RoundingHalfAwayFromZero) {
  EXPECT_EQ(S(Round(N("2.5"), 0)), "3");
  EXPECT_EQ(S(Round(N("-2.5"), 0)), "-3");
  EXPECT_EQ(S(Round(N("2.567"), 1)), "2.6");
  EXPECT_EQ(S(Round(N("2.5"), 3)), "2.500");
  EXPECT_EQ(S(Round(N("1234.5"), -2)), "1200");
  EXPECT_EQ(S(Round(N("-1250"), -2)), "-1300");
  EXPECT_EQ(S(Truncate(N("-2.567"), 2)), "-2.56");
  EXPECT_EQ(S(Ceil(N("-0.5"))), "0");
  EXPECT_EQ(S(Floor(N("-2.10"))), "-3");
}

TEST(NumericTest, SquareRootAsNumericSqrt) {
  EXPECT_EQ(S(SquareRoot(N("2.0"))), "1.414213562373095");
  EXPECT_EQ(S(SquareRoot(N("0.0001"))), "0.01000000000000000");
  EXPECT_EQ(S(SquareRoot(N("1e20"))), "10000000000.00000");
  EXPECT_EQ(Sqlstate([] { SquareRoot(N("-1")); }), "2201F");
}

TEST(NumericTest, Conversions) {
  EXPECT_EQ(S(FromDouble(0.1, 15)), "0.1");
  EXPECT_EQ(S(FromDouble(1.0 / 3.0, 15)), "0.333333333333333");
  EXPECT_EQ(S(FromDouble(1e20, 15)), "100000000000000000000");
  EXPECT_EQ(S(FromDouble(0.1f, 6)), "0.1");
  EXPECT_DOUBLE_EQ(ToDouble(N("1.25")), 1.25);
  hugeint_t out;
  ASSERT_TRUE(ToDecimal(N("-1.235"), 6, 2, out));
  EXPECT_EQ(out, -124);
  EXPECT_FALSE(ToDecimal(N("999.995"), 5, 2, out));
  EXPECT_EQ(S(FromDecimal(250, 2)), "2.50");
  EXPECT_EQ(Sqlstate([] { FromDouble(std::nan(""), 15); }), "0A000");
}

}  // namespace
}  // namespace cairn::numeric
