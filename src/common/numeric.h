// NUMERIC: PostgreSQL's unconstrained numeric, a decimal number that carries its own display
// scale (PostgreSQL's dscale: '1.50'::numeric prints 1.50, '4.5'::numeric prints 4.5).
//
// A NUMERIC value is stored in one __int128 as `packed = unscaled * 256 + scale`: the value is
// unscaled * 10^-scale, 0 <= scale <= kMaxScale and |unscaled| < 10^kMaxDigits, so the packing
// never overflows (10^35 * 256 < 2^127). The low byte is the scale and an arithmetic shift by
// 8 gives the unscaled integer, for negative values too. Values outside these limits (more than
// 35 significant digits, or more than 38 fractional digits) raise 22003 rather than being
// rounded: PostgreSQL's numeric is unbounded, Cairn's stops there (docs/design/numeric.md).
//
// Arithmetic follows PostgreSQL 15's numeric.c: + and - keep the larger scale, * adds the
// scales, / picks the scale select_div_scale() picks (at least 16 significant digits, at least
// either operand's scale) and rounds half away from zero, % keeps the larger scale and the
// dividend's sign. Equal values with different scales (1.0 and 1.00) compare equal; Normalize
// and OrderKey give the forms hash keys and sort keys use.
//
// Thread-safety: pure functions, reentrant. Errors are cairn::Exception: 22003 for values past
// the limits, 22012 for division by zero, 22P02 for text that is not a number.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "cairn/types.h"

namespace cairn::numeric {

/// Most significant digits a NUMERIC holds: |unscaled| < 10^35.
constexpr int kMaxDigits = 35;
/// Most fractional digits (display scale) a NUMERIC holds.
constexpr int kMaxScale = 38;

/// The unscaled integer of a packed NUMERIC.
inline hugeint_t Unscaled(hugeint_t packed) { return packed >> 8; }
/// The display scale (fractional digits) of a packed NUMERIC.
inline int Scale(hugeint_t packed) { return static_cast<int>(static_cast<uint8_t>(packed & 0xFF)); }
/// Packs without checks. REQUIRES: |unscaled| < 10^35, 0 <= scale <= 38.
inline hugeint_t PackUnchecked(hugeint_t unscaled, int scale) {
  return static_cast<hugeint_t>(static_cast<unsigned __int128>(unscaled) << 8) + scale;
}

/// Packs `unscaled` * 10^-scale; false when |unscaled| >= 10^35 or the scale is outside 0..38.
bool TryPack(hugeint_t unscaled, int scale, hugeint_t& out);
/// Packs `unscaled` * 10^-scale, throwing 22003 "value overflows numeric format" when it does
/// not fit.
hugeint_t Pack(hugeint_t unscaled, int scale);

/// Text as PostgreSQL prints a numeric: exactly its scale's fractional digits ("1.50", "-0.05").
std::string ToString(hugeint_t packed);

enum class ParseStatus : uint8_t { kOk, kSyntaxError, kOutOfRange, kNotSupported };

/// Parses numeric input text as PostgreSQL's numeric_in: optional surrounding whitespace and
/// sign, digits with an optional point, an optional exponent ("1.5e-3" is 0.0015, scale 4;
/// "1e3" is 1000, scale 0). The scale is the number of fractional digits written (less the
/// exponent, at least 0). kOutOfRange when the value needs more than 35 significant digits or
/// 38 fractional digits; kNotSupported for NaN and Infinity (Cairn's NUMERIC has neither).
ParseStatus Parse(std::string_view text, hugeint_t& out);

/// Three-way comparison of the values (negative, 0, positive); 1.0 and 1.00 are equal.
int Compare(hugeint_t a, hugeint_t b);

/// The canonical form of a value: trailing fractional zeros stripped (1.500 -> 1.5, 0.00 -> 0).
/// Equal values have equal canonical forms (hash and group keys).
hugeint_t Normalize(hugeint_t packed);

/// A signed 128-bit integer ordered as the values are (a < b iff OrderKey(a) < OrderKey(b), equal
/// values have equal keys): sign, then the decimal exponent of the leading digit, then the
/// significant digits left-aligned to 35 places. Used by sort keys.
hugeint_t OrderKey(hugeint_t packed);

/// a + b, a - b (scale: the larger of the two), a * b (scale: the sum). 22003 on overflow.
hugeint_t Add(hugeint_t a, hugeint_t b);
hugeint_t Subtract(hugeint_t a, hugeint_t b);
hugeint_t Multiply(hugeint_t a, hugeint_t b);
/// a / b at PostgreSQL's select_div_scale, rounded half away from zero. 22012 when b is 0.
hugeint_t Divide(hugeint_t a, hugeint_t b);
/// a % b: the remainder of the truncated quotient, the dividend's sign, the larger scale. 22012
/// when b is 0.
hugeint_t Modulo(hugeint_t a, hugeint_t b);
/// -a (same scale).
hugeint_t Negate(hugeint_t a);

/// PostgreSQL's select_div_scale for dividend `a` and divisor `b`: 16 significant digits for
/// the quotient estimated from the leading base-10000 digits, but at least either display
/// scale. May exceed kMaxScale (Divide then raises 22003).
int DivisionScale(hugeint_t a, hugeint_t b);

/// select_div_scale for operands given as the decimal digits of their magnitudes ("0" for zero,
/// no leading zeros) and their display scales: for dividends wider than 128 bits (the numerator
/// of a numeric variance).
int DivisionScaleOfDigits(std::string_view dividend_digits, int dividend_scale, std::string_view divisor_digits,
                          int divisor_scale);

/// Divides unscaled `dividend` (scale `dividend_scale`, |dividend| < 2^127) by `divisor` (scale
/// `divisor_scale`) at the scale PostgreSQL's numeric_div picks: the aggregate form used by
/// avg(), whose running sums may pass 10^35 before the division brings them back.
/// 22012 when divisor is 0, 22003 when the quotient does not fit a NUMERIC.
hugeint_t DivideUnscaled(hugeint_t dividend, int dividend_scale, hugeint_t divisor, int divisor_scale);

/// round(a, digits) (digits may be negative: round(1234, -2) = 1200), half away from zero;
/// the result's scale is max(digits, 0) (PostgreSQL's numeric_round). 22003 on overflow.
hugeint_t Round(hugeint_t a, int digits);
/// trunc(a, digits): as Round but toward zero.
hugeint_t Truncate(hugeint_t a, int digits);
/// ceil(a) and floor(a), scale 0.
hugeint_t Ceil(hugeint_t a);
hugeint_t Floor(hugeint_t a);

/// sqrt(a) as PostgreSQL's numeric_sqrt: scale max(16 - the result's decimal weight estimate,
/// a's scale) where the estimate is (base-10000 weight of a + 1) * 2 - 1, rounded to nearest.
/// 2201F for a negative argument, 22003 past NUMERIC's limits.
hugeint_t SquareRoot(hugeint_t a);

/// From an integer (scale 0); 22003 past 35 digits.
hugeint_t FromInteger(hugeint_t value);
/// From a DECIMAL's unscaled value and scale (the NUMERIC keeps that scale); 22003 past 35
/// significant digits.
hugeint_t FromDecimal(hugeint_t unscaled, int scale);
/// From a double as PostgreSQL's float8_numeric (`significant_digits` = 15, DBL_DIG) or
/// float4_numeric (6, FLT_DIG): the value printed with that many significant digits, then read
/// back as numeric input. 22003 for NaN, infinities and values past the limits.
hugeint_t FromDouble(double value, int significant_digits);
/// To the nearest double (PostgreSQL's numeric_float8 reads the text with strtod).
double ToDouble(hugeint_t packed);
/// Rounds to `scale` fractional digits half away from zero and stores the unscaled result in
/// `out`; false when it needs more than `width` digits (DECIMAL(width, scale), integers).
bool ToDecimal(hugeint_t packed, int width, int scale, hugeint_t& out);

}  // namespace cairn::numeric
