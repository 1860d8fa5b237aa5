// NUMERIC values with a display scale each (see numeric.h; PostgreSQL 15's numeric.c rules).
#include "common/numeric.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cmath>

#include "cairn/exception.h"
#include "common/decimal.h"
#include "common/uint256.h"

namespace cairn::numeric {
namespace {

using uhugeint_t = unsigned __int128;

constexpr int kMinSignificantDigits = 16;  // PostgreSQL's NUMERIC_MIN_SIG_DIGITS
constexpr int kBaseDigits = 4;             // PostgreSQL's DEC_DIGITS (NBASE = 10000)

[[noreturn]] void ThrowOverflow() {
  throw Exception(sqlstate::kNumericValueOutOfRange, "value overflows numeric format");
}
[[noreturn]] void ThrowScaleOverflow(int scale) {
  throw Exception(sqlstate::kNumericValueOutOfRange,
                  "numeric result needs " + std::to_string(scale) + " fractional digits, more than the " +
                      std::to_string(kMaxScale) + " Cairn supports");
}
[[noreturn]] void ThrowDivisionByZero() { throw Exception(sqlstate::kDivisionByZero, "division by zero"); }

hugeint_t Pow10(int exponent) { return decimal::PowerOfTen(exponent); }

uhugeint_t Magnitude(hugeint_t v) { return v < 0 ? uhugeint_t(0) - static_cast<uhugeint_t>(v) : static_cast<uhugeint_t>(v); }

int DigitCount(uhugeint_t v) {
  int digits = 1;
  while (digits < 39 && v >= static_cast<uhugeint_t>(Pow10(digits))) digits++;
  return digits;
}

// v * 10^exponent; false on 128-bit overflow (the result's magnitude is then past 2^127).
bool ScaleUp(hugeint_t v, int exponent, hugeint_t& out) {
  if (exponent == 0) {
    out = v;
    return true;
  }
  if (exponent > 38) {
    out = 0;
    return v == 0;
  }
  return !__builtin_mul_overflow(v, Pow10(exponent), &out);
}

bool FitsDigits(hugeint_t unscaled) { return decimal::FitsWidth(unscaled, kMaxDigits); }

// Base-10000 weight and leading base-10000 digit of unscaled * 10^-scale, as PostgreSQL's
// NumericVar holds them (weight 0, digit 0 for zero).
void LeadingBaseDigit(hugeint_t unscaled, int scale, int& weight, int& first_digit) {
  if (unscaled == 0) {
    weight = 0;
    first_digit = 0;
    return;
  }
  uhugeint_t m = Magnitude(unscaled);
  int exponent = DigitCount(m) - 1 - scale;  // decimal exponent of the leading digit
  weight = exponent >= 0 ? exponent / kBaseDigits : -((-exponent + kBaseDigits - 1) / kBaseDigits);
  int shift = scale + kBaseDigits * weight;  // |value| / 10000^weight = m / 10^shift
  if (shift >= 0) {
    first_digit = static_cast<int>(m / static_cast<uhugeint_t>(Pow10(shift)));
  } else {
    first_digit = static_cast<int>(m * static_cast<uhugeint_t>(Pow10(-shift)));
  }
}

// LeadingBaseDigit from the decimal digits of the magnitude.
void LeadingBaseDigitOfDigits(std::string_view digits, int scale, int& weight, int& first_digit) {
  if (digits == "0" || digits.empty()) {
    weight = 0;
    first_digit = 0;
    return;
  }
  int exponent = static_cast<int>(digits.size()) - 1 - scale;
  weight = exponent >= 0 ? exponent / kBaseDigits : -((-exponent + kBaseDigits - 1) / kBaseDigits);
  int shift = scale + kBaseDigits * weight;  // first_digit = floor(magnitude / 10^shift)
  int keep = static_cast<int>(digits.size()) - shift;  // 1..4 leading digits, then zeros if shift < 0
  first_digit = 0;
  for (int i = 0; i < keep; i++) first_digit = first_digit * 10 + (i < static_cast<int>(digits.size()) ? digits[i] - '0' : 0);
}

int ScaleFromWeights(int weight1, int digit1, int a_scale, int weight2, int digit2, int b_scale) {
  int quotient_weight = weight1 - weight2;
  if (digit1 <= digit2) quotient_weight--;
  int scale = kMinSignificantDigits - quotient_weight * kBaseDigits;
  return std::max({scale, a_scale, b_scale, 0});
}

int SelectDivisionScale(hugeint_t a_unscaled, int a_scale, hugeint_t b_unscaled, int b_scale) {
  int weight1, digit1, weight2, digit2;
  LeadingBaseDigit(a_unscaled, a_scale, weight1, digit1);
  LeadingBaseDigit(b_unscaled, b_scale, weight2, digit2);
  return ScaleFromWeights(weight1, digit1, a_scale, weight2, digit2, b_scale);
}

// Brings a and b to their larger scale; false on overflow of either (`which` says which one:
// 1 for a, 2 for b).
bool Align(hugeint_t a, hugeint_t b, hugeint_t& ua, hugeint_t& ub, int& scale, int& which) {
  int sa = Scale(a), sb = Scale(b);
  scale = std::max(sa, sb);
  which = 0;
  if (!ScaleUp(Unscaled(a), scale - sa, ua)) which = 1;
  else if (!ScaleUp(Unscaled(b), scale - sb, ub)) which = 2;
  return which == 0;
}

// Drops `digits` (> 0) fractional digits of `unscaled`: rounding half away from zero, or
// truncating toward zero.
hugeint_t DropDigits(hugeint_t unscaled, int digits, bool round) {
  if (digits > 38) return 0;  // |unscaled| < 10^35: rounds and truncates to 0
  hugeint_t divisor = Pow10(digits);
  hugeint_t q = unscaled / divisor, r = unscaled % divisor;
  if (round) {
    if (r * 2 >= divisor) q++;
    else if (r * 2 <= -divisor) q--;
  }
  return q;
}

hugeint_t RoundOrTruncate(hugeint_t a, int digits, bool round) {
  digits = std::clamp(digits, -1000, 1000);
  int s = Scale(a);
  hugeint_t u = Unscaled(a);
  if (digits >= s) {
    hugeint_t out;
    if (digits > kMaxScale) ThrowScaleOverflow(digits);
    if (!ScaleUp(u, digits - s, out)) ThrowOverflow();
    return Pack(out, digits);
  }
  hugeint_t q = DropDigits(u, s - digits, round);
  if (digits >= 0) return Pack(q, digits);
  hugeint_t out;
  if (!ScaleUp(q, -digits, out)) ThrowOverflow();
  return Pack(out, 0);
}

}  // namespace

bool TryPack(hugeint_t unscaled, int scale, hugeint_t& out) {
  if (scale < 0 || scale > kMaxScale || !FitsDigits(unscaled)) return false;
  out = PackUnchecked(unscaled, scale);
  return true;
}

hugeint_t Pack(hugeint_t unscaled, int scale) {
  hugeint_t out;
  if (scale > kMaxScale) ThrowScaleOverflow(scale);
  if (!TryPack(unscaled, scale, out)) ThrowOverflow();
  return out;
}

std::string ToString(hugeint_t packed) {
  return decimal::ToString(Unscaled(packed), static_cast<uint8_t>(Scale(packed)));
}

ParseStatus Parse(std::string_view text, hugeint_t& out) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  size_t pos = 0, end = text.size();
  while (pos < end && is_space(text[pos])) pos++;
  while (end > pos && is_space(text[end - 1])) end--;
  bool negative = false;
  if (pos < end && (text[pos] == '+' || text[pos] == '-')) negative = text[pos++] == '-';
  uhugeint_t unscaled = 0;
  bool overflow = false, any_digit = false;
  int fraction_digits = 0;
  bool in_fraction = false;
  const uhugeint_t limit = static_cast<uhugeint_t>(Pow10(kMaxDigits));
  for (; pos < end; pos++) {
    char c = text[pos];
    if (c >= '0' && c <= '9') {
      any_digit = true;
      if (in_fraction) fraction_digits++;
      if (!overflow) {
        unscaled = unscaled * 10 + static_cast<unsigned>(c - '0');
        if (unscaled >= limit) overflow = true;
      }
    } else if (c == '.' && !in_fraction) {
      in_fraction = true;
    } else {
      break;
    }
  }
  if (!any_digit) {
    std::string_view rest = text.substr(pos, end - pos);
    auto equals = [&](std::string_view word) {
      if (rest.size() != word.size()) return false;
      for (size_t i = 0; i < word.size(); i++) {
        char c = rest[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != word[i]) return false;
      }
      return true;
    };
    if (equals("nan") || equals("infinity") || equals("inf")) return ParseStatus::kNotSupported;
    return ParseStatus::kSyntaxError;
  }
  long exponent = 0;
  if (pos < end && (text[pos] == 'e' || text[pos] == 'E')) {
    pos++;
    bool exponent_negative = false;
    if (pos < end && (text[pos] == '+' || text[pos] == '-')) exponent_negative = text[pos++] == '-';
    if (pos >= end || text[pos] < '0' || text[pos] > '9') return ParseStatus::kSyntaxError;
    for (; pos < end && text[pos] >= '0' && text[pos] <= '9'; pos++) {
      if (exponent < 100000) exponent = exponent * 10 + (text[pos] - '0');
    }
    if (exponent_negative) exponent = -exponent;
  }
  if (pos != end) return ParseStatus::kSyntaxError;
  if (overflow) return ParseStatus::kOutOfRange;
  long scale = fraction_digits - exponent;
  hugeint_t value = static_cast<hugeint_t>(unscaled);
  if (negative) value = -value;
  if (scale < 0) {
    if (value != 0 && -scale > kMaxDigits) return ParseStatus::kOutOfRange;
    if (!ScaleUp(value, static_cast<int>(std::min<long>(-scale, 38)), value)) return ParseStatus::kOutOfRange;
    scale = 0;
  }
  if (scale > kMaxScale) return ParseStatus::kOutOfRange;
  return TryPack(value, static_cast<int>(scale), out) ? ParseStatus::kOk : ParseStatus::kOutOfRange;
}

int Compare(hugeint_t a, hugeint_t b) {
  int sa = Scale(a), sb = Scale(b);
  hugeint_t ua = Unscaled(a), ub = Unscaled(b);
  if (sa != sb) {
    // Bring the smaller scale up; an overflow means that side has the larger magnitude. A
    // 64-bit value times at most 10^19 fits in 127 bits: no overflow check (the common case,
    // an integer compared with an average).
    if (sa < sb) {
      if (sb - sa <= 19 && ua >= INT64_MIN && ua <= INT64_MAX) {
        ua *= Pow10(sb - sa);
      } else if (!ScaleUp(ua, sb - sa, ua)) {
        return Unscaled(a) < 0 ? -1 : 1;
      }
    } else {
      if (sa - sb <= 19 && ub >= INT64_MIN && ub <= INT64_MAX) {
        ub *= Pow10(sa - sb);
      } else if (!ScaleUp(ub, sa - sb, ub)) {
        return Unscaled(b) < 0 ? 1 : -1;
      }
    }
  }
  return ua < ub ? -1 : (ua > ub ? 1 : 0);
}

hugeint_t Normalize(hugeint_t packed) {
  hugeint_t u = Unscaled(packed);
  int s = Scale(packed);
  if (u == 0) return PackUnchecked(0, 0);
  if (s == 0 || u % 10 != 0) return packed;
  // Strip zeros in halving steps (a hash key per row: at most a few divisions, in 64 bits when
  // the value fits).
  if (u >= INT64_MIN && u <= INT64_MAX) {
    int64_t v = static_cast<int64_t>(u);
    for (int step : {16, 8, 4, 2, 1}) {
      const int64_t divisor = decimal::PowerOfTen64(step);
      while (s >= step && v % divisor == 0) {
        v /= divisor;
        s -= step;
      }
    }
    return PackUnchecked(v, s);
  }
  for (int step : {32, 16, 8, 4, 2, 1}) {
    const hugeint_t divisor = Pow10(step);
    while (s >= step && u % divisor == 0) {
      u /= divisor;
      s -= step;
    }
  }
  return PackUnchecked(u, s);
}

hugeint_t OrderKey(hugeint_t packed) {
  hugeint_t u = Unscaled(packed);
  if (u == 0) return 0;
  uhugeint_t m = Magnitude(u);
  int digits = DigitCount(m);
  int exponent = digits - 1 - Scale(packed);  // -38 .. 34
  uhugeint_t mantissa = m * static_cast<uhugeint_t>(Pow10(kMaxDigits - digits));  // < 10^35 < 2^117
  hugeint_t key = static_cast<hugeint_t>((static_cast<uhugeint_t>(exponent + 64) << 117) | mantissa);
  return u < 0 ? -key : key;
}

hugeint_t Add(hugeint_t a, hugeint_t b) {
  hugeint_t ua, ub, r;
  int scale, which;
  if (!Align(a, b, ua, ub, scale, which) || __builtin_add_overflow(ua, ub, &r)) ThrowOverflow();
  return Pack(r, scale);
}

hugeint_t Subtract(hugeint_t a, hugeint_t b) {
  hugeint_t ua, ub, r;
  int scale, which;
  if (!Align(a, b, ua, ub, scale, which) || __builtin_sub_overflow(ua, ub, &r)) ThrowOverflow();
  return Pack(r, scale);
}

hugeint_t Multiply(hugeint_t a, hugeint_t b) {
  hugeint_t r;
  if (__builtin_mul_overflow(Unscaled(a), Unscaled(b), &r)) ThrowOverflow();
  return Pack(r, Scale(a) + Scale(b));
}

int DivisionScaleOfDigits(std::string_view dividend_digits, int dividend_scale, std::string_view divisor_digits,
                          int divisor_scale) {
  int weight1, digit1, weight2, digit2;
  LeadingBaseDigitOfDigits(dividend_digits, dividend_scale, weight1, digit1);
  LeadingBaseDigitOfDigits(divisor_digits, divisor_scale, weight2, digit2);
  return ScaleFromWeights(weight1, digit1, dividend_scale, weight2, digit2, divisor_scale);
}

int DivisionScale(hugeint_t a, hugeint_t b) {
  return SelectDivisionScale(Unscaled(a), Scale(a), Unscaled(b), Scale(b));
}

hugeint_t DivideUnscaled(hugeint_t dividend, int dividend_scale, hugeint_t divisor, int divisor_scale) {
  if (divisor == 0) ThrowDivisionByZero();
  int scale = SelectDivisionScale(dividend, dividend_scale, divisor, divisor_scale);
  if (scale > kMaxScale) ThrowScaleOverflow(scale);
  hugeint_t q;
  if (!decimal::Divide(dividend, dividend_scale, divisor, divisor_scale, scale, kMaxDigits, q)) ThrowOverflow();
  return PackUnchecked(q, scale);
}

hugeint_t Divide(hugeint_t a, hugeint_t b) { return DivideUnscaled(Unscaled(a), Scale(a), Unscaled(b), Scale(b)); }

hugeint_t Modulo(hugeint_t a, hugeint_t b) {
  if (Unscaled(b) == 0) ThrowDivisionByZero();
  hugeint_t ua, ub;
  int scale, which;
  if (!Align(a, b, ua, ub, scale, which)) {
    if (which == 1) ThrowOverflow();
    return Pack(ua, scale);  // |b| is past every value a can hold at this scale: a % b == a
  }
  return Pack(ua % ub, scale);
}

hugeint_t Negate(hugeint_t a) { return PackUnchecked(-Unscaled(a), Scale(a)); }

hugeint_t Round(hugeint_t a, int digits) { return RoundOrTruncate(a, digits, true); }
hugeint_t Truncate(hugeint_t a, int digits) { return RoundOrTruncate(a, digits, false); }

hugeint_t Ceil(hugeint_t a) {
  int s = Scale(a);
  hugeint_t u = Unscaled(a);
  if (s == 0) return a;
  hugeint_t divisor = Pow10(s);
  hugeint_t q = u / divisor, r = u % divisor;
  if (r > 0) q++;
  return Pack(q, 0);
}

hugeint_t Floor(hugeint_t a) {
  int s = Scale(a);
  hugeint_t u = Unscaled(a);
  if (s == 0) return a;
  hugeint_t divisor = Pow10(s);
  hugeint_t q = u / divisor, r = u % divisor;
  if (r < 0) q--;
  return Pack(q, 0);
}

hugeint_t SquareRoot(hugeint_t a) {
  hugeint_t u = Unscaled(a);
  int s = Scale(a);
  if (u < 0) throw Exception("2201F", "cannot take square root of a negative number");
  int weight, first_digit;
  LeadingBaseDigit(u, s, weight, first_digit);
  int result_weight = (weight + 1) * kBaseDigits / 2 - 1;  // numeric_sqrt's sweight
  int scale = std::max({kMinSignificantDigits - result_weight, s, 0});
  if (scale > kMaxScale) ThrowScaleOverflow(scale);
  // sqrt(u * 10^-s) * 10^scale = sqrt(u * 10^(2 * scale - s)); 2 * scale >= s.
  UInt256 radicand = UInt256::From128(static_cast<uhugeint_t>(u));
  for (int exponent = 2 * scale - s; exponent > 0;) {
    int step = std::min(exponent, 19);
    if (!Multiply64(radicand, static_cast<uint64_t>(Pow10(step)), radicand)) ThrowOverflow();
    exponent -= step;
  }
  UInt256 root = SquareRootFloor(radicand);
  uhugeint_t r;
  if (!root.To128(r) || r >= static_cast<uhugeint_t>(Pow10(kMaxDigits))) ThrowOverflow();
  UInt256 root_squared;
  Multiply128(root, r, root_squared);
  if (Compare(Subtract(radicand, root_squared), root) > 0) r++;  // nearest: radicand > r^2 + r
  return Pack(static_cast<hugeint_t>(r), scale);
}

hugeint_t FromInteger(hugeint_t value) { return Pack(value, 0); }

hugeint_t FromDecimal(hugeint_t unscaled, int scale) { return Pack(unscaled, scale); }

hugeint_t FromDouble(double value, int significant_digits) {
  if (std::isnan(value)) {
    throw Exception(sqlstate::kFeatureNotSupported, "numeric NaN is not supported");
  }
  if (std::isinf(value)) {
    throw Exception(sqlstate::kFeatureNotSupported, "numeric Infinity is not supported");
  }
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%.*g", significant_digits, value);
  hugeint_t out;
  if (Parse(buffer, out) != ParseStatus::kOk) ThrowOverflow();
  return out;
}

double ToDouble(hugeint_t packed) {
  std::string text = ToString(packed);
  return std::strtod(text.c_str(), nullptr);
}

bool ToDecimal(hugeint_t packed, int width, int scale, hugeint_t& out) {
  return decimal::Rescale(Unscaled(packed), static_cast<uint8_t>(Scale(packed)), static_cast<uint8_t>(scale),
                          static_cast<uint8_t>(width), out);
}

}  // namespace cairn::numeric
