#include "execution/operators/physical_order.h"

#include "execution/expression_executor.h"
#include "function/aggregate/physical_type_dispatch.h"

namespace cairn {

namespace {

constexpr uint64_t kRowMask = (uint64_t(1) << 48) - 1;

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

PhysicalOrder::PhysicalOrder(std::vector<LogicalType> types, const std::vector<BoundOrderBy>& orders)
    : PhysicalOperator(PhysicalOperatorType::ORDER, std::move(types)), orders_(orders) {
  for (auto& o : orders_) {
    key_types_.push_back(o.expression->return_type);
    specs_.push_back(SortKeySpec{o.ascending, o.nulls_first});
  }
}

std::unique_ptr<LocalSinkState> PhysicalOrder::GetLocalSinkState() {
  auto state = std::make_unique<OrderLocalState>();
  for (auto& o : orders_) state->executor.AddExpression(*o.expression);
  state->keys.data.resize(orders_.size());
  state->run = std::make_unique<SortedRun>(types, key_types_, specs_);
  return state;
}

SinkResult PhysicalOrder::Sink(DataChunk& input, LocalSinkState& state_p) {
  auto& state = static_cast<OrderLocalState&>(state_p);
  if (input.size() == 0) return SinkResult::NEED_MORE_INPUT;
  state.executor.Execute(input, state.keys);
  state.run->Append(input, state.keys, SelectionVector::Incremental(), input.size());
  return SinkResult::NEED_MORE_INPUT;
}

void PhysicalOrder::Combine(LocalSinkState& state_p) {
  auto& state = static_cast<OrderLocalState&>(state_p);
  if (state.run->Count() == 0) return;
  state.run->Sort();
  std::lock_guard<std::mutex> lock(mutex_);
  runs_.push_back(std::move(state.run));
}

void PhysicalOrder::Finalize() {
  idx_t total = 0;
  for (auto& r : runs_) total += r->Count();
  merged_memory_.Resize(total * sizeof(uint64_t));  // before allocating
  merged_.reserve(total);
  if (runs_.size() == 1) {
    for (uint64_t id : runs_[0]->order()) merged_.push_back(id);
    return;
  }
  // k-way merge (k = number of threads: a linear scan of the heads is enough).
  std::vector<idx_t> heads(runs_.size(), 0);
  for (idx_t produced = 0; produced < total; produced++) {
    idx_t best = runs_.size();
    for (idx_t r = 0; r < runs_.size(); r++) {
      if (heads[r] >= runs_[r]->Count()) continue;
      if (best == runs_.size() ||
          runs_[r]->Compare(runs_[r]->order()[heads[r]], *runs_[best], runs_[best]->order()[heads[best]]) < 0) {
        best = r;
      }
    }
    merged_.push_back((uint64_t(best) << 48) | runs_[best]->order()[heads[best]]);
    heads[best]++;
  }
}

bool PhysicalOrder::GetData(DataChunk& out, LocalSourceState&) {
  if (cursor_ >= merged_.size()) return false;
  idx_t count = std::min<idx_t>(kStandardVectorSize, merged_.size() - cursor_);
  GatherFromRuns(runs_, merged_.data() + cursor_, count, types.size(), out);
  cursor_ += count;
  return true;
}

}  // namespace cairn
