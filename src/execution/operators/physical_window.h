// PhysicalWindow: window functions over one window (one PARTITION BY + ORDER BY; the planner
// chains one operator per distinct window, so calls sharing a window share one sort). A
// pipeline breaker, sink + source:
//
//   Sink      each thread evaluates the partition keys, ORDER BY keys and the functions'
//             arguments, hashes the partition keys into one of kPartitionBuckets buckets (one
//             bucket when there is no PARTITION BY) and appends the row to its own SortedRun of
//             that bucket, keyed by (partition keys, ORDER BY keys); Combine hands the runs to
//             the buckets' SortStates (sorting them on the thread).
//   Finalize  round 1: every bucket's merge, cut into ranges (SortState::PlanMerge), runs as
//             finalize tasks in parallel; round 2: one task per bucket walks its sorted rows,
//             finds partitions and (when a function reads them) peer groups and computes
//             every window function of every row (window_evaluator.h), producing the output
//             chunks.
//   Source    hands out the buckets' chunks from any number of threads (a window imposes no
//             output order).
//
// Output = the input columns, then one column per window expression. Memory: the runs are
// charged as "WINDOW" by SortedRun, the evaluation's columns and output chunks by each task.
//
// Thread-safety: immutable; see PhysicalOperator for the state contract.
#pragma once

#include "execution/physical_operator.h"
#include "execution/sort_state.h"
#include "sql/logical_operator.h"

namespace cairn {

class PhysicalWindow : public PhysicalOperator {
 public:
  /// Hash buckets of a window with PARTITION BY (its partitions are evaluated in parallel, one
  /// task per bucket).
  static constexpr idx_t kPartitionBuckets = 64;

  /// `input_types`: the child's columns. `expressions`: resolved against the input, all with the
  /// same PARTITION BY and ORDER BY (REQUIRES: SameWindow); non-empty.
  PhysicalWindow(std::vector<LogicalType> input_types, std::vector<BoundWindowExpression> expressions);

  bool IsSink() const override { return true; }
  std::unique_ptr<GlobalSinkState> GetGlobalSinkState(ExecutionState& execution) const override;
  std::unique_ptr<LocalSinkState> GetLocalSinkState(GlobalSinkState& gstate) const override;
  SinkResult Sink(DataChunk& input, GlobalSinkState& gstate, LocalSinkState& lstate) const override;
  void Combine(GlobalSinkState& gstate, LocalSinkState& lstate) const override;
  idx_t Finalize(GlobalSinkState& gstate) const override;
  void ExecuteFinalizeTask(GlobalSinkState& gstate, idx_t task) const override;
  idx_t FinishFinalizeRound(GlobalSinkState& gstate) const override;

  bool IsSource() const override { return true; }
  std::unique_ptr<GlobalSourceState> GetGlobalSourceState(ExecutionState& execution) const override;
  bool GetData(DataChunk& out, GlobalSourceState& gstate, LocalSourceState& lstate) const override;

  /// Where each window expression's inputs are among the evaluated columns (see extras_).
  struct ExpressionColumns {
    std::vector<idx_t> children;
    idx_t filter = kNone, range_key = kNone, range_start = kNone, range_end = kNone;
  };
  static constexpr idx_t kNone = ~idx_t(0);

 private:
  void EvaluateBucket(GlobalSinkState& gstate, idx_t bucket) const;
  /// Whether some function reads peer groups (rank and friends, RANGE/GROUPS frames, EXCLUDE
  /// GROUP/TIES); if none does, EvaluateBucket finds partitions only.
  bool NeedsPeerGroups() const;

  const std::vector<LogicalType> input_types_;
  const std::vector<BoundWindowExpression> expressions_;
  /// Expressions evaluated per input row, appended to the input as the sort's payload: the
  /// partition keys, the ORDER BY keys, then every expression's arguments, filter and RANGE
  /// bounds (positions in columns_).
  std::vector<ExpressionPtr> extras_;
  std::vector<LogicalType> extra_types_;
  std::vector<ExpressionColumns> columns_;
  idx_t partition_count_ = 0, order_count_ = 0;
  idx_t bucket_count_ = 1;
  /// The sort key: partition keys (ascending, NULLS LAST) then the ORDER BY keys, over the
  /// payload (input ++ extras).
  std::vector<BoundOrderBy> sort_orders_;
  std::shared_ptr<const SortKeyEncoder> encoder_;
  std::shared_ptr<const SortKeyEncoder> partition_encoder_;  // partition keys only (bucket hash)
  std::vector<idx_t> payload_keys_;
  std::vector<LogicalType> payload_types_;
};

}  // namespace cairn
