#include "execution/operators/physical_project_set.h"

#include "execution/expression_executor.h"

namespace cairn {

namespace {

struct ProjectSetState : OperatorState {
  ExpressionExecutor executor;            // every call's arguments, in order
  std::vector<idx_t> first_argument;      // per call: index of its first argument in `executor`
  DataChunk arguments;                    // the current input chunk's argument values
  bool evaluated = false;                 // `arguments` holds the current input chunk's
  idx_t row = 0;                          // input row in progress
  bool started = false;                   // the calls of `row` are started
  std::vector<std::unique_ptr<SetFunctionIterator>> iterators;  // null: exhausted
  int64_t ordinal = 0;                    // rows emitted for `row`
};

}  // namespace

PhysicalProjectSet::PhysicalProjectSet(std::vector<LogicalType> types, idx_t input_columns, std::vector<Call> calls,
                                       bool ordinality)
    : PhysicalOperator(PhysicalOperatorType::PROJECT_SET, std::move(types)),
      input_columns_(input_columns),
      calls_(std::move(calls)),
      ordinality_(ordinality) {}

std::unique_ptr<OperatorState> PhysicalProjectSet::GetOperatorState(GlobalOperatorState&) const {
  auto state = std::make_unique<ProjectSetState>();
  std::vector<LogicalType> argument_types;
  for (const auto& call : calls_) {
    state->first_argument.push_back(state->executor.ExpressionCount());
    for (const auto& argument : call.arguments) {
      state->executor.AddExpression(*argument);
      argument_types.push_back(argument->return_type);
    }
  }
  if (!argument_types.empty()) state->arguments.Initialize(argument_types);
  state->iterators.resize(calls_.size());
  return state;
}

OperatorResult PhysicalProjectSet::Execute(DataChunk& input, DataChunk& output, GlobalOperatorState&,
                                           OperatorState& state_p) const {
  auto& state = static_cast<ProjectSetState&>(state_p);
  if (!state.evaluated) {
    if (state.executor.ExpressionCount() > 0) state.executor.Execute(input, state.arguments);
    state.evaluated = true;
    state.row = 0;
    state.started = false;
  }
  const idx_t capacity = kStandardVectorSize;
  const idx_t calls = calls_.size();
  std::vector<Vector*> values(calls);
  for (idx_t c = 0; c < calls; c++) {
    Vector& vector = output.data[input_columns_ + c];
    vector.Initialize(types[input_columns_ + c], capacity);
    values[c] = &vector;
  }
  Vector* ordinals = nullptr;
  if (ordinality_) {
    ordinals = &output.data[input_columns_ + calls];
    ordinals->Initialize(types[input_columns_ + calls], capacity);
  }
  SelectionVector sel(capacity);
  idx_t n = 0;
  while (n < capacity && state.row < input.size()) {
    if (!state.started) {
      for (idx_t c = 0; c < calls; c++) {
        std::vector<Value> arguments;
        for (idx_t a = 0; a < calls_[c].arguments.size(); a++) {
          arguments.push_back(state.arguments.data[state.first_argument[c] + a].GetValue(state.row));
        }
        state.iterators[c] = calls_[c].start(arguments);
      }
      state.started = true;
      state.ordinal = 0;
    }
    // The next rows of every live call, up to the space left.
    const idx_t space = capacity - n;
    idx_t produced = 0;
    std::vector<idx_t> counts(calls, 0);
    for (idx_t c = 0; c < calls; c++) {
      if (!state.iterators[c]) continue;
      idx_t got = 0;
      while (got < space) {
        idx_t more = state.iterators[c]->Next(*values[c], n + got, space - got);
        if (more == 0) break;
        got += more;
      }
      if (got < space) state.iterators[c].reset();  // exhausted
      counts[c] = got;
      produced = std::max(produced, got);
    }
    for (idx_t c = 0; c < calls; c++) {
      for (idx_t r = counts[c]; r < produced; r++) values[c]->validity().SetInvalid(n + r);
    }
    for (idx_t r = 0; r < produced; r++) {
      sel.set_index(n + r, static_cast<sel_t>(state.row));
      if (ordinals) {
        ordinals->data<int64_t>()[n + r] = state.ordinal + static_cast<int64_t>(r) + 1;
      }
    }
    n += produced;
    state.ordinal += static_cast<int64_t>(produced);
    bool live = false;
    for (const auto& iterator : state.iterators) live = live || iterator != nullptr;
    if (!live) {
      state.row++;
      state.started = false;
    }
  }
  for (idx_t c = 0; c < input_columns_; c++) {
    output.data[c].Reference(input.data[c]);
    output.data[c].Slice(sel, n);
  }
  output.SetCardinality(n);
  if (state.row < input.size()) return OperatorResult::HAVE_MORE_OUTPUT;
  state.evaluated = false;
  return OperatorResult::NEED_MORE_INPUT;
}

}  // namespace cairn
