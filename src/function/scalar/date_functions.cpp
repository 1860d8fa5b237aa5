// Date/time functions: date_trunc, date_part/extract (BIGINT parts as DuckDB; the 'epoch'
// part is whole seconds here — epoch() gives DOUBLE), year()/month()/... shorthands, epoch,
// epoch_ms, make_date/make_time/make_timestamp (PostgreSQL's), strftime, now()/current_timestamp (volatile, TIMESTAMP WITH TIME
// ZONE), current_date, last_day. Weeks are ISO 8601 (Monday first).
#include <chrono>
#include <cctype>
#include <cstdio>

#include "cairn/exception.h"
#include "common/date_time.h"
#include "function/function_registry.h"
#include "function/vector_executor.h"

namespace cairn::function {
namespace {

using date_time::kMicrosPerDay;
using date_time::kMicrosPerSecond;

const LogicalType kVarchar = TypeId::VARCHAR;
const LogicalType kBigint = TypeId::BIGINT;
const LogicalType kDouble = TypeId::DOUBLE;
const LogicalType kDate = TypeId::DATE;
const LogicalType kTime = TypeId::TIME;
const LogicalType kTimestamp = TypeId::TIMESTAMP;
const LogicalType kTimestampTz = TypeId::TIMESTAMP_TZ;
const LogicalType kInterval = TypeId::INTERVAL;
const LogicalType kNone = TypeId::INVALID;

enum class Part {
  kMicrosecond, kMillisecond, kSecond, kMinute, kHour, kDay, kWeek, kMonth, kQuarter, kYear,
  kDecade, kCentury, kMillennium, kDow, kIsoDow, kDoy, kIsoYear, kEpoch
};

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
  return q;
}

Part ParsePart(std::string_view text) {
  std::string s;
  for (char c : text) s.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  struct Entry { const char* name; Part part; };
  static constexpr Entry kParts[] = {
      {"microsecond", Part::kMicrosecond}, {"microseconds", Part::kMicrosecond}, {"us", Part::kMicrosecond},
      {"millisecond", Part::kMillisecond}, {"milliseconds", Part::kMillisecond}, {"ms", Part::kMillisecond},
      {"second", Part::kSecond}, {"seconds", Part::kSecond}, {"s", Part::kSecond}, {"sec", Part::kSecond},
      {"minute", Part::kMinute}, {"minutes", Part::kMinute}, {"m", Part::kMinute}, {"min", Part::kMinute},
      {"hour", Part::kHour}, {"hours", Part::kHour}, {"h", Part::kHour},
      {"day", Part::kDay}, {"days", Part::kDay}, {"d", Part::kDay}, {"dayofmonth", Part::kDay},
      {"week", Part::kWeek}, {"weeks", Part::kWeek}, {"w", Part::kWeek}, {"weekofyear", Part::kWeek},
      {"month", Part::kMonth}, {"months", Part::kMonth}, {"mon", Part::kMonth},
      {"quarter", Part::kQuarter}, {"quarters", Part::kQuarter},
      {"year", Part::kYear}, {"years", Part::kYear}, {"y", Part::kYear},
      {"decade", Part::kDecade}, {"decades", Part::kDecade},
      {"century", Part::kCentury}, {"centuries", Part::kCentury},
      {"millennium", Part::kMillennium}, {"millennia", Part::kMillennium},
      {"dow", Part::kDow}, {"dayofweek", Part::kDow}, {"isodow", Part::kIsoDow},
      {"doy", Part::kDoy}, {"dayofyear", Part::kDoy}, {"isoyear", Part::kIsoYear}, {"epoch", Part::kEpoch},
  };
  for (const auto& e : kParts) {
    if (s == e.name) return e.part;
  }
  throw Exception(sqlstate::kInvalidParameterValue, "unit \"" + std::string(text) + "\" not recognized");
}

// Broken-down timestamp.
struct Fields {
  int32_t days;  // since epoch
  int32_t year, month, day;
  int64_t time;  // micros since midnight
};

Fields Split(int64_t micros) {
  Fields f;
  int64_t days = FloorDiv(micros, kMicrosPerDay);
  f.days = static_cast<int32_t>(days);
  f.time = micros - days * kMicrosPerDay;
  date_time::CivilFromDays(f.days, f.year, f.month, f.day);
  return f;
}

// ISO weekday 1 (Monday) .. 7 (Sunday); 1970-01-01 was a Thursday.
int32_t IsoDow(int32_t days) { return static_cast<int32_t>(FloorDiv(static_cast<int64_t>(days) + 3, 7) * -7 + days + 3) + 1; }

// ISO 8601 week-numbering year and week of the date.
void IsoWeek(int32_t days, int32_t& iso_year, int32_t& week) {
  int32_t y, m, d;
  date_time::CivilFromDays(days, y, m, d);
  // The Thursday of this week decides the ISO year.
  int32_t thursday = days - IsoDow(days) + 4;
  int32_t ty, tm, td;
  date_time::CivilFromDays(thursday, ty, tm, td);
  iso_year = ty;
  week = (thursday - date_time::DaysFromCivil(ty, 1, 1)) / 7 + 1;
}

int64_t TimestampPart(Part part, int64_t micros) {
  if (part == Part::kEpoch) return FloorDiv(micros, kMicrosPerSecond);
  Fields f = Split(micros);
  switch (part) {
    case Part::kMicrosecond: return f.time % (60 * kMicrosPerSecond);
    case Part::kMillisecond: return f.time % (60 * kMicrosPerSecond) / 1000;
    case Part::kSecond: return f.time / kMicrosPerSecond % 60;
    case Part::kMinute: return f.time / (60 * kMicrosPerSecond) % 60;
    case Part::kHour: return f.time / (3600 * kMicrosPerSecond);
    case Part::kDay: return f.day;
    case Part::kMonth: return f.month;
    case Part::kQuarter: return (f.month - 1) / 3 + 1;
    // f.year is astronomical (0 = 1 BC); PostgreSQL numbers years, centuries and millennia
    // without a zero (-1 = 1 BC, century -1 = 100 BC..1 BC) and decade 0 = 1 BC..9 AD.
    case Part::kYear: return f.year > 0 ? f.year : f.year - 1;
    case Part::kDecade: return FloorDiv(f.year, 10);
    case Part::kCentury: return f.year > 0 ? (f.year + 99) / 100 : -((99 - (f.year - 1)) / 100);
    case Part::kMillennium: return f.year > 0 ? (f.year + 999) / 1000 : -((999 - (f.year - 1)) / 1000);
    case Part::kDow: return IsoDow(f.days) % 7;
    case Part::kIsoDow: return IsoDow(f.days);
    case Part::kDoy: return f.days - date_time::DaysFromCivil(f.year, 1, 1) + 1;
    case Part::kWeek: {
      int32_t iso_year, week;
      IsoWeek(f.days, iso_year, week);
      return week;
    }
    case Part::kIsoYear: {
      int32_t iso_year, week;
      IsoWeek(f.days, iso_year, week);
      return iso_year > 0 ? iso_year : iso_year - 1;
    }
    default: return 0;
  }
}

int64_t TimePart(Part part, int64_t time) {
  switch (part) {
    case Part::kMicrosecond: return time % (60 * kMicrosPerSecond);
    case Part::kMillisecond: return time % (60 * kMicrosPerSecond) / 1000;
    case Part::kSecond: return time / kMicrosPerSecond % 60;
    case Part::kMinute: return time / (60 * kMicrosPerSecond) % 60;
    case Part::kHour: return time / (3600 * kMicrosPerSecond);
    case Part::kEpoch: return time / kMicrosPerSecond;
    default: throw Exception(sqlstate::kInvalidParameterValue, "unit not supported for type TIME");
  }
}

int64_t IntervalPart(Part part, const interval_t& v) {
  switch (part) {
    case Part::kMicrosecond: return v.micros % (60 * kMicrosPerSecond);
    case Part::kMillisecond: return v.micros % (60 * kMicrosPerSecond) / 1000;
    case Part::kSecond: return v.micros / kMicrosPerSecond % 60;
    case Part::kMinute: return v.micros / (60 * kMicrosPerSecond) % 60;
    case Part::kHour: return v.micros / (3600 * kMicrosPerSecond);
    case Part::kDay: return v.days;
    case Part::kMonth: return v.months % 12;
    case Part::kQuarter: return v.months % 12 / 3 + 1;
    case Part::kYear: return v.months / 12;
    case Part::kDecade: return v.months / 120;
    case Part::kCentury: return v.months / 1200;
    case Part::kMillennium: return v.months / 12000;
    case Part::kEpoch:
      return (static_cast<int64_t>(v.months) * 30 + v.days) * 86400 + v.micros / kMicrosPerSecond;
    default: throw Exception(sqlstate::kInvalidParameterValue, "unit not supported for type INTERVAL");
  }
}

// Digits after the point in PostgreSQL's extract() result for `part`: second and epoch
// carry microseconds, millisecond microseconds as thousandths; the others are integers.
int PartScale(Part part) {
  if (part == Part::kSecond || part == Part::kEpoch) return 6;
  if (part == Part::kMillisecond) return 3;
  return 0;
}

// A part's value times 10^PartScale(part), exactly (the unscaled numeric).
int64_t ScaledTimestampPart(Part part, int64_t micros) {
  if (part == Part::kEpoch) return micros;
  if (part == Part::kSecond || part == Part::kMillisecond) return Split(micros).time % (60 * kMicrosPerSecond);
  return TimestampPart(part, micros);
}

int64_t ScaledTimePart(Part part, int64_t time) {
  if (part == Part::kEpoch) return time;
  if (part == Part::kSecond || part == Part::kMillisecond) return time % (60 * kMicrosPerSecond);
  return TimePart(part, time);
}

int64_t ScaledIntervalPart(Part part, const interval_t& v) {
  if (part == Part::kEpoch) return (static_cast<int64_t>(v.months) * 30 + v.days) * 86400 * kMicrosPerSecond + v.micros;
  if (part == Part::kSecond || part == Part::kMillisecond) return v.micros % (60 * kMicrosPerSecond);
  return IntervalPart(part, v);
}

int64_t Truncate(Part part, int64_t micros) {
  Fields f = Split(micros);
  int64_t day_start = static_cast<int64_t>(f.days) * kMicrosPerDay;
  auto at = [](int32_t y, int32_t m, int32_t d) { return static_cast<int64_t>(date_time::DaysFromCivil(y, m, d)) * kMicrosPerDay; };
  switch (part) {
    case Part::kMicrosecond: return micros;
    case Part::kMillisecond: return FloorDiv(micros, 1000) * 1000;
    case Part::kSecond: return FloorDiv(micros, kMicrosPerSecond) * kMicrosPerSecond;
    case Part::kMinute: return FloorDiv(micros, 60 * kMicrosPerSecond) * 60 * kMicrosPerSecond;
    case Part::kHour: return FloorDiv(micros, 3600 * kMicrosPerSecond) * 3600 * kMicrosPerSecond;
    case Part::kDay: case Part::kDow: case Part::kIsoDow: case Part::kDoy: return day_start;
    case Part::kWeek: return day_start - static_cast<int64_t>(IsoDow(f.days) - 1) * kMicrosPerDay;
    case Part::kMonth: return at(f.year, f.month, 1);
    case Part::kQuarter: return at(f.year, (f.month - 1) / 3 * 3 + 1, 1);
    case Part::kYear: return at(f.year, 1, 1);
    case Part::kDecade: return at(static_cast<int32_t>(FloorDiv(f.year, 10) * 10), 1, 1);
    // As PostgreSQL: centuries and millennia start at years ending in 01 / 001 (2001-01-01);
    // BC ones at 100 BC, 1000 BC, ... (astronomical years -99, -999, ...).
    case Part::kCentury:
      return at(f.year > 0 ? (f.year + 99) / 100 * 100 - 99 : -((99 - (f.year - 1)) / 100) * 100 + 1, 1, 1);
    case Part::kMillennium:
      return at(f.year > 0 ? (f.year + 999) / 1000 * 1000 - 999 : -((999 - (f.year - 1)) / 1000) * 1000 + 1, 1, 1);
    case Part::kIsoYear: {
      int32_t iso_year, week;
      IsoWeek(f.days, iso_year, week);
      int32_t jan4 = date_time::DaysFromCivil(iso_year, 1, 4);
      return static_cast<int64_t>(jan4 - (IsoDow(jan4) - 1)) * kMicrosPerDay;
    }
    case Part::kEpoch: return micros;
  }
  return micros;
}

// date_trunc: 22008 when the start of the unit lies before the first timestamp (4714-11-24 BC),
// as PostgreSQL.
int64_t CheckedTruncate(Part part, int64_t micros) {
  // Unit starts are computed in days times kMicrosPerDay: no overflow for any valid timestamp.
  const int64_t result = Truncate(part, micros);
  if (!date_time::IsValidTimestamp(result)) throw Exception(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
  return result;
}

// date_trunc(field, interval) as PostgreSQL's interval_trunc: the fields below `part` become
// zero, each field truncated toward zero (years from months; the time of day by its units).
interval_t TruncateInterval(Part part, const interval_t& v) {
  interval_t r = v;
  auto keep_micros = [&](int64_t unit) { r.micros = v.micros / unit * unit; };
  switch (part) {
    case Part::kMicrosecond: return r;
    case Part::kMillisecond: keep_micros(1000); return r;
    case Part::kSecond: keep_micros(kMicrosPerSecond); return r;
    case Part::kMinute: keep_micros(60 * kMicrosPerSecond); return r;
    case Part::kHour: keep_micros(3600 * kMicrosPerSecond); return r;
    case Part::kDay: r.micros = 0; return r;
    case Part::kMonth: r.micros = 0; r.days = 0; return r;
    case Part::kQuarter: r.micros = 0; r.days = 0; r.months = v.months / 12 * 12 + v.months % 12 / 3 * 3; return r;
    case Part::kYear: r.micros = 0; r.days = 0; r.months = v.months / 12 * 12; return r;
    case Part::kDecade: r.micros = 0; r.days = 0; r.months = v.months / 120 * 120; return r;
    case Part::kCentury: r.micros = 0; r.days = 0; r.months = v.months / 1200 * 1200; return r;
    case Part::kMillennium: r.micros = 0; r.days = 0; r.months = v.months / 12000 * 12000; return r;
    case Part::kWeek:
      throw Exception(sqlstate::kFeatureNotSupported,
                      "unit \"week\" not supported for type interval", std::nullopt,
                      "Months usually have fractional weeks.");
    default:
      throw Exception(sqlstate::kInvalidParameterValue, "unit not supported for type interval");
  }
}

// (part text, value) kernels: the part is parsed once when constant.
template <class IN, class OUT, class F>
ScalarKernel PartKernel(F f) {
  return [f](DataChunk& args, Vector& result) {
    const Vector& part = args.data[0];
    if (part.kind() == VectorKind::CONSTANT) {
      if (!part.validity().RowIsValid(0)) {
        result.SetConstant(Value::Null(result.type()));
        return;
      }
      Part p = ParsePart(part.data<string_t>()[0].view());
      executor::UnaryExecute<IN, OUT>(args.data[1], result, args.size(), [&](const IN& v) { return f(p, v); });
      return;
    }
    executor::BinaryExecute<string_t, IN, OUT>(part, args.data[1], result, args.size(),
                                               [&](const string_t& s, const IN& v) { return f(ParsePart(s.view()), v); });
  };
}

template <class F>
ScalarKernel TimestampUnary(F f) {
  return [f](DataChunk& args, Vector& result) {
    executor::UnaryExecute<int64_t, int64_t>(args.data[0], result, args.size(), f);
  };
}

std::string Strftime(int64_t micros, std::string_view format) {
  static const char* kMonths[] = {"January", "February", "March", "April", "May", "June", "July",
                                  "August", "September", "October", "November", "December"};
  static const char* kDays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  Fields f = Split(micros);
  int64_t seconds = f.time / kMicrosPerSecond;
  int hour = static_cast<int>(seconds / 3600), minute = static_cast<int>(seconds / 60 % 60), second = static_cast<int>(seconds % 60);
  std::string out;
  char buf[32];
  for (size_t i = 0; i < format.size(); i++) {
    if (format[i] != '%' || i + 1 >= format.size()) {
      out.push_back(format[i]);
      continue;
    }
    char spec = format[++i];
    switch (spec) {
      case 'Y': std::snprintf(buf, sizeof(buf), "%04d", f.year); out += buf; break;
      case 'y': std::snprintf(buf, sizeof(buf), "%02d", ((f.year % 100) + 100) % 100); out += buf; break;
      case 'm': std::snprintf(buf, sizeof(buf), "%02d", f.month); out += buf; break;
      case 'd': std::snprintf(buf, sizeof(buf), "%02d", f.day); out += buf; break;
      case 'e': std::snprintf(buf, sizeof(buf), "%2d", f.day); out += buf; break;
      case 'H': std::snprintf(buf, sizeof(buf), "%02d", hour); out += buf; break;
      case 'I': std::snprintf(buf, sizeof(buf), "%02d", hour % 12 == 0 ? 12 : hour % 12); out += buf; break;
      case 'M': std::snprintf(buf, sizeof(buf), "%02d", minute); out += buf; break;
      case 'S': std::snprintf(buf, sizeof(buf), "%02d", second); out += buf; break;
      case 'f': std::snprintf(buf, sizeof(buf), "%06lld", static_cast<long long>(f.time % kMicrosPerSecond)); out += buf; break;
      case 'p': out += hour < 12 ? "AM" : "PM"; break;
      case 'j': std::snprintf(buf, sizeof(buf), "%03d", f.days - date_time::DaysFromCivil(f.year, 1, 1) + 1); out += buf; break;
      case 'B': out += kMonths[f.month - 1]; break;
      case 'b': out.append(kMonths[f.month - 1], 3); break;
      case 'A': out += kDays[IsoDow(f.days) - 1]; break;
      case 'a': out.append(kDays[IsoDow(f.days) - 1], 3); break;
      case 'u': out += std::to_string(IsoDow(f.days)); break;
      case 'w': out += std::to_string(IsoDow(f.days) % 7); break;
      case 'V': {
        int32_t iso_year, week;
        IsoWeek(f.days, iso_year, week);
        std::snprintf(buf, sizeof(buf), "%02d", week);
        out += buf;
        break;
      }
      case 'F': out += date_time::DateToString(f.days); break;
      case 'T': std::snprintf(buf, sizeof(buf), "%02d:%02d:%02d", hour, minute, second); out += buf; break;
      case '%': out.push_back('%'); break;
      default: out.push_back('%'); out.push_back(spec); break;
    }
  }
  return out;
}

int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

void RegisterDateFunctions(FunctionRegistry& r) {
  for (const LogicalType& t : {kTimestamp, kTimestampTz}) {
    r.Add({"date_trunc", {kVarchar, t}, kNone, t, PartKernel<int64_t, int64_t>(CheckedTruncate)});
    r.Add({"datetrunc", {kVarchar, t}, kNone, t, PartKernel<int64_t, int64_t>(CheckedTruncate)});
  }
  r.Add({"date_trunc", {kVarchar, kInterval}, kNone, kInterval, PartKernel<interval_t, interval_t>(TruncateInterval)});
  // date_part: double precision, with the fractions of second, millisecond and epoch.
  auto as_double = [](auto scaled) {
    return [scaled](Part p, const auto& v) {
      static const double kPowers[] = {1.0, 10.0, 100.0, 1000.0, 1e4, 1e5, 1e6};
      return static_cast<double>(scaled(p, v)) / kPowers[PartScale(p)];
    };
  };
  for (const char* name : {"date_part", "datepart"}) {
    r.Add({name, {kVarchar, kTimestamp}, kNone, kDouble, PartKernel<int64_t, double>(as_double(ScaledTimestampPart))});
    r.Add({name, {kVarchar, kTimestampTz}, kNone, kDouble, PartKernel<int64_t, double>(as_double(ScaledTimestampPart))});
    r.Add({name, {kVarchar, kTime}, kNone, kDouble, PartKernel<int64_t, double>(as_double(ScaledTimePart))});
    r.Add({name, {kVarchar, kInterval}, kNone, kDouble, PartKernel<interval_t, double>(as_double(ScaledIntervalPart))});
  }
  // extract: numeric; the binder picks the variant whose scale the field has (ExtractResultScale).
  for (int scale : {0, 3, 6}) {
    const std::string name = "__extract_scale" + std::to_string(scale);
    const LogicalType type = LogicalType::Decimal(18, static_cast<uint8_t>(scale));
    r.Add({name, {kVarchar, kTimestamp}, kNone, type, PartKernel<int64_t, int64_t>(ScaledTimestampPart)});
    r.Add({name, {kVarchar, kTimestampTz}, kNone, type, PartKernel<int64_t, int64_t>(ScaledTimestampPart)});
    r.Add({name, {kVarchar, kTime}, kNone, type, PartKernel<int64_t, int64_t>(ScaledTimePart)});
    r.Add({name, {kVarchar, kInterval}, kNone, type, PartKernel<interval_t, int64_t>(ScaledIntervalPart)});
  }
  struct Shorthand { const char* name; Part part; };
  static constexpr Shorthand kShorthands[] = {
      {"year", Part::kYear}, {"month", Part::kMonth}, {"day", Part::kDay}, {"dayofmonth", Part::kDay},
      {"hour", Part::kHour}, {"minute", Part::kMinute}, {"second", Part::kSecond}, {"millisecond", Part::kMillisecond},
      {"microsecond", Part::kMicrosecond}, {"quarter", Part::kQuarter}, {"week", Part::kWeek},
      {"weekofyear", Part::kWeek}, {"dayofweek", Part::kDow}, {"isodow", Part::kIsoDow}, {"dayofyear", Part::kDoy},
      {"decade", Part::kDecade}, {"century", Part::kCentury}, {"millennium", Part::kMillennium},
      {"isoyear", Part::kIsoYear},
  };
  for (const auto& s : kShorthands) {
    Part part = s.part;
    for (const LogicalType& t : {kTimestamp, kTimestampTz}) {
      r.Add({s.name, {t}, kNone, kBigint, [part](DataChunk& args, Vector& result) {
               executor::UnaryExecute<int64_t, int64_t>(args.data[0], result, args.size(), [&](int64_t v) { return TimestampPart(part, v); });
             }});
    }
  }
  for (const LogicalType& t : {kTimestamp, kTimestampTz}) {
    r.Add({"epoch", {t}, kNone, kDouble, [](DataChunk& args, Vector& result) {
             executor::UnaryExecute<int64_t, double>(args.data[0], result, args.size(),
                                                     [](int64_t v) { return static_cast<double>(v) / kMicrosPerSecond; });
           }});
    r.Add({"epoch_ms", {t}, kNone, kBigint, TimestampUnary([](int64_t v) { return FloorDiv(v, 1000); })});
    r.Add({"epoch_us", {t}, kNone, kBigint, TimestampUnary([](int64_t v) { return v; })});
    r.Add({"strftime", {t, kVarchar}, kNone, kVarchar, [](DataChunk& args, Vector& result) {
             executor::BinaryExecute<int64_t, string_t, string_t>(args.data[0], args.data[1], result, args.size(),
                                                                  [&](int64_t v, const string_t& fmt) {
                                                                    return executor::MakeResultString(result, Strftime(v, fmt.view()));
                                                                  });
           }});
  }
  r.Add({"epoch_ms", {kBigint}, kNone, kTimestamp, [](DataChunk& args, Vector& result) {
           executor::UnaryExecute<int64_t, int64_t>(args.data[0], result, args.size(), [](int64_t ms) {
             int64_t out;
             if (__builtin_mul_overflow(ms, int64_t(1000), &out)) throw Exception(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
             return out;
           });
         }});
  // make_date/make_time/make_timestamp as PostgreSQL's (integer fields taken as BIGINT so that
  // sniffed CSV columns fit; values outside int32 are out of range anyway).
  r.Add({"make_date", {kBigint, kBigint, kBigint}, kNone, kDate, [](DataChunk& args, Vector& result) {
           executor::NaryExecute<int32_t>(args.data, args.size(), result, true, [](const std::vector<UnifiedFormat>& f, idx_t i, int32_t& out) {
             out = date_time::MakeDate(executor::UnifiedValue<int64_t>(f[0], i), executor::UnifiedValue<int64_t>(f[1], i),
                                       executor::UnifiedValue<int64_t>(f[2], i));
             return true;
           });
         }});
  r.Add({"make_time", {kBigint, kBigint, kDouble}, kNone, kTime, [](DataChunk& args, Vector& result) {
           executor::NaryExecute<int64_t>(args.data, args.size(), result, true, [](const std::vector<UnifiedFormat>& f, idx_t i, int64_t& out) {
             out = date_time::MakeTime(executor::UnifiedValue<int64_t>(f[0], i), executor::UnifiedValue<int64_t>(f[1], i),
                                       executor::UnifiedValue<double>(f[2], i));
             return true;
           });
         }});
  r.Add({"make_timestamp", {kBigint, kBigint, kBigint, kBigint, kBigint, kDouble}, kNone, kTimestamp,
         [](DataChunk& args, Vector& result) {
           executor::NaryExecute<int64_t>(args.data, args.size(), result, true, [](const std::vector<UnifiedFormat>& f, idx_t i, int64_t& out) {
             out = date_time::MakeTimestamp(
                 executor::UnifiedValue<int64_t>(f[0], i), executor::UnifiedValue<int64_t>(f[1], i),
                 executor::UnifiedValue<int64_t>(f[2], i), executor::UnifiedValue<int64_t>(f[3], i),
                 executor::UnifiedValue<int64_t>(f[4], i), executor::UnifiedValue<double>(f[5], i));
             return true;
           });
         }});
  r.Add({"last_day", {kTimestamp}, kNone, kDate, [](DataChunk& args, Vector& result) {
           executor::UnaryExecute<int64_t, int32_t>(args.data[0], result, args.size(), [](int64_t v) {
             Fields f = Split(v);
             int32_t y = f.month == 12 ? f.year + 1 : f.year, m = f.month == 12 ? 1 : f.month + 1;
             return date_time::DaysFromCivil(y, m, 1) - 1;
           });
         }});
  for (const char* name : {"now", "current_timestamp", "get_current_timestamp", "transaction_timestamp"}) {
    ScalarFunction now{name, {}, kNone, kTimestampTz, [](DataChunk&, Vector& result) { result.SetConstant(Value::TimestampTz(NowMicros())); }};
    now.is_volatile = true;
    r.Add(now);
  }
  for (const char* name : {"current_date", "today"}) {
    ScalarFunction today{name, {}, kNone, kDate, [](DataChunk&, Vector& result) {
                           result.SetConstant(Value::Date(static_cast<int32_t>(FloorDiv(NowMicros(), kMicrosPerDay))));
                         }};
    today.is_volatile = true;
    r.Add(today);
  }
}

}  // namespace cairn::function

namespace cairn {

int ExtractResultScale(std::string_view field) { return function::PartScale(function::ParsePart(field)); }

}  // namespace cairn
