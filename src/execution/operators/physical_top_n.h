// PhysicalTopN: ORDER BY ... LIMIT n OFFSET m without sorting everything. Each thread keeps a
// SortedRun that it compacts to its best n + m rows whenever it grows past a threshold; after
// the first compaction, incoming rows whose first sort key is strictly worse than the current
// (n+m)-th row are dropped before being copied (a vectorized prefilter, so most of a large
// input never leaves its chunk). Combine compacts each thread's run; Finalize merges them
// (SortState, the same merge as ORDER BY's) producing only ranks [m, m + n); one thread emits
// them in order.
//
// State: the execution's GlobalSinkState is a SortState; the source's GlobalSourceState
// refers to it.
//
// Top-N cut-off (EnableDynamicFilter): when the first key is a column of a scan below, every
// compaction also publishes the (n+m)-th row's first key value to the execution's DynamicFilter
// (function/table/dynamic_filter.h), which the scan uses to skip rows and row groups that
// cannot win.
//
// Thread-safety: immutable; runs are thread-local until Combine (the SortState's mutex).
#pragma once

#include "execution/physical_operator.h"
#include <optional>

#include "execution/sort_state.h"
#include "function/table/dynamic_filter.h"
#include "sql/logical_operator.h"

namespace cairn {

class PhysicalTopN : public PhysicalOperator {
 public:
  /// `orders` (sort keys over the input) are owned by the operator.
  PhysicalTopN(std::vector<LogicalType> types, std::vector<BoundOrderBy> orders, idx_t limit, idx_t offset);

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

  /// Publishes a top-N cut-off on the first ORDER BY key, which is source column
  /// `source_column` of the scan below (physical planner; only for DynamicFilter::Eligible key
  /// types): each execution gets a DynamicFilter that every thread tightens after compacting
  /// its run to n + m rows. Call before execution.
  void EnableDynamicFilter(idx_t source_column);
  /// The DynamicFilter of `execution` (null unless enabled). Thread-safe.
  std::shared_ptr<const DynamicFilter> GetDynamicFilter(ExecutionState& execution) const;

 private:
  /// Offers the first key of the run's last row (its (n+m)-th) to the dynamic filter.
  void PublishCutOff(SortedRun& run, DynamicFilter& filter) const;

  const std::vector<BoundOrderBy> orders_;
  const idx_t limit_, offset_;
  std::shared_ptr<const SortKeyEncoder> encoder_;
  std::optional<idx_t> dynamic_column_;  // source column of the first key, when enabled
};

}  // namespace cairn
