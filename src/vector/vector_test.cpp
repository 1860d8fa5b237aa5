// Tests for Vector, DataChunk, ValidityMask and StringHeap.
#include <gtest/gtest.h>

#include "cairn/data_chunk.h"
#include "cairn/exception.h"

namespace cairn {
namespace {

TEST(StringTest, InlineAndHeapStringsCompare) {
  StringHeap heap;
  string_t short_string = heap.AddString("hello");
  string_t long_string = heap.AddString("a string longer than twelve bytes");
  EXPECT_TRUE(short_string.IsInlined());
  EXPECT_FALSE(long_string.IsInlined());
  EXPECT_EQ(long_string.ToString(), "a string longer than twelve bytes");
  EXPECT_EQ(short_string, string_t("hello"));
  EXPECT_NE(short_string, string_t("hellp"));
  EXPECT_LT(string_t("abc"), string_t("abd"));
  std::string other = "a string longer than twelve bytes";
  EXPECT_EQ(long_string, string_t(other));
}

TEST(VectorTest, FlatValuesAndNulls) {
  Vector vector(TypeId::BIGINT);
  vector.SetValue(0, Value::BigInt(42));
  vector.SetValue(1, Value::Null(TypeId::BIGINT));
  vector.SetValue(2, Value::BigInt(-7));
  EXPECT_EQ(vector.GetValue(0).GetInt64(), 42);
  EXPECT_TRUE(vector.GetValue(1).IsNull());
  EXPECT_EQ(vector.GetValue(2).GetInt64(), -7);
  EXPECT_EQ(vector.validity().CountInvalid(3), 1u);
}

TEST(VectorTest, ConstantFlattens) {
  Vector vector(Value::Varchar("a constant string value"));
  EXPECT_EQ(vector.kind(), VectorKind::CONSTANT);
  vector.Flatten(5);
  EXPECT_EQ(vector.kind(), VectorKind::FLAT);
  for (idx_t i = 0; i < 5; i++) EXPECT_EQ(vector.GetValue(i).GetString(), "a constant string value");
}

TEST(VectorTest, SliceMakesDictionaryAndComposes) {
  Vector vector(TypeId::INTEGER);
  for (int i = 0; i < 10; i++) vector.SetValue(i, Value::Integer(i * 10));
  SelectionVector sel(3);
  sel.set_index(0, 9);
  sel.set_index(1, 2);
  sel.set_index(2, 5);
  vector.Slice(sel, 3);
  EXPECT_EQ(vector.kind(), VectorKind::DICTIONARY);
  EXPECT_EQ(vector.GetValue(0).GetInt64(), 90);
  SelectionVector again(1);
  again.set_index(0, 2);
  vector.Slice(again, 1);
  EXPECT_EQ(vector.GetValue(0).GetInt64(), 50);
  UnifiedFormat unified;
  vector.ToUnified(1, unified);
  EXPECT_EQ(reinterpret_cast<const int32_t*>(unified.data)[unified.sel->get_index(0)], 50);
}

TEST(VectorTest, LargeCapacityValidity) {
  Vector vector(TypeId::DOUBLE, 5000);
  vector.SetValue(4999, Value::Null(TypeId::DOUBLE));
  EXPECT_FALSE(vector.validity().RowIsValid(4999));
  EXPECT_TRUE(vector.validity().RowIsValid(4998));
}

TEST(DataChunkTest, AppendCopiesStringsAndNulls) {
  DataChunk source;
  source.Initialize({TypeId::VARCHAR, TypeId::INTEGER});
  source.data[0].SetValue(0, Value::Varchar("first long string, not inlined"));
  source.data[0].SetValue(1, Value::Null(TypeId::VARCHAR));
  source.data[1].SetValue(0, Value::Integer(1));
  source.data[1].SetValue(1, Value::Integer(2));
  source.SetCardinality(2);
  DataChunk target;
  target.Initialize({TypeId::VARCHAR, TypeId::INTEGER});
  target.Append(source);
  target.Append(source);
  source.Reset();
  ASSERT_EQ(target.size(), 4u);
  EXPECT_EQ(target.GetValue(0, 2).GetString(), "first long string, not inlined");
  EXPECT_TRUE(target.GetValue(0, 3).IsNull());
  EXPECT_EQ(target.GetValue(1, 3).GetInt64(), 2);
}

TEST(ValueTest, TypesPrintAsDuckDB) {
  EXPECT_EQ(Value::Decimal(12345, 5, 2).ToString(), "123.45");
  EXPECT_EQ(Value::Boolean(true).ToString(), "true");
  EXPECT_EQ(Value::Date(0).ToString(), "1970-01-01");
  EXPECT_EQ(Value::Null(TypeId::INTEGER).ToString(), "NULL");
  EXPECT_EQ(LogicalType::Decimal(18, 3).ToString(), "DECIMAL(18,3)");
  EXPECT_THROW(LogicalType::Decimal(40, 1), Exception);
}

}  // namespace
}  // namespace cairn
