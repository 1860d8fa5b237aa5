#include "common/number_format.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <system_error>

namespace cairn {
namespace {

// Lays out the shortest round-trip digits (from to_chars scientific form "d.ddde[+-]xx") as
// PostgreSQL's float8out/float4out do with extra_float_digits = 1: positional for
// -4 <= exponent < `digits` (15 for double, 6 for real), scientific otherwise ("1e+20",
// "1.5e-07"), and no ".0" on whole numbers.
std::string Layout(const char* begin, const char* end, int positional_limit) {
  std::string_view sci(begin, static_cast<size_t>(end - begin));
  bool negative = false;
  if (!sci.empty() && sci[0] == '-') {
    negative = true;
    sci.remove_prefix(1);
  }
  size_t e_pos = sci.find('e');
  std::string_view mantissa = sci.substr(0, e_pos);
  int exponent = 0;
  if (e_pos != std::string_view::npos) {
    std::string_view exp_text = sci.substr(e_pos + 1);
    if (!exp_text.empty() && exp_text[0] == '+') exp_text.remove_prefix(1);
    std::from_chars(exp_text.data(), exp_text.data() + exp_text.size(), exponent);
  }
  std::string digits;
  for (char c : mantissa) {
    if (c != '.') digits.push_back(c);
  }
  std::string out;
  if (negative) out.push_back('-');
  if (exponent < -4 || exponent >= positional_limit) {
    out.push_back(digits[0]);
    if (digits.size() > 1) {
      out.push_back('.');
      out.append(digits, 1, std::string::npos);
    }
    out.push_back('e');
    out.push_back(exponent < 0 ? '-' : '+');
    int magnitude = std::abs(exponent);
    if (magnitude < 10) out.push_back('0');
    out.append(std::to_string(magnitude));
    return out;
  }
  if (exponent < 0) {
    out.append("0.");
    out.append(static_cast<size_t>(-exponent - 1), '0');
    out.append(digits);
    return out;
  }
  size_t integer_digits = static_cast<size_t>(exponent) + 1;
  if (digits.size() <= integer_digits) {
    out.append(digits);
    out.append(integer_digits - digits.size(), '0');
  } else {
    out.append(digits, 0, integer_digits);
    out.push_back('.');
    out.append(digits, integer_digits, std::string::npos);
  }
  return out;
}

template <class T>
std::string FormatFloating(T value, int positional_limit) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value < 0 ? "-Infinity" : "Infinity";
  if (value == 0) return std::signbit(value) ? "-0" : "0";
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
  return Layout(buffer, result.ptr, positional_limit);
}

}  // namespace

std::string FormatDouble(double value) { return FormatFloating(value, 15); }
std::string FormatFloat(float value) { return FormatFloating(value, 6); }

}  // namespace cairn
