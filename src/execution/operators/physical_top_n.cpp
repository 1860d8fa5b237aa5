#include "execution/operators/physical_top_n.h"

#include "execution/expression_executor.h"
#include "execution/operators/physical_order.h"

namespace cairn {

namespace {

struct TopNLocalState : LocalSinkState {
  ExpressionExecutor executor;
  DataChunk keys;
  std::unique_ptr<SortedRun> run;
  bool has_boundary = false;
  SelectionVector sel{kStandardVectorSize};
};

}  // namespace

PhysicalTopN::PhysicalTopN(std::vector<LogicalType> types, const std::vector<BoundOrderBy>& orders, idx_t limit,
                           idx_t offset)
    : PhysicalOperator(PhysicalOperatorType::TOP_N, std::move(types)), orders_(orders),
      limit_(std::min<idx_t>(limit, idx_t(1) << 40)), offset_(std::min<idx_t>(offset, idx_t(1) << 40)) {
  for (auto& o : orders_) {
    key_types_.push_back(o.expression->return_type);
    specs_.push_back(SortKeySpec{o.ascending, o.nulls_first});
  }
}

std::unique_ptr<LocalSinkState> PhysicalTopN::GetLocalSinkState() {
  auto state = std::make_unique<TopNLocalState>();
  for (auto& o : orders_) state->executor.AddExpression(*o.expression);
  state->keys.data.resize(orders_.size());
  state->run = std::make_unique<SortedRun>(types, key_types_, specs_, "TOP_N");
  return state;
}

SinkResult PhysicalTopN::Sink(DataChunk& input, LocalSinkState& state_p) {
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

void PhysicalTopN::Combine(LocalSinkState& state_p) {
  auto& state = static_cast<TopNLocalState&>(state_p);
  if (state.run->Count() == 0) return;
  state.run->Sort();
  state.run->Truncate(limit_ + offset_);
  std::lock_guard<std::mutex> lock(mutex_);
  runs_.push_back(std::move(state.run));
}

void PhysicalTopN::Finalize() {
  auto merged = std::make_unique<SortedRun>(types, key_types_, specs_, "TOP_N");
  for (auto& run : runs_) merged->AppendRun(*run);
  runs_.clear();
  merged->Sort();
  const auto& order = merged->order();
  idx_t end = std::min<idx_t>(order.size(), limit_ + offset_);
  for (idx_t i = offset_; i < end; i++) entries_.push_back(order[i]);
  result_.push_back(std::move(merged));
}

bool PhysicalTopN::GetData(DataChunk& out, LocalSourceState&) {
  if (cursor_ >= entries_.size()) return false;
  idx_t count = std::min<idx_t>(kStandardVectorSize, entries_.size() - cursor_);
  GatherFromRuns(result_, entries_.data() + cursor_, count, types.size(), out);
  cursor_ += count;
  return true;
}

}  // namespace cairn
