// SQL value -> JSON text (see to_json.h).
#include "function/json/to_json.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "function/json/json_document.h"

namespace cairn::json {

std::string FormatPostgresFloat(double value, bool is_float4) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (value == 0) return std::signbit(value) ? "-0" : "0";
  char buffer[64];
  std::to_chars_result r = is_float4 ? std::to_chars(buffer, buffer + sizeof(buffer), static_cast<float>(value), std::chars_format::scientific)
                                     : std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
  std::string_view scientific(buffer, static_cast<size_t>(r.ptr - buffer));  // "-d.ddde+XX"
  size_t e = scientific.find('e');
  std::string_view mantissa = scientific.substr(0, e);
  int exponent = std::atoi(std::string(scientific.substr(e + 1)).c_str());
  bool negative = mantissa[0] == '-';
  std::string digits;
  for (char c : mantissa) {
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  std::string out = negative ? "-" : "";
  const int max_fixed_exponent = is_float4 ? 6 : 15;
  if (exponent < -4 || exponent >= max_fixed_exponent) {
    out.push_back(digits[0]);
    if (digits.size() > 1) {
      out.push_back('.');
      out.append(digits, 1, std::string::npos);
    }
    out.push_back('e');
    out.push_back(exponent < 0 ? '-' : '+');
    int magnitude = std::abs(exponent);
    if (magnitude < 10) out.push_back('0');
    out += std::to_string(magnitude);
    return out;
  }
  if (exponent < 0) {
    out += "0.";
    out.append(static_cast<size_t>(-exponent - 1), '0');
    out += digits;
    return out;
  }
  size_t integer_digits = static_cast<size_t>(exponent) + 1;
  if (digits.size() <= integer_digits) {
    out += digits;
    out.append(integer_digits - digits.size(), '0');
  } else {
    out.append(digits, 0, integer_digits);
    out.push_back('.');
    out.append(digits, integer_digits, std::string::npos);
  }
  return out;
}

void AppendValueAsJson(const Value& value, std::string& out) {
  if (value.IsNull()) {
    out += "null";
    return;
  }
  const LogicalType& type = value.type();
  switch (type.id()) {
    case TypeId::BOOLEAN:
      out += value.GetBool() ? "true" : "false";
      return;
    case TypeId::FLOAT:
    case TypeId::DOUBLE: {
      double v = value.GetDouble();
      std::string text = FormatPostgresFloat(v, type.id() == TypeId::FLOAT);
      if (std::isfinite(v)) {
        out += text;
      } else {
        AppendQuotedString(text, out);
      }
      return;
    }
    case TypeId::JSON:
    case TypeId::JSONB:
      out += value.GetString();
      return;
    case TypeId::TIMESTAMP:
    case TypeId::TIMESTAMP_TZ: {
      std::string text = value.ToString();
      size_t space = text.find(' ');
      if (space != std::string::npos && space == 10) text[space] = 'T';
      if (type.id() == TypeId::TIMESTAMP_TZ) {
        // "+00" -> "+00:00" (JSON's ISO 8601 offset always has minutes).
        size_t sign = text.find_last_of("+-");
        if (sign != std::string::npos && sign > 10 && text.size() - sign == 3) text += ":00";
      }
      AppendQuotedString(text, out);
      return;
    }
    default:
      if (type.IsNumeric()) {
        out += value.ToString();
      } else {
        AppendQuotedString(value.ToString(), out);
      }
  }
}

}  // namespace cairn::json
