#include "common/decimal.h"

#include <algorithm>

namespace cairn::decimal {
namespace {

struct PowerTable {
  hugeint_t values[39];
  constexpr PowerTable() : values() {
    hugeint_t v = 1;
    for (int i = 0; i < 39; i++) {
      values[i] = v;
      if (i < 38) v *= 10;
    }
  }
};
constexpr PowerTable kPowers;

using uhugeint_t = unsigned __int128;


uhugeint_t Magnitude(hugeint_t v) { return v < 0 ? uhugeint_t(0) - static_cast<uhugeint_t>(v) : static_cast<uhugeint_t>(v); }

// One long-division step: remainder * 10 divided by divisor. REQUIRES: remainder < divisor.
// Where remainder * 10 could pass 2^128 it adds the remainder ten times, reducing modulo the
// divisor each time (the running value stays below 2 * divisor < 2^128).
unsigned NextDigit(uhugeint_t& remainder, uhugeint_t divisor) {
  constexpr uhugeint_t kSafe = static_cast<uhugeint_t>(1) << 124;
  if (remainder < kSafe) {
    uhugeint_t t = remainder * 10;
    remainder = t % divisor;
    return static_cast<unsigned>(t / divisor);
  }
  unsigned digit = 0;
  uhugeint_t t = 0;
  for (int i = 0; i < 10; i++) {
    t += remainder;
    if (t >= divisor) {
      t -= divisor;
      digit++;
    }
  }
  remainder = t;
  return digit;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

}  // namespace

hugeint_t PowerOfTen(int exponent) { return kPowers.values[exponent]; }
int64_t PowerOfTen64(int exponent) { return static_cast<int64_t>(kPowers.values[exponent]); }

std::string HugeintToString(hugeint_t value) {
  if (value == 0) return "0";
  char buffer[48];
  int pos = sizeof(buffer);
  bool negative = value < 0;
  // Work with negative remainders so the minimum value does not overflow on negation.
  while (value != 0) {
    int digit = static_cast<int>(value % 10);
    buffer[--pos] = static_cast<char>('0' + (digit < 0 ? -digit : digit));
    value /= 10;
  }
  if (negative) buffer[--pos] = '-';
  return std::string(buffer + pos, sizeof(buffer) - pos);
}

std::string ToString(hugeint_t unscaled, uint8_t scale) {
  if (scale == 0) return HugeintToString(unscaled);
  bool negative = unscaled < 0;
  std::string digits = HugeintToString(unscaled);
  if (negative) digits.erase(0, 1);
  if (digits.size() <= scale) digits.insert(0, scale + 1 - digits.size(), '0');
  digits.insert(digits.size() - scale, 1, '.');
  if (negative) digits.insert(0, 1, '-');
  return digits;
}

bool FitsWidth(hugeint_t value, uint8_t width) {
  hugeint_t limit = PowerOfTen(width);
  return value < limit && value > -limit;
}

ParseStatus Parse(std::string_view text, uint8_t width, uint8_t scale, hugeint_t& out) {
  size_t pos = 0, end = text.size();
  while (pos < end && IsSpace(text[pos])) pos++;
  while (end > pos && IsSpace(text[end - 1])) end--;
  if (pos == end) return ParseStatus::kSyntaxError;
  bool negative = false;
  if (text[pos] == '+' || text[pos] == '-') {
    negative = text[pos] == '-';
    pos++;
  }
  // Collect significant digits (at most 39 kept; beyond that only a rounding digit matters).
  hugeint_t mantissa = 0;
  int mantissa_digits = 0;   // digits accumulated into mantissa (excluding leading zeros)
  int dropped_integer = 0;   // integer digits that did not fit (=> out of range)
  int fraction_digits = 0;   // fractional digits accumulated into mantissa
  int first_dropped = -1;    // first fractional digit that did not fit in the mantissa
  bool any_digit = false, seen_point = false;
  for (; pos < end; pos++) {
    char c = text[pos];
    if (c >= '0' && c <= '9') {
      any_digit = true;
      if (mantissa_digits < 38) {
        mantissa = mantissa * 10 + (c - '0');
        if (mantissa != 0) mantissa_digits++;
        if (seen_point) fraction_digits++;
      } else if (!seen_point) {
        dropped_integer++;
      } else if (first_dropped < 0) {
        first_dropped = c - '0';
      }
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!any_digit) return ParseStatus::kSyntaxError;
  int exponent = 0;
  if (pos < end && (text[pos] == 'e' || text[pos] == 'E')) {
    pos++;
    bool exp_negative = false;
    if (pos < end && (text[pos] == '+' || text[pos] == '-')) {
      exp_negative = text[pos] == '-';
      pos++;
    }
    if (pos == end) return ParseStatus::kSyntaxError;
    for (; pos < end && text[pos] >= '0' && text[pos] <= '9'; pos++) {
      if (exponent < 10000) exponent = exponent * 10 + (text[pos] - '0');
    }
    if (exp_negative) exponent = -exponent;
  }
  if (pos != end) return ParseStatus::kSyntaxError;
  if (dropped_integer > 0) return ParseStatus::kOutOfRange;
  // value = mantissa * 10^(exponent - fraction_digits); want value * 10^scale.
  int shift = exponent - fraction_digits + scale;
  hugeint_t result = mantissa;
  if (shift > 0) {
    for (int i = 0; i < shift && result != 0; i++) {
      if (result >= PowerOfTen(37)) return ParseStatus::kOutOfRange;  // *10 would exceed 38 digits
      result *= 10;
    }
  } else if (shift < 0) {
    int drop = -shift;
    int round_digit;
    if (drop > 38) {
      result = 0;
      round_digit = 0;
    } else {
      hugeint_t divisor = PowerOfTen(drop);
      hugeint_t remainder = result % divisor;
      result /= divisor;
      round_digit = static_cast<int>(remainder / PowerOfTen(drop - 1));
    }
    if (round_digit >= 5) result += 1;
  } else if (first_dropped >= 5) {
    result += 1;
  }
  if (!FitsWidth(result, width)) return ParseStatus::kOutOfRange;
  out = negative ? -result : result;
  return ParseStatus::kOk;
}

bool Rescale(hugeint_t value, uint8_t from, uint8_t to, uint8_t width, hugeint_t& out) {
  hugeint_t result;
  if (to >= from) {
    hugeint_t factor = PowerOfTen(to - from);
    if (__builtin_mul_overflow(value, factor, &result)) return false;
  } else {
    hugeint_t divisor = PowerOfTen(from - to);
    result = value / divisor;
    hugeint_t remainder = value % divisor;
    if (remainder * 2 >= divisor) result += 1;
    else if (remainder * 2 <= -divisor) result -= 1;
  }
  if (!FitsWidth(result, width)) return false;
  out = result;
  return true;
}

bool Divide(hugeint_t dividend, int dividend_scale, hugeint_t divisor, int divisor_scale, int result_scale,
                   int result_width, hugeint_t& out) {
  // quotient * 10^result_scale = dividend * 10^shift / divisor.
  int shift = result_scale - dividend_scale + divisor_scale;
  bool negative = (dividend < 0) != (divisor < 0);
  uhugeint_t a = Magnitude(dividend), b = Magnitude(divisor);
  const uhugeint_t limit = static_cast<uhugeint_t>(PowerOfTen(result_width));
  uhugeint_t q;
  uhugeint_t remainder;
  const uhugeint_t max_value = ~static_cast<uhugeint_t>(0);
  uhugeint_t scale_factor = shift <= 38 ? static_cast<uhugeint_t>(PowerOfTen(shift)) : 0;
  if (shift <= 38 && (a == 0 || a <= max_value / scale_factor)) {
    // Fast path: the scaled dividend fits 128 bits.
    uhugeint_t n = a * scale_factor;
    q = n / b;
    remainder = n % b;
  } else {
    // Integer part first, then one digit at a time.
    q = a / b;
    remainder = a % b;
    for (int i = 0; i < shift; i++) {
      if (q >= limit / 10) return false;  // q * 10 would need more than result_width digits
      q = q * 10 + NextDigit(remainder, b);
    }
  }
  // Half away from zero on the magnitude: round up when the remainder is at least half the divisor.
  if (remainder >= b - remainder) q++;
  if (q >= limit) return false;
  out = negative ? -static_cast<hugeint_t>(q) : static_cast<hugeint_t>(q);
  return true;
}

}  // namespace cairn::decimal
