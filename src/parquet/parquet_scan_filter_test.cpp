// Filters evaluated inside the Parquet scan (late materialization): for files with several row
// groups and many pages, dictionary and PLAIN chunks, data page v1 and v2, and NULLs in every
// column, a scan with ScanRequest::evaluate_filters returns every row that passes (checked
// against a per-row oracle over the unfiltered scan) and drops most failing ones when the filter
// is selective, with every column's values intact, for
// every comparison operator, IS [NOT] NULL and each column type, alone and in conjunctions.
#include "parquet/parquet_scan_filter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "function/table/join_key_filter.h"
#include "io/in_memory_file_system.h"
#include "parquet/parquet_source.h"
#include "parquet/parquet_writer.h"

namespace cairn::parquet {
namespace {

using Op = TableFilter::Op;
constexpr idx_t kRows = 12000;
const std::vector<Op> kAllOps = {Op::EQUAL, Op::NOT_EQUAL, Op::LESS,        Op::LESS_EQUAL,
                                 Op::GREATER, Op::GREATER_EQUAL, Op::IS_NULL, Op::IS_NOT_NULL};

std::vector<std::string> Names() { return {"id", "n", "d", "s", "u", "dec", "dt", "b", "ts"}; }
std::vector<LogicalType> Types() {
  return {TypeId::BIGINT, TypeId::INTEGER, TypeId::DOUBLE, TypeId::VARCHAR, TypeId::VARCHAR,
          LogicalType::Decimal(12, 2), TypeId::DATE, TypeId::BOOLEAN, TypeId::TIMESTAMP};
}

/// Row i's value of column `c` (NULLs, NaN, -0.0, long and short strings mixed in).
Value Cell(idx_t i, idx_t c) {
  const auto types = Types();
  switch (c) {
    case 0: return Value::BigInt(static_cast<int64_t>(i));
    case 1: return i % 7 == 0 ? Value::Null(types[c]) : Value::Integer(static_cast<int32_t>((i * 37) % 1000) - 500);
    case 2:
      if (i % 19 == 0) return Value::Null(types[c]);
      if (i % 11 == 0) return Value::Double(std::numeric_limits<double>::quiet_NaN());
      if (i % 13 == 0) return Value::Double(-0.0);
      if (i % 17 == 0) return Value::Double(0.0);
      return Value::Double(static_cast<double>(i % 200) / 4.0 - 25);
    case 3:
      if (i % 9 == 0) return Value::Null(types[c]);
      if (i % 5 == 0) return Value::Varchar("a rather long key value, number " + std::to_string(i % 4));
      return Value::Varchar("k" + std::to_string(i % 23));
    case 4:
      // Rows in [5000, 7000) are NULL: whole pages of NULLs.
      if (i >= 5000 && i < 7000) return Value::Null(types[c]);
      return Value::Varchar("u" + std::to_string((i * 7919) % 100000));
    case 5: return i % 10 == 3 ? Value::Null(types[c]) : Value::Decimal(static_cast<int64_t>(i % 1000) * 7 - 3000, 12, 2);
    case 6: return Value::Date(19000 + static_cast<int32_t>((i / 50) % 400));
    case 7: return i % 5 == 0 ? Value::Null(types[c]) : Value::Boolean(i % 3 == 0);
    default: return Value::Timestamp(1700000000000000 + static_cast<int64_t>(i % 5000) * 1000003);
  }
}

/// The engine's comparison semantics, written independently: PostgreSQL's float order (NaN equal
/// to NaN and above every number, -0 = 0), byte-wise strings.
template <class T>
bool Compare(const T& a, const T& b, Op op) {
  if constexpr (std::is_same_v<T, double>) {
    if (std::isnan(a) || std::isnan(b)) {
      // Rank NaN above everything: compare (is NaN, value) pairs with NaN's value ignored.
      const int rank_a = std::isnan(a), rank_b = std::isnan(b);
      if (rank_a && rank_b) return Compare(0, 0, op);
      return Compare(rank_a, rank_b, op);
    }
  }
  switch (op) {
    case Op::EQUAL: return a == b;
    case Op::NOT_EQUAL: return a != b;
    case Op::LESS: return a < b;
    case Op::LESS_EQUAL: return a <= b;
    case Op::GREATER: return a > b;
    case Op::GREATER_EQUAL: return a >= b;
    default: return false;
  }
}

bool Passes(const Value& v, const TableFilter& f) {
  if (f.op == Op::IS_NULL) return v.IsNull();
  if (f.op == Op::IS_NOT_NULL) return !v.IsNull();
  if (v.IsNull()) return false;
  switch (v.type().physical_type()) {
    case PhysicalType::BOOL: return Compare(v.GetBool(), f.constant.GetBool(), f.op);
    case PhysicalType::INT32:
    case PhysicalType::INT64: return Compare(v.GetInt64(), f.constant.GetInt64(), f.op);
    case PhysicalType::DOUBLE: return Compare(v.GetDouble(), f.constant.GetDouble(), f.op);
    case PhysicalType::STRING: return Compare(v.GetString(), f.constant.GetString(), f.op);
    default: ADD_FAILURE() << "type"; return false;
  }
}

std::string RowText(const DataChunk& chunk, idx_t row) {
  std::string text;
  for (idx_t c = 0; c < chunk.ColumnCount(); c++) text += chunk.GetValue(c, row).ToString() + "|";
  return text;
}

class ParquetScanFilterTest : public ::testing::TestWithParam<int> {
 protected:
  void SetUp() override {
    ParquetWriterOptions options;
    options.row_group_rows = 5000;
    options.page_bytes = 2048;  // many pages per chunk
    options.dictionary = GetParam() != 1;
    options.page_version = GetParam() == 2 ? DataPageVersion::V2 : DataPageVersion::V1;
    options.codec = GetParam() == 2 ? CompressionCodec::ZSTD : CompressionCodec::SNAPPY;
    {
      ParquetWriter writer(fs_, "t.parquet", Names(), Types(), options);
      DataChunk chunk;
      for (idx_t start = 0; start < kRows; start += kStandardVectorSize) {
        idx_t n = std::min<idx_t>(kStandardVectorSize, kRows - start);
        chunk.Initialize(Types());
        for (idx_t c = 0; c < Types().size(); c++) {
          for (idx_t r = 0; r < n; r++) chunk.data[c].SetValue(r, Cell(start + r, c));
        }
        chunk.SetCardinality(n);
        writer.Append(chunk);
      }
      writer.Finish();
    }
    source_ = CreateParquetSource(fs_, {"t.parquet"});
  }

  /// Rows (as text, keyed by id) a scan of `columns` with `filters` returns.
  std::map<int64_t, std::string> Scan(const std::vector<idx_t>& columns, const std::vector<TableFilter>& filters,
                                      bool evaluate,
                                      std::vector<std::shared_ptr<const JoinKeyFilter>> join_filters = {}) {
    ScanRequest request;
    request.column_ids = columns;
    request.filters = filters;
    request.evaluate_filters = evaluate;
    request.join_filters = std::move(join_filters);
    auto scan = source_->Scan(request);
    std::vector<LogicalType> types;
    for (idx_t id : columns) types.push_back(Types()[id]);
    std::map<int64_t, std::string> rows;
    while (auto partition = scan->NextPartition()) {
      DataChunk chunk;
      chunk.Initialize(types);
      while (partition->Next(chunk)) {
        EXPECT_GT(chunk.size(), 0u);
        for (idx_t r = 0; r < chunk.size(); r++) {
          EXPECT_TRUE(rows.emplace(chunk.GetValue(0, r).GetInt64(), RowText(chunk, r)).second);
        }
        chunk.Reset();
      }
    }
    return rows;
  }

  /// Every requested row of an unfiltered scan (cached per column list).
  const std::map<int64_t, std::string>& Unfiltered(const std::vector<idx_t>& columns) {
    auto cached = unfiltered_.find(columns);
    if (cached == unfiltered_.end()) cached = unfiltered_.emplace(columns, Scan(columns, {}, false)).first;
    return cached->second;
  }

  /// Checks a filtered scan's rows `got` against the unfiltered `all`: every row `passes`
  /// accepts is there, intact; rows that fail may come too, but only from batches where most
  /// rows pass (RowGroupReader returns those whole), so a selective filter drops most rows.
  void ExpectScanned(const std::map<int64_t, std::string>& all, const std::map<int64_t, std::string>& got,
                     const std::function<bool(int64_t)>& passes, const std::string& what) {
    idx_t expected = 0;
    for (const auto& [id, text] : all) {
      if (!passes(id)) continue;
      expected++;
      auto it = got.find(id);
      if (it == got.end()) {
        ADD_FAILURE() << what << ": row " << id << " passes but is missing";
        return;
      }
      EXPECT_EQ(it->second, text) << what;
    }
    for (const auto& [id, text] : got) {
      auto it = all.find(id);
      ASSERT_TRUE(it != all.end()) << what;
      EXPECT_EQ(it->second, text) << what;
    }
    if (expected * 8 < kRows) {
      EXPECT_LT(got.size(), kRows / 2) << what;
    }
    if (expected == 0) {
      EXPECT_TRUE(got.empty()) << what;
    }
  }

  /// Checks that the in-scan filtered scan returns exactly the oracle's rows.
  void Check(const std::vector<TableFilter>& filters, std::vector<idx_t> columns = {0, 1, 2, 3, 4, 5, 6, 7, 8}) {
    const auto& all = Unfiltered(columns);
    ASSERT_EQ(all.size(), kRows);
    std::string what;
    for (const auto& f : filters) {
      what += Names()[f.column] + " op" + std::to_string(static_cast<int>(f.op)) + " " + f.constant.ToString() + "; ";
    }
    ExpectScanned(all, Scan(columns, filters, true), [&](int64_t id) {
      for (const auto& f : filters) {
        if (!Passes(Cell(static_cast<idx_t>(id), f.column), f)) return false;
      }
      return true;
    }, what);
  }

  /// A join key filter on column `c` holding `keys`, made as PhysicalHashJoin makes one: the
  /// integer keys' bounds, then a bitmap (`bitmap`) or a hash set of the keys.
  static std::shared_ptr<JoinKeyFilter> JoinKeys(idx_t c, const std::vector<Value>& keys, bool bitmap,
                                                 bool nulls_pass = false) {
    const LogicalType type = Types()[c];
    auto filter = std::make_shared<JoinKeyFilter>(c, type, nulls_pass);
    Vector vector(type, std::max<idx_t>(keys.size(), 1));
    for (idx_t i = 0; i < keys.size(); i++) vector.SetValue(i, keys[i]);
    if (JoinKeyFilter::IsIntegerLike(type) && !keys.empty()) {
      int64_t min = keys[0].GetInt64(), max = min;
      for (const Value& k : keys) {
        min = std::min(min, k.GetInt64());
        max = std::max(max, k.GetInt64());
      }
      filter->SetBounds(min, max, bitmap);
    }
    if (filter->has_bitmap()) {
      filter->AddToBitmap(vector, keys.size());
    } else if (!keys.empty()) {
      filter->AddToSet(vector, keys.size());
    }
    filter->Seal();
    return filter;
  }

  /// Checks that a scan with `filter` (on column c, holding `keys`) returns every row whose
  /// value is a key (or NULL, when NULLs pass), intact, and drops most other rows.
  void CheckJoinKeys(idx_t c, const std::vector<Value>& keys, bool bitmap, bool nulls_pass = false) {
    const std::vector<idx_t> columns = {0, 1, 2, 3, 4, 5, 6, 7, 8};
    const auto& all = Unfiltered(columns);
    auto filter = JoinKeys(c, keys, bitmap, nulls_pass);
    const std::string what = Names()[c] + (bitmap ? " bitmap" : " set") + (nulls_pass ? " nulls pass" : "");
    ExpectScanned(all, Scan(columns, {}, false, {filter}), [&](int64_t id) {
      const Value v = Cell(static_cast<idx_t>(id), c);
      return v.IsNull() ? nulls_pass : std::find(keys.begin(), keys.end(), v) != keys.end();
    }, what);
  }

  std::map<std::vector<idx_t>, std::map<int64_t, std::string>> unfiltered_;  // by requested columns
  InMemoryFileSystem fs_;
  std::shared_ptr<TableSource> source_;
};

TEST_P(ParquetScanFilterTest, EveryOperatorOnEveryColumnType) {
  const std::map<idx_t, std::vector<Value>> constants = {
      {0, {Value::BigInt(0), Value::BigInt(5999), Value::BigInt(11999), Value::BigInt(-5)}},
      {1, {Value::Integer(-500), Value::Integer(0), Value::Integer(123), Value::Integer(499)}},
      {2, {Value::Double(0.0), Value::Double(-0.0), Value::Double(12.25), Value::Double(-25),
           Value::Double(std::numeric_limits<double>::quiet_NaN())}},
      {3, {Value::Varchar("k1"), Value::Varchar("k15"), Value::Varchar("a rather long key value, number 2"),
           Value::Varchar(""), Value::Varchar("zz")}},
      {4, {Value::Varchar("u50000"), Value::Varchar("u9"), Value::Varchar("u")}},
      {5, {Value::Decimal(0, 12, 2), Value::Decimal(-2993, 12, 2), Value::Decimal(3990, 12, 2)}},
      {6, {Value::Date(19000), Value::Date(19200), Value::Date(19399)}},
      {7, {Value::Boolean(true), Value::Boolean(false)}},
      {8, {Value::Timestamp(1700000000000000 + 2500 * int64_t(1000003))}},
  };
  for (const auto& [column, values] : constants) {
    for (Op op : kAllOps) {
      if (op == Op::IS_NULL || op == Op::IS_NOT_NULL) {
        Check({TableFilter{column, op, Value()}});
        continue;
      }
      for (const Value& v : values) Check({TableFilter{column, op, v}});
    }
  }
}

TEST_P(ParquetScanFilterTest, ConjunctionsAcrossColumnsAndFilterOnlyColumns) {
  // Q6-like: a date range, a decimal range and an integer bound.
  Check({TableFilter{6, Op::GREATER_EQUAL, Value::Date(19100)}, TableFilter{6, Op::LESS, Value::Date(19130)},
         TableFilter{5, Op::GREATER, Value::Decimal(-100, 12, 2)}, TableFilter{1, Op::LESS, Value::Integer(24)}});
  // A string equality first in the file but evaluated after the fixed-width filter.
  Check({TableFilter{3, Op::EQUAL, Value::Varchar("k7")}, TableFilter{0, Op::LESS, Value::BigInt(8000)}});
  // Very selective: one row in the whole file, so most batches and pages are skipped.
  Check({TableFilter{0, Op::EQUAL, Value::BigInt(10777)}});
  Check({TableFilter{4, Op::EQUAL, Value::Varchar("u" + std::to_string((10777 * 7919) % 100000))}});
  // Nothing passes.
  Check({TableFilter{0, Op::LESS, Value::BigInt(0)}, TableFilter{3, Op::IS_NULL, Value()}});
  // NULL-heavy conjunctions.
  Check({TableFilter{4, Op::IS_NULL, Value()}, TableFilter{2, Op::IS_NOT_NULL, Value()}});
  Check({TableFilter{7, Op::EQUAL, Value::Boolean(true)}, TableFilter{2, Op::LESS_EQUAL, Value::Double(0.0)}});
  // The filter column is not among the requested ones (the id column leads for the oracle).
  Check({TableFilter{3, Op::EQUAL, Value::Varchar("k3")}}, {0, 5, 8});
  Check({TableFilter{1, Op::GREATER, Value::Integer(400)}, TableFilter{4, Op::GREATER, Value::Varchar("u8")}}, {0, 2});
  // A requested column listed twice.
  Check({TableFilter{1, Op::GREATER, Value::Integer(400)}}, {0, 3, 1, 3, 1});
}

// Dynamic join filters (ScanRequest::join_filters): a hash join's build keys as a bitmap, a
// hash set or only bounds, on integer, decimal, date, timestamp and text columns, dictionary
// and PLAIN, with NULLs passing or not, and an empty build.
TEST_P(ParquetScanFilterTest, JoinKeyFilters) {
  for (bool bitmap : {true, false}) {
    CheckJoinKeys(0, {Value::BigInt(5), Value::BigInt(17), Value::BigInt(4000)}, bitmap);  // skips row groups 2, 3
    CheckJoinKeys(0, {Value::BigInt(0), Value::BigInt(6001), Value::BigInt(11999)}, bitmap);
    CheckJoinKeys(1, {Value::Integer(-500), Value::Integer(0), Value::Integer(123)}, bitmap);
    CheckJoinKeys(1, {Value::Integer(-500), Value::Integer(0), Value::Integer(123)}, bitmap, /*nulls_pass=*/true);
    CheckJoinKeys(5, {Value::Decimal(-3000, 12, 2), Value::Decimal(3993, 12, 2), Value::Decimal(1, 12, 2)}, bitmap);
    CheckJoinKeys(6, {Value::Date(19007), Value::Date(19399)}, bitmap);
    CheckJoinKeys(8, {Value::Timestamp(1700000000000000 + 7 * 1000003), Value::Timestamp(1700000000000000)}, bitmap);
  }
  CheckJoinKeys(3, {Value::Varchar("k3"), Value::Varchar("a rather long key value, number 2"), Value::Varchar("zz")}, false);
  CheckJoinKeys(3, {Value::Varchar("k3")}, false, /*nulls_pass=*/true);
  CheckJoinKeys(4, {Value::Varchar("u7919"), Value::Varchar("u15838")}, false);
  // An empty build: no row has a key (only NULLs pass, when they may).
  CheckJoinKeys(1, {}, false);
  CheckJoinKeys(1, {}, false, /*nulls_pass=*/true);
  CheckJoinKeys(3, {}, false);
}

TEST(JoinKeyFilterTest, BitmapSetAndBounds) {
  auto vector_of = [](const LogicalType& type, const std::vector<Value>& values) {
    Vector v(type, values.size());
    for (idx_t i = 0; i < values.size(); i++) v.SetValue(i, values[i]);
    return v;
  };
  const LogicalType bigint(TypeId::BIGINT);
  // A bitmap over [-5, 100].
  JoinKeyFilter bitmap(0, bigint, false);
  bitmap.SetBounds(-5, 100, true);
  ASSERT_TRUE(bitmap.has_bitmap());
  bitmap.AddToBitmap(vector_of(bigint, {Value::BigInt(-5), Value::BigInt(3), Value::Null(bigint), Value::BigInt(100)}), 4);
  bitmap.Seal();
  EXPECT_TRUE(bitmap.exact());
  for (int64_t v = -10; v <= 110; v++) EXPECT_EQ(bitmap.ContainsInteger(v), v == -5 || v == 3 || v == 100) << v;
  // Every value of the bounds present: the bitmap adds nothing and is released.
  JoinKeyFilter full(0, bigint, false);
  full.SetBounds(1, 3, true);
  full.AddToBitmap(vector_of(bigint, {Value::BigInt(3), Value::BigInt(1), Value::BigInt(2)}), 3);
  full.Seal();
  EXPECT_FALSE(full.exact());
  EXPECT_FALSE(full.evaluates_rows());
  EXPECT_TRUE(full.ContainsInteger(2));
  EXPECT_FALSE(full.ContainsInteger(4));
  // A set, with the free-slot marker below (and, at INT64_MIN, above) the keys.
  for (int64_t low : {int64_t(-1000), std::numeric_limits<int64_t>::min()}) {
    JoinKeyFilter set(0, bigint, false);
    set.SetBounds(low, int64_t(1) << 40, true);
    EXPECT_FALSE(set.has_bitmap());
    set.AddToSet(vector_of(bigint, {Value::BigInt(low), Value::BigInt(0), Value::BigInt(int64_t(1) << 40)}), 3);
    set.Seal();
    EXPECT_TRUE(set.exact());
    EXPECT_TRUE(set.ContainsInteger(low));
    EXPECT_TRUE(set.ContainsInteger(0));
    EXPECT_TRUE(set.ContainsInteger(int64_t(1) << 40));
    EXPECT_FALSE(set.ContainsInteger(1));
    EXPECT_FALSE(set.ContainsInteger(low == -1000 ? -1001 : (int64_t(1) << 40) + 1));
  }
  // The whole 64-bit range: no marker is left, so only the bounds remain (every value passes).
  JoinKeyFilter whole(0, bigint, false);
  whole.SetBounds(std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max(), true);
  whole.AddToSet(vector_of(bigint, {Value::BigInt(std::numeric_limits<int64_t>::min()), Value::BigInt(7)}), 2);
  EXPECT_FALSE(whole.exact());
  EXPECT_TRUE(whole.ContainsInteger(8));
  // No key: nothing passes; NULLs pass only when told.
  JoinKeyFilter none(0, LogicalType(TypeId::INTEGER), true);
  EXPECT_TRUE(none.empty());
  EXPECT_TRUE(none.evaluates_rows());
  EXPECT_FALSE(none.ContainsInteger(0));
  Vector ints = vector_of(LogicalType(TypeId::INTEGER), {Value::Integer(0), Value::Null(LogicalType(TypeId::INTEGER))});
  UnifiedFormat format;
  ints.ToUnified(2, format);
  uint8_t keep[2] = {1, 1};
  none.Apply(format.data, *format.validity, format.sel->data(), 2, keep);
  EXPECT_EQ(keep[0], 0);
  EXPECT_EQ(keep[1], 1);
  // Strings by bytes.
  const LogicalType varchar(TypeId::VARCHAR);
  JoinKeyFilter strings(0, varchar, false);
  strings.AddToSet(vector_of(varchar, {Value::Varchar("a"), Value::Varchar("a long string of some bytes"), Value::Null(varchar)}), 3);
  EXPECT_TRUE(strings.ContainsString("a"));
  EXPECT_TRUE(strings.ContainsString("a long string of some bytes"));
  EXPECT_FALSE(strings.ContainsString("A"));
  EXPECT_FALSE(strings.ContainsString(""));
}

TEST(ParquetScanFilterMakeTest, RefusesWhatItCannotEvaluateExactly) {
  // A constant that does not convert without loss, a NULL constant, a type compared otherwise.
  EXPECT_FALSE(ParquetScanFilter::Make(TableFilter{0, Op::GREATER, Value::Decimal(10505, 12, 3)},
                                       LogicalType::Decimal(9, 2)));
  EXPECT_TRUE(ParquetScanFilter::Make(TableFilter{0, Op::GREATER, Value::Decimal(10500, 12, 3)},
                                      LogicalType::Decimal(9, 2)));
  EXPECT_FALSE(ParquetScanFilter::Make(TableFilter{0, Op::EQUAL, Value::Null(TypeId::INTEGER)}, TypeId::INTEGER));
  EXPECT_FALSE(ParquetScanFilter::Make(TableFilter{0, Op::EQUAL, Value::Interval({})}, TypeId::INTERVAL));
  EXPECT_TRUE(ParquetScanFilter::Make(TableFilter{0, Op::IS_NULL, Value()}, TypeId::INTERVAL));
}

INSTANTIATE_TEST_SUITE_P(Layouts, ParquetScanFilterTest, ::testing::Values(0, 1, 2),
                         [](const ::testing::TestParamInfo<int>& info) {
                           return std::string(info.param == 0 ? "DictionaryV1" : info.param == 1 ? "PlainV1" : "DictionaryV2Zstd");
                         });

}  // namespace
}  // namespace cairn::parquet
