#include "execution/operators/physical_projection.h"

#include "execution/expression_executor.h"

namespace cairn {

namespace {
struct ProjectionState : OperatorState {
  ExpressionExecutor executor;
};
}  // namespace

std::unique_ptr<OperatorState> PhysicalProjection::GetOperatorState() {
  auto state = std::make_unique<ProjectionState>();
  for (auto* e : expressions_) state->executor.AddExpression(*e);
  return state;
}

OperatorResult PhysicalProjection::Execute(DataChunk& input, DataChunk& output, OperatorState& state_p) {
  auto& state = static_cast<ProjectionState&>(state_p);
  state.executor.Execute(input, output);
  return OperatorResult::NEED_MORE_INPUT;
}

}  // namespace cairn
