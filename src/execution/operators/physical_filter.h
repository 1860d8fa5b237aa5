// PhysicalFilter: keeps the rows where every conjunct is TRUE. Conjuncts are applied in order,
// each on the rows the previous ones kept; the output is a slice (dictionary) of the input —
// no values are copied.
//
// Thread-safety: per-thread state holds the expression executors.
#pragma once

#include "execution/physical_operator.h"
#include "sql/expression.h"

namespace cairn {

class PhysicalFilter : public PhysicalOperator {
 public:
  /// `conjuncts` must outlive the operator (they belong to the logical plan).
  PhysicalFilter(std::vector<LogicalType> types, std::vector<const Expression*> conjuncts)
      : PhysicalOperator(PhysicalOperatorType::FILTER, std::move(types)), conjuncts_(std::move(conjuncts)) {}

  std::unique_ptr<OperatorState> GetOperatorState() override;
  OperatorResult Execute(DataChunk& input, DataChunk& output, OperatorState& state) override;

 private:
  std::vector<const Expression*> conjuncts_;
};

}  // namespace cairn
