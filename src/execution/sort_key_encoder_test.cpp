// Tests for SortKeyEncoder: for every physical type (BOOLEAN, INTEGER, DATE, BIGINT, TIMESTAMP,
// DECIMAL(38) / HUGEINT, DOUBLE, VARCHAR, INTERVAL) in every ASC/DESC × NULLS FIRST/LAST
// combination, the normalized keys of random values mixed with edge values (NULL, INT64 and
// INT128 min/max, -0.0, ±Infinity, NaN, empty strings, strings around the 12-byte prefix and
// long strings sharing long prefixes, intervals equal under PostgreSQL's 30-day months)
// compare exactly as a straightforward comparator on the values does; a key of several
// columns lets a long-string tie reach the next column; decodable columns read back their
// values; the top bits of a DESC key are inverted but its NULL marker is not.
#include "execution/sort_key_encoder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "cairn/data_chunk.h"
#include "function/aggregate/physical_type_dispatch.h"

namespace cairn {
namespace {

std::vector<SortKeySpec> AllSpecs() {
  std::vector<SortKeySpec> specs;
  for (bool ascending : {true, false}) {
    for (bool nulls_first : {false, true}) specs.push_back({ascending, nulls_first});
  }
  return specs;
}

std::string Describe(SortKeySpec spec) {
  return std::string(spec.ascending ? "ASC" : "DESC") + (spec.nulls_first ? " NULLS FIRST" : " NULLS LAST");
}

// The values of one test column: optional storage values (nullopt = NULL).
template <class T>
using Column = std::vector<std::optional<T>>;

// The reference order: NULL placement, then CompareValues (PostgreSQL semantics) and direction.
template <class T>
int Reference(const std::optional<T>& a, const std::optional<T>& b, SortKeySpec spec) {
  if (!a || !b) {
    if (!a && !b) return 0;
    return !a == spec.nulls_first ? -1 : 1;
  }
  int c = CompareValues(*a, *b);
  return spec.ascending ? c : -c;
}

int Sign(int c) { return c < 0 ? -1 : (c > 0 ? 1 : 0); }

// A flat vector holding `values` (strings in the vector's heap).
template <class T>
Vector MakeVector(const LogicalType& type, const Column<T>& values) {
  Vector v(type, values.size());
  for (idx_t i = 0; i < values.size(); i++) {
    if (!values[i]) {
      v.validity().SetInvalid(i);
      continue;
    }
    if constexpr (std::is_same_v<T, std::string>) {
      v.data<string_t>()[i] = v.AddString(*values[i]);
    } else {
      v.data<T>()[i] = *values[i];
    }
  }
  return v;
}

// Encodes `values` as a one-column key and checks every pair of rows (values × values) against
// the reference comparator, for every spec.
template <class Storage, class T = Storage>
void CheckColumn(const LogicalType& type, const Column<T>& values) {
  ASSERT_LE(values.size(), kStandardVectorSize);
  Vector vector = MakeVector<T>(type, values);
  for (const auto& spec : AllSpecs()) {
    SortKeyEncoder encoder({type}, {spec});
    const idx_t width = encoder.key_width();
    std::vector<uint8_t> keys(values.size() * width);
    encoder.EncodeColumn(0, vector, SelectionVector::Incremental(), values.size(), keys.data(), width);
    for (idx_t a = 0; a < values.size(); a++) {
      for (idx_t b = 0; b < values.size(); b++) {
        int got = encoder.Compare(keys.data() + a * width, keys.data() + b * width, [&](idx_t) {
          if constexpr (std::is_same_v<T, std::string>) {
            return Sign(values[a]->compare(*values[b]));
          } else {
            ADD_FAILURE() << "string tie-break asked for a non-string column";
            return 0;
          }
        });
        int expected;
        if constexpr (std::is_same_v<T, std::string>) {
          std::optional<string_t> x, y;
          if (values[a]) x = string_t(*values[a]);
          if (values[b]) y = string_t(*values[b]);
          expected = Reference(x, y, spec);
        } else {
          expected = Reference(values[a], values[b], spec);
        }
        ASSERT_EQ(Sign(got), expected)
            << type.ToString() << " " << Describe(spec) << " rows " << a << ", " << b;
      }
    }
    // Read back what is decodable.
    if (encoder.Decodable(0)) {
      for (idx_t i = 0; i < values.size(); i++) {
        const uint8_t* key = keys.data() + i * width;
        ASSERT_EQ(encoder.IsNull(key, 0), !values[i].has_value());
        if (!values[i]) continue;
        if constexpr (std::is_same_v<T, std::string>) {
          if (encoder.StringUnresolved(key, 0)) {
            EXPECT_GT(values[i]->size(), SortKeyEncoder::kStringPrefix);
          } else {
            EXPECT_EQ(encoder.DecodeValue<string_t>(key, 0).ToString(), *values[i]);
          }
        } else if constexpr (!std::is_same_v<Storage, double> && !std::is_same_v<Storage, interval_t>) {
          EXPECT_TRUE(encoder.DecodeValue<Storage>(key, 0) == *values[i]) << type.ToString() << " row " << i;
        }
      }
    }
  }
}

template <class T>
Column<T> WithNulls(std::vector<T> edge, std::mt19937_64& rng, std::function<T()> random, idx_t count) {
  Column<T> values;
  for (const T& v : edge) values.push_back(v);
  values.push_back(std::nullopt);
  values.push_back(std::nullopt);
  while (values.size() < count) {
    if (rng() % 10 == 0) {
      values.push_back(std::nullopt);
    } else if (rng() % 4 == 0 && !edge.empty()) {
      values.push_back(edge[rng() % edge.size()]);  // duplicates: ties
    } else {
      values.push_back(random());
    }
  }
  std::shuffle(values.begin(), values.end(), rng);
  return values;
}

TEST(SortKeyEncoderTest, IntegersAndBooleansOrderAsValues) {
  std::mt19937_64 rng(7);
  CheckColumn<bool>(TypeId::BOOLEAN, WithNulls<bool>(
                                         {true, false}, rng, [&] { return bool(rng() & 1); }, 40));
  const int32_t i32min = std::numeric_limits<int32_t>::min(), i32max = std::numeric_limits<int32_t>::max();
  CheckColumn<int32_t>(TypeId::INTEGER, WithNulls<int32_t>(
                                            {i32min, i32max, 0, -1, 1, 255, 256, -256}, rng,
                                            [&] { return int32_t(rng()); }, 200));
  CheckColumn<int32_t>(TypeId::DATE,
                       WithNulls<int32_t>(
                           {-719528, 0, 2932896}, rng, [&] { return int32_t(rng() % 100000) - 50000; }, 100));
  const int64_t i64min = std::numeric_limits<int64_t>::min(), i64max = std::numeric_limits<int64_t>::max();
  CheckColumn<int64_t>(TypeId::BIGINT, WithNulls<int64_t>(
                                           {i64min, i64max, i64min + 1, i64max - 1, 0, -1, 1}, rng,
                                           [&] { return int64_t(rng()); }, 200));
  CheckColumn<int64_t>(TypeId::TIMESTAMP, WithNulls<int64_t>(
                                              {i64min, i64max, 0}, rng,
                                              [&] { return int64_t(rng() >> 8) - (int64_t(1) << 54); }, 100));
  CheckColumn<int64_t>(
      LogicalType::Decimal(12, 2),
      WithNulls<int64_t>(
          {-99999999999, 99999999999, 0}, rng, [&] { return int64_t(rng() % 1000000) - 500000; }, 100));
  const hugeint_t h_max = ~(hugeint_t(1) << 127), h_min = hugeint_t(1) << 127;
  CheckColumn<hugeint_t>(
      TypeId::HUGEINT,
      WithNulls<hugeint_t>(
          {h_min, h_max, 0, -1, 1, hugeint_t(1) << 64, -(hugeint_t(1) << 64)}, rng,
          [&] { return hugeint_t((static_cast<unsigned __int128>(rng()) << 64) | rng()); }, 200));
  CheckColumn<hugeint_t>(
      LogicalType::Decimal(38, 4),
      WithNulls<hugeint_t>(
          {h_min + 1, h_max, 0}, rng, [&] { return hugeint_t(int64_t(rng())) * 1000; }, 100));
}

TEST(SortKeyEncoderTest, DoublesOrderAsPostgreSQL) {
  std::mt19937_64 rng(11);
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> edge = {0.0,
                              -0.0,
                              inf,
                              -inf,
                              nan,
                              -nan,
                              std::numeric_limits<double>::denorm_min(),
                              -std::numeric_limits<double>::denorm_min(),
                              std::numeric_limits<double>::max(),
                              std::numeric_limits<double>::lowest(),
                              1.0,
                              -1.0,
                              1e-300,
                              -1e300};
  auto values = WithNulls<double>(
      edge, rng, [&] { return std::ldexp(double(int64_t(rng() >> 11)) - 4e15, int(rng() % 80) - 40); }, 250);
  CheckColumn<double>(TypeId::DOUBLE, values);
  // Spot checks not relying on CompareValues: NaN after +Infinity, -0.0 ties with 0.0.
  SortKeyEncoder encoder({TypeId::DOUBLE}, {SortKeySpec{}});
  Vector v = MakeVector<double>(TypeId::DOUBLE, Column<double>{nan, inf, -0.0, 0.0});
  std::vector<uint8_t> keys(4 * encoder.key_width());
  encoder.EncodeColumn(0, v, SelectionVector::Incremental(), 4, keys.data(), encoder.key_width());
  auto key = [&](idx_t i) { return keys.data() + i * encoder.key_width(); };
  auto no_strings = [](idx_t) { return 0; };
  EXPECT_GT(encoder.Compare(key(0), key(1), no_strings), 0);
  EXPECT_EQ(encoder.Compare(key(2), key(3), no_strings), 0);
  EXPECT_FALSE(encoder.Decodable(0));
}

TEST(SortKeyEncoderTest, StringsOrderAsBytesWithLongSharedPrefixes) {
  std::mt19937_64 rng(13);
  const std::string long_prefix(40, 'p');
  std::vector<std::string> edge = {"",
                                   "a",
                                   std::string(1, '\0'),
                                   std::string("a\0", 2),
                                   "abcdefghijk",
                                   "abcdefghijkl",
                                   "abcdefghijkl\x01",
                                   "abcdefghijklm",
                                   "abcdefghijklm" + std::string(1, '\0'),
                                   long_prefix,
                                   long_prefix + "a",
                                   long_prefix + "b",
                                   long_prefix + "\xff",
                                   "\xc3\xa9t\xc3\xa9",
                                   "Z",
                                   "z",
                                   std::string(12, '\xff'),
                                   std::string(13, '\xff')};
  auto random = [&] {
    std::string s = rng() % 2 ? long_prefix.substr(0, rng() % 41) : std::string();
    idx_t n = rng() % 6;
    for (idx_t i = 0; i < n; i++) s.push_back(char('a' + rng() % 3));
    return s;
  };
  CheckColumn<string_t, std::string>(TypeId::VARCHAR, WithNulls<std::string>(edge, rng, random, 300));
}

TEST(SortKeyEncoderTest, IntervalsOrderByTheirPostgreSQLOrderKey) {
  std::mt19937_64 rng(17);
  std::vector<interval_t> edge = {{0, 0, 0},
                                  {1, 0, 0},
                                  {0, 30, 0},
                                  {0, 0, 30LL * 86400000000LL},
                                  {0, 1, 0},
                                  {0, 0, 86400000000LL},
                                  {-1, 0, 0},
                                  {0, 0, -1},
                                  {std::numeric_limits<int32_t>::max(), std::numeric_limits<int32_t>::max(),
                                   std::numeric_limits<int64_t>::max()},
                                  {std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::min(),
                                   std::numeric_limits<int64_t>::min()}};
  auto random = [&] {
    return interval_t{int32_t(rng() % 25) - 12, int32_t(rng() % 61) - 30, int64_t(rng() % 1000) - 500};
  };
  CheckColumn<interval_t>(TypeId::INTERVAL, WithNulls<interval_t>(edge, rng, random, 200));
}

TEST(SortKeyEncoderTest, LongStringTieReachesTheNextColumn) {
  // Key (VARCHAR DESC, INTEGER ASC): rows whose strings share 20 bytes but differ after them
  // must be ordered by the strings, not by the integer that follows in the key.
  const std::string p(20, 'x');
  Column<std::string> strings = {p + "a", p + "b", p + "a", std::nullopt, p + "b", "short"};
  Column<int32_t> ints = {1, 0, 0, 5, 1, 2};
  SortKeyEncoder encoder({TypeId::VARCHAR, TypeId::INTEGER},
                         {SortKeySpec{false, false}, SortKeySpec{true, false}});
  Vector s = MakeVector<std::string>(TypeId::VARCHAR, strings);
  Vector i = MakeVector<int32_t>(TypeId::INTEGER, ints);
  const idx_t width = encoder.key_width();
  std::vector<uint8_t> keys(strings.size() * width);
  encoder.EncodeColumn(0, s, SelectionVector::Incremental(), strings.size(), keys.data(), width);
  encoder.EncodeColumn(1, i, SelectionVector::Incremental(), strings.size(), keys.data(), width);
  for (idx_t a = 0; a < strings.size(); a++) {
    for (idx_t b = 0; b < strings.size(); b++) {
      int got = encoder.Compare(keys.data() + a * width, keys.data() + b * width, [&](idx_t k) {
        EXPECT_EQ(k, 0u);
        return Sign(strings[a]->compare(*strings[b]));
      });
      std::optional<string_t> x, y;
      if (strings[a]) x = string_t(*strings[a]);
      if (strings[b]) y = string_t(*strings[b]);
      int expected = Reference(x, y, SortKeySpec{false, false});
      if (expected == 0) expected = Reference(ints[a], ints[b], SortKeySpec{});
      EXPECT_EQ(Sign(got), expected) << a << ", " << b;
    }
  }
  EXPECT_EQ(encoder.string_columns(), std::vector<idx_t>{0});
  EXPECT_EQ(encoder.column_offset(1), encoder.column_width(0));
}

TEST(SortKeyEncoderTest, NullMarkerIsNotInvertedByDesc) {
  for (const auto& spec : AllSpecs()) {
    SortKeyEncoder encoder({TypeId::INTEGER}, {spec});
    Vector v = MakeVector<int32_t>(TypeId::INTEGER,
                                   Column<int32_t>{std::nullopt, std::numeric_limits<int32_t>::max(),
                                                   std::numeric_limits<int32_t>::min()});
    std::vector<uint8_t> keys(3 * encoder.key_width());
    encoder.EncodeColumn(0, v, SelectionVector::Incremental(), 3, keys.data(), encoder.key_width());
    const uint8_t* null_key = keys.data();
    for (idx_t row = 1; row < 3; row++) {
      const uint8_t* value_key = keys.data() + row * encoder.key_width();
      int c = std::memcmp(null_key, value_key, encoder.key_width());
      EXPECT_EQ(c < 0, spec.nulls_first) << Describe(spec);
    }
  }
}

TEST(SortKeyEncoderTest, UntypedNullColumnEncodesNulls) {
  SortKeyEncoder encoder({TypeId::SQLNULL, TypeId::INTEGER}, {SortKeySpec{}, SortKeySpec{}});
  Vector nulls(TypeId::SQLNULL);
  nulls.validity().SetInvalid(0);
  nulls.validity().SetInvalid(1);
  std::vector<uint8_t> keys(2 * encoder.key_width());
  encoder.EncodeColumn(0, nulls, SelectionVector::Incremental(), 2, keys.data(), encoder.key_width());
  EXPECT_TRUE(encoder.IsNull(keys.data(), 0));
  EXPECT_TRUE(encoder.IsNull(keys.data() + encoder.key_width(), 0));
}

}  // namespace
}  // namespace cairn
