// PhysicalHashJoin: equi-join (INNER, LEFT, RIGHT, FULL, SEMI, ANTI, and subqueries' MARK and
// SINGLE joins, see LogicalJoin; CROSS and joins without
// equality keys degenerate to one bucket holding every build row, i.e. a nested-loop join).
//
// Build (sink, RIGHT child): threads copy build rows plus their evaluated keys into local
// RowCollections; Combine appends a thread's rows to the build collection under a lock.
// Finalize sizes the table (bucket heads plus one entry per build row: hash, encoded key, chain
// link — a chained hash table) and hands out finalize tasks of about kBuildRangeRows rows,
// which encode their rows' keys (key_encoder.h) and push the rows onto the bucket chains with
// atomic exchanges, in parallel. Rows with a NULL key never match and are not linked. Chains
// list a bucket's rows in no particular order.
// Probe (operator, LEFT child streamed): keys are encoded and hashed a chunk at a time; chains
// are walked producing up to kStandardVectorSize (probe row, build row) pairs per call, resumable
// (HAVE_MORE_OUTPUT) so a huge fan-out never builds a huge chunk. A residual predicate is
// evaluated on the candidate pairs. LEFT/FULL then emit unmatched probe rows with NULLs, SEMI
// matched and ANTI unmatched probe rows. RIGHT/FULL mark matched build rows; after every probe
// pipeline finished, PhysicalOuterJoinScan emits the unmatched build rows with NULL left columns.
// RIGHT_SEMI/RIGHT_ANTI (a SEMI/ANTI join built on its preserved input) only mark build rows
// while probing; the scan then emits the matched / unmatched build rows.
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
#include "sql/logical_operator.h"

namespace cairn {

/// What a join planned from a subquery needs beyond an ordinary equi-join (LogicalJoin's fields
/// of the same names).
struct HashJoinSubqueryOptions {
  /// Per key: NULL keys match each other (IS NOT DISTINCT FROM). Missing entries are false.
  std::vector<bool> null_equal_keys;
  /// MARK: three-valued condition over left ++ right columns deciding the mark (may be null).
  ExpressionPtr mark_condition;
  /// MARK: `x IN (...)` on the single key: no match and a NULL key on either side → NULL mark.
  bool mark_null_aware = false;
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

  // Probe side.
  std::unique_ptr<GlobalOperatorState> GetGlobalOperatorState(ExecutionState& execution) const override;
  std::unique_ptr<OperatorState> GetOperatorState(GlobalOperatorState& gstate) const override;
  OperatorResult Execute(DataChunk& input, DataChunk& output, GlobalOperatorState& gstate,
                         OperatorState& state) const override;
  bool HasFinalOutput() const override {
    return join_type_ == JoinType::RIGHT || join_type_ == JoinType::FULL || OutputsRightOnly(join_type_);
  }
  /// SQLSTATE 21000 message of a SINGLE join whose left row matched twice.
  static constexpr const char* kMoreThanOneRow = "more than one row returned by a subquery used as an expression";

  /// For PhysicalOuterJoinScan: emits the unmatched build rows (RIGHT_SEMI: the matched ones) of
  /// build chunk `chunk_index` of `build` into `out` (join output layout: NULL left columns
  /// first for RIGHT/FULL, only the build columns for RIGHT_SEMI/RIGHT_ANTI). Returns false when
  /// `chunk_index` is past the end.
  bool ScanUnmatched(const BuildState& build, idx_t chunk_index, DataChunk& out) const;

 private:
  struct ProbeState;
  OperatorResult ProbePairs(const BuildState& build, DataChunk& input, DataChunk& output, ProbeState& state) const;
  OperatorResult ProbeFinal(const BuildState& build, DataChunk& input, DataChunk& output, ProbeState& state) const;
  /// After encoding keys: a row is excluded from matching (has_null) only for a NULL in a key
  /// that is not null-equal.
  void ApplyNullEqualKeys(const Vector* keys, idx_t count, EncodedKeys& encoded) const;

  const JoinType join_type_;
  const std::vector<ExpressionPtr> left_keys_;
  const std::vector<ExpressionPtr> right_keys_;
  const ExpressionPtr residual_;
  const std::vector<bool> null_equal_keys_;  // one per key
  const bool any_null_equal_key_;
  const ExpressionPtr mark_condition_;
  const bool mark_null_aware_;
  const std::vector<LogicalType> left_types_;
  const std::vector<LogicalType> right_types_;
  KeyEncoder encoder_;
  std::vector<LogicalType> key_types_;     // build-side key types
  std::vector<LogicalType> stored_types_;  // build rows: right columns ++ key columns
};

/// Source emitting a RIGHT/FULL join's unmatched build rows (scheduled after every pipeline
/// probing the join is done). Build chunks are handed to threads through the execution's
/// atomic cursor.
class PhysicalOuterJoinScan : public PhysicalOperator {
 public:
  /// `join` must outlive this operator (both belong to the same physical plan).
  explicit PhysicalOuterJoinScan(const PhysicalHashJoin& join)
      : PhysicalOperator(PhysicalOperatorType::OUTER_JOIN_SCAN, join.types), join_(join) {}
  bool IsSource() const override { return true; }
  std::unique_ptr<GlobalSourceState> GetGlobalSourceState(ExecutionState& execution) const override;
  bool GetData(DataChunk& out, GlobalSourceState& gstate, LocalSourceState& lstate) const override;

 private:
  const PhysicalHashJoin& join_;
};

}  // namespace cairn
