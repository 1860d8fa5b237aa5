#include "execution/operators/physical_top_n.h"

#include <mutex>

#include "execution/execution_state.h"
#include "execution/expression_executor.h"
#include "execution/operators/physical_order.h"

namespace cairn {

namespace {

struct TopNGlobalState : GlobalSinkState {
  std::mutex mutex;  // guards runs during Combine
  std::vector<std::unique_ptr<SortedRun>> runs;
  std::vector<std::unique_ptr<SortedRun>> result;  // one merged run, set by Finalize
  std::vector<uint64_t> entries;                   // rows [offset, offset + limit) of `result`
};

struct TopNSourceState : GlobalSourceState {
  explicit TopNSourceState(const TopNGlobalState& sink) : sink(sink) {}
  const TopNGlobalState& sink;
  idx_t cursor = 0;  // MaxThreads() == 1: one thread reads it
};

struct TopNLocalState : LocalSinkState {
  ExpressionExecutor executor;
  DataChunk keys;
  std::unique_ptr<SortedRun> run;
  bool has_boundary = false;
  SelectionVector sel{kStandardVectorSize};
};

}  // namespace

PhysicalTopN::PhysicalTopN(std::vector<LogicalType> types, std::vector<BoundOrderBy> orders, idx_t limit, idx_t offset)
    : PhysicalOperator(PhysicalOperatorType::TOP_N, std::move(types)), orders_(std::move(orders)),
      limit_(std::min<idx_t>(limit, idx_t(1) << 40)), offset_(std::min<idx_t>(offset, idx_t(1) << 40)) {
  for (auto& o : orders_) {
    key_types_.push_back(o.expression->return_type);
    specs_.push_back(SortKeySpec{o.ascending, o.nulls_first});
  }
}

std::unique_ptr<GlobalSinkState> PhysicalTopN::GetGlobalSinkState(ExecutionState&) const {
  return std::make_unique<TopNGlobalState>();
}

std::unique_ptr<GlobalSourceState> PhysicalTopN::GetGlobalSourceState(ExecutionState& execution) const {
  return std::make_unique<TopNSourceState>(static_cast<TopNGlobalState&>(execution.sink_state(*this)));
}

std::unique_ptr<LocalSinkState> PhysicalTopN::GetLocalSinkState(GlobalSinkState&) const {
  auto state = std::make_unique<TopNLocalState>();
  for (auto& o : orders_) state->executor.AddExpression(*o.expression);
  state->keys.data.resize(orders_.size());
  state->run = std::make_unique<SortedRun>(types, key_types_, specs_, "TOP_N");
  return state;
}

SinkResult PhysicalTopN::Sink(DataChunk& input, GlobalSinkState&, LocalSinkState& state_p) const {
  auto& state = static_cast<TopNLocalState&>(state_p);
  const idx_t keep = limit_ + offset_;  // the constructor caps both so this cannot overflow
  const idx_t n = input.size();
  if (n == 0 || limit_ == 0) return SinkResult::NEED_MORE_INPUT;
  state.executor.Execute(input, state.keys);
  idx_t count = n;
  const SelectionVector* sel = &SelectionVector::Incremental();
  if (state.has_boundary && !orders_.empty()) {
    count = state.run->SelectNotAfter(state.keys.data[0], n, keep - 1, state.sel);
    if (count == 0) return SinkResult::NEED_MORE_INPUT;
    sel = &state.sel;
  }
  state.run->Append(input, state.keys, *sel, count);
  if (state.run->Count() > std::max<idx_t>(2 * keep, keep + 8 * kStandardVectorSize)) {
    state.run->Sort();
    state.run->Truncate(keep);
    state.has_boundary = state.run->Count() >= keep;
  }
  return SinkResult::NEED_MORE_INPUT;
}

void PhysicalTopN::Combine(GlobalSinkState& gstate, LocalSinkState& state_p) const {
  auto& global = static_cast<TopNGlobalState&>(gstate);
  auto& state = static_cast<TopNLocalState&>(state_p);
  if (state.run->Count() == 0) return;
  state.run->Sort();
  state.run->Truncate(limit_ + offset_);
  std::lock_guard<std::mutex> lock(global.mutex);
  global.runs.push_back(std::move(state.run));
}

idx_t PhysicalTopN::Finalize(GlobalSinkState& gstate) const {
  auto& global = static_cast<TopNGlobalState&>(gstate);
  auto merged = std::make_unique<SortedRun>(types, key_types_, specs_, "TOP_N");
  for (auto& run : global.runs) merged->AppendRun(*run);
  global.runs.clear();
  merged->Sort();
  const auto& order = merged->order();
  idx_t end = std::min<idx_t>(order.size(), limit_ + offset_);
  for (idx_t i = offset_; i < end; i++) global.entries.push_back(order[i]);
  global.result.push_back(std::move(merged));
  return 0;
}

bool PhysicalTopN::GetData(DataChunk& out, GlobalSourceState& gstate, LocalSourceState&) const {
  auto& source = static_cast<TopNSourceState&>(gstate);
  const auto& entries = source.sink.entries;
  if (source.cursor >= entries.size()) return false;
  idx_t count = std::min<idx_t>(kStandardVectorSize, entries.size() - source.cursor);
  GatherFromRuns(source.sink.result, entries.data() + source.cursor, count, types.size(), out);
  source.cursor += count;
  return true;
}

}  // namespace cairn
