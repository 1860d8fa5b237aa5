// INTERVAL text input with PostgreSQL 15's semantics (IntervalStyle postgres), including the
// SQL-standard field qualifier (INTERVAL '1' DAY, INTERVAL '1:30' HOUR TO MINUTE, SECOND(p)).
//
// Accepted forms (PostgreSQL manual 8.5.4):
//   - verbose: "1 year 2 mons 3 days 04:05:06.7", "@ 1 hour ago", unit names singular, plural
//     and abbreviated (y, yr, mon, d, h, hr, min, m, s, sec, ms, us, w, decade, century, ...),
//     fractional amounts spilling into smaller fields ("1.5 years" = 1 year 6 mons,
//     "1.5 months" = 1 mon 15 days, "1.5 days" = 1 day 12:00:00);
//   - SQL standard: "1-2" (years-months), "3 4:05:06" (days and a clock), signed clocks;
//   - ISO 8601 with designators ("P1Y2M3DT4H5M6S", "P2W", fractions) and the alternative
//     form ("P0001-02-03T04:05:06", "P00010203T040506").
// A bare number takes the unit of the qualifier's last field (seconds without one); a clock
// "a:b" is minutes:seconds under MINUTE TO SECOND. The qualifier then truncates the fields below
// its last one, and SECOND(p) rounds the seconds to p fractional digits (half away from zero).
//
// Thread-safety: reentrant.
#pragma once

#include <cstdint>
#include <string_view>

#include "cairn/types.h"

namespace cairn::date_time {

/// The field qualifier of an INTERVAL type: PostgreSQL's typmod, a mask of the fields
/// (bits as PostgreSQL's INTERVAL_MASK: YEAR 1<<2, MONTH 1<<1, DAY 1<<3, HOUR 1<<10,
/// MINUTE 1<<11, SECOND 1<<12) and the fractional-second precision.
struct IntervalQualifier {
  static constexpr int32_t kMonth = 1 << 1;
  static constexpr int32_t kYear = 1 << 2;
  static constexpr int32_t kDay = 1 << 3;
  static constexpr int32_t kHour = 1 << 10;
  static constexpr int32_t kMinute = 1 << 11;
  static constexpr int32_t kSecond = 1 << 12;
  static constexpr int32_t kFullRange = 0x7FFF;
  static constexpr int32_t kFullPrecision = 0xFFFF;

  int32_t range = kFullRange;          ///< union of the k* field bits, or kFullRange
  int32_t precision = kFullPrecision;  ///< 0..6 fractional digits of seconds, or kFullPrecision

  bool IsDefault() const { return range == kFullRange && precision == kFullPrecision; }
  /// True for the 13 combinations SQL allows (YEAR, YEAR TO MONTH, ..., MINUTE TO SECOND).
  bool IsValidRange() const;
};

/// Outcome of ParseInterval: kSyntax → SQLSTATE 22007 (invalid input syntax for type interval),
/// kFieldOverflow → 22015 (interval field value out of range), kOutOfRange → 22008 (interval
/// out of range: the result does not fit PostgreSQL's 32-bit months/days and 64-bit microseconds).
enum class IntervalParseStatus { kOk, kSyntax, kFieldOverflow, kOutOfRange };

/// Parses interval text under `qualifier` (PostgreSQL's interval_in with a typmod).
IntervalParseStatus ParseInterval(std::string_view text, const IntervalQualifier& qualifier, interval_t& out);

/// Applies a qualifier to an interval value (PostgreSQL's AdjustIntervalForTypmod): fields
/// below the qualifier's last one are zeroed, seconds rounded to its precision.
/// Returns false when rounding overflows (SQLSTATE 22008, interval out of range).
bool ApplyIntervalQualifier(interval_t& value, const IntervalQualifier& qualifier);

}  // namespace cairn::date_time
