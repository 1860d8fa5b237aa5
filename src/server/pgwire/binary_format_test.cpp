// The binary format of values: the bytes PostgreSQL's send functions produce for known values
// (numeric's base-10000 digits, dates and timestamps from 2000-01-01, arrays), and reading them
// back, including bytes that must be refused.
#include "pgwire/binary_format.h"

#include <gtest/gtest.h>

#include "cairn/exception.h"

namespace cairn::pgwire {
namespace {

std::string Hex(const std::string& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 15]);
  }
  return out;
}

std::string Unhex(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  return out;
}

TEST(BinaryFormat, EncodesNumericAsBase10000Digits) {
  // Bytes as PostgreSQL 15's numeric_send writes them (SELECT numeric_send(x)).
  EXPECT_EQ(Hex(EncodeBinary(Value::Numeric(-1250, 2))), "0002000040000002000c1388");  // -12.50
  EXPECT_EQ(Hex(EncodeBinary(Value::Numeric(0, 0))), "0000000000000000");
  EXPECT_EQ(Hex(EncodeBinary(Value::Numeric(0, 3))), "0000000000000003");
  EXPECT_EQ(Hex(EncodeBinary(Value::Numeric(1, 4))), "0001ffff000000040001");        // 0.0001
  EXPECT_EQ(Hex(EncodeBinary(Value::Numeric(100000000, 0))), "0001000200000000" "0001");  // 1e8
  EXPECT_EQ(Hex(EncodeBinary(Value::Decimal(150, 5, 2))), "00020000000000020001" "1388");  // 1.50
}

TEST(BinaryFormat, NumericRoundTrips) {
  for (const Value& value : {Value::Numeric(-1250, 2), Value::Numeric(0, 0), Value::Numeric(1, 9),
                             Value::Numeric(static_cast<hugeint_t>(123456789012345678ll) * 1000000000000ll, 5),
                             Value::Numeric(-99999, 0), Value::Numeric(10000, 0)}) {
    const Value back = DecodeBinary(EncodeBinary(value), TypeId::NUMERIC, 1);
    EXPECT_EQ(back.ToString(), value.ToString());
  }
}

TEST(BinaryFormat, EncodesDatesAndTimestampsFrom2000) {
  EXPECT_EQ(Hex(EncodeBinary(Value::Date(10957))), "00000000");            // 2000-01-01
  EXPECT_EQ(Hex(EncodeBinary(Value::Date(10956))), "ffffffff");            // 1999-12-31
  EXPECT_EQ(Hex(EncodeBinary(Value::Timestamp(946684800000000))), "0000000000000000");
  EXPECT_EQ(DecodeBinary(Unhex("0000000000000001"), TypeId::TIMESTAMP, 1).ToString(), "2000-01-01 00:00:00.000001");
  EXPECT_EQ(Hex(EncodeBinary(Value::Interval({14, 3, 1000000}))), "00000000000f4240" "00000003" "0000000e");
}

TEST(BinaryFormat, EncodesArraysWithNulls) {
  const Value array = Value::Array(TypeId::INTEGER, {Value::Integer(1), Value::Null(TypeId::INTEGER)});
  EXPECT_EQ(Hex(EncodeBinary(array)), "00000001" "00000001" "00000017" "00000002" "00000001"
                                       "00000004" "00000001" "ffffffff");
  const Value back = DecodeBinary(EncodeBinary(array), LogicalType::Array(TypeId::INTEGER), 1);
  EXPECT_EQ(back.ToString(), "{1,NULL}");
  EXPECT_EQ(Hex(EncodeBinary(Value::Array(TypeId::INTEGER, {}))), "00000000" "00000000" "00000017");
}

TEST(BinaryFormat, RefusesMalformedValues) {
  auto sqlstate_of = [](std::string_view bytes, const LogicalType& type) -> std::string {
    try {
      DecodeBinary(bytes, type, 1);
      return "none";
    } catch (const Exception& error) {
      return error.sqlstate();
    }
  };
  EXPECT_EQ(sqlstate_of(Unhex("000001"), TypeId::INTEGER), "08P01");       // too short
  EXPECT_EQ(sqlstate_of(Unhex("0000000100"), TypeId::INTEGER), "22P03");   // trailing byte
  EXPECT_EQ(sqlstate_of(Unhex("00010000000000002710"), TypeId::NUMERIC), "22P03");  // digit 10000
  EXPECT_EQ(sqlstate_of(Unhex("000100000000000000"), TypeId::NUMERIC), "22P03");  // odd digit bytes
  EXPECT_EQ(sqlstate_of(Unhex("00000000c0000000"), TypeId::NUMERIC), "0A000");  // NaN
  EXPECT_EQ(sqlstate_of(Unhex("0001001000000000" "0001"), TypeId::NUMERIC), "22003");  // 10^64
  // An array claiming more elements than its bytes hold, or of another element type.
  EXPECT_EQ(sqlstate_of(Unhex("00000001" "00000000" "00000017" "7fffffff" "00000001"),
                        LogicalType::Array(TypeId::INTEGER)), "22P03");
  EXPECT_EQ(sqlstate_of(Unhex("00000001" "00000000" "00000019" "00000000" "00000001"),
                        LogicalType::Array(TypeId::INTEGER)), "42804");
  EXPECT_EQ(sqlstate_of(Unhex("02"), TypeId::JSONB), "22P03");
}

}  // namespace
}  // namespace cairn::pgwire
