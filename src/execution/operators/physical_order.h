// PhysicalOrder: ORDER BY as a sink + source. Each thread appends its rows and evaluated sort
// keys to its own SortedRun and sorts it in Combine (so sorting is parallel); Finalize k-way
// merges the runs' orders; the source emits chunks in order from one thread.
//
// State: the runs and the merged order live in the execution's GlobalSinkState; the source's
// GlobalSourceState is a cursor over them.
//
// Thread-safety: immutable; runs are thread-local until Combine, which appends under the
// global state's mutex.
#pragma once

#include "execution/physical_operator.h"
#include "execution/sorted_run.h"
#include "sql/logical_operator.h"

namespace cairn {

class PhysicalOrder : public PhysicalOperator {
 public:
  /// `orders` (sort keys over the input) are owned by the operator.
  PhysicalOrder(std::vector<LogicalType> types, std::vector<BoundOrderBy> orders);

  bool IsSink() const override { return true; }
  std::unique_ptr<GlobalSinkState> GetGlobalSinkState(ExecutionState& execution) const override;
  std::unique_ptr<LocalSinkState> GetLocalSinkState(GlobalSinkState& gstate) const override;
  SinkResult Sink(DataChunk& input, GlobalSinkState& gstate, LocalSinkState& lstate) const override;
  void Combine(GlobalSinkState& gstate, LocalSinkState& lstate) const override;
  idx_t Finalize(GlobalSinkState& gstate) const override;

  bool IsSource() const override { return true; }
  std::unique_ptr<GlobalSourceState> GetGlobalSourceState(ExecutionState& execution) const override;
  bool GetData(DataChunk& out, GlobalSourceState& gstate, LocalSourceState& lstate) const override;
  idx_t MaxThreads() const override { return 1; }

 private:
  const std::vector<BoundOrderBy> orders_;
  std::vector<LogicalType> key_types_;
  std::vector<SortKeySpec> specs_;
};

/// Fills out.data[0..column_count) with the payload of `entries[0..count)`, each (run << 48 |
/// row id) into `runs`. Shared by ORDER BY and top-N.
void GatherFromRuns(const std::vector<std::unique_ptr<SortedRun>>& runs, const uint64_t* entries, idx_t count,
                    idx_t column_count, DataChunk& out);

}  // namespace cairn
