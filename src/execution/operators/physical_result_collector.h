// PhysicalResultCollector: the sink of a query's final pipeline. Each chunk is deep-copied
// (the pipeline reuses its buffers) and handed to `push`, which feeds the bounded result queue
// a ResultStream reads from.
//
// Thread-safety: `push` must be thread-safe; Sink is called by many workers at once.
#pragma once

#include <functional>

#include "execution/physical_operator.h"

namespace cairn {

class PhysicalResultCollector : public PhysicalOperator {
 public:
  using PushFunction = std::function<void(std::unique_ptr<DataChunk>)>;
  explicit PhysicalResultCollector(std::vector<LogicalType> types)
      : PhysicalOperator(PhysicalOperatorType::RESULT_COLLECTOR, std::move(types)) {}

  void SetPush(PushFunction push) { push_ = std::move(push); }
  bool IsSink() const override { return true; }
  SinkResult Sink(DataChunk& input, LocalSinkState& state) override;

 private:
  PushFunction push_;
};

}  // namespace cairn
