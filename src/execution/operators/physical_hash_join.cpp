#include "execution/operators/physical_hash_join.h"

#include <algorithm>

#include <atomic>
#include <cstring>
#include <optional>

#include "cairn/exception.h"
#include "common/memory_tracker.h"
#include "execution/aggregate_hash_table.h"
#include "execution/chunk_memory.h"
#include "execution/execution_state.h"
#include "execution/expression_executor.h"
#include "execution/spill_file.h"
#include "function/cast.h"

namespace cairn {

namespace {

/// The values of one build key seen so far, for its JoinKeyFilter.
struct KeyBounds {
  bool any = false;       // a non-NULL value was seen
  bool has_null = false;  // a NULL was seen
  int64_t min = 0, max = 0;  // integer-like keys: the non-NULL values' bounds (when `any`)

  void Update(const Vector& keys, idx_t count, bool integer_like) {
    if (!integer_like) {
      UnifiedFormat format;
      keys.ToUnified(count, format);
      for (idx_t i = 0; i < count; i++) (format.validity->RowIsValid(format.sel->get_index(i)) ? any : has_null) = true;
      return;
    }
    JoinKeyFilter::ForEachIntegerKey(
        keys, count,
        [&](int64_t v) {
          if (!any) {
            any = true;
            min = max = v;
          } else {
            min = std::min(min, v);
            max = std::max(max, v);
          }
        },
        [&] { has_null = true; });
  }

  void Merge(const KeyBounds& other) {
    has_null |= other.has_null;
    if (!other.any) return;
    if (!any) {
      *this = KeyBounds{true, has_null, other.min, other.max};
      return;
    }
    min = std::min(min, other.min);
    max = std::max(max, other.max);
  }
};

struct BuildLocalState : LocalSinkState {
  ExpressionExecutor key_executor;
  std::vector<KeyBounds> key_bounds;  // per join key filter
  KeyBounds direct_bounds;            // the key's bounds, for a direct table (direct_candidate_)
  DataChunk keys;
  DataChunk combined;
  RowCollection rows;
  // Build-side deduplication (PhysicalHashJoin::DeduplicatesBuild): the keys this thread has
  // kept, null once it stopped (too few duplicates, or the memory limit).
  std::unique_ptr<AggregateHashTable> distinct_keys;
  SelectionVector new_keys{kStandardVectorSize};
  idx_t window_rows = 0;  // rows seen since the last check
  idx_t window_kept = 0;  // of which kept
};

/// A finalize task's share of the build: chunks [first_chunk, end_chunk) of the build
/// collection, whose first row is `first_row`.
struct BuildRange {
  idx_t first_chunk;
  idx_t end_chunk;
  idx_t first_row;
};

bool IsSemiOrAnti(JoinType t) { return t == JoinType::SEMI || t == JoinType::ANTI; }

/// Drops from the sink's combined chunk the rows whose key this thread kept before (see
/// PhysicalHashJoin::DeduplicatesBuild).
void DeduplicateBuildRows(BuildLocalState& state) {
  const idx_t count = state.combined.size();
  if (count > kStandardVectorSize) return;  // new_keys holds one chunk's rows
  try {
    const idx_t kept = state.distinct_keys->InsertDistinct(state.keys.data.data(), count, state.new_keys);
    if (kept < count) state.combined.Slice(state.new_keys, kept);
    state.window_rows += count;
    state.window_kept += kept;
  } catch (const Exception& e) {
    // The key set could not grow: keep every row from now on (duplicates are only slower).
    if (e.sqlstate() != sqlstate::kOutOfMemory) throw;
    state.distinct_keys.reset();
    return;
  }
  if (state.window_rows >= PhysicalHashJoin::kDeduplicationWindowRows) {
    // Mostly new keys: deduplicating costs more than the rows it saves.
    if (state.window_kept * 2 > state.window_rows) state.distinct_keys.reset();
    state.window_rows = state.window_kept = 0;
  }
}

}  // namespace

struct PhysicalHashJoin::BuildState : GlobalSinkState {
  explicit BuildState(std::vector<LogicalType> stored) : build(std::move(stored), "HASH_JOIN") {}
  std::mutex mutex;  // guards `build` during Combine
  RowCollection build;  // right columns ++ key columns
  MemoryReservation table_memory{"HASH_JOIN"};  // the hash table built by Finalize
  // Finalized table (read-only afterwards, except the matched flags).
  // Build row r's entry: entry_stride bytes at Entry(r) — uint32 chain link (the next entry's
  // build row + 1, 0 = end), uint32 tag (the key hash's high 32 bits, a cheap first test), then
  // the key. Keys of a fixed width up to kInlineKeyBytes (integers, dates, a few fixed-size
  // columns: the common join keys) are stored in the entry itself (8 bytes or 16, by their
  // width), so a probe compares them without another cache miss; longer keys are a pointer into
  // key_buffers and their uint32 length (16 bytes).
  static constexpr uint32_t kInlineKeyBytes = 16;
  static constexpr uint32_t kKeyOffset = 8;
  std::unique_ptr<uint64_t[]> entries;  // n * entry_stride bytes (not zero-filled: finalize writes each)
  uint32_t entry_stride = 0;
  uint32_t inline_width = 0;         // keys stored in the entries (their fixed width), or 0
  std::vector<uint32_t> buckets;  // head: build row + 1, 0 = empty (filled with atomic exchanges)
  uint64_t mask = 0;
  // Direct table (see the header): `buckets` holds a head per key - direct_min; direct_next[r]
  // is build row r's chain link (the next row of the same key + 1, 0 = end). No entries.
  KeyBounds direct_bounds;  // merged by Combine under `mutex`
  bool direct = false;
  int64_t direct_min = 0;
  std::unique_ptr<uint32_t[]> direct_next;  // per build row (not zero-filled: finalize writes each)

  uint8_t* Entry(uint64_t r) { return reinterpret_cast<uint8_t*>(entries.get()) + r * entry_stride; }
  const uint8_t* Entry(uint64_t r) const { return reinterpret_cast<const uint8_t*>(entries.get()) + r * entry_stride; }
  static uint32_t Tag(uint64_t hash) { return static_cast<uint32_t>(hash >> 32); }
  static uint32_t Next(const uint8_t* entry) {
    uint32_t next;
    std::memcpy(&next, entry, sizeof(next));
    return next;
  }
  /// Whether `entry` holds the key `probe_key` (`length` bytes) whose hash is `h`.
  bool Matches(const uint8_t* entry, uint64_t h, const uint8_t* probe_key, uint32_t length) const {
    uint32_t tag;
    std::memcpy(&tag, entry + sizeof(uint32_t), sizeof(tag));
    if (tag != Tag(h)) return false;
    const uint8_t* key = entry + kKeyOffset;
    if (inline_width) return EncodedKeysEqual(key, probe_key, inline_width);  // every key has that width
    const uint8_t* stored;
    uint32_t stored_length;
    std::memcpy(&stored, key, sizeof(stored));
    std::memcpy(&stored_length, key + sizeof(stored), sizeof(stored_length));
    return stored_length == length && EncodedKeysEqual(stored, probe_key, length);
  }
  std::vector<BuildRange> ranges;                 // the finalize tasks
  std::vector<std::vector<uint8_t>> key_buffers;  // per range: its rows' encoded keys
  std::unique_ptr<std::atomic<uint8_t>[]> matched;  // RIGHT/FULL: build row matched by some probe
  std::atomic<bool> has_null_key{false};            // some build row has a NULL (non-null-equal) key
  // Join key filters (EnableJoinKeyFilter): the keys' bounds (merged by Combine under `mutex`),
  // the filters Finalize creates, and whether they are complete (GetJoinKeyFilter).
  std::vector<KeyBounds> key_bounds;
  std::vector<std::shared_ptr<JoinKeyFilter>> key_filters;  // null entries: none for that key
  std::atomic<bool> key_filters_published{false};

  // Spilling (grace hash join, see the header). `spilling`: set by the first thread that found
  // memory short; `spilled`: Finalize wrote the whole build side to the partitions' files, so
  // probes write their rows there too and the final source joins partition by partition.
  struct SpillPartition {
    std::mutex mutex;  // guards the appends to both files
    std::unique_ptr<SpillFile> build, probe;
  };
  std::atomic<bool> spilling{false};
  bool spilled = false;
  bool is_partition = false;  // the build side of one spilled partition: never spills again
  std::once_flag partitions_created;
  std::vector<std::unique_ptr<SpillPartition>> partitions;
  std::atomic<idx_t> next_partition{0};  // the final source's cursor over partitions
};

namespace {

/// The probe's view of the execution: the build side's table (complete before any probe runs).
struct ProbeGlobalState : GlobalOperatorState {
  explicit ProbeGlobalState(PhysicalHashJoin::BuildState& build) : build(build) {}
  PhysicalHashJoin::BuildState& build;
};

struct OuterJoinScanState : GlobalSourceState {
  explicit OuterJoinScanState(PhysicalHashJoin::BuildState& build) : build(build) {}
  PhysicalHashJoin::BuildState& build;
  std::atomic<idx_t> next_chunk{0};
};

/// A thread's progress through the spilled partitions in the final source.
struct SpilledJoinCursor : LocalSourceState {
  idx_t partition = 0;
  std::unique_ptr<PhysicalHashJoin::BuildState> build;  // the partition's build side (null: none taken)
  std::unique_ptr<ProbeGlobalState> probe_global;
  std::unique_ptr<OperatorState> probe;
  DataChunk probe_chunk;
  idx_t next_probe_chunk = 0;
  bool pending = false;  // the probe returned HAVE_MORE_OUTPUT for probe_chunk
  idx_t next_unmatched = 0;
};

}  // namespace

struct PhysicalHashJoin::ProbeState : OperatorState {
  ExpressionExecutor key_executor;
  std::unique_ptr<ExpressionExecutor> residual;
  DataChunk keys;
  EncodedKeys encoded;
  KeyEncoder::DictionaryScratch dictionary;  // EncodeProbeKeys of dictionary keys
  // ProbeDictionary: the probe key's dictionary last seen and, per entry probed so far, its
  // build row + 2 (1: no match, 0: not probed yet); `dictionary_multi`: some entry matched
  // several build rows (the ordinary path then serves this dictionary).
  std::shared_ptr<Vector> probe_dictionary;
  std::vector<uint64_t> entry_match;
  bool dictionary_multi = false;
  std::vector<sel_t> unprobed;
  EncodedKeys unprobed_encoded;
  bool active = false;
  bool final_phase = false;
  idx_t probe_row = 0;                // position in `candidates`
  std::vector<sel_t> candidates;       // the chunk's rows whose bucket is not empty, ascending
  idx_t candidate_count = 0;
  std::vector<uint64_t> chain;         // per input row: the next chain entry to look at
  std::vector<uint8_t> probe_matched;    // per input row: matches seen (SINGLE: up to 2)
  std::vector<uint8_t> probe_null_key;   // MARK null-aware: the row's key is NULL
  std::vector<uint8_t> probe_mark_null;  // MARK: some candidate's mark condition was NULL
  std::unique_ptr<ExpressionExecutor> mark_condition;
  Vector mark_result;
  std::vector<sel_t> probe_rows = std::vector<sel_t>(kStandardVectorSize);
  std::vector<uint64_t> build_rows = std::vector<uint64_t>(kStandardVectorSize);
  SelectionVector residual_sel{kStandardVectorSize};
  std::vector<Vector> null_right;  // CONSTANT NULL per right column
};

PhysicalHashJoin::PhysicalHashJoin(std::vector<LogicalType> types, JoinType join_type, std::vector<ExpressionPtr> left_keys,
                                   std::vector<ExpressionPtr> right_keys, ExpressionPtr residual,
                                   std::vector<LogicalType> left_types, std::vector<LogicalType> right_types,
                                   HashJoinSubqueryOptions subquery_options)
    : PhysicalOperator(PhysicalOperatorType::HASH_JOIN, std::move(types)), join_type_(join_type),
      left_keys_(std::move(left_keys)), right_keys_(std::move(right_keys)), residual_(std::move(residual)),
      null_equal_keys_([&] {
        std::vector<bool> flags = subquery_options.null_equal_keys;
        flags.resize(left_keys_.size(), false);
        return flags;
      }()),
      any_null_equal_key_(std::find(null_equal_keys_.begin(), null_equal_keys_.end(), true) != null_equal_keys_.end()),
      mark_condition_(std::move(subquery_options.mark_condition)), mark_null_aware_(subquery_options.mark_null_aware),
      spillable_(subquery_options.spillable),
      left_types_(std::move(left_types)), right_types_(std::move(right_types)), encoder_([&] {
        std::vector<LogicalType> k;
        for (auto& e : right_keys_) k.push_back(e->return_type);
        return k;
      }()) {
  if (left_keys_.size() != right_keys_.size()) {
    throw Exception(sqlstate::kInternalError, "join has mismatched key counts");
  }
  key_types_ = encoder_.types();
  stored_types_ = right_types_;
  for (idx_t k = 0; k < right_keys_.size(); k++) {
    const Expression& key = *right_keys_[k];
    if (key.expression_class == ExpressionClass::REFERENCE) {
      const idx_t column = static_cast<const BoundReference&>(key).index;
      if (column < right_types_.size() && right_types_[column] == key_types_[k]) {
        key_columns_.push_back(column);
        keys_stored_apart_ = false;
        continue;
      }
    }
    key_columns_.push_back(stored_types_.size());
    stored_types_.push_back(key_types_[k]);
  }
  direct_candidate_ = key_types_.size() == 1 && JoinKeyFilter::IsIntegerLike(key_types_[0]) && !any_null_equal_key_;
}

const Vector* PhysicalHashJoin::StoredKeys(const DataChunk& rows, std::vector<Vector>& scratch) const {
  if (keys_stored_apart_) return rows.data.data() + right_types_.size();
  scratch.resize(key_columns_.size());
  for (idx_t k = 0; k < key_columns_.size(); k++) scratch[k] = rows.data[key_columns_[k]];
  return scratch.data();
}

void PhysicalHashJoin::ApplyNullEqualKeys(const Vector* keys, idx_t count, EncodedKeys& encoded) const {
  if (!any_null_equal_key_) return;
  std::fill(encoded.has_null.begin(), encoded.has_null.begin() + count, 0);
  for (idx_t k = 0; k < null_equal_keys_.size(); k++) {
    if (null_equal_keys_[k]) continue;
    UnifiedFormat format;
    keys[k].ToUnified(count, format);
    for (idx_t i = 0; i < count; i++) {
      if (!format.validity->RowIsValid(format.sel->get_index(i))) encoded.has_null[i] = 1;
    }
  }
}

// ---- build ----

std::unique_ptr<GlobalSinkState> PhysicalHashJoin::GetGlobalSinkState(ExecutionState&) const {
  auto state = std::make_unique<BuildState>(stored_types_);
  state->key_bounds.resize(key_filters_.size());
  return state;
}

std::unique_ptr<LocalSinkState> PhysicalHashJoin::GetLocalSinkState(GlobalSinkState&) const {
  auto state = std::make_unique<BuildLocalState>();
  for (auto& k : right_keys_) state->key_executor.AddExpression(*k);
  state->keys.data.resize(right_keys_.size());
  state->key_bounds.resize(key_filters_.size());
  state->rows = RowCollection(stored_types_, "HASH_JOIN");
  if (DeduplicatesBuild()) {
    state->distinct_keys = std::make_unique<AggregateHashTable>(key_types_, std::vector<const AggregateFunction*>{},
                                                                "HASH_JOIN");
  }
  return state;
}

bool PhysicalHashJoin::DeduplicatesBuild() const {
  const bool existence_only = IsSemiOrAnti(join_type_) || join_type_ == JoinType::MARK;
  return existence_only && !left_keys_.empty() && !residual_ && !mark_condition_;
}


bool PhysicalHashJoin::Spillable() const {
  return spillable_ && !left_keys_.empty() && join_type_ != JoinType::MARK && join_type_ != JoinType::SINGLE &&
         join_type_ != JoinType::CROSS;
}

bool PhysicalHashJoin::MarksBuildRows() const {
  return join_type_ == JoinType::RIGHT || join_type_ == JoinType::FULL || OutputsRightOnly(join_type_);
}

void PhysicalHashJoin::CreatePartitions(BuildState& g) const {
  std::call_once(g.partitions_created, [&] {
    const std::string directory = CurrentTemporaryDirectory();
    std::vector<std::unique_ptr<BuildState::SpillPartition>> partitions;
    for (idx_t p = 0; p < kSpillPartitions; p++) {
      auto partition = std::make_unique<BuildState::SpillPartition>();
      partition->build = std::make_unique<SpillFile>(directory);
      partition->probe = std::make_unique<SpillFile>(directory);
      partitions.push_back(std::move(partition));
    }
    g.partitions = std::move(partitions);
  });
}

void PhysicalHashJoin::SpillRows(BuildState& g, const DataChunk& rows, const uint64_t* hashes, bool build_side) const {
  const idx_t n = rows.size();
  if (n == 0) return;
  std::vector<idx_t> counts(kSpillPartitions, 0);
  std::vector<SelectionVector> sels;
  for (idx_t p = 0; p < kSpillPartitions; p++) sels.emplace_back(n);
  for (idx_t i = 0; i < n; i++) {
    const idx_t p = hashes[i] >> (64 - kSpillPartitionBits);
    sels[p].set_index(counts[p]++, i);
  }
  for (idx_t p = 0; p < kSpillPartitions; p++) {
    if (counts[p] == 0) continue;
    DataChunk slice;
    slice.Reference(rows);
    if (counts[p] < n) slice.Slice(sels[p], counts[p]);
    BuildState::SpillPartition& partition = *g.partitions[p];
    std::lock_guard<std::mutex> lock(partition.mutex);
    (build_side ? partition.build : partition.probe)->Append(slice);
  }
}

void PhysicalHashJoin::SpillBuildRows(BuildState& g, const DataChunk& rows) const {
  CreatePartitions(g);
  EncodedKeys encoded;
  std::vector<Vector> scratch;
  encoder_.Encode(StoredKeys(rows, scratch), rows.size(), encoded);
  SpillRows(g, rows, encoded.hashes.data(), /*build_side=*/true);
}

void PhysicalHashJoin::SpillBuildCollection(BuildState& g, RowCollection& rows) const {
  for (idx_t c = 0; c < rows.ChunkCount(); c++) SpillBuildRows(g, rows.GetChunk(c));
  rows = RowCollection(stored_types_, "HASH_JOIN");
}

SinkResult PhysicalHashJoin::Sink(DataChunk& input, GlobalSinkState& gstate, LocalSinkState& state_p) const {
  auto& state = static_cast<BuildLocalState&>(state_p);
  if (input.size() == 0) return SinkResult::NEED_MORE_INPUT;
  state.key_executor.Execute(input, state.keys);
  for (idx_t f = 0; f < key_filters_.size(); f++) {
    const idx_t key = key_filters_[f].key;
    state.key_bounds[f].Update(state.keys.data[key], input.size(), JoinKeyFilter::IsIntegerLike(key_types_[key]));
  }
  if (direct_candidate_) state.direct_bounds.Update(state.keys.data[0], input.size(), /*integer_like=*/true);
  state.combined.data = input.data;
  for (idx_t k = 0; k < key_columns_.size(); k++) {
    if (key_columns_[k] >= right_types_.size()) state.combined.data.push_back(state.keys.data[k]);
  }
  state.combined.SetCardinality(input.size());
  if (state.distinct_keys) {
    DeduplicateBuildRows(state);
    if (state.combined.size() == 0) return SinkResult::NEED_MORE_INPUT;
  }
  auto& g = static_cast<BuildState&>(gstate);
  if (Spillable() && !g.is_partition) {
    if (!g.spilling.load(std::memory_order_relaxed)) {
      // The rows held here will need about as much again for the hash table.
      const auto& tracker = MemoryTracker::Current();
      if (tracker && tracker->ShouldSpill(state.rows.MemoryBytes())) g.spilling.store(true);
    }
    if (g.spilling.load(std::memory_order_relaxed)) {
      if (state.rows.Count() > 0) SpillBuildCollection(g, state.rows);
      SpillBuildRows(g, state.combined);
      return SinkResult::NEED_MORE_INPUT;
    }
  }
  state.rows.Append(state.combined);
  return SinkResult::NEED_MORE_INPUT;
}

void PhysicalHashJoin::Combine(GlobalSinkState& gstate, LocalSinkState& state_p) const {
  auto& global = static_cast<BuildState&>(gstate);
  auto& state = static_cast<BuildLocalState&>(state_p);
  if (!key_filters_.empty()) {
    std::lock_guard<std::mutex> lock(global.mutex);
    for (idx_t f = 0; f < key_filters_.size(); f++) global.key_bounds[f].Merge(state.key_bounds[f]);
  }
  if (global.spilling.load()) {
    SpillBuildCollection(global, state.rows);
    return;
  }
  std::lock_guard<std::mutex> lock(global.mutex);
  global.direct_bounds.Merge(state.direct_bounds);
  global.build.Combine(std::move(state.rows));
}

idx_t PhysicalHashJoin::Finalize(GlobalSinkState& gstate) const {
  auto& g = static_cast<BuildState&>(gstate);
  const idx_t n = g.build.Count();
  // The hash table, charged before it is allocated: per build row an entry and two bucket
  // slots (buckets are the power of two >= 2n), plus the encoded keys that do not fit in the
  // entries (estimated from the stored key columns).
  const uint32_t fixed_width = encoder_.fixed_width();
  const bool inline_keys = fixed_width > 0 && fixed_width <= BuildState::kInlineKeyBytes;
  const uint32_t entry_stride = BuildState::kKeyOffset + (inline_keys && fixed_width <= 8 ? 8 : 16);
  uint64_t key_bytes = 0;
  for (idx_t c = 0; !inline_keys && c < g.build.ChunkCount(); c++) {
    const DataChunk& chunk = g.build.GetChunk(c);
    for (idx_t column : key_columns_) key_bytes += VectorMemoryBytes(chunk.data[column]);
  }
  // A direct table: at most kDirectSlotsPerRow slots per row (the key's span, from the bounds
  // Sink tracked; a spilled partition's build has none and is hashed).
  uint64_t direct_slots = 0;
  const KeyBounds& bounds = g.direct_bounds;
  if (direct_candidate_ && !g.is_partition && bounds.any && n <= kMaxTableRows) {
    const uint64_t span = static_cast<uint64_t>(bounds.max) - static_cast<uint64_t>(bounds.min);  // slots - 1
    if (span < std::max<uint64_t>(kDirectSlotsPerRow * n, kMinDirectSlots) && span < kMaxTableRows) direct_slots = span + 1;
  }
  const uint64_t table_bytes = direct_slots > 0 ? (direct_slots + n) * sizeof(uint32_t)
                                                : n * (entry_stride + 2 * sizeof(uint32_t)) + key_bytes;
  if (Spillable() && !g.is_partition) {
    const auto& tracker = MemoryTracker::Current();
    if (g.spilling.load() || n > kMaxTableRows || (tracker && tracker->ShouldSpill(table_bytes))) {
      // Grace hash join: the whole build side goes to the partitions' files; the probe writes
      // its rows there too, and the final source joins one partition at a time.
      g.spilling.store(true);
      CreatePartitions(g);
      SpillBuildCollection(g, g.build);
      for (auto& partition : g.partitions) partition->build->FinishWriting();
      g.spilled = true;
      if (!key_filters_.empty()) {
        CreateKeyFilters(g, /*exact=*/false);
        PublishKeyFilters(g, /*exact=*/false);
      }
      return 0;
    }
  }
  if (n > kMaxTableRows) {
    throw Exception(sqlstate::kProgramLimitExceeded, "hash join build side of " + std::to_string(n) +
                                                         " rows exceeds the limit of " + std::to_string(kMaxTableRows) +
                                                         " rows of one hash table");
  }
  g.table_memory.Resize(table_bytes);
  if (direct_slots > 0) {
    g.direct = true;
    g.direct_min = bounds.min;
    g.buckets.assign(direct_slots, 0);
    g.direct_next = std::make_unique_for_overwrite<uint32_t[]>(std::max<idx_t>(n, 1));
  } else {
    g.entry_stride = entry_stride;
    g.entries = std::make_unique_for_overwrite<uint64_t[]>(std::max<idx_t>(n, 1) * entry_stride / sizeof(uint64_t));
    g.inline_width = inline_keys ? fixed_width : 0;
    idx_t buckets = 1;
    while (buckets < 2 * n) buckets <<= 1;
    g.buckets.assign(buckets, 0);
    g.mask = buckets - 1;
  }
  // Finalize tasks of about kBuildRangeRows rows each encode their rows' keys and link the rows
  // into the bucket chains.
  idx_t row = 0;
  for (idx_t c = 0; c < g.build.ChunkCount();) {
    BuildRange range{c, c, row};
    idx_t rows = 0;
    while (range.end_chunk < g.build.ChunkCount() && rows < kBuildRangeRows) rows += g.build.GetChunk(range.end_chunk++).size();
    g.ranges.push_back(range);
    row += rows;
    c = range.end_chunk;
  }
  g.key_buffers.resize(g.ranges.size());
  if (!key_filters_.empty() && !g.is_partition) CreateKeyFilters(g, /*exact=*/true);
  if (g.ranges.size() > 1) return g.ranges.size();
  for (idx_t t = 0; t < g.ranges.size(); t++) ExecuteFinalizeTask(gstate, t);
  return FinishFinalizeRound(gstate);
}

void PhysicalHashJoin::AddToKeyBitmaps(BuildState& g, const Vector* keys, idx_t count) const {
  for (idx_t f = 0; f < g.key_filters.size(); f++) {
    if (g.key_filters[f] && g.key_filters[f]->has_bitmap()) g.key_filters[f]->AddToBitmap(keys[key_filters_[f].key], count);
  }
}

void PhysicalHashJoin::LinkDirect(BuildState& g, idx_t task) const {
  const BuildRange& range = g.ranges[task];
  std::vector<Vector> key_scratch;
  constexpr uint32_t kNoSlot = UINT32_MAX;  // a NULL key: in no chain
  std::vector<uint32_t> slots;
  uint32_t* heads = g.buckets.data();
  const uint64_t slot_count = g.buckets.size();
  const bool prefetch = slot_count > kPrefetchMinBuckets;
  idx_t row = range.first_row;
  for (idx_t c = range.first_chunk; c < range.end_chunk; c++) {
    const DataChunk& chunk = g.build.GetChunk(c);
    const Vector* keys = StoredKeys(chunk, key_scratch);
    AddToKeyBitmaps(g, keys, chunk.size());
    slots.resize(chunk.size());
    idx_t i = 0;
    JoinKeyFilter::ForEachIntegerKey(
        keys[0], chunk.size(),
        [&](int64_t v) {
          const uint64_t slot = static_cast<uint64_t>(v) - static_cast<uint64_t>(g.direct_min);
          if (slot >= slot_count) throw Exception(sqlstate::kInternalError, "join key outside its direct table");
          slots[i++] = static_cast<uint32_t>(slot);
        },
        [&] { slots[i++] = kNoSlot; });
    if (prefetch) {
      for (uint32_t slot : slots) {
        if (slot != kNoSlot) __builtin_prefetch(&heads[slot], 1);
      }
    }
    for (idx_t k = 0; k < chunk.size(); k++, row++) {
      if (slots[k] == kNoSlot) {
        g.direct_next[row] = 0;
        if (mark_null_aware_) g.has_null_key.store(true, std::memory_order_relaxed);
        continue;
      }
      std::atomic_ref<uint32_t> head(heads[slots[k]]);
      g.direct_next[row] = head.exchange(static_cast<uint32_t>(row + 1), std::memory_order_relaxed);
    }
  }
}

void PhysicalHashJoin::ExecuteFinalizeTask(GlobalSinkState& gstate, idx_t task) const {
  auto& g = static_cast<BuildState&>(gstate);
  if (g.direct) {
    LinkDirect(g, task);
    return;
  }
  const BuildRange& range = g.ranges[task];
  const uint32_t inline_width = g.inline_width;
  std::vector<uint8_t>& buffer = g.key_buffers[task];
  EncodedKeys encoded;
  std::vector<Vector> key_scratch;
  std::vector<uint64_t> hashes;  // out-of-line keys: the hashes of the rows to link
  // Pushes row r (whose key hash is `hash`) on its bucket's chain; other tasks push concurrently.
  auto link = [&](uint8_t* entry, uint64_t hash, idx_t r) {
    std::atomic_ref<uint32_t> head(g.buckets[hash & g.mask]);
    const uint32_t next = head.exchange(static_cast<uint32_t>(r + 1), std::memory_order_relaxed);
    std::memcpy(entry, &next, sizeof(next));
  };
  constexpr uint32_t kNullKey = UINT32_MAX;  // the stored length of a row with a NULL key
  // Encode first; out-of-line keys are placed once the buffer is complete (it grows meanwhile),
  // inline keys are linked at once.
  idx_t row = range.first_row;
  for (idx_t c = range.first_chunk; c < range.end_chunk; c++) {
    const DataChunk& chunk = g.build.GetChunk(c);
    const Vector* keys = StoredKeys(chunk, key_scratch);
    AddToKeyBitmaps(g, keys, chunk.size());
    encoder_.Encode(keys, chunk.size(), encoded);
    ApplyNullEqualKeys(keys, chunk.size(), encoded);
    if (!inline_width && c == range.first_chunk && encoded.count > 0) {
      buffer.reserve(size_t(encoded.offsets[encoded.count]) * (range.end_chunk - range.first_chunk) + 16);
    }
    const bool prefetch = inline_width && g.mask >= kPrefetchMinBuckets;
    if (prefetch) {
      // The chunk's bucket heads are requested before the exchanges below (each a locked
      // instruction that would otherwise wait out its cache miss alone).
      for (idx_t i = 0; i < chunk.size(); i++) __builtin_prefetch(&g.buckets[encoded.hashes[i] & g.mask], 1);
    }
    for (idx_t i = 0; i < chunk.size(); i++, row++) {
      uint8_t* entry = g.Entry(row);
      const uint32_t no_next = 0, tag = BuildState::Tag(encoded.hashes[i]);
      std::memcpy(entry, &no_next, sizeof(no_next));
      std::memcpy(entry + sizeof(uint32_t), &tag, sizeof(tag));
      uint8_t* key = entry + BuildState::kKeyOffset;
      if (encoded.has_null[i]) {  // a NULL key never matches: not in any chain
        if (mark_null_aware_) g.has_null_key.store(true, std::memory_order_relaxed);
        if (!inline_width) std::memcpy(key + sizeof(uint64_t), &kNullKey, sizeof(kNullKey));
        continue;
      }
      if (inline_width) {
        std::memcpy(key, encoded.Key(i), inline_width);
        link(entry, encoded.hashes[i], row);
        continue;
      }
      const uint64_t offset = buffer.size();  // a pointer once the buffer is final
      const uint32_t length = encoded.Length(i);
      std::memcpy(key, &offset, sizeof(offset));
      std::memcpy(key + sizeof(offset), &length, sizeof(length));
      buffer.insert(buffer.end(), encoded.Key(i), encoded.Key(i) + length);
      hashes.push_back(encoded.hashes[i]);
    }
  }
  if (inline_width) return;
  // Out-of-line keys: the chains are linked once the buffer is final (`hashes`: the linked
  // rows' hashes, in row order).
  idx_t next_hash = 0;
  for (idx_t r = range.first_row; r < row; r++) {
    uint8_t* entry = g.Entry(r);
    uint8_t* key = entry + BuildState::kKeyOffset;
    uint32_t length;
    std::memcpy(&length, key + sizeof(uint64_t), sizeof(length));
    if (length == kNullKey) continue;  // its offset was never written
    uint64_t offset;
    std::memcpy(&offset, key, sizeof(offset));
    const uint8_t* stored = buffer.data() + offset;
    std::memcpy(key, &stored, sizeof(stored));
    link(entry, hashes[next_hash++], r);
  }
}

idx_t PhysicalHashJoin::FinishFinalizeRound(GlobalSinkState& gstate) const {
  auto& g = static_cast<BuildState&>(gstate);
  const idx_t n = g.build.Count();
  if (MarksBuildRows()) {
    g.matched.reset(new std::atomic<uint8_t>[std::max<idx_t>(n, 1)]);
    for (idx_t r = 0; r < n; r++) g.matched[r].store(0, std::memory_order_relaxed);
  }
  if (!key_filters_.empty() && !g.is_partition) PublishKeyFilters(g, /*exact=*/true);
  return 0;
}

// ---- join key filters ----

bool PhysicalHashJoin::ProbeRowsNeedMatch() const {
  switch (join_type_) {
    case JoinType::INNER:
    case JoinType::SEMI:
    case JoinType::RIGHT:
    case JoinType::RIGHT_SEMI:
    case JoinType::RIGHT_ANTI: return !left_keys_.empty();
    default: return false;
  }
}

std::optional<idx_t> PhysicalHashJoin::EnableJoinKeyFilter(idx_t key, idx_t source_column) {
  if (!ProbeRowsNeedMatch() || key >= key_types_.size() || !JoinKeyFilter::Eligible(key_types_[key]) ||
      left_keys_[key]->return_type != key_types_[key]) {
    return std::nullopt;
  }
  key_filters_.push_back(KeyFilterSpec{key, source_column});
  return key_filters_.size() - 1;
}

std::shared_ptr<const JoinKeyFilter> PhysicalHashJoin::GetJoinKeyFilter(ExecutionState& execution, idx_t filter) const {
  auto& g = static_cast<BuildState&>(execution.sink_state(*this));
  if (!g.key_filters_published.load(std::memory_order_acquire) || filter >= g.key_filters.size()) return nullptr;
  return g.key_filters[filter];
}

void PhysicalHashJoin::CreateKeyFilters(BuildState& g, bool exact) const {
  g.key_filters.assign(key_filters_.size(), nullptr);
  for (idx_t f = 0; f < key_filters_.size(); f++) {
    const KeyFilterSpec& spec = key_filters_[f];
    const KeyBounds& bounds = g.key_bounds[f];
    const LogicalType& type = key_types_[spec.key];
    auto filter = std::make_shared<JoinKeyFilter>(spec.column, type, null_equal_keys_[spec.key] && bounds.has_null);
    if (bounds.any && JoinKeyFilter::IsIntegerLike(type)) filter->SetBounds(bounds.min, bounds.max, /*bitmap=*/exact);
    g.key_filters[f] = std::move(filter);
  }
}

void PhysicalHashJoin::PublishKeyFilters(BuildState& g, bool exact) const {
  const bool small = g.build.Count() <= JoinKeyFilter::kMaxSetValues;
  for (idx_t f = 0; f < g.key_filters.size(); f++) {
    std::shared_ptr<JoinKeyFilter>& filter = g.key_filters[f];
    const idx_t key = key_filters_[f].key;
    const bool integer_like = JoinKeyFilter::IsIntegerLike(key_types_[key]);
    const bool any = g.key_bounds[f].any;
    if (any && exact && small && !filter->has_bitmap()) {
      for (idx_t c = 0; c < g.build.ChunkCount(); c++) {
        const DataChunk& chunk = g.build.GetChunk(c);
        filter->AddToSet(chunk.data[key_columns_[key]], chunk.size());
      }
    }
    filter->Seal();
    // A VARCHAR key without its set says nothing.
    if (any && !integer_like && !filter->exact()) filter.reset();
  }
  g.key_filters_published.store(true, std::memory_order_release);
}

// ---- probe ----

std::unique_ptr<GlobalOperatorState> PhysicalHashJoin::GetGlobalOperatorState(ExecutionState& execution) const {
  return std::make_unique<ProbeGlobalState>(static_cast<BuildState&>(execution.sink_state(*this)));
}

std::unique_ptr<OperatorState> PhysicalHashJoin::GetOperatorState(GlobalOperatorState&) const {
  auto state = std::make_unique<ProbeState>();
  for (auto& k : left_keys_) state->key_executor.AddExpression(*k);
  state->keys.data.resize(left_keys_.size());
  if (residual_) state->residual = std::make_unique<ExpressionExecutor>(*residual_);
  if (mark_condition_) {
    state->mark_condition = std::make_unique<ExpressionExecutor>(*mark_condition_);
    state->mark_result = Vector(LogicalType(TypeId::BOOLEAN), kStandardVectorSize);
  }
  for (auto& t : right_types_) state->null_right.emplace_back(Value::Null(t));
  return state;
}

bool PhysicalHashJoin::ProbesDictionaries() const {
  const bool left_preserving = join_type_ == JoinType::LEFT || join_type_ == JoinType::SINGLE;
  return (join_type_ == JoinType::INNER || left_preserving) && left_keys_.size() == 1 && !residual_ &&
         !mark_condition_ && !MarksBuildRows();
}

bool PhysicalHashJoin::ProbeDictionary(const BuildState& g, DataChunk& input, DataChunk& output,
                                       ProbeState& state) const {
  const idx_t n = input.size();
  const Vector& key = state.keys.data[0];
  if (key.type() != key_types_[0] || key.kind() != VectorKind::DICTIONARY ||
      key.dictionary().kind() != VectorKind::FLAT) {
    return false;
  }
  const Vector& dictionary = key.dictionary();
  if (state.probe_dictionary.get() != &dictionary) {
    if (dictionary.capacity() > 4 * kStandardVectorSize) return false;
    state.probe_dictionary = key.shared_dictionary();
    state.entry_match.assign(dictionary.capacity(), 0);
    state.dictionary_multi = false;
  }
  if (state.dictionary_multi) return false;
  const SelectionVector& indices = key.selection();
  KeyEncoder::DictionaryScratch& scratch = state.dictionary;
  if (!KeyEncoder::FindDictionaryEntries(indices, n, scratch)) {
    KeyEncoder::ReleaseDictionaryEntries(scratch);
    return false;
  }
  const std::vector<sel_t>& entries = scratch.entries;
  const int32_t* slot = scratch.slots.data();
  uint64_t* match = state.entry_match.data();
  const idx_t capacity = state.entry_match.size();
  // Entries not probed before: encoded together, each probed once.
  state.unprobed.clear();
  for (sel_t e : entries) {
    if (e >= capacity) {
      KeyEncoder::ReleaseDictionaryEntries(scratch);
      return false;
    }
    if (match[e] == 0) state.unprobed.push_back(e);
  }
  if (!state.unprobed.empty()) {
    Vector distinct = dictionary;
    distinct.Slice(SelectionVector(state.unprobed.data()), state.unprobed.size());
    EncodedKeys& d = state.unprobed_encoded;
    encoder_.Encode(&distinct, state.unprobed.size(), d);
    ApplyNullEqualKeys(&distinct, state.unprobed.size(), d);
    for (idx_t u = 0; u < state.unprobed.size(); u++) {
      uint64_t found = 1;
      if (!d.has_null[u]) {
        const uint64_t h = d.hashes[u];
        for (uint64_t r = g.buckets[h & g.mask]; r != 0; r = BuildState::Next(g.Entry(r - 1))) {
          if (!g.Matches(g.Entry(r - 1), h, d.Key(u), d.Length(u))) continue;
          if (found != 1) {  // a second match: pairs of the ordinary path (SINGLE: its error)
            state.dictionary_multi = true;
            KeyEncoder::ReleaseDictionaryEntries(scratch);
            return false;
          }
          found = r + 1;
        }
      }
      match[state.unprobed[u]] = found;
    }
  }
  // The matched entries' build rows, gathered once each: the right columns' dictionary (plus a
  // NULL row for unmatched rows of a LEFT or SINGLE join).
  const bool left_preserving = join_type_ != JoinType::INNER;
  std::vector<uint64_t> build_rows;
  std::vector<int32_t> position(entries.size(), -1);  // per chunk entry: its row in the gathered chunk
  for (idx_t p = 0; p < entries.size(); p++) {
    if (match[entries[p]] < 2) continue;
    position[p] = static_cast<int32_t>(build_rows.size());
    build_rows.push_back(match[entries[p]] - 2);
  }
  const idx_t matched = build_rows.size();
  SelectionVector rows(std::max<idx_t>(n, 1)), right(std::max<idx_t>(n, 1));
  idx_t k = 0;
  for (idx_t i = 0; i < n; i++) {
    const int32_t at = position[slot[indices.get_index(i)]];
    if (at < 0 && !left_preserving) continue;
    rows.set_index(k, i);
    right.set_index(k, at < 0 ? static_cast<sel_t>(matched) : static_cast<sel_t>(at));
    k++;
  }
  KeyEncoder::ReleaseDictionaryEntries(scratch);
  if (k == 0) return true;
  const idx_t left_columns = left_types_.size();
  const idx_t right_columns = right_types_.size();
  DataChunk gathered;
  gathered.data.resize(right_columns);
  g.build.Gather(build_rows.data(), matched, 0, right_columns, gathered, 0);
  output.data.resize(left_columns + right_columns);
  for (idx_t c = 0; c < left_columns; c++) {
    output.data[c] = input.data[c];
    if (k < n) output.data[c].Slice(rows, k);
  }
  for (idx_t c = 0; c < right_columns; c++) {
    auto values = std::make_shared<Vector>(std::move(gathered.data[c]));
    if (left_preserving) {
      if (values->capacity() <= matched) {
        auto grown = std::make_shared<Vector>(right_types_[c], matched + 1);
        grown->CopyFrom(*values, SelectionVector::Incremental(), matched, 0);
        values = std::move(grown);
      }
      values->validity().SetInvalid(matched);
    }
    output.data[left_columns + c].SetDictionary(std::move(values), right);
  }
  output.SetCardinality(k);
  return true;
}

void PhysicalHashJoin::EvaluateProbeKeys(DataChunk& input, ProbeState& state, bool evaluated) const {
  const idx_t n = input.size();
  if (!evaluated) state.key_executor.Execute(input, state.keys);
  for (idx_t k = 0; k < key_types_.size(); k++) {
    if (state.keys.data[k].type() != key_types_[k]) {
      Vector cast(key_types_[k], kStandardVectorSize);
      CastVector(state.keys.data[k], cast, n);
      state.keys.data[k] = cast;
    }
  }
}

void PhysicalHashJoin::FindDirectCandidates(const BuildState& g, DataChunk& input, ProbeState& state, bool evaluated) const {
  const idx_t n = input.size();
  EvaluateProbeKeys(input, state, evaluated);
  const uint32_t* heads = g.buckets.data();
  const uint64_t slot_count = g.buckets.size();
  uint64_t* chain = state.chain.data();
  // First each row's slot + 1 (0: NULL or outside the build's key range), then the heads: the
  // slots are requested before they are read (as in Execute's hashed path).
  idx_t i = 0;
  JoinKeyFilter::ForEachIntegerKey(
      state.keys.data[0], n,
      [&](int64_t v) {
        const uint64_t slot = static_cast<uint64_t>(v) - static_cast<uint64_t>(g.direct_min);
        chain[i++] = slot < slot_count ? slot + 1 : 0;
      },
      [&] {
        if (mark_null_aware_) state.probe_null_key[i] = 1;
        chain[i++] = 0;
      });
  const bool prefetch = slot_count > kPrefetchMinBuckets;
  if (prefetch) {
    for (idx_t r = 0; r < n; r++) {
      if (chain[r] != 0) __builtin_prefetch(&heads[chain[r] - 1]);
    }
  }
  sel_t* candidates = state.candidates.data();
  idx_t count = 0;
  for (idx_t r = 0; r < n; r++) {
    const uint64_t head = chain[r] != 0 ? heads[chain[r] - 1] : 0;
    chain[r] = head;
    candidates[count] = static_cast<sel_t>(r);
    count += head != 0;
    if (prefetch && head != 0) __builtin_prefetch(&g.direct_next[head - 1]);
  }
  state.candidate_count = count;
}

void PhysicalHashJoin::EncodeProbeKeys(DataChunk& input, ProbeState& state, bool evaluated) const {
  const idx_t n = input.size();
  EvaluateProbeKeys(input, state, evaluated);
  // A dictionary key (a Parquet string column) is encoded once per distinct entry.
  if (state.keys.data.size() != 1 || !encoder_.EncodeDictionary(state.keys.data[0], n, state.encoded, state.dictionary)) {
    encoder_.Encode(state.keys.data.data(), n, state.encoded);
  }
}

OperatorResult PhysicalHashJoin::Execute(DataChunk& input, DataChunk& output, GlobalOperatorState& gstate,
                                         OperatorState& state_p) const {
  BuildState& g = static_cast<ProbeGlobalState&>(gstate).build;
  auto& state = static_cast<ProbeState&>(state_p);
  output.SetCardinality(0);
  const idx_t n = input.size();
  if (g.spilled) {
    // Grace hash join: the rows wait in their partitions' files for the final source.
    if (n > 0) {
      EncodeProbeKeys(input, state);
      SpillRows(g, input, state.encoded.hashes.data(), /*build_side=*/false);
    }
    return OperatorResult::NEED_MORE_INPUT;
  }
  if (!state.active) {
    state.active = true;
    state.final_phase = false;
    state.probe_row = 0;
    state.candidate_count = 0;
    state.probe_matched.assign(n, 0);
    if (mark_null_aware_) state.probe_null_key.assign(n, 0);
    if (join_type_ == JoinType::MARK) state.probe_mark_null.assign(n, 0);
    if (state.chain.size() < n) state.chain.resize(n);
    if (state.candidates.size() < n) state.candidates.resize(n);
    bool evaluated = false;
    if (g.build.Count() > 0 && n >= 128 && !g.direct && ProbesDictionaries()) {
      // A dictionary key (a Parquet string column): each entry is probed once.
      state.key_executor.Execute(input, state.keys);
      evaluated = true;
      if (ProbeDictionary(g, input, output, state)) {
        state.active = false;
        return OperatorResult::NEED_MORE_INPUT;
      }
    }
    if (g.build.Count() > 0 && n > 0 && g.direct) {
      FindDirectCandidates(g, input, state, evaluated);
    } else if (g.build.Count() > 0 && n > 0) {
      EncodeProbeKeys(input, state, evaluated);
      ApplyNullEqualKeys(state.keys.data.data(), n, state.encoded);
      if (mark_null_aware_) state.probe_null_key.assign(state.encoded.has_null.begin(), state.encoded.has_null.begin() + n);
      // Group prefetching (Chen et al., "Improving hash join performance through prefetching",
      // ICDE 2004): the chunk's bucket heads, then the entries they point to, are requested
      // before they are read, so the cache misses of a large table overlap instead of stalling
      // the chain walk one row at a time. A table that fits in the cache needs none.
      const uint64_t* hashes = state.encoded.hashes.data();
      const uint8_t* has_null = state.encoded.has_null.data();
      const bool prefetch = g.mask >= kPrefetchMinBuckets;
      if (prefetch) {
        for (idx_t i = 0; i < n; i++) __builtin_prefetch(&g.buckets[hashes[i] & g.mask]);
      }
      // Only rows whose bucket holds a chain are walked (most rows of a selective join have none).
      sel_t* candidates = state.candidates.data();
      idx_t count = 0;
      for (idx_t i = 0; i < n; i++) {
        const uint64_t head = has_null[i] ? 0 : g.buckets[hashes[i] & g.mask];
        state.chain[i] = head;
        candidates[count] = static_cast<sel_t>(i);
        count += head != 0;
        if (prefetch && head != 0) __builtin_prefetch(g.Entry(head - 1));
      }
      state.candidate_count = count;
    }
  }
  if (!state.final_phase) {
    OperatorResult r = g.direct ? ProbePairs<true>(g, input, output, state) : ProbePairs<false>(g, input, output, state);
    if (r == OperatorResult::HAVE_MORE_OUTPUT) return r;
    state.final_phase = true;
    JoinType t = join_type_;
    bool has_final = t == JoinType::LEFT || t == JoinType::FULL || IsSemiOrAnti(t) || t == JoinType::MARK ||
                     t == JoinType::SINGLE;
    if (!has_final) {
      state.active = false;
      return OperatorResult::NEED_MORE_INPUT;
    }
    if (output.size() > 0) return OperatorResult::HAVE_MORE_OUTPUT;
  }
  return ProbeFinal(g, input, output, state);
}

template <bool kDirect>
OperatorResult PhysicalHashJoin::ProbePairs(const BuildState& g, DataChunk& input, DataChunk& output,
                                            ProbeState& state) const {
  // The chain link after build row r - 1, and whether that row's key is the probe row's: in a
  // direct table every row of a chain has the probe key.
  auto next = [&g](uint64_t r) -> uint64_t {
    if constexpr (kDirect) {
      return g.direct_next[r - 1];
    } else {
      return BuildState::Next(g.Entry(r - 1));
    }
  };
  auto matches = [&g](uint64_t r, uint64_t h, const uint8_t* key, uint32_t length) {
    if constexpr (kDirect) {
      return true;
    } else {
      return g.Matches(g.Entry(r - 1), h, key, length);
    }
  };
  const JoinType type = join_type_;
  const EncodedKeys& probe = state.encoded;
  const sel_t* candidates = state.candidates.data();
  const idx_t candidate_count = state.candidate_count;
  if (OutputsRightOnly(type) && !state.residual) {
    // RIGHT_SEMI/RIGHT_ANTI without residual: mark every build row with the probe row's key.
    for (; state.probe_row < candidate_count; state.probe_row++) {
      idx_t i = candidates[state.probe_row];
      uint64_t h = 0;
      const uint8_t* key = nullptr;
      uint32_t length = 0;
      if constexpr (!kDirect) h = probe.hashes[i], key = probe.Key(i), length = probe.Length(i);
      for (uint64_t r = state.chain[i]; r != 0; r = next(r)) {
        if (matches(r, h, key, length) &&
            !g.matched[r - 1].load(std::memory_order_relaxed)) {
          g.matched[r - 1].store(1, std::memory_order_relaxed);
        }
      }
    }
    return OperatorResult::NEED_MORE_INPUT;
  }
  // SEMI/ANTI/MARK without residual or mark condition: only "has a match" matters.
  if ((IsSemiOrAnti(type) || (type == JoinType::MARK && !state.mark_condition)) && !state.residual) {
    for (; state.probe_row < candidate_count; state.probe_row++) {
      idx_t i = candidates[state.probe_row];
      uint64_t h = 0;
      const uint8_t* key = nullptr;
      uint32_t length = 0;
      if constexpr (!kDirect) h = probe.hashes[i], key = probe.Key(i), length = probe.Length(i);
      for (uint64_t r = state.chain[i]; r != 0; r = next(r)) {
        if (matches(r, h, key, length)) {
          state.probe_matched[i] = 1;
          break;
        }
      }
    }
    return OperatorResult::NEED_MORE_INPUT;
  }
  idx_t k = 0;
  sel_t* probe_rows = state.probe_rows.data();
  uint64_t* build_rows = state.build_rows.data();
  while (state.probe_row < candidate_count && k < kStandardVectorSize) {
    idx_t i = candidates[state.probe_row];
    uint64_t h = 0;
    const uint8_t* key = nullptr;
    uint32_t length = 0;
    if constexpr (!kDirect) h = probe.hashes[i], key = probe.Key(i), length = probe.Length(i);
    uint64_t r = state.chain[i];
    while (r != 0 && k < kStandardVectorSize) {
      const uint64_t b = r - 1;
      const bool match = matches(r, h, key, length);
      r = next(r);
      if (match) {
        probe_rows[k] = static_cast<sel_t>(i);
        build_rows[k] = b;
        k++;
      }
    }
    state.chain[i] = r;
    if (r == 0) state.probe_row++;
  }
  if (k > 0) {
    const idx_t left_columns = left_types_.size();
    const idx_t right_columns = right_types_.size();
    DataChunk candidate;
    candidate.data.resize(left_columns + right_columns);
    SelectionVector sel(k);
    for (idx_t j = 0; j < k; j++) sel.set_index(j, probe_rows[j]);
    for (idx_t c = 0; c < left_columns; c++) {
      candidate.data[c] = input.data[c];
      candidate.data[c].Slice(sel, k);
    }
    g.build.Gather(build_rows, k, 0, right_columns, candidate, left_columns);
    candidate.SetCardinality(k);
    idx_t m = k;
    if (state.residual) {
      m = state.residual->Select(0, candidate, state.residual_sel);
      if (m < k) {
        candidate.Slice(state.residual_sel, m);
        for (idx_t j = 0; j < m; j++) {
          idx_t src = state.residual_sel.get_index(j);
          probe_rows[j] = probe_rows[src];
          build_rows[j] = build_rows[src];
        }
      }
    }
    if (state.mark_condition && m > 0) {
      // The mark: TRUE if some candidate's condition is TRUE, else NULL if some is NULL.
      state.mark_condition->Execute(0, candidate, state.mark_result);
      UnifiedFormat format;
      state.mark_result.ToUnified(m, format);
      const bool* values = reinterpret_cast<const bool*>(format.data);
      for (idx_t j = 0; j < m; j++) {
        idx_t v = format.sel->get_index(j);
        if (!format.validity->RowIsValid(v)) {
          state.probe_mark_null[probe_rows[j]] = 1;
        } else if (values[v]) {
          state.probe_matched[probe_rows[j]] = 1;
        }
      }
      m = 0;  // a MARK join outputs no pairs
    } else if (type == JoinType::SINGLE) {
      for (idx_t j = 0; j < m; j++) {
        if (state.probe_matched[probe_rows[j]]) throw Exception(sqlstate::kCardinalityViolation, kMoreThanOneRow);
        state.probe_matched[probe_rows[j]] = 1;
      }
    } else {
      for (idx_t j = 0; j < m; j++) state.probe_matched[probe_rows[j]] = 1;
    }
    if (g.matched) {
      for (idx_t j = 0; j < m; j++) g.matched[build_rows[j]].store(1, std::memory_order_relaxed);
    }
    if (!IsSemiOrAnti(type) && !OutputsRightOnly(type) && type != JoinType::MARK && m > 0) output.Reference(candidate);
  }
  return state.probe_row < candidate_count ? OperatorResult::HAVE_MORE_OUTPUT : OperatorResult::NEED_MORE_INPUT;
}

OperatorResult PhysicalHashJoin::ProbeFinal(const BuildState& g, DataChunk& input, DataChunk& output,
                                            ProbeState& state) const {
  state.active = false;
  const idx_t n = input.size();
  if (join_type_ == JoinType::MARK) {
    // Every input row, plus its mark.
    const bool build_empty = g.build.Count() == 0;
    const bool build_null = g.has_null_key.load(std::memory_order_relaxed);
    Vector mark(LogicalType(TypeId::BOOLEAN), std::max<idx_t>(n, 1));
    bool* values = mark.data<bool>();
    for (idx_t i = 0; i < n; i++) {
      values[i] = state.probe_matched[i] != 0;
      if (values[i] || build_empty) continue;
      if (state.probe_mark_null[i] || (mark_null_aware_ && (state.probe_null_key[i] || build_null))) {
        mark.validity().SetInvalid(i);
      }
    }
    output.data.resize(types.size());
    for (idx_t c = 0; c < left_types_.size(); c++) output.data[c] = input.data[c];
    output.data[left_types_.size()] = mark;
    output.SetCardinality(n);
    return OperatorResult::NEED_MORE_INPUT;
  }
  const bool want_matched = join_type_ == JoinType::SEMI;
  SelectionVector sel(std::max<idx_t>(n, 1));
  idx_t m = 0;
  for (idx_t i = 0; i < n; i++) {
    if (static_cast<bool>(state.probe_matched[i]) == want_matched) sel.set_index(m++, i);
  }
  output.SetCardinality(0);
  if (m == 0) return OperatorResult::NEED_MORE_INPUT;
  const idx_t left_columns = left_types_.size();
  output.data.resize(types.size());
  for (idx_t c = 0; c < left_columns; c++) {
    output.data[c] = input.data[c];
    if (m < n) output.data[c].Slice(sel, m);
  }
  if (!IsSemiOrAnti(join_type_)) {
    for (idx_t c = 0; c < right_types_.size(); c++) output.data[left_columns + c] = state.null_right[c];
  }
  output.SetCardinality(m);
  return OperatorResult::NEED_MORE_INPUT;
}

bool PhysicalHashJoin::ScanUnmatched(const BuildState& g, idx_t chunk_index, DataChunk& out) const {
  if (chunk_index >= g.build.ChunkCount()) return false;
  const DataChunk& chunk = g.build.GetChunk(chunk_index);
  const idx_t base = chunk_index * kStandardVectorSize;
  const bool want_matched = join_type_ == JoinType::RIGHT_SEMI;
  SelectionVector sel(kStandardVectorSize);
  idx_t m = 0;
  for (idx_t i = 0; i < chunk.size(); i++) {
    const bool matched = g.matched && g.matched[base + i].load(std::memory_order_relaxed);
    if (matched == want_matched) sel.set_index(m++, i);
  }
  out.SetCardinality(0);
  if (m == 0) return true;
  const idx_t left_columns = OutputsRightOnly(join_type_) ? 0 : left_types_.size();
  out.data.resize(types.size());
  for (idx_t c = 0; c < left_columns; c++) out.data[c] = Vector(Value::Null(left_types_[c]));
  for (idx_t c = 0; c < right_types_.size(); c++) {
    out.data[left_columns + c] = chunk.data[c];
    if (m < chunk.size()) out.data[left_columns + c].Slice(sel, m);
  }
  out.SetCardinality(m);
  return true;
}

std::unique_ptr<PhysicalHashJoin::BuildState> PhysicalHashJoin::LoadSpilledPartition(BuildState& g, idx_t p) const {
  auto build = std::make_unique<BuildState>(stored_types_);
  build->is_partition = true;
  const SpillFile& file = *g.partitions[p]->build;
  DataChunk chunk;
  for (idx_t i = 0; i < file.ChunkCount(); i++) {
    file.ReadChunk(i, chunk);
    build->build.Append(chunk);
  }
  const idx_t tasks = Finalize(*build);
  for (idx_t t = 0; t < tasks; t++) ExecuteFinalizeTask(*build, t);
  if (tasks > 0) FinishFinalizeRound(*build);
  return build;
}

bool PhysicalHashJoin::NextSpilledChunk(BuildState& g, LocalSourceState& cursor_p, DataChunk& out) const {
  auto& cursor = static_cast<SpilledJoinCursor&>(cursor_p);
  for (;;) {
    if (!cursor.build) {
      const idx_t p = g.next_partition.fetch_add(1);
      if (p >= g.partitions.size()) return false;
      cursor.partition = p;
      cursor.build = LoadSpilledPartition(g, p);
      cursor.probe_global = std::make_unique<ProbeGlobalState>(*cursor.build);
      cursor.probe = GetOperatorState(*cursor.probe_global);
      cursor.next_probe_chunk = 0;
      cursor.pending = false;
      cursor.next_unmatched = 0;
    }
    BuildState::SpillPartition& partition = *g.partitions[cursor.partition];
    if (cursor.pending || cursor.next_probe_chunk < partition.probe->ChunkCount()) {
      if (!cursor.pending) partition.probe->ReadChunk(cursor.next_probe_chunk++, cursor.probe_chunk);
      const OperatorResult result = Execute(cursor.probe_chunk, out, *cursor.probe_global, *cursor.probe);
      cursor.pending = result == OperatorResult::HAVE_MORE_OUTPUT;
      if (out.size() > 0) return true;
      continue;
    }
    if (MarksBuildRows() && ScanUnmatched(*cursor.build, cursor.next_unmatched++, out)) {
      if (out.size() > 0) return true;
      continue;
    }
    // The partition is joined: free its table and its files.
    cursor.probe.reset();
    cursor.probe_global.reset();
    cursor.build.reset();
    partition.build.reset();
    partition.probe.reset();
  }
}

std::unique_ptr<GlobalSourceState> PhysicalOuterJoinScan::GetGlobalSourceState(ExecutionState& execution) const {
  return std::make_unique<OuterJoinScanState>(static_cast<PhysicalHashJoin::BuildState&>(execution.sink_state(join_)));
}

void PhysicalOuterJoinScan::InitializeSource(GlobalSourceState& gstate) const {
  // Every pipeline probing the join has finished: its spilled probe rows are complete.
  auto& scan = static_cast<OuterJoinScanState&>(gstate);
  if (!scan.build.spilled) return;
  for (auto& partition : scan.build.partitions) partition->probe->FinishWriting();
}

std::unique_ptr<LocalSourceState> PhysicalOuterJoinScan::GetLocalSourceState(GlobalSourceState&) const {
  return std::make_unique<SpilledJoinCursor>();
}

bool PhysicalOuterJoinScan::GetData(DataChunk& out, GlobalSourceState& gstate, LocalSourceState& lstate) const {
  auto& scan = static_cast<OuterJoinScanState&>(gstate);
  if (scan.build.spilled) return join_.NextSpilledChunk(scan.build, lstate, out);
  if (!join_.MarksBuildRows()) return false;
  for (;;) {
    idx_t i = scan.next_chunk.fetch_add(1);
    if (!join_.ScanUnmatched(scan.build, i, out)) return false;
    if (out.size() > 0) return true;
  }
}

}  // namespace cairn
