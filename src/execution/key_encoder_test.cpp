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

// NUMERIC keys: equal values with different scales (1.0, 1.00) are one key; with the scale
// suffix, Decode gives back each encoded value's own scale, and hashes ignore the suffix.
TEST(KeyEncoderTest, NumericKeysCompareByValue) {
  const Value values[] = {Value::Numeric(10, 1), Value::Numeric(100, 2), Value::Numeric(150, 2), Value::Numeric(15, 1),
                          Value::Numeric(-15, 1), Value::Null(TypeId::NUMERIC)};
  for (bool keep_scales : {false, true}) {
    for (bool with_string : {false, true}) {
      std::vector<LogicalType> types = {TypeId::NUMERIC};
      if (with_string) types.push_back(TypeId::VARCHAR);
      std::vector<Vector> columns;
      for (const auto& t : types) columns.emplace_back(t);
      for (idx_t i = 0; i < 6; i++) {
        columns[0].SetValue(i, values[i]);
        if (with_string) columns[1].SetValue(i, Value::Varchar("same"));
      }
      KeyEncoder encoder(types, keep_scales);
      EncodedKeys keys;
      encoder.Encode(columns.data(), 6, keys);
      const uint32_t suffix = encoder.suffix_bytes();
      EXPECT_EQ(suffix, keep_scales ? 1u : 0u);
      auto same = [&](idx_t a, idx_t b) {
        return keys.Length(a) == keys.Length(b) && EncodedKeysEqual(keys.Key(a), keys.Key(b), keys.Length(a) - suffix) &&
               keys.hashes[a] == keys.hashes[b];
      };
      EXPECT_TRUE(same(0, 1)) << keep_scales << with_string;
      EXPECT_TRUE(same(2, 3));
      EXPECT_FALSE(same(0, 2));
      EXPECT_FALSE(same(3, 4));
      EXPECT_FALSE(same(4, 5));

      DataChunk out;
      out.Initialize(types);
      const uint8_t* pointers[6];
      for (idx_t i = 0; i < 6; i++) pointers[i] = keys.Key(i);
      encoder.Decode(pointers, 6, out, 0);
      EXPECT_EQ(out.GetValue(0, 1).ToString(), keep_scales ? "1.00" : "1");
      EXPECT_EQ(out.GetValue(0, 2).ToString(), keep_scales ? "1.50" : "1.5");
      EXPECT_EQ(out.GetValue(0, 4).ToString(), "-1.5");
      EXPECT_TRUE(out.GetValue(0, 5).IsNull());
      if (with_string) {
        EXPECT_EQ(out.GetValue(1, 2).ToString(), "same");
      }
    }
  }
}

TEST(KeyEncoderTest, HashKeyRecomputesEncodesHash) {
  // Every path of Encode (the single fixed-width columns, other single columns, several
  // columns, strings, NUMERIC with and without its scale suffix), NULLs included.
  const std::vector<std::vector<LogicalType>> layouts = {
      {TypeId::INTEGER}, {TypeId::BIGINT}, {TypeId::DOUBLE}, {TypeId::NUMERIC}, {TypeId::SMALLINT},
      {TypeId::BOOLEAN}, {TypeId::VARCHAR}, {LogicalType::Decimal(30, 2)}, {LogicalType::Decimal(12, 2)},
      {TypeId::BIGINT, TypeId::INTEGER}, {TypeId::VARCHAR, TypeId::NUMERIC}};
  for (const auto& types : layouts) {
    for (bool keep_scales : {false, true}) {
      std::vector<Vector> columns;
      for (const auto& t : types) columns.emplace_back(t);
      for (idx_t i = 0; i < 40; i++) {
        for (idx_t c = 0; c < types.size(); c++) {
          const int64_t v = int64_t(i * 7919 % 23) - 11;
          Value value = i % 9 == 4 ? Value::Null(types[c].id()) : Value::BigInt(v).CastAs(types[c]);
          if (types[c].id() == TypeId::NUMERIC && i % 9 != 4) value = Value::Numeric(v * 10, 1 + i % 2);
          if (types[c].id() == TypeId::DOUBLE && i % 9 != 4) value = Value::Double(double(v) / 4);
          columns[c].SetValue(i, value);
        }
      }
      KeyEncoder encoder(types, keep_scales);
      EncodedKeys keys;
      encoder.Encode(columns.data(), 40, keys);
      for (idx_t i = 0; i < 40; i++) {
        EXPECT_EQ(encoder.HashKey(keys.Key(i), keys.Length(i)), keys.hashes[i])
            << types[0].ToString() << " columns " << types.size() << " row " << i << " scales " << keep_scales;
      }
    }
  }
}

TEST(KeyEncoderTest, EncodeDictionaryEqualsEncode) {
  // A dictionary of strings (one NULL) used by 2,048 rows: each entry encoded once, copied to
  // its rows, byte for byte what Encode gives.
  Vector dictionary(TypeId::VARCHAR);
  const char* words[] = {"ORD", "", "a longer airport name", "SFO"};
  for (idx_t i = 0; i < 4; i++) dictionary.SetValue(i, Value::Varchar(words[i]));
  dictionary.SetValue(4, Value::Null(TypeId::VARCHAR));
  const idx_t n = kStandardVectorSize;
  SelectionVector sel(n);
  for (idx_t i = 0; i < n; i++) sel.set_index(i, (i * 7) % 5);
  Vector column = dictionary;
  column.Slice(sel, n);
  ASSERT_EQ(column.kind(), VectorKind::DICTIONARY);
  KeyEncoder encoder({TypeId::VARCHAR});
  EncodedKeys expected, actual;
  KeyEncoder::DictionaryScratch scratch;
  encoder.Encode(&column, n, expected);
  for (int round = 0; round < 2; round++) {  // the scratch is reused
    ASSERT_TRUE(encoder.EncodeDictionary(column, n, actual, scratch));
    for (idx_t i = 0; i < n; i++) {
      ASSERT_EQ(actual.Length(i), expected.Length(i)) << i;
      EXPECT_TRUE(EncodedKeysEqual(actual.Key(i), expected.Key(i), expected.Length(i))) << i;
      EXPECT_EQ(actual.hashes[i], expected.hashes[i]) << i;
      EXPECT_EQ(actual.has_null[i], expected.has_null[i]) << i;
    }
  }
  // Not a dictionary, too few rows, or mostly distinct entries: declined.
  EXPECT_FALSE(encoder.EncodeDictionary(dictionary, 5, actual, scratch));
  EXPECT_FALSE(encoder.EncodeDictionary(column, 100, actual, scratch));
  Vector many(TypeId::VARCHAR);
  for (idx_t i = 0; i < n; i++) many.SetValue(i, Value::Varchar("k" + std::to_string(i)));
  SelectionVector identity(n);
  for (idx_t i = 0; i < n; i++) identity.set_index(i, n - 1 - i);
  many.Slice(identity, n);
  EXPECT_FALSE(encoder.EncodeDictionary(many, n, actual, scratch));
  // After a declined call the scratch still works.
  ASSERT_TRUE(encoder.EncodeDictionary(column, n, actual, scratch));
  EXPECT_EQ(actual.hashes[3], expected.hashes[3]);
}

}  // namespace
}  // namespace cairn
