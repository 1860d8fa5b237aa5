// AT TIME ZONE (PostgreSQL's timezone(zone, value), which the grammar turns `x AT TIME ZONE z`
// into), with the system's tz database (/usr/share/zoneinfo, Debian's tzdata) read by cctz:
//   timezone(text, timestamp)     -> timestamptz  the wall-clock time in `zone` as an instant
//   timezone(text, timestamptz)   -> timestamp    the instant as wall-clock time in `zone`
//   timezone(interval, timestamp | timestamptz)   a fixed offset east of UTC
//
// Zones (PostgreSQL's rules, checked against PostgreSQL 15):
//   - tz database names (America/New_York, Europe/Paris, UTC, EST5EDT, EST), matched
//     case-insensitively as PostgreSQL does;
//   - numeric offsets '+05', '-03:30', 'UTC+5', 'GMT-2': POSIX sign, positive WEST of Greenwich
//     ('+05' is UTC-5), as PostgreSQL reads them;
//   - anything else is 22023 "time zone ... not recognized". PostgreSQL's own abbreviation
//     table (PST, CEST, ...) is not available: abbreviations that are not tz database files are
//     22023 in Cairn.
// A wall-clock time that a DST change repeats is read in the later (standard-time) offset and
// one that it skips in the offset before the change, as PostgreSQL's DetermineTimeZoneOffset.
#include <cctz/civil_time.h>
#include <cctz/time_zone.h>

#include <cctype>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "cairn/exception.h"
#include "common/date_time.h"
#include "function/function_registry.h"
#include "function/scalar/time_zone.h"
#include "function/vector_executor.h"

namespace cairn::function {
namespace {

using date_time::kMicrosPerDay;
using date_time::kMicrosPerSecond;
using Seconds = std::chrono::time_point<std::chrono::system_clock, cctz::seconds>;

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
  return q;
}

// '+05', '-03:30', '5', 'UTC+5', 'GMT-02:00' as seconds east of UTC (POSIX: the sign is inverted).
std::optional<int64_t> ParseNumericZone(std::string_view text) {
  std::string_view s = text;
  for (std::string_view prefix : {"UTC", "GMT", "utc", "gmt"}) {
    if (s.size() > prefix.size() && s.substr(0, prefix.size()) == prefix) {
      s.remove_prefix(prefix.size());
      break;
    }
  }
  if (s.empty()) return std::nullopt;
  int sign = 1;
  if (s[0] == '+' || s[0] == '-') {
    sign = s[0] == '-' ? -1 : 1;
    s.remove_prefix(1);
  }
  int64_t fields[3] = {0, 0, 0};
  int field = 0;
  size_t digits = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      fields[field] = fields[field] * 10 + (c - '0');
      if (++digits > 2 && field > 0) return std::nullopt;
      if (fields[field] > 9999) return std::nullopt;
    } else if (c == ':' && digits > 0 && field < 2) {
      field++;
      digits = 0;
    } else {
      return std::nullopt;
    }
  }
  if (digits == 0) return std::nullopt;
  if (field == 0 && fields[0] > 99) {  // hhmm
    fields[1] = fields[0] % 100;
    fields[0] /= 100;
  }
  if (fields[1] > 59 || fields[2] > 59 || fields[0] > 15 * 24) return std::nullopt;
  int64_t west = fields[0] * 3600 + fields[1] * 60 + fields[2];
  return -sign * west;
}

// Title-cases each segment of a zone name: "america/new_york" -> "America/New_York".
std::string TitleCase(std::string_view name) {
  std::string out;
  bool start = true;
  for (char c : name) {
    auto uc = static_cast<unsigned char>(c);
    out.push_back(static_cast<char>(start ? std::toupper(uc) : std::tolower(uc)));
    start = !std::isalpha(uc);
  }
  return out;
}

bool LoadZone(const std::string& name, cctz::time_zone& zone) {
  // Only names the tz database could hold: no path tricks.
  if (name.empty() || name[0] == '/' || name.find("..") != std::string::npos) return false;
  for (char c : name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' || c == '-' || c == '+')) return false;
  }
  return cctz::load_time_zone(name, &zone);
}

}  // namespace

TimeZone TimeZone::Find(std::string_view name) {
  static std::mutex mutex;
  static std::unordered_map<std::string, cctz::time_zone> cache;
  std::string key(name);
  {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = cache.find(key);
    if (it != cache.end()) return TimeZone(it->second);
  }
  cctz::time_zone zone;
  bool found = false;
  if (auto offset = ParseNumericZone(name)) {
    zone = cctz::fixed_time_zone(cctz::seconds(*offset));
    found = true;
  } else {
    std::string upper;
    for (char c : name) upper.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    for (const std::string& candidate : {key, upper, TitleCase(name)}) {
      if (LoadZone(candidate, zone)) {
        found = true;
        break;
      }
    }
  }
  if (!found) throw Exception(sqlstate::kInvalidParameterValue, "time zone \"" + key + "\" not recognized");
  std::lock_guard<std::mutex> lock(mutex);
  cache.emplace(key, zone);
  return TimeZone(zone);
}

int64_t TimeZone::LocalToUtc(int64_t local_micros) const {
  int64_t seconds = FloorDiv(local_micros, kMicrosPerSecond);
  int64_t fraction = local_micros - seconds * kMicrosPerSecond;
  int64_t days = FloorDiv(seconds, 86400);
  int64_t second_of_day = seconds - days * 86400;
  int32_t year, month, day;
  date_time::CivilFromDays(static_cast<int32_t>(days), year, month, day);
  cctz::civil_second civil(year, month, day, second_of_day / 3600, second_of_day / 60 % 60, second_of_day % 60);
  cctz::time_zone::civil_lookup lookup = zone_.lookup(civil);
  Seconds instant = lookup.kind == cctz::time_zone::civil_lookup::REPEATED ? lookup.post : lookup.pre;
  int64_t utc_seconds = instant.time_since_epoch().count();
  int64_t out;
  if (__builtin_mul_overflow(utc_seconds, kMicrosPerSecond, &out) || __builtin_add_overflow(out, fraction, &out) ||
      !date_time::IsValidTimestamp(out)) {
    throw Exception(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
  }
  return out;
}

int64_t TimeZone::UtcToLocal(int64_t utc_micros) const {
  int64_t seconds = FloorDiv(utc_micros, kMicrosPerSecond);
  Seconds instant{cctz::seconds(seconds)};
  int64_t offset = zone_.lookup(instant).offset;
  int64_t out;
  if (__builtin_add_overflow(utc_micros, offset * kMicrosPerSecond, &out) || !date_time::IsValidTimestamp(out)) {
    throw Exception(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
  }
  return out;
}

namespace {

int64_t IntervalOffsetMicros(const interval_t& offset) {
  if (offset.months != 0 || offset.days != 0) {
    throw Exception(sqlstate::kInvalidParameterValue, "interval time zone must not include months or days");
  }
  return offset.micros;
}

int64_t ShiftChecked(int64_t micros, int64_t delta) {
  int64_t out;
  if (__builtin_add_overflow(micros, delta, &out) || !date_time::IsValidTimestamp(out)) {
    throw Exception(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
  }
  return out;
}

// Caches the last zone looked up, for the common constant zone argument.
template <bool TO_UTC>
ScalarKernel ZoneKernel() {
  return [](DataChunk& args, Vector& result) {
    std::string last_name;
    std::optional<TimeZone> zone;
    executor::BinaryExecute<string_t, int64_t, int64_t>(args.data[0], args.data[1], result, args.size(), [&](const string_t& name, int64_t v) {
      if (!zone || name.view() != last_name) {
        zone = TimeZone::Find(name.view());
        last_name.assign(name.view());
      }
      return TO_UTC ? zone->LocalToUtc(v) : zone->UtcToLocal(v);
    });
  };
}

}  // namespace

void RegisterTimeZoneFunctions(FunctionRegistry& r) {
  const LogicalType text = TypeId::VARCHAR, ts = TypeId::TIMESTAMP, tstz = TypeId::TIMESTAMP_TZ, interval = TypeId::INTERVAL;
  const LogicalType none = TypeId::INVALID;
  r.Add({"timezone", {text, ts}, none, tstz, ZoneKernel<true>()});
  r.Add({"timezone", {text, tstz}, none, ts, ZoneKernel<false>()});
  // A date is a timestamptz at midnight UTC here (PostgreSQL prefers timestamptz for a date).
  r.Add({"timezone", {text, LogicalType(TypeId::DATE)}, none, ts, [](DataChunk& args, Vector& result) {
           std::optional<TimeZone> zone;
           std::string last_name;
           executor::BinaryExecute<string_t, int32_t, int64_t>(args.data[0], args.data[1], result, args.size(), [&](const string_t& name, int32_t days) {
             if (!zone || name.view() != last_name) {
               zone = TimeZone::Find(name.view());
               last_name.assign(name.view());
             }
             return zone->UtcToLocal(static_cast<int64_t>(days) * kMicrosPerDay);
           });
         }});
  r.Add({"timezone", {interval, ts}, none, tstz, [](DataChunk& args, Vector& result) {
           executor::BinaryExecute<interval_t, int64_t, int64_t>(args.data[0], args.data[1], result, args.size(),
                                                                 [](const interval_t& z, int64_t v) { return ShiftChecked(v, -IntervalOffsetMicros(z)); });
         }});
  r.Add({"timezone", {interval, tstz}, none, ts, [](DataChunk& args, Vector& result) {
           executor::BinaryExecute<interval_t, int64_t, int64_t>(args.data[0], args.data[1], result, args.size(),
                                                                 [](const interval_t& z, int64_t v) { return ShiftChecked(v, IntervalOffsetMicros(z)); });
         }});
}

}  // namespace cairn::function
