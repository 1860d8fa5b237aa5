// to_date(text, template) and to_timestamp(text, template): PostgreSQL 15's template parsing
// (the "Template Patterns for Date/Time Formatting" of manual 9.8, read in the input direction).
//
// Patterns read: YYYY YYY YY Y (YY/YYY/Y near 2000 as PostgreSQL: YY 70–99 → 19xx, else 20xx),
// MM, DD, DDD (day of year), HH HH12 HH24, MI, SS, MS and US (fractions: "5" is 500 ms / 500000
// µs), AM PM A.M. P.M. (any case), MONTH/Month/month and MON (month names, any case), DAY and DY
// (day names, checked and ignored), TZH and TZM (to_timestamp: the zone offset), the FM prefix
// (ignored when reading), "quoted text" (skips as many input characters). A numeric field reads
// up to its width when the next pattern is numeric too (YYYYMMDD), else every digit there is.
// Spaces in the template skip any spaces in the input; another non-pattern template character
// matches one separator (a non-letter, non-digit) in the input or nothing. Leading spaces before
// a field are skipped. Missing fields default to 1 BC (PostgreSQL's year 0), January, day 1,
// midnight.
// Errors (PostgreSQL's): a field that is not a number or name 22007 ("invalid value ... for
// \"MM\""), a value out of range 22008, a 12-hour clock hour past 12 22007. FX mode is 0A000.
#include <cctype>
#include <optional>
#include <string>
#include <string_view>

#include "cairn/exception.h"
#include "common/date_time.h"
#include "function/function_registry.h"
#include "function/vector_executor.h"

namespace cairn::function {
namespace {

const LogicalType kVarchar = TypeId::VARCHAR;
const LogicalType kNone = TypeId::INVALID;

const char* const kMonths[] = {"january", "february", "march",     "april",   "may",      "june",
                               "july",    "august",   "september", "october", "november", "december"};
const char* const kDays[] = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};

enum class Field { kYear4, kYear3, kYear2, kYear1, kMonth, kDay, kDayOfYear, kHour12, kHour24, kMinute, kSecond,
                   kMillis, kMicros, kMeridiem, kMeridiemDots, kMonthName, kMonthAbbrev, kDayName, kDayAbbrev,
                   kTzHour, kTzMinute };

struct Pattern {
  const char* name;
  Field field;
  int width;  // digits of a numeric field (0: not numeric)
};

// Longest first where one name is a prefix of another.
const Pattern kPatterns[] = {
    {"A.M.", Field::kMeridiemDots, 0}, {"P.M.", Field::kMeridiemDots, 0}, {"AM", Field::kMeridiem, 0},
    {"PM", Field::kMeridiem, 0},       {"DAY", Field::kDayName, 0},       {"DDD", Field::kDayOfYear, 3},
    {"DD", Field::kDay, 2},            {"DY", Field::kDayAbbrev, 0},      {"HH24", Field::kHour24, 2},
    {"HH12", Field::kHour12, 2},       {"HH", Field::kHour12, 2},         {"MI", Field::kMinute, 2},
    {"MM", Field::kMonth, 2},          {"MONTH", Field::kMonthName, 0},   {"MON", Field::kMonthAbbrev, 0},
    {"MS", Field::kMillis, 3},         {"SS", Field::kSecond, 2},         {"TZH", Field::kTzHour, 2},
    {"TZM", Field::kTzMinute, 2},      {"US", Field::kMicros, 6},         {"YYYY", Field::kYear4, 4},
    {"YYY", Field::kYear3, 3},         {"YY", Field::kYear2, 2},          {"Y", Field::kYear1, 1},
};

const Pattern* PatternAt(std::string_view fmt, size_t pos) {
  for (const Pattern& pattern : kPatterns) {
    std::string_view name = pattern.name;
    if (pos + name.size() > fmt.size()) continue;
    bool match = true;
    for (size_t i = 0; i < name.size() && match; i++) match = std::toupper(static_cast<unsigned char>(fmt[pos + i])) == name[i];
    if (match) return &pattern;
  }
  return nullptr;
}

bool IsSeparator(char c) { return !std::isalnum(static_cast<unsigned char>(c)) && !std::isspace(static_cast<unsigned char>(c)); }

struct Parsed {
  int64_t year = -1;  // no year given: 1 BC, PostgreSQL's year 0
  bool year_set = false;
  int64_t month = 1, day = 1, day_of_year = 0, hour = 0, minute = 0, second = 0, micros = 0;
  std::optional<bool> pm;
  bool hour12 = false;
  int64_t tz_hour = 0, tz_minute = 0;
  bool tz_negative = false;
};

[[noreturn]] void InvalidValue(std::string_view input, size_t pos, const char* pattern) {
  size_t end = pos;
  while (end < input.size() && !std::isspace(static_cast<unsigned char>(input[end])) && end - pos < 16) end++;
  throw Exception(sqlstate::kInvalidDatetimeFormat, "invalid value \"" + std::string(input.substr(pos, end - pos)) +
                                                        "\" for \"" + pattern + "\"");
}

/// Reads a case-insensitive name from `names` at `pos` (`prefix`: only the first 3 letters).
int ReadName(std::string_view input, size_t& pos, const char* const* names, int count, bool prefix, const char* pattern) {
  for (int i = 0; i < count; i++) {
    std::string_view name = names[i];
    if (prefix) name = name.substr(0, 3);
    if (pos + name.size() > input.size()) continue;
    bool match = true;
    for (size_t k = 0; k < name.size() && match; k++) match = std::tolower(static_cast<unsigned char>(input[pos + k])) == name[k];
    if (match) {
      pos += name.size();
      return i;
    }
  }
  InvalidValue(input, pos, pattern);
}

Parsed ParseTemplate(std::string_view input, std::string_view fmt) {
  Parsed p;
  size_t in = 0;
  size_t f = 0;
  auto skip_spaces = [&] {
    while (in < input.size() && std::isspace(static_cast<unsigned char>(input[in]))) in++;
  };
  while (f < fmt.size()) {
    if ((fmt[f] == 'F' || fmt[f] == 'f') && f + 1 < fmt.size() && (fmt[f + 1] == 'M' || fmt[f + 1] == 'm')) {
      f += 2;  // FM: fill mode only changes output
      continue;
    }
    if ((fmt[f] == 'F' || fmt[f] == 'f') && f + 1 < fmt.size() && (fmt[f + 1] == 'X' || fmt[f + 1] == 'x')) {
      throw Exception(sqlstate::kFeatureNotSupported, "the FX template modifier is not supported");
    }
    if (fmt[f] == '"') {
      // Quoted text: skips as many input characters.
      f++;
      while (f < fmt.size() && fmt[f] != '"') {
        if (fmt[f] == '\\' && f + 1 < fmt.size()) f++;
        f++;
        if (in < input.size()) in++;
      }
      if (f < fmt.size()) f++;
      continue;
    }
    const Pattern* pattern = PatternAt(fmt, f);
    if (!pattern) {
      if (std::isspace(static_cast<unsigned char>(fmt[f]))) {
        skip_spaces();
      } else if (IsSeparator(fmt[f])) {
        skip_spaces();
        if (in < input.size() && IsSeparator(input[in])) in++;  // matches one separator, or none
      } else if (in < input.size()) {
        in++;  // other template text skips one character
      }
      f++;
      continue;
    }
    f += std::string_view(pattern->name).size();
    skip_spaces();
    if (pattern->width > 0) {
      // A numeric field: up to its width when a numeric pattern follows directly, else all digits.
      size_t next = f;
      if (next + 1 < fmt.size() && (fmt[next] == 'F' || fmt[next] == 'f') && (fmt[next + 1] == 'M' || fmt[next + 1] == 'm')) next += 2;
      const Pattern* following = next < fmt.size() ? PatternAt(fmt, next) : nullptr;
      const bool fixed = following && following->width > 0;
      bool negative = false;
      if ((pattern->field == Field::kTzHour || pattern->field == Field::kYear4) && in < input.size() &&
          (input[in] == '-' || input[in] == '+')) {
        negative = input[in] == '-';
        in++;
      }
      size_t start = in;
      int64_t value = 0;
      while (in < input.size() && std::isdigit(static_cast<unsigned char>(input[in])) &&
             (!fixed || static_cast<int>(in - start) < pattern->width) && in - start < 9) {
        value = value * 10 + (input[in] - '0');
        in++;
      }
      const int digits = static_cast<int>(in - start);
      if (digits == 0) InvalidValue(input, start, pattern->name);
      if (negative) value = -value;
      switch (pattern->field) {
        case Field::kYear4: p.year = value; p.year_set = true; break;
        case Field::kYear3: p.year = digits <= 3 ? 2000 + value : value; p.year_set = true; break;
        case Field::kYear2: p.year = digits <= 2 ? (value < 70 ? 2000 + value : 1900 + value) : value; p.year_set = true; break;
        case Field::kYear1: p.year = digits == 1 ? 2000 + value : value; p.year_set = true; break;
        case Field::kMonth: p.month = value; break;
        case Field::kDay: p.day = value; break;
        case Field::kDayOfYear: p.day_of_year = value; break;
        case Field::kHour12: p.hour = value; p.hour12 = true; break;
        case Field::kHour24: p.hour = value; break;
        case Field::kMinute: p.minute = value; break;
        case Field::kSecond: p.second = value; break;
        case Field::kMillis: {
          int64_t scaled = value;
          for (int d = digits; d < 3; d++) scaled *= 10;
          p.micros += scaled * 1000;
          break;
        }
        case Field::kMicros: {
          int64_t scaled = value;
          for (int d = digits; d < 6; d++) scaled *= 10;
          p.micros += scaled;
          break;
        }
        case Field::kTzHour: p.tz_hour = value < 0 ? -value : value; p.tz_negative = negative; break;
        case Field::kTzMinute: p.tz_minute = value; break;
        default: break;
      }
      continue;
    }
    switch (pattern->field) {
      case Field::kMeridiem:
      case Field::kMeridiemDots: {
        const bool dots = pattern->field == Field::kMeridiemDots;
        const size_t length = dots ? 4 : 2;
        std::string word;
        for (size_t k = 0; k < length && in + k < input.size(); k++) word += static_cast<char>(std::toupper(static_cast<unsigned char>(input[in + k])));
        if (word == (dots ? "A.M." : "AM")) {
          p.pm = false;
        } else if (word == (dots ? "P.M." : "PM")) {
          p.pm = true;
        } else {
          InvalidValue(input, in, pattern->name);
        }
        in += length;
        break;
      }
      case Field::kMonthName: p.month = ReadName(input, in, kMonths, 12, false, "MONTH") + 1; break;
      case Field::kMonthAbbrev: p.month = ReadName(input, in, kMonths, 12, true, "MON") + 1; break;
      case Field::kDayName: ReadName(input, in, kDays, 7, false, "DAY"); break;
      case Field::kDayAbbrev: ReadName(input, in, kDays, 7, true, "DY"); break;
      default: break;
    }
  }
  if (p.hour12) {
    if (p.hour < 1 || p.hour > 12) {
      throw Exception(sqlstate::kInvalidDatetimeFormat,
                      "hour \"" + std::to_string(p.hour) + "\" is invalid for the 12-hour clock",
                      std::nullopt, "Use the 24-hour clock, or give an hour between 1 and 12.");
    }
    if (p.pm.has_value()) p.hour = (p.hour % 12) + (*p.pm ? 12 : 0);
  } else if (p.pm.has_value()) {
    if (p.hour < 1 || p.hour > 12) {
      throw Exception(sqlstate::kInvalidDatetimeFormat,
                      "hour \"" + std::to_string(p.hour) + "\" is invalid for the 12-hour clock");
    }
    p.hour = (p.hour % 12) + (*p.pm ? 12 : 0);
  }
  return p;
}

/// The date the parsed fields name (a day of year replaces month and day). Throws 22008.
int32_t ParsedDate(const Parsed& p, std::string_view input) {
  auto out_of_range = [&] {
    throw Exception(sqlstate::kDatetimeFieldOverflow,
                    "date/time field value out of range: \"" + std::string(input) + "\"");
  };
  if (p.month < 1 || p.month > 12 || p.day < 1 || p.day > 31 || p.year == 0) out_of_range();
  if (p.day_of_year > 0) {
    const int32_t first = date_time::MakeDate(p.year, 1, 1);
    const int32_t last = date_time::MakeDate(p.year, 12, 31);
    if (p.day_of_year > last - first + 1) out_of_range();
    return first + static_cast<int32_t>(p.day_of_year - 1);
  }
  try {
    return date_time::MakeDate(p.year, p.month, p.day);
  } catch (const Exception&) {
    out_of_range();
  }
  return 0;  // not reached: out_of_range throws
}

int64_t ParsedTimestamp(const Parsed& p, std::string_view input) {
  const int32_t date = ParsedDate(p, input);
  if (p.hour > 24 || p.minute > 59 || p.second > 60 || (p.hour == 24 && (p.minute > 0 || p.second > 0 || p.micros > 0))) {
    throw Exception(sqlstate::kDatetimeFieldOverflow, "date/time field value out of range: \"" + std::string(input) + "\"");
  }
  int64_t micros = static_cast<int64_t>(date) * date_time::kMicrosPerDay +
                   ((p.hour * 60 + p.minute) * 60 + p.second) * date_time::kMicrosPerSecond + p.micros;
  const int64_t offset = (p.tz_hour * 60 + p.tz_minute) * 60 * date_time::kMicrosPerSecond;
  micros += p.tz_negative ? offset : -offset;  // the input's local time → UTC
  return micros;
}

}  // namespace

void RegisterDateTimeParseFunctions(FunctionRegistry& r) {
  r.Add({"to_date", {kVarchar, kVarchar}, kNone, LogicalType(TypeId::DATE), [](DataChunk& args, Vector& result) {
           executor::BinaryExecute<string_t, string_t, int32_t>(args.data[0], args.data[1], result, args.size(),
                                                                [](const string_t& text, const string_t& fmt) {
                                                                  Parsed p = ParseTemplate(text.view(), fmt.view());
                                                                  return ParsedDate(p, text.view());
                                                                });
         }});
  r.Add({"to_timestamp", {kVarchar, kVarchar}, kNone, LogicalType(TypeId::TIMESTAMP_TZ), [](DataChunk& args, Vector& result) {
           executor::BinaryExecute<string_t, string_t, int64_t>(args.data[0], args.data[1], result, args.size(),
                                                                [](const string_t& text, const string_t& fmt) {
                                                                  Parsed p = ParseTemplate(text.view(), fmt.view());
                                                                  return ParsedTimestamp(p, text.view());
                                                                });
         }});
}

}  // namespace cairn::function
