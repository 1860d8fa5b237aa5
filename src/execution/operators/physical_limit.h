// PhysicalLimit: LIMIT / OFFSET as a streaming operator. Threads reserve row ranges from one
// atomic counter, so exactly `limit` rows after the first `offset` pass in total; which rows
// is unspecified unless the pipeline's source is ordered (single-threaded, e.g. after ORDER
// BY). Once the limit is reached it returns FINISHED and the pipeline stops pulling morsels.
//
// Thread-safety: the counter is atomic.
#pragma once

#include <atomic>
#include <optional>

#include "execution/physical_operator.h"

namespace cairn {

class PhysicalLimit : public PhysicalOperator {
 public:
  PhysicalLimit(std::vector<LogicalType> types, std::optional<idx_t> limit, idx_t offset)
      : PhysicalOperator(PhysicalOperatorType::LIMIT, std::move(types)), limit_(limit), offset_(offset) {}

  OperatorResult Execute(DataChunk& input, DataChunk& output, OperatorState& state) override;

 private:
  std::optional<idx_t> limit_;
  idx_t offset_;
  std::atomic<idx_t> seen_{0};
};

}  // namespace cairn
