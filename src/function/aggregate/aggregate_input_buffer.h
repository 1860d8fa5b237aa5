// AggregateInputBuffer: the rows of input values an aggregate keeps until Finalize, for
// aggregates that need all their input at once — ordered aggregates (`string_agg(s, ',' ORDER
// BY k)`, which sort the rows and then feed them to the plain aggregate) and ordered-set
// aggregates (percentile_cont, percentile_disc, mode). Columns are stored flat, one array per
// column of the column's physical type plus a validity flag per row; long strings are copied
// into an arena the buffer owns (and that vectors gathered from it keep alive).
//
// Thread-safety: none; a buffer belongs to one aggregate state, which one thread touches at a
// time (AggregateFunction's contract).
#pragma once

#include <memory>
#include <vector>

#include "cairn/data_chunk.h"

namespace cairn::aggregate {

/// One sort key of Order(): a column of the buffer and its direction.
struct BufferSortKey {
  idx_t column = 0;
  bool descending = false;
  bool nulls_first = false;  // PostgreSQL's default: NULLS LAST for ASC, NULLS FIRST for DESC
};

class AggregateInputBuffer {
 public:
  /// A buffer with one column per type in `types` (any type a Vector can hold).
  explicit AggregateInputBuffer(std::vector<LogicalType> types);

  idx_t size() const { return size_; }
  idx_t column_count() const { return columns_.size(); }
  const LogicalType& type(idx_t column) const { return columns_[column].type; }

  /// Appends one row: column c takes row `row` of `inputs[c]` (indexes before the unified
  /// format's selection; the caller has called ToUnified on each). REQUIRES: one format per
  /// column, of the column's type.
  void Append(const UnifiedFormat* inputs, idx_t row);
  /// Appends every row of `other` (same column types), copying long strings.
  void AppendBuffer(const AggregateInputBuffer& other);

  bool IsValid(idx_t column, idx_t row) const { return columns_[column].valid[row] != 0; }
  /// The value at (`column`, `row`). REQUIRES: T is the column's physical storage type.
  template <class T>
  const T& Get(idx_t column, idx_t row) const {
    return reinterpret_cast<const T*>(columns_[column].data.data())[row];
  }

  /// Row numbers in the order of `keys` (stable: ties keep insertion order). NULLs sort as the
  /// keys say; values compare by CompareValues (physical_type_dispatch.h).
  std::vector<idx_t> Order(const std::vector<BufferSortKey>& keys) const;

  /// Writes rows `rows[0..count)` of `column` into rows 0..count-1 of `out` (a flat vector of the
  /// column's type with capacity >= count); strings keep referencing this buffer's arena, which
  /// `out` keeps alive.
  void Gather(idx_t column, const idx_t* rows, idx_t count, Vector& out) const;

 private:
  struct Column {
    LogicalType type;
    PhysicalType physical;
    idx_t width;                // bytes per value
    std::vector<uint8_t> data;  // size_ * width bytes
    std::vector<uint8_t> valid;
  };
  void AppendValue(Column& column, const void* value, bool valid);

  std::vector<Column> columns_;
  idx_t size_ = 0;
  std::shared_ptr<StringHeap> heap_;  // long strings of STRING columns
};

}  // namespace cairn::aggregate
