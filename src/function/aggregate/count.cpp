// COUNT(*) and COUNT(x): BIGINT counters (x's NULLs are not counted).
#include "function/aggregate/unary_aggregate.h"

namespace cairn::aggregate {
namespace {

void CountInit(uint8_t* state) { *reinterpret_cast<int64_t*>(state) = 0; }
void CountCombine(const uint8_t* source, uint8_t* target) {
  *reinterpret_cast<int64_t*>(target) += *reinterpret_cast<const int64_t*>(source);
}
void CountFinalize(uint8_t** states, idx_t count, Vector& result, idx_t offset) {
  auto* out = result.data<int64_t>();
  for (idx_t i = 0; i < count; i++) out[offset + i] = *reinterpret_cast<int64_t*>(states[i]);
}

AggregateFunction CountBase(std::string name) {
  AggregateFunction fn;
  fn.name = std::move(name);
  fn.return_type = TypeId::BIGINT;
  fn.state_size = 16;
  fn.initialize = &CountInit;
  fn.combine = &CountCombine;
  fn.finalize = &CountFinalize;
  return fn;
}

}  // namespace

AggregateFunction BindCountStar() {
  AggregateFunction fn = CountBase("count_star");
  fn.update = [](Vector*, idx_t, uint8_t** states, idx_t count) {
    for (idx_t i = 0; i < count; i++) ++*reinterpret_cast<int64_t*>(states[i]);
  };
  fn.simple_update = [](Vector*, idx_t, uint8_t* state, idx_t count) {
    *reinterpret_cast<int64_t*>(state) += static_cast<int64_t>(count);
  };
  return fn;
}

AggregateFunction BindCount(const LogicalType& argument) {
  AggregateFunction fn = CountBase("count");
  fn.arguments = {argument};
  fn.update = [](Vector* inputs, idx_t, uint8_t** states, idx_t count) {
    UnifiedFormat f;
    inputs[0].ToUnified(count, f);
    if (f.validity->AllValid()) {
      for (idx_t i = 0; i < count; i++) ++*reinterpret_cast<int64_t*>(states[i]);
      return;
    }
    for (idx_t i = 0; i < count; i++) {
      if (f.validity->RowIsValid(f.sel->get_index(i))) ++*reinterpret_cast<int64_t*>(states[i]);
    }
  };
  fn.simple_update = [](Vector* inputs, idx_t, uint8_t* state, idx_t count) {
    UnifiedFormat f;
    inputs[0].ToUnified(count, f);
    int64_t valid = static_cast<int64_t>(count);
    if (!f.validity->AllValid()) {
      for (idx_t i = 0; i < count; i++) valid -= !f.validity->RowIsValid(f.sel->get_index(i));
    }
    *reinterpret_cast<int64_t*>(state) += valid;
  };
  return fn;
}

}  // namespace cairn::aggregate
