// JSON number normalization and order keys (see json_number.h).
#include "function/json/json_number.h"

#include <cstdint>

#include "cairn/exception.h"

namespace cairn::json {
namespace {

constexpr int64_t kMaxIntegerDigits = 131072;  // numeric: up to 131072 digits before the point
constexpr int64_t kMaxScale = 16383;           // and 16383 after it (NUMERIC_DSCALE_MAX)

/// A JSON number split into sign, digits and the power of ten of the last digit.
struct Decomposed {
  bool negative = false;
  std::string digits;   // integer and fraction digits, leading zeros removed ("" for zero)
  int64_t exponent = 0; // value = digits * 10^exponent
  int64_t scale = 0;    // PostgreSQL's display scale: max(0, fraction digits - written exponent)
};

Decomposed Decompose(std::string_view text) {
  Decomposed d;
  size_t i = 0;
  if (i < text.size() && text[i] == '-') {
    d.negative = true;
    i++;
  }
  int64_t fraction_digits = 0;
  bool in_fraction = false;
  for (; i < text.size(); i++) {
    char c = text[i];
    if (c == '.') {
      in_fraction = true;
    } else if (c >= '0' && c <= '9') {
      if (!(d.digits.empty() && c == '0')) d.digits.push_back(c);
      if (in_fraction) fraction_digits++;
    } else {
      break;  // 'e' or 'E'
    }
  }
  int64_t written_exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    i++;
    bool negative_exponent = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative_exponent = text[i++] == '-';
    for (; i < text.size(); i++) {
      written_exponent = written_exponent * 10 + (text[i] - '0');
      if (written_exponent > 1000000000) {
        throw Exception(sqlstate::kNumericValueOutOfRange, "value overflows numeric format");
      }
    }
    if (negative_exponent) written_exponent = -written_exponent;
  }
  d.exponent = written_exponent - fraction_digits;
  d.scale = fraction_digits - written_exponent < 0 ? 0 : fraction_digits - written_exponent;
  if (d.digits.empty()) d.negative = false;  // numeric has no negative zero
  return d;
}

}  // namespace

std::string NormalizeNumber(std::string_view text) {
  Decomposed d = Decompose(text);
  int64_t integer_digits = static_cast<int64_t>(d.digits.size()) + d.exponent;
  if (integer_digits > kMaxIntegerDigits || d.scale > kMaxScale) {
    throw Exception(sqlstate::kNumericValueOutOfRange, "value overflows numeric format");
  }
  std::string out;
  if (d.negative) out.push_back('-');
  if (d.digits.empty()) {
    out.push_back('0');
  } else if (integer_digits <= 0) {
    out.push_back('0');
  } else if (d.exponent >= 0) {
    out += d.digits;
    out.append(static_cast<size_t>(d.exponent), '0');
  } else {
    out.append(d.digits, 0, static_cast<size_t>(integer_digits));
  }
  if (d.scale > 0) {
    out.push_back('.');
    // Fraction digit k (1-based) has weight 10^-k; digits[j] has weight 10^(exponent + n-1-j).
    const int64_t n = static_cast<int64_t>(d.digits.size());
    for (int64_t k = 1; k <= d.scale; k++) {
      int64_t j = n - 1 - (-k - d.exponent);
      out.push_back(j >= 0 && j < n ? d.digits[static_cast<size_t>(j)] : '0');
    }
  }
  return out;
}

void AppendNumberKey(std::string_view text, std::string& key) {
  Decomposed d = Decompose(text);
  while (!d.digits.empty() && d.digits.back() == '0') {
    d.digits.pop_back();
    d.exponent++;
  }
  if (d.digits.empty()) {
    key.push_back('\x02');
    return;
  }
  key.push_back(d.negative ? '\x01' : '\x03');
  const auto invert = [&](uint8_t b) { return static_cast<char>(d.negative ? 0xFF - b : b); };
  // Magnitude order: the position of the leading digit first, then the digits.
  int64_t leading = d.exponent + static_cast<int64_t>(d.digits.size());
  uint64_t biased = static_cast<uint64_t>(leading + (int64_t(1) << 40));
  for (int shift = 40; shift >= 0; shift -= 8) key.push_back(invert(static_cast<uint8_t>(biased >> shift)));
  for (char c : d.digits) key.push_back(invert(static_cast<uint8_t>(c - '0' + 1)));
  key.push_back(invert(0));
}

}  // namespace cairn::json
