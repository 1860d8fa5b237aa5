#include "execution/operators/physical_cte.h"

#include <atomic>

#include "execution/execution_state.h"

namespace cairn {

namespace {

struct LocalRows : LocalSinkState {
  RowCollection rows;
};

struct CteScanState : GlobalSourceState {
  explicit CteScanState(const RowCollection& rows) : rows(rows) {}
  const RowCollection& rows;
  std::atomic<idx_t> next_chunk{0};
};

}  // namespace

std::unique_ptr<GlobalSinkState> PhysicalMaterializedCte::GetGlobalSinkState(ExecutionState&) const {
  auto state = std::make_unique<Rows>();
  state->rows = RowCollection(cte_types_, "MATERIALIZED_CTE");
  return state;
}

std::unique_ptr<LocalSinkState> PhysicalMaterializedCte::GetLocalSinkState(GlobalSinkState&) const {
  auto state = std::make_unique<LocalRows>();
  state->rows = RowCollection(cte_types_, "MATERIALIZED_CTE");
  return state;
}

SinkResult PhysicalMaterializedCte::Sink(DataChunk& input, GlobalSinkState&, LocalSinkState& lstate) const {
  if (input.size() > 0) static_cast<LocalRows&>(lstate).rows.Append(input);
  return SinkResult::NEED_MORE_INPUT;
}

void PhysicalMaterializedCte::Combine(GlobalSinkState& gstate, LocalSinkState& lstate) const {
  auto& global = static_cast<Rows&>(gstate);
  std::lock_guard<std::mutex> lock(global.mutex);
  global.rows.Combine(std::move(static_cast<LocalRows&>(lstate).rows));
}

std::unique_ptr<GlobalSourceState> PhysicalCteScan::GetGlobalSourceState(ExecutionState& execution) const {
  return std::make_unique<CteScanState>(static_cast<PhysicalMaterializedCte::Rows&>(execution.sink_state(cte_)).rows);
}

bool PhysicalCteScan::GetData(DataChunk& out, GlobalSourceState& gstate, LocalSourceState&) const {
  auto& scan = static_cast<CteScanState&>(gstate);
  for (;;) {
    const idx_t i = scan.next_chunk.fetch_add(1);
    if (i >= scan.rows.ChunkCount()) return false;
    const DataChunk& chunk = scan.rows.GetChunk(i);
    if (chunk.size() == 0) continue;
    out.data.resize(chunk.data.size());
    for (idx_t c = 0; c < chunk.data.size(); c++) out.data[c].Reference(chunk.data[c]);
    out.SetCardinality(chunk.size());
    return true;
  }
}

}  // namespace cairn
