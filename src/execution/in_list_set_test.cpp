// Tests of InListSet: equality as PostgreSQL's `=` for each kind of key (-0 = 0 and NaN = NaN
// for floats, 1.0 = 1.00 for NUMERIC, interval spans, string bytes), three-valued results with
// NULL terms and probes, and Select() agreeing with Evaluate().
#include "execution/in_list_set.h"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "cairn/exception.h"

namespace cairn {
namespace {

/// `probe IN terms` (NOT IN when negate) per row, as "true" / "false" / "NULL"; also checks that
/// Select() returns exactly the rows answered "true".
std::vector<std::string> Probe(const LogicalType& type, const std::vector<Value>& terms, const std::vector<Value>& rows,
                               bool negate = false) {
  auto set = InListSet::Make(type, terms);
  Vector probe(type, rows.size());
  for (idx_t i = 0; i < rows.size(); i++) probe.SetValue(i, rows[i]);
  Vector result(TypeId::BOOLEAN, rows.size());
  set->Evaluate(probe, rows.size(), negate, result);
  SelectionVector sel(rows.size());
  idx_t selected = set->Select(probe, rows.size(), negate, sel);
  std::vector<std::string> out;
  idx_t expected_selected = 0;
  for (idx_t i = 0; i < rows.size(); i++) {
    Value v = result.GetValue(i);
    out.push_back(v.IsNull() ? "NULL" : (v.GetBool() ? "true" : "false"));
    if (out.back() == "true") {
      EXPECT_LT(expected_selected, selected);
      if (expected_selected < selected) EXPECT_EQ(sel.get_index(expected_selected), i);
      expected_selected++;
    }
  }
  EXPECT_EQ(selected, expected_selected);
  return out;
}

using Rows = std::vector<std::string>;

TEST(InListSetTest, IntegersWithNullTermsAndProbes) {
  std::vector<Value> terms;
  for (int i = 0; i < 1000; i += 3) terms.push_back(Value::Integer(i));
  std::vector<Value> rows = {Value::Integer(0), Value::Integer(1), Value::Integer(999), Value::Null(TypeId::INTEGER)};
  EXPECT_EQ(Probe(TypeId::INTEGER, terms, rows), (Rows{"true", "false", "true", "NULL"}));
  EXPECT_EQ(Probe(TypeId::INTEGER, terms, rows, true), (Rows{"false", "true", "false", "NULL"}));
  terms.push_back(Value::Null(TypeId::INTEGER));
  EXPECT_EQ(Probe(TypeId::INTEGER, terms, rows), (Rows{"true", "NULL", "true", "NULL"}));
  EXPECT_EQ(Probe(TypeId::INTEGER, terms, rows, true), (Rows{"false", "NULL", "false", "NULL"}));
  EXPECT_EQ(InListSet::Make(TypeId::INTEGER, terms)->size(), 334u);
  EXPECT_TRUE(InListSet::Make(TypeId::INTEGER, terms)->has_null());
}

TEST(InListSetTest, IntegerBitmapAndHashRangesAtTheExtremes) {
  const int64_t max = std::numeric_limits<int64_t>::max(), min = std::numeric_limits<int64_t>::min();
  // A narrow range at the top (bitmap) and a range spanning everything (hash probes).
  std::vector<Value> narrow = {Value::BigInt(max - 2), Value::BigInt(max)};
  std::vector<Value> wide = {Value::BigInt(min), Value::BigInt(-1), Value::BigInt(max)};
  std::vector<Value> rows = {Value::BigInt(max), Value::BigInt(max - 1), Value::BigInt(max - 2), Value::BigInt(min),
                             Value::BigInt(-1), Value::BigInt(0)};
  EXPECT_EQ(Probe(TypeId::BIGINT, narrow, rows), (Rows{"true", "false", "true", "false", "false", "false"}));
  EXPECT_EQ(Probe(TypeId::BIGINT, wide, rows), (Rows{"true", "false", "false", "true", "true", "false"}));
  std::vector<Value> negatives = {Value::Integer(-3), Value::Integer(-1), Value::Integer(2)};
  EXPECT_EQ(Probe(TypeId::INTEGER, negatives, {Value::Integer(-3), Value::Integer(-2), Value::Integer(2), Value::Integer(3)}),
            (Rows{"true", "false", "true", "false"}));
}

TEST(InListSetTest, DuplicateTermsAreOneKey) {
  std::vector<Value> terms(50, Value::BigInt(7));
  EXPECT_EQ(InListSet::Make(TypeId::BIGINT, terms)->size(), 1u);
  EXPECT_EQ(Probe(TypeId::BIGINT, terms, {Value::BigInt(7), Value::BigInt(8)}), (Rows{"true", "false"}));
}

TEST(InListSetTest, FloatsNegativeZeroAndNaN) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<Value> terms = {Value::Double(-0.0), Value::Double(1.5), Value::Double(std::nan("7"))};
  std::vector<Value> rows = {Value::Double(0.0), Value::Double(-0.0), Value::Double(nan), Value::Double(-nan),
                             Value::Double(1.5), Value::Double(2.5), Value::Double(INFINITY)};
  EXPECT_EQ(Probe(TypeId::DOUBLE, terms, rows), (Rows{"true", "true", "true", "true", "true", "false", "false"}));
  EXPECT_EQ(InListSet::Make(TypeId::DOUBLE, {Value::Double(0.0), Value::Double(-0.0), Value::Double(nan)})->size(), 2u);
}

TEST(InListSetTest, NumericEqualByValue) {
  std::vector<Value> terms = {Value::Numeric(100, 2), Value::Numeric(25, 1), Value::Numeric(0, 3)};  // 1.00 2.5 0.000
  std::vector<Value> rows = {Value::Numeric(1, 0), Value::Numeric(2500, 3), Value::Numeric(0, 0), Value::Numeric(-0, 1),
                             Value::Numeric(101, 2)};
  EXPECT_EQ(Probe(TypeId::NUMERIC, terms, rows), (Rows{"true", "true", "true", "true", "false"}));
}

TEST(InListSetTest, IntervalsEqualBySpan) {
  std::vector<Value> terms = {Value::Interval({0, 1, 0}), Value::Interval({1, 0, 0})};  // 1 day, 1 month
  std::vector<Value> rows = {Value::Interval({0, 0, int64_t(24) * 3600 * 1000000}), Value::Interval({0, 30, 0}),
                             Value::Interval({0, 1, 1})};
  EXPECT_EQ(Probe(TypeId::INTERVAL, terms, rows), (Rows{"true", "true", "false"}));
}

TEST(InListSetTest, StringsByBytes) {
  std::vector<Value> terms = {Value::Varchar("a"), Value::Varchar("a string longer than twelve bytes"), Value::Varchar("")};
  std::vector<Value> rows = {Value::Varchar("a"), Value::Varchar("A"), Value::Varchar("a "), Value::Varchar(""),
                             Value::Varchar("a string longer than twelve bytes"), Value::Varchar("a string longer than twelve byteS")};
  EXPECT_EQ(Probe(TypeId::VARCHAR, terms, rows), (Rows{"true", "false", "false", "true", "true", "false"}));
}

TEST(InListSetTest, TermsCastToTheProbeType) {
  std::vector<Value> terms = {Value::Varchar("2024-01-01"), Value::Date(1)};
  EXPECT_EQ(Probe(TypeId::DATE, terms, {Value::Date(19723), Value::Date(1), Value::Date(2)}), (Rows{"true", "true", "false"}));
  EXPECT_THROW(InListSet::Make(TypeId::DATE, {Value::Varchar("not a date")}), Exception);
}

}  // namespace
}  // namespace cairn
