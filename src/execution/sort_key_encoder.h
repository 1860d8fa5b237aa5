// SortKeyEncoder: encodes a row's ORDER BY keys into a fixed-width, order-preserving byte
// string (a "normalized key", as in DuckDB's sort and Graefe's "Implementing sorting in
// database systems"), so that comparing two rows is one memcmp — plus, only when two long
// strings share their first kStringPrefix bytes, a comparison of the full strings.
//
// Format per key column (left to right, concatenated):
//   1 byte   NULL marker: a NULL is 0 with NULLS FIRST and 1 with NULLS LAST, a value the other;
//            a NULL's value bytes are all zero, so NULLs tie with each other.
//   value    BOOL 1 byte (0/1); INT32/INT64 big-endian with the sign bit flipped; INT128
//            (DECIMAL(>18), HUGEINT) 16 bytes likewise; DOUBLE as its IEEE bits made
//            order-preserving (negatives inverted, positives with the sign bit set; -0.0
//            encodes as 0.0 and every NaN as all-ones, after +Infinity, as PostgreSQL orders
//            them); INTERVAL as its PostgreSQL order key (months as 30 days, days as 24 hours,
//            in microseconds) in 16 bytes; NUMERIC as its order key (numeric::OrderKey: sign,
//            exponent, left-aligned digits) in 16 bytes like an INT128, so 1.0 and 1.00 tie and
//            values order by value; DATE/TIMESTAMP/DECIMAL are their integers; an
//            untyped NULL column has no value bytes.
//   STRING   the first kStringPrefix bytes zero-padded, then one length byte min(length,
//            kStringPrefix + 1). Two strings with equal encodings are equal unless both are
//            longer than kStringPrefix ("unresolved"): only then the full strings decide
//            (byte order, PostgreSQL's C collation).
// DESC inverts every value byte (not the NULL marker: NULLS FIRST/LAST is independent of the
// direction), and negates the full-string comparison.
//
// Thread-safety: immutable after construction; shared by every thread of a sort.
#pragma once

#include <cstring>
#include <vector>

#include "cairn/data_chunk.h"
#include "cairn/string_type.h"

namespace cairn {

/// memcmp's result sign for `n` bytes, inline: 8 bytes at a time, big-endian word compares
/// (normalized keys are short; a libc call per comparison cost more than the comparison).
inline int CompareKeyBytes(const uint8_t* a, const uint8_t* b, size_t n) {
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t x, y;
    std::memcpy(&x, a + i, 8);
    std::memcpy(&y, b + i, 8);
    if (x != y) return __builtin_bswap64(x) < __builtin_bswap64(y) ? -1 : 1;
  }
  for (; i < n; i++) {
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

/// Direction and NULL placement of one ORDER BY key.
struct SortKeySpec {
  bool ascending = true;
  bool nulls_first = false;
};

class SortKeyEncoder {
 public:
  /// Bytes of a string kept in its normalized key.
  static constexpr idx_t kStringPrefix = 12;

  /// One key per (type, spec); `types.size() == specs.size()`.
  SortKeyEncoder(std::vector<LogicalType> types, std::vector<SortKeySpec> specs);

  const std::vector<LogicalType>& types() const { return types_; }
  const std::vector<SortKeySpec>& specs() const { return specs_; }
  idx_t ColumnCount() const { return types_.size(); }
  /// Bytes of one row's normalized key (every column).
  idx_t key_width() const { return key_width_; }
  /// Offset and width (marker included) of key column `k` in the normalized key.
  idx_t column_offset(idx_t k) const { return columns_[k].offset; }
  idx_t column_width(idx_t k) const { return columns_[k].width; }
  /// Key columns of STRING physical type, in key order (their full values break ties).
  const std::vector<idx_t>& string_columns() const { return string_columns_; }

  /// Writes the normalized bytes of key column `k` for rows sel[0..count) of `column` (any
  /// vector kind) to out + i * row_width + column_offset(k), i in [0, count).
  void EncodeColumn(idx_t k, const Vector& column, const SelectionVector& sel, idx_t count, uint8_t* out,
                    idx_t row_width) const;

  /// True when key column `k` (a STRING column) of encoded key `key` holds a non-NULL string
  /// longer than kStringPrefix: two such keys with equal bytes need the full strings compared.
  bool StringUnresolved(const uint8_t* key, idx_t k) const {
    const Column& c = columns_[k];
    if (key[c.offset] != c.valid_marker) return false;
    uint8_t length = key[c.offset + 1 + kStringPrefix];
    return (c.spec.ascending ? length : uint8_t(~length)) == kStringPrefix + 1;
  }

  /// True if key column `k` of encoded key `key` is NULL.
  bool IsNull(const uint8_t* key, idx_t k) const {
    return key[columns_[k].offset] != columns_[k].valid_marker;
  }
  /// True if values of key column `k` can be read back from their encoding (DecodeValue):
  /// BOOL, INT32, INT64 and INT128 columns, and STRING columns (strings of at most
  /// kStringPrefix bytes; longer ones are not in the key). Not DOUBLE (-0.0 and NaN payloads
  /// are normalized), INTERVAL nor NUMERIC (their order keys are not their values).
  bool Decodable(idx_t k) const {
    const PhysicalType t = columns_[k].type;
    if (columns_[k].numeric) return false;
    return t == PhysicalType::BOOL || t == PhysicalType::INT32 || t == PhysicalType::INT64 ||
           t == PhysicalType::INT128 || t == PhysicalType::STRING;
  }
  /// Reads back the value of key column `k` (T its storage type) from encoded key `key`.
  /// REQUIRES: Decodable(k), !IsNull(key, k); for STRING, !StringUnresolved(key, k) (the result
  /// is then an inlined string_t).
  template <class T>
  T DecodeValue(const uint8_t* key, idx_t k) const {
    const Column& c = columns_[k];
    const uint8_t* value = key + c.offset + 1;
    const bool descending = !c.spec.ascending;
    if constexpr (std::is_same_v<T, bool>) {
      return (descending ? uint8_t(~value[0]) : value[0]) != 0;
    } else if constexpr (std::is_same_v<T, int32_t>) {
      uint32_t v;
      std::memcpy(&v, value, 4);
      if (descending) v = ~v;
      return int32_t(__builtin_bswap32(v) ^ 0x80000000u);
    } else if constexpr (std::is_same_v<T, int64_t>) {
      uint64_t v;
      std::memcpy(&v, value, 8);
      if (descending) v = ~v;
      return int64_t(__builtin_bswap64(v) ^ (uint64_t(1) << 63));
    } else if constexpr (std::is_same_v<T, hugeint_t>) {
      uint64_t high, low;
      std::memcpy(&high, value, 8);
      std::memcpy(&low, value + 8, 8);
      if (descending) {
        high = ~high;
        low = ~low;
      }
      high = __builtin_bswap64(high) ^ (uint64_t(1) << 63);
      low = __builtin_bswap64(low);
      return hugeint_t((static_cast<unsigned __int128>(high) << 64) | low);
    } else if constexpr (std::is_same_v<T, string_t>) {
      uint64_t words[2] = {0, 0};  // the prefix and the length byte (13 bytes), then padding
      std::memcpy(words, value, 8);
      std::memcpy(&words[1], value + 8, kStringPrefix + 1 - 8);
      if (descending) {
        words[0] = ~words[0];
        words[1] = ~words[1];
      }
      const auto* bytes = reinterpret_cast<const uint8_t*>(words);
      return string_t(reinterpret_cast<const char*>(bytes), bytes[kStringPrefix]);
    } else {
      static_assert(sizeof(T) == 0, "not decodable");
    }
  }

  /// Three-way comparison of two normalized keys in ORDER BY order. `full_string_compare(k)`
  /// returns the byte-order comparison (negative/zero/positive, ascending) of the full values of
  /// string key column `k` of the two rows; it is called only when their encodings tie.
  template <class FullStringCompare>
  int Compare(const uint8_t* a, const uint8_t* b, FullStringCompare&& full_string_compare) const {
    idx_t position = 0;
    for (idx_t k : string_columns_) {
      const idx_t end = columns_[k].offset + columns_[k].width;
      int c = CompareKeyBytes(a + position, b + position, end - position);
      if (c != 0) return c;
      position = end;
      if (StringUnresolved(a, k)) {
        c = full_string_compare(k);
        if (c != 0) return columns_[k].spec.ascending ? c : -c;
      }
    }
    return CompareKeyBytes(a + position, b + position, key_width_ - position);
  }

 private:
  struct Column {
    PhysicalType type;
    bool numeric = false;  // NUMERIC: encoded by numeric::OrderKey
    SortKeySpec spec;
    idx_t offset;
    idx_t width;           // marker + value bytes
    uint8_t valid_marker;  // marker byte of a non-NULL value
  };

  std::vector<LogicalType> types_;
  std::vector<SortKeySpec> specs_;
  std::vector<Column> columns_;
  std::vector<idx_t> string_columns_;
  idx_t key_width_ = 0;
};

}  // namespace cairn
