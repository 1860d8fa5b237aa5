#include "formats/strptime_format.h"

#include <fmt/format.h>

#include "cairn/exception.h"
#include "common/date_time.h"

namespace cairn {
namespace {

constexpr std::string_view kMonthNames[12] = {"january", "february", "march",     "april",   "may",      "june",
                                              "july",    "august",   "september", "october", "november", "december"};
constexpr std::string_view kWeekdayNames[7] = {"sunday",   "monday", "tuesday", "wednesday",
                                               "thursday", "friday", "saturday"};

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

/// Reads min..max digits at p (advancing it) into `value`.
bool ReadNumber(const char*& p, const char* e, int min_digits, int max_digits, int64_t& value, int& digits) {
  value = 0;
  digits = 0;
  while (p < e && digits < max_digits && *p >= '0' && *p <= '9') {
    value = value * 10 + (*p - '0');
    p++;
    digits++;
  }
  return digits >= min_digits;
}

/// Case-insensitive match of `word` (or its first `length` letters) at p.
bool MatchWord(const char*& p, const char* e, std::string_view word, size_t length) {
  if (static_cast<size_t>(e - p) < length) return false;
  for (size_t i = 0; i < length; i++) {
    if (LowerAscii(p[i]) != word[i]) return false;
  }
  p += length;
  return true;
}

int DaysInMonth(int64_t year, int64_t month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace

struct StrpTimeFormat::Fields {
  int64_t year = 1900;
  int64_t month = 1;
  int64_t day = 1;
  int64_t hour = 0;
  int64_t minute = 0;
  int64_t second = 0;
  int64_t micros = 0;
  int pm = -1;  // -1 no %p, 0 AM, 1 PM
};

StrpTimeFormat::StrpTimeFormat(std::string spec) : spec_(std::move(spec)) {
  for (size_t i = 0; i < spec_.size(); i++) {
    char c = spec_[i];
    if (c != '%') {
      if (IsBlank(c)) {
        if (steps_.empty() || steps_.back().op != Op::kBlanks) steps_.push_back({Op::kBlanks, ' '});
      } else {
        steps_.push_back({Op::kLiteral, c});
      }
      continue;
    }
    if (i + 1 < spec_.size() && spec_[i + 1] == '-') i++;  // %-d: no padding, same parse
    if (i + 1 >= spec_.size()) {
      throw Exception(sqlstate::kInvalidParameterValue,
                      fmt::format("invalid date/time format \"{}\": it ends with '%'", spec_));
    }
    char s = spec_[++i];
    Op op;
    switch (s) {
      case '%': steps_.push_back({Op::kLiteral, '%'}); continue;
      case 'Y': op = Op::kYear; break;
      case 'y': op = Op::kYear2; break;
      case 'm': op = Op::kMonth; break;
      case 'd':
      case 'e': op = Op::kDay; break;
      case 'H': op = Op::kHour24; break;
      case 'I': op = Op::kHour12; break;
      case 'M': op = Op::kMinute; break;
      case 'S': op = Op::kSecond; break;
      case 'g': op = Op::kMillis; break;
      case 'f': op = Op::kMicros; break;
      case 'n': op = Op::kNanos; break;
      case 'p': op = Op::kAmPm; break;
      case 'b':
      case 'h': op = Op::kMonthAbbrev; break;
      case 'B': op = Op::kMonthName; break;
      case 'a': op = Op::kWeekdayAbbrev; break;
      case 'A': op = Op::kWeekdayName; break;
      default:
        throw Exception(sqlstate::kInvalidParameterValue,
                        fmt::format("invalid date/time format \"{}\": unsupported specifier %{}", spec_, s));
    }
    steps_.push_back({op, 0});
  }
}

bool StrpTimeFormat::Parse(std::string_view text, Fields& f, bool strict) const {
  const char* p = text.data();
  const char* e = p + text.size();
  while (p < e && IsBlank(*p)) p++;
  while (e > p && IsBlank(e[-1])) e--;
  int64_t v;
  int digits;
  for (const Step& step : steps_) {
    switch (step.op) {
      case Op::kLiteral:
        if (p == e || *p != step.literal) return false;
        p++;
        break;
      case Op::kBlanks:
        if (p == e || !IsBlank(*p)) return false;
        while (p < e && IsBlank(*p)) p++;
        break;
      case Op::kYear:
        if (!ReadNumber(p, e, strict ? 2 : 1, 4, f.year, digits)) return false;
        break;
      case Op::kYear2:
        if (!ReadNumber(p, e, strict ? 2 : 1, 2, v, digits)) return false;
        f.year = v < 70 ? 2000 + v : 1900 + v;
        break;
      case Op::kMonth:
        if (!ReadNumber(p, e, 1, 2, f.month, digits) || f.month < 1 || f.month > 12) return false;
        break;
      case Op::kDay:
        if (!ReadNumber(p, e, 1, 2, f.day, digits) || f.day < 1 || f.day > 31) return false;
        break;
      case Op::kHour24:
        if (!ReadNumber(p, e, 1, 2, f.hour, digits) || f.hour > 23) return false;
        break;
      case Op::kHour12:
        if (!ReadNumber(p, e, 1, 2, f.hour, digits) || f.hour < 1 || f.hour > 12) return false;
        break;
      case Op::kMinute:
        if (!ReadNumber(p, e, 1, 2, f.minute, digits) || f.minute > 59) return false;
        break;
      case Op::kSecond:
        if (!ReadNumber(p, e, 1, 2, f.second, digits) || f.second > 59) return false;
        break;
      case Op::kMillis:
      case Op::kMicros:
      case Op::kNanos: {
        const int max = step.op == Op::kMillis ? 3 : step.op == Op::kMicros ? 6 : 9;
        if (!ReadNumber(p, e, 1, max, v, digits)) return false;
        for (; digits < 9; digits++) v *= 10;  // nanoseconds
        f.micros = v / 1000;
        break;
      }
      case Op::kAmPm:
        if (e - p < 2 || LowerAscii(p[1]) != 'm') return false;
        if (LowerAscii(p[0]) == 'a') {
          f.pm = 0;
        } else if (LowerAscii(p[0]) == 'p') {
          f.pm = 1;
        } else {
          return false;
        }
        p += 2;
        break;
      case Op::kMonthAbbrev:
      case Op::kMonthName: {
        bool found = false;
        for (int m = 0; m < 12 && !found; m++) {
          size_t length = step.op == Op::kMonthAbbrev ? 3 : kMonthNames[m].size();
          if (MatchWord(p, e, kMonthNames[m], length)) {
            f.month = m + 1;
            found = true;
          }
        }
        if (!found) return false;
        break;
      }
      case Op::kWeekdayAbbrev:
      case Op::kWeekdayName: {
        bool found = false;
        for (int d = 0; d < 7 && !found; d++) {
          size_t length = step.op == Op::kWeekdayAbbrev ? 3 : kWeekdayNames[d].size();
          found = MatchWord(p, e, kWeekdayNames[d], length);
        }
        if (!found) return false;
        break;
      }
    }
  }
  if (p != e) return false;
  if (f.day > DaysInMonth(f.year, f.month)) return false;
  if (f.pm >= 0) {  // 12 AM is 00:xx, 12 PM is 12:xx
    if (f.hour > 12) return false;
    f.hour = f.hour % 12 + (f.pm == 1 ? 12 : 0);
  }
  return true;
}

bool StrpTimeFormat::ParseDate(std::string_view text, int32_t& days, bool strict) const {
  Fields f;
  if (!Parse(text, f, strict)) return false;
  days = date_time::DaysFromCivil(static_cast<int32_t>(f.year), static_cast<int32_t>(f.month),
                                  static_cast<int32_t>(f.day));
  return true;
}

bool StrpTimeFormat::ParseTimestamp(std::string_view text, int64_t& micros, bool strict) const {
  Fields f;
  if (!Parse(text, f, strict)) return false;
  int64_t days = date_time::DaysFromCivil(static_cast<int32_t>(f.year), static_cast<int32_t>(f.month),
                                          static_cast<int32_t>(f.day));
  micros = days * date_time::kMicrosPerDay + ((f.hour * 60 + f.minute) * 60 + f.second) * date_time::kMicrosPerSecond +
           f.micros;
  return true;
}

}  // namespace cairn
