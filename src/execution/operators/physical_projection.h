// PhysicalProjection: computes one output column per expression. Column references alias the
// input vectors (no copy).
//
// Thread-safety: per-thread state holds the expression executor.
#pragma once

#include "execution/physical_operator.h"
#include "sql/expression.h"

namespace cairn {

class PhysicalProjection : public PhysicalOperator {
 public:
  PhysicalProjection(std::vector<LogicalType> types, std::vector<const Expression*> expressions)
      : PhysicalOperator(PhysicalOperatorType::PROJECTION, std::move(types)), expressions_(std::move(expressions)) {}

  std::unique_ptr<OperatorState> GetOperatorState() override;
  OperatorResult Execute(DataChunk& input, DataChunk& output, OperatorState& state) override;

 private:
  std::vector<const Expression*> expressions_;
};

}  // namespace cairn
