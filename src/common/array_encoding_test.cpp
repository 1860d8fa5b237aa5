#include "common/array_encoding.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "cairn/exception.h"

namespace cairn::array {
namespace {

using Element = std::optional<int64_t>;

std::string EncodeBigints(const std::vector<Element>& elements) {
  std::vector<Value> values;
  for (const auto& e : elements) values.push_back(e ? Value::BigInt(*e) : Value::Null(TypeId::BIGINT));
  return Value::Array(TypeId::BIGINT, values).GetString();
}

// PostgreSQL's array order (array_cmp): element by element, NULL after any value, then length.
int ReferenceCompare(const std::vector<Element>& a, const std::vector<Element>& b) {
  for (size_t i = 0; i < std::min(a.size(), b.size()); i++) {
    if (a[i] == b[i]) continue;
    if (!a[i]) return 1;
    if (!b[i]) return -1;
    return *a[i] < *b[i] ? -1 : 1;
  }
  return a.size() < b.size() ? -1 : a.size() > b.size() ? 1 : 0;
}

int Sign(int v) { return (v > 0) - (v < 0); }

TEST(ArrayEncodingTest, ByteOrderIsPostgresArrayOrder) {
  std::mt19937_64 random(7);
  const int64_t edges[] = {INT64_MIN, -1, 0, 1, INT64_MAX, 255, 256, -256};
  auto random_array = [&] {
    std::vector<Element> out(random() % 4);
    for (auto& e : out) {
      switch (random() % 4) {
        case 0: e = std::nullopt; break;
        case 1: e = edges[random() % 8]; break;
        default: e = static_cast<int64_t>(random() % 5) - 2; break;
      }
    }
    return out;
  };
  for (int i = 0; i < 20000; i++) {
    auto a = random_array(), b = random_array();
    std::string ea = EncodeBigints(a), eb = EncodeBigints(b);
    EXPECT_EQ(Sign(ea.compare(eb)), ReferenceCompare(a, b)) << ToText(ea, TypeId::BIGINT) << " vs " << ToText(eb, TypeId::BIGINT);
  }
}

TEST(ArrayEncodingTest, StringsKeepOrderAndRoundTripWithZeroBytes) {
  const std::vector<std::string> texts = {"", std::string("\0", 1), std::string("a\0b", 3), "a", "ab", "b", "\xff"};
  for (const auto& x : texts) {
    for (const auto& y : texts) {
      std::string ex = Value::Array(TypeId::BLOB, {Value::Blob(x), Value::Blob("z")}).GetString();
      std::string ey = Value::Array(TypeId::BLOB, {Value::Blob(y), Value::Blob("z")}).GetString();
      EXPECT_EQ(Sign(ex.compare(ey)), Sign(x.compare(y))) << "element order must be the strings' byte order";
    }
    std::vector<Value> back = Value::Array(TypeId::BLOB, {Value::Blob(x)}).GetArrayElements();
    ASSERT_EQ(back.size(), 1u);
    EXPECT_EQ(back[0].GetString(), x);
  }
}

TEST(ArrayEncodingTest, DoublesOrderAndEqualZeros) {
  const double values[] = {-INFINITY, -1e300, -1.5, -0.0, 0.0, 1e-300, 2.5, INFINITY, NAN};
  for (double x : values) {
    for (double y : values) {
      std::string ex = Value::Array(TypeId::DOUBLE, {Value::Double(x)}).GetString();
      std::string ey = Value::Array(TypeId::DOUBLE, {Value::Double(y)}).GetString();
      // SQL order: NaN above everything and equal to itself, -0 equal to 0.
      int expected = std::isnan(x) ? (std::isnan(y) ? 0 : 1) : std::isnan(y) ? -1 : x < y ? -1 : x > y ? 1 : 0;
      EXPECT_EQ(Sign(ex.compare(ey)), expected) << x << " vs " << y;
    }
  }
}

TEST(ArrayEncodingTest, TextFormQuotesAsPostgres) {
  Value array = Value::Array(TypeId::VARCHAR, {Value::Varchar("a b"), Value::Null(TypeId::VARCHAR), Value::Varchar("NULL"),
                                               Value::Varchar(""), Value::Varchar("q\"\\"), Value::Varchar("x")});
  EXPECT_EQ(array.ToString(), R"({"a b",NULL,"NULL","","q\"\\",x})");
  EXPECT_EQ(Value::Array(TypeId::BOOLEAN, {Value::Boolean(true), Value::Boolean(false)}).ToString(), "{t,f}");
  EXPECT_EQ(Value::Array(TypeId::DOUBLE, {Value::Double(2.0), Value::Double(0.5)}).ToString(), "{2,0.5}");
  EXPECT_EQ(Value::Array(TypeId::INTEGER, {}).ToString(), "{}");
}

TEST(ArrayEncodingTest, ParsesPostgresInputSyntax) {
  auto elements = ParseText(R"( { a , "b c",NULL, "NULL", d\,e ,  f  g } )");
  ASSERT_EQ(elements.size(), 6u);
  EXPECT_EQ(*elements[0], "a");
  EXPECT_EQ(*elements[1], "b c");
  EXPECT_FALSE(elements[2].has_value());
  EXPECT_EQ(*elements[3], "NULL");
  EXPECT_EQ(*elements[4], "d,e");
  EXPECT_EQ(*elements[5], "f  g");
  EXPECT_TRUE(ParseText("{}").empty());
  for (const char* bad : {"a,b", "{a,}", "{\"a}", "{a", "{a}x", "{,}", "{a\"b}", ""}) {
    EXPECT_THROW(ParseText(bad), Exception) << bad;
  }
  EXPECT_THROW(ParseText("{{1},{2}}"), Exception);
  EXPECT_THROW(ParseText("[0:1]={1,2}"), Exception);
}

TEST(ArrayEncodingTest, RandomInputTextParsesOrFailsCleanlyAndRoundTrips) {
  // Structure-aware inputs: array syntax characters, quotes, escapes, NULL spellings, spaces.
  const std::vector<std::string> pieces = {"{", "}", ",", "\"", "\\", " ", "a", "NULL", "null", "x y", "\t", "", "[1:2]=", "{}"};
  std::mt19937_64 random(11);
  for (int i = 0; i < 50000; i++) {
    std::string text;
    if (random() % 2) text = "{";
    const int n = static_cast<int>(random() % 9);
    for (int k = 0; k < n; k++) text += pieces[random() % pieces.size()];
    if (random() % 2) text += "}";
    std::vector<std::optional<std::string>> elements;
    try {
      elements = ParseText(text);
    } catch (const Exception& error) {
      EXPECT_TRUE(error.sqlstate() == "22P02" || error.sqlstate() == "0A000") << text;
      continue;
    }
    // What parsed prints back in a form that parses to the same elements.
    std::vector<Value> values;
    for (const auto& e : elements) values.push_back(e ? Value::Varchar(*e) : Value::Null(TypeId::VARCHAR));
    const std::string printed = Value::Array(TypeId::VARCHAR, values).ToString();
    EXPECT_EQ(ParseText(printed), elements) << text << " printed as " << printed;
  }
}

TEST(ArrayEncodingTest, MalformedBytesThrowInsteadOfReadingPastTheEnd) {
  const std::string valid = EncodeBigints({1, std::nullopt, 3});
  for (size_t cut = 1; cut < valid.size(); cut++) {
    std::string truncated = valid.substr(0, cut);
    ArrayReader reader(truncated, LogicalType(TypeId::BIGINT));
    bool threw = false;
    try {
      while (reader.Next()) {
      }
    } catch (const Exception&) {
      threw = true;
    }
    // A cut right after a whole element is a shorter valid array; anywhere else it throws.
    if (cut != 9 && cut != 10) EXPECT_TRUE(threw) << cut;
  }
  std::string bad_tag = valid;
  bad_tag[0] = '\x07';
  EXPECT_THROW(Count(bad_tag, LogicalType(TypeId::BIGINT)), Exception);
  EXPECT_THROW(Count(std::string("\x01" "abc", 4), LogicalType(TypeId::VARCHAR)), Exception);  // no terminator
}

// WriteFixedElement (array_agg's encoder) writes exactly AppendElement's bytes, and ReadInto
// (unnest's decoder) reads what Next and WriteElement read, in pieces of any size, and refuses
// truncated bytes.
TEST(ArrayEncodingTest, FixedElementWriterAndBulkReaderAgreeWithTheElementwiseOnes) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<std::pair<LogicalType, std::vector<Value>>> cases = {
      {TypeId::BOOLEAN, {Value::Boolean(true), Value::Null(TypeId::BOOLEAN), Value::Boolean(false)}},
      {TypeId::INTEGER, {Value::Integer(-7), Value::Integer(INT32_MIN), Value::Null(TypeId::INTEGER), Value::Integer(INT32_MAX)}},
      {TypeId::BIGINT, {Value::BigInt(INT64_MIN), Value::BigInt(0), Value::Null(TypeId::BIGINT), Value::BigInt(123456789012345)}},
      {TypeId::HUGEINT, {Value::HugeInt(-(static_cast<hugeint_t>(1) << 100)), Value::Null(TypeId::HUGEINT), Value::HugeInt(5)}},
      {TypeId::DOUBLE, {Value::Double(-0.0), Value::Double(nan), Value::Double(-2.5), Value::Null(TypeId::DOUBLE), Value::Double(1e300)}},
      {TypeId::DATE, {Value::Date(-10000), Value::Date(19000)}},
      {TypeId::INTERVAL, {Value::Interval({1, -2, 3000000}), Value::Null(TypeId::INTERVAL)}},
      {LogicalType::Decimal(12, 2), {Value::Decimal(-12345, 12, 2), Value::Decimal(99, 12, 2)}},
      {TypeId::NUMERIC, {Value::Numeric(-15, 1), Value::Null(TypeId::NUMERIC), Value::Numeric(1500, 3)}},
  };
  for (const auto& [type, values] : cases) {
    Vector vector(type, values.size());
    for (idx_t i = 0; i < values.size(); i++) vector.SetValue(i, values[i]);
    UnifiedFormat format;
    vector.ToUnified(values.size(), format);
    std::string expected, written;
    for (idx_t i = 0; i < values.size(); i++) {
      AppendElement(expected, type, format, i);
      char buffer[kMaxFixedElementBytes];
      written.append(buffer, WriteFixedElement(buffer, type, format, i));
    }
    EXPECT_EQ(written, expected) << type.ToString();
    for (idx_t piece : {idx_t(1), idx_t(2), idx_t(100)}) {
      ArrayReader bulk(written, type);
      Vector out(type, values.size());
      idx_t n = 0;
      while (idx_t got = bulk.ReadInto(out, n, std::min<idx_t>(piece, values.size() - n))) n += got;
      ASSERT_EQ(n, values.size()) << type.ToString();
      ArrayReader reference(written, type);
      for (idx_t i = 0; i < n; i++) {
        ASSERT_TRUE(reference.Next());
        EXPECT_EQ(out.GetValue(i).ToString(), ReadValue(reference, type).ToString()) << type.ToString() << " " << i;
      }
    }
    for (size_t cut = 1; cut < written.size(); cut++) {
      const std::string truncated = written.substr(0, cut);
      ArrayReader bulk(truncated, type);
      Vector out(type, values.size());
      try {
        idx_t n = 0;
        while (idx_t got = bulk.ReadInto(out, n, values.size() - n)) n += got;
      } catch (const Exception&) {
      }
    }
  }
  std::string bad = EncodeBigints({1, 2});
  bad[9] = '\x05';
  ArrayReader reader(bad, LogicalType(TypeId::BIGINT));
  Vector out(TypeId::BIGINT, 2);
  EXPECT_THROW(reader.ReadInto(out, 0, 2), Exception);
  Vector text(Value::Varchar("a"));
  UnifiedFormat text_format;
  text.ToUnified(1, text_format);
  char buffer[kMaxFixedElementBytes];
  EXPECT_THROW(WriteFixedElement(buffer, LogicalType(TypeId::VARCHAR), text_format, 0), Exception);
}

}  // namespace
}  // namespace cairn::array
