// PhysicalOrder: ORDER BY as a sink + source. Each thread appends its rows and normalized sort
// keys to its own SortedRun and radix-sorts it when it reaches max_run_rows rows and in Combine
// (so sorting is parallel, and no call sorts more than one run's rows); Finalize
// plans a merge of the runs into ranges that finalize tasks merge in parallel (SortState);
// the source emits the merged chunks in order from one thread.
//
// External sort: when the query's memory passes MemoryTracker::ShouldSpill while rows are
// sunk, the thread's run and every run already handed over are sorted and written to
// temporary files (SortState::SpillRun); from then on each thread spills its run whenever it
// is full or memory is short again. The source then merges the files streaming (ExternalMerge)
// instead of merging in memory, so ORDER BY of more rows than memory holds completes.
//
// State: the execution's GlobalSinkState is a SortState (runs, merge, merged chunks); the
// source's GlobalSourceState refers to it.
//
// Thread-safety: immutable; runs are thread-local until Combine, which hands them to the
// SortState under its mutex.
#pragma once

#include "execution/physical_operator.h"
#include "execution/sort_state.h"
#include "sql/logical_operator.h"

namespace cairn {

class PhysicalOrder : public PhysicalOperator {
 public:
  /// Rows of a thread's run before it is sorted and a new one started (a sort of this many
  /// rows takes a fraction of a second).
  static constexpr idx_t kMaxRunRows = idx_t(1) << 21;
  /// Once a sort spills, the smallest run written because memory is short, in bytes (bounds
  /// the number of runs, each one a file the merge reads a block of at a time).
  static constexpr uint64_t kMinSpillRunBytes = uint64_t(1) << 20;

  /// `orders` (sort keys over the input) are owned by the operator. `max_run_rows`: see
  /// kMaxRunRows (tests use small values).
  PhysicalOrder(std::vector<LogicalType> types, std::vector<BoundOrderBy> orders, idx_t max_run_rows = kMaxRunRows);

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
  idx_t MaxThreads() const override { return 1; }

 private:
  const std::vector<BoundOrderBy> orders_;
  const idx_t max_run_rows_;
  std::shared_ptr<const SortKeyEncoder> encoder_;
};

/// The normalized-key encoder of `orders` (their result types and directions).
std::shared_ptr<const SortKeyEncoder> MakeSortKeyEncoder(const std::vector<BoundOrderBy>& orders);
/// Per payload column (the sort's input columns): the ORDER BY key that is that very column
/// (a column reference of the same type, decodable), else SortedRun::kNotAKey — such columns
/// are read back from the normalized key instead of being stored twice.
std::vector<idx_t> PayloadKeyColumns(const std::vector<BoundOrderBy>& orders, const SortKeyEncoder& encoder,
                                     const std::vector<LogicalType>& payload_types);

}  // namespace cairn
