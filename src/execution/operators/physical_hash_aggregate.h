// PhysicalHashAggregate: GROUP BY / aggregates / SELECT DISTINCT as a sink + source.
//
// Sink: each thread evaluates group keys and aggregate arguments and updates its own
// AggregateHashTable (aggregates without GROUP BY update one state through the tight
// `simple_update` path). DISTINCT aggregates insert (group keys ++ arguments) into a per-thread
// set instead; FILTER (WHERE ...) slices the rows first. Combine merges thread tables into the
// execution's global ones under a lock (the first table is adopted without copying). Finalize
// feeds each distinct set into its aggregate, guarantees the single row of an ungrouped
// aggregate, and materializes the result chunks, which the source hands to threads.
//
// State: the tables and result chunks live in the execution's GlobalSinkState; the source's
// GlobalSourceState is a cursor over them.
//
// Thread-safety: immutable; sink state is per thread; the global tables are guarded by a mutex.
#pragma once

#include "execution/aggregate_hash_table.h"
#include "execution/physical_operator.h"
#include "sql/logical_operator.h"

namespace cairn {

class PhysicalHashAggregate : public PhysicalOperator {
 public:
  /// `groups` and `aggregates` (over the input) are owned by the operator. Output = groups then
  /// aggregates, as LogicalAggregate.
  PhysicalHashAggregate(std::vector<LogicalType> types, std::vector<ExpressionPtr> groups,
                        std::vector<BoundAggregate> aggregates);

  bool IsSink() const override { return true; }
  std::unique_ptr<GlobalSinkState> GetGlobalSinkState(ExecutionState& execution) const override;
  std::unique_ptr<LocalSinkState> GetLocalSinkState(GlobalSinkState& gstate) const override;
  SinkResult Sink(DataChunk& input, GlobalSinkState& gstate, LocalSinkState& lstate) const override;
  void Combine(GlobalSinkState& gstate, LocalSinkState& lstate) const override;
  idx_t Finalize(GlobalSinkState& gstate) const override;

  bool IsSource() const override { return true; }
  std::unique_ptr<GlobalSourceState> GetGlobalSourceState(ExecutionState& execution) const override;
  bool GetData(DataChunk& out, GlobalSourceState& gstate, LocalSourceState& lstate) const override;

 private:
  const std::vector<ExpressionPtr> groups_;
  const std::vector<BoundAggregate> aggregates_;
  std::vector<LogicalType> group_types_;
  std::vector<const AggregateFunction*> functions_;  // into aggregates_
  std::vector<idx_t> distinct_indexes_;              // aggregates with DISTINCT
};

}  // namespace cairn
