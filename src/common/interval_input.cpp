// INTERVAL text input, following the behaviour PostgreSQL 15 documents and exhibits for
// interval_in (fields split as its date/time lexer does, read right to left so that a unit word
// applies to the number before it).
#include "common/interval_input.h"

#include <fast_float/fast_float.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "common/ascii.h"
#include "common/date_time.h"

namespace cairn::date_time {
namespace {

constexpr int64_t kMicrosPerMinute = 60 * kMicrosPerSecond;
constexpr int64_t kMicrosPerHour = 60 * kMicrosPerMinute;
constexpr int32_t kDaysPerMonth = 30;

enum class FieldKind { kNumber, kTime, kDate, kSigned, kWord, kSignedWord };

struct Field {
  std::string text;
  FieldKind kind;
};

enum class Unit { kNone, kMicro, kMilli, kSecond, kMinute, kHour, kDay, kWeek, kMonth, kYear, kDecade, kCentury, kMillennium };

// Bits for detecting a field given twice ("1 day 2 days").
enum FieldBit : uint32_t {
  kBitMicro = 1u << 0, kBitMilli = 1u << 1, kBitSecond = 1u << 2, kBitMinute = 1u << 3, kBitHour = 1u << 4,
  kBitDay = 1u << 5, kBitWeek = 1u << 6, kBitMonth = 1u << 7, kBitYear = 1u << 8, kBitDecade = 1u << 9,
  kBitCentury = 1u << 10, kBitMillennium = 1u << 11,
};
constexpr uint32_t kAllSecondBits = kBitMicro | kBitMilli | kBitSecond;
constexpr uint32_t kTimeBits = kBitHour | kBitMinute | kAllSecondBits;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char ToLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool IsPunct(char c) { return c > ' ' && c < 127 && !IsDigit(c) && !IsAlpha(c); }

// Splits interval text into fields the way PostgreSQL's date/time lexer does.
bool SplitFields(std::string_view text, std::vector<Field>& fields) {
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    char c = text[i];
    if (IsAsciiSpace(c)) {
      i++;
      continue;
    }
    Field field;
    if (IsDigit(c)) {
      while (i < n && IsDigit(text[i])) field.text.push_back(text[i++]);
      if (i < n && text[i] == ':') {
        field.kind = FieldKind::kTime;
        while (i < n && (IsDigit(text[i]) || text[i] == ':' || text[i] == '.')) field.text.push_back(text[i++]);
      } else if (i < n && (text[i] == '-' || text[i] == '/' || text[i] == '.')) {
        char delimiter = text[i];
        field.text.push_back(text[i++]);
        if (i < n && IsDigit(text[i])) {
          field.kind = delimiter == '.' ? FieldKind::kNumber : FieldKind::kDate;
          while (i < n && IsDigit(text[i])) field.text.push_back(text[i++]);
          if (i < n && text[i] == delimiter) {
            field.kind = FieldKind::kDate;
            while (i < n && (IsDigit(text[i]) || text[i] == delimiter)) field.text.push_back(text[i++]);
          }
        } else {
          field.kind = FieldKind::kDate;
          while (i < n && (IsDigit(text[i]) || IsAlpha(text[i]) || text[i] == delimiter)) field.text.push_back(ToLower(text[i++]));
        }
      } else {
        field.kind = FieldKind::kNumber;
      }
    } else if (c == '.') {
      field.text.push_back(text[i++]);
      while (i < n && IsDigit(text[i])) field.text.push_back(text[i++]);
      field.kind = FieldKind::kNumber;
    } else if (IsAlpha(c)) {
      field.kind = FieldKind::kWord;
      while (i < n && IsAlpha(text[i])) field.text.push_back(ToLower(text[i++]));
      // A word glued to digits or date punctuation is a date-like token, which intervals reject.
      if (i < n && (text[i] == '-' || text[i] == '/' || text[i] == '.' || text[i] == '+' || IsDigit(text[i]))) {
        field.kind = FieldKind::kDate;
        while (i < n && (text[i] == '+' || text[i] == '-' || text[i] == '/' || text[i] == '_' || text[i] == '.' ||
                         text[i] == ':' || IsDigit(text[i]) || IsAlpha(text[i]))) {
          field.text.push_back(ToLower(text[i++]));
        }
      }
    } else if (c == '+' || c == '-') {
      field.text.push_back(text[i++]);
      while (i < n && IsAsciiSpace(text[i])) i++;
      if (i < n && IsDigit(text[i])) {
        field.kind = FieldKind::kSigned;
        while (i < n && (IsDigit(text[i]) || text[i] == ':' || text[i] == '.' || text[i] == '-')) field.text.push_back(text[i++]);
      } else if (i < n && IsAlpha(text[i])) {
        field.kind = FieldKind::kSignedWord;
        while (i < n && IsAlpha(text[i])) field.text.push_back(ToLower(text[i++]));
      } else {
        return false;
      }
    } else if (IsPunct(c)) {
      i++;  // other punctuation ("@") only separates fields
      continue;
    } else {
      return false;
    }
    if (fields.size() >= 25) return false;  // PostgreSQL's limit on date/time fields
    fields.push_back(std::move(field));
  }
  return true;
}

// Unit words of interval input; matched on their first 10 characters as PostgreSQL does.
enum class WordKind { kUnit, kAgo, kIgnore, kUnknown };

WordKind LookupWord(const std::string& word, Unit& unit) {
  struct Entry {
    const char* name;
    WordKind kind;
    Unit unit;
  };
  static constexpr Entry kWords[] = {
      {"ago", WordKind::kAgo, Unit::kNone},          {"at", WordKind::kIgnore, Unit::kNone},
      {"on", WordKind::kIgnore, Unit::kNone},        {"reltime", WordKind::kIgnore, Unit::kNone},
      {"c", WordKind::kUnit, Unit::kCentury},        {"cent", WordKind::kUnit, Unit::kCentury},
      {"centuries", WordKind::kUnit, Unit::kCentury}, {"century", WordKind::kUnit, Unit::kCentury},
      {"d", WordKind::kUnit, Unit::kDay},            {"day", WordKind::kUnit, Unit::kDay},
      {"days", WordKind::kUnit, Unit::kDay},         {"dec", WordKind::kUnit, Unit::kDecade},
      {"decade", WordKind::kUnit, Unit::kDecade},    {"decades", WordKind::kUnit, Unit::kDecade},
      {"decs", WordKind::kUnit, Unit::kDecade},      {"h", WordKind::kUnit, Unit::kHour},
      {"hour", WordKind::kUnit, Unit::kHour},        {"hours", WordKind::kUnit, Unit::kHour},
      {"hr", WordKind::kUnit, Unit::kHour},          {"hrs", WordKind::kUnit, Unit::kHour},
      {"m", WordKind::kUnit, Unit::kMinute},         {"mm", WordKind::kUnit, Unit::kMinute},
      {"microsecon", WordKind::kUnit, Unit::kMicro}, {"mil", WordKind::kUnit, Unit::kMillennium},
      {"millennia", WordKind::kUnit, Unit::kMillennium}, {"millennium", WordKind::kUnit, Unit::kMillennium},
      {"millisecon", WordKind::kUnit, Unit::kMilli}, {"mils", WordKind::kUnit, Unit::kMillennium},
      {"min", WordKind::kUnit, Unit::kMinute},       {"mins", WordKind::kUnit, Unit::kMinute},
      {"minute", WordKind::kUnit, Unit::kMinute},    {"minutes", WordKind::kUnit, Unit::kMinute},
      {"mon", WordKind::kUnit, Unit::kMonth},        {"mons", WordKind::kUnit, Unit::kMonth},
      {"month", WordKind::kUnit, Unit::kMonth},      {"months", WordKind::kUnit, Unit::kMonth},
      {"ms", WordKind::kUnit, Unit::kMilli},         {"msec", WordKind::kUnit, Unit::kMilli},
      {"msecond", WordKind::kUnit, Unit::kMilli},    {"mseconds", WordKind::kUnit, Unit::kMilli},
      {"msecs", WordKind::kUnit, Unit::kMilli},      {"s", WordKind::kUnit, Unit::kSecond},
      {"sec", WordKind::kUnit, Unit::kSecond},       {"second", WordKind::kUnit, Unit::kSecond},
      {"seconds", WordKind::kUnit, Unit::kSecond},   {"secs", WordKind::kUnit, Unit::kSecond},
      {"us", WordKind::kUnit, Unit::kMicro},         {"usec", WordKind::kUnit, Unit::kMicro},
      {"usecond", WordKind::kUnit, Unit::kMicro},    {"useconds", WordKind::kUnit, Unit::kMicro},
      {"usecs", WordKind::kUnit, Unit::kMicro},      {"w", WordKind::kUnit, Unit::kWeek},
      {"week", WordKind::kUnit, Unit::kWeek},        {"weeks", WordKind::kUnit, Unit::kWeek},
      {"y", WordKind::kUnit, Unit::kYear},           {"year", WordKind::kUnit, Unit::kYear},
      {"years", WordKind::kUnit, Unit::kYear},       {"yr", WordKind::kUnit, Unit::kYear},
      {"yrs", WordKind::kUnit, Unit::kYear},
  };
  std::string_view key(word);
  if (key.size() > 10) key = key.substr(0, 10);
  for (const auto& entry : kWords) {
    if (key == entry.name) {
      unit = entry.unit;
      return entry.kind;
    }
  }
  return WordKind::kUnknown;
}

// The interval being accumulated: years and months kept apart (each must fit 32 bits on its own,
// as in PostgreSQL; their sum in months is checked at the end), days, microseconds.
struct Accumulator {
  int32_t years = 0;
  int32_t months = 0;
  int32_t days = 0;
  int64_t micros = 0;

  bool AddMicros(int64_t value, int64_t scale) {
    int64_t product;
    return !__builtin_mul_overflow(value, scale, &product) && !__builtin_add_overflow(micros, product, &micros);
  }
  bool AddFractionMicros(double fraction, int64_t scale) {
    if (fraction == 0) return true;
    fraction *= static_cast<double>(scale);
    if (!(std::fabs(fraction) < 9.2e18)) return false;
    int64_t whole = static_cast<int64_t>(fraction);
    whole += static_cast<int64_t>(std::nearbyint(fraction - static_cast<double>(whole)));
    return !__builtin_add_overflow(micros, whole, &micros);
  }
  bool AddDays(int64_t value, int32_t scale) {
    if (value < INT32_MIN || value > INT32_MAX) return false;
    int32_t product;
    return !__builtin_mul_overflow(static_cast<int32_t>(value), scale, &product) &&
           !__builtin_add_overflow(days, product, &days);
  }
  bool AddFractionDays(double fraction, int32_t scale) {
    if (fraction == 0) return true;
    fraction *= scale;
    int32_t whole = static_cast<int32_t>(fraction);
    if (__builtin_add_overflow(days, whole, &days)) return false;
    return AddFractionMicros(fraction - whole, kMicrosPerDay);
  }
  bool AddMonths(int64_t value) {
    if (value < INT32_MIN || value > INT32_MAX) return false;
    return !__builtin_add_overflow(months, static_cast<int32_t>(value), &months);
  }
  bool AddYears(int64_t value, int32_t scale) {
    if (value < INT32_MIN || value > INT32_MAX) return false;
    int32_t product;
    return !__builtin_mul_overflow(static_cast<int32_t>(value), scale, &product) &&
           !__builtin_add_overflow(years, product, &years);
  }
  bool AddFractionYears(double fraction, int32_t scale) {
    int32_t extra = static_cast<int32_t>(std::nearbyint(fraction * scale * 12));
    return !__builtin_add_overflow(months, extra, &months);
  }
  bool Negate() {
    if (micros == INT64_MIN || days == INT32_MIN || months == INT32_MIN || years == INT32_MIN) return false;
    micros = -micros;
    days = -days;
    months = -months;
    years = -years;
    return true;
  }
};

enum class Error { kNone, kSyntax, kOverflow };

// strtoll-like: optional sign, digits; `pos` advances past them. No digits gives 0 (and pos
// stays at the sign), as strtoll does.
Error ReadInteger(const std::string& text, size_t& pos, int64_t& value) {
  size_t start = pos;
  bool negative = false;
  if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) negative = text[pos++] == '-';
  size_t digits_start = pos;
  int64_t result = 0;
  bool overflow = false;
  while (pos < text.size() && IsDigit(text[pos])) {
    if (__builtin_mul_overflow(result, 10, &result) || __builtin_sub_overflow(result, text[pos] - '0', &result)) overflow = true;
    pos++;
  }
  if (pos == digits_start) {
    pos = start;
    value = 0;
    return Error::kNone;
  }
  if (overflow) return Error::kOverflow;
  if (!negative) {
    if (result == INT64_MIN) return Error::kOverflow;
    result = -result;
  }
  value = result;
  return Error::kNone;
}

// ".digits" (or a lone ".") at text[pos..] to the end: the fraction's value.
Error ReadFraction(const std::string& text, size_t pos, double& fraction) {
  if (pos + 1 == text.size()) {
    fraction = 0;
    return Error::kNone;
  }
  for (size_t i = pos + 1; i < text.size(); i++) {
    if (!IsDigit(text[i])) return Error::kSyntax;
  }
  std::string digits = "0" + text.substr(pos);
  auto result = fast_float::from_chars(digits.data(), digits.data() + digits.size(), fraction);
  return result.ec == std::errc() ? Error::kNone : Error::kSyntax;
}

// "h:m", "h:m:s[.f]", "m:s.f" (and "m:s" under MINUTE TO SECOND): microseconds.
Error DecodeClock(const std::string& text, int32_t range, int64_t& micros) {
  size_t pos = 0;
  int64_t hours = 0, minutes = 0, seconds = 0;
  double fraction = 0;
  if (Error e = ReadInteger(text, pos, hours); e != Error::kNone) return e;
  if (pos >= text.size() || text[pos] != ':') return Error::kSyntax;
  pos++;
  if (Error e = ReadInteger(text, pos, minutes); e != Error::kNone) return e;
  if (minutes > INT32_MAX || minutes < INT32_MIN) return Error::kOverflow;
  if (pos == text.size()) {
    if (range == (IntervalQualifier::kMinute | IntervalQualifier::kSecond)) {
      if (hours > INT32_MAX || hours < INT32_MIN) return Error::kOverflow;
      seconds = minutes;
      minutes = hours;
      hours = 0;
    }
  } else if (text[pos] == '.') {
    if (Error e = ReadFraction(text, pos, fraction); e != Error::kNone) return e;
    seconds = minutes;
    minutes = hours;
    hours = 0;
  } else if (text[pos] == ':') {
    pos++;
    if (Error e = ReadInteger(text, pos, seconds); e != Error::kNone) return e;
    if (seconds > INT32_MAX || seconds < INT32_MIN) return Error::kOverflow;
    if (pos < text.size()) {
      if (text[pos] != '.') return Error::kSyntax;
      if (Error e = ReadFraction(text, pos, fraction); e != Error::kNone) return e;
    }
  } else {
    return Error::kSyntax;
  }
  int64_t fraction_micros = static_cast<int64_t>(std::nearbyint(fraction * 1e6));
  if (hours < 0 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 60 || fraction_micros < 0 ||
      fraction_micros > kMicrosPerSecond) {
    return Error::kOverflow;
  }
  int64_t total = fraction_micros, part;
  if (__builtin_mul_overflow(hours, kMicrosPerHour, &part) || __builtin_add_overflow(total, part, &total) ||
      __builtin_add_overflow(total, minutes * kMicrosPerMinute + seconds * kMicrosPerSecond, &total)) {
    return Error::kOverflow;
  }
  micros = total;
  return Error::kNone;
}

Unit DefaultUnit(int32_t range) {
  using Q = IntervalQualifier;
  switch (range) {
    case Q::kYear: return Unit::kYear;
    case Q::kMonth:
    case Q::kYear | Q::kMonth: return Unit::kMonth;
    case Q::kDay: return Unit::kDay;
    case Q::kHour:
    case Q::kDay | Q::kHour: return Unit::kHour;
    case Q::kMinute:
    case Q::kHour | Q::kMinute:
    case Q::kDay | Q::kHour | Q::kMinute: return Unit::kMinute;
    default: return Unit::kSecond;
  }
}

// PostgreSQL's verbose and SQL-standard forms.
Error DecodeVerbose(std::string_view text, int32_t range, Accumulator& acc) {
  std::vector<Field> fields;
  if (!SplitFields(text, fields)) return Error::kSyntax;
  Unit unit = Unit::kNone;
  bool ago = false;
  uint32_t seen = 0;
  for (size_t index = fields.size(); index-- > 0;) {
    const Field& field = fields[index];
    uint32_t bits = 0;
    bool handled = false;
    switch (field.kind) {
      case FieldKind::kTime: {
        int64_t micros;
        if (Error e = DecodeClock(field.text, range, micros); e != Error::kNone) return e;
        if (__builtin_add_overflow(acc.micros, micros, &acc.micros)) return Error::kOverflow;
        bits = kTimeBits;
        unit = Unit::kDay;
        handled = true;
        break;
      }
      case FieldKind::kSigned:
        if (field.text.find(':', 1) != std::string::npos) {
          int64_t micros;
          if (DecodeClock(field.text.substr(1), range, micros) == Error::kNone) {
            if (field.text[0] == '-') micros = -micros;
            if (__builtin_add_overflow(acc.micros, micros, &acc.micros)) return Error::kOverflow;
            bits = kTimeBits;
            unit = Unit::kDay;
            handled = true;
          }
        }
        break;
      case FieldKind::kWord:
      case FieldKind::kSignedWord: {
        Unit word_unit;
        switch (field.kind == FieldKind::kWord ? LookupWord(field.text, word_unit) : WordKind::kUnknown) {
          case WordKind::kUnit: unit = word_unit; break;
          case WordKind::kAgo: ago = true; unit = Unit::kNone; break;
          case WordKind::kIgnore: continue;
          case WordKind::kUnknown: return Error::kSyntax;
        }
        handled = true;
        break;
      }
      default:
        break;
    }
    if (!handled) {
      // A number: kNumber, kDate ("1-2") or kSigned without a clock.
      if (unit == Unit::kNone && !ago) unit = DefaultUnit(range);
      const std::string& t = field.text;
      size_t pos = 0;
      int64_t value;
      double fraction = 0;
      if (Error e = ReadInteger(t, pos, value); e != Error::kNone) return e;
      bool negative_field = t[0] == '-';
      if (pos < t.size() && t[pos] == '-' && pos > 0) {
        // SQL "years-months".
        size_t month_pos = pos + 1;
        int64_t month_value;
        if (month_pos >= t.size() || !IsDigit(t[month_pos])) return Error::kSyntax;
        if (Error e = ReadInteger(t, month_pos, month_value); e != Error::kNone) return e;
        if (month_value < 0 || month_value >= 12) return Error::kOverflow;
        if (month_pos != t.size()) return Error::kSyntax;
        unit = Unit::kMonth;
        if (negative_field) month_value = -month_value;
        if (__builtin_mul_overflow(value, 12, &value) || __builtin_add_overflow(value, month_value, &value)) {
          return Error::kOverflow;
        }
      } else if (pos < t.size() && t[pos] == '.') {
        if (Error e = ReadFraction(t, pos, fraction); e != Error::kNone) return e;
        if (negative_field) fraction = -fraction;
      } else if (pos != t.size() || pos == 0 || (pos == 1 && !IsDigit(t[0]))) {
        return Error::kSyntax;
      }
      bool ok = true;
      switch (unit) {
        case Unit::kMicro: ok = acc.AddMicros(value, 1) && acc.AddFractionMicros(fraction, 1); bits = kBitMicro; break;
        case Unit::kMilli: ok = acc.AddMicros(value, 1000) && acc.AddFractionMicros(fraction, 1000); bits = kBitMilli; break;
        case Unit::kSecond:
          ok = acc.AddMicros(value, kMicrosPerSecond) && acc.AddFractionMicros(fraction, kMicrosPerSecond);
          bits = fraction == 0 ? kBitSecond : kAllSecondBits;
          break;
        case Unit::kMinute:
          ok = acc.AddMicros(value, kMicrosPerMinute) && acc.AddFractionMicros(fraction, kMicrosPerMinute);
          bits = kBitMinute;
          break;
        case Unit::kHour:
          ok = acc.AddMicros(value, kMicrosPerHour) && acc.AddFractionMicros(fraction, kMicrosPerHour);
          bits = kBitHour;
          unit = Unit::kDay;  // a number further left is days ("3 4" DAY TO HOUR)
          break;
        case Unit::kDay: ok = acc.AddDays(value, 1) && acc.AddFractionMicros(fraction, kMicrosPerDay); bits = kBitDay; break;
        case Unit::kWeek: ok = acc.AddDays(value, 7) && acc.AddFractionDays(fraction, 7); bits = kBitWeek; break;
        case Unit::kMonth: ok = acc.AddMonths(value) && acc.AddFractionDays(fraction, kDaysPerMonth); bits = kBitMonth; break;
        case Unit::kYear: ok = acc.AddYears(value, 1) && acc.AddFractionYears(fraction, 1); bits = kBitYear; break;
        case Unit::kDecade: ok = acc.AddYears(value, 10) && acc.AddFractionYears(fraction, 10); bits = kBitDecade; break;
        case Unit::kCentury: ok = acc.AddYears(value, 100) && acc.AddFractionYears(fraction, 100); bits = kBitCentury; break;
        case Unit::kMillennium:
          ok = acc.AddYears(value, 1000) && acc.AddFractionYears(fraction, 1000);
          bits = kBitMillennium;
          break;
        case Unit::kNone: return Error::kSyntax;  // "1 ago"
      }
      if (!ok) return Error::kOverflow;
    }
    if (bits & seen) return Error::kSyntax;
    seen |= bits;
  }
  if (seen == 0) return Error::kSyntax;
  if (ago && !acc.Negate()) return Error::kOverflow;
  return Error::kNone;
}

// A number of an ISO 8601 interval: integer part truncated toward zero, and the fraction.
Error ReadIsoNumber(std::string_view text, size_t& pos, int64_t& whole, double& fraction) {
  if (pos >= text.size() || !(IsDigit(text[pos]) || text[pos] == '-' || text[pos] == '.')) return Error::kSyntax;
  size_t end = pos;
  if (text[end] == '-' || text[end] == '+') end++;
  while (end < text.size() && (IsDigit(text[end]) || text[end] == '.')) end++;
  if (end < text.size() && (text[end] == 'e' || text[end] == 'E')) {
    size_t exponent = end + 1;
    if (exponent < text.size() && (text[exponent] == '-' || text[exponent] == '+')) exponent++;
    if (exponent < text.size() && IsDigit(text[exponent])) {
      end = exponent;
      while (end < text.size() && IsDigit(text[end])) end++;
    }
  }
  double value;
  std::string_view number = text.substr(pos, end - pos);
  if (!number.empty() && number[0] == '+') return Error::kSyntax;
  auto result = fast_float::from_chars(number.data(), number.data() + number.size(), value);
  if (result.ec != std::errc() || result.ptr == number.data()) return Error::kSyntax;
  pos += static_cast<size_t>(result.ptr - number.data());
  if (std::isnan(value) || value < -1.0e15 || value > 1.0e15) return Error::kOverflow;
  whole = value >= 0 ? static_cast<int64_t>(std::floor(value)) : -static_cast<int64_t>(std::floor(-value));
  fraction = value - static_cast<double>(whole);
  return Error::kNone;
}

size_t IsoIntegerWidth(std::string_view text, size_t start) {
  if (start < text.size() && text[start] == '-') start++;
  size_t end = start;
  while (end < text.size() && IsDigit(text[end])) end++;
  return end - start;
}

Error DecodeIso(std::string_view text, Accumulator& acc) {
  if (text.size() < 2 || text[0] != 'P') return Error::kSyntax;
  size_t pos = 1;
  bool date_part = true, have_field = false;
  auto fail = [](bool ok) { return ok ? Error::kNone : Error::kOverflow; };
  while (pos < text.size()) {
    if (text[pos] == 'T') {
      date_part = false;
      have_field = false;
      pos++;
      continue;
    }
    size_t field_start = pos;
    int64_t value;
    double fraction;
    if (Error e = ReadIsoNumber(text, pos, value, fraction); e != Error::kNone) return e;
    char unit = pos < text.size() ? text[pos++] : '\0';
    if (date_part) {
      switch (unit) {
        case 'Y': if (Error e = fail(acc.AddYears(value, 1) && acc.AddFractionYears(fraction, 1)); e != Error::kNone) return e; break;
        case 'M': if (Error e = fail(acc.AddMonths(value) && acc.AddFractionDays(fraction, kDaysPerMonth)); e != Error::kNone) return e; break;
        case 'W': if (Error e = fail(acc.AddDays(value, 7) && acc.AddFractionDays(fraction, 7)); e != Error::kNone) return e; break;
        case 'D': if (Error e = fail(acc.AddDays(value, 1) && acc.AddFractionMicros(fraction, kMicrosPerDay)); e != Error::kNone) return e; break;
        case 'T':
        case '\0':
          if (IsoIntegerWidth(text, field_start) == 8 && !have_field) {  // basic alternative form YYYYMMDD
            if (Error e = fail(acc.AddYears(value / 10000, 1) && acc.AddMonths((value / 100) % 100) &&
                               acc.AddDays(value % 100, 1) && acc.AddFractionMicros(fraction, kMicrosPerDay));
                e != Error::kNone) {
              return e;
            }
            if (unit == '\0') return Error::kNone;
            date_part = false;
            have_field = false;
            continue;
          }
          [[fallthrough]];
        case '-': {  // extended alternative form YYYY-MM-DD
          if (have_field) return Error::kSyntax;
          if (Error e = fail(acc.AddYears(value, 1) && acc.AddFractionYears(fraction, 1)); e != Error::kNone) return e;
          if (unit == '\0') return Error::kNone;
          if (unit == 'T') {
            date_part = false;
            have_field = false;
            continue;
          }
          if (Error e = ReadIsoNumber(text, pos, value, fraction); e != Error::kNone) return e;
          if (Error e = fail(acc.AddMonths(value) && acc.AddFractionDays(fraction, kDaysPerMonth)); e != Error::kNone) return e;
          if (pos == text.size()) return Error::kNone;
          if (text[pos] == 'T') {
            date_part = false;
            have_field = false;
            continue;
          }
          if (text[pos] != '-') return Error::kSyntax;
          pos++;
          if (Error e = ReadIsoNumber(text, pos, value, fraction); e != Error::kNone) return e;
          if (Error e = fail(acc.AddDays(value, 1) && acc.AddFractionMicros(fraction, kMicrosPerDay)); e != Error::kNone) return e;
          if (pos == text.size()) return Error::kNone;
          if (text[pos] == 'T') {
            date_part = false;
            have_field = false;
            continue;
          }
          return Error::kSyntax;
        }
        default:
          return Error::kSyntax;
      }
    } else {
      switch (unit) {
        case 'H': if (Error e = fail(acc.AddMicros(value, kMicrosPerHour) && acc.AddFractionMicros(fraction, kMicrosPerHour)); e != Error::kNone) return e; break;
        case 'M': if (Error e = fail(acc.AddMicros(value, kMicrosPerMinute) && acc.AddFractionMicros(fraction, kMicrosPerMinute)); e != Error::kNone) return e; break;
        case 'S': if (Error e = fail(acc.AddMicros(value, kMicrosPerSecond) && acc.AddFractionMicros(fraction, kMicrosPerSecond)); e != Error::kNone) return e; break;
        case '\0':
          if (IsoIntegerWidth(text, field_start) == 6 && !have_field) {  // basic alternative form HHMMSS
            return fail(acc.AddMicros(value / 10000, kMicrosPerHour) && acc.AddMicros((value / 100) % 100, kMicrosPerMinute) &&
                        acc.AddMicros(value % 100, kMicrosPerSecond) && acc.AddFractionMicros(fraction, kMicrosPerSecond));
          }
          [[fallthrough]];
        case ':': {  // extended alternative form HH:MM:SS
          if (have_field) return Error::kSyntax;
          if (Error e = fail(acc.AddMicros(value, kMicrosPerHour) && acc.AddFractionMicros(fraction, kMicrosPerHour)); e != Error::kNone) return e;
          if (unit == '\0') return Error::kNone;
          if (Error e = ReadIsoNumber(text, pos, value, fraction); e != Error::kNone) return e;
          if (Error e = fail(acc.AddMicros(value, kMicrosPerMinute) && acc.AddFractionMicros(fraction, kMicrosPerMinute)); e != Error::kNone) return e;
          if (pos == text.size()) return Error::kNone;
          if (text[pos] != ':') return Error::kSyntax;
          pos++;
          if (Error e = ReadIsoNumber(text, pos, value, fraction); e != Error::kNone) return e;
          if (Error e = fail(acc.AddMicros(value, kMicrosPerSecond) && acc.AddFractionMicros(fraction, kMicrosPerSecond)); e != Error::kNone) return e;
          if (pos == text.size()) return Error::kNone;
          return Error::kSyntax;
        }
        default:
          return Error::kSyntax;
      }
    }
    have_field = true;
  }
  return Error::kNone;
}

}  // namespace

bool IntervalQualifier::IsValidRange() const {
  switch (range) {
    case kFullRange:
    case kYear:
    case kMonth:
    case kDay:
    case kHour:
    case kMinute:
    case kSecond:
    case kYear | kMonth:
    case kDay | kHour:
    case kDay | kHour | kMinute:
    case kDay | kHour | kMinute | kSecond:
    case kHour | kMinute:
    case kHour | kMinute | kSecond:
    case kMinute | kSecond:
      return true;
    default:
      return false;
  }
}

IntervalParseStatus ParseInterval(std::string_view text, const IntervalQualifier& qualifier, interval_t& out) {
  Accumulator acc;
  Error error = DecodeVerbose(text, qualifier.range, acc);
  if (error == Error::kSyntax) {
    acc = Accumulator();
    error = DecodeIso(text, acc);
  }
  if (error == Error::kSyntax) return IntervalParseStatus::kSyntax;
  if (error == Error::kOverflow) return IntervalParseStatus::kFieldOverflow;
  int64_t months = static_cast<int64_t>(acc.years) * 12 + acc.months;
  if (months < INT32_MIN || months > INT32_MAX) return IntervalParseStatus::kOutOfRange;
  out = interval_t{static_cast<int32_t>(months), acc.days, acc.micros};
  if (!ApplyIntervalQualifier(out, qualifier)) return IntervalParseStatus::kOutOfRange;
  return IntervalParseStatus::kOk;
}

bool ApplyIntervalQualifier(interval_t& value, const IntervalQualifier& qualifier) {
  using Q = IntervalQualifier;
  auto truncate_micros = [&](int64_t unit) { value.micros = (value.micros / unit) * unit; };
  switch (qualifier.range) {
    case Q::kYear:
      value.months = (value.months / 12) * 12;
      value.days = 0;
      value.micros = 0;
      break;
    case Q::kMonth:
    case Q::kYear | Q::kMonth:
      value.days = 0;
      value.micros = 0;
      break;
    case Q::kDay: value.micros = 0; break;
    case Q::kHour:
    case Q::kDay | Q::kHour: truncate_micros(kMicrosPerHour); break;
    case Q::kMinute:
    case Q::kDay | Q::kHour | Q::kMinute:
    case Q::kHour | Q::kMinute: truncate_micros(kMicrosPerMinute); break;
    default: break;  // full range and ranges ending in SECOND keep every field
  }
  if (qualifier.precision != Q::kFullPrecision && qualifier.precision < 6) {
    int64_t scale = 1;
    for (int i = qualifier.precision; i < 6; i++) scale *= 10;
    int64_t offset = scale / 2;
    if (value.micros >= 0) {
      if (__builtin_add_overflow(value.micros, offset, &value.micros)) return false;
    } else {
      if (__builtin_sub_overflow(value.micros, offset, &value.micros)) return false;
    }
    value.micros -= value.micros % scale;
  }
  return true;
}

}  // namespace cairn::date_time
