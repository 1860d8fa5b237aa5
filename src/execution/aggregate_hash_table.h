// AggregateHashTable: groups rows by their key columns and keeps one block of aggregate states
// per group (DuckDB's GroupedAggregateHashTable, simplified).
//
// Layout: open addressing with linear probing over 8-byte entries {32-bit hash salt, group
// index + 1}; group keys are stored encoded (key_encoder.h) in byte arenas — keys of a fixed
// width at group x width, their hashes recomputed for resizing and merging
// (KeyEncoder::HashKey); keys of varying width with their offsets and full hashes; aggregate
// states live in fixed blocks of
// kStateBlockGroups groups, so state pointers stay valid as the table grows. A slot array
// doubles when it is half full. A table with no aggregates is a hash set (DISTINCT).
//
// Radix partitioning (for parallel merging, as in DuckDB's radix-partitioned aggregation and
// Leis et al.'s morsel-driven paper): with radix_bits = r > 0, the table is 2^r partitions
// chosen by the top r bits of the group hash, each with its own slot array and storage (keys,
// hashes, states). A partition doubles on its own, so no single resize of a huge table holds a
// worker for long.
// Every table built with the same r splits the key space the same way, so threads' tables can
// be merged partition by partition, independently and in parallel (TakePartition, CombinePartition),
// and each finished partition scanned on its own.
//
// A single dictionary-encoded key column is probed once per distinct dictionary entry of a
// chunk instead of once per row (GROUP BY on Parquet dictionary strings).
//
// Thread-safety: not thread-safe; each thread fills its own table. After filling, distinct
// partitions of a table may be taken or combined from by different threads at once, and
// distinct ranges of a finished table may be scanned concurrently.
#pragma once

#include <memory>
#include <mutex>
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
  /// `radix_bits` (0..8): log2 of the number of partitions of the groups' storage.
  AggregateHashTable(std::vector<LogicalType> group_types, std::vector<const AggregateFunction*> aggregates,
                     const char* memory_owner = "HASH_AGGREGATE", idx_t radix_bits = 0);
  ~AggregateHashTable();
  AggregateHashTable(const AggregateHashTable&) = delete;
  AggregateHashTable& operator=(const AggregateHashTable&) = delete;

  /// Makes growing past MemoryTracker::kSpillFraction of the query's limit throw 53200 (as if
  /// the limit were reached), so an owner that spills its input once the table stops growing
  /// (PhysicalHashAggregate::Sink) leaves the rest of the limit for merging what it spilled.
  /// Without it the table grows up to the limit itself.
  void StopGrowingAtSpillThreshold() { stop_at_spill_threshold_ = true; }

  /// Groups per block of aggregate states: a partition allocates its states a block at a time,
  /// so a table of 2^r partitions holding few groups each costs at most 2^r blocks.
  static constexpr idx_t kStateBlockGroups = 512;

  idx_t GroupCount() const { return group_count_; }
  idx_t PartitionCount() const { return partitions_.size(); }
  idx_t RadixBits() const { return radix_bits_; }
  /// Groups stored in partition `p` (0 once taken or released).
  idx_t PartitionGroupCount(idx_t p) const { return partitions_[p].count; }
  /// The partition a group hash belongs to in a table with `radix_bits`.
  static idx_t PartitionOf(uint64_t hash, idx_t radix_bits) { return radix_bits ? hash >> (64 - radix_bits) : 0; }
  /// Bytes the table holds: slots, encoded keys, hashes, aggregate state blocks and the
  /// dictionary cache's map (not memory an aggregate state allocates itself).
  uint64_t MemoryBytes() const;
  const std::vector<LogicalType>& group_types() const { return encoder_.types(); }
  /// Byte offset of aggregate `i`'s state inside a group's state block.
  idx_t StateOffset(idx_t i) const { return state_offsets_[i]; }

  /// Finds or creates the groups of rows 0..count-1 of `groups` (one vector per group column)
  /// and writes each row's state block pointer to `states[i]` (may be null when the table has
  /// no aggregates).
  void FindOrCreateGroups(const Vector* groups, idx_t count, uint8_t** states);
  /// For a table without aggregates (a set of distinct keys): finds or creates the groups of
  /// rows 0..count-1 of `groups`, as FindOrCreateGroups, and writes to `created[0..n)` the rows
  /// that created a group (the first row of each key not yet in the table), in row order;
  /// returns n. `created` must hold `count` indices. Throws 53200 as FindOrCreateGroups (groups
  /// of earlier rows of the chunk may then exist).
  idx_t InsertDistinct(const Vector* groups, idx_t count, SelectionVector& created);
  /// Writes to hashes[0..count) the hash of each row's group key (rows of `groups` as in
  /// FindOrCreateGroups): the hash the table stores the group under, so PartitionOf(hash,
  /// RadixBits()) is the partition the group lives in. REQUIRES: the table has group columns.
  void HashGroups(const Vector* groups, idx_t count, uint64_t* hashes);
  /// The state block of the only group of a table without group columns (created if absent).
  uint8_t* SingleGroup();
  /// Merges every group of `other` (same group types and aggregates, any radix bits) into this
  /// table, combining states.
  void Combine(AggregateHashTable& other);
  /// Merges the groups of partition `p` of `other` into this table. Only reads that partition
  /// of `other`, so several threads may combine different partitions of one table at once.
  void CombinePartition(const AggregateHashTable& other, idx_t p);
  /// Moves partition `p` of `source` (keys, hashes and states, no copying) into a new
  /// unpartitioned table and indexes it (its groups are distinct: no comparisons), with room
  /// for `more_groups` further groups without growing. Partition `p` is left empty in `source`,
  /// whose GroupCount() is not updated: afterwards `source` may only have other partitions
  /// taken, combined from or released, and be destroyed. Different partitions of one source may
  /// be taken by different threads at once. Memory: the moved storage is charged to the new
  /// table and released from `source` (in whole charge blocks, see ReleaseMemory).
  static std::unique_ptr<AggregateHashTable> TakePartition(AggregateHashTable& source, idx_t p,
                                                           idx_t more_groups = 0);
  /// Destroys the groups of partition `p` (their states were combined elsewhere), frees its
  /// storage and releases its memory; the same concurrency rules as TakePartition.
  void ReleasePartition(idx_t p);
  /// Re-declares the table's memory from what it holds now (after partitions were taken).
  void RefreshMemoryCharge();
  /// Writes groups [offset, offset + count) of partition `p` to `out`: group columns first,
  /// then each aggregate's finalized value. REQUIRES: count <= kStandardVectorSize. Scans of
  /// disjoint ranges may run concurrently.
  void Scan(idx_t p, idx_t offset, idx_t count, DataChunk& out) const;
  /// Scan of an unpartitioned table (partition 0).
  void Scan(idx_t offset, idx_t count, DataChunk& out) const { Scan(0, offset, count, out); }
  /// Decodes the keys of groups [offset, offset + count) of partition `p` into
  /// out.data[0..group columns).
  void ScanKeys(idx_t p, idx_t offset, idx_t count, DataChunk& out) const;
  void ScanKeys(idx_t offset, idx_t count, DataChunk& out) const { ScanKeys(0, offset, count, out); }

 private:
  struct Entry {
    uint32_t salt;   // hash >> 32: its top radix_bits_ bits are the partition
    uint32_t group;  // index in the partition + 1; 0 = empty
  };
  /// One partition: its slot array and its groups, in insertion order. Keys of a fixed width
  /// (KeyEncoder::fixed_width) lie at g x width, and their hashes are recomputed when needed
  /// (KeyEncoder::HashKey): only keys of varying width keep offsets and hashes.
  struct Partition {
    std::vector<Entry> entries;
    uint64_t mask = 0;
    std::vector<uint8_t> key_data;
    std::vector<uint64_t> key_offsets = std::vector<uint64_t>(1, 0);  // varying width: count + 1
    std::vector<uint64_t> hashes;                                     // varying width: count
    std::vector<std::unique_ptr<uint8_t[]>> state_blocks;
    idx_t count = 0;
    uint64_t MemoryBytes(idx_t state_size) const;
  };
  void DestroyStates(const Partition& part) const;
  uint8_t* StatePtr(const Partition& part, idx_t group) const {
    return part.state_blocks[group / kStateBlockGroups].get() + (group % kStateBlockGroups) * state_size_;
  }
  /// Group g's encoded key, its length and its hash.
  const uint8_t* GroupKey(const Partition& part, idx_t g) const {
    const uint32_t width = encoder_.fixed_width();
    return part.key_data.data() + (width ? uint64_t(g) * width : part.key_offsets[g]);
  }
  uint32_t GroupKeyLength(const Partition& part, idx_t g) const {
    const uint32_t width = encoder_.fixed_width();
    return width ? width : static_cast<uint32_t>(part.key_offsets[g + 1] - part.key_offsets[g]);
  }
  uint64_t GroupHash(const Partition& part, idx_t g) const {
    const uint32_t width = encoder_.fixed_width();
    return width ? encoder_.HashKey(GroupKey(part, g), width) : part.hashes[g];
  }
  /// Finds or creates the group with this key; returns its state block (null without aggregates).
  uint8_t* FindOrCreate(uint64_t hash, const uint8_t* key, uint32_t length);
  /// Rebuilds `part`'s slot array with `slots` slots (a power of two).
  void Resize(Partition& part, idx_t slots);
  void GrowFor(idx_t extra_groups);
  /// Charges the table's reservation for `bytes` in all, before the table grows to hold them.
  /// Throws 53200 past the limit, or past the spill threshold (StopGrowingAtSpillThreshold).
  void ChargeForGrowth(uint64_t bytes);
  void FindOrCreateEncoded(const EncodedKeys& keys, idx_t count, uint8_t** states);
  /// FindOrCreateGroups when every key column is a dictionary vector and the dictionaries are
  /// those of the previous chunk (a Parquet column chunk's): the group of each combination of
  /// dictionary entries is remembered (DictionaryCache), so a row takes its group from its
  /// entries' positions, without encoding or probing its key. False (nothing done) when the
  /// chunk does not qualify.
  bool FindOrCreateCached(const Vector* groups, idx_t count, uint8_t** states);
  /// FindOrCreateGroups of one dictionary key column whose chunk uses few distinct entries:
  /// encodes and probes each entry once. False (nothing done) when the chunk does not qualify.
  bool FindOrCreateDictionary(const Vector& group, idx_t count, uint8_t** states);
  /// For a set (no states wanted) of one dictionary key column: inserts the chunk's entries
  /// that this table has not inserted since the dictionary last changed (InsertedEntries), so
  /// once every entry is in, a chunk over the same dictionary costs nothing. False (nothing
  /// done) when the chunk does not qualify (an index past its dictionary, a dictionary of more
  /// than kDictionaryCacheCodes entries).
  bool InsertDictionaryEntries(const Vector& group, idx_t count);
  /// Prefetches the slots (and likely groups) rows 0..count-1 of `keys` will probe.
  void PrefetchGroups(const EncodedKeys& keys, idx_t count) const;
  void CombineStates(const uint8_t* source, uint8_t* target) const;
  /// Returns `bytes` of a taken or released partition to the tracker (thread-safe: partitions
  /// are taken and released by concurrent finalize tasks).
  void ReleaseMemory(uint64_t bytes);

  KeyEncoder encoder_;
  std::vector<const AggregateFunction*> aggregates_;
  std::vector<idx_t> state_offsets_;
  idx_t state_size_ = 0;
  idx_t radix_bits_ = 0;
  unsigned salt_shift_ = 32;  // salt >> salt_shift_ = partition

  idx_t group_count_ = 0;
  std::vector<Partition> partitions_;
  EncodedKeys scratch_;
  /// FindOrCreateCached's memory: the state block of each combination of dictionary entries
  /// (code = sum of entry index x stride) seen with the current dictionaries. Groups never move
  /// while a table grows, so the pointers stay valid.
  struct DictionaryCache {
    std::vector<std::shared_ptr<Vector>> dictionaries;  // held: their addresses are their identity
    std::vector<idx_t> sizes, strides;
    std::vector<uint8_t*> states;    // per code; null: not seen yet
    std::vector<uint32_t> filled;    // codes set (cleared when the dictionaries change)
    std::vector<uint32_t> row_codes;
    SelectionVector misses{kStandardVectorSize};
    std::vector<uint8_t*> miss_states;
    idx_t chunks = 0, changes = 0;   // a cache whose dictionaries change most chunks is dropped
    bool disabled = false;
  };
  DictionaryCache dictionary_cache_;
  /// Most combinations of dictionary entries the cache maps (8 bytes each).
  static constexpr idx_t kDictionaryCacheCodes = idx_t(1) << 16;
  /// A set's record of the dictionary entries it holds (InsertDictionaryEntries).
  struct InsertedEntries {
    std::shared_ptr<Vector> dictionary;  // held: its address is its identity
    std::vector<uint8_t> inserted;       // per entry: 1 once in the table
    idx_t missing = 0;                   // entries not inserted yet
    std::vector<sel_t> fresh;            // this chunk's entries to insert
  };
  InsertedEntries inserted_entries_;
  KeyEncoder::DictionaryScratch dictionary_scratch_;  // FindOrCreateDictionary's entries
  std::vector<uint8_t*> dictionary_states_;
  MemoryReservation memory_;
  std::mutex release_mutex_;  // guards memory_ and released_ in ReleaseMemory
  uint64_t released_ = 0;     // bytes released but not yet given back (less than a block)
  bool stop_at_spill_threshold_ = false;
};

}  // namespace cairn
