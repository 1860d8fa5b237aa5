// UnaryAggregate: builds an AggregateFunction from a state struct and an operation class with
// static members, so each aggregate is written once as a per-value operation and gets
// vectorized update loops (grouped: one state pointer per row; simple: one state for the whole
// vector) — DuckDB's AggregateFunction::UnaryAggregate in spirit.
//
// OP must provide:
//   static void Initialize(STATE&);
//   static void Operation(STATE&, const INPUT&);           // one non-NULL input value
//   static void Combine(const STATE& source, STATE& target);
//   static void Finalize(STATE&, Vector& result, idx_t row); // writes value or sets NULL
//   static constexpr bool kNeedsDestroy; static void Destroy(STATE&) (when needed)
// Optional fast path: static void SimpleBatch(STATE&, const INPUT* data, idx_t count) for a
// flat, all-valid input without selection.
//
// Thread-safety: the generated functions are reentrant; each state is used by one thread.
#pragma once

#include <new>
#include <type_traits>

#include "function/aggregate_function.h"

namespace cairn::aggregate {

template <class OP, class STATE, class INPUT>
concept HasSimpleBatch = requires(STATE& s, const INPUT* d, idx_t n) { OP::SimpleBatch(s, d, n); };

template <class STATE, class INPUT, class OP>
void UnaryUpdate(Vector* inputs, idx_t, uint8_t** states, idx_t count) {
  UnifiedFormat f;
  inputs[0].ToUnified(count, f);
  const auto* data = reinterpret_cast<const INPUT*>(f.data);
  const SelectionVector& sel = *f.sel;
  if (f.validity->AllValid()) {
    for (idx_t i = 0; i < count; i++) OP::Operation(*reinterpret_cast<STATE*>(states[i]), data[sel.get_index(i)]);
  } else {
    const ValidityMask& validity = *f.validity;
    for (idx_t i = 0; i < count; i++) {
      idx_t idx = sel.get_index(i);
      if (validity.RowIsValid(idx)) OP::Operation(*reinterpret_cast<STATE*>(states[i]), data[idx]);
    }
  }
}

template <class STATE, class INPUT, class OP>
void UnarySimpleUpdate(Vector* inputs, idx_t, uint8_t* state_ptr, idx_t count) {
  auto& state = *reinterpret_cast<STATE*>(state_ptr);
  UnifiedFormat f;
  inputs[0].ToUnified(count, f);
  const auto* data = reinterpret_cast<const INPUT*>(f.data);
  const SelectionVector& sel = *f.sel;
  if constexpr (HasSimpleBatch<OP, STATE, INPUT>) {
    if (inputs[0].kind() == VectorKind::FLAT && f.validity->AllValid()) {
      OP::SimpleBatch(state, data, count);
      return;
    }
  }
  if (f.validity->AllValid()) {
    for (idx_t i = 0; i < count; i++) OP::Operation(state, data[sel.get_index(i)]);
  } else {
    const ValidityMask& validity = *f.validity;
    for (idx_t i = 0; i < count; i++) {
      idx_t idx = sel.get_index(i);
      if (validity.RowIsValid(idx)) OP::Operation(state, data[idx]);
    }
  }
}

/// Fills the lifecycle members of `fn` (name/arguments/return_type are set by the caller).
template <class STATE, class INPUT, class OP>
AggregateFunction MakeUnary(std::string name, LogicalType argument, LogicalType return_type) {
  static_assert(alignof(STATE) <= 16);
  AggregateFunction fn;
  fn.name = std::move(name);
  fn.arguments = {argument};
  fn.return_type = return_type;
  fn.state_size = (sizeof(STATE) + 15) & ~size_t(15);
  fn.initialize = [](uint8_t* state) { OP::Initialize(*new (state) STATE()); };
  fn.update = &UnaryUpdate<STATE, INPUT, OP>;
  fn.simple_update = &UnarySimpleUpdate<STATE, INPUT, OP>;
  fn.combine = [](const uint8_t* source, uint8_t* target) {
    OP::Combine(*reinterpret_cast<const STATE*>(source), *reinterpret_cast<STATE*>(target));
  };
  fn.finalize = [](uint8_t** states, idx_t count, Vector& result, idx_t offset) {
    for (idx_t i = 0; i < count; i++) OP::Finalize(*reinterpret_cast<STATE*>(states[i]), result, offset + i);
  };
  if constexpr (OP::kNeedsDestroy) {
    fn.destroy = [](uint8_t* state) { OP::Destroy(*reinterpret_cast<STATE*>(state)); };
  }
  return fn;
}

// Factories, one per aggregate family (defined in count.cpp, sum.cpp, avg.cpp, min_max.cpp,
// bool_agg.cpp, string_agg.cpp, variance.cpp, regression.cpp, bit_agg.cpp,
// approx_count_distinct.cpp). Each throws 42883 for argument types it does not support.
AggregateFunction BindCountStar();
AggregateFunction BindCount(const LogicalType& argument);
AggregateFunction BindSum(const LogicalType& argument);
AggregateFunction BindAvg(const LogicalType& argument);
AggregateFunction BindMinMax(const std::string& name, const LogicalType& argument);  // "min", "max", "any_value"
AggregateFunction BindBoolAgg(const std::string& name, const LogicalType& argument);  // "bool_and", "bool_or"
AggregateFunction BindStringAgg(const std::vector<LogicalType>& arguments);
/// array_agg(x): every input value (NULLs too) as x[]; NULL over no rows. 0A000 for arrays.
AggregateFunction BindArrayAgg(const LogicalType& argument);
/// json_agg, jsonb_agg (one argument of any type), json_object_agg, jsonb_object_agg (key,
/// value): src/function/aggregate/json_agg.cpp. Throws 42883 for a wrong argument count.
AggregateFunction BindJsonAgg(const std::string& name, const std::vector<LogicalType>& arguments);
/// "var_pop", "var_samp", "variance", "stddev_pop", "stddev_samp", "stddev": DOUBLE over a numeric argument.
AggregateFunction BindVariance(const std::string& name, const LogicalType& argument);
/// "corr", "covar_pop", "covar_samp", "regr_*" over (Y, X): DOUBLE (regr_count BIGINT).
AggregateFunction BindRegression(const std::string& name, const std::vector<LogicalType>& arguments);
/// "bit_and", "bit_or", "bit_xor" over an integer type: the argument's type.
AggregateFunction BindBitAgg(const std::string& name, const LogicalType& argument);
/// approx_count_distinct(x): BIGINT estimate of the distinct non-NULL values (HyperLogLog).
AggregateFunction BindApproxCountDistinct(const LogicalType& argument);

}  // namespace cairn::aggregate
