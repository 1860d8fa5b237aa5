#include "execution/operators/physical_hash_aggregate.h"

#include "execution/chunk_memory.h"
#include "execution/expression_executor.h"

namespace cairn {

namespace {

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
};

}  // namespace

PhysicalHashAggregate::PhysicalHashAggregate(const LogicalAggregate& aggregate)
    : PhysicalOperator(PhysicalOperatorType::HASH_AGGREGATE, aggregate.types), op_(aggregate) {
  for (auto& g : op_.groups) group_types_.push_back(g->return_type);
  for (idx_t a = 0; a < op_.aggregates.size(); a++) {
    functions_.push_back(&op_.aggregates[a].function);
    if (op_.aggregates[a].distinct) distinct_indexes_.push_back(a);
  }
}

std::unique_ptr<LocalSinkState> PhysicalHashAggregate::GetLocalSinkState() {
  auto state = std::make_unique<AggregateLocalState>();
  for (auto& g : op_.groups) state->group_executor.AddExpression(*g);
  state->groups.data.resize(op_.groups.size());
  state->arguments.resize(op_.aggregates.size());
  for (idx_t a = 0; a < op_.aggregates.size(); a++) {
    const auto& aggregate = op_.aggregates[a];
    state->argument_executors.emplace_back(aggregate.children);
    state->arguments[a].data.resize(aggregate.children.size());
    state->filter_executors.push_back(aggregate.filter ? std::make_unique<ExpressionExecutor>(*aggregate.filter) : nullptr);
  }
  state->table = std::make_unique<AggregateHashTable>(group_types_, functions_);
  for (idx_t a : distinct_indexes_) {
    std::vector<LogicalType> key_types = group_types_;
    for (auto& child : op_.aggregates[a].children) key_types.push_back(child->return_type);
    state->distinct_tables.push_back(std::make_unique<AggregateHashTable>(key_types, std::vector<const AggregateFunction*>{}));
  }
  return state;
}

SinkResult PhysicalHashAggregate::Sink(DataChunk& input, LocalSinkState& state_p) {
  auto& state = static_cast<AggregateLocalState&>(state_p);
  const idx_t n = input.size();
  if (n == 0) return SinkResult::NEED_MORE_INPUT;
  if (!op_.groups.empty()) state.group_executor.Execute(input, state.groups);
  state.groups.SetCardinality(n);
  uint8_t** states = state.states.data();
  state.table->FindOrCreateGroups(state.groups.data.data(), n, states);
  const bool ungrouped = op_.groups.empty();
  idx_t distinct_slot = 0;
  for (idx_t a = 0; a < op_.aggregates.size(); a++) {
    const BoundAggregate& aggregate = op_.aggregates[a];
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
    const idx_t offset = state.table->StateOffset(a);
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
  return SinkResult::NEED_MORE_INPUT;
}

void PhysicalHashAggregate::Combine(LocalSinkState& state_p) {
  auto& state = static_cast<AggregateLocalState&>(state_p);
  std::lock_guard<std::mutex> lock(mutex_);
  if (!table_) {
    table_ = std::move(state.table);
  } else {
    table_->Combine(*state.table);
  }
  if (distinct_tables_.empty()) distinct_tables_.resize(distinct_indexes_.size());
  for (idx_t d = 0; d < distinct_indexes_.size(); d++) {
    if (!distinct_tables_[d]) {
      distinct_tables_[d] = std::move(state.distinct_tables[d]);
    } else {
      distinct_tables_[d]->Combine(*state.distinct_tables[d]);
    }
  }
}

void PhysicalHashAggregate::Finalize() {
  if (!table_) table_ = std::make_unique<AggregateHashTable>(group_types_, functions_);
  const idx_t group_columns = group_types_.size();
  std::vector<uint8_t*> states(kStandardVectorSize), targets(kStandardVectorSize);
  for (idx_t d = 0; d < distinct_indexes_.size() && d < distinct_tables_.size(); d++) {
    AggregateHashTable* set = distinct_tables_[d].get();
    if (!set) continue;
    idx_t a = distinct_indexes_[d];
    const AggregateFunction& fn = op_.aggregates[a].function;
    idx_t argument_count = op_.aggregates[a].children.size();
    idx_t offset = table_->StateOffset(a);
    for (idx_t start = 0; start < set->GroupCount(); start += kStandardVectorSize) {
      idx_t count = std::min<idx_t>(kStandardVectorSize, set->GroupCount() - start);
      DataChunk keys;
      keys.data.resize(group_columns + argument_count);
      set->ScanKeys(start, count, keys);
      keys.SetCardinality(count);
      table_->FindOrCreateGroups(keys.data.data(), count, states.data());
      for (idx_t i = 0; i < count; i++) targets[i] = states[i] + offset;
      fn.update(keys.data.data() + group_columns, argument_count, targets.data(), count);
    }
  }
  if (op_.groups.empty()) table_->SingleGroup();
  uint64_t results_bytes = 0;
  for (idx_t start = 0; start < table_->GroupCount(); start += kStandardVectorSize) {
    idx_t count = std::min<idx_t>(kStandardVectorSize, table_->GroupCount() - start);
    auto chunk = std::make_unique<DataChunk>();
    chunk->data.resize(types.size());
    table_->Scan(start, count, *chunk);
    results_bytes += ChunkMemoryBytes(*chunk);
    results_memory_.Resize(results_bytes);
    results_.push_back(std::move(chunk));
  }
}

bool PhysicalHashAggregate::GetData(DataChunk& out, LocalSourceState&) {
  idx_t i = next_result_.fetch_add(1);
  if (i >= results_.size()) return false;
  out.Reference(*results_[i]);
  return true;
}

}  // namespace cairn
