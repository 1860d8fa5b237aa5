// SortedRun: one thread's rows of a sort — the building block of ORDER BY (one run per
// thread, merged in parallel by SortState) and top-N (runs compacted to the first N rows as
// they grow).
//
// Layout: the payload columns are copied into a RowCollection; the ORDER BY keys are encoded
// on append into fixed-width records (SortKeyEncoder's normalized key, then the row id as 4
// big-endian bytes), so sorting is a radix sort of contiguous bytes and a comparison is a
// memcmp. Only string keys are kept as values too (their own RowCollection), for the rare
// comparison of two long strings whose prefixes tie.
//
// Order: keys compare left to right; each key ASC/DESC with NULLS FIRST/LAST; the sort is
// stable (ties keep insertion order).
//
// Thread-safety: a run is used by one thread at a time; sorted runs are read-only (any number
// of threads may read them concurrently).
#pragma once

#include <memory>
#include <vector>

#include "execution/row_collection.h"
#include "execution/sort_key_encoder.h"

namespace cairn {

class SortedRun {
 public:
  /// `memory_owner`: the operator the run's memory is charged for ("ORDER_BY", "TOP_N"); rows
  /// and key records are charged to the thread's MemoryTracker::Current() (53200 past its limit).
  SortedRun(std::shared_ptr<const SortKeyEncoder> encoder, std::vector<LogicalType> payload_types,
            const char* memory_owner = "ORDER_BY");

  idx_t Count() const { return rows_.Count(); }
  idx_t PayloadColumns() const { return rows_.types().size(); }
  /// The payload rows, by row id (insertion order).
  const RowCollection& rows() const { return rows_; }
  const SortKeyEncoder& encoder() const { return *encoder_; }
  bool sorted() const { return sorted_; }

  /// Appends rows sel[0..count) of `payload` and of `keys` (the evaluated ORDER BY keys, one
  /// column per encoder key). Throws 54000 past 2^32 - 1 rows in one run.
  void Append(const DataChunk& payload, const DataChunk& keys, const SelectionVector& sel, idx_t count);
  /// Sorts (a stable radix sort of the key records).
  void Sort();
  /// Row id of the row at sorted position `position`. REQUIRES: sorted.
  uint64_t RowAt(idx_t position) const {
    uint32_t id;
    std::memcpy(&id, records_.data() + position * row_width_ + encoder_->key_width(), 4);
    return __builtin_bswap32(id);
  }
  /// The normalized key of the row at position `position` (sorted position once sorted).
  const uint8_t* KeyAt(idx_t position) const { return records_.data() + position * row_width_; }
  /// Keeps only the first `n` rows of the sorted order (REQUIRES: sorted). Stays sorted, with
  /// row ids renumbered 0..n-1 in sorted order.
  void Truncate(idx_t n);

  /// Three-way comparison of the keys of the row at position `a` of this run with the row at
  /// position `b` of `other` (same encoder); 0 when the keys are equal.
  int Compare(idx_t a, const SortedRun& other, idx_t b) const;

  /// Top-N prefilter: writes to `sel` the rows of `key` (the first sort key, count rows) that
  /// may sort before or equal to the first key of the row at sorted position
  /// `boundary_position` (a superset: long strings with equal prefixes are kept); returns their
  /// number. REQUIRES: sorted.
  idx_t SelectNotAfter(const Vector& key, idx_t count, idx_t boundary_position, SelectionVector& sel) const;

  /// Frees the key records and string keys (after the run has been merged); the payload rows
  /// stay. Compare/KeyAt/RowAt must not be called afterwards.
  void ReleaseKeys();

 private:
  string_t StringKey(uint64_t row, idx_t string_column) const;

  std::shared_ptr<const SortKeyEncoder> encoder_;
  idx_t row_width_;             // key_width + 4 (row id)
  RowCollection rows_;          // payload
  RowCollection string_keys_;   // the encoder's string key columns, by row id
  std::vector<uint8_t> records_;
  bool sorted_ = true;          // an empty run is sorted
  MemoryReservation memory_;    // records_ (and the sort's scratch); the collections charge themselves
};

}  // namespace cairn
