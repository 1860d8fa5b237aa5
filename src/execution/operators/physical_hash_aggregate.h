// PhysicalHashAggregate: GROUP BY / aggregates / SELECT DISTINCT as a sink + source.
//
// Sink: each thread evaluates group keys and aggregate arguments and updates its own
// AggregateHashTable (aggregates without GROUP BY update one state through the tight
// `simple_update` path), whose groups are stored radix-partitioned by hash (RadixBitsFor).
// DISTINCT aggregates insert (group keys ++ arguments) into a per-thread set instead; FILTER
// (WHERE ...) slices the rows first. Combine hands the thread's tables to the global state.
//
// Finalize (radix-partitioned aggregation, as DuckDB's and Leis et al.'s morsel-driven
// aggregation): one thread's table is already final; with several, each radix partition is
// merged by its own finalize task, in parallel — the largest thread's share of the partition
// is adopted without copying, the others' groups are combined into it and freed. Few groups are merged in place;
// DISTINCT aggregates are merged in one task that also feeds each distinct set into its
// aggregate; without GROUP BY, their sets are radix-partitioned by value and every partition is
// merged and aggregated by its own task, the partial states combined at the end. The source then scans the finished partitions in chunk-sized ranges, from any
// number of threads, finalizing each aggregate state as it is emitted.
//
// Partitioned pre-aggregation (DuckDB's radix-partitioned aggregation abandons a thread's table
// the same way): a grouped aggregate without DISTINCT aggregates whose thread table reaches
// kDeferMinGroups groups — far beyond the caches, where every row's probe is a miss — stops
// probing it: that thread's further input rows are appended, as they are, to in-memory row
// collections by the radix partition of their group hash. Finalize then runs one task per
// partition, which merges the threads' groups of the partition and aggregates its deferred rows
// into them: a partition's table is a fraction of the whole, and its rows arrive together. A
// task that finds the query's memory past the spill threshold writes its finished partition to
// a temporary file, as spilling does, instead of keeping it for the source. Rows that repeat
// their groups many times (3 M keys over 90 M rows) would cost far more deferred than
// aggregated: every so often a deferring thread aggregates a sample of its deferred partitions
// into its table and, when they reduce well, all of them (FlushDeferred).
//
// Spilling (grace hash aggregation by radix partition): a grouped aggregate without DISTINCT
// aggregates watches its query's memory (MemoryTracker::ShouldSpill) as it sinks. Once past
// the threshold, every thread stops growing its table and writes each further input chunk's
// rows to one temporary file per radix partition of their group hash (SpillFile). Finalize
// then runs one task per partition: it merges the threads' in-memory groups of the partition,
// aggregates the partition's spilled rows into them, writes the finished groups to a file and
// frees the partition; the source reads those files back. At most one partition per worker is
// in memory beyond the tables built before spilling. Files are removed when the query ends.
//
// State: the tables live in the execution's GlobalSinkState; the source's GlobalSourceState is
// a cursor over their ranges.
//
// Thread-safety: immutable; sink state is per thread; Combine's hand-over is guarded by a
// mutex; finalize tasks touch disjoint partitions.
#pragma once

#include "execution/aggregate_hash_table.h"
#include "execution/physical_operator.h"
#include "sql/logical_operator.h"

namespace cairn {

struct AggregateGlobalState;  // the sink's per-execution state (physical_hash_aggregate.cpp)

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
  void ExecuteFinalizeTask(GlobalSinkState& gstate, idx_t task) const override;
  idx_t FinishFinalizeRound(GlobalSinkState& gstate) const override;

  bool IsSource() const override { return true; }
  std::unique_ptr<GlobalSourceState> GetGlobalSourceState(ExecutionState& execution) const override;
  bool GetData(DataChunk& out, GlobalSourceState& gstate, LocalSourceState& lstate) const override;

 public:
  /// log2 of the radix partitions `threads` workers balance their finalize tasks over: 0 for
  /// one, else about four partitions per thread, at most 2^kMaxRadixBits. A grouped aggregate
  /// uses at least kMinRadixBits.
  static idx_t RadixBitsFor(unsigned threads);
  /// Fewest radix bits of a grouped aggregate: the partitions spilling, and partitioned
  /// pre-aggregation, split the finalize into. 64 partitions keep a partition's table of a
  /// few million groups within the caches while its deferred or spilled rows are aggregated
  /// (3 M groups: about 4 MB per partition).
  static constexpr idx_t kMinRadixBits = 6;
  static constexpr idx_t kMaxRadixBits = 8;
  /// Below this many groups in all thread tables together, Finalize merges them in place.
  static constexpr idx_t kParallelMergeMinGroups = 16384;
  /// A thread whose table holds this many groups defers its further input rows to in-memory
  /// partitions (partitioned pre-aggregation, see above).
  static constexpr idx_t kDeferMinGroups = idx_t(1) << 20;
  /// A deferring thread checks whether its deferred rows reduce well each time it has deferred
  /// max(kFlushMinRows, 4 x its table's groups) more rows (FlushDeferred): fewer rows cost
  /// little memory, and a flush of fewer than a few rows per group would probe groups no cache
  /// holds, as deferring avoids.
  static constexpr idx_t kFlushMinRows = idx_t(1) << 24;
  /// The partitions it samples: their deferred rows are always aggregated into its table.
  static constexpr idx_t kFlushSamplePartitions = 4;
  /// Tests only: executions that start afterwards use these instead of kDeferMinGroups and
  /// kFlushMinRows (0: the constant), so small inputs take the deferral and flush paths.
  /// Thread-safe (atomics), process-wide.
  static void SetDeferralThresholdsForTesting(idx_t defer_min_groups, idx_t flush_min_rows);

 private:
  void MergeSerially(AggregateGlobalState& global) const;
  /// A thread's state without a table (the executors and buffers Accumulate uses), with
  /// DISTINCT sets of `distinct_radix_bits` radix bits.
  std::unique_ptr<LocalSinkState> MakeLocalState(idx_t distinct_radix_bits = 0) const;
  /// Groups and aggregates the rows of `input` into `table` (the Sink's work).
  void Accumulate(DataChunk& input, LocalSinkState& state, AggregateHashTable& table) const;
  /// Appends each row of `input` to this thread's deferred rows of its radix partition.
  void DeferInput(DataChunk& input, LocalSinkState& state, idx_t radix_bits) const;
  /// Bounds a deferring thread's memory when its rows repeat their groups: aggregates the
  /// deferred rows of the first kFlushSamplePartitions partitions into the thread's table and,
  /// when fewer than a quarter of them created a group (a group costs several rows' bytes),
  /// those of every partition, a partition at a time (its part of the table stays in cache).
  /// Past the spill threshold it stops where it is and starts spilling.
  void FlushDeferred(AggregateGlobalState& global, LocalSinkState& state) const;
  /// Aggregates this thread's deferred rows of partition `p` into its table and empties them;
  /// false (the rows not aggregated kept) when the table reached the spill threshold.
  bool FlushDeferredPartition(LocalSinkState& state, idx_t p) const;
  /// Writes the finished groups of partition `p` (`table`, unpartitioned) to a temporary file
  /// that the source reads back.
  void WritePartitionOutput(AggregateGlobalState& global, idx_t p, const AggregateHashTable& table) const;
  /// Aggregates partition `p`'s deferred rows into `table` (created if null) and frees them.
  void AccumulateDeferred(AggregateGlobalState& global, idx_t p, std::unique_ptr<AggregateHashTable>& table) const;
  /// Whether this aggregate spills (grouped, without DISTINCT aggregates).
  bool Spillable() const;
  /// Writes `input`'s rows to the thread's per-partition spill files.
  void SpillInput(DataChunk& input, LocalSinkState& state, idx_t radix_bits) const;
  /// Partition `p` of every thread table merged into one table (null when it has no groups).
  std::unique_ptr<AggregateHashTable> MergePartition(AggregateGlobalState& global, idx_t p) const;
  /// Partition `p` of `tables` merged into one table (null when it has no groups); the tables
  /// keep their other partitions.
  static std::unique_ptr<AggregateHashTable> MergeTablesPartition(std::vector<std::unique_ptr<AggregateHashTable>>& tables,
                                                                  idx_t p);
  /// Without GROUP BY: merges partition `p` of every DISTINCT aggregate's sets, aggregates its
  /// values into a partial state and combines that into the one group's (under the mutex).
  void MergeDistinctPartition(AggregateGlobalState& global, idx_t p) const;
  /// Spilling: aggregates partition `p`'s spilled rows into `merged` and writes its groups out.
  void FinishSpilledPartition(AggregateGlobalState& global, idx_t p, std::unique_ptr<AggregateHashTable> merged) const;

  const std::vector<ExpressionPtr> groups_;
  const std::vector<BoundAggregate> aggregates_;
  std::vector<LogicalType> group_types_;
  std::vector<const AggregateFunction*> functions_;  // into aggregates_
  std::vector<idx_t> distinct_indexes_;              // aggregates with DISTINCT
};

}  // namespace cairn
