// PostgreSQL's order of float4/float8 values (float.c, float8_cmp_internal): NaN equals NaN and
// is greater than every other value, -0 equals 0; other values as IEEE 754. Comparison
// operators, GREATEST/LEAST and scan filters on floating columns follow it, so `x = 'NaN'`
// finds NaN rows and `x > 1e308` includes them, as in PostgreSQL.
//
// Thread-safety: pure functions.
#pragma once

namespace cairn {

/// -1, 0 or 1 as `a` sorts before, with or after `b` in PostgreSQL's float order.
template <class T>
inline int PostgresFloatCompare(T a, T b) {
  const bool a_nan = a != a;
  const bool b_nan = b != b;
  if (a_nan || b_nan) return a_nan == b_nan ? 0 : (a_nan ? 1 : -1);
  return a < b ? -1 : (a > b ? 1 : 0);
}

}  // namespace cairn
