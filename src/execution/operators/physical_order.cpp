#include "execution/operators/physical_order.h"

#include "execution/execution_state.h"
#include "execution/expression_executor.h"
#include "sql/expression.h"

namespace cairn {

namespace {

struct OrderSourceState : GlobalSourceState {
  explicit OrderSourceState(SortState& sort) : sort(sort) {}
  SortState& sort;  // MaxThreads() == 1: one thread reads it
};

struct OrderLocalState : LocalSinkState {
  ExpressionExecutor executor;
  DataChunk keys;
  std::unique_ptr<SortedRun> run;
};

}  // namespace

std::shared_ptr<const SortKeyEncoder> MakeSortKeyEncoder(const std::vector<BoundOrderBy>& orders) {
  std::vector<LogicalType> types;
  std::vector<SortKeySpec> specs;
  for (auto& o : orders) {
    types.push_back(o.expression->return_type);
    specs.push_back(SortKeySpec{o.ascending, o.nulls_first});
  }
  return std::make_shared<const SortKeyEncoder>(std::move(types), std::move(specs));
}

std::vector<idx_t> PayloadKeyColumns(const std::vector<BoundOrderBy>& orders, const SortKeyEncoder& encoder,
                                     const std::vector<LogicalType>& payload_types) {
  std::vector<idx_t> keys(payload_types.size(), SortedRun::kNotAKey);
  for (idx_t k = 0; k < orders.size(); k++) {
    if (orders[k].expression->expression_class != ExpressionClass::REFERENCE || !encoder.Decodable(k))
      continue;
    const idx_t c = static_cast<const BoundReference&>(*orders[k].expression).index;
    if (c < payload_types.size() && keys[c] == SortedRun::kNotAKey && payload_types[c] == encoder.types()[k])
      keys[c] = k;
  }
  return keys;
}

PhysicalOrder::PhysicalOrder(std::vector<LogicalType> types, std::vector<BoundOrderBy> orders, idx_t max_run_rows)
    : PhysicalOperator(PhysicalOperatorType::ORDER, std::move(types)),
      orders_(std::move(orders)),
      max_run_rows_(std::max<idx_t>(max_run_rows, 1)),
      encoder_(MakeSortKeyEncoder(orders_)) {}

std::unique_ptr<GlobalSinkState> PhysicalOrder::GetGlobalSinkState(ExecutionState&) const {
  return std::make_unique<SortState>(encoder_, types, "ORDER_BY",
                                     PayloadKeyColumns(orders_, *encoder_, types));
}

std::unique_ptr<GlobalSourceState> PhysicalOrder::GetGlobalSourceState(ExecutionState& execution) const {
  return std::make_unique<OrderSourceState>(static_cast<SortState&>(execution.sink_state(*this)));
}

std::unique_ptr<LocalSinkState> PhysicalOrder::GetLocalSinkState(GlobalSinkState& gstate) const {
  auto state = std::make_unique<OrderLocalState>();
  for (auto& o : orders_) state->executor.AddExpression(*o.expression);
  state->keys.data.resize(orders_.size());
  state->run = static_cast<SortState&>(gstate).MakeRun();
  return state;
}

SinkResult PhysicalOrder::Sink(DataChunk& input, GlobalSinkState& gstate, LocalSinkState& state_p) const {
  auto& state = static_cast<OrderLocalState&>(state_p);
  if (input.size() == 0) return SinkResult::NEED_MORE_INPUT;
  state.executor.Execute(input, state.keys);
  state.run->Append(input, state.keys, SelectionVector::Incremental(), input.size());
  if (state.run->Count() >= max_run_rows_) {
    // Sort a full run now and start another: no single call sorts more than max_run_rows_
    // rows, so a worker is never held for seconds (the merge takes any number of runs).
    auto& sort = static_cast<SortState&>(gstate);
    sort.AddRun(std::move(state.run));
    state.run = sort.MakeRun();
  }
  return SinkResult::NEED_MORE_INPUT;
}

void PhysicalOrder::Combine(GlobalSinkState& gstate, LocalSinkState& state_p) const {
  auto& state = static_cast<OrderLocalState&>(state_p);
  static_cast<SortState&>(gstate).AddRun(std::move(state.run));  // sorts it, on this thread
}

idx_t PhysicalOrder::Finalize(GlobalSinkState& gstate) const {
  return static_cast<SortState&>(gstate).PlanMerge();
}

void PhysicalOrder::ExecuteFinalizeTask(GlobalSinkState& gstate, idx_t task) const {
  static_cast<SortState&>(gstate).ExecuteMergeTask(task);
}

idx_t PhysicalOrder::FinishFinalizeRound(GlobalSinkState& gstate) const {
  static_cast<SortState&>(gstate).FinishMerge();
  return 0;
}

bool PhysicalOrder::GetData(DataChunk& out, GlobalSourceState& gstate, LocalSourceState&) const {
  return static_cast<OrderSourceState&>(gstate).sort.NextChunk(out);
}

}  // namespace cairn
