// Floating-point accumulation checks shared by the statistical aggregates (variance.cpp,
// regression.cpp): PostgreSQL 15 raises "value out of range: overflow" (22003) when a sum of
// finite double precision inputs becomes infinite, and keeps infinities that come from the inputs.
//
// Thread-safety: pure functions.
#pragma once

#include <cmath>

#include "cairn/exception.h"

namespace cairn::aggregate {

/// Throws 22003 "value out of range: overflow" (PostgreSQL's float_overflow_error).
[[noreturn]] inline void ThrowFloatOverflow() {
  throw Exception(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
}

/// a + b; throws 22003 if the sum of two finite values is infinite (PostgreSQL's float8_pl).
inline double CheckedFloatAdd(double a, double b) {
  double sum = a + b;
  if (std::isinf(sum) && !std::isinf(a) && !std::isinf(b)) ThrowFloatOverflow();
  return sum;
}

}  // namespace cairn::aggregate
