// Vector: a column of up to kStandardVectorSize values of one LogicalType — the unit of
// vectorized execution (MonetDB/X100, DuckDB).
//
// A Vector is one of three kinds:
//   FLAT        `data` holds `count` values of the physical type; `validity` marks NULLs.
//   CONSTANT    one value (data[0], validity bit 0) stands for every row.
//   DICTIONARY  row i is row `selection[i]` of `dictionary` (a flat Vector). A Parquet
//               dictionary page becomes such a vector without being expanded, and a filter
//               result is a dictionary over the unfiltered vector.
// Kernels read any kind through UnifiedFormat (data + selection + validity), so one loop
// handles all three.
//
// Memory: data, validity and selection buffers are reference-counted; strings longer than 12
// bytes live in `heap` (or in buffers the heap keeps alive). Copying a Vector is cheap and
// shares buffers; writers must own their buffers (call Initialize or make the vector flat).
//
// Thread-safety: a Vector is used by one thread at a time; shared buffers are read-only.
#pragma once

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "cairn/string_type.h"
#include "cairn/types.h"
#include "cairn/value.h"

namespace cairn {

using sel_t = uint32_t;

/// Row indices, used to filter or reorder rows without copying them.
class SelectionVector {
 public:
  SelectionVector() = default;
  /// An owned selection of `capacity` entries (uninitialized).
  explicit SelectionVector(idx_t capacity) { Initialize(capacity); }
  /// A non-owning view of `indices`, which must outlive this object.
  explicit SelectionVector(const sel_t* indices) : indices_(const_cast<sel_t*>(indices)) {}

  void Initialize(idx_t capacity) {
    buffer_ = std::shared_ptr<sel_t[]>(new sel_t[capacity]);
    indices_ = buffer_.get();
  }
  bool IsSet() const { return indices_ != nullptr; }
  sel_t get_index(idx_t i) const { return indices_ ? indices_[i] : static_cast<sel_t>(i); }
  void set_index(idx_t i, idx_t row) { indices_[i] = static_cast<sel_t>(row); }
  sel_t* data() { return indices_; }
  const sel_t* data() const { return indices_; }

  /// The identity selection 0..kStandardVectorSize-1 (shared, read-only).
  static const SelectionVector& Incremental();

 private:
  std::shared_ptr<sel_t[]> buffer_;
  sel_t* indices_ = nullptr;
};

/// NULL bitmap: bit i set = row i valid. A null pointer means "all valid" (no allocation).
class ValidityMask {
 public:
  ValidityMask() = default;

  bool AllValid() const { return bits_ == nullptr; }
  bool RowIsValid(idx_t row) const { return !bits_ || (bits_[row >> 6] >> (row & 63)) & 1; }
  void SetValid(idx_t row) {
    if (bits_) bits_[row >> 6] |= (uint64_t(1) << (row & 63));
  }
  void SetInvalid(idx_t row) {
    EnsureWritable(row < kStandardVectorSize ? kStandardVectorSize : row + 1);
    bits_[row >> 6] &= ~(uint64_t(1) << (row & 63));
  }
  void Set(idx_t row, bool valid) { valid ? SetValid(row) : SetInvalid(row); }
  /// Allocates (or grows to `capacity` rows) a bitmap; new rows are valid.
  void EnsureWritable(idx_t capacity = kStandardVectorSize);
  /// Marks every row valid (drops the bitmap).
  void Reset() { buffer_.reset(); bits_ = nullptr; capacity_ = 0; }
  uint64_t* data() { return bits_; }
  const uint64_t* data() const { return bits_; }
  /// Number of invalid rows among the first `count`.
  idx_t CountInvalid(idx_t count) const;

 private:
  std::shared_ptr<uint64_t[]> buffer_;
  uint64_t* bits_ = nullptr;
  idx_t capacity_ = 0;
};

enum class VectorKind : uint8_t { FLAT, CONSTANT, DICTIONARY };

/// A read-only view of any vector: value of row i is
/// `reinterpret_cast<const T*>(data)[sel->get_index(i)]`, valid iff
/// `validity->RowIsValid(sel->get_index(i))`.
struct UnifiedFormat {
  const uint8_t* data = nullptr;
  const SelectionVector* sel = nullptr;
  const ValidityMask* validity = nullptr;
  SelectionVector owned_sel;  // backing for sel when it had to be composed
};

class Vector {
 public:
  Vector() = default;
  /// A flat vector of `type` with room for `capacity` rows, all valid, contents undefined.
  explicit Vector(LogicalType type, idx_t capacity = kStandardVectorSize);
  /// A constant vector holding `value` (NULL allowed).
  explicit Vector(const Value& value);

  const LogicalType& type() const { return type_; }
  VectorKind kind() const { return kind_; }
  idx_t capacity() const { return capacity_; }

  /// (Re)allocates owned flat storage of `capacity` rows: kind FLAT, all valid.
  void Initialize(LogicalType type, idx_t capacity = kStandardVectorSize);

  // Raw access. REQUIRES: kind FLAT (or CONSTANT, row 0) and T matching the physical type.
  template <class T> T* data() { return reinterpret_cast<T*>(data_); }
  template <class T> const T* data() const { return reinterpret_cast<const T*>(data_); }
  uint8_t* raw_data() { return data_; }
  ValidityMask& validity() { return validity_; }
  const ValidityMask& validity() const { return validity_; }

  /// String arena for this vector's long strings (created on first use).
  StringHeap& heap();
  const std::shared_ptr<StringHeap>& shared_heap() const { return heap_; }
  /// Adds a string to this vector's heap and returns it (store it in data<string_t>()).
  string_t AddString(std::string_view s) { return heap().AddString(s); }
  /// Makes this vector keep `other`'s heap alive (when copying string_t from `other`).
  void KeepHeapOf(const Vector& other);

  // Dictionary access. REQUIRES: kind DICTIONARY.
  const Vector& dictionary() const { return *dictionary_; }
  /// The dictionary as shared (a holder keeps it alive; its address identifies it).
  const std::shared_ptr<Vector>& shared_dictionary() const { return dictionary_; }
  const SelectionVector& selection() const { return selection_; }

  /// Makes this vector a constant holding `value`.
  void SetConstant(const Value& value);
  /// Makes this a reference to `other` (shares buffers; cheap).
  void Reference(const Vector& other) { *this = other; }
  /// Turns this into a dictionary vector selecting `sel[0..count)` of the current contents.
  void Slice(const SelectionVector& sel, idx_t count);
  /// Makes this a DICTIONARY over `dictionary` with indices `sel`.
  void SetDictionary(std::shared_ptr<Vector> dictionary, SelectionVector sel);
  /// Converts CONSTANT and DICTIONARY to FLAT with `count` rows (copies values).
  void Flatten(idx_t count);
  /// Read view of the first `count` rows, whatever the kind.
  void ToUnified(idx_t count, UnifiedFormat& out) const;

  /// Value of row `row` (slow path).
  Value GetValue(idx_t row) const;
  /// Writes `value` at `row`. REQUIRES: kind FLAT; `value` cast to type() already.
  void SetValue(idx_t row, const Value& value);

  /// Copies rows sel[0..count) of `source` into this flat vector at offset `target_offset`.
  /// REQUIRES: same type, kind FLAT, capacity >= target_offset + count.
  void CopyFrom(const Vector& source, const SelectionVector& sel, idx_t count, idx_t target_offset);

  std::string ToString(idx_t count) const;

 private:
  void SetValueUnchecked(idx_t row, const Value& value);

  LogicalType type_;
  VectorKind kind_ = VectorKind::FLAT;
  idx_t capacity_ = 0;
  uint8_t* data_ = nullptr;
  std::shared_ptr<uint8_t[]> buffer_;
  ValidityMask validity_;
  std::shared_ptr<StringHeap> heap_;
  std::shared_ptr<Vector> dictionary_;
  SelectionVector selection_;
};

}  // namespace cairn
