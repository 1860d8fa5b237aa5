// PhysicalUnion: UNION ALL. It has no runtime behaviour of its own: the pipeline builder runs
// each child as a separate pipeline feeding the same operators and sink.
#pragma once

#include "execution/physical_operator.h"

namespace cairn {

class PhysicalUnion : public PhysicalOperator {
 public:
  explicit PhysicalUnion(std::vector<LogicalType> types) : PhysicalOperator(PhysicalOperatorType::UNION, std::move(types)) {}
};

}  // namespace cairn
