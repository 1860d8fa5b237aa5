// Type mapping of ParquetSchema, including legacy ConvertedType-only files, INT96, UUID,
// FLOAT16 and nested fields, on hand-built FileMetaData; plus the value conversions.
#include "parquet/parquet_schema.h"

#include <gtest/gtest.h>

#include "cairn/exception.h"
#include "parquet/value_conversion.h"

namespace cairn::parquet {
namespace {

SchemaElement Leaf(const std::string& name, Type type, std::optional<ConvertedType> converted = std::nullopt,
                   FieldRepetitionType repetition = FieldRepetitionType::OPTIONAL) {
  SchemaElement e;
  e.name = name;
  e.type = type;
  e.converted_type = converted;
  e.repetition_type = repetition;
  return e;
}

SchemaElement Group(const std::string& name, int32_t children, FieldRepetitionType repetition) {
  SchemaElement e;
  e.name = name;
  e.num_children = children;
  e.repetition_type = repetition;
  return e;
}

TEST(ParquetSchemaTest, LegacyConvertedTypesAndSpecialLeaves) {
  FileMetaData m;
  m.schema.push_back(Group("schema", 0, FieldRepetitionType::REQUIRED));
  m.schema.push_back(Leaf("utf8", Type::BYTE_ARRAY, ConvertedType::UTF8, FieldRepetitionType::REQUIRED));
  auto dec = Leaf("dec", Type::INT32, ConvertedType::DECIMAL);
  dec.precision = 7;
  dec.scale = 2;
  m.schema.push_back(dec);
  auto wide = Leaf("wide", Type::FIXED_LEN_BYTE_ARRAY, ConvertedType::DECIMAL);
  wide.precision = 30;
  wide.scale = 5;
  wide.type_length = 13;
  m.schema.push_back(wide);
  m.schema.push_back(Leaf("date", Type::INT32, ConvertedType::DATE));
  m.schema.push_back(Leaf("ts_ms", Type::INT64, ConvertedType::TIMESTAMP_MILLIS));
  m.schema.push_back(Leaf("t_ms", Type::INT32, ConvertedType::TIME_MILLIS));
  m.schema.push_back(Leaf("u64", Type::INT64, ConvertedType::UINT_64));
  m.schema.push_back(Leaf("u32", Type::INT32, ConvertedType::UINT_32));
  m.schema.push_back(Leaf("i8", Type::INT32, ConvertedType::INT_8));
  m.schema.push_back(Leaf("impala", Type::INT96));
  m.schema.push_back(Leaf("raw", Type::BYTE_ARRAY));
  auto uuid = Leaf("uuid", Type::FIXED_LEN_BYTE_ARRAY);
  uuid.type_length = 16;
  uuid.logicalType = LogicalTypeAnnotation{};
  uuid.logicalType->kind = LogicalTypeAnnotation::Kind::UUID;
  m.schema.push_back(uuid);
  auto half = Leaf("half", Type::FIXED_LEN_BYTE_ARRAY);
  half.type_length = 2;
  half.logicalType = LogicalTypeAnnotation{};
  half.logicalType->kind = LogicalTypeAnnotation::Kind::FLOAT16;
  m.schema.push_back(half);
  auto ts = Leaf("ts_utc_ns", Type::INT64);
  ts.logicalType = LogicalTypeAnnotation{};
  ts.logicalType->kind = LogicalTypeAnnotation::Kind::TIMESTAMP;
  ts.logicalType->is_adjusted_to_utc = true;
  ts.logicalType->unit = TimeUnit::NANOS;
  m.schema.push_back(ts);
  // A LIST group (3 levels) and a legacy repeated primitive.
  m.schema.push_back(Group("list", 1, FieldRepetitionType::OPTIONAL));
  m.schema.push_back(Group("list", 1, FieldRepetitionType::REPEATED));
  m.schema.push_back(Leaf("element", Type::INT32));
  m.schema.push_back(Leaf("tags", Type::BYTE_ARRAY, ConvertedType::UTF8, FieldRepetitionType::REPEATED));
  m.schema.push_back(Leaf("last", Type::DOUBLE));
  m.schema[0].num_children = static_cast<int32_t>(m.schema.size() - 1 - 2);  // the list's children are nested

  ParquetSchema schema(m, "f.parquet");
  const auto& c = schema.columns();
  ASSERT_EQ(c.size(), 17u);
  auto type = [&](size_t i) { return c[i].type; };
  EXPECT_EQ(type(0), LogicalType(TypeId::VARCHAR));
  EXPECT_FALSE(c[0].nullable);
  EXPECT_EQ(c[0].max_definition_level, 0);
  EXPECT_EQ(type(1), LogicalType::Decimal(7, 2));
  EXPECT_EQ(c[1].conversion, ValueConversion::INT32_TO_INT64);
  EXPECT_EQ(type(2), LogicalType::Decimal(30, 5));
  EXPECT_EQ(c[2].conversion, ValueConversion::BYTES_TO_DECIMAL128);
  EXPECT_EQ(type(3), LogicalType(TypeId::DATE));
  EXPECT_EQ(type(4), LogicalType(TypeId::TIMESTAMP));
  EXPECT_EQ(c[4].conversion, ValueConversion::INT64_MILLIS_TO_MICROS);
  EXPECT_EQ(type(5), LogicalType(TypeId::TIME));
  EXPECT_EQ(c[5].conversion, ValueConversion::INT32_MILLIS_TO_MICROS);
  EXPECT_EQ(type(6), LogicalType(TypeId::UBIGINT));
  EXPECT_EQ(type(7), LogicalType(TypeId::UINTEGER));
  EXPECT_EQ(type(8), LogicalType(TypeId::TINYINT));
  EXPECT_EQ(type(9), LogicalType(TypeId::TIMESTAMP));
  EXPECT_EQ(c[9].conversion, ValueConversion::INT96_TO_MICROS);
  EXPECT_EQ(type(10), LogicalType(TypeId::BLOB));
  EXPECT_EQ(type(11), LogicalType(TypeId::UUID));
  EXPECT_EQ(type(12), LogicalType(TypeId::FLOAT));
  EXPECT_EQ(type(13), LogicalType(TypeId::TIMESTAMP_TZ));
  EXPECT_EQ(c[13].conversion, ValueConversion::INT64_NANOS_TO_MICROS);
  EXPECT_TRUE(c[14].nested);
  EXPECT_TRUE(c[15].nested);
  EXPECT_FALSE(c[16].nested);
  EXPECT_EQ(c[16].leaf_index, 16u);  // after the list's one leaf and the repeated leaf
  EXPECT_EQ(schema.num_leaves(), 17u);
}

TEST(ParquetSchemaTest, MalformedTreesThrow) {
  FileMetaData m;
  m.schema.push_back(Group("schema", 2, FieldRepetitionType::REQUIRED));
  m.schema.push_back(Leaf("a", Type::INT32));
  EXPECT_THROW(ParquetSchema(m, "f"), Exception);  // one child missing
  m.schema[0].num_children = 1;
  m.schema.push_back(Leaf("stray", Type::INT32));
  EXPECT_THROW(ParquetSchema(m, "f"), Exception);  // element outside the root
  m.schema.pop_back();
  m.schema[1] = Group("g", 1000000, FieldRepetitionType::OPTIONAL);
  EXPECT_THROW(ParquetSchema(m, "f"), Exception);
}

TEST(ValueConversionTest, Int96DecimalHalfUuid) {
  // 2000-01-01 00:00:01.5 = Julian day 2451545, 1.5e9 ns.
  Int96 v;
  uint64_t nanos = 1500000000;
  v.words[0] = static_cast<uint32_t>(nanos);
  v.words[1] = static_cast<uint32_t>(nanos >> 32);
  v.words[2] = 2451545;
  EXPECT_EQ(Int96ToMicros(v), 946684800LL * 1000000 + 1500000);
  uint8_t minus_two[] = {0xFF, 0xFE};
  EXPECT_EQ(BigEndianToInteger<int64_t>(minus_two, 2), -2);
  uint8_t big[] = {0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
  EXPECT_TRUE(BigEndianToInteger<hugeint_t>(big, 9) == (static_cast<hugeint_t>(1) << 64));
  uint8_t one_and_half[] = {0x00, 0x3E};  // 0x3E00 = 1.5
  EXPECT_EQ(HalfToDouble(one_and_half), 1.5);
  uint8_t minus_tiny[] = {0x01, 0x80};  // smallest negative subnormal
  EXPECT_EQ(HalfToDouble(minus_tiny), -1.0 / (1 << 24));
  uint8_t uuid[16] = {0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef};
  char text[36];
  UuidToText(uuid, text);
  EXPECT_EQ(std::string(text, 36), "12345678-9abc-def0-0123-456789abcdef");
  EXPECT_EQ(NanosToMicros(-1), -1);
  EXPECT_EQ(NanosToMicros(1999), 1);
}

}  // namespace
}  // namespace cairn::parquet
