#include "cairn/exception.h"
#include "common/ascii.h"
#include "common/date_time.h"
#include "common/interval_input.h"

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

// Parses "YYYY-MM-DD" at text[pos..]; advances pos past it. On failure, `error` says why.
bool ParseDatePart(std::string_view text, size_t& pos, int32_t& days, DateTimeParseError& error) {
  error = DateTimeParseError::kSyntax;
  bool negative = false;
  if (pos < text.size() && text[pos] == '-') {
    negative = true;
    pos++;
  }
  int64_t year, month, day;
  // ISO 8601's basic form YYYYMMDD (exactly eight digits), which PostgreSQL's date_in accepts.
  size_t digits = pos;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') digits++;
  if (!negative && digits - pos == 8) {
    auto number = [&](size_t from, size_t count) {
      int64_t n = 0;
      for (size_t i = from; i < from + count; i++) n = n * 10 + (text[i] - '0');
      return n;
    };
    year = number(pos, 4);
    month = number(pos + 4, 2);
    day = number(pos + 6, 2);
    pos = digits;
  } else {
    if (!ReadNumber(text, pos, 7, year)) return false;
    if (pos >= text.size() || (text[pos] != '-' && text[pos] != '/')) return false;
    char sep = text[pos++];
    if (!ReadNumber(text, pos, 2, month)) return false;
    if (pos >= text.size() || text[pos] != sep) return false;
    pos++;
    if (!ReadNumber(text, pos, 2, day)) return false;
  }
  if (year == 0) {  // there is no year 0 (PostgreSQL: date/time field value out of range)
    error = DateTimeParseError::kFieldOverflow;
    return false;
  }
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
  error = DateTimeParseError::kFieldOverflow;
  if (month < 1 || month > 12 || day < 1) return false;
  error = DateTimeParseError::kOutOfRange;
  if (year > 5874898 || year < -4714) return false;  // also keeps day numbers within int32
  error = DateTimeParseError::kFieldOverflow;
  if (day > DaysInMonth(static_cast<int32_t>(year), static_cast<int32_t>(month))) return false;
  days = DaysFromCivil(static_cast<int32_t>(year), static_cast<int32_t>(month), static_cast<int32_t>(day));
  return true;
}

// Parses "HH:MM[:SS[.ffffff]]" at text[pos..]; advances pos past it.
bool ParseTimePart(std::string_view text, size_t& pos, int64_t& micros, DateTimeParseError& error) {
  error = DateTimeParseError::kSyntax;
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
  error = DateTimeParseError::kFieldOverflow;
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

namespace {

std::string FieldText(int64_t year, int64_t month, int64_t day) {
  char text[80];
  std::snprintf(text, sizeof(text), "%lld-%02lld-%02lld", static_cast<long long>(year), static_cast<long long>(month),
                static_cast<long long>(day));
  return text;
}

std::string ClockText(int64_t hour, int64_t minute, double second) {
  char text[96];
  std::snprintf(text, sizeof(text), "%lld:%02lld:%02g", static_cast<long long>(hour), static_cast<long long>(minute),
                second);
  return text;
}

/// Days since 1970 of an astronomical (year 0 = 1 BC) date, or 22008 naming `shown`.
int32_t CheckedCivilDays(int64_t year, int64_t month, int64_t day, const std::string& shown) {
  // |year| is bounded first so that the day arithmetic cannot overflow.
  if (month < 1 || month > 12 || day < 1 || year < -10000000 || year > 10000000 ||
      day > DaysInMonth(static_cast<int32_t>(year), static_cast<int32_t>(month))) {
    throw Exception(sqlstate::kDatetimeFieldOverflow, "date field value out of range: " + shown);
  }
  const int64_t days = DaysFromCivil(static_cast<int32_t>(year), static_cast<int32_t>(month), static_cast<int32_t>(day));
  if (!IsValidDate(days)) throw Exception(sqlstate::kDatetimeFieldOverflow, "date out of range: " + shown);
  return static_cast<int32_t>(days);
}

}  // namespace

int32_t MakeDate(int64_t year, int64_t month, int64_t day) {
  const int64_t shown_year = year < 0 && year != INT64_MIN ? -year : year;  // BC years print unsigned
  const std::string shown = FieldText(shown_year, month, day);
  if (year == 0) throw Exception(sqlstate::kDatetimeFieldOverflow, "date field value out of range: " + shown);
  return CheckedCivilDays(year < 0 ? year + 1 : year, month, day, shown);
}

int64_t MakeTime(int64_t hour, int64_t minute, double second) {
  // PostgreSQL's float_time_overflows.
  const double micros = std::rint(second * static_cast<double>(kMicrosPerSecond));
  if (hour < 0 || hour > 24 || minute < 0 || minute >= 60 || std::isnan(second) || micros < 0 ||
      micros > 60.0 * kMicrosPerSecond || (hour * 60 + minute) * 60 * kMicrosPerSecond + static_cast<int64_t>(micros) > kMicrosPerDay) {
    throw Exception(sqlstate::kDatetimeFieldOverflow, "time field value out of range: " + ClockText(hour, minute, second));
  }
  return (hour * 60 + minute) * 60 * kMicrosPerSecond + static_cast<int64_t>(micros);
}

int64_t MakeTimestamp(int64_t year, int64_t month, int64_t day, int64_t hour, int64_t minute, double second) {
  const std::string shown = FieldText(year, month, day);
  const int64_t days = MakeDate(year, month, day);
  const int64_t time = MakeTime(hour, minute, second);
  int64_t result;
  if (__builtin_mul_overflow(days, kMicrosPerDay, &result) || __builtin_add_overflow(result, time, &result) ||
      !IsValidTimestamp(result)) {
    throw Exception(sqlstate::kDatetimeFieldOverflow,
                    "timestamp out of range: " + shown + " " + ClockText(hour, minute, second));
  }
  return result;
}

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
  // PostgreSQL's IntervalStyle "postgres": "-1 years -2 mons +3 days -04:05:06.7". A field after
  // a negative one gets an explicit "+" when positive.
  std::string out;
  bool is_zero = true, after_negative = false;
  auto append_part = [&](int64_t value, const char* unit) {
    if (value == 0) return;
    if (!is_zero) out.push_back(' ');
    if (after_negative && value > 0) out.push_back('+');
    out.append(std::to_string(value));
    out.push_back(' ');
    out.append(unit);
    if (value != 1) out.push_back('s');
    after_negative = value < 0;
    is_zero = false;
  };
  append_part(interval.months / 12, "year");
  append_part(interval.months % 12, "mon");
  append_part(interval.days, "day");
  if (is_zero || interval.micros != 0) {
    if (!is_zero) out.push_back(' ');
    if (interval.micros < 0) {
      out.push_back('-');
    } else if (after_negative) {
      out.push_back('+');
    }
    // Magnitude as unsigned so that INT64_MIN prints correctly.
    uint64_t micros = interval.micros < 0 ? 0 - static_cast<uint64_t>(interval.micros) : static_cast<uint64_t>(interval.micros);
    uint64_t hours = micros / static_cast<uint64_t>(kMicrosPerSecond * 3600);
    uint64_t rest = micros % static_cast<uint64_t>(kMicrosPerSecond * 3600);
    if (hours < 10) out.push_back('0');
    out.append(std::to_string(hours));
    // "HH:" then the "MM:SS[.ffffff]" of the remainder (AppendClock prints "00:MM:SS...").
    std::string clock;
    AppendClock(clock, static_cast<int64_t>(rest));
    out.append(clock, 2, std::string::npos);
  }
  return out;
}

std::optional<int32_t> ParseDate(std::string_view text, DateTimeParseError* error) {
  text = TrimAsciiSpace(text);
  size_t pos = 0;
  int32_t days;
  DateTimeParseError why;
  bool ok = ParseDatePart(text, pos, days, why);
  if (ok && pos != text.size()) ok = false, why = DateTimeParseError::kSyntax;
  // date_in accepts 4713-01-01 BC at the earliest, although arithmetic reaches 4714-11-24 BC.
  if (ok && (days < kMinDate + 38 || !IsValidDate(days))) ok = false, why = DateTimeParseError::kOutOfRange;
  if (!ok) {
    if (error) *error = why;
    return std::nullopt;
  }
  return days;
}

std::optional<int64_t> ParseTime(std::string_view text, DateTimeParseError* error) {
  text = TrimAsciiSpace(text);
  size_t pos = 0;
  int64_t micros;
  DateTimeParseError why;
  bool ok = ParseTimePart(text, pos, micros, why);
  if (ok && pos != text.size()) ok = false, why = DateTimeParseError::kSyntax;
  if (!ok) {
    if (error) *error = why;
    return std::nullopt;
  }
  return micros;
}

namespace {

std::optional<int64_t> ParseTimestampText(std::string_view text, DateTimeParseError* error, bool apply_zone) {
  text = TrimAsciiSpace(text);
  size_t pos = 0;
  int32_t days;
  DateTimeParseError why = DateTimeParseError::kSyntax;
  auto fail = [&](DateTimeParseError reason) -> std::optional<int64_t> {
    if (error) *error = reason;
    return std::nullopt;
  };
  if (!ParseDatePart(text, pos, days, why)) return fail(why);
  int64_t micros = 0;
  if (pos < text.size() && (text[pos] == ' ' || text[pos] == 'T' || text[pos] == 't')) {
    size_t after = pos + 1;
    while (after < text.size() && text[after] == ' ') after++;
    if (after < text.size() && text[after] >= '0' && text[after] <= '9') {
      pos = after;
      if (!ParseTimePart(text, pos, micros, why)) return fail(why);
    }
  }
  while (pos < text.size() && text[pos] == ' ') pos++;
  // "YYYY-MM-DD HH:MM:SS BC": the era may follow the time.
  bool bc = false;
  if (text.size() - pos >= 2 && (text.substr(pos, 2) == "BC" || text.substr(pos, 2) == "bc") &&
      (pos + 2 == text.size() || !std::isalpha(static_cast<unsigned char>(text[pos + 2])))) {
    bc = true;
    pos += 2;
    while (pos < text.size() && text[pos] == ' ') pos++;
  }
  int64_t offset = 0;
  if (!ParseZone(text, pos, offset)) {
    // A zone name ("America/New_York", "EST"): Cairn has no time zone database.
    if (std::isalpha(static_cast<unsigned char>(text[pos]))) return fail(DateTimeParseError::kUnsupportedZone);
    return fail(DateTimeParseError::kSyntax);
  }
  if (!apply_zone) offset = 0;  // TIMESTAMP WITHOUT TIME ZONE ignores a zone, as PostgreSQL
  while (pos < text.size() && text[pos] == ' ') pos++;
  if (pos != text.size()) return fail(DateTimeParseError::kSyntax);
  if (bc) {
    int32_t year, month, day;
    CivilFromDays(days, year, month, day);
    if (year <= 0) return fail(DateTimeParseError::kSyntax);  // "BC" twice
    year = 1 - year;
    if (year < -4714) return fail(DateTimeParseError::kOutOfRange);
    days = DaysFromCivil(year, month, day);
  }
  int64_t result;
  if (__builtin_mul_overflow(static_cast<int64_t>(days), kMicrosPerDay, &result) ||
      __builtin_add_overflow(result, micros - offset, &result) || !IsValidTimestamp(result)) {
    return fail(DateTimeParseError::kOutOfRange);
  }
  return result;
}

}  // namespace

std::optional<int64_t> ParseTimestamp(std::string_view text, DateTimeParseError* error) {
  return ParseTimestampText(text, error, false);
}

std::optional<int64_t> ParseTimestampTz(std::string_view text, DateTimeParseError* error) {
  return ParseTimestampText(text, error, true);
}

std::optional<interval_t> ParseInterval(std::string_view text) {
  interval_t out;
  if (ParseInterval(text, IntervalQualifier{}, out) != IntervalParseStatus::kOk) return std::nullopt;
  return out;
}

int64_t AddInterval(int64_t timestamp_micros, const interval_t& interval) {
  auto out_of_range = []() { throw Exception(sqlstate::kDatetimeFieldOverflow, "timestamp out of range"); };
  if (!IsValidTimestamp(timestamp_micros)) out_of_range();
  int64_t result = timestamp_micros;
  if (interval.months != 0) {
    int64_t days = FloorDiv(result, kMicrosPerDay);
    int64_t time = result - days * kMicrosPerDay;
    int32_t year, month, day;
    CivilFromDays(static_cast<int32_t>(days), year, month, day);
    int64_t total = static_cast<int64_t>(year) * 12 + (month - 1) + interval.months;
    int64_t new_year = FloorDiv(total, 12);
    if (new_year < -4714 || new_year > 294277) out_of_range();
    int32_t new_month = static_cast<int32_t>(total - new_year * 12) + 1;
    int32_t max_day = DaysInMonth(static_cast<int32_t>(new_year), new_month);
    if (day > max_day) day = max_day;
    if (__builtin_mul_overflow(static_cast<int64_t>(DaysFromCivil(static_cast<int32_t>(new_year), new_month, day)),
                               kMicrosPerDay, &result) ||
        __builtin_add_overflow(result, time, &result) || !IsValidTimestamp(result)) {
      out_of_range();
    }
  }
  int64_t day_micros;
  if (__builtin_mul_overflow(static_cast<int64_t>(interval.days), kMicrosPerDay, &day_micros) ||
      __builtin_add_overflow(result, day_micros, &result) || !IsValidTimestamp(result)) {
    out_of_range();
  }
  if (__builtin_add_overflow(result, interval.micros, &result) || !IsValidTimestamp(result)) out_of_range();
  return result;
}

}  // namespace cairn::date_time
