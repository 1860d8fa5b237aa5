#include "execution/execution_state.h"

#include "cairn/exception.h"
#include "execution/physical_plan.h"

namespace cairn {

ExecutionState::ExecutionState(const PhysicalPlan& plan, PushFunction push_result, unsigned threads,
                               std::shared_ptr<const StorageSnapshot> snapshot)
    : plan_(plan), push_result_(std::move(push_result)), threads_(threads == 0 ? 1 : threads),
      snapshot_(std::move(snapshot)) {
  const auto& pipelines = plan.pipelines();
  // Sinks first: operators and sources may refer to a sink's state.
  for (auto& p : pipelines) {
    if (!sink_states_.count(p->sink)) sink_states_.emplace(p->sink, p->sink->GetGlobalSinkState(*this));
    sink_pipelines_remaining[p->sink]++;
  }
  for (auto& p : pipelines) {
    for (const PhysicalOperator* op : p->operators) {
      if (!operator_states_.count(op)) operator_states_.emplace(op, op->GetGlobalOperatorState(*this));
    }
  }
  for (auto& p : pipelines) {
    if (!source_states_.count(p->source)) source_states_.emplace(p->source, p->source->GetGlobalSourceState(*this));
  }
  pipelines_.reserve(pipelines.size());
  for (auto& p : pipelines) {
    auto state = std::make_unique<PipelineState>();
    state->source_state = source_states_.at(p->source).get();
    for (const PhysicalOperator* op : p->operators) state->operator_states.push_back(operator_states_.at(op).get());
    state->sink_state = sink_states_.at(p->sink).get();
    pipelines_.push_back(std::move(state));
  }
}

ExecutionState::~ExecutionState() = default;

GlobalSinkState& ExecutionState::sink_state(const PhysicalOperator& sink) const {
  auto it = sink_states_.find(&sink);
  if (it == sink_states_.end()) throw Exception(sqlstate::kInternalError, "physical operator has no sink state");
  return *it->second;
}

}  // namespace cairn
