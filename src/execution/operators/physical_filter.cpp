#include "execution/operators/physical_filter.h"

#include "execution/expression_executor.h"

namespace cairn {

namespace {
struct FilterState : OperatorState {
  ExpressionExecutor executor;
  SelectionVector sel{kStandardVectorSize};
};
}  // namespace

std::unique_ptr<OperatorState> PhysicalFilter::GetOperatorState(GlobalOperatorState&) const {
  auto state = std::make_unique<FilterState>();
  for (auto& e : conjuncts_) state->executor.AddExpression(*e);
  return state;
}

OperatorResult PhysicalFilter::Execute(DataChunk& input, DataChunk& output, GlobalOperatorState&,
                                       OperatorState& state_p) const {
  auto& state = static_cast<FilterState&>(state_p);
  output.Reference(input);
  for (idx_t k = 0; k < conjuncts_.size(); k++) {
    idx_t before = output.size();
    idx_t count = state.executor.Select(k, output, state.sel);
    if (count == 0) {
      output.SetCardinality(0);
      return OperatorResult::NEED_MORE_INPUT;
    }
    if (count < before) output.Slice(state.sel, count);
  }
  return OperatorResult::NEED_MORE_INPUT;
}

}  // namespace cairn
