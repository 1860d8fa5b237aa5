// SortedRun: rows (payload columns plus evaluated ORDER BY keys) stored in a RowCollection and
// sorted by the keys — the building block of ORDER BY (one run per thread, then a k-way merge)
// and top-N (runs compacted to the first N rows as they grow).
//
// Order: keys compare left to right; each key ASC/DESC with NULLS FIRST/LAST; the sort is
// stable (ties keep insertion order). Key values are extracted into contiguous typed arrays
// before sorting so a comparison touches no chunk structures.
//
// Thread-safety: a run is used by one thread at a time; sorted runs are read-only.
#pragma once

#include <vector>

#include "execution/row_collection.h"

namespace cairn {

struct SortKeySpec {
  bool ascending = true;
  bool nulls_first = false;
};

class SortedRun {
 public:
  /// `memory_owner`: the operator the run's memory is charged for ("ORDER_BY", "TOP_N"); rows
  /// and key arrays are charged to the thread's MemoryTracker::Current() (53200 past its limit).
  SortedRun(std::vector<LogicalType> payload_types, std::vector<LogicalType> key_types, std::vector<SortKeySpec> specs,
            const char* memory_owner = "ORDER_BY");

  idx_t Count() const { return rows_.Count(); }
  idx_t PayloadColumns() const { return payload_columns_; }
  const RowCollection& rows() const { return rows_; }

  /// Appends rows sel[0..count) of payload ++ keys (the chunks' columns side by side).
  void Append(const DataChunk& payload, const DataChunk& keys, const SelectionVector& sel, idx_t count);
  /// Appends every row of `other` (same layout) in its sorted order if sorted, else as stored.
  void AppendRun(const SortedRun& other);
  /// Sorts; afterwards order()[i] is the row id of the i-th row.
  void Sort();
  const std::vector<uint64_t>& order() const { return order_; }
  /// Keeps only the first `n` rows of the sorted order (REQUIRES: sorted). Stays sorted.
  void Truncate(idx_t n);

  /// Three-way comparison of row `a` of this run with row `b` of `other` (both sorted or not:
  /// row ids, not positions). REQUIRES: keys extracted (Sort() was called on both).
  int Compare(idx_t a, const SortedRun& other, idx_t b) const;

  /// Top-N prefilter: writes to `sel` the rows of `key` (the first sort key, count rows) that
  /// sort before or equal to the first key of row `boundary_row`; returns their number.
  /// REQUIRES: sorted.
  idx_t SelectNotAfter(const Vector& key, idx_t count, idx_t boundary_row, SelectionVector& sel) const;

 private:
  struct KeyColumn {
    PhysicalType type;
    SortKeySpec spec;
    std::vector<uint8_t> nulls;
    std::vector<uint8_t> values;  // Count() * width bytes
    idx_t width;
  };
  void ExtractKeys();

  idx_t payload_columns_;
  std::vector<LogicalType> key_types_;
  std::vector<SortKeySpec> specs_;
  RowCollection rows_;
  std::vector<KeyColumn> keys_;
  std::vector<uint64_t> order_;
  bool sorted_ = false;
  MemoryReservation memory_;  // key arrays and order (rows_ charges itself)
};

}  // namespace cairn
