// Fixed-point DECIMAL helpers: the powers-of-ten table, text parsing into an unscaled integer,
// and text formatting of unscaled integers (SQL NUMERIC/DECIMAL as PostgreSQL and DuckDB print
// them: exactly `scale` fractional digits, "-0.05", "123.45").
//
// A DECIMAL(width, scale) value v is stored as the integer v * 10^scale (int64 for width <= 18,
// __int128 up to width 38). Parsing rounds half away from zero when the text has more
// fractional digits than `scale` (PostgreSQL numeric rounding).
//
// Thread-safety: all functions are reentrant; the tables are immutable.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "cairn/types.h"

namespace cairn::decimal {

/// Largest DECIMAL width Cairn supports (DuckDB's and __int128's limit).
constexpr uint8_t kMaxWidth = 38;
/// Largest width stored in an int64_t.
constexpr uint8_t kMaxInt64Width = 18;

/// 10^exponent for 0 <= exponent <= 38.
hugeint_t PowerOfTen(int exponent);
/// 10^exponent as int64 for 0 <= exponent <= 18.
int64_t PowerOfTen64(int exponent);

/// Decimal text of a 128-bit integer: "-170141183460469231731687303715884105728".
std::string HugeintToString(hugeint_t value);

/// Text of the DECIMAL whose unscaled value is `unscaled` with `scale` fractional digits:
/// ToString(12345, 2) == "123.45", ToString(-5, 2) == "-0.05", ToString(7, 0) == "7".
std::string ToString(hugeint_t unscaled, uint8_t scale);

enum class ParseStatus : uint8_t { kOk, kSyntaxError, kOutOfRange };

/// Parses `text` ("[+-]digits[.digits][e[+-]digits]", surrounding whitespace allowed) as a
/// DECIMAL(width, scale) and stores its unscaled value in `out`. Extra fractional digits are
/// rounded half away from zero. Returns kSyntaxError for malformed text and kOutOfRange when
/// the value needs more than `width - scale` integer digits.
ParseStatus Parse(std::string_view text, uint8_t width, uint8_t scale, hugeint_t& out);

/// Rescales an unscaled value from scale `from` to scale `to`, rounding half away from zero
/// when digits are dropped. Returns false when the result overflows `width` digits.
bool Rescale(hugeint_t value, uint8_t from, uint8_t to, uint8_t width, hugeint_t& out);

/// Divides the value `dividend` * 10^-dividend_scale by `divisor` * 10^-divisor_scale exactly
/// and stores the quotient rounded half away from zero to `result_scale` fractional digits, as
/// an unscaled value, in `out` (PostgreSQL's div_var with rounding). Returns false when the
/// quotient needs more than `result_width` (<= 38) digits.
/// REQUIRES: divisor != 0; |operands| < 10^38; result_scale >= dividend_scale; scales <= 38.
bool Divide(hugeint_t dividend, int dividend_scale, hugeint_t divisor, int divisor_scale, int result_scale,
            int result_width, hugeint_t& out);

/// True if |value| < 10^width.
bool FitsWidth(hugeint_t value, uint8_t width);

}  // namespace cairn::decimal
