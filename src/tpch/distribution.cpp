#include "tpch/distribution.h"

namespace cairn::tpch {

Distribution::Distribution(std::vector<WeightedValue> values) : values_(std::move(values)) {
  for (size_t index = 0; index < values_.size(); index++) {
    for (int32_t unit = 0; unit < values_[index].weight; unit++)
      draw_to_index_.push_back(static_cast<int32_t>(index));
  }
  total_weight_ = static_cast<int32_t>(draw_to_index_.size());
}

}  // namespace cairn::tpch
