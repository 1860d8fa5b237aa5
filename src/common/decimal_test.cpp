#include "common/decimal.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "common/number_format.h"

namespace cairn::decimal {
namespace {

hugeint_t ParseOk(std::string_view text, uint8_t width, uint8_t scale) {
  hugeint_t out = 0;
  EXPECT_EQ(Parse(text, width, scale, out), ParseStatus::kOk) << text;
  return out;
}

TEST(DecimalTest, Format) {
  EXPECT_EQ(ToString(12345, 2), "123.45");
  EXPECT_EQ(ToString(-5, 2), "-0.05");
  EXPECT_EQ(ToString(0, 3), "0.000");
  EXPECT_EQ(ToString(7, 0), "7");
  hugeint_t min = static_cast<hugeint_t>(static_cast<unsigned __int128>(1) << 127);
  EXPECT_EQ(HugeintToString(min), "-170141183460469231731687303715884105728");
  EXPECT_EQ(HugeintToString(PowerOfTen(38)), "100000000000000000000000000000000000000");
}

TEST(DecimalTest, Parse) {
  EXPECT_EQ(ParseOk("123.45", 5, 2), 12345);
  EXPECT_EQ(ParseOk(" -0.005 ", 5, 2), -1);  // half away from zero
  EXPECT_EQ(ParseOk("0.125", 5, 2), 13);
  EXPECT_EQ(ParseOk("0.124", 5, 2), 12);
  EXPECT_EQ(ParseOk("12.345e1", 10, 2), 12345);
  EXPECT_EQ(ParseOk("1e-3", 10, 2), 0);
  EXPECT_EQ(ParseOk(".5", 3, 0), 1);
  EXPECT_EQ(ParseOk("+7", 3, 1), 70);
  EXPECT_EQ(ParseOk("99999999999999999999999999999999999999", 38, 0), PowerOfTen(38) - 1);
  hugeint_t out;
  EXPECT_EQ(Parse("1000", 5, 2, out), ParseStatus::kOutOfRange);
  EXPECT_EQ(Parse("999.995", 5, 2, out), ParseStatus::kOutOfRange);
  EXPECT_EQ(Parse("1e40", 38, 0, out), ParseStatus::kOutOfRange);
  EXPECT_EQ(Parse("abc", 5, 2, out), ParseStatus::kSyntaxError);
  EXPECT_EQ(Parse("1.2.3", 5, 2, out), ParseStatus::kSyntaxError);
  EXPECT_EQ(Parse("", 5, 2, out), ParseStatus::kSyntaxError);
  EXPECT_EQ(Parse("-", 5, 2, out), ParseStatus::kSyntaxError);
  EXPECT_EQ(Parse("1e", 5, 2, out), ParseStatus::kSyntaxError);
}

TEST(DecimalTest, Rescale) {
  hugeint_t out;
  ASSERT_TRUE(Rescale(12345, 2, 1, 18, out));
  EXPECT_EQ(out, 1235);
  ASSERT_TRUE(Rescale(-12345, 2, 1, 18, out));
  EXPECT_EQ(out, -1235);
  ASSERT_TRUE(Rescale(5, 0, 3, 18, out));
  EXPECT_EQ(out, 5000);
  EXPECT_FALSE(Rescale(1000, 0, 2, 4, out));
}

TEST(NumberFormatTest, PostgresDoubleText) {
  // PostgreSQL's float8out/float4out (extra_float_digits = 1): shortest round-trip digits,
  // positional for exponents -4..14 (real: -4..5), no ".0" on whole numbers.
  EXPECT_EQ(FormatDouble(2.0), "2");
  EXPECT_EQ(FormatDouble(1e20), "1e+20");
  EXPECT_EQ(FormatDouble(1e14), "100000000000000");
  EXPECT_EQ(FormatDouble(1e15), "1e+15");
  EXPECT_EQ(FormatDouble(0.0001), "0.0001");
  EXPECT_EQ(FormatDouble(0.00001), "1e-05");
  EXPECT_EQ(FormatDouble(1.5e-7), "1.5e-07");
  EXPECT_EQ(FormatDouble(123456789012345678.0), "1.2345678901234568e+17");
  EXPECT_EQ(FormatDouble(31.95376472), "31.95376472");
  EXPECT_EQ(FormatDouble(-0.1), "-0.1");
  EXPECT_EQ(FormatDouble(0.0), "0");
  EXPECT_EQ(FormatDouble(-0.0), "-0");
  EXPECT_EQ(FormatDouble(std::numeric_limits<double>::infinity()), "Infinity");
  EXPECT_EQ(FormatDouble(-std::numeric_limits<double>::infinity()), "-Infinity");
  EXPECT_EQ(FormatDouble(std::nan("")), "NaN");
  EXPECT_EQ(FormatFloat(0.1f), "0.1");
  EXPECT_EQ(FormatFloat(1000000.0f), "1e+06");
  EXPECT_EQ(FormatFloat(123456.0f), "123456");
  EXPECT_EQ(FormatDouble(static_cast<double>(0.1f)), "0.10000000149011612");
}

}  // namespace
}  // namespace cairn::decimal
