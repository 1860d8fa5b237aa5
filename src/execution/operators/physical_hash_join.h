// PhysicalHashJoin: equi-join (INNER, LEFT, RIGHT, FULL, SEMI, ANTI, and subqueries' MARK and
// SINGLE joins, see LogicalJoin; CROSS and joins without
// equality keys degenerate to one bucket holding every build row, i.e. a nested-loop join).
//
// Build (sink, RIGHT child): threads copy build rows plus their evaluated keys (those that are
// not plain right columns) into local RowCollections; Combine appends a thread's rows to the
// build collection under a lock. Finalize sizes the table — a chained hash table of 32-bit
// bucket heads (a power of two >= 2 rows) and one entry per build row: chain link, 32 hash bits
// and the encoded key (inline up to 16 bytes, else a pointer to it), 16 or 24 bytes — and hands
// out finalize tasks of about kBuildRangeRows rows, which encode their rows' keys
// (key_encoder.h) and push the rows onto the bucket chains with atomic exchanges, in parallel.
// Rows with a NULL key never match and are not linked. Chains list a bucket's rows in no
// particular order.
//
// Direct table (dense integer keys): a join on one integer-like key (INTEGER, BIGINT, DATE,
// TIMESTAMP, DECIMAL up to 18 digits; not IS NOT DISTINCT FROM) whose build keys span at most
// kDirectSlotsPerRow slots per build row (surrogate keys: ids, TPC-H's part, supplier and
// customer keys) indexes its 32-bit chain heads by key - min instead of by hash, and chains
// rows of equal key through a 32-bit link per row: 4 bytes per slot and per row, nothing
// hashed, no key stored or compared (every row of a slot's chain has the slot's key). Sink
// tracks the key's bounds for it.
// Probe (operator, LEFT child streamed): keys are encoded and hashed a chunk at a time; chains
// are walked producing up to kStandardVectorSize (probe row, build row) pairs per call, resumable
// (HAVE_MORE_OUTPUT) so a huge fan-out never builds a huge chunk. A residual predicate is
// evaluated on the candidate pairs. LEFT/FULL then emit unmatched probe rows with NULLs, SEMI
// matched and ANTI unmatched probe rows. RIGHT/FULL mark matched build rows; after every probe
// pipeline finished, PhysicalOuterJoinScan emits the unmatched build rows with NULL left columns.
// RIGHT_SEMI/RIGHT_ANTI (a SEMI/ANTI join built on its preserved input) only mark build rows
// while probing; the scan then emits the matched / unmatched build rows.
//
// Spilling (grace hash join; Shapiro, "Join processing in database systems with large main
// memories", TODS 1986): a join with keys (not MARK or SINGLE) watches its query's memory
// (MemoryTracker::ShouldSpill, counting the table still to be built) while the build side is
// sunk and when Finalize is about to build the table. Past the threshold, build rows go to
// kSpillPartitions temporary files by the top bits of their key hash; then every probe row is
// written to its partition's probe file instead of being probed. The join's final source
// (PhysicalOuterJoinScan, a pipeline every spillable join has) then joins partition by
// partition, from any number of threads: it builds the partition's table, streams the
// partition's probe rows through the ordinary probe, and for RIGHT/FULL/RIGHT_SEMI/RIGHT_ANTI
// emits the partition's unmatched (matched) build rows. At most one partition per thread is in
// memory. Output order differs from the in-memory join (none is promised).
//
// Dictionary probe (ProbeDictionary): an INNER, LEFT or SINGLE join whose only key arrives as a
// dictionary vector (a Parquet string column) probes each dictionary entry once — the result is
// remembered per entry while the dictionary stays the same — gathers each matched build row once
// per chunk and emits the right columns as dictionary vectors over them (which the aggregates
// above group by entry). An entry with several matches sends that dictionary to the ordinary
// probe.
//
// Dynamic join filters (JoinKeyFilter, docs/design/scan-filters.md): for INNER, SEMI and RIGHT
// joins whose probe key is a column of a scan in the probe side's pipeline (EnableJoinKeyFilter,
// linked by the physical planner), Sink tracks the key's bounds, Finalize builds a bitmap (its
// tasks set the bits) or, for small builds, a hash set of the keys, and the scan receives them
// through GetJoinKeyFilter when the probe pipeline starts.
//
// State: the build rows and the finalized table live in the execution's GlobalSinkState
// (BuildState); the probe's GlobalOperatorState and the outer join scan's GlobalSourceState
// refer to it.
//
// Thread-safety: immutable; build rows are merged under the BuildState's mutex; the finalized
// table is read-only except the matched flags, which are atomics.
#pragma once

#include "execution/key_encoder.h"
#include "execution/physical_operator.h"
#include "execution/row_collection.h"
#include "function/table/join_key_filter.h"
#include "sql/logical_operator.h"

namespace cairn {

/// What a join needs beyond an ordinary equi-join: a subquery's options (LogicalJoin's fields of
/// the same names), and whether it may spill.
struct HashJoinSubqueryOptions {
  /// Per key: NULL keys match each other (IS NOT DISTINCT FROM). Missing entries are false.
  std::vector<bool> null_equal_keys;
  /// MARK: three-valued condition over left ++ right columns deciding the mark (may be null).
  ExpressionPtr mark_condition;
  /// MARK: `x IN (...)` on the single key: no match and a NULL key on either side → NULL mark.
  bool mark_null_aware = false;
  /// The join may spill (the planner expects a large build side; see PhysicalHashJoin::Spillable).
  bool spillable = true;
};

class PhysicalHashJoin : public PhysicalOperator {
 public:
  /// `left_keys[i]` (over the left input) = `right_keys[i]` (over the right input); `residual`
  /// (over left ++ right columns, may be null) — as LogicalJoin; all owned by the operator.
  /// Throws XX000 when the key counts differ.
  PhysicalHashJoin(std::vector<LogicalType> types, JoinType join_type, std::vector<ExpressionPtr> left_keys,
                   std::vector<ExpressionPtr> right_keys, ExpressionPtr residual, std::vector<LogicalType> left_types,
                   std::vector<LogicalType> right_types, HashJoinSubqueryOptions subquery_options = {});

  /// One execution's build side: the rows, then the finalized hash table (defined in the .cpp).
  struct BuildState;

  // Build side.
  bool IsSink() const override { return true; }
  std::unique_ptr<GlobalSinkState> GetGlobalSinkState(ExecutionState& execution) const override;
  std::unique_ptr<LocalSinkState> GetLocalSinkState(GlobalSinkState& gstate) const override;
  SinkResult Sink(DataChunk& input, GlobalSinkState& gstate, LocalSinkState& lstate) const override;
  void Combine(GlobalSinkState& gstate, LocalSinkState& lstate) const override;
  idx_t Finalize(GlobalSinkState& gstate) const override;
  void ExecuteFinalizeTask(GlobalSinkState& gstate, idx_t task) const override;
  idx_t FinishFinalizeRound(GlobalSinkState& gstate) const override;
  /// Build rows per finalize task.
  static constexpr idx_t kBuildRangeRows = 256 * 1024;
  /// A direct table has at most this many slots per build row (and at least kMinDirectSlots): at
  /// 4 bytes per slot and per row, it is then no larger than the hashed table (24 bytes per row).
  static constexpr idx_t kDirectSlotsPerRow = 4;
  static constexpr idx_t kMinDirectSlots = 4096;
  /// Bucket arrays at least this large (a mask of at least this) are prefetched while probing;
  /// smaller ones stay in the cache (65,536 slots of 4 bytes: 256 KiB).
  static constexpr uint64_t kPrefetchMinBuckets = 65536 - 1;
  /// Most build rows one in-memory table holds (its chains link rows by 32-bit numbers). A
  /// spillable join past it spills (each partition's table then holds a share); any other
  /// raises 54000.
  static constexpr idx_t kMaxTableRows = UINT32_MAX - 1;

  // Probe side.
  std::unique_ptr<GlobalOperatorState> GetGlobalOperatorState(ExecutionState& execution) const override;
  std::unique_ptr<OperatorState> GetOperatorState(GlobalOperatorState& gstate) const override;
  OperatorResult Execute(DataChunk& input, DataChunk& output, GlobalOperatorState& gstate,
                         OperatorState& state) const override;
  /// The final pipeline (PhysicalOuterJoinScan) emits unmatched build rows and, when the join
  /// spilled, the joined partitions.
  bool HasFinalOutput() const override { return MarksBuildRows() || Spillable(); }
  /// RIGHT/FULL/RIGHT_SEMI/RIGHT_ANTI: build rows are marked as matched while probing.
  bool MarksBuildRows() const;
  /// Whether the join spills past the memory threshold: it has keys, is not MARK or SINGLE, and
  /// its build side was not estimated below kMinSpillableBuildRows (a join of small inputs
  /// needs no final pipeline; a chain of thousands of joins would otherwise get thousands).
  bool Spillable() const;
  static constexpr idx_t kMinSpillableBuildRows = 16384;
  /// Whether build rows with a key the building thread already holds are dropped: SEMI, ANTI
  /// and MARK joins without a residual or mark condition only ask whether a key exists (a NULL
  /// key is kept once, so a null-aware MARK still sees it). Each thread keeps the keys it has
  /// seen in a set, and stops once more than half of a window of kDeduplicationWindowRows rows
  /// were new (or the set hits the memory limit).
  bool DeduplicatesBuild() const;
  static constexpr idx_t kDeduplicationWindowRows = 16384;
  /// Spill partitions (by the top kSpillPartitionBits bits of the key hash).
  static constexpr idx_t kSpillPartitionBits = 5;
  static constexpr idx_t kSpillPartitions = idx_t(1) << kSpillPartitionBits;
  /// SQLSTATE 21000 message of a SINGLE join whose left row matched twice.
  static constexpr const char* kMoreThanOneRow = "more than one row returned by a subquery used as an expression";

  // Dynamic join filters (JoinKeyFilter): a scan feeding the probe side receives the build's keys.
  /// Whether a probe row whose keys match no build row adds nothing to the output (INNER, SEMI,
  /// RIGHT, RIGHT_SEMI, RIGHT_ANTI), so a scan below may drop it.
  bool ProbeRowsNeedMatch() const;
  /// Makes each execution collect the build values of key `key` into a JoinKeyFilter on
  /// `source_column` of the scan that feeds the probe side (the physical planner calls it after
  /// tracing left_keys()[key] down to that scan's column, which has the key's type). Returns the
  /// filter's index for GetJoinKeyFilter, or nullopt when the join or the key's type does not
  /// allow one (ProbeRowsNeedMatch, JoinKeyFilter::Eligible). Call before execution.
  std::optional<idx_t> EnableJoinKeyFilter(idx_t key, idx_t source_column);
  /// Filter `filter` of `execution`, once its build side is finalized (null before, and when
  /// the build gave nothing worth filtering by: a VARCHAR key of more than
  /// JoinKeyFilter::kMaxSetValues rows). A build that spilled gives the bounds only. Thread-safe.
  std::shared_ptr<const JoinKeyFilter> GetJoinKeyFilter(ExecutionState& execution, idx_t filter) const;
  JoinType join_type() const { return join_type_; }
  /// The probe keys, over the left input (the build keys' types).
  const std::vector<ExpressionPtr>& left_keys() const { return left_keys_; }
  const std::vector<LogicalType>& left_types() const { return left_types_; }

  /// For PhysicalOuterJoinScan: emits the unmatched build rows (RIGHT_SEMI: the matched ones) of
  /// build chunk `chunk_index` of `build` into `out` (join output layout: NULL left columns
  /// first for RIGHT/FULL, only the build columns for RIGHT_SEMI/RIGHT_ANTI). Returns false when
  /// `chunk_index` is past the end.
  bool ScanUnmatched(const BuildState& build, idx_t chunk_index, DataChunk& out) const;
  /// For PhysicalOuterJoinScan of a spilled join: the next chunk of joined rows of the
  /// partitions, taken one at a time by `cursor` (the source's local state); false when every
  /// partition is done.
  bool NextSpilledChunk(BuildState& build, LocalSourceState& cursor, DataChunk& out) const;

 private:
  struct ProbeState;
  /// Walks the candidate rows' chains (kDirect: the direct table's, whose entries all match).
  template <bool kDirect>
  OperatorResult ProbePairs(const BuildState& build, DataChunk& input, DataChunk& output, ProbeState& state) const;
  /// Finds each probe row's chain head in the direct table (state.chain, state.candidates).
  void FindDirectCandidates(const BuildState& build, DataChunk& input, ProbeState& state, bool evaluated) const;
  /// Sets the bits of the build keys `keys` (count rows) in the join key filters that have a bitmap.
  void AddToKeyBitmaps(BuildState& build, const Vector* keys, idx_t count) const;
  /// Links the rows of finalize task `task` into the direct table.
  void LinkDirect(BuildState& build, idx_t task) const;
  OperatorResult ProbeFinal(const BuildState& build, DataChunk& input, DataChunk& output, ProbeState& state) const;
  /// After encoding keys: a row is excluded from matching (has_null) only for a NULL in a key
  /// that is not null-equal.
  void ApplyNullEqualKeys(const Vector* keys, idx_t count, EncodedKeys& encoded) const;
  /// Evaluates the probe keys of `input` into state.keys (unless `evaluated`: already there) and
  /// casts them to the build keys' types.
  void EvaluateProbeKeys(DataChunk& input, ProbeState& state, bool evaluated) const;
  /// Evaluates the probe keys of `input` (unless `evaluated`: already in state.keys), casts them
  /// to the build keys' types and encodes them into state.encoded.
  void EncodeProbeKeys(DataChunk& input, ProbeState& state, bool evaluated = false) const;
  /// Whether ProbeDictionary may serve this join: INNER, LEFT or SINGLE, one key, no residual.
  bool ProbesDictionaries() const;
  /// The whole probe of `input` when its key (in state.keys) is a dictionary vector whose
  /// entries each match at most one build row: each entry used is probed once per dictionary
  /// (the result is remembered per entry), the matched build rows are gathered once per chunk,
  /// and the right columns come out as dictionary vectors over them. False (nothing output)
  /// when the chunk does not qualify; the ordinary path then runs.
  bool ProbeDictionary(const BuildState& build, DataChunk& input, DataChunk& output, ProbeState& state) const;
  /// Creates the spill partitions' files (once per execution).
  void CreatePartitions(BuildState& build) const;
  /// Appends each row of `rows` to its partition's build or probe file (by hashes[i]).
  void SpillRows(BuildState& build, const DataChunk& rows, const uint64_t* hashes, bool build_side) const;
  /// Spills stored build rows (stored_types_), hashing their keys.
  void SpillBuildRows(BuildState& build, const DataChunk& rows) const;
  /// Spills every row of `rows` and empties it.
  void SpillBuildCollection(BuildState& build, RowCollection& rows) const;
  /// The finalized build side of spilled partition `p`.
  std::unique_ptr<BuildState> LoadSpilledPartition(BuildState& build, idx_t p) const;
  /// Creates the execution's join key filters from the merged key bounds (Finalize). With
  /// `exact`, bitmaps are allocated for the finalize tasks to fill, and small builds' keys are
  /// gathered into sets by PublishKeyFilters.
  void CreateKeyFilters(BuildState& build, bool exact) const;
  /// Completes the sets and makes the filters visible to GetJoinKeyFilter.
  void PublishKeyFilters(BuildState& build, bool exact) const;

  const JoinType join_type_;
  const std::vector<ExpressionPtr> left_keys_;
  const std::vector<ExpressionPtr> right_keys_;
  const ExpressionPtr residual_;
  const std::vector<bool> null_equal_keys_;  // one per key
  const bool any_null_equal_key_;
  const ExpressionPtr mark_condition_;
  const bool mark_null_aware_;
  const bool spillable_;
  const std::vector<LogicalType> left_types_;
  const std::vector<LogicalType> right_types_;
  KeyEncoder encoder_;
  std::vector<LogicalType> key_types_;     // build-side key types
  // Build rows: the right columns, then each key that is not simply a right column of its own
  // type (a key `b.id` is read from the right column `id` instead of being stored twice).
  std::vector<LogicalType> stored_types_;
  std::vector<idx_t> key_columns_;  // per key: its column in the stored build rows
  bool keys_stored_apart_ = true;   // every key is a stored column after the right columns, in order
  bool direct_candidate_ = false;   // one integer-like key, not null-equal: a direct table may serve
  /// The build keys of stored build rows `rows`: a pointer to key_types_.size() vectors (into
  /// `rows`, or into `scratch` when some key is a right column).
  const Vector* StoredKeys(const DataChunk& rows, std::vector<Vector>& scratch) const;
  struct KeyFilterSpec {
    idx_t key;     // index into the keys
    idx_t column;  // the probe-side scan's source column
  };
  std::vector<KeyFilterSpec> key_filters_;  // EnableJoinKeyFilter
};

/// Source emitting a RIGHT/FULL join's unmatched build rows, or a spilled join's partitions
/// (scheduled after every pipeline probing the join is done). Build chunks and partitions are
/// handed to threads through the execution's atomic cursors.
class PhysicalOuterJoinScan : public PhysicalOperator {
 public:
  /// `join` must outlive this operator (both belong to the same physical plan).
  explicit PhysicalOuterJoinScan(const PhysicalHashJoin& join)
      : PhysicalOperator(PhysicalOperatorType::OUTER_JOIN_SCAN, join.types), join_(join) {}
  bool IsSource() const override { return true; }
  std::unique_ptr<GlobalSourceState> GetGlobalSourceState(ExecutionState& execution) const override;
  void InitializeSource(GlobalSourceState& gstate) const override;
  std::unique_ptr<LocalSourceState> GetLocalSourceState(GlobalSourceState& gstate) const override;
  bool GetData(DataChunk& out, GlobalSourceState& gstate, LocalSourceState& lstate) const override;

 private:
  const PhysicalHashJoin& join_;
};

}  // namespace cairn
