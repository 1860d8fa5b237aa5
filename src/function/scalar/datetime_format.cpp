// to_char: PostgreSQL 15's template formatting (formatting.c) of timestamps, intervals and numbers.
//
// to_char(timestamp | timestamptz | interval, text): template patterns HH HH12 HH24 MI SS MS US
// SSSS SSSSS, AM PM A.M. P.M. (any case), Y,YYY YYYY YYY YY Y, IYYY IYY IY I, BC AD B.C. A.D.,
// MONTH Month month MON Mon mon, MM, DAY Day day DY Dy dy, DDD IDDD DD D ID, W WW IW, CC, J, Q,
// RM rm, TZ tz TZH TZM OF; the FM prefix (no padding) and TH/th suffix (ordinal); "quoted text"
// and any other character copied as is. A date argument is read as a timestamp at midnight.
// Timestamptz is shown in the session time zone, UTC (TZ prints "UTC"); a timestamp without
// time zone prints TZ as nothing, as PostgreSQL. For an interval, the calendar patterns (month
// and day names, D, ID, BC/AD) are 22007 as in PostgreSQL; DDD, IDDD, WW, IW and J, which
// PostgreSQL computes from a made-up date, are 0A000.
//
// to_char(numeric | integer | bigint | double precision, text): 9 0 . D , G S MI PL SG and FM;
// too many integer digits print '#' in every digit position. Numerics round half away from zero,
// doubles as C's printf (half to even on the binary value), as PostgreSQL.
#include <cmath>
#include <cstdio>
#include <string>

#include "cairn/exception.h"
#include "common/date_time.h"
#include "common/decimal.h"
#include "common/numeric.h"
#include "function/function_registry.h"
#include "function/vector_executor.h"

namespace cairn::function {
namespace {

using date_time::kMicrosPerDay;
using date_time::kMicrosPerSecond;
using executor::MakeResultString;

const LogicalType kVarchar = TypeId::VARCHAR;
const LogicalType kNone = TypeId::INVALID;

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
  return q;
}

/// The fields a template pattern reads. For an interval, `hour` may exceed 23 and `day`,
/// `month`, `year` are the interval's own fields.
struct TemplateFields {
  int64_t year = 0;   // astronomical for timestamps: 0 = 1 BC
  int64_t month = 1;  // 1..12
  int64_t day = 1;
  int64_t hour = 0, minute = 0, second = 0, micros = 0;
  int64_t days_since_epoch = 0;  // timestamps only
  bool is_interval = false;
  bool with_time_zone = false;
};

const char* const kMonths[] = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"};
const char* const kDays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
const char* const kRomanMonths[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"};

enum class Case { kUpper, kTitle, kLower };

std::string ApplyCase(std::string_view word, Case c) {
  std::string out(word);
  for (size_t i = 0; i < out.size(); i++) {
    auto ch = static_cast<unsigned char>(out[i]);
    if (c == Case::kUpper || (c == Case::kTitle && i == 0)) out[i] = static_cast<char>(std::toupper(ch));
    else out[i] = static_cast<char>(std::tolower(ch));
  }
  return out;
}

std::string Ordinal(int64_t n, bool upper) {
  int64_t last_two = std::llabs(n) % 100, last = std::llabs(n) % 10;
  const char* suffix = "th";
  if (last_two < 11 || last_two > 13) {
    if (last == 1) suffix = "st";
    else if (last == 2) suffix = "nd";
    else if (last == 3) suffix = "rd";
  }
  return upper ? ApplyCase(suffix, Case::kUpper) : suffix;
}

// Zero-padded to `width` digits unless fill mode; negative numbers keep their sign.
std::string Number(int64_t v, int width, bool fill_mode) {
  std::string digits = std::to_string(std::llabs(v));
  if (!fill_mode && static_cast<int>(digits.size()) < width) digits.insert(0, static_cast<size_t>(width) - digits.size(), '0');
  return v < 0 ? "-" + digits : digits;
}

std::string PadWord(std::string word, size_t width, bool fill_mode) {
  if (!fill_mode && word.size() < width) word.append(width - word.size(), ' ');
  return word;
}

int32_t IsoDow(int64_t days) { return static_cast<int32_t>(((days + 3) % 7 + 7) % 7) + 1; }  // Monday = 1

void IsoWeek(int64_t days, int64_t& iso_year, int64_t& week) {
  int64_t thursday = days - IsoDow(days) + 4;
  int32_t y, m, d;
  date_time::CivilFromDays(static_cast<int32_t>(thursday), y, m, d);
  iso_year = y;
  week = (thursday - date_time::DaysFromCivil(y, 1, 1)) / 7 + 1;
}

int64_t IsoYearStart(int64_t iso_year) {
  int64_t jan4 = date_time::DaysFromCivil(static_cast<int32_t>(iso_year), 1, 4);
  return jan4 - IsoDow(jan4) + 1;
}

struct Pattern {
  const char* name;
  int id;
};

// Longest names first where one is a prefix of another (PostgreSQL's keyword order).
enum Id {
  kAD_DOTS, kAM_DOTS, kBC_DOTS, kPM_DOTS, kAD, kAM, kBC, kPM, kCC, kDAY, kDDD, kDD, kDY, kD, kFX, kHH24, kHH12, kHH,
  kIDDD, kID, kIW, kIYYY, kIYY, kIY, kI, kJ, kMI, kMM, kMONTH, kMON, kMS, kOF, kQ, kRM, kSSSSS, kSSSS, kSS, kTZH, kTZM,
  kTZ, kUS, kWW, kW, kY_YYY, kYYYY, kYYY, kYY, kY
};

const Pattern kPatterns[] = {
    {"A.D.", kAD_DOTS}, {"A.M.", kAM_DOTS}, {"AD", kAD}, {"AM", kAM}, {"B.C.", kBC_DOTS}, {"BC", kBC}, {"CC", kCC},
    {"DAY", kDAY}, {"DDD", kDDD}, {"DD", kDD}, {"DY", kDY}, {"D", kD}, {"FX", kFX}, {"HH24", kHH24}, {"HH12", kHH12},
    {"HH", kHH}, {"IDDD", kIDDD}, {"ID", kID}, {"IW", kIW}, {"IYYY", kIYYY}, {"IYY", kIYY}, {"IY", kIY}, {"I", kI},
    {"J", kJ}, {"MI", kMI}, {"MM", kMM}, {"MONTH", kMONTH}, {"MON", kMON}, {"MS", kMS}, {"OF", kOF}, {"P.M.", kPM_DOTS},
    {"PM", kPM}, {"Q", kQ}, {"RM", kRM}, {"SSSSS", kSSSSS}, {"SSSS", kSSSS}, {"SS", kSS}, {"TZH", kTZH}, {"TZM", kTZM},
    {"TZ", kTZ}, {"US", kUS}, {"WW", kWW}, {"W", kW}, {"Y,YYY", kY_YYY}, {"YYYY", kYYYY}, {"YYY", kYYY}, {"YY", kYY},
    {"Y", kY},
};

bool MatchesAt(std::string_view fmt, size_t pos, std::string_view name) {
  if (pos + name.size() > fmt.size()) return false;
  for (size_t i = 0; i < name.size(); i++) {
    if (std::toupper(static_cast<unsigned char>(fmt[pos + i])) != name[i]) return false;
  }
  return true;
}

// The case a word pattern prints in: "MONTH" upper, "Month" title, "month" lower.
Case CaseOf(std::string_view fmt, size_t pos) {
  bool first_upper = std::isupper(static_cast<unsigned char>(fmt[pos]));
  bool second_upper = pos + 1 < fmt.size() && std::isupper(static_cast<unsigned char>(fmt[pos + 1]));
  if (!first_upper) return Case::kLower;
  return second_upper ? Case::kUpper : Case::kTitle;
}

void FormatTemplate(const TemplateFields& t, std::string_view fmt, std::string& out) {
  // PostgreSQL years: no year 0 (astronomical 0 = 1 BC).
  bool bc = !t.is_interval && t.year <= 0;
  int64_t year = t.is_interval ? t.year : (bc ? 1 - t.year : t.year);
  int64_t hour12 = t.hour % 12 == 0 ? 12 : t.hour % 12;
  bool pm = t.hour % 24 >= 12;
  for (size_t pos = 0; pos < fmt.size();) {
    bool fill_mode = false;
    if (MatchesAt(fmt, pos, "FM")) {
      fill_mode = true;
      pos += 2;
    }
    if (MatchesAt(fmt, pos, "TM")) pos += 2;  // translation mode: Cairn's names are English
    if (pos >= fmt.size()) break;
    if (fmt[pos] == '"') {
      for (pos++; pos < fmt.size() && fmt[pos] != '"'; pos++) {
        if (fmt[pos] == '\\' && pos + 1 < fmt.size()) pos++;
        out.push_back(fmt[pos]);
      }
      pos++;
      continue;
    }
    if (fmt[pos] == '\\' && pos + 1 < fmt.size() && fmt[pos + 1] == '"') {
      out.push_back('"');
      pos += 2;
      continue;
    }
    const Pattern* match = nullptr;
    for (const Pattern& p : kPatterns) {
      if (MatchesAt(fmt, pos, p.name)) {
        match = &p;
        break;
      }
    }
    if (!match) {
      out.push_back(fmt[pos++]);
      continue;
    }
    size_t start = pos;
    pos += std::string_view(match->name).size();
    bool ordinal = false, ordinal_upper = false;
    if (pos + 1 < fmt.size() + 0 && (MatchesAt(fmt, pos, "TH"))) {
      ordinal = true;
      ordinal_upper = fmt[pos] == 'T';
      pos += 2;
    }
    if (t.is_interval) {
      switch (match->id) {
        case kD: case kID: case kAD: case kBC: case kAD_DOTS: case kBC_DOTS: case kMONTH: case kMON: case kDAY: case kDY:
          // PostgreSQL's INVALID_FOR_INTERVAL.
          throw Exception(sqlstate::kInvalidDatetimeFormat, "invalid format specification for an interval value");
        case kDDD: case kIDDD: case kWW: case kIW: case kJ:
          throw Exception(sqlstate::kFeatureNotSupported, std::string("to_char of an interval does not support the pattern ") + match->name);
        default: break;
      }
    }
    int64_t numeric = 0;
    bool is_number = true;
    std::string text;
    Case word_case = CaseOf(fmt, start);
    int64_t doy = t.is_interval ? 0 : t.days_since_epoch - date_time::DaysFromCivil(static_cast<int32_t>(t.year), 1, 1) + 1;
    switch (match->id) {
      case kHH24: numeric = t.hour; text = Number(numeric, 2, fill_mode); break;
      case kHH12:
      case kHH: numeric = t.is_interval ? hour12 % 12 == 0 && t.hour == 0 ? 12 : hour12 : hour12; text = Number(numeric, 2, fill_mode); break;
      case kMI: numeric = t.minute; text = Number(numeric, 2, fill_mode); break;
      case kSS: numeric = t.second; text = Number(numeric, 2, fill_mode); break;
      case kMS: numeric = t.micros / 1000; text = Number(numeric, 3, fill_mode); break;
      case kUS: numeric = t.micros; text = Number(numeric, 6, fill_mode); break;
      case kSSSS:
      case kSSSSS: numeric = (t.hour * 60 + t.minute) * 60 + t.second; text = Number(numeric, 0, true); break;
      case kAM: case kPM: is_number = false; text = ApplyCase(pm ? "PM" : "AM", word_case == Case::kLower ? Case::kLower : Case::kUpper); break;
      case kAM_DOTS: case kPM_DOTS: is_number = false; text = ApplyCase(pm ? "P.M." : "A.M.", word_case == Case::kLower ? Case::kLower : Case::kUpper); break;
      case kAD: case kBC: is_number = false; text = ApplyCase(bc ? "BC" : "AD", word_case == Case::kLower ? Case::kLower : Case::kUpper); break;
      case kAD_DOTS: case kBC_DOTS: is_number = false; text = ApplyCase(bc ? "B.C." : "A.D.", word_case == Case::kLower ? Case::kLower : Case::kUpper); break;
      case kY_YYY: {
        numeric = year;
        std::string digits = Number(year % 1000, 3, false);
        text = std::to_string(year / 1000) + "," + digits;
        break;
      }
      case kYYYY: numeric = year; text = Number(year, 4, fill_mode); break;
      case kYYY: numeric = year % 1000; text = Number(numeric, 3, fill_mode); break;
      case kYY: numeric = year % 100; text = Number(numeric, 2, fill_mode); break;
      case kY: numeric = year % 10; text = Number(numeric, 1, fill_mode); break;
      case kIYYY: case kIYY: case kIY: case kI: case kIW: case kIDDD: {
        int64_t iso_year = 0, week = 0;
        if (!t.is_interval) IsoWeek(t.days_since_epoch, iso_year, week);
        if (iso_year <= 0) iso_year = 1 - iso_year;
        if (match->id == kIW) { numeric = week; text = Number(week, 2, fill_mode); }
        else if (match->id == kIDDD) { numeric = t.is_interval ? 0 : t.days_since_epoch - IsoYearStart(iso_year) + 1; text = Number(numeric, 3, fill_mode); }
        else if (match->id == kIYYY) { numeric = iso_year; text = Number(iso_year, 4, fill_mode); }
        else if (match->id == kIYY) { numeric = iso_year % 1000; text = Number(numeric, 3, fill_mode); }
        else if (match->id == kIY) { numeric = iso_year % 100; text = Number(numeric, 2, fill_mode); }
        else { numeric = iso_year % 10; text = Number(numeric, 1, fill_mode); }
        break;
      }
      case kMONTH: case kMON: {
        is_number = false;
        if (t.is_interval && t.month == 0) break;
        std::string name = kMonths[(t.month + 11) % 12];
        if (match->id == kMON) text = ApplyCase(name.substr(0, 3), word_case);
        else text = PadWord(ApplyCase(name, word_case), 9, fill_mode);
        break;
      }
      case kMM: numeric = t.month; text = Number(numeric, 2, fill_mode); break;
      case kDAY: case kDY: {
        is_number = false;
        if (t.is_interval) break;
        std::string name = kDays[IsoDow(t.days_since_epoch) % 7];
        if (match->id == kDY) text = ApplyCase(name.substr(0, 3), word_case);
        else text = PadWord(ApplyCase(name, word_case), 9, fill_mode);
        break;
      }
      case kDDD: numeric = doy; text = Number(numeric, 3, fill_mode); break;
      case kDD: numeric = t.day; text = Number(numeric, 2, fill_mode); break;
      case kD: numeric = t.is_interval ? 0 : IsoDow(t.days_since_epoch) % 7 + 1; text = Number(numeric, 1, fill_mode); break;
      case kID: numeric = t.is_interval ? 0 : IsoDow(t.days_since_epoch); text = Number(numeric, 1, fill_mode); break;
      case kW: numeric = (t.day - 1) / 7 + 1; text = Number(numeric, 1, fill_mode); break;
      case kWW: numeric = (doy - 1) / 7 + 1; text = Number(numeric, 2, fill_mode); break;
      case kCC: {
        if (t.is_interval) numeric = year / 100;
        else numeric = bc ? -((year + 99) / 100) : (year + 99) / 100;
        text = Number(numeric, 2, fill_mode);
        break;
      }
      case kJ: numeric = t.days_since_epoch + 2440588; text = Number(numeric, 0, true); break;
      case kQ: numeric = (t.month - 1) / 3 + 1; text = Number(numeric, 1, true); break;
      case kRM: {
        is_number = false;
        if (t.is_interval && t.month == 0) break;
        text = PadWord(ApplyCase(kRomanMonths[(t.month + 11) % 12], word_case == Case::kLower ? Case::kLower : Case::kUpper), 4, fill_mode);
        break;
      }
      case kTZ: is_number = false; text = t.with_time_zone ? ApplyCase("UTC", word_case == Case::kLower ? Case::kLower : Case::kUpper) : ""; break;
      case kTZH: is_number = false; text = t.with_time_zone ? "+00" : ""; break;
      case kTZM: is_number = false; text = t.with_time_zone ? "00" : ""; break;
      case kOF: is_number = false; text = t.with_time_zone ? "+00" : ""; break;
      case kFX: is_number = false; break;
      default: break;
    }
    out.append(text);
    if (ordinal && is_number) out.append(Ordinal(numeric, ordinal_upper));
  }
}

TemplateFields TimestampFields(int64_t micros, bool with_time_zone) {
  TemplateFields t;
  int64_t days = FloorDiv(micros, kMicrosPerDay);
  int64_t time = micros - days * kMicrosPerDay;
  int32_t y, m, d;
  date_time::CivilFromDays(static_cast<int32_t>(days), y, m, d);
  t.year = y, t.month = m, t.day = d, t.days_since_epoch = days;
  t.hour = time / (3600 * kMicrosPerSecond);
  t.minute = time / (60 * kMicrosPerSecond) % 60;
  t.second = time / kMicrosPerSecond % 60;
  t.micros = time % kMicrosPerSecond;
  t.with_time_zone = with_time_zone;
  return t;
}

// PostgreSQL's interval2tm: months split into years and months; the time into hours (not
// wrapped at 24), minutes, seconds and microseconds, each keeping the sign of its field.
TemplateFields IntervalFields(const interval_t& v) {
  TemplateFields t;
  t.is_interval = true;
  t.year = v.months / 12;
  t.month = v.months % 12;
  t.day = v.days;
  int64_t time = v.micros;
  t.hour = time / (3600 * kMicrosPerSecond);
  time -= t.hour * 3600 * kMicrosPerSecond;
  t.minute = time / (60 * kMicrosPerSecond);
  time -= t.minute * 60 * kMicrosPerSecond;
  t.second = time / kMicrosPerSecond;
  t.micros = time % kMicrosPerSecond;
  return t;
}

// ---- numbers -----------------------------------------------------------------------------

/// A parsed numeric template.
struct NumberTemplate {
  int integer_digits = 0;      // 9 and 0 positions before the decimal point
  int fraction_digits = 0;     // after it
  int first_zero = -1;         // index among integer positions of the first '0'
  int last_fraction_zero = 0;  // fraction positions up to this one always print
  bool has_point = false;
  bool fill_mode = false;
  bool explicit_sign = false;  // S, MI or SG present
};

NumberTemplate ParseNumberTemplate(std::string_view fmt) {
  NumberTemplate t;
  for (size_t i = 0; i < fmt.size(); i++) {
    char c = static_cast<char>(std::toupper(static_cast<unsigned char>(fmt[i])));
    if (c == '9' || c == '0') {
      if (t.has_point) {
        t.fraction_digits++;
        if (c == '0') t.last_fraction_zero = t.fraction_digits;
      } else {
        if (c == '0' && t.first_zero < 0) t.first_zero = t.integer_digits;
        t.integer_digits++;
      }
    } else if (c == '.' || c == 'D') {
      if (t.has_point) throw Exception(sqlstate::kSyntaxError, "multiple decimal points");
      t.has_point = true;
    } else if (c == 'F' && i + 1 < fmt.size() && std::toupper(static_cast<unsigned char>(fmt[i + 1])) == 'M') {
      t.fill_mode = true;
      i++;
    } else if (c == 'S' || ((c == 'M' || c == 'P' || c == 'S') && i + 1 < fmt.size())) {
      char n = static_cast<char>(std::toupper(static_cast<unsigned char>(i + 1 < fmt.size() ? fmt[i + 1] : ' ')));
      if (c == 'S' && n != 'G') t.explicit_sign = true;
      else if ((c == 'M' && n == 'I') || (c == 'S' && n == 'G')) {
        t.explicit_sign = true;
        i++;
      } else if (c == 'P' && n == 'L') {
        i++;  // PL adds a '+' and keeps the usual place for a minus sign
      }
    }
  }
  return t;
}

/// Formats the number whose decimal digits are `integer_part` ("" for zero) and `fraction`
/// (already rounded to the template's fraction digits), negative or not.
void FormatNumberTemplate(std::string_view fmt, const NumberTemplate& t, std::string integer_part, std::string fraction, bool negative,
                          std::string& out) {
  bool overflow = static_cast<int>(integer_part.size()) > t.integer_digits;
  if (integer_part == "0" && (t.has_point || t.integer_digits == 0)) integer_part.clear();
  if (integer_part.empty() && !t.has_point && t.integer_digits > 0) integer_part = "0";
  // Fill mode drops the fraction's trailing zeros past the last '0' position.
  size_t keep_fraction = fraction.size();
  if (t.fill_mode) {
    while (keep_fraction > static_cast<size_t>(t.last_fraction_zero) && fraction[keep_fraction - 1] == '0') keep_fraction--;
  }
  std::string result;
  int integer_index = 0, fraction_index = 0;
  bool seen_point = false;
  bool started = false;  // a digit (or forced zero) was printed
  bool sign_done = false;
  size_t s_position = std::string::npos;  // where an S put its sign (PL and SG stay in place)
  int first_digit_position = t.integer_digits - static_cast<int>(integer_part.size());
  auto implicit_sign = [&]() {
    if (sign_done || t.explicit_sign) return;
    sign_done = true;
    if (negative) result.push_back('-');
    else if (!t.fill_mode) result.push_back(' ');
  };
  for (size_t i = 0; i < fmt.size(); i++) {
    char c = static_cast<char>(std::toupper(static_cast<unsigned char>(fmt[i])));
    char next = static_cast<char>(i + 1 < fmt.size() ? std::toupper(static_cast<unsigned char>(fmt[i + 1])) : ' ');
    if (c == 'F' && next == 'M') {
      i++;
    } else if ((c == '9' || c == '0') && !seen_point) {
      bool forced_zero = t.first_zero >= 0 && integer_index >= t.first_zero;
      if (overflow) {
        implicit_sign();
        result.push_back('#');
      } else if (integer_index >= first_digit_position) {
        if (!started) implicit_sign();
        started = true;
        result.push_back(integer_part[static_cast<size_t>(integer_index - first_digit_position)]);
      } else if (forced_zero) {
        if (!started) implicit_sign();
        started = true;
        result.push_back('0');
      } else if (!t.fill_mode) {
        result.push_back(' ');
      }
      integer_index++;
    } else if (c == '9' || c == '0') {
      if (overflow) result.push_back('#');
      else if (static_cast<size_t>(fraction_index) < keep_fraction) result.push_back(fraction[static_cast<size_t>(fraction_index)]);
      fraction_index++;
    } else if (c == '.' || c == 'D') {
      if (!started) implicit_sign();
      started = true;
      seen_point = true;
      if (t.fraction_digits > 0) result.push_back('.');  // '99.' prints no point, as PostgreSQL
    } else if (c == ',' || c == 'G') {
      if (started || overflow) result.push_back(',');
      else if (!t.fill_mode) result.push_back(' ');
    } else if (c == 'S' && next != 'G') {
      if (s_position == std::string::npos) s_position = result.size();
      result.push_back(negative ? '-' : '+');
    } else if (c == 'M' && next == 'I') {
      result.push_back(negative ? '-' : (t.fill_mode ? '\0' : ' '));
      if (result.back() == '\0') result.pop_back();
      i++;
    } else if (c == 'P' && next == 'L') {
      result.push_back(negative ? (t.fill_mode ? '\0' : ' ') : '+');
      if (result.back() == '\0') result.pop_back();
      i++;
    } else if (c == 'S' && next == 'G') {
      result.push_back(negative ? '-' : '+');
      i++;
    } else {
      result.push_back(fmt[i]);
    }
  }
  // A leading S sits right before the number, after the blanks of unused positions.
  if (s_position != std::string::npos && !t.fill_mode) {
    size_t s = s_position;
    size_t first = result.find_first_not_of(' ');
    if (s == first && s + 1 < result.size() && result[s + 1] == ' ') {
      size_t digits = result.find_first_not_of(' ', s + 1);
      if (digits != std::string::npos) {
        char sign = result[s];
        result.erase(s, 1);
        result.insert(digits - 1, 1, sign);
      }
    }
  }
  out.append(result);
  if (t.fill_mode && !out.empty() && out.back() == '.') out.pop_back();
}

template <class T>
ScalarKernel DecimalToChar(int type_scale, bool numeric_values = false) {
  return [type_scale, numeric_values](DataChunk& args, Vector& result) {
    std::string buffer;
    executor::BinaryExecute<T, string_t, string_t>(args.data[0], args.data[1], result, args.size(), [&](T packed, const string_t& f) {
      NumberTemplate t = ParseNumberTemplate(f.view());
      hugeint_t rounded;
      // NUMERIC values carry their own scale (numeric::Unscaled/Scale of the packed value).
      hugeint_t v = numeric_values ? numeric::Unscaled(static_cast<hugeint_t>(packed)) : static_cast<hugeint_t>(packed);
      int scale = numeric_values ? numeric::Scale(static_cast<hugeint_t>(packed)) : type_scale;
      bool negative = v < 0;
      hugeint_t magnitude = negative ? -v : v;
      if (!decimal::Rescale(magnitude, static_cast<uint8_t>(scale), static_cast<uint8_t>(t.fraction_digits), decimal::kMaxWidth, rounded)) {
        throw Exception(sqlstate::kNumericValueOutOfRange, "numeric value out of range");
      }
      std::string text = decimal::ToString(rounded, static_cast<uint8_t>(t.fraction_digits));
      size_t point = text.find('.');
      std::string integer_part = point == std::string::npos ? text : text.substr(0, point);
      std::string fraction = point == std::string::npos ? "" : text.substr(point + 1);
      buffer.clear();
      FormatNumberTemplate(f.view(), t, integer_part, fraction, negative && rounded != 0, buffer);
      return MakeResultString(result, buffer);
    });
  };
}

ScalarKernel DoubleToChar() {
  return [](DataChunk& args, Vector& result) {
    std::string buffer;
    executor::BinaryExecute<double, string_t, string_t>(args.data[0], args.data[1], result, args.size(), [&](double v, const string_t& f) {
      NumberTemplate t = ParseNumberTemplate(f.view());
      buffer.clear();
      if (std::isnan(v) || std::isinf(v)) {
        // PostgreSQL prints '#' in every digit position.
        FormatNumberTemplate(f.view(), t, std::string(static_cast<size_t>(t.integer_digits) + 1, '9'), std::string(static_cast<size_t>(t.fraction_digits), '#'),
                             false, buffer);
        return MakeResultString(result, buffer);
      }
      char text[400];
      std::snprintf(text, sizeof(text), "%.*f", t.fraction_digits, std::fabs(v));
      std::string s(text);
      size_t point = s.find('.');
      std::string integer_part = point == std::string::npos ? s : s.substr(0, point);
      std::string fraction = point == std::string::npos ? "" : s.substr(point + 1);
      bool zero = s.find_first_not_of("0.") == std::string::npos;
      FormatNumberTemplate(f.view(), t, integer_part, fraction, v < 0 && !zero, buffer);
      return MakeResultString(result, buffer);
    });
  };
}

}  // namespace

void RegisterDateTimeFormatFunctions(FunctionRegistry& r) {
  for (TypeId id : {TypeId::TIMESTAMP, TypeId::TIMESTAMP_TZ}) {
    bool tz = id == TypeId::TIMESTAMP_TZ;
    r.Add({"to_char", {LogicalType(id), kVarchar}, kNone, kVarchar, [tz](DataChunk& args, Vector& result) {
             std::string buffer;
             executor::BinaryExecute<int64_t, string_t, string_t>(args.data[0], args.data[1], result, args.size(), [&](int64_t v, const string_t& f) {
               buffer.clear();
               FormatTemplate(TimestampFields(v, tz), f.view(), buffer);
               return MakeResultString(result, buffer);
             });
           }});
  }
  r.Add({"to_char", {LogicalType(TypeId::INTERVAL), kVarchar}, kNone, kVarchar, [](DataChunk& args, Vector& result) {
           std::string buffer;
           executor::BinaryExecute<interval_t, string_t, string_t>(args.data[0], args.data[1], result, args.size(), [&](const interval_t& v, const string_t& f) {
             buffer.clear();
             FormatTemplate(IntervalFields(v), f.view(), buffer);
             return MakeResultString(result, buffer);
           });
         }});
  r.Add({"to_char", {LogicalType(TypeId::DECIMAL), kVarchar}, kNone, kVarchar, nullptr}, [](ScalarFunction& bound, const std::vector<LogicalType>&) {
    const LogicalType& type = bound.arguments[0];
    bound.kernel = type.physical_type() == PhysicalType::INT128 ? DecimalToChar<hugeint_t>(type.scale()) : DecimalToChar<int64_t>(type.scale());
  });
  r.Add({"to_char", {LogicalType(TypeId::NUMERIC), kVarchar}, kNone, kVarchar, DecimalToChar<hugeint_t>(0, true)});
  r.Add({"to_char", {LogicalType(TypeId::DOUBLE), kVarchar}, kNone, kVarchar, DoubleToChar()});
}

}  // namespace cairn::function
