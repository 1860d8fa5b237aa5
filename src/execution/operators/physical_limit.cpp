#include "execution/operators/physical_limit.h"

#include <atomic>
#include <limits>

namespace cairn {

namespace {
struct LimitGlobalState : GlobalOperatorState {
  std::atomic<idx_t> seen{0};  // rows that reached the operator so far, over all threads
};
}  // namespace

std::unique_ptr<GlobalOperatorState> PhysicalLimit::GetGlobalOperatorState(ExecutionState&) const {
  return std::make_unique<LimitGlobalState>();
}

OperatorResult PhysicalLimit::Execute(DataChunk& input, DataChunk& output, GlobalOperatorState& gstate,
                                      OperatorState&) const {
  constexpr idx_t kMax = std::numeric_limits<idx_t>::max();
  const idx_t end_of_window = limit_ && *limit_ <= kMax - offset_ ? offset_ + *limit_ : kMax;
  idx_t n = input.size();
  output.SetCardinality(0);
  if (end_of_window == offset_) return OperatorResult::FINISHED;  // LIMIT 0
  idx_t start = static_cast<LimitGlobalState&>(gstate).seen.fetch_add(n);
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
