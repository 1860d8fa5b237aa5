// Date/time casts: DATE -> TIMESTAMP[_TZ] (midnight), TIMESTAMP[_TZ] -> DATE (floor to the
// day), TIMESTAMP[_TZ] -> TIME (time of day), TIMESTAMP <-> TIMESTAMP_TZ (same instant; the
// session zone is UTC).
#include "cairn/exception.h"
#include "common/date_time.h"
#include "function/cast_families.h"
#include "function/vector_executor.h"

namespace cairn::cast {
namespace {

bool IsTimestamp(TypeId id) { return id == TypeId::TIMESTAMP || id == TypeId::TIMESTAMP_TZ; }

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
  return q;
}

}  // namespace

bool CastTemporal(const Vector& source, Vector& result, idx_t count, bool try_cast) {
  TypeId from = source.type().id(), to = result.type().id();
  if (from == TypeId::DATE && IsTimestamp(to)) {
    executor::UnaryExecuteFallible<int32_t, int64_t>(source, result, count, [&](int32_t days, int64_t& out) {
      if (__builtin_mul_overflow(static_cast<int64_t>(days), date_time::kMicrosPerDay, &out)) {
        if (try_cast) return false;
        throw Exception(sqlstate::kDatetimeFieldOverflow,
                        "date " + date_time::DateToString(days) + " is out of range for type " + result.type().ToString());
      }
      return true;
    });
    return true;
  }
  if (IsTimestamp(from) && to == TypeId::DATE) {
    executor::UnaryExecute<int64_t, int32_t>(source, result, count, [](int64_t micros) {
      return static_cast<int32_t>(FloorDiv(micros, date_time::kMicrosPerDay));
    });
    return true;
  }
  if (IsTimestamp(from) && to == TypeId::TIME) {
    executor::UnaryExecute<int64_t, int64_t>(source, result, count, [](int64_t micros) {
      return micros - FloorDiv(micros, date_time::kMicrosPerDay) * date_time::kMicrosPerDay;
    });
    return true;
  }
  if (IsTimestamp(from) && IsTimestamp(to)) {
    executor::UnaryExecute<int64_t, int64_t>(source, result, count, [](int64_t micros) { return micros; });
    return true;
  }
  return false;
}

}  // namespace cairn::cast
