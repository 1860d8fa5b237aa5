// The storage form of an ARRAY value: its elements, one after another, in an encoding whose
// byte order is the array order PostgreSQL defines (array_cmp: element by element, NULL after
// every value, a shorter array before a longer one it is a prefix of). An array is therefore a
// PhysicalType::STRING whose bytes compare, hash and sort with the string kernels — equality,
// GROUP BY, DISTINCT, joins and ORDER BY on arrays need no code of their own.
//
// Element encoding (docs/design/arrays.md):
//   NULL element            0x02
//   non-NULL element        0x01, then by physical type:
//     BOOL                  one byte 0 or 1
//     INT32/INT64/INT128    big-endian two's complement with the sign bit flipped
//     DOUBLE                IEEE bits big-endian; sign bit flipped for >= 0, all bits flipped
//                           for < 0; -0.0 is stored as 0.0 and every NaN as one NaN (both are
//                           equal in SQL), so equal values have equal bytes
//     STRING                the bytes with 0x00 written 0x00 0xFF, terminated by 0x00 0x01
//     INTERVAL              months, days, micros, each as an integer above (field order:
//                           '1 mon' and '30 days' are different array elements)
//     NUMERIC               numeric::OrderKey (ordered by value) then the packed value with
//                           its display scale (1.0 and 1.00 order equal but are different
//                           array elements)
// The empty array is the empty string.
//
// Thread-safety: all functions are reentrant.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cairn/types.h"
#include "cairn/value.h"
#include "cairn/vector.h"

namespace cairn::array {

/// Appends a NULL element.
void AppendNull(std::string& out);
/// Appends row `row` of `elements` (any vector kind; `format` is its unified view over at
/// least row + 1 rows) as one element of type `element`.
void AppendElement(std::string& out, const LogicalType& element, const UnifiedFormat& format, idx_t row);
/// Appends `value` (of the element type, or NULL) as one element.
void AppendValue(std::string& out, const Value& value);

/// Most bytes one element of a type other than a STRING type takes (NUMERIC: a tag and two
/// 128-bit integers).
constexpr size_t kMaxFixedElementBytes = 33;
/// Writes row `row` of `format` as one element of `element` (not a STRING physical type) at
/// `out`, which has room for kMaxFixedElementBytes; returns its length. The bytes are those
/// AppendElement appends. Throws XX000 for a STRING or invalid physical type.
size_t WriteFixedElement(char* out, const LogicalType& element, const UnifiedFormat& format, idx_t row);

/// Reads the elements of one encoded array in order. Throws XX000 on bytes that are not a
/// valid encoding (never reads past the end).
class ArrayReader {
 public:
  ArrayReader(std::string_view bytes, const LogicalType& element)
      : bytes_(bytes), physical_(element.physical_type()), numeric_(element.id() == TypeId::NUMERIC) {}

  /// Moves to the next element; false when there is none.
  bool Next();
  bool IsNull() const { return null_; }
  /// The current element's encoded bytes (tag included): equal elements have equal bytes.
  std::string_view raw() const { return bytes_.substr(start_, position_ - start_); }

  /// Decodes the next elements, at most `capacity`, into rows offset, offset + 1, ... of the
  /// flat vector `out` (of the element type), setting their validity; returns how many (0 at
  /// the end). Afterwards there is no current element (call Next again before the accessors).
  /// Throws XX000 on malformed bytes.
  idx_t ReadInto(Vector& out, idx_t offset, idx_t capacity);

  // The current element's value. REQUIRES: !IsNull() and the accessor of the physical type.
  bool GetBool() const;
  int32_t GetInt32() const;
  int64_t GetInt64() const;
  hugeint_t GetInt128() const;
  double GetDouble() const;
  std::string GetString() const;
  interval_t GetInterval() const;

 private:
  std::string_view bytes_;
  PhysicalType physical_;
  bool numeric_;  // NUMERIC: an order key before the packed value
  size_t start_ = 0;
  size_t position_ = 0;
  size_t payload_ = 0;  // offset of the current element's payload
  bool null_ = false;
};

/// Number of elements of an encoded array.
idx_t Count(std::string_view bytes, const LogicalType& element);

/// The element at `index` (0-based) as a Value of `element`; NULL when out of range.
Value ElementAt(std::string_view bytes, const LogicalType& element, idx_t index);
/// Every element as a Value of `element`.
std::vector<Value> Elements(std::string_view bytes, const LogicalType& element);
/// The current element of `reader` as a Value of `element`.
Value ReadValue(const ArrayReader& reader, const LogicalType& element);

/// Writes the current element of `reader` (NULL or a value) into row `row` of the flat vector
/// `out` of the element type.
void WriteElement(const ArrayReader& reader, Vector& out, idx_t row);

/// Writes the elements of `bytes` into the flat vector `out` (of the element type) from row
/// `offset` on; returns how many. REQUIRES: out.capacity() >= offset + Count(bytes).
idx_t DecodeInto(std::string_view bytes, Vector& out, idx_t offset);

/// Encodes rows [begin, end) of `elements` (any kind) as one array.
std::string Encode(const Vector& elements, idx_t begin, idx_t end);

/// PostgreSQL's text form of an array of `element`: `{1,2,NULL}`, elements quoted with
/// double quotes when empty, equal to NULL (any case), or containing whitespace, `{`, `}`,
/// `,`, `"` or `\` (which are then escaped with `\`). Elements print as Value::ToString.
std::string ToText(std::string_view bytes, const LogicalType& element);

/// Splits PostgreSQL's array input text (`{a,"b c",NULL}`) into element texts; a nullopt
/// entry is an unquoted NULL. Throws 22P02 `malformed array literal` with PostgreSQL's
/// details; multidimensional input and explicit bounds (`[0:1]={...}`) are 0A000.
std::vector<std::optional<std::string>> ParseText(std::string_view text);

}  // namespace cairn::array
