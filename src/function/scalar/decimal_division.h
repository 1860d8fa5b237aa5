// Exact DECIMAL division (PostgreSQL's numeric_div on fixed-scale operands).
//
// PostgreSQL divides numerics exactly and rounds the quotient half away from zero at a scale
// chosen per value by select_div_scale() (numeric.c): at least 16 significant digits, at least
// the operands' display scales. Cairn's DECIMAL has one scale per column, so the quotient's
// scale is chosen from the operand types (QuotientScale) and the digits are computed exactly in
// 128-bit arithmetic (DivideDecimal).
//
// Thread-safety: pure functions, reentrant.
#pragma once

#include <cstdint>

#include "cairn/types.h"

namespace cairn::function {

/// Scale of `DECIMAL(p1,s1) / DECIMAL(p2,s2)`: max(16, s1, s2), at most 38. 16 is PostgreSQL's
/// NUMERIC_MIN_SIG_DIGITS, the scale select_div_scale() gives a quotient whose leading base-10000
/// digit group is the units group (quotients from about 1 to 9999); PostgreSQL shows up to 4
/// more digits for quotients below that and fewer above (docs/design/postgresql-semantics.md).
int QuotientScale(int dividend_scale, int divisor_scale);

/// Divides the DECIMAL whose unscaled value is `dividend` (scale `dividend_scale`) by the one
/// whose unscaled value is `divisor` (scale `divisor_scale`) and stores the exact quotient,
/// rounded half away from zero to `result_scale` fractional digits, as an unscaled value in
/// `out`. Returns false when the quotient needs more than `result_width` (<= 38) digits.
/// REQUIRES: divisor != 0; |operands| < 10^38; result_scale >= dividend_scale; scales <= 38.
bool DivideDecimal(hugeint_t dividend, int dividend_scale, hugeint_t divisor, int divisor_scale, int result_scale,
                   int result_width, hugeint_t& out);

}  // namespace cairn::function
