// PhysicalResultCollector: the sink of a query's final pipeline. Each chunk is deep-copied
// (the pipeline reuses its buffers) and handed to the execution's result push function
// (ExecutionState::push_result), which feeds the bounded result queue a ResultStream reads.
//
// Thread-safety: immutable; the push function is thread-safe; Sink is called by many workers
// at once.
#pragma once

#include "execution/physical_operator.h"

namespace cairn {

class PhysicalResultCollector : public PhysicalOperator {
 public:
  explicit PhysicalResultCollector(std::vector<LogicalType> types)
      : PhysicalOperator(PhysicalOperatorType::RESULT_COLLECTOR, std::move(types)) {}

  bool IsSink() const override { return true; }
  std::unique_ptr<GlobalSinkState> GetGlobalSinkState(ExecutionState& execution) const override;
  SinkResult Sink(DataChunk& input, GlobalSinkState& gstate, LocalSinkState& lstate) const override;
};

}  // namespace cairn
