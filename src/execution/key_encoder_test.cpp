// Tests for KeyEncoder: equal keys encode and hash equally (NULLs, -0.0/0.0, NaN), different
// keys differ, and Decode restores the values — for the single-column fast path and the
// general multi-column path alike.
#include <gtest/gtest.h>

#include <cmath>

#include "cairn/data_chunk.h"
#include "execution/key_encoder.h"

namespace cairn {
namespace {

bool SameKey(const EncodedKeys& keys, idx_t a, idx_t b) {
  return keys.Length(a) == keys.Length(b) && EncodedKeysEqual(keys.Key(a), keys.Key(b), keys.Length(a)) &&
         keys.hashes[a] == keys.hashes[b];
}

TEST(KeyEncoderTest, SingleBigIntColumnWithNulls) {
  Vector column(TypeId::BIGINT);
  const int64_t values[] = {7, -3, 7, 0, 0};
  for (idx_t i = 0; i < 5; i++) column.SetValue(i, Value::BigInt(values[i]));
  column.SetValue(3, Value::Null(TypeId::BIGINT));
  KeyEncoder encoder({TypeId::BIGINT});
  EncodedKeys keys;
  encoder.Encode(&column, 5, keys);
  EXPECT_TRUE(SameKey(keys, 0, 2));
  EXPECT_FALSE(SameKey(keys, 0, 1));
  EXPECT_FALSE(SameKey(keys, 3, 4));  // NULL differs from 0
  EXPECT_EQ(keys.has_null[3], 1);
  EXPECT_EQ(keys.has_null[4], 0);

  DataChunk out;
  out.Initialize({TypeId::BIGINT});
  const uint8_t* pointers[5];
  for (idx_t i = 0; i < 5; i++) pointers[i] = keys.Key(i);
  encoder.Decode(pointers, 5, out, 0);
  EXPECT_EQ(out.GetValue(0, 1).GetInt64(), -3);
  EXPECT_TRUE(out.GetValue(0, 3).IsNull());
  EXPECT_EQ(out.GetValue(0, 4).GetInt64(), 0);
}

TEST(KeyEncoderTest, DoublesCanonicalizeZeroAndNaN) {
  Vector column(TypeId::DOUBLE);
  column.SetValue(0, Value::Double(0.0));
  column.SetValue(1, Value::Double(-0.0));
  column.SetValue(2, Value::Double(std::nan("1")));
  column.SetValue(3, Value::Double(-std::nan("2")));
  KeyEncoder encoder({TypeId::DOUBLE});
  EncodedKeys keys;
  encoder.Encode(&column, 4, keys);
  EXPECT_TRUE(SameKey(keys, 0, 1));
  EXPECT_TRUE(SameKey(keys, 2, 3));
  EXPECT_FALSE(SameKey(keys, 0, 2));
}

TEST(KeyEncoderTest, DictionaryAndConstantInputsMatchFlat) {
  Vector flat(TypeId::INTEGER);
  for (int i = 0; i < 4; i++) flat.SetValue(i, Value::Integer(i * 10));
  Vector sliced = flat;
  SelectionVector sel(3);
  sel.set_index(0, 3);
  sel.set_index(1, 3);
  sel.set_index(2, 1);
  sliced.Slice(sel, 3);
  Vector constant(Value::Integer(30));
  KeyEncoder encoder({TypeId::INTEGER});
  EncodedKeys from_dictionary, from_constant;
  encoder.Encode(&sliced, 3, from_dictionary);
  encoder.Encode(&constant, 2, from_constant);
  EXPECT_TRUE(SameKey(from_dictionary, 0, 1));
  EXPECT_FALSE(SameKey(from_dictionary, 0, 2));
  EXPECT_EQ(from_dictionary.hashes[0], from_constant.hashes[1]);
}

TEST(KeyEncoderTest, MultiColumnKeysWithStrings) {
  DataChunk chunk;
  chunk.Initialize({TypeId::VARCHAR, TypeId::BIGINT});
  chunk.data[0].SetValue(0, Value::Varchar("a long string key, not inlined"));
  chunk.data[0].SetValue(1, Value::Varchar("a long string key, not inlined"));
  chunk.data[0].SetValue(2, Value::Varchar("short"));
  for (idx_t i = 0; i < 3; i++) chunk.data[1].SetValue(i, Value::BigInt(1));
  KeyEncoder encoder({TypeId::VARCHAR, TypeId::BIGINT});
  EncodedKeys keys;
  encoder.Encode(chunk.data.data(), 3, keys);
  EXPECT_TRUE(SameKey(keys, 0, 1));
  EXPECT_FALSE(SameKey(keys, 0, 2));
}

}  // namespace
}  // namespace cairn
