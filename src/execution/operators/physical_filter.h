// PhysicalFilter: keeps the rows where every conjunct is TRUE. Conjuncts are applied in order,
// each on the rows the previous ones kept; the output is a slice (dictionary) of the input —
// no values are copied.
//
// Thread-safety: immutable; per-thread state holds the expression executors.
#pragma once

#include "execution/physical_operator.h"
#include "sql/expression.h"

namespace cairn {

class PhysicalFilter : public PhysicalOperator {
 public:
  /// `conjuncts`: BOOLEAN expressions over the input, owned by the operator.
  PhysicalFilter(std::vector<LogicalType> types, std::vector<ExpressionPtr> conjuncts)
      : PhysicalOperator(PhysicalOperatorType::FILTER, std::move(types)), conjuncts_(std::move(conjuncts)) {}

  std::unique_ptr<OperatorState> GetOperatorState(GlobalOperatorState& gstate) const override;
  OperatorResult Execute(DataChunk& input, DataChunk& output, GlobalOperatorState& gstate,
                         OperatorState& state) const override;

 private:
  const std::vector<ExpressionPtr> conjuncts_;
};

}  // namespace cairn
