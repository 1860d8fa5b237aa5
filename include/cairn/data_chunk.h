// DataChunk: a horizontal slice of a relation — a set of Vectors of equal length (at most
// kStandardVectorSize rows). Operators consume and produce DataChunks.
//
// Thread-safety: used by one thread at a time.
#pragma once

#include <string>
#include <vector>

#include "cairn/vector.h"

namespace cairn {

class DataChunk {
 public:
  DataChunk() = default;
  /// Allocates one flat vector per type with room for `capacity` rows; size() becomes 0.
  void Initialize(const std::vector<LogicalType>& types, idx_t capacity = kStandardVectorSize);
  /// Re-initializes every vector to owned flat storage (after Slice/Reference) and sets size 0.
  void Reset();

  idx_t size() const { return count_; }
  void SetCardinality(idx_t count) { count_ = count; }
  idx_t ColumnCount() const { return data.size(); }
  idx_t capacity() const { return capacity_; }
  std::vector<LogicalType> GetTypes() const;

  /// Keeps only rows sel[0..count) (every vector becomes a dictionary over itself).
  void Slice(const SelectionVector& sel, idx_t count);
  /// Makes this chunk reference `other`'s vectors (no copy).
  void Reference(const DataChunk& other);
  /// Appends the rows of `other` (same types) by copying; REQUIRES: size()+other.size() <= capacity().
  void Append(const DataChunk& other);
  /// Converts every vector to FLAT.
  void Flatten();

  Value GetValue(idx_t column, idx_t row) const { return data[column].GetValue(row); }
  std::string ToString() const;

  std::vector<Vector> data;

 private:
  idx_t count_ = 0;
  idx_t capacity_ = kStandardVectorSize;
};

}  // namespace cairn
