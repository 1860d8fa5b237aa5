// PhysicalProjection: computes one output column per expression. Column references alias the
// input vectors (no copy).
//
// Thread-safety: immutable; per-thread state holds the expression executor.
#pragma once

#include "execution/physical_operator.h"
#include "sql/expression.h"

namespace cairn {

class PhysicalProjection : public PhysicalOperator {
 public:
  /// `expressions`: one per output column, over the input, owned by the operator.
  PhysicalProjection(std::vector<LogicalType> types, std::vector<ExpressionPtr> expressions)
      : PhysicalOperator(PhysicalOperatorType::PROJECTION, std::move(types)), expressions_(std::move(expressions)) {}

  std::unique_ptr<OperatorState> GetOperatorState(GlobalOperatorState& gstate) const override;
  OperatorResult Execute(DataChunk& input, DataChunk& output, GlobalOperatorState& gstate,
                         OperatorState& state) const override;

  /// One per output column, over the input.
  const std::vector<ExpressionPtr>& expressions() const { return expressions_; }

 private:
  const std::vector<ExpressionPtr> expressions_;
};

}  // namespace cairn
