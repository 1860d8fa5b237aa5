// NumericSum: the exact running sum of NUMERIC values with different display scales, shared by
// sum(numeric) and avg(numeric). The sum is kept unscaled at the largest scale seen so far (the
// scale PostgreSQL's add_var gives the result) in 128 bits, so it may pass NUMERIC's 35 digits
// in between (avg divides it back) but never drifts: 22003 when 128 bits or 38 digits would not
// hold it.
//
// Thread-safety: a state belongs to one thread; Combine merges another thread's state.
#pragma once

#include "cairn/exception.h"
#include "common/decimal.h"
#include "common/numeric.h"

namespace cairn::aggregate {

struct NumericSum {
  hugeint_t sum;  // unscaled at `scale`
  int32_t scale;
  int64_t count;  // values added

  void Initialize() {
    sum = 0;
    scale = 0;
    count = 0;
  }

  /// Adds the value unscaled * 10^-value_scale. Throws 22003 when the sum overflows.
  void Add(hugeint_t unscaled, int value_scale, int64_t values) {
    if (value_scale > scale) {
      if (__builtin_mul_overflow(sum, decimal::PowerOfTen(value_scale - scale), &sum)) ThrowOverflow();
      scale = value_scale;
    } else if (value_scale < scale) {
      if (__builtin_mul_overflow(unscaled, decimal::PowerOfTen(scale - value_scale), &unscaled)) ThrowOverflow();
    }
    if (__builtin_add_overflow(sum, unscaled, &sum) || !decimal::FitsWidth(sum, decimal::kMaxWidth)) ThrowOverflow();
    count += values;
  }
  void AddPacked(hugeint_t packed) { Add(numeric::Unscaled(packed), numeric::Scale(packed), 1); }
  void Combine(const NumericSum& other) {
    if (other.count > 0) Add(other.sum, other.scale, other.count);
  }

  [[noreturn]] static void ThrowOverflow() {
    throw Exception(sqlstate::kNumericValueOutOfRange, "value overflows numeric format: sum exceeds 38 digits");
  }
};

}  // namespace cairn::aggregate
