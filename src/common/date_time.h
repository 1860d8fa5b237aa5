// Calendar arithmetic and text forms for DATE, TIME, TIMESTAMP and INTERVAL (proleptic
// Gregorian calendar, as PostgreSQL and DuckDB use; ISO 8601 text).
//
// Units: DATE = days since 1970-01-01; TIME = microseconds since midnight; TIMESTAMP =
// microseconds since 1970-01-01 00:00:00 (UTC for TIMESTAMP_TZ; Cairn's session time zone is
// UTC).
//
// Thread-safety: all functions are reentrant.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "cairn/types.h"

namespace cairn::date_time {

constexpr int64_t kMicrosPerSecond = 1000000;
constexpr int64_t kMicrosPerDay = 86400LL * kMicrosPerSecond;

int32_t DaysFromCivil(int32_t year, int32_t month, int32_t day);
void CivilFromDays(int32_t days, int32_t& year, int32_t& month, int32_t& day);

/// "YYYY-MM-DD" (years outside 1..9999 as PostgreSQL prints them, BC suffix for <= 0).
std::string DateToString(int32_t days);
/// "HH:MM:SS[.ffffff]" (trailing zeros of the fraction trimmed, as DuckDB prints).
std::string TimeToString(int64_t micros);
/// "YYYY-MM-DD HH:MM:SS[.ffffff]".
std::string TimestampToString(int64_t micros);
/// TIMESTAMP WITH TIME ZONE in UTC: "YYYY-MM-DD HH:MM:SS[.ffffff]+00".
std::string TimestampTzToString(int64_t micros);
/// PostgreSQL IntervalStyle postgres: "1 year 2 mons 3 days 04:05:06", "-1 days +02:03:00".
std::string IntervalToString(const interval_t& interval);

/// Parsers return nullopt when `text` is not a valid value (callers raise 22007/22008).
std::optional<int32_t> ParseDate(std::string_view text);
std::optional<int64_t> ParseTime(std::string_view text);
/// Accepts "YYYY-MM-DD", "YYYY-MM-DD HH:MM[:SS[.f]]", 'T' separator, and a trailing zone
/// offset (Z, +HH, +HH:MM) which is applied (result in UTC).
std::optional<int64_t> ParseTimestamp(std::string_view text);
/// PostgreSQL interval input without a field qualifier (see interval_input.h for the forms and
/// for the variant that reports why text is rejected); nullopt when rejected.
std::optional<interval_t> ParseInterval(std::string_view text);

/// Adds an interval to a timestamp (months first, clamping the day of month, then days, then micros).
int64_t AddInterval(int64_t timestamp_micros, const interval_t& interval);

}  // namespace cairn::date_time
