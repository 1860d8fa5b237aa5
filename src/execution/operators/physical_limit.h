// PhysicalLimit: LIMIT / OFFSET as a streaming operator. Threads reserve row ranges from one
// atomic counter per execution (the GlobalOperatorState), so exactly `limit` rows after the
// first `offset` pass in total; which rows is unspecified unless the pipeline's source is
// ordered (single-threaded, e.g. after ORDER BY). Once the limit is reached it returns FINISHED
// and the pipeline stops pulling morsels.
//
// Thread-safety: immutable; the per-execution counter is atomic.
#pragma once

#include <optional>

#include "execution/physical_operator.h"

namespace cairn {

class PhysicalLimit : public PhysicalOperator {
 public:
  PhysicalLimit(std::vector<LogicalType> types, std::optional<idx_t> limit, idx_t offset)
      : PhysicalOperator(PhysicalOperatorType::LIMIT, std::move(types)), limit_(limit), offset_(offset) {}

  std::unique_ptr<GlobalOperatorState> GetGlobalOperatorState(ExecutionState& execution) const override;
  OperatorResult Execute(DataChunk& input, DataChunk& output, GlobalOperatorState& gstate,
                         OperatorState& state) const override;

 private:
  const std::optional<idx_t> limit_;
  const idx_t offset_;
};

}  // namespace cairn
