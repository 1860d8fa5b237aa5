// PhysicalHashAggregate: GROUP BY / aggregates / SELECT DISTINCT as a sink + source.
//
// Sink: each thread evaluates group keys and aggregate arguments and updates its own
// AggregateHashTable (aggregates without GROUP BY update one state through the tight
// `simple_update` path). DISTINCT aggregates insert (group keys ++ arguments) into a per-thread
// set instead; FILTER (WHERE ...) slices the rows first. Combine merges thread tables into the
// global ones under a lock (the first table is adopted without copying). Finalize feeds each
// distinct set into its aggregate, guarantees the single row of an ungrouped aggregate, and
// materializes the result chunks, which the source hands to threads.
//
// Thread-safety: sink state is per thread; global tables are guarded by a mutex.
#pragma once

#include <atomic>
#include <mutex>

#include "execution/aggregate_hash_table.h"
#include "execution/physical_operator.h"
#include "sql/logical_operator.h"

namespace cairn {

class PhysicalHashAggregate : public PhysicalOperator {
 public:
  /// `aggregate` (the logical operator) must outlive this operator.
  explicit PhysicalHashAggregate(const LogicalAggregate& aggregate);

  bool IsSink() const override { return true; }
  std::unique_ptr<LocalSinkState> GetLocalSinkState() override;
  SinkResult Sink(DataChunk& input, LocalSinkState& state) override;
  void Combine(LocalSinkState& state) override;
  void Finalize() override;

  bool IsSource() const override { return true; }
  bool GetData(DataChunk& out, LocalSourceState& state) override;

 private:
  const LogicalAggregate& op_;
  std::vector<LogicalType> group_types_;
  std::vector<const AggregateFunction*> functions_;
  std::vector<idx_t> distinct_indexes_;  // aggregates with DISTINCT
  std::mutex mutex_;
  std::unique_ptr<AggregateHashTable> table_;
  std::vector<std::unique_ptr<AggregateHashTable>> distinct_tables_;  // parallel to distinct_indexes_
  std::vector<std::unique_ptr<DataChunk>> results_;
  MemoryReservation results_memory_{"HASH_AGGREGATE"};  // the finalized result chunks
  std::atomic<idx_t> next_result_{0};
};

}  // namespace cairn
