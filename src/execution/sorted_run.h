// SortedRun: one thread's rows of a sort — the building block of ORDER BY (one run per
// thread, merged in parallel by SortState) and top-N (runs compacted to the first N rows as
// they grow).
//
// Layout: each row is one fixed-width record in a contiguous array (a row format, as DuckDB's
// sort uses), written when the row is appended:
//   [normalized key (SortKeyEncoder)] [string keys: a pointer each, to the full string when it
//   is longer than the key's prefix] [payload values] [payload validity bits] zero-padded to a
//   multiple of 8 bytes.
// A payload column that is also an ORDER BY key (ORDER BY a column) is not stored twice: its
// values are decoded from the normalized key (integers, booleans, strings that fit the prefix;
// longer strings from the string key's pointer).
// Sorting is a stable radix sort of the records (their key bytes; a memcmp compares two keys),
// which moves the payload along, so reading the sorted rows — the merge and the output gather —
// is sequential. Strings longer than string_t's inline 12 bytes (payload and string keys) are
// copied into the run's StringHeap, which output vectors keep alive. The string keys' full
// values break ties between long strings whose normalized prefixes are equal.
//
// Order: keys compare left to right; each key ASC/DESC with NULLS FIRST/LAST; the sort is
// stable (ties keep insertion order).
//
// Thread-safety: a run is used by one thread at a time; sorted runs are read-only (any number
// of threads may read them concurrently).
#pragma once

#include <memory>
#include <vector>

#include "cairn/data_chunk.h"
#include "common/memory_tracker.h"
#include "execution/sort_buffer.h"
#include "execution/sort_key_encoder.h"

namespace cairn {

class SortedRun;

/// A row of a run: the run's index among a sort's runs and the row's position in it.
struct RunRow {
  uint32_t run;
  uint32_t position;
};

/// Fills out.data[0..payload columns) (re-initialized as flat) with the payloads of
/// `rows[0..count)` of `runs` (0 < count <= kStandardVectorSize; the runs share one layout),
/// column by column; sets out's cardinality. String vectors keep the runs' string heaps alive.
void GatherPayload(const std::vector<const SortedRun*>& runs, const RunRow* rows, idx_t count,
                   DataChunk& out);

class SortedRun {
 public:
  /// Marks a payload column stored in the record (not read back from a key).
  static constexpr idx_t kNotAKey = ~idx_t(0);

  /// `memory_owner`: the operator the run's memory is charged for ("ORDER_BY", "TOP_N");
  /// records and strings are charged to the thread's MemoryTracker::Current() (53200 past its
  /// limit). `payload_keys` (empty, or one entry per payload column): the key column that
  /// always equals payload column c (ORDER BY on a column: same values, same type, and
  /// encoder.Decodable), whose value is then read back from the key instead of being stored
  /// twice; kNotAKey for the others. Throws XX000 for a mapping to a key that cannot be
  /// decoded or has another type.
  SortedRun(std::shared_ptr<const SortKeyEncoder> encoder, std::vector<LogicalType> payload_types,
            const char* memory_owner = "ORDER_BY", std::vector<idx_t> payload_keys = {});
  SortedRun(SortedRun&&) = default;
  SortedRun& operator=(SortedRun&&) = default;

  idx_t Count() const { return count_; }
  /// Bytes charged for the run (its records and long strings); sorting it needs about as
  /// many again for scratch space.
  uint64_t MemoryBytes() const { return memory_.reserved(); }
  const std::vector<LogicalType>& payload_types() const { return payload_types_; }
  const SortKeyEncoder& encoder() const { return *encoder_; }
  bool sorted() const { return sorted_; }

  /// Appends rows sel[0..count) of `payload` and of `keys` (the evaluated ORDER BY keys, one
  /// column per encoder key). Throws 54000 past 2^32 - 1 rows in one run.
  void Append(const DataChunk& payload, const DataChunk& keys, const SelectionVector& sel, idx_t count);
  /// Sorts (a stable radix sort of the records). Afterwards positions are in sorted order.
  void Sort();
  /// Keeps only the first `n` rows (REQUIRES: sorted). Stays sorted.
  void Truncate(idx_t n);

  /// The normalized key of the row at `position` (insertion order before Sort, sorted after).
  const uint8_t* KeyAt(idx_t position) const { return records_.data() + position * row_width_; }
  /// Three-way comparison of the keys of the row at `a` of this run with the row at `b` of
  /// `other` (same encoder); 0 when the keys are equal.
  int Compare(idx_t a, const SortedRun& other, idx_t b) const;

  /// Top-N prefilter: writes to `sel` the rows of `key` (the first sort key, count rows) that
  /// may sort before or equal to the first key of the row at `boundary_position` (a superset:
  /// long strings with equal prefixes are kept); returns their number. REQUIRES: sorted.
  /// Called by the run's owning thread only (it reuses a buffer of the run).
  idx_t SelectNotAfter(const Vector& key, idx_t count, idx_t boundary_position, SelectionVector& sel) const;

 private:
  friend void GatherPayload(const std::vector<const SortedRun*>& runs, const RunRow* rows, idx_t count,
                            DataChunk& out);

  /// Grows the records array to hold `rows` rows (charged before allocating).
  void Reserve(idx_t rows);
  /// Bytes of a string key's slot: a pointer to [4-byte length][bytes] in heap_ for strings
  /// longer than the key's prefix (the only ones ever read back), else null.
  static constexpr idx_t kStringKeySlot = sizeof(const char*);
  /// The full value of string key `slot` (index into encoder().string_columns()) of a record
  /// (an empty string unless the string is longer than the key's prefix).
  string_t StringKey(const uint8_t* record, idx_t slot) const {
    const char* block;
    std::memcpy(static_cast<void*>(&block), record + string_key_offset_ + slot * kStringKeySlot,
                kStringKeySlot);
    if (block == nullptr) return string_t();
    uint32_t length;
    std::memcpy(&length, block, 4);
    return string_t(block + 4, length);
  }
  /// Three-way comparison of two records' keys (normalized bytes, then long strings in full).
  int CompareRecords(const uint8_t* a, const uint8_t* b) const;
  void ChargeMemory(uint64_t extra = 0);

  std::shared_ptr<const SortKeyEncoder> encoder_;
  std::vector<LogicalType> payload_types_;
  idx_t string_key_offset_;             // after the normalized key
  std::vector<idx_t> payload_offsets_;  // per payload column
  std::vector<idx_t> payload_keys_;     // per payload column: its key column, or kNotAKey
  idx_t validity_offset_;               // payload validity bits (bit c = column c valid)
  idx_t row_width_;                     // a multiple of 8
  std::vector<idx_t> string_slot_;      // per key column: its index among the string keys
  SortBuffer records_;                  // capacity_ records
  idx_t capacity_ = 0, count_ = 0;
  std::shared_ptr<StringHeap> heap_;            // long strings of records
  bool sorted_ = true;                          // an empty run is sorted
  MemoryReservation memory_;                    // records_ (and the sort's scratch) + heap_
  mutable std::vector<uint8_t> select_buffer_;  // SelectNotAfter's encoded keys (one chunk's)
};

}  // namespace cairn
