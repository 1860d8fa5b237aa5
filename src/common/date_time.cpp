#include "common/ascii.h"
#include "common/date_time.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>

namespace cairn::date_time {
namespace {

bool IsLeapYear(int32_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int32_t DaysInMonth(int32_t year, int32_t month) {
  static constexpr int8_t kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
  return q;
}

// Reads 1..max_digits decimal digits at text[pos]; returns false if there are none.
bool ReadNumber(std::string_view text, size_t& pos, int max_digits, int64_t& out) {
  size_t start = pos;
  int64_t value = 0;
  while (pos < text.size() && pos - start < static_cast<size_t>(max_digits) && text[pos] >= '0' && text[pos] <= '9') {
    value = value * 10 + (text[pos] - '0');
    pos++;
  }
  if (pos == start) return false;
  out = value;
  return true;
}

// Parses "YYYY-MM-DD" at text[pos..]; advances pos past it.
bool ParseDatePart(std::string_view text, size_t& pos, int32_t& days) {
  bool negative = false;
  if (pos < text.size() && text[pos] == '-') {
    negative = true;
    pos++;
  }
  int64_t year, month, day;
  if (!ReadNumber(text, pos, 7, year)) return false;
  if (pos >= text.size() || (text[pos] != '-' && text[pos] != '/')) return false;
  char sep = text[pos++];
  if (!ReadNumber(text, pos, 2, month)) return false;
  if (pos >= text.size() || text[pos] != sep) return false;
  pos++;
  if (!ReadNumber(text, pos, 2, day)) return false;
  if (negative) year = -year;
  // Optional " BC" / " AD" era suffix (PostgreSQL).
  size_t look = pos;
  while (look < text.size() && text[look] == ' ') look++;
  if (look + 2 <= text.size()) {
    std::string_view era = text.substr(look, 2);
    bool end_ok = look + 2 == text.size() || !std::isalpha(static_cast<unsigned char>(text[look + 2]));
    if (end_ok && (era == "BC" || era == "bc")) {
      if (year <= 0) return false;
      year = 1 - year;
      pos = look + 2;
    } else if (end_ok && (era == "AD" || era == "ad")) {
      pos = look + 2;
    }
  }
  if (year > 5000000 || year < -5000000) return false;  // keeps day numbers within int32
  if (month < 1 || month > 12 || day < 1) return false;
  if (day > DaysInMonth(static_cast<int32_t>(year), static_cast<int32_t>(month))) return false;
  days = DaysFromCivil(static_cast<int32_t>(year), static_cast<int32_t>(month), static_cast<int32_t>(day));
  return true;
}

// Parses "HH:MM[:SS[.ffffff]]" at text[pos..]; advances pos past it.
bool ParseTimePart(std::string_view text, size_t& pos, int64_t& micros) {
  int64_t hour, minute, second = 0, fraction = 0;
  if (!ReadNumber(text, pos, 2, hour)) return false;
  if (pos >= text.size() || text[pos] != ':') return false;
  pos++;
  if (!ReadNumber(text, pos, 2, minute)) return false;
  if (pos < text.size() && text[pos] == ':') {
    pos++;
    if (!ReadNumber(text, pos, 2, second)) return false;
    if (pos < text.size() && text[pos] == '.') {
      pos++;
      size_t start = pos;
      int64_t scale = 100000;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        if (pos - start < 6) {
          fraction += (text[pos] - '0') * scale;
          scale /= 10;
        } else if (pos - start == 6 && text[pos] >= '5') {
          fraction += 1;  // round the 7th digit
        }
        pos++;
      }
      if (pos == start) return false;
    }
  }
  if (minute > 59 || second > 60) return false;
  if (hour > 24 || (hour == 24 && (minute != 0 || second != 0 || fraction != 0))) return false;
  micros = ((hour * 60 + minute) * 60 + second) * kMicrosPerSecond + fraction;
  return true;
}

// Parses a zone offset ("Z", "UTC", "+HH", "+HH:MM", "+HHMM") at text[pos..]; returns the
// offset in microseconds to subtract to get UTC.
bool ParseZone(std::string_view text, size_t& pos, int64_t& offset) {
  offset = 0;
  if (pos >= text.size()) return true;
  char c = text[pos];
  if (c == 'Z' || c == 'z') {
    pos++;
    return true;
  }
  if (text.substr(pos) == "UTC" || text.substr(pos) == "utc" || text.substr(pos) == "GMT") {
    pos = text.size();
    return true;
  }
  if (c != '+' && c != '-') return false;
  pos++;
  int64_t hours = 0, minutes = 0;
  size_t start = pos;
  if (!ReadNumber(text, pos, 2, hours)) return false;
  if (pos < text.size() && text[pos] == ':') {
    pos++;
    if (!ReadNumber(text, pos, 2, minutes)) return false;
  } else if (pos - start == 2 && pos < text.size()) {
    if (!ReadNumber(text, pos, 2, minutes)) return false;
  }
  if (hours > 15 || minutes > 59) return false;
  offset = (hours * 60 + minutes) * 60 * kMicrosPerSecond;
  if (c == '-') offset = -offset;
  return true;
}

void AppendTwo(std::string& out, int64_t v) {
  out.push_back(static_cast<char>('0' + v / 10));
  out.push_back(static_cast<char>('0' + v % 10));
}

// Appends "HH:MM:SS[.ffffff]" for a non-negative time of day (hours may exceed 24).
void AppendClock(std::string& out, int64_t micros) {
  int64_t seconds = micros / kMicrosPerSecond;
  int64_t fraction = micros % kMicrosPerSecond;
  int64_t hours = seconds / 3600;
  if (hours < 10) out.push_back('0');
  out.append(std::to_string(hours));
  out.push_back(':');
  AppendTwo(out, (seconds / 60) % 60);
  out.push_back(':');
  AppendTwo(out, seconds % 60);
  if (fraction != 0) {
    char digits[8];
    std::snprintf(digits, sizeof(digits), "%06lld", static_cast<long long>(fraction));
    int len = 6;
    while (len > 0 && digits[len - 1] == '0') len--;
    out.push_back('.');
    out.append(digits, static_cast<size_t>(len));
  }
}

}  // namespace

int32_t DaysFromCivil(int32_t year, int32_t month, int32_t day) {
  // H. Hinnant, "chrono-Compatible Low-Level Date Algorithms", days_from_civil.
  int64_t y = static_cast<int64_t>(year) - (month <= 2 ? 1 : 0);
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t mp = (month + 9) % 12;
  int64_t doy = (153 * mp + 2) / 5 + day - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<int32_t>(era * 146097 + doe - 719468);
}

void CivilFromDays(int32_t days, int32_t& year, int32_t& month, int32_t& day) {
  int64_t z = static_cast<int64_t>(days) + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  day = static_cast<int32_t>(doy - (153 * mp + 2) / 5 + 1);
  month = static_cast<int32_t>(mp < 10 ? mp + 3 : mp - 9);
  year = static_cast<int32_t>(y + (month <= 2 ? 1 : 0));
}

std::string DateToString(int32_t days) {
  int32_t year, month, day;
  CivilFromDays(days, year, month, day);
  bool bc = year <= 0;
  int64_t shown = bc ? 1 - static_cast<int64_t>(year) : year;
  std::string out;
  std::string y = std::to_string(shown);
  if (y.size() < 4) out.append(4 - y.size(), '0');
  out.append(y);
  out.push_back('-');
  AppendTwo(out, month);
  out.push_back('-');
  AppendTwo(out, day);
  if (bc) out.append(" BC");
  return out;
}

std::string TimeToString(int64_t micros) {
  std::string out;
  AppendClock(out, micros < 0 ? 0 : micros);
  return out;
}

std::string TimestampToString(int64_t micros) {
  int64_t days = FloorDiv(micros, kMicrosPerDay);
  // Not micros - days * kMicrosPerDay: near INT64_MIN that product overflows.
  int64_t time = micros % kMicrosPerDay;
  if (time < 0) time += kMicrosPerDay;
  int32_t year, month, day;
  CivilFromDays(static_cast<int32_t>(days), year, month, day);
  bool bc = year <= 0;
  std::string date = DateToString(static_cast<int32_t>(days));
  if (bc) date.resize(date.size() - 3);
  std::string out = date;
  out.push_back(' ');
  AppendClock(out, time);
  if (bc) out.append(" BC");
  return out;
}

std::string TimestampTzToString(int64_t micros) {
  std::string out = TimestampToString(micros);
  size_t bc = out.find(" BC");
  if (bc != std::string::npos) {
    out.insert(bc, "+00");
  } else {
    out.append("+00");
  }
  return out;
}

std::string IntervalToString(const interval_t& interval) {
  std::string out;
  auto append_part = [&](int64_t value, const char* singular, const char* plural) {
    if (value == 0) return;
    if (!out.empty()) out.push_back(' ');
    out.append(std::to_string(value));
    out.push_back(' ');
    out.append(value == 1 ? singular : plural);
  };
  int64_t years = interval.months / 12;
  int64_t months = interval.months % 12;
  append_part(years, "year", "years");
  append_part(months, "mon", "mons");
  append_part(interval.days, "day", "days");
  if (interval.micros != 0 || out.empty()) {
    if (!out.empty()) out.push_back(' ');
    int64_t micros = interval.micros;
    if (micros < 0) {
      out.push_back('-');
      // -INT64_MIN overflows; clamp (an interval that large is not printable meaningfully).
      micros = micros == std::numeric_limits<int64_t>::min() ? std::numeric_limits<int64_t>::max() : -micros;
    }
    AppendClock(out, micros);
  }
  return out;
}

std::optional<int32_t> ParseDate(std::string_view text) {
  text = TrimAsciiSpace(text);
  size_t pos = 0;
  int32_t days;
  if (!ParseDatePart(text, pos, days)) return std::nullopt;
  if (pos != text.size()) return std::nullopt;
  return days;
}

std::optional<int64_t> ParseTime(std::string_view text) {
  text = TrimAsciiSpace(text);
  size_t pos = 0;
  int64_t micros;
  if (!ParseTimePart(text, pos, micros)) return std::nullopt;
  if (pos != text.size()) return std::nullopt;
  return micros;
}

std::optional<int64_t> ParseTimestamp(std::string_view text) {
  text = TrimAsciiSpace(text);
  size_t pos = 0;
  int32_t days;
  if (!ParseDatePart(text, pos, days)) return std::nullopt;
  int64_t micros = 0;
  if (pos < text.size() && (text[pos] == ' ' || text[pos] == 'T' || text[pos] == 't')) {
    size_t after = pos + 1;
    while (after < text.size() && text[after] == ' ') after++;
    if (after < text.size() && text[after] >= '0' && text[after] <= '9') {
      pos = after;
      if (!ParseTimePart(text, pos, micros)) return std::nullopt;
    }
  }
  while (pos < text.size() && text[pos] == ' ') pos++;
  int64_t offset = 0;
  if (!ParseZone(text, pos, offset)) return std::nullopt;
  while (pos < text.size() && text[pos] == ' ') pos++;
  if (pos != text.size()) return std::nullopt;
  int64_t result;
  if (__builtin_mul_overflow(static_cast<int64_t>(days), kMicrosPerDay, &result) ||
      __builtin_add_overflow(result, micros - offset, &result)) {
    return std::nullopt;
  }
  return result;
}

namespace {

enum class Unit { kMicro, kMilli, kSecond, kMinute, kHour, kDay, kWeek, kMonth, kYear, kDecade, kCentury, kMillennium };

bool LookupUnit(std::string_view word, Unit& unit) {
  std::string w;
  for (char c : word) w.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  struct Entry { const char* name; Unit unit; };
  static constexpr Entry kUnits[] = {
      {"microsecond", Unit::kMicro}, {"microseconds", Unit::kMicro}, {"us", Unit::kMicro}, {"usec", Unit::kMicro}, {"usecs", Unit::kMicro},
      {"millisecond", Unit::kMilli}, {"milliseconds", Unit::kMilli}, {"ms", Unit::kMilli}, {"msec", Unit::kMilli}, {"msecs", Unit::kMilli},
      {"second", Unit::kSecond}, {"seconds", Unit::kSecond}, {"s", Unit::kSecond}, {"sec", Unit::kSecond}, {"secs", Unit::kSecond},
      {"minute", Unit::kMinute}, {"minutes", Unit::kMinute}, {"m", Unit::kMinute}, {"min", Unit::kMinute}, {"mins", Unit::kMinute},
      {"hour", Unit::kHour}, {"hours", Unit::kHour}, {"h", Unit::kHour}, {"hr", Unit::kHour}, {"hrs", Unit::kHour},
      {"day", Unit::kDay}, {"days", Unit::kDay}, {"d", Unit::kDay},
      {"week", Unit::kWeek}, {"weeks", Unit::kWeek}, {"w", Unit::kWeek},
      {"month", Unit::kMonth}, {"months", Unit::kMonth}, {"mon", Unit::kMonth}, {"mons", Unit::kMonth},
      {"year", Unit::kYear}, {"years", Unit::kYear}, {"y", Unit::kYear}, {"yr", Unit::kYear}, {"yrs", Unit::kYear},
      {"decade", Unit::kDecade}, {"decades", Unit::kDecade},
      {"century", Unit::kCentury}, {"centuries", Unit::kCentury},
      {"millennium", Unit::kMillennium}, {"millennia", Unit::kMillennium}, {"millenniums", Unit::kMillennium},
  };
  for (const auto& e : kUnits) {
    if (w == e.name) {
      unit = e.unit;
      return true;
    }
  }
  return false;
}

// Adds `amount` of `unit` to `out`, spilling fractions to smaller fields as PostgreSQL does.
bool AddUnit(interval_t& out, double amount, Unit unit) {
  auto add_micros = [&](double micros) {
    if (std::fabs(micros) > 9.2e18) return false;
    return !__builtin_add_overflow(out.micros, static_cast<int64_t>(std::llround(micros)), &out.micros);
  };
  auto add_months = [&](double months) {
    double whole = std::trunc(months);
    if (std::fabs(whole) > 2e9) return false;
    if (__builtin_add_overflow(out.months, static_cast<int32_t>(whole), &out.months)) return false;
    double days = (months - whole) * 30;
    double whole_days = std::trunc(days);
    if (__builtin_add_overflow(out.days, static_cast<int32_t>(whole_days), &out.days)) return false;
    return add_micros((days - whole_days) * static_cast<double>(kMicrosPerDay));
  };
  switch (unit) {
    case Unit::kMicro: return add_micros(amount);
    case Unit::kMilli: return add_micros(amount * 1000);
    case Unit::kSecond: return add_micros(amount * 1e6);
    case Unit::kMinute: return add_micros(amount * 60e6);
    case Unit::kHour: return add_micros(amount * 3600e6);
    case Unit::kDay:
    case Unit::kWeek: {
      double days = unit == Unit::kWeek ? amount * 7 : amount;
      double whole = std::trunc(days);
      if (std::fabs(whole) > 2e9) return false;
      if (__builtin_add_overflow(out.days, static_cast<int32_t>(whole), &out.days)) return false;
      return add_micros((days - whole) * static_cast<double>(kMicrosPerDay));
    }
    case Unit::kMonth: return add_months(amount);
    case Unit::kYear: return add_months(amount * 12);
    case Unit::kDecade: return add_months(amount * 120);
    case Unit::kCentury: return add_months(amount * 1200);
    case Unit::kMillennium: return add_months(amount * 12000);
  }
  return false;
}

std::optional<interval_t> ParseIsoInterval(std::string_view text) {
  interval_t out;
  size_t pos = 1;
  bool in_time = false;
  bool any = false;
  while (pos < text.size()) {
    char c = text[pos];
    if (c == 'T' || c == 't') {
      in_time = true;
      pos++;
      continue;
    }
    size_t start = pos;
    if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) pos++;
    while (pos < text.size() && ((text[pos] >= '0' && text[pos] <= '9') || text[pos] == '.')) pos++;
    if (pos == start || pos >= text.size()) return std::nullopt;
    double amount = std::strtod(std::string(text.substr(start, pos - start)).c_str(), nullptr);
    char designator = static_cast<char>(std::toupper(static_cast<unsigned char>(text[pos++])));
    Unit unit;
    switch (designator) {
      case 'Y': unit = Unit::kYear; break;
      case 'M': unit = in_time ? Unit::kMinute : Unit::kMonth; break;
      case 'W': unit = Unit::kWeek; break;
      case 'D': unit = Unit::kDay; break;
      case 'H': unit = Unit::kHour; break;
      case 'S': unit = Unit::kSecond; break;
      default: return std::nullopt;
    }
    if (!AddUnit(out, amount, unit)) return std::nullopt;
    any = true;
  }
  if (!any) return std::nullopt;
  return out;
}

}  // namespace

std::optional<interval_t> ParseInterval(std::string_view text) {
  text = TrimAsciiSpace(text);
  if (text.empty()) return std::nullopt;
  if (text[0] == 'P' || text[0] == 'p') return ParseIsoInterval(text);
  interval_t out;
  size_t pos = 0;
  bool any = false;
  while (pos < text.size()) {
    while (pos < text.size() && IsAsciiSpace(text[pos])) pos++;
    if (pos >= text.size()) break;
    // "ago" negates everything parsed so far (PostgreSQL).
    if (text.size() - pos >= 3 && (text.substr(pos, 3) == "ago" || text.substr(pos, 3) == "AGO") &&
        TrimAsciiSpace(text.substr(pos + 3)).empty()) {
      if (!any) return std::nullopt;
      out.months = -out.months;
      out.days = -out.days;
      out.micros = -out.micros;
      break;
    }
    bool negative = false;
    if (text[pos] == '-' || text[pos] == '+') {
      negative = text[pos] == '-';
      pos++;
    }
    size_t number_start = pos;
    while (pos < text.size() && ((text[pos] >= '0' && text[pos] <= '9') || text[pos] == '.')) pos++;
    if (pos == number_start) return std::nullopt;
    if (pos < text.size() && text[pos] == ':') {
      // A clock "[-]HH:MM[:SS[.f]]".
      size_t clock_pos = number_start;
      int64_t hours = 0, minutes = 0;
      if (!ReadNumber(text, clock_pos, 9, hours) || clock_pos >= text.size() || text[clock_pos] != ':') return std::nullopt;
      clock_pos++;
      if (!ReadNumber(text, clock_pos, 2, minutes)) return std::nullopt;
      double seconds = 0;
      if (clock_pos < text.size() && text[clock_pos] == ':') {
        clock_pos++;
        size_t sec_start = clock_pos;
        while (clock_pos < text.size() && ((text[clock_pos] >= '0' && text[clock_pos] <= '9') || text[clock_pos] == '.')) clock_pos++;
        if (clock_pos == sec_start) return std::nullopt;
        seconds = std::strtod(std::string(text.substr(sec_start, clock_pos - sec_start)).c_str(), nullptr);
      }
      if (minutes > 59 || seconds >= 60) return std::nullopt;
      double micros = (static_cast<double>(hours) * 3600 + static_cast<double>(minutes) * 60 + seconds) * 1e6;
      if (!AddUnit(out, negative ? -micros : micros, Unit::kMicro)) return std::nullopt;
      pos = clock_pos;
      any = true;
      continue;
    }
    std::string number(text.substr(number_start, pos - number_start));
    char* end_ptr = nullptr;
    double amount = std::strtod(number.c_str(), &end_ptr);
    if (end_ptr != number.c_str() + number.size()) return std::nullopt;
    if (negative) amount = -amount;
    while (pos < text.size() && IsAsciiSpace(text[pos])) pos++;
    size_t word_start = pos;
    while (pos < text.size() && std::isalpha(static_cast<unsigned char>(text[pos]))) pos++;
    Unit unit = Unit::kSecond;  // a bare number is seconds (PostgreSQL)
    if (pos > word_start && !LookupUnit(text.substr(word_start, pos - word_start), unit)) return std::nullopt;
    if (!AddUnit(out, amount, unit)) return std::nullopt;
    any = true;
  }
  if (!any) return std::nullopt;
  return out;
}

int64_t AddInterval(int64_t timestamp_micros, const interval_t& interval) {
  int64_t result = timestamp_micros;
  if (interval.months != 0) {
    int64_t days = FloorDiv(result, kMicrosPerDay);
    int64_t time = result - days * kMicrosPerDay;
    int32_t year, month, day;
    CivilFromDays(static_cast<int32_t>(days), year, month, day);
    int64_t total = static_cast<int64_t>(year) * 12 + (month - 1) + interval.months;
    int32_t new_year = static_cast<int32_t>(FloorDiv(total, 12));
    int32_t new_month = static_cast<int32_t>(total - static_cast<int64_t>(new_year) * 12) + 1;
    int32_t max_day = DaysInMonth(new_year, new_month);
    if (day > max_day) day = max_day;
    result = static_cast<int64_t>(DaysFromCivil(new_year, new_month, day)) * kMicrosPerDay + time;
  }
  result += static_cast<int64_t>(interval.days) * kMicrosPerDay;
  result += interval.micros;
  return result;
}

}  // namespace cairn::date_time
