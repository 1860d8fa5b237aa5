#include "execution/operators/physical_order.h"

#include <mutex>

#include "execution/execution_state.h"
#include "execution/expression_executor.h"
#include "function/aggregate/physical_type_dispatch.h"

namespace cairn {

namespace {

constexpr uint64_t kRowMask = (uint64_t(1) << 48) - 1;

struct OrderGlobalState : GlobalSinkState {
  std::mutex mutex;  // guards runs during Combine
  std::vector<std::unique_ptr<SortedRun>> runs;
  std::vector<uint64_t> merged;  // (run << 48) | row id, set by Finalize
  MemoryReservation merged_memory{"ORDER_BY"};
};

struct OrderSourceState : GlobalSourceState {
  explicit OrderSourceState(const OrderGlobalState& sink) : sink(sink) {}
  const OrderGlobalState& sink;
  idx_t cursor = 0;  // MaxThreads() == 1: one thread reads it
};

struct OrderLocalState : LocalSinkState {
  ExpressionExecutor executor;
  DataChunk keys;
  std::unique_ptr<SortedRun> run;
};

}  // namespace

void GatherFromRuns(const std::vector<std::unique_ptr<SortedRun>>& runs, const uint64_t* entries, idx_t count,
                    idx_t column_count, DataChunk& out) {
  out.data.resize(column_count);
  if (runs.size() == 1) {
    std::vector<uint64_t> ids(count);
    for (idx_t i = 0; i < count; i++) ids[i] = entries[i] & kRowMask;
    runs[0]->rows().Gather(ids.data(), count, 0, column_count, out, 0);
    out.SetCardinality(count);
    return;
  }
  for (idx_t c = 0; c < column_count; c++) {
    const LogicalType& type = runs[0]->rows().types()[c];
    Vector& target = out.data[c];
    target.Initialize(type, kStandardVectorSize);
    if (type.physical_type() == PhysicalType::INVALID) {
      for (idx_t i = 0; i < count; i++) target.validity().SetInvalid(i);
      continue;
    }
    DispatchPhysical(type.physical_type(), [&](auto tag) {
      using T = decltype(tag);
      T* data = target.data<T>();
      for (idx_t i = 0; i < count; i++) {
        const RowCollection& rows = runs[entries[i] >> 48]->rows();
        uint64_t row = entries[i] & kRowMask;
        const Vector& v = rows.GetChunk(row / kStandardVectorSize).data[c];
        idx_t pos = row % kStandardVectorSize;
        if (!v.validity().RowIsValid(pos)) {
          target.validity().SetInvalid(i);
        } else {
          data[i] = v.data<T>()[pos];
        }
      }
    });
  }
  out.SetCardinality(count);
}

PhysicalOrder::PhysicalOrder(std::vector<LogicalType> types, std::vector<BoundOrderBy> orders)
    : PhysicalOperator(PhysicalOperatorType::ORDER, std::move(types)), orders_(std::move(orders)) {
  for (auto& o : orders_) {
    key_types_.push_back(o.expression->return_type);
    specs_.push_back(SortKeySpec{o.ascending, o.nulls_first});
  }
}

std::unique_ptr<GlobalSinkState> PhysicalOrder::GetGlobalSinkState(ExecutionState&) const {
  return std::make_unique<OrderGlobalState>();
}

std::unique_ptr<GlobalSourceState> PhysicalOrder::GetGlobalSourceState(ExecutionState& execution) const {
  return std::make_unique<OrderSourceState>(static_cast<OrderGlobalState&>(execution.sink_state(*this)));
}

std::unique_ptr<LocalSinkState> PhysicalOrder::GetLocalSinkState(GlobalSinkState&) const {
  auto state = std::make_unique<OrderLocalState>();
  for (auto& o : orders_) state->executor.AddExpression(*o.expression);
  state->keys.data.resize(orders_.size());
  state->run = std::make_unique<SortedRun>(types, key_types_, specs_);
  return state;
}

SinkResult PhysicalOrder::Sink(DataChunk& input, GlobalSinkState&, LocalSinkState& state_p) const {
  auto& state = static_cast<OrderLocalState&>(state_p);
  if (input.size() == 0) return SinkResult::NEED_MORE_INPUT;
  state.executor.Execute(input, state.keys);
  state.run->Append(input, state.keys, SelectionVector::Incremental(), input.size());
  return SinkResult::NEED_MORE_INPUT;
}

void PhysicalOrder::Combine(GlobalSinkState& gstate, LocalSinkState& state_p) const {
  auto& global = static_cast<OrderGlobalState&>(gstate);
  auto& state = static_cast<OrderLocalState&>(state_p);
  if (state.run->Count() == 0) return;
  state.run->Sort();
  std::lock_guard<std::mutex> lock(global.mutex);
  global.runs.push_back(std::move(state.run));
}

idx_t PhysicalOrder::Finalize(GlobalSinkState& gstate) const {
  auto& global = static_cast<OrderGlobalState&>(gstate);
  const auto& runs = global.runs;
  auto& merged = global.merged;
  idx_t total = 0;
  for (auto& r : runs) total += r->Count();
  global.merged_memory.Resize(total * sizeof(uint64_t));  // before allocating
  merged.reserve(total);
  if (runs.size() == 1) {
    for (uint64_t id : runs[0]->order()) merged.push_back(id);
    return 0;
  }
  // k-way merge (k = number of threads: a linear scan of the heads is enough).
  std::vector<idx_t> heads(runs.size(), 0);
  for (idx_t produced = 0; produced < total; produced++) {
    idx_t best = runs.size();
    for (idx_t r = 0; r < runs.size(); r++) {
      if (heads[r] >= runs[r]->Count()) continue;
      if (best == runs.size() ||
          runs[r]->Compare(runs[r]->order()[heads[r]], *runs[best], runs[best]->order()[heads[best]]) < 0) {
        best = r;
      }
    }
    merged.push_back((uint64_t(best) << 48) | runs[best]->order()[heads[best]]);
    heads[best]++;
  }
  return 0;
}

bool PhysicalOrder::GetData(DataChunk& out, GlobalSourceState& gstate, LocalSourceState&) const {
  auto& source = static_cast<OrderSourceState&>(gstate);
  const auto& merged = source.sink.merged;
  if (source.cursor >= merged.size()) return false;
  idx_t count = std::min<idx_t>(kStandardVectorSize, merged.size() - source.cursor);
  GatherFromRuns(source.sink.runs, merged.data() + source.cursor, count, types.size(), out);
  source.cursor += count;
  return true;
}

}  // namespace cairn
