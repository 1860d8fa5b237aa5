// Physical-type dispatch: calls a generic lambda with a value of the C++ type that stores a
// PhysicalType (bool, int32_t, int64_t, hugeint_t, double, string_t, interval_t), so kernels
// are written once as templates and instantiated per physical type. Also the total order and
// equality Cairn uses for every physical type (INTERVAL compares as PostgreSQL does: months as
// 30 days, days as 24 hours).
//
// Thread-safety: pure functions.
#pragma once

#include "common/date_time.h"

#include <utility>

#include "cairn/exception.h"
#include "cairn/string_type.h"
#include "cairn/types.h"

namespace cairn {

/// Calls `f(T{})` where T is the C++ storage type of `type`. Throws XX000 for INVALID.
template <class F>
decltype(auto) DispatchPhysical(PhysicalType type, F&& f) {
  switch (type) {
    case PhysicalType::BOOL: return f(bool{});
    case PhysicalType::INT32: return f(int32_t{});
    case PhysicalType::INT64: return f(int64_t{});
    case PhysicalType::INT128: return f(hugeint_t{});
    case PhysicalType::DOUBLE: return f(double{});
    case PhysicalType::STRING: return f(string_t{});
    case PhysicalType::INTERVAL: return f(interval_t{});
    default: break;
  }
  throw Exception(sqlstate::kInternalError, "unsupported physical type in execution");
}

/// Interval as a single comparable number of microseconds (months = 30 days).
inline hugeint_t IntervalOrderKey(const interval_t& v) { return date_time::IntervalSpan(v); }

/// Three-way comparison: negative, zero, positive. DOUBLE NaN sorts after every number and
/// equals itself (PostgreSQL semantics).
template <class T>
inline int CompareValues(const T& a, const T& b) {
  if constexpr (std::is_same_v<T, interval_t>) {
    hugeint_t x = IntervalOrderKey(a), y = IntervalOrderKey(b);
    return x < y ? -1 : (x > y ? 1 : 0);
  } else if constexpr (std::is_same_v<T, double>) {
    bool an = a != a, bn = b != b;
    if (an || bn) return an == bn ? 0 : (an ? 1 : -1);
    return a < b ? -1 : (a > b ? 1 : 0);
  } else if constexpr (std::is_same_v<T, string_t>) {
    int c = a.view().compare(b.view());
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  } else {
    return a < b ? -1 : (a > b ? 1 : 0);
  }
}

template <class T>
inline bool EqualValues(const T& a, const T& b) {
  if constexpr (std::is_same_v<T, interval_t>) {
    return IntervalOrderKey(a) == IntervalOrderKey(b);
  } else if constexpr (std::is_same_v<T, double>) {
    return CompareValues(a, b) == 0;
  } else {
    return a == b;
  }
}

}  // namespace cairn
