#include "execution/operators/physical_hash_aggregate.h"

#include <atomic>
#include <mutex>

#include "cairn/exception.h"
#include "common/memory_tracker.h"
#include "execution/execution_state.h"
#include "execution/expression_executor.h"
#include "execution/row_collection.h"
#include "execution/spill_file.h"

namespace cairn {

/// A slice of a finished table the source emits as one chunk, or (table null) one chunk of
/// a partition's spilled output.
struct ScanRange {
  const AggregateHashTable* table;
  idx_t partition;
  idx_t offset;  // a spilled output's chunk index
  idx_t count;
  const SpillFile* file = nullptr;
};

struct AggregateGlobalState : GlobalSinkState {
  idx_t radix_bits = 0;  // of the threads' tables
  // Of the threads' DISTINCT sets of an aggregate without GROUP BY (0: unpartitioned, merged in
  // one task): each partition is merged and counted by its own task.
  idx_t distinct_radix_bits = 0;
  std::mutex mutex;  // guards tables and distinct_tables during Combine
  // The threads' tables, as Combine handed them over.
  std::vector<std::unique_ptr<AggregateHashTable>> tables;
  std::vector<std::vector<std::unique_ptr<AggregateHashTable>>> distinct_tables;  // per DISTINCT aggregate
  // The finished tables: one per radix partition after a parallel merge, else one.
  std::vector<std::unique_ptr<AggregateHashTable>> merged;
  // What the source emits, set when finalization is complete.
  std::vector<ScanRange> ranges;

  // Spilling (see the header): set by the first thread that finds the query's memory past
  // MemoryTracker::ShouldSpill; from then on every thread writes its input rows to files.
  std::atomic<bool> spilling{false};
  std::vector<std::vector<std::unique_ptr<SpillFile>>> spilled_input;  // per partition: the threads' files
  std::vector<std::unique_ptr<SpillFile>> spilled_output;              // per partition: its finished groups

  // Partitioned pre-aggregation (see the header): per partition, the threads' deferred input
  // rows (handed over by Combine under `mutex`).
  std::vector<std::vector<std::unique_ptr<RowCollection>>> deferred;
  bool any_deferred = false;
  idx_t defer_min_groups = PhysicalHashAggregate::kDeferMinGroups;
  idx_t flush_min_rows = PhysicalHashAggregate::kFlushMinRows;
};

namespace {

// SetDeferralThresholdsForTesting's values (0: the constants).
std::atomic<idx_t> g_test_defer_min_groups{0};
std::atomic<idx_t> g_test_flush_min_rows{0};

/// An empty collection of a thread's deferred rows of one radix partition. Charged in fine
/// steps: a thread keeps one per partition, each with a partly filled chunk.
std::unique_ptr<RowCollection> NewDeferredRows(std::vector<LogicalType> types) {
  return std::make_unique<RowCollection>(std::move(types), "HASH_AGGREGATE", kFineMemoryChargeBlock);
}

struct AggregateSourceState : GlobalSourceState {
  explicit AggregateSourceState(const AggregateGlobalState& sink) : sink(sink) {}
  const AggregateGlobalState& sink;  // read after Finalize
  std::atomic<idx_t> next_range{0};
};

/// Appends the chunk-sized ranges of every partition of `table` to `ranges`.
void AddScanRanges(const AggregateHashTable& table, std::vector<ScanRange>& ranges) {
  for (idx_t p = 0; p < table.PartitionCount(); p++) {
    const idx_t n = table.PartitionGroupCount(p);
    for (idx_t offset = 0; offset < n; offset += kStandardVectorSize) {
      ranges.push_back(ScanRange{&table, p, offset, std::min<idx_t>(kStandardVectorSize, n - offset)});
    }
  }
}

struct AggregateLocalState : LocalSinkState {
  ExpressionExecutor group_executor;
  std::vector<ExpressionExecutor> argument_executors;  // per aggregate
  std::vector<std::unique_ptr<ExpressionExecutor>> filter_executors;
  std::unique_ptr<AggregateHashTable> table;
  std::vector<std::unique_ptr<AggregateHashTable>> distinct_tables;
  DataChunk groups;
  std::vector<DataChunk> arguments;
  std::vector<uint8_t*> states = std::vector<uint8_t*>(kStandardVectorSize);
  std::vector<uint8_t*> aggregate_states = std::vector<uint8_t*>(kStandardVectorSize);
  SelectionVector sel{kStandardVectorSize};
  // Spilling: per partition, the file of this thread's input rows (empty until it spills).
  std::vector<std::unique_ptr<SpillFile>> spill;
  // Partitioned pre-aggregation: per partition, this thread's deferred input rows (empty until
  // its table reached PhysicalHashAggregate::kDeferMinGroups groups).
  std::vector<std::unique_ptr<RowCollection>> deferred;
  idx_t deferred_since_check = 0;  // rows deferred since FlushDeferred last ran
  std::vector<uint64_t> hashes;
  std::vector<SelectionVector> partition_sel;
  std::vector<idx_t> partition_counts;
};

}  // namespace

void PhysicalHashAggregate::SetDeferralThresholdsForTesting(idx_t defer_min_groups, idx_t flush_min_rows) {
  g_test_defer_min_groups.store(defer_min_groups);
  g_test_flush_min_rows.store(flush_min_rows);
}

PhysicalHashAggregate::PhysicalHashAggregate(std::vector<LogicalType> types, std::vector<ExpressionPtr> groups,
                                             std::vector<BoundAggregate> aggregates)
    : PhysicalOperator(PhysicalOperatorType::HASH_AGGREGATE, std::move(types)), groups_(std::move(groups)),
      aggregates_(std::move(aggregates)) {
  for (auto& g : groups_) group_types_.push_back(g->return_type);
  for (idx_t a = 0; a < aggregates_.size(); a++) {
    functions_.push_back(&aggregates_[a].function);
    if (aggregates_[a].distinct) distinct_indexes_.push_back(a);
  }
}

std::unique_ptr<GlobalSinkState> PhysicalHashAggregate::GetGlobalSinkState(ExecutionState& execution) const {
  auto state = std::make_unique<AggregateGlobalState>();
  // At least kMinRadixBits, so a spilling aggregate splits its work into that many partitions.
  state->radix_bits = groups_.empty() ? 0 : std::max(RadixBitsFor(execution.threads()), kMinRadixBits);
  if (const idx_t groups = g_test_defer_min_groups.load()) state->defer_min_groups = groups;
  if (const idx_t rows = g_test_flush_min_rows.load()) state->flush_min_rows = rows;
  state->distinct_tables.resize(distinct_indexes_.size());
  if (groups_.empty() && !distinct_indexes_.empty()) state->distinct_radix_bits = kMinRadixBits;
  return state;
}

std::unique_ptr<GlobalSourceState> PhysicalHashAggregate::GetGlobalSourceState(ExecutionState& execution) const {
  return std::make_unique<AggregateSourceState>(static_cast<AggregateGlobalState&>(execution.sink_state(*this)));
}

idx_t PhysicalHashAggregate::RadixBitsFor(unsigned threads) {
  if (threads <= 1) return 0;
  idx_t bits = 2;  // four partitions per thread, for balance between the merge tasks
  while ((idx_t(1) << bits) < 4 * idx_t(threads) && bits < kMaxRadixBits) bits++;
  return bits;
}

std::unique_ptr<LocalSinkState> PhysicalHashAggregate::GetLocalSinkState(GlobalSinkState& gstate) const {
  auto state = MakeLocalState(static_cast<AggregateGlobalState&>(gstate).distinct_radix_bits);
  auto& local = static_cast<AggregateLocalState&>(*state);
  local.table = std::make_unique<AggregateHashTable>(group_types_, functions_, "HASH_AGGREGATE",
                                                     static_cast<AggregateGlobalState&>(gstate).radix_bits);
  // A spilling aggregate's tables stop at the spill threshold (Sink then spills its input), so
  // the finalize has the rest of the limit to merge each partition with its spilled rows.
  if (Spillable()) local.table->StopGrowingAtSpillThreshold();
  return state;
}

std::unique_ptr<LocalSinkState> PhysicalHashAggregate::MakeLocalState(idx_t distinct_radix_bits) const {
  auto state = std::make_unique<AggregateLocalState>();
  for (auto& g : groups_) state->group_executor.AddExpression(*g);
  state->groups.data.resize(groups_.size());
  state->arguments.resize(aggregates_.size());
  for (idx_t a = 0; a < aggregates_.size(); a++) {
    const auto& aggregate = aggregates_[a];
    state->argument_executors.emplace_back(aggregate.children);
    state->arguments[a].data.resize(aggregate.children.size());
    state->filter_executors.push_back(aggregate.filter ? std::make_unique<ExpressionExecutor>(*aggregate.filter) : nullptr);
  }
  for (idx_t a : distinct_indexes_) {
    std::vector<LogicalType> key_types = group_types_;
    for (auto& child : aggregates_[a].children) key_types.push_back(child->return_type);
    state->distinct_tables.push_back(std::make_unique<AggregateHashTable>(
        key_types, std::vector<const AggregateFunction*>{}, "HASH_AGGREGATE", distinct_radix_bits));
  }
  return state;
}

bool PhysicalHashAggregate::Spillable() const { return !groups_.empty() && distinct_indexes_.empty(); }

SinkResult PhysicalHashAggregate::Sink(DataChunk& input, GlobalSinkState& gstate, LocalSinkState& state_p) const {
  auto& state = static_cast<AggregateLocalState&>(state_p);
  if (input.size() == 0) return SinkResult::NEED_MORE_INPUT;
  if (Spillable()) {
    auto& global = static_cast<AggregateGlobalState&>(gstate);
    if (state.spill.empty() && !global.spilling.load(std::memory_order_relaxed)) {
      const auto& tracker = MemoryTracker::Current();
      if (tracker && tracker->ShouldSpill()) global.spilling.store(true);
    }
    if (!global.spilling.load(std::memory_order_relaxed)) {
      if (!state.deferred.empty() || state.table->GroupCount() >= global.defer_min_groups) {
        DeferInput(input, state, global.radix_bits);
        state.deferred_since_check += input.size();
        if (state.deferred_since_check >= std::max(global.flush_min_rows, 4 * state.table->GroupCount())) {
          state.deferred_since_check = 0;
          FlushDeferred(global, state);
        }
        return SinkResult::NEED_MORE_INPUT;
      }
      try {
        Accumulate(input, state_p, *state.table);
        return SinkResult::NEED_MORE_INPUT;
      } catch (const Exception& e) {
        // The table could not grow (53200) before the threshold was seen: spill this chunk.
        // Groups it already created hold empty states, which combine as no rows.
        if (e.sqlstate() != sqlstate::kOutOfMemory) throw;
        global.spilling.store(true);
      }
    }
    SpillInput(input, state, global.radix_bits);
    return SinkResult::NEED_MORE_INPUT;
  }
  Accumulate(input, state_p, *state.table);
  return SinkResult::NEED_MORE_INPUT;
}

namespace {

/// Splits `input`'s rows by the radix partition of their group hash: state.partition_sel[p]
/// holds the rows of partition p, state.partition_counts[p] how many.
void PartitionInput(DataChunk& input, AggregateLocalState& state, idx_t radix_bits) {
  const idx_t n = input.size();
  const idx_t partitions = idx_t(1) << radix_bits;
  if (state.partition_sel.empty()) {
    // One buffer each (copies of a SelectionVector share their buffer).
    for (idx_t p = 0; p < partitions; p++) state.partition_sel.emplace_back(kStandardVectorSize);
    state.hashes.resize(kStandardVectorSize);
  }
  state.group_executor.Execute(input, state.groups);
  state.groups.SetCardinality(n);
  state.table->HashGroups(state.groups.data.data(), n, state.hashes.data());
  state.partition_counts.assign(partitions, 0);
  for (idx_t i = 0; i < n; i++) {
    const idx_t p = AggregateHashTable::PartitionOf(state.hashes[i], radix_bits);
    state.partition_sel[p].set_index(state.partition_counts[p]++, i);
  }
}

/// Calls append(p, rows) with the rows of each partition of `input` that has some.
template <class Append>
void ForEachPartitionSlice(DataChunk& input, AggregateLocalState& state, Append&& append) {
  for (idx_t p = 0; p < state.partition_counts.size(); p++) {
    const idx_t count = state.partition_counts[p];
    if (count == 0) continue;
    if (count == input.size()) {
      append(p, input);
      continue;
    }
    DataChunk slice;
    slice.Reference(input);
    slice.Slice(state.partition_sel[p], count);
    append(p, slice);
  }
}

}  // namespace

void PhysicalHashAggregate::SpillInput(DataChunk& input, LocalSinkState& state_p, idx_t radix_bits) const {
  auto& state = static_cast<AggregateLocalState&>(state_p);
  if (state.spill.empty()) {
    const std::string directory = CurrentTemporaryDirectory();
    for (idx_t p = 0; p < (idx_t(1) << radix_bits); p++) state.spill.push_back(std::make_unique<SpillFile>(directory));
  }
  PartitionInput(input, state, radix_bits);
  ForEachPartitionSlice(input, state, [&](idx_t p, const DataChunk& rows) { state.spill[p]->Append(rows); });
}

void PhysicalHashAggregate::DeferInput(DataChunk& input, LocalSinkState& state_p, idx_t radix_bits) const {
  auto& state = static_cast<AggregateLocalState&>(state_p);
  if (state.deferred.empty()) {
    for (idx_t p = 0; p < (idx_t(1) << radix_bits); p++) {
      state.deferred.push_back(NewDeferredRows(input.GetTypes()));
    }
  }
  PartitionInput(input, state, radix_bits);
  // Each partition's rows are copied straight from the input (no sliced chunk per partition).
  for (idx_t p = 0; p < state.partition_counts.size(); p++) {
    const idx_t count = state.partition_counts[p];
    if (count > 0) state.deferred[p]->Append(input, state.partition_sel[p], count);
  }
}

void PhysicalHashAggregate::FlushDeferred(AggregateGlobalState& global, LocalSinkState& state_p) const {
  auto& state = static_cast<AggregateLocalState&>(state_p);
  const auto& tracker = MemoryTracker::Current();
  if (tracker && tracker->ShouldSpill()) return;  // the next chunk starts spilling
  const idx_t partitions = state.deferred.size();
  const idx_t sample = std::min(kFlushSamplePartitions, partitions);
  idx_t rows = 0;
  for (idx_t p = 0; p < sample; p++) rows += state.deferred[p]->Count();
  // Partitions [from, to); false once the table reached the spill threshold (then spilling).
  auto flush = [&](idx_t from, idx_t to) {
    for (idx_t p = from; p < to; p++) {
      if (!FlushDeferredPartition(state, p)) {
        global.spilling.store(true);
        return false;
      }
    }
    return true;
  };
  const idx_t groups_before = state.table->GroupCount();
  if (!flush(0, sample)) return;
  const idx_t created = state.table->GroupCount() - groups_before;
  if (rows == 0 || created * 4 >= rows) return;  // most rows are new groups: keep deferring
  flush(sample, partitions);
}

bool PhysicalHashAggregate::FlushDeferredPartition(LocalSinkState& state_p, idx_t p) const {
  auto& state = static_cast<AggregateLocalState&>(state_p);
  std::unique_ptr<RowCollection>& rows = state.deferred[p];
  DataChunk chunk;
  idx_t c = 0;
  try {
    for (; c < rows->ChunkCount(); c++) {
      chunk.Reference(rows->GetChunk(c));
      Accumulate(chunk, state, *state.table);
    }
  } catch (const Exception& e) {
    // The table reached the spill threshold (53200) while creating chunk c's groups, before any
    // of its states changed (groups created meanwhile hold empty states, which combine as no
    // rows): chunks c.. stay deferred, the earlier ones are in the table.
    if (e.sqlstate() != sqlstate::kOutOfMemory) throw;
    auto rest = NewDeferredRows(rows->types());
    for (; c < rows->ChunkCount(); c++) rest->Append(rows->GetChunk(c));
    rows = std::move(rest);
    return false;
  }
  rows = NewDeferredRows(rows->types());
  return true;
}

void PhysicalHashAggregate::AccumulateDeferred(AggregateGlobalState& global, idx_t p,
                                               std::unique_ptr<AggregateHashTable>& table) const {
  if (p >= global.deferred.size() || global.deferred[p].empty()) return;
  if (!table) table = std::make_unique<AggregateHashTable>(group_types_, functions_);
  auto local = MakeLocalState();
  DataChunk chunk;
  for (auto& rows : global.deferred[p]) {
    for (idx_t c = 0; c < rows->ChunkCount(); c++) {
      chunk.Reference(rows->GetChunk(c));
      Accumulate(chunk, *local, *table);
    }
    rows.reset();  // freed as soon as aggregated
  }
  global.deferred[p].clear();
}

void PhysicalHashAggregate::Accumulate(DataChunk& input, LocalSinkState& state_p, AggregateHashTable& table) const {
  auto& state = static_cast<AggregateLocalState&>(state_p);
  const idx_t n = input.size();
  if (!groups_.empty()) state.group_executor.Execute(input, state.groups);
  state.groups.SetCardinality(n);
  uint8_t** states = state.states.data();
  table.FindOrCreateGroups(state.groups.data.data(), n, states);
  const bool ungrouped = groups_.empty();
  idx_t distinct_slot = 0;
  for (idx_t a = 0; a < aggregates_.size(); a++) {
    const BoundAggregate& aggregate = aggregates_[a];
    DataChunk& args = state.arguments[a];
    state.argument_executors[a].Execute(input, args);
    args.SetCardinality(n);
    idx_t count = n;
    const SelectionVector* filter_sel = nullptr;
    if (state.filter_executors[a]) {
      count = state.filter_executors[a]->Select(0, input, state.sel);
      if (count == 0) {
        if (aggregate.distinct) distinct_slot++;
        continue;
      }
      if (count < n) filter_sel = &state.sel;
    }
    if (aggregate.distinct) {
      std::vector<Vector> keys;
      keys.reserve(state.groups.ColumnCount() + args.ColumnCount());
      for (auto& v : state.groups.data) keys.push_back(v);
      for (auto& v : args.data) keys.push_back(v);
      if (filter_sel) {
        for (auto& v : keys) v.Slice(*filter_sel, count);
      }
      state.distinct_tables[distinct_slot++]->FindOrCreateGroups(keys.data(), count, nullptr);
      continue;
    }
    if (filter_sel) args.Slice(*filter_sel, count);
    const AggregateFunction& fn = aggregate.function;
    const idx_t offset = table.StateOffset(a);
    if (ungrouped && fn.simple_update) {
      fn.simple_update(args.data.data(), args.ColumnCount(), states[0] + offset, count);
      continue;
    }
    uint8_t** targets = state.aggregate_states.data();
    if (filter_sel) {
      for (idx_t i = 0; i < count; i++) targets[i] = states[filter_sel->get_index(i)] + offset;
    } else {
      for (idx_t i = 0; i < count; i++) targets[i] = states[i] + offset;
    }
    fn.update(args.data.data(), args.ColumnCount(), targets, count);
  }
}

void PhysicalHashAggregate::Combine(GlobalSinkState& gstate, LocalSinkState& state_p) const {
  auto& global = static_cast<AggregateGlobalState&>(gstate);
  auto& state = static_cast<AggregateLocalState&>(state_p);
  for (auto& file : state.spill) file->FinishWriting();
  std::lock_guard<std::mutex> lock(global.mutex);
  if (!state.deferred.empty()) {
    global.deferred.resize(state.deferred.size());
    for (idx_t p = 0; p < state.deferred.size(); p++) global.deferred[p].push_back(std::move(state.deferred[p]));
    global.any_deferred = true;
  }
  if (!state.spill.empty()) {
    global.spilled_input.resize(state.spill.size());
    for (idx_t p = 0; p < state.spill.size(); p++) global.spilled_input[p].push_back(std::move(state.spill[p]));
  }
  global.tables.push_back(std::move(state.table));
  for (idx_t d = 0; d < distinct_indexes_.size(); d++) {
    global.distinct_tables[d].push_back(std::move(state.distinct_tables[d]));
  }
}

void PhysicalHashAggregate::MergeSerially(AggregateGlobalState& global) const {
  auto target = std::make_unique<AggregateHashTable>(group_types_, functions_);
  for (auto& t : global.tables) target->Combine(*t);
  global.tables.clear();
  AggregateHashTable& table = *target;
  const idx_t group_columns = group_types_.size();
  std::vector<uint8_t*> states(kStandardVectorSize), targets(kStandardVectorSize);
  for (idx_t d = 0; d < distinct_indexes_.size(); d++) {
    auto& sets = global.distinct_tables[d];
    if (sets.empty()) continue;
    AggregateHashTable& set = *sets[0];
    for (idx_t t = 1; t < sets.size(); t++) set.Combine(*sets[t]);
    idx_t a = distinct_indexes_[d];
    const AggregateFunction& fn = aggregates_[a].function;
    idx_t argument_count = aggregates_[a].children.size();
    idx_t offset = table.StateOffset(a);
    for (idx_t start = 0; start < set.GroupCount(); start += kStandardVectorSize) {
      idx_t count = std::min<idx_t>(kStandardVectorSize, set.GroupCount() - start);
      DataChunk keys;
      keys.data.resize(group_columns + argument_count);
      set.ScanKeys(start, count, keys);
      keys.SetCardinality(count);
      table.FindOrCreateGroups(keys.data.data(), count, states.data());
      for (idx_t i = 0; i < count; i++) targets[i] = states[i] + offset;
      fn.update(keys.data.data() + group_columns, argument_count, targets.data(), count);
    }
    sets.clear();
  }
  if (groups_.empty()) table.SingleGroup();
  global.merged.clear();
  global.merged.push_back(std::move(target));
}

idx_t PhysicalHashAggregate::Finalize(GlobalSinkState& gstate) const {
  auto& global = static_cast<AggregateGlobalState&>(gstate);
  auto& tables = global.tables;
  if (tables.empty()) {
    tables.push_back(std::make_unique<AggregateHashTable>(group_types_, functions_));
    for (auto& sets : global.distinct_tables) sets.clear();
  }
  if (global.spilling.load()) {
    // Every partition is merged, re-aggregated from its spilled rows and written out by its
    // own task (ExecuteFinalizeTask), so at most a partition per thread is in memory at once.
    const idx_t partitions = idx_t(1) << global.radix_bits;
    global.spilled_input.resize(partitions);
    global.spilled_output.resize(partitions);
    return partitions;
  }
  idx_t total_groups = 0;
  for (auto& t : tables) total_groups += t->GroupCount();
  if (global.any_deferred) {
    // Partitioned pre-aggregation: every partition merges its groups and aggregates its
    // deferred rows in its own task; past the spill threshold, finished partitions go to files.
    const idx_t partitions = idx_t(1) << global.radix_bits;
    global.merged.resize(partitions);
    global.spilled_output.resize(partitions);
    return partitions;
  }
  if (tables.size() == 1 && distinct_indexes_.empty()) {
    if (groups_.empty()) tables[0]->SingleGroup();
    global.merged = std::move(tables);
    tables.clear();
    return FinishFinalizeRound(gstate);
  }
  if (global.distinct_radix_bits > 0) {
    // No GROUP BY: the one group's plain aggregates are combined here, then each partition of
    // the DISTINCT sets is merged and counted by its own task (MergeDistinctPartition).
    auto target = std::make_unique<AggregateHashTable>(group_types_, functions_);
    for (auto& t : tables) target->Combine(*t);
    tables.clear();
    target->SingleGroup();
    global.merged.clear();
    global.merged.push_back(std::move(target));
    return idx_t(1) << global.distinct_radix_bits;
  }
  // Merging DISTINCT sets into the groups is one sequential pass: one task.
  if (!distinct_indexes_.empty()) return 1;
  if (groups_.empty() || total_groups < kParallelMergeMinGroups) {
    MergeSerially(global);
    return FinishFinalizeRound(gstate);
  }
  global.merged.resize(tables[0]->PartitionCount());
  return global.merged.size();
}

void PhysicalHashAggregate::ExecuteFinalizeTask(GlobalSinkState& gstate, idx_t task) const {
  auto& global = static_cast<AggregateGlobalState&>(gstate);
  if (!distinct_indexes_.empty()) {
    if (global.distinct_radix_bits > 0) {
      MergeDistinctPartition(global, task);
    } else {
      MergeSerially(global);
    }
    return;
  }
  const idx_t p = task;
  std::unique_ptr<AggregateHashTable> merged = MergePartition(global, p);
  if (global.spilling.load()) {
    FinishSpilledPartition(global, p, std::move(merged));
    return;
  }
  AccumulateDeferred(global, p, merged);
  // The partition's groups stay in memory for the source, unless memory is short: then they
  // wait in a file, as a spilled partition's do.
  const auto& tracker = MemoryTracker::Current();
  if (merged && global.any_deferred && tracker && tracker->ShouldSpill()) {
    WritePartitionOutput(global, p, *merged);
    return;
  }
  global.merged[p] = std::move(merged);
}

std::unique_ptr<AggregateHashTable> PhysicalHashAggregate::MergePartition(AggregateGlobalState& global,
                                                                          idx_t p) const {
  return MergeTablesPartition(global.tables, p);
}

std::unique_ptr<AggregateHashTable> PhysicalHashAggregate::MergeTablesPartition(
    std::vector<std::unique_ptr<AggregateHashTable>>& tables, idx_t p) {
  // Adopt the largest thread's share of partition p (no re-insertion), combine the other
  // threads' shares into it and free each as soon as it is merged.
  AggregateHashTable* largest = nullptr;
  idx_t total = 0;
  for (auto& t : tables) {
    total += t->PartitionGroupCount(p);
    if (!largest || t->PartitionGroupCount(p) > largest->PartitionGroupCount(p)) largest = t.get();
  }
  if (total == 0) return nullptr;
  auto merged = AggregateHashTable::TakePartition(*largest, p, total - largest->PartitionGroupCount(p));
  for (auto& t : tables) {
    if (t.get() == largest) continue;
    merged->CombinePartition(*t, p);
    t->ReleasePartition(p);
  }
  return merged;
}

void PhysicalHashAggregate::MergeDistinctPartition(AggregateGlobalState& global, idx_t p) const {
  AggregateHashTable& table = *global.merged[0];
  uint8_t* group = table.SingleGroup();  // created by Finalize: a lookup, safe from every task
  std::vector<uint8_t*> targets(kStandardVectorSize);
  for (idx_t d = 0; d < distinct_indexes_.size(); d++) {
    std::unique_ptr<AggregateHashTable> set = MergeTablesPartition(global.distinct_tables[d], p);
    if (!set) continue;
    // The partition's distinct values go into a state of this task's own, which is then
    // combined into the group's (the partitions hold disjoint values, so the result is the
    // aggregate over all of them, in some order — as the serial merge's).
    const idx_t a = distinct_indexes_[d];
    const AggregateFunction& fn = aggregates_[a].function;
    const idx_t argument_count = aggregates_[a].children.size();
    auto buffer = std::make_unique<uint8_t[]>(fn.state_size);
    fn.initialize(buffer.get());
    struct StateGuard {  // destroys the partial state on every path
      const AggregateFunction& fn;
      uint8_t* state;
      ~StateGuard() {
        if (fn.destroy) fn.destroy(state);
      }
    } guard{fn, buffer.get()};
    for (idx_t i = 0; i < kStandardVectorSize; i++) targets[i] = buffer.get();
    for (idx_t start = 0; start < set->GroupCount(); start += kStandardVectorSize) {
      const idx_t count = std::min<idx_t>(kStandardVectorSize, set->GroupCount() - start);
      DataChunk keys;
      keys.data.resize(argument_count);
      set->ScanKeys(start, count, keys);
      keys.SetCardinality(count);
      fn.update(keys.data.data(), argument_count, targets.data(), count);
    }
    std::lock_guard<std::mutex> lock(global.mutex);
    fn.combine(buffer.get(), group + table.StateOffset(a));
  }
}

void PhysicalHashAggregate::FinishSpilledPartition(AggregateGlobalState& global, idx_t p,
                                                   std::unique_ptr<AggregateHashTable> merged) const {
  if (!merged) merged = std::make_unique<AggregateHashTable>(group_types_, functions_);
  AccumulateDeferred(global, p, merged);
  // The rows spilled for this partition, aggregated into its in-memory groups.
  auto local = MakeLocalState();
  DataChunk chunk;
  for (auto& file : global.spilled_input[p]) {
    for (idx_t i = 0; i < file->ChunkCount(); i++) {
      file->ReadChunk(i, chunk);
      Accumulate(chunk, *local, *merged);
    }
    file.reset();  // frees its disk space
  }
  global.spilled_input[p].clear();
  // The finished groups go to a file too, so no partition's groups stay in memory while the
  // next ones are built; the source reads them back chunk by chunk.
  WritePartitionOutput(global, p, *merged);
}

void PhysicalHashAggregate::WritePartitionOutput(AggregateGlobalState& global, idx_t p,
                                                 const AggregateHashTable& table) const {
  auto output = std::make_unique<SpillFile>(CurrentTemporaryDirectory());
  DataChunk out;
  out.Initialize(types);
  const idx_t n = table.GroupCount();
  for (idx_t offset = 0; offset < n; offset += kStandardVectorSize) {
    const idx_t count = std::min<idx_t>(kStandardVectorSize, n - offset);
    out.Reset();
    table.Scan(offset, count, out);
    output->Append(out);
  }
  output->FinishWriting();
  global.spilled_output[p] = std::move(output);
}

idx_t PhysicalHashAggregate::FinishFinalizeRound(GlobalSinkState& gstate) const {
  auto& global = static_cast<AggregateGlobalState&>(gstate);
  global.tables.clear();  // every group now lives in a merged table (or a spilled output)
  for (auto& sets : global.distinct_tables) sets.clear();
  for (auto& table : global.merged) {
    if (table) AddScanRanges(*table, global.ranges);
  }
  for (idx_t p = 0; p < global.spilled_output.size(); p++) {
    const SpillFile* file = global.spilled_output[p].get();
    if (!file) continue;
    for (idx_t i = 0; i < file->ChunkCount(); i++) global.ranges.push_back(ScanRange{nullptr, p, i, 0, file});
  }
  return 0;
}

bool PhysicalHashAggregate::GetData(DataChunk& out, GlobalSourceState& gstate, LocalSourceState&) const {
  auto& source = static_cast<AggregateSourceState&>(gstate);
  idx_t i = source.next_range.fetch_add(1);
  if (i >= source.sink.ranges.size()) return false;
  const ScanRange& range = source.sink.ranges[i];
  if (range.file) {
    range.file->ReadChunk(range.offset, out);
    return true;
  }
  range.table->Scan(range.partition, range.offset, range.count, out);
  return true;
}

}  // namespace cairn
