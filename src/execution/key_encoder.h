// KeyEncoder: serializes the values of several key columns of a row into one byte string, so
// hash tables (aggregation groups, join keys, DISTINCT sets) hash and compare whole keys with
// one hash call and one memcmp, whatever the column types (the "normalized key" / row format
// idea of DuckDB's RowLayout, simplified).
//
// Format per column: one validity byte (1 = valid) then the value: fixed-size physical types
// as their bytes (DOUBLE normalized so -0.0 == 0.0 and all NaNs are equal), strings as a 4-byte
// length and the bytes. NUMERIC values are encoded in their canonical form (trailing fractional
// zeros stripped, numeric::Normalize), so 1.0 and 1.00 are one key. With `keep_numeric_scales`
// the key ends with a suffix of one byte per NUMERIC column, the display scale of the value that
// was encoded: not part of the key's identity (hashes and equality cover the bytes before it,
// suffix_bytes() says how many to leave out) but read back by Decode, so a GROUP BY key shows a
// value of its group as written (1.50, not 1.5; docs/design/numeric.md). A NULL writes the validity byte 0 and zeros (length 0 for strings), so
// equal keys (NULL = NULL, as GROUP BY requires) have equal encodings. Keys of only fixed-size
// columns all have the same width.
//
// Thread-safety: a KeyEncoder is immutable after construction; EncodedKeys belongs to one thread.
#pragma once

#include <cstring>
#include <vector>

#include "cairn/data_chunk.h"

namespace cairn {

/// Encoded keys of up to kStandardVectorSize rows.
struct EncodedKeys {
  std::vector<uint8_t> buffer;
  std::vector<uint32_t> offsets;  // count + 1 entries: row i is buffer[offsets[i], offsets[i+1])
  std::vector<uint64_t> hashes;
  std::vector<uint8_t> has_null;  // per row: 1 if any key column is NULL
  idx_t count = 0;

  const uint8_t* Key(idx_t row) const { return buffer.data() + offsets[row]; }
  uint32_t Length(idx_t row) const { return offsets[row + 1] - offsets[row]; }
};

/// Equality of two encoded keys of the same `length` (inline word compares for short keys,
/// the common case, instead of a memcmp call).
inline bool EncodedKeysEqual(const uint8_t* a, const uint8_t* b, uint32_t length) {
  if (length <= 16) {
    if (length >= 8) {
      uint64_t a0, b0, a1, b1;
      std::memcpy(&a0, a, 8);
      std::memcpy(&b0, b, 8);
      std::memcpy(&a1, a + length - 8, 8);  // overlapping tail load
      std::memcpy(&b1, b + length - 8, 8);
      return a0 == b0 && a1 == b1;
    }
    for (uint32_t i = 0; i < length; i++) {
      if (a[i] != b[i]) return false;
    }
    return true;
  }
  return std::memcmp(a, b, length) == 0;
}

class KeyEncoder {
 public:
  /// `keep_numeric_scales`: append the NUMERIC display-scale suffix (see above); a consumer
  /// that sets it must compare keys without their last suffix_bytes() bytes.
  explicit KeyEncoder(std::vector<LogicalType> types, bool keep_numeric_scales = false);

  const std::vector<LogicalType>& types() const { return types_; }
  /// Width of every key when all columns are fixed-size, else 0.
  uint32_t fixed_width() const { return fixed_width_; }
  /// Bytes at the end of every key that are not part of its identity (the NUMERIC scale suffix;
  /// 0 without keep_numeric_scales). Hashes cover the key without them.
  uint32_t suffix_bytes() const { return suffix_bytes_; }

  /// Encodes rows 0..count-1 of `columns` (types() vectors of any kind) and hashes them.
  void Encode(const Vector* columns, idx_t count, EncodedKeys& out) const;
  /// The hash Encode gave the key `key` (an encoding it produced, `length` bytes): tables that
  /// keep keys but not their hashes recompute them with it.
  uint64_t HashKey(const uint8_t* key, uint32_t length) const;
  /// Scratch space EncodeDictionary keeps between calls (one per thread, like its EncodedKeys).
  struct DictionaryScratch {
    std::vector<int32_t> slots;  // dictionary entry -> position among the chunk's entries, else -1
    std::vector<sel_t> entries;  // the chunk's distinct entries, in order of first use
    EncodedKeys distinct;        // their encodings
  };
  /// Collects into scratch.entries the distinct dictionary entries rows 0..count-1 of `indices`
  /// use, in order of first use, and maps each to its position in scratch.slots. False when an
  /// entry is 4 x kStandardVectorSize or more, or the entries are more than half the rows (the
  /// caller then takes its ordinary path). Either way the caller calls ReleaseDictionaryEntries
  /// when done with the slots.
  static bool FindDictionaryEntries(const SelectionVector& indices, idx_t count, DictionaryScratch& scratch);
  /// Resets the slots FindDictionaryEntries set (they are -1 between calls).
  static void ReleaseDictionaryEntries(DictionaryScratch& scratch);
  /// Encode for one key column that is a dictionary vector whose rows use few distinct entries
  /// (at most half as many as rows, each below 4 x kStandardVectorSize): encodes and hashes
  /// each entry once and copies its encoding to its rows. The result equals Encode's. Returns
  /// false, having done nothing, when the column does not qualify (the caller then calls Encode).
  bool EncodeDictionary(const Vector& column, idx_t count, EncodedKeys& out, DictionaryScratch& scratch) const;
  /// Decodes `count` keys (`keys[i]` points at an encoding produced by Encode) into flat
  /// vectors out.data[out_column + c] at rows 0..count-1 (strings are copied into out's heaps).
  void Decode(const uint8_t* const* keys, idx_t count, DataChunk& out, idx_t out_column) const;

 private:
  std::vector<LogicalType> types_;
  uint32_t fixed_width_ = 0;
  bool has_strings_ = false;
  uint32_t suffix_bytes_ = 0;
  /// Physical type of the only key column when it is INT32, INT64, DOUBLE or INT128 (a fast
  /// path); INVALID otherwise.
  PhysicalType single_fixed_ = PhysicalType::INVALID;
};

}  // namespace cairn
