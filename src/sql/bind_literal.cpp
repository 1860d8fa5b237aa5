// Numeric literals and qualified INTERVAL constants (see bind_literal.h).
#include "sql/bind_literal.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "common/decimal.h"

#include "cairn/exception.h"
#include "function/cast.h"
#include "sql/parser.h"

namespace cairn {

Value BindNumericLiteral(const std::string& text) {
  // text is what PostgreSQL's scanner accepted as a number: digits[.digits][e[+-]digits], or
  // 0x/0o/0b integers and '_' separators in later grammars (rejected below).
  // The grammar folds a leading minus into the literal ("-2147483648").
  bool negative_value = !text.empty() && text[0] == '-';
  size_t pos = negative_value ? 1 : 0;
  std::string digits;  // all mantissa digits, without leading zeros
  int fraction_digits = 0;
  bool seen_point = false;
  for (; pos < text.size(); pos++) {
    char c = text[pos];
    if (c >= '0' && c <= '9') {
      if (!(digits.empty() && c == '0')) digits.push_back(c);
      if (seen_point) fraction_digits++;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  int64_t exponent = 0;
  bool has_exponent = false;
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    has_exponent = true;
    pos++;
    bool negative = false;
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) negative = text[pos++] == '-';
    size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (exponent < 100000000) exponent = exponent * 10 + (text[pos] - '0');
      pos++;
    }
    if (pos == start) pos = text.size() + 1;  // force the syntax error below
    if (negative) exponent = -exponent;
  }
  if (pos != text.size()) {
    throw Exception(sqlstate::kSyntaxError, "invalid numeric literal \"" + text + "\"");
  }
  // PostgreSQL numeric_in limits the exponent to +-1000.
  if (exponent > 1000 || exponent < -1000) {
    throw Exception(sqlstate::kNumericValueOutOfRange, "value \"" + text + "\" is out of range for type numeric");
  }
  if (!seen_point && !has_exponent) {
    if (digits.size() <= 19) {
      hugeint_t value = 0;
      for (char c : digits) value = value * 10 + (c - '0');
      if (negative_value) value = -value;
      // As PostgreSQL's make_const: int4 when it fits (only INT_MIN gets here), else int8.
      if (value >= INT32_MIN && value <= INT32_MAX) return Value::Integer(static_cast<int32_t>(value));
      if (value >= INT64_MIN && value <= INT64_MAX) return Value::BigInt(static_cast<int64_t>(value));
    }
  }
  // value = digits * 10^(exponent - fraction_digits), shown with scale max(0, fraction_digits - exponent).
  int64_t scale = std::max<int64_t>(0, fraction_digits - exponent);
  int64_t shift = exponent - fraction_digits + scale;  // >= 0: zeros appended to the digits
  size_t width = digits.size() + static_cast<size_t>(shift);
  if (digits.empty()) width = 0;
  if (width > decimal::kMaxWidth || scale > decimal::kMaxWidth) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "numeric literal " + text + " needs more than " + std::to_string(decimal::kMaxWidth) +
                        " digits; Cairn's NUMERIC holds at most DECIMAL(38)");
  }
  hugeint_t unscaled = 0;
  for (char c : digits) unscaled = unscaled * 10 + (c - '0');
  for (int64_t i = 0; i < shift && !digits.empty(); i++) unscaled *= 10;
  if (negative_value) unscaled = -unscaled;
  size_t precision = std::max<size_t>({width, static_cast<size_t>(scale), 1});
  if (precision == static_cast<size_t>(scale) && precision < decimal::kMaxWidth) precision++;  // room for "0."
  return Value::Decimal(unscaled, static_cast<uint8_t>(precision), static_cast<uint8_t>(scale));
}

std::optional<date_time::IntervalQualifier> IntervalQualifierOf(const PgQuery__TypeName& type_name) {
  if (type_name.n_typmods == 0) return std::nullopt;
  std::vector<int64_t> values;
  for (size_t i = 0; i < type_name.n_typmods; i++) {
    const PgQuery__Node* mod = type_name.typmods[i];
    if (!mod || mod->node_case != PG_QUERY__NODE__NODE_A_CONST || mod->a_const->val_case != PG_QUERY__A__CONST__VAL_IVAL) {
      throw Exception(sqlstate::kSyntaxError, "INTERVAL type modifiers must be simple constants");
    }
    values.push_back(mod->a_const->ival->ival);
  }
  date_time::IntervalQualifier qualifier;
  qualifier.range = static_cast<int32_t>(values[0]);
  if (!qualifier.IsValidRange() || values.size() > 2) {
    throw Exception(sqlstate::kSyntaxError, "invalid INTERVAL type modifier");
  }
  if (values.size() == 2) {
    if (values[1] < 0) {
      throw Exception(sqlstate::kInvalidParameterValue,
                      "INTERVAL(" + std::to_string(values[1]) + ") precision must not be negative");
    }
    qualifier.precision = static_cast<int32_t>(std::min<int64_t>(values[1], 6));  // PostgreSQL reduces to 6
  }
  return qualifier;
}

ExpressionPtr BindQualifiedIntervalCast(ExpressionPtr child, const date_time::IntervalQualifier& qualifier) {
  if (child->expression_class != ExpressionClass::CONSTANT) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "casting a non-constant value to INTERVAL with a field qualifier or precision is not supported yet");
  }
  const Value& value = static_cast<BoundConstant&>(*child).value;
  if (value.IsNull()) return std::make_unique<BoundConstant>(Value::Null(TypeId::INTERVAL));
  interval_t result;
  switch (value.type().id()) {
    case TypeId::VARCHAR: {
      auto status = date_time::ParseInterval(value.GetString(), qualifier, result);
      if (status != date_time::IntervalParseStatus::kOk) cast::ThrowIntervalInput(status, value.GetString());
      break;
    }
    case TypeId::INTERVAL:
      result = value.GetInterval();
      if (!date_time::ApplyIntervalQualifier(result, qualifier)) {
        throw Exception(sqlstate::kDatetimeFieldOverflow, "interval out of range");
      }
      break;
    default:
      throw Exception("42846", "cannot cast type " + cast::ErrorTypeName(value.type()) + " to interval");
  }
  return std::make_unique<BoundConstant>(Value::Interval(result));
}

}  // namespace cairn
