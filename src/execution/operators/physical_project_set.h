// PhysicalProjectSet: evaluates set-returning function calls per input row (LogicalProjectSet:
// PostgreSQL's ProjectSet and LATERAL function calls). For each input row every call is
// started with that row's argument values; the row is emitted once per row of the longest
// set, with the input columns repeated (a dictionary over the input chunk, no copy), each
// call's value (NULL once its set is exhausted) and the 1-based ordinality. A row whose calls
// return no rows is dropped.
//
// Output is produced in chunks of at most kStandardVectorSize rows: Execute returns
// HAVE_MORE_OUTPUT while the current input chunk has rows (or a set) left.
//
// Thread-safety: immutable; the per-thread state holds the argument executor and the calls in
// progress.
#pragma once

#include "execution/physical_operator.h"
#include "function/scalar_function.h"
#include "sql/expression.h"

namespace cairn {

class PhysicalProjectSet : public PhysicalOperator {
 public:
  struct Call {
    SetFunctionStart start;
    std::vector<ExpressionPtr> arguments;  // over the input
  };

  /// `types`: the input's columns, then one per call, then BIGINT when `ordinality`.
  PhysicalProjectSet(std::vector<LogicalType> types, idx_t input_columns, std::vector<Call> calls, bool ordinality);

  std::unique_ptr<OperatorState> GetOperatorState(GlobalOperatorState& gstate) const override;
  OperatorResult Execute(DataChunk& input, DataChunk& output, GlobalOperatorState& gstate,
                         OperatorState& state) const override;

 private:
  const idx_t input_columns_;
  const std::vector<Call> calls_;
  const bool ordinality_;
};

}  // namespace cairn
