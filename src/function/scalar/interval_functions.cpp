// Interval-valued and interval-driven date/time functions, as PostgreSQL 15 (timestamp.c):
//   age(timestamp, timestamp), age(timestamp)   symbolic difference in years, months, days and
//                                               time (age(t) measures from today's midnight)
//   date_bin(interval, timestamp, origin)       the start of the stride-wide bin holding the
//                                               timestamp, bins aligned on origin; 0A000 for
//                                               strides with months, 22008 for strides <= 0
//   make_interval([years [, months [, weeks [, days [, hours [, mins [, secs]]]]]]])
//   to_timestamp(double precision)              Unix epoch seconds -> timestamptz (22008 NaN)
//   gen_random_uuid()                           a version 4 UUID
// Timestamps with time zone behave as timestamps here: Cairn's session time zone is UTC.
#include <chrono>
#include <cmath>
#include <optional>
#include <string>
#include <openssl/rand.h>

#include "cairn/exception.h"
#include "common/date_time.h"
#include "function/function_registry.h"
#include "function/vector_executor.h"

namespace cairn::function {
namespace {

using date_time::kMicrosPerDay;
using date_time::kMicrosPerSecond;

const LogicalType kTimestamp = TypeId::TIMESTAMP;
const LogicalType kTimestampTz = TypeId::TIMESTAMP_TZ;
const LogicalType kInterval = TypeId::INTERVAL;
const LogicalType kInteger = TypeId::INTEGER;
const LogicalType kDouble = TypeId::DOUBLE;
const LogicalType kVarchar = TypeId::VARCHAR;
const LogicalType kNone = TypeId::INVALID;

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
  return q;
}

struct BrokenDown {
  int32_t year, month, day;
  int64_t hour, minute, second, micros;
};

BrokenDown Split(int64_t ts) {
  BrokenDown b;
  int64_t days = FloorDiv(ts, kMicrosPerDay);
  int64_t time = ts - days * kMicrosPerDay;
  date_time::CivilFromDays(static_cast<int32_t>(days), b.year, b.month, b.day);
  b.hour = time / (3600 * kMicrosPerSecond);
  b.minute = time / (60 * kMicrosPerSecond) % 60;
  b.second = time / kMicrosPerSecond % 60;
  b.micros = time % kMicrosPerSecond;
  return b;
}

bool IsLeap(int32_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int32_t DaysInMonth(int32_t year, int32_t month) {
  static const int32_t kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

}  // namespace

/// PostgreSQL's timestamp_age: field-wise difference, borrowing from the next larger field;
/// a negative day count borrows the length of the month of the earlier timestamp.
interval_t TimestampAge(int64_t a, int64_t b) {
  BrokenDown x = Split(a), y = Split(b);
  int64_t micros = x.micros - y.micros, sec = x.second - y.second, min = x.minute - y.minute, hour = x.hour - y.hour;
  int64_t mday = x.day - y.day, mon = x.month - y.month, year = static_cast<int64_t>(x.year) - y.year;
  bool flip = a < b;
  if (flip) {
    micros = -micros, sec = -sec, min = -min, hour = -hour, mday = -mday, mon = -mon, year = -year;
  }
  while (micros < 0) micros += kMicrosPerSecond, sec--;
  while (sec < 0) sec += 60, min--;
  while (min < 0) min += 60, hour--;
  while (hour < 0) hour += 24, mday--;
  while (mday < 0) {
    const BrokenDown& base = flip ? x : y;
    mday += DaysInMonth(base.year, base.month);
    mon--;
  }
  while (mon < 0) mon += 12, year--;
  if (flip) {
    micros = -micros, sec = -sec, min = -min, hour = -hour, mday = -mday, mon = -mon, year = -year;
  }
  int64_t months = year * 12 + mon;
  if (months < INT32_MIN || months > INT32_MAX) throw Exception(sqlstate::kDatetimeFieldOverflow, "interval out of range");
  return interval_t{static_cast<int32_t>(months), static_cast<int32_t>(mday),
                    ((hour * 60 + min) * 60 + sec) * kMicrosPerSecond + micros};
}

/// PostgreSQL 15's timestamp_bin.
int64_t DateBin(const interval_t& stride, int64_t source, int64_t origin) {
  if (stride.months != 0) {
    throw Exception(sqlstate::kFeatureNotSupported, "timestamps cannot be binned into intervals containing months or years");
  }
  int64_t stride_micros;
  if (__builtin_mul_overflow(static_cast<int64_t>(stride.days), kMicrosPerDay, &stride_micros) ||
      __builtin_add_overflow(stride_micros, stride.micros, &stride_micros)) {
    throw Exception(sqlstate::kDatetimeFieldOverflow, "interval out of range");
  }
  if (stride_micros <= 0) throw Exception(sqlstate::kDatetimeFieldOverflow, "stride must be greater than zero");
  int64_t diff;
  if (__builtin_sub_overflow(source, origin, &diff)) throw Exception(sqlstate::kDatetimeFieldOverflow, "interval out of range");
  int64_t delta = diff - diff % stride_micros;
  if (diff < 0 && diff % stride_micros != 0) delta -= stride_micros;
  int64_t result;
  if (__builtin_add_overflow(origin, delta, &result) || !date_time::IsValidTimestamp(result)) {
    throw Exception(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
  }
  return result;
}

namespace {

int64_t TodayMidnightMicros() {
  int64_t now = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  return FloorDiv(now, kMicrosPerDay) * kMicrosPerDay;
}

// make_interval's fields; PostgreSQL's make_interval (22008 "interval out of range" on overflow).
interval_t MakeInterval(int64_t years, int64_t months, int64_t weeks, int64_t days, int64_t hours, int64_t minutes, double seconds) {
  if (std::isnan(seconds) || std::isinf(seconds)) throw Exception(sqlstate::kDatetimeFieldOverflow, "interval out of range");
  int64_t total_months, total_days;
  bool overflow = __builtin_mul_overflow(years, int64_t(12), &total_months) || __builtin_add_overflow(total_months, months, &total_months) ||
                  __builtin_mul_overflow(weeks, int64_t(7), &total_days) || __builtin_add_overflow(total_days, days, &total_days) ||
                  total_months < INT32_MIN || total_months > INT32_MAX || total_days < INT32_MIN || total_days > INT32_MAX;
  double micros = std::rint(seconds * kMicrosPerSecond) + (static_cast<double>(hours) * 3600.0 + static_cast<double>(minutes) * 60.0) * kMicrosPerSecond;
  if (overflow || !(micros >= -9223372036854775808.0 && micros < 9223372036854775808.0)) {
    throw Exception(sqlstate::kDatetimeFieldOverflow, "interval out of range");
  }
  return interval_t{static_cast<int32_t>(total_months), static_cast<int32_t>(total_days), static_cast<int64_t>(micros)};
}

}  // namespace

void RegisterIntervalFunctions(FunctionRegistry& r) {
  for (const LogicalType& t : {kTimestamp, kTimestampTz}) {
    r.Add({"age", {t, t}, kNone, kInterval, [](DataChunk& args, Vector& result) {
             executor::BinaryExecute<int64_t, int64_t, interval_t>(args.data[0], args.data[1], result, args.size(), TimestampAge);
           }});
    ScalarFunction age_from_today{"age", {t}, kNone, kInterval, [](DataChunk& args, Vector& result) {
                                    int64_t today = TodayMidnightMicros();
                                    executor::UnaryExecute<int64_t, interval_t>(args.data[0], result, args.size(),
                                                                                [&](int64_t v) { return TimestampAge(today, v); });
                                  }};
    age_from_today.is_volatile = true;
    r.Add(age_from_today);
    r.Add({"date_bin", {kInterval, t, t}, kNone, t, [](DataChunk& args, Vector& result) {
             executor::NaryExecute<int64_t>(args.data, args.size(), result, true, [](const std::vector<UnifiedFormat>& f, idx_t i, int64_t& out) {
               out = DateBin(executor::UnifiedValue<interval_t>(f[0], i), executor::UnifiedValue<int64_t>(f[1], i),
                             executor::UnifiedValue<int64_t>(f[2], i));
               return true;
             });
           }});
    // An untyped literal stride ('15 minutes') arrives as text: read it as interval input.
    r.Add({"date_bin", {kVarchar, t, t}, kNone, t, [](DataChunk& args, Vector& result) {
             executor::NaryExecute<int64_t>(args.data, args.size(), result, true, [](const std::vector<UnifiedFormat>& f, idx_t i, int64_t& out) {
               std::string_view text = executor::UnifiedValue<string_t>(f[0], i).view();
               std::optional<interval_t> stride = date_time::ParseInterval(text);
               if (!stride) {
                 throw Exception(sqlstate::kInvalidDatetimeFormat, "invalid input syntax for type interval: \"" + std::string(text) + "\"");
               }
               out = DateBin(*stride, executor::UnifiedValue<int64_t>(f[1], i), executor::UnifiedValue<int64_t>(f[2], i));
               return true;
             });
           }});
  }
  // make_interval with 0 to 7 positional arguments (the rest default to 0).
  std::vector<LogicalType> fields = {kInteger, kInteger, kInteger, kInteger, kInteger, kInteger, kDouble};
  for (size_t count = 0; count <= fields.size(); count++) {
    r.Add({"make_interval", std::vector<LogicalType>(fields.begin(), fields.begin() + count), kNone, kInterval,
           [count](DataChunk& args, Vector& result) {
             if (count == 0) {
               result.SetConstant(Value::Interval(interval_t{}));
               return;
             }
             executor::NaryExecute<interval_t>(args.data, args.size(), result, true, [count](const std::vector<UnifiedFormat>& f, idx_t i, interval_t& out) {
               int64_t v[6] = {0, 0, 0, 0, 0, 0};
               double seconds = 0;
               for (size_t a = 0; a < count && a < 6; a++) v[a] = executor::UnifiedValue<int32_t>(f[a], i);
               if (count == 7) seconds = executor::UnifiedValue<double>(f[6], i);
               out = MakeInterval(v[0], v[1], v[2], v[3], v[4], v[5], seconds);
               return true;
             });
           }});
  }
  r.Add({"to_timestamp", {kDouble}, kNone, kTimestampTz, [](DataChunk& args, Vector& result) {
           executor::UnaryExecute<double, int64_t>(args.data[0], result, args.size(), [](double seconds) {
             if (std::isnan(seconds)) throw Exception(sqlstate::kDatetimeFieldOverflow, "timestamp cannot be NaN");
             double micros = std::rint(seconds * kMicrosPerSecond);
             if (!(micros >= static_cast<double>(date_time::kMinTimestamp) && micros < 9223372036854775808.0)) {
               throw Exception(sqlstate::kDatetimeFieldOverflow, "timestamp out of range: \"" + std::to_string(seconds) + "\"");
             }
             return static_cast<int64_t>(micros);
           });
         }});
  ScalarFunction uuid{"gen_random_uuid", {}, kNone, LogicalType(TypeId::UUID), [](DataChunk& args, Vector& result) {
                        static const char* kHex = "0123456789abcdef";
                        auto* out = result.data<string_t>();
                        for (idx_t i = 0; i < args.size(); i++) {
                          // PostgreSQL draws from pg_strong_random; OpenSSL's CSPRNG here.
                          uint64_t words[2];
                          if (RAND_bytes(reinterpret_cast<unsigned char*>(words), sizeof(words)) != 1) {
                            throw Exception(sqlstate::kInternalError, "could not generate random values");
                          }
                          uint64_t hi = words[0], lo = words[1];
                          hi = (hi & ~0xF000ULL) | 0x4000ULL;                    // version 4
                          lo = (lo & ~(0x3ULL << 62)) | (0x2ULL << 62);          // RFC 4122 variant
                          char text[36];
                          int pos = 0;
                          for (int nibble = 0; nibble < 32; nibble++) {
                            if (nibble == 8 || nibble == 12 || nibble == 16 || nibble == 20) text[pos++] = '-';
                            uint64_t word = nibble < 16 ? hi : lo;
                            text[pos++] = kHex[(word >> (60 - 4 * (nibble % 16))) & 15];
                          }
                          out[i] = result.AddString(std::string_view(text, 36));
                        }
                      }};
  uuid.is_volatile = true;
  r.Add(uuid);
}

}  // namespace cairn::function
