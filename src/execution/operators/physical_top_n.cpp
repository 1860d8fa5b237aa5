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

/// The execution's sort, plus the cut-off published to the scan (null when not enabled).
struct TopNGlobalState : SortState {
  using SortState::SortState;
  std::shared_ptr<DynamicFilter> dynamic;
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
  auto state = std::make_unique<TopNGlobalState>(encoder_, types, "TOP_N", PayloadKeyColumns(orders_, *encoder_, types));
  if (dynamic_column_) {
    const BoundOrderBy& first = orders_[0];
    state->dynamic = std::make_shared<DynamicFilter>(*dynamic_column_, first.expression->return_type, !first.ascending,
                                                     first.nulls_first);
  }
  return state;
}

void PhysicalTopN::EnableDynamicFilter(idx_t source_column) {
  if (!orders_.empty() && DynamicFilter::Eligible(orders_[0].expression->return_type)) dynamic_column_ = source_column;
}

std::shared_ptr<const DynamicFilter> PhysicalTopN::GetDynamicFilter(ExecutionState& execution) const {
  if (!dynamic_column_) return nullptr;
  return static_cast<TopNGlobalState&>(execution.sink_state(*this)).dynamic;
}

void PhysicalTopN::PublishCutOff(SortedRun& run, DynamicFilter& filter) const {
  // The payload of the run's last row, then its first key evaluated as Sink evaluates keys.
  RunRow last{0, static_cast<uint32_t>(run.Count() - 1)};
  DataChunk row;
  GatherPayload({&run}, &last, 1, row);
  ExpressionExecutor executor;
  executor.AddExpression(*orders_[0].expression);
  DataChunk key;
  key.data.resize(1);
  executor.Execute(row, key);
  filter.Tighten(key.data[0].GetValue(0));
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

SinkResult PhysicalTopN::Sink(DataChunk& input, GlobalSinkState& gstate, LocalSinkState& state_p) const {
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
  auto& dynamic = static_cast<TopNGlobalState&>(gstate).dynamic;
  // With a scan reading the cut-off, compacting as soon as the run doubles tightens it sooner:
  // the scan then drops rows before decoding them (and skips pages and row groups), which is
  // worth more than the extra sorts of small runs (amortized O(log keep) per row kept).
  const idx_t slack = dynamic ? 16 : 8 * kStandardVectorSize;
  if (state.run->Count() > std::max<idx_t>(2 * keep, keep + slack)) {
    state.run->Sort();
    state.run->Truncate(keep);
    state.has_boundary = state.run->Count() >= keep;
    if (state.has_boundary && dynamic) PublishCutOff(*state.run, *dynamic);
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
