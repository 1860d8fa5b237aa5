// TimeZone: a time zone of the system's tz database (or a fixed UTC offset), for AT TIME ZONE
// and the time zone conversions of the date/time functions.
//
// Thread-safety: a TimeZone is immutable and may be shared; Find() is thread-safe (it caches
// loaded zones process-wide under a mutex).
#pragma once

#include <cctz/time_zone.h>

#include <cstdint>
#include <string_view>

namespace cairn::function {

class TimeZone {
 public:
  /// The zone PostgreSQL would accept as `name` in AT TIME ZONE: a tz database name
  /// (case-insensitive: 'america/new_york'), or a POSIX-style numeric offset ('+05' is five
  /// hours WEST of UTC, 'UTC-3:30' three and a half hours east). Throws cairn::Exception 22023
  /// "time zone ... not recognized" for anything else.
  static TimeZone Find(std::string_view name);

  /// The instant (microseconds since 1970-01-01 UTC) at which the wall clock of this zone shows
  /// `local_micros` (microseconds since 1970-01-01 on that wall clock). A time repeated by a DST
  /// change reads as the later offset, a skipped one in the offset before the change
  /// (PostgreSQL's DetermineTimeZoneOffset). Throws 22008 outside the timestamp range.
  int64_t LocalToUtc(int64_t local_micros) const;
  /// The wall-clock time of this zone at the instant `utc_micros`. Throws 22008 outside the
  /// timestamp range.
  int64_t UtcToLocal(int64_t utc_micros) const;

 private:
  explicit TimeZone(cctz::time_zone zone) : zone_(zone) {}
  cctz::time_zone zone_;
};

}  // namespace cairn::function
