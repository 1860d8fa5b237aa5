#include "execution/operators/physical_limit.h"

#include <limits>

namespace cairn {

OperatorResult PhysicalLimit::Execute(DataChunk& input, DataChunk& output, OperatorState&) {
  constexpr idx_t kMax = std::numeric_limits<idx_t>::max();
  const idx_t end_of_window = limit_ && *limit_ <= kMax - offset_ ? offset_ + *limit_ : kMax;
  idx_t n = input.size();
  output.SetCardinality(0);
  if (end_of_window == offset_) return OperatorResult::FINISHED;  // LIMIT 0
  idx_t start = seen_.fetch_add(n);
  idx_t end = start + n;
  if (start >= end_of_window) return OperatorResult::FINISHED;
  idx_t lo = std::max(start, offset_), hi = std::min(end, end_of_window);
  if (lo < hi) {
    output.Reference(input);
    if (lo > start || hi < end) {
      SelectionVector sel(hi - lo);
      for (idx_t i = lo; i < hi; i++) sel.set_index(i - lo, i - start);
      output.Slice(sel, hi - lo);
    }
  }
  return end >= end_of_window ? OperatorResult::FINISHED : OperatorResult::NEED_MORE_INPUT;
}

}  // namespace cairn
