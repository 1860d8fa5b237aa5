#include "execution/operators/physical_projection.h"

#include "execution/expression_executor.h"

namespace cairn {

namespace {
struct ProjectionState : OperatorState {
  ExpressionExecutor executor;
};
}  // namespace

std::unique_ptr<OperatorState> PhysicalProjection::GetOperatorState(GlobalOperatorState&) const {
  auto state = std::make_unique<ProjectionState>();
  for (auto& e : expressions_) state->executor.AddExpression(*e);
  return state;
}

OperatorResult PhysicalProjection::Execute(DataChunk& input, DataChunk& output, GlobalOperatorState&,
                                           OperatorState& state_p) const {
  auto& state = static_cast<ProjectionState&>(state_p);
  state.executor.Execute(input, output);
  return OperatorResult::NEED_MORE_INPUT;
}

}  // namespace cairn
