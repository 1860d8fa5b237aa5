#include "execution/operators/physical_order.h"

#include "cairn/exception.h"
#include "common/memory_tracker.h"
#include "execution/execution_state.h"
#include "execution/expression_executor.h"
#include "execution/external_merge.h"
#include "sql/expression.h"

namespace cairn {

namespace {

struct OrderSourceState : GlobalSourceState {
  explicit OrderSourceState(SortState& sort) : sort(sort) {}
  SortState& sort;  // MaxThreads() == 1: one thread reads it
  std::unique_ptr<ExternalMerge> external;  // the merge of spilled runs, when the sort spilled
  bool started = false;
};

/// True when the calling thread's query holds so much memory that the sort should spill:
/// sorting `run` (before writing it out) needs as much scratch space as it holds.
bool MemoryPressure(const SortedRun& run) {
  const auto& tracker = MemoryTracker::Current();
  return tracker && tracker->ShouldSpill(run.MemoryBytes());
}

struct OrderLocalState : LocalSinkState {
  ExpressionExecutor executor;
  DataChunk keys;
  std::unique_ptr<SortedRun> run;
};

/// Writes the thread's run to a temporary file and starts a new one; the first run spilled
/// also takes the runs other threads handed over in memory along.
void SpillThreadRun(SortState& sort, OrderLocalState& state) {
  const bool first = !sort.spilling();
  sort.SpillRun(std::move(state.run));
  if (first) sort.SpillRunsInMemory();
  state.run = sort.MakeRun();
}

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
  auto& sort = static_cast<SortState&>(gstate);
  try {
    state.run->Append(input, state.keys, SelectionVector::Incremental(), input.size());
  } catch (const Exception& e) {
    // The run could not grow (53200; nothing was appended): spill it and start a new one.
    if (e.sqlstate() != sqlstate::kOutOfMemory || state.run->Count() == 0) throw;
    SpillThreadRun(sort, state);
    state.run->Append(input, state.keys, SelectionVector::Incremental(), input.size());
    return SinkResult::NEED_MORE_INPUT;
  }
  // Once spilling, a run is written when full, or when memory is short and it is large enough
  // (not every chunk: the merge reads one block per run at a time).
  if (sort.spilling() ? state.run->Count() >= max_run_rows_ ||
                            (state.run->MemoryBytes() >= kMinSpillRunBytes && MemoryPressure(*state.run))
                      : MemoryPressure(*state.run)) {
    // External sort: this thread's run, and the runs already handed over, go to temporary
    // files; the source merges the files (ExternalMerge).
    SpillThreadRun(sort, state);
    return SinkResult::NEED_MORE_INPUT;
  }
  if (state.run->Count() >= max_run_rows_) {
    // Sort a full run now and start another: no single call sorts more than max_run_rows_
    // rows, so a worker is never held for seconds (the merge takes any number of runs).
    sort.AddRun(std::move(state.run));
    state.run = sort.MakeRun();
  }
  return SinkResult::NEED_MORE_INPUT;
}

void PhysicalOrder::Combine(GlobalSinkState& gstate, LocalSinkState& state_p) const {
  auto& state = static_cast<OrderLocalState&>(state_p);
  auto& sort = static_cast<SortState&>(gstate);
  if (sort.spilling()) {
    sort.SpillRun(std::move(state.run));
  } else {
    sort.AddRun(std::move(state.run));  // sorts it, on this thread
  }
}

idx_t PhysicalOrder::Finalize(GlobalSinkState& gstate) const {
  auto& sort = static_cast<SortState&>(gstate);
  if (sort.spilling()) {
    sort.SpillRunsInMemory();  // runs added before another thread started spilling
    return 0;
  }
  return sort.PlanMerge();
}

void PhysicalOrder::ExecuteFinalizeTask(GlobalSinkState& gstate, idx_t task) const {
  static_cast<SortState&>(gstate).ExecuteMergeTask(task);
}

idx_t PhysicalOrder::FinishFinalizeRound(GlobalSinkState& gstate) const {
  static_cast<SortState&>(gstate).FinishMerge();
  return 0;
}

bool PhysicalOrder::GetData(DataChunk& out, GlobalSourceState& gstate, LocalSourceState&) const {
  auto& source = static_cast<OrderSourceState&>(gstate);
  if (!source.started) {
    source.started = true;
    if (source.sort.spilling()) {
      source.external = std::make_unique<ExternalMerge>(orders_, encoder_, types,
                                                        PayloadKeyColumns(orders_, *encoder_, types),
                                                        source.sort.TakeSpilledRuns());
    }
  }
  if (source.external) return source.external->NextChunk(out);
  return source.sort.NextChunk(out);
}

}  // namespace cairn
