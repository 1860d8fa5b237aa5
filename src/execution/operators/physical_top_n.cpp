#include "execution/operators/physical_top_n.h"

#include "execution/execution_state.h"
#include "execution/expression_executor.h"
#include "execution/operators/physical_order.h"

namespace cairn {

namespace {

struct TopNSourceState : GlobalSourceState {
  explicit TopNSourceState(SortState& sort) : sort(sort) {}
  SortState& sort;  // MaxThreads() == 1: one thread reads it
};

struct TopNLocalState : LocalSinkState {
  ExpressionExecutor executor;
  DataChunk keys;
  std::unique_ptr<SortedRun> run;
  bool has_boundary = false;
  SelectionVector sel{kStandardVectorSize};
};

}  // namespace

PhysicalTopN::PhysicalTopN(std::vector<LogicalType> types, std::vector<BoundOrderBy> orders, idx_t limit,
                           idx_t offset)
    : PhysicalOperator(PhysicalOperatorType::TOP_N, std::move(types)),
      orders_(std::move(orders)),
      limit_(std::min<idx_t>(limit, idx_t(1) << 40)),
      offset_(std::min<idx_t>(offset, idx_t(1) << 40)),
      encoder_(MakeSortKeyEncoder(orders_)) {}

std::unique_ptr<GlobalSinkState> PhysicalTopN::GetGlobalSinkState(ExecutionState&) const {
  return std::make_unique<SortState>(encoder_, types, "TOP_N", PayloadKeyColumns(orders_, *encoder_, types));
}

std::unique_ptr<GlobalSourceState> PhysicalTopN::GetGlobalSourceState(ExecutionState& execution) const {
  return std::make_unique<TopNSourceState>(static_cast<SortState&>(execution.sink_state(*this)));
}

std::unique_ptr<LocalSinkState> PhysicalTopN::GetLocalSinkState(GlobalSinkState& gstate) const {
  auto state = std::make_unique<TopNLocalState>();
  for (auto& o : orders_) state->executor.AddExpression(*o.expression);
  state->keys.data.resize(orders_.size());
  state->run = static_cast<SortState&>(gstate).MakeRun();
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
  auto& state = static_cast<TopNLocalState&>(state_p);
  if (state.run->Count() == 0) return;
  state.run->Sort();
  state.run->Truncate(limit_ + offset_);
  static_cast<SortState&>(gstate).AddRun(std::move(state.run));
}

idx_t PhysicalTopN::Finalize(GlobalSinkState& gstate) const {
  return static_cast<SortState&>(gstate).PlanMerge(offset_, offset_ + limit_);
}

void PhysicalTopN::ExecuteFinalizeTask(GlobalSinkState& gstate, idx_t task) const {
  static_cast<SortState&>(gstate).ExecuteMergeTask(task);
}

idx_t PhysicalTopN::FinishFinalizeRound(GlobalSinkState& gstate) const {
  static_cast<SortState&>(gstate).FinishMerge();
  return 0;
}

bool PhysicalTopN::GetData(DataChunk& out, GlobalSourceState& gstate, LocalSourceState&) const {
  return static_cast<TopNSourceState&>(gstate).sort.NextChunk(out);
}

}  // namespace cairn
