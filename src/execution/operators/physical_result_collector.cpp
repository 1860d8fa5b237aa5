#include "execution/operators/physical_result_collector.h"

#include "execution/execution_state.h"
#include "execution/row_collection.h"

namespace cairn {

namespace {
struct ResultCollectorGlobalState : GlobalSinkState {
  explicit ResultCollectorGlobalState(ExecutionState::PushFunction push) : push(std::move(push)) {}
  const ExecutionState::PushFunction push;  // this execution's result queue
};
}  // namespace

std::unique_ptr<GlobalSinkState> PhysicalResultCollector::GetGlobalSinkState(ExecutionState& execution) const {
  return std::make_unique<ResultCollectorGlobalState>(execution.push_result());
}

SinkResult PhysicalResultCollector::Sink(DataChunk& input, GlobalSinkState& gstate, LocalSinkState&) const {
  if (input.size() > 0) static_cast<ResultCollectorGlobalState&>(gstate).push(CopyChunkOwned(input));
  return SinkResult::NEED_MORE_INPUT;
}

}  // namespace cairn
