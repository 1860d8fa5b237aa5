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
#include <climits>
#include <optional>
#include <string>
#include <string_view>

#include "cairn/types.h"

namespace cairn::date_time {

constexpr int64_t kMicrosPerSecond = 1000000;
constexpr int64_t kMicrosPerDay = 86400LL * kMicrosPerSecond;

/// PostgreSQL's ranges: DATE 4714-11-24 BC .. 5874897-12-31 (input text is checked against
/// 4713-01-01 BC as PostgreSQL's date_in does); TIMESTAMP 4714-11-24 BC 00:00 ..
/// 294276-12-31 23:59:59.999999, cut at the largest 64-bit microsecond count from 1970
/// (294247-01-10 04:00:54.775807), which is as far as Cairn's representation reaches.
constexpr int32_t kMinDate = -2440588;   // 4714-11-24 BC (Julian day 0)
constexpr int32_t kMaxDate = 2145042905;  // 5874897-12-31
constexpr int64_t kMinTimestamp = -210866803200LL * kMicrosPerSecond;  // 4714-11-24 BC 00:00:00
constexpr int64_t kMaxTimestamp = INT64_MAX;
inline bool IsValidDate(int64_t days) { return days >= kMinDate && days <= kMaxDate; }
inline bool IsValidTimestamp(int64_t micros) { return micros >= kMinTimestamp && micros <= kMaxTimestamp; }

/// Why date/time text was rejected: kSyntax → 22007; kFieldOverflow (a field out of its range,
/// e.g. February 30 or 25:00) and kOutOfRange (outside the type's range) → 22008;
/// kUnsupportedZone (a time zone name such as America/New_York: Cairn has no time zone
/// database, only UTC offsets) → 0A000.
enum class DateTimeParseError { kSyntax, kFieldOverflow, kOutOfRange, kUnsupportedZone };

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
/// `error`, when given, receives why text was rejected.
std::optional<int32_t> ParseDate(std::string_view text, DateTimeParseError* error = nullptr);
std::optional<int64_t> ParseTime(std::string_view text, DateTimeParseError* error = nullptr);
/// TIMESTAMP (without time zone): accepts "YYYY-MM-DD", "YYYY-MM-DD HH:MM[:SS[.f]]", 'T'
/// separator, "BC", and a trailing zone offset (Z, UTC, +HH, +HH:MM, +HHMM) which is ignored, as
/// PostgreSQL ignores a zone in timestamp input.
std::optional<int64_t> ParseTimestamp(std::string_view text, DateTimeParseError* error = nullptr);
/// TIMESTAMP WITH TIME ZONE: the forms of ParseTimestamp, the zone offset applied (result in
/// UTC, Cairn's session zone); no offset means UTC.
std::optional<int64_t> ParseTimestampTz(std::string_view text, DateTimeParseError* error = nullptr);
/// PostgreSQL interval input without a field qualifier (see interval_input.h for the forms and
/// for the variant that reports why text is rejected); nullopt when rejected.
std::optional<interval_t> ParseInterval(std::string_view text);

/// The date of (year, month, day) as PostgreSQL's make_date takes them: a negative year is BC
/// (-1 = 1 BC; there is no year 0). Throws 22008 "date field value out of range: Y-MM-DD" for
/// year 0 or a month/day that does not exist, 22008 "date out of range: ..." outside DATE's range.
int32_t MakeDate(int64_t year, int64_t month, int64_t day);
/// Microseconds since midnight for PostgreSQL's make_time(hour, min, sec): seconds are rounded
/// to microseconds; 24:00:00 is allowed. Throws 22008 "time field value out of range: H:MM:SS"
/// for a negative or too large field, a NaN second, or a total past 24:00:00.
int64_t MakeTime(int64_t hour, int64_t minute, double second);
/// Microseconds since 1970 for PostgreSQL's make_timestamp(year, month, mday, hour, min, sec):
/// negative years are BC, as in MakeDate (PostgreSQL 15). Throws 22008 for fields out of range
/// (as MakeDate and MakeTime) and "timestamp out of range: ..." outside TIMESTAMP's range.
int64_t MakeTimestamp(int64_t year, int64_t month, int64_t day, int64_t hour, int64_t minute, double second);

/// Adds an interval to a timestamp (months first, clamping the day of month, then days, then
/// micros), as PostgreSQL's timestamp + interval. Throws 22008 "timestamp out of range" when
/// the result (or a step of it) leaves the timestamp range.
int64_t AddInterval(int64_t timestamp_micros, const interval_t& interval);
/// PostgreSQL's interval comparison key (interval_cmp_value): months as 30 days, days as 24
/// hours, in microseconds. '1 mon' and '30 days' have the same key.
inline hugeint_t IntervalSpan(const interval_t& v) {
  return (static_cast<hugeint_t>(v.months) * 30 + v.days) * kMicrosPerDay + v.micros;
}

}  // namespace cairn::date_time
