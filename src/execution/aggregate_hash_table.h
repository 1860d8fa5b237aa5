// AggregateHashTable: groups rows by their key columns and keeps one block of aggregate states
// per group (DuckDB's GroupedAggregateHashTable, simplified).
//
// Layout: open addressing with linear probing over 8-byte entries {32-bit hash salt, group
// index + 1}; group keys are stored encoded (key_encoder.h) in one byte arena, with their full
// hashes for resizing and merging; aggregate states live in fixed blocks of
// kStandardVectorSize groups, so state pointers stay valid as the table grows. The table
// doubles when it is half full. A table with no aggregates is a hash set (DISTINCT).
//
// A single dictionary-encoded key column is probed once per distinct dictionary entry of a
// chunk instead of once per row (GROUP BY on Parquet dictionary strings).
//
// Thread-safety: not thread-safe; each thread fills its own table and tables are merged with
// Combine under the caller's lock.
#pragma once

#include <memory>
#include <vector>

#include "cairn/data_chunk.h"
#include "common/memory_tracker.h"
#include "execution/key_encoder.h"
#include "function/aggregate_function.h"

namespace cairn {

class AggregateHashTable {
 public:
  /// `aggregates` must outlive the table (their states are initialized/destroyed by it).
  /// `memory_owner`: the operator its memory is charged for (MemoryTracker::Current() of the
  /// thread that first grows it); growing throws 53200 when the query's limit is reached.
  AggregateHashTable(std::vector<LogicalType> group_types, std::vector<const AggregateFunction*> aggregates,
                     const char* memory_owner = "HASH_AGGREGATE");
  ~AggregateHashTable();
  AggregateHashTable(const AggregateHashTable&) = delete;
  AggregateHashTable& operator=(const AggregateHashTable&) = delete;

  idx_t GroupCount() const { return group_count_; }
  /// Bytes the table holds: slots, encoded keys, hashes and aggregate state blocks (not memory
  /// an aggregate state allocates itself).
  uint64_t MemoryBytes() const;
  const std::vector<LogicalType>& group_types() const { return encoder_.types(); }
  /// Byte offset of aggregate `i`'s state inside a group's state block.
  idx_t StateOffset(idx_t i) const { return state_offsets_[i]; }

  /// Finds or creates the groups of rows 0..count-1 of `groups` (one vector per group column)
  /// and writes each row's state block pointer to `states[i]` (may be null when the table has
  /// no aggregates).
  void FindOrCreateGroups(const Vector* groups, idx_t count, uint8_t** states);
  /// The state block of the only group of a table without group columns (created if absent).
  uint8_t* SingleGroup();
  /// Merges every group of `other` (same layout) into this table, combining states.
  void Combine(AggregateHashTable& other);
  /// Writes groups [offset, offset + count) to `out`: group columns first, then each
  /// aggregate's finalized value. REQUIRES: count <= kStandardVectorSize.
  void Scan(idx_t offset, idx_t count, DataChunk& out);
  /// Decodes the keys of groups [offset, offset + count) into out.data[0..group columns).
  void ScanKeys(idx_t offset, idx_t count, DataChunk& out);

 private:
  struct Entry {
    uint32_t salt;
    uint32_t group;  // group index + 1; 0 = empty
  };
  uint8_t* StatePtr(idx_t group) {
    return state_blocks_[group / kStandardVectorSize].get() + (group % kStandardVectorSize) * state_size_;
  }
  uint32_t FindOrCreate(uint64_t hash, const uint8_t* key, uint32_t length);
  void Grow();
  void FindOrCreateEncoded(const EncodedKeys& keys, idx_t count, uint8_t** states);

  KeyEncoder encoder_;
  std::vector<const AggregateFunction*> aggregates_;
  std::vector<idx_t> state_offsets_;
  idx_t state_size_ = 0;

  std::vector<Entry> entries_;
  uint64_t mask_ = 0;
  idx_t group_count_ = 0;
  std::vector<uint8_t> key_data_;
  std::vector<uint64_t> key_offsets_;  // group_count_ + 1
  std::vector<uint64_t> group_hashes_;
  std::vector<std::unique_ptr<uint8_t[]>> state_blocks_;
  EncodedKeys scratch_;
  MemoryReservation memory_;
};

}  // namespace cairn
