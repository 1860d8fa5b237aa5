// Tests for ChunkSerializer: every LogicalType round-trips with NULLs (flat, constant and
// dictionary vectors, empty and larger-than-standard chunks), and malformed bytes — truncated,
// flipped, oversized counts, values outside their type — raise XX001, never a crash.
#include "vector/chunk_serializer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <functional>
#include <random>

#include "cairn/exception.h"

namespace cairn {
namespace {

const std::vector<LogicalType>& AllTypes() {
  static const std::vector<LogicalType> types = {
      TypeId::BOOLEAN,  TypeId::TINYINT,   TypeId::SMALLINT,
      TypeId::INTEGER,  TypeId::BIGINT,    TypeId::UTINYINT,
      TypeId::USMALLINT, TypeId::UINTEGER, TypeId::UBIGINT,
      TypeId::HUGEINT,  TypeId::FLOAT,     TypeId::DOUBLE,
      LogicalType::Decimal(4, 2), LogicalType::Decimal(18, 3), LogicalType::Decimal(38, 10),
      TypeId::NUMERIC,  TypeId::VARCHAR,   TypeId::BLOB,
      TypeId::UUID,     TypeId::DATE,      TypeId::TIME,
      TypeId::TIMESTAMP, TypeId::TIMESTAMP_TZ, TypeId::INTERVAL,
      LogicalType::Array(TypeId::INTEGER), LogicalType::Array(TypeId::VARCHAR),
      LogicalType::Array(LogicalType::Decimal(10, 2)), TypeId::JSON, TypeId::JSONB,
      TypeId::SQLNULL,
  };
  return types;
}

/// A non-NULL value of `type` that varies with `row` (extremes included).
Value SampleValue(const LogicalType& type, idx_t row) {
  const auto r = static_cast<int64_t>(row);
  switch (type.id()) {
    case TypeId::BOOLEAN:
      return Value::Boolean(row % 3 == 1);
    case TypeId::TINYINT:
      return Value::FromPhysical(type, row % 2 ? -128 : 127 - r % 100);
    case TypeId::SMALLINT:
      return Value::FromPhysical(type, row % 2 ? -32768 : r * 100 % 32000);
    case TypeId::INTEGER:
      return Value::FromPhysical(type, row % 2 ? INT32_MIN : r * 1000003 % 2000000000);
    case TypeId::BIGINT:
      return Value::FromPhysical(type, row % 2 ? INT64_MIN : r * 1000000000007LL);
    case TypeId::UTINYINT:
      return Value::FromPhysical(type, row % 2 ? 255 : r % 256);
    case TypeId::USMALLINT:
      return Value::FromPhysical(type, row % 2 ? 65535 : r);
    case TypeId::UINTEGER:
      return Value::FromPhysical(type, row % 2 ? int64_t(UINT32_MAX) : r);
    case TypeId::UBIGINT:
      return Value::FromPhysical128(type, row % 2 ? static_cast<hugeint_t>(UINT64_MAX) : r);
    case TypeId::HUGEINT:
      return Value::FromPhysical128(type, (static_cast<hugeint_t>(r) << 90) - r);
    case TypeId::FLOAT:
      return Value::FromPhysicalDouble(type, static_cast<float>(r) / 3.0f);
    case TypeId::DOUBLE:
      return Value::FromPhysicalDouble(type, row % 4 == 2 ? -INFINITY : r * -1.5e300 / 7);
    case TypeId::DECIMAL:
      return Value::Decimal((row % 2 ? -1 : 1) * (r * 37 % 9999), type.width(), type.scale());
    case TypeId::NUMERIC:
      return Value::Numeric((row % 2 ? -1 : 1) * static_cast<hugeint_t>(r) * 1000000000000LL, static_cast<uint8_t>(r % 39));
    case TypeId::VARCHAR:
      return Value::Varchar(row % 2 ? "short é" : "a longer string than twelve bytes, row " + std::to_string(row));
    case TypeId::BLOB:
      return Value::Blob(std::string("\0\xff\x01", 3) + std::string(row, 'b'));
    case TypeId::UUID:
      return Value::FromPhysicalString(type, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd38" + std::to_string(1000 + row % 9000));
    case TypeId::DATE:
      return Value::Date(static_cast<int32_t>(r * 400 - 10000));
    case TypeId::TIME:
      return Value::Time(r * 1000000 % 86400000000LL);
    case TypeId::TIMESTAMP:
      return Value::Timestamp(r * 86400000000LL - 5);
    case TypeId::TIMESTAMP_TZ:
      return Value::TimestampTz(-r * 3600000000LL);
    case TypeId::INTERVAL:
      return Value::Interval({static_cast<int32_t>(r), static_cast<int32_t>(-r), r * 7 - 1});
    case TypeId::ARRAY: {
      std::vector<Value> elements;
      for (idx_t i = 0; i < row % 4; i++) {
        elements.push_back(i == 1 ? Value::Null(type.element_type()) : SampleValue(type.element_type(), row + i));
      }
      return Value::Array(type.element_type(), elements);
    }
    case TypeId::JSON:
      return Value::FromPhysicalString(type, "{\"row\": " + std::to_string(row) + "}");
    case TypeId::JSONB:
      return Value::FromPhysicalString(type, "[" + std::to_string(row) + ", \"x\"]");
    default:
      return Value::Null(type);
  }
}

bool IsNullRow(const LogicalType& type, idx_t row) { return type.id() == TypeId::SQLNULL || row % 5 == 3; }

DataChunk MakeChunk(idx_t rows) {
  DataChunk chunk;
  chunk.Initialize(AllTypes(), std::max<idx_t>(rows, kStandardVectorSize));
  for (idx_t column = 0; column < AllTypes().size(); column++) {
    const LogicalType& type = AllTypes()[column];
    // ValidityMask::SetValid does not grow the bitmap: size it for every row up front.
    chunk.data[column].validity().EnsureWritable(chunk.capacity());
    for (idx_t row = 0; row < rows; row++) {
      chunk.data[column].SetValue(row, IsNullRow(type, row) ? Value::Null(type) : SampleValue(type, row));
    }
  }
  chunk.SetCardinality(rows);
  return chunk;
}

void ExpectSameChunk(const DataChunk& expected, const DataChunk& actual) {
  ASSERT_EQ(actual.ColumnCount(), expected.ColumnCount());
  ASSERT_EQ(actual.size(), expected.size());
  EXPECT_EQ(actual.GetTypes(), expected.GetTypes());
  for (idx_t column = 0; column < expected.ColumnCount(); column++) {
    for (idx_t row = 0; row < expected.size(); row++) {
      const Value want = expected.GetValue(column, row);
      const Value got = actual.GetValue(column, row);
      EXPECT_TRUE(want == got) << "column " << column << " (" << want.type().ToString() << ") row " << row
                               << ": expected " << want.ToString() << ", got " << got.ToString();
    }
  }
}

/// The SQLSTATE `action` throws, or "none".
std::string SqlState(const std::function<void()>& action) {
  try {
    action();
  } catch (const Exception& e) {
    return e.sqlstate();
  }
  return "none";
}

TEST(ChunkSerializerTest, EveryTypeRoundTripsWithNulls) {
  for (idx_t rows : {idx_t(0), idx_t(1), idx_t(37), kStandardVectorSize, idx_t(3000)}) {
    SCOPED_TRACE(std::to_string(rows) + " rows");
    DataChunk chunk = MakeChunk(rows);
    const std::string bytes = ChunkSerializer::Serialize(chunk);
    DataChunk decoded = ChunkSerializer::Deserialize(bytes);
    ExpectSameChunk(chunk, decoded);
    EXPECT_GE(decoded.capacity(), rows);
    // Encoding is deterministic: the decoded chunk encodes to the same bytes.
    EXPECT_EQ(ChunkSerializer::Serialize(decoded), bytes);
  }
}

TEST(ChunkSerializerTest, ConstantAndDictionaryVectorsAreWrittenFlat) {
  DataChunk chunk = MakeChunk(40);
  SelectionVector sel(20);
  for (idx_t i = 0; i < 20; i++) sel.set_index(i, 39 - 2 * i);  // reversed, every other row
  chunk.Slice(sel, 20);
  chunk.data[0].SetConstant(Value::Boolean(true));
  chunk.data[16].SetConstant(Value::Null(TypeId::VARCHAR));
  DataChunk decoded = ChunkSerializer::Deserialize(ChunkSerializer::Serialize(chunk));
  ExpectSameChunk(chunk, decoded);
  for (const Vector& vector : decoded.data) EXPECT_EQ(vector.kind(), VectorKind::FLAT);
}

TEST(ChunkSerializerTest, ChunksFollowEachOtherInOneBuffer) {
  DataChunk a = MakeChunk(5);
  DataChunk b = MakeChunk(9);
  std::string bytes;
  ChunkSerializer::Serialize(a, bytes);
  ChunkSerializer::Serialize(b, bytes);
  std::string_view input = bytes;
  DataChunk first, second;
  ChunkSerializer::Deserialize(input, first);
  ChunkSerializer::Deserialize(input, second);
  EXPECT_TRUE(input.empty());
  ExpectSameChunk(a, first);
  ExpectSameChunk(b, second);
  EXPECT_EQ(SqlState([&] { ChunkSerializer::Deserialize(std::string_view(bytes)); }), sqlstate::kDataCorrupted);
}

/// A one-column chunk's encoding, to edit by hand.
std::string OneColumn(const LogicalType& type, const std::vector<Value>& values) {
  DataChunk chunk;
  chunk.Initialize({type});
  for (idx_t row = 0; row < values.size(); row++) chunk.data[0].SetValue(row, values[row]);
  chunk.SetCardinality(values.size());
  return ChunkSerializer::Serialize(chunk);
}

// Offsets in a one-column encoding: version 1 byte, counts 8, type 4, validity flag 1.
constexpr size_t kTypeAt = 9;
constexpr size_t kValidityAt = 13;
constexpr size_t kValuesAt = 14;

std::string DecodeError(const std::string& bytes) {
  try {
    ChunkSerializer::Deserialize(bytes);
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), sqlstate::kDataCorrupted) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "decoded without error";
  return "";
}

TEST(ChunkSerializerTest, MalformedStructureIsDataCorrupted) {
  const std::string ints = OneColumn(TypeId::INTEGER, {Value::Integer(1), Value::Integer(2)});
  std::string bad = ints;
  bad[0] = 2;
  EXPECT_NE(DecodeError(bad).find("unsupported format version 2"), std::string::npos);
  bad = ints;
  bad[kTypeAt] = 0;  // INVALID
  EXPECT_NE(DecodeError(bad).find("column 0 has an invalid type"), std::string::npos);
  bad[kTypeAt] = 100;
  EXPECT_NE(DecodeError(bad).find("invalid type (id 100"), std::string::npos);
  bad = ints;
  bad[kTypeAt + 1] = 3;  // a width on an INTEGER
  DecodeError(bad);
  bad = ints;
  bad[kValidityAt] = 2;
  EXPECT_NE(DecodeError(bad).find("validity flag 2"), std::string::npos);
  bad = ints;
  const uint32_t huge = 1000000;
  std::memcpy(bad.data() + 5, &huge, 4);  // rows
  EXPECT_NE(DecodeError(bad).find("cannot fit"), std::string::npos);
  bad = ints;
  const uint32_t too_many_rows = (1u << 20) + 1;
  std::memcpy(bad.data() + 5, &too_many_rows, 4);
  EXPECT_NE(DecodeError(bad).find("exceeds the limit"), std::string::npos);
  bad = ints;
  const uint32_t columns = 5000;
  std::memcpy(bad.data() + 1, &columns, 4);
  EXPECT_NE(DecodeError(bad).find("column count 5000 exceeds the limit of 1600"), std::string::npos);
  EXPECT_NE(DecodeError(ints + "x").find("1 bytes follow the chunk"), std::string::npos);
  // Every truncation fails cleanly.
  const std::string all = ChunkSerializer::Serialize(MakeChunk(11));
  for (size_t cut = 0; cut < all.size(); cut++) {
    ASSERT_EQ(SqlState([&] { ChunkSerializer::Deserialize(std::string_view(all).substr(0, cut)); }),
              sqlstate::kDataCorrupted)
        << "cut at " << cut;
  }
}

TEST(ChunkSerializerTest, ValuesOutsideTheirTypeAreDataCorrupted) {
  // A boolean byte other than 0 and 1.
  std::string bad = OneColumn(TypeId::BOOLEAN, {Value::Boolean(true)});
  bad[kValuesAt] = 2;
  EXPECT_NE(DecodeError(bad).find("boolean byte 2"), std::string::npos);
  // A TINYINT stored as int32 outside -128..127.
  bad = OneColumn(TypeId::TINYINT, {Value::TinyInt(5)});
  const int32_t wide = 300;
  std::memcpy(bad.data() + kValuesAt, &wide, 4);
  EXPECT_NE(DecodeError(bad).find("holds a value outside the type"), std::string::npos);
  // A DECIMAL(4,2) with five digits.
  bad = OneColumn(LogicalType::Decimal(4, 2), {Value::Decimal(1234, 4, 2)});
  const int64_t digits = 12345;
  std::memcpy(bad.data() + kValuesAt, &digits, 8);
  DecodeError(bad);
  // A NUMERIC whose scale byte exceeds 38.
  bad = OneColumn(TypeId::NUMERIC, {Value::Numeric(5, 1)});
  bad[kValuesAt] = 60;
  DecodeError(bad);
  // Text that is not UTF-8; a NULL row with a length; a non-canonical UUID; a broken array.
  bad = OneColumn(TypeId::VARCHAR, {Value::Varchar("ok"), Value::Varchar("abc")});
  bad[bad.size() - 2] = '\xC3';
  EXPECT_NE(DecodeError(bad).find("not valid UTF-8"), std::string::npos);
  bad = OneColumn(TypeId::VARCHAR, {Value::Null(TypeId::VARCHAR), Value::Varchar("x")});
  // validity flag 1, one bitmap byte, then the lengths: make the NULL row's length 1.
  bad[kValuesAt + 1] = 1;
  EXPECT_NE(DecodeError(bad).find("is NULL but has a length of 1"), std::string::npos);
  bad = OneColumn(TypeId::UUID, {Value::FromPhysicalString(TypeId::UUID, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")});
  bad[bad.size() - 1] = 'G';
  EXPECT_NE(DecodeError(bad).find("canonical form"), std::string::npos);
  const LogicalType int_array = LogicalType::Array(TypeId::INTEGER);
  bad = OneColumn(int_array, {Value::Array(TypeId::INTEGER, {Value::Integer(1)})});
  bad.pop_back();  // an element cut short (the string length is patched to match)
  const uint32_t shorter = 4;
  std::memcpy(bad.data() + kValuesAt, &shorter, 4);
  EXPECT_NE(DecodeError(bad).find("not a valid element encoding"), std::string::npos);
  // Validity bits past the last row; a NULL-typed column with a valid row.
  bad = OneColumn(TypeId::INTEGER, {Value::Null(TypeId::INTEGER), Value::Integer(1)});
  bad[kValuesAt] = static_cast<char>(bad[kValuesAt] | 0x80);
  EXPECT_NE(DecodeError(bad).find("past the last row"), std::string::npos);
  bad = OneColumn(TypeId::SQLNULL, {Value(), Value()});
  bad[kValidityAt] = 0;
  bad.erase(kValuesAt, 1);  // drop the bitmap: every row valid
  EXPECT_NE(DecodeError(bad).find("non-NULL row"), std::string::npos);
}

TEST(ChunkSerializerTest, RandomCorruptionNeverCrashes) {
  const std::string good = ChunkSerializer::Serialize(MakeChunk(23));
  std::mt19937_64 random(42);
  idx_t rejected = 0;
  for (int trial = 0; trial < 3000; trial++) {
    std::string bytes = good;
    const int flips = 1 + static_cast<int>(random() % 4);
    for (int i = 0; i < flips; i++) bytes[random() % bytes.size()] ^= static_cast<char>(1 << (random() % 8));
    const std::string state = SqlState([&] { ChunkSerializer::Deserialize(bytes); });
    ASSERT_TRUE(state == "none" || state == sqlstate::kDataCorrupted) << state;
    rejected += state != "none";
  }
  EXPECT_GT(rejected, 0u);
}

}  // namespace
}  // namespace cairn
