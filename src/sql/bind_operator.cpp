// Operators, implicit casts and PostgreSQL's "unknown"-typed string literals.
#include <algorithm>

#include "cairn/exception.h"
#include "common/decimal.h"
#include "function/cast.h"
#include "sql/bind_literal.h"
#include "sql/binder.h"

namespace cairn {

namespace {

bool IsArithmetic(const std::string& name) {
  return name == "+" || name == "-" || name == "*" || name == "/" || name == "%" || name == "//";
}

/// The type an untyped string literal takes next to an operand of `other` type for `name`,
/// as PostgreSQL's operator resolution picks it (the manual's "Operators" type-conversion
/// rules): the other operand's type when an operator exists with that type on both sides
/// (date - '2024-01-01' is date - date), interval for timestamp/time + unknown, and numeric
/// wide enough for the literal's own digits next to a numeric (2.5 + '1.25' is 3.75; casting to
/// the other side's DECIMAL(2,1) would round the literal). Throws 42725 for date + unknown,
/// which PostgreSQL finds ambiguous (date + integer, date + interval, date + time).
LogicalType LiteralTargetType(const std::string& name, const LogicalType& other, const Expression& literal) {
  if (name == "+") {
    if (other.id() == TypeId::DATE) {
      throw Exception("42725", "operator is not unique: date + unknown");
    }
    if (other.id() == TypeId::TIMESTAMP || other.id() == TypeId::TIMESTAMP_TZ || other.id() == TypeId::TIME) {
      return TypeId::INTERVAL;
    }
  }
  if (other.id() == TypeId::DECIMAL && literal.expression_class == ExpressionClass::CONSTANT) {
    const Value& value = static_cast<const BoundConstant&>(literal).value;
    if (!value.IsNull() && value.type().id() == TypeId::VARCHAR) {
      std::string text = value.GetString();
      size_t begin = text.find_first_not_of(" \t\n\r");
      size_t end = text.find_last_not_of(" \t\n\r");
      text = begin == std::string::npos ? "" : text.substr(begin, end - begin + 1);
      if (!text.empty() && text[0] == '+') text.erase(0, 1);
      bool negative = !text.empty() && text[0] == '-';
      if (negative) text.erase(0, 1);
      try {
        LogicalType own = BindNumericLiteral(text).type();
        if (own.id() == TypeId::DECIMAL) return own;
        if (own.IsIntegral()) return LogicalType::Decimal(decimal::kMaxWidth, 0);
      } catch (const Exception&) {
        // Not a plain number: the cast to `other` reports PostgreSQL's 22P02.
      }
    }
  }
  return other;
}

}  // namespace

bool Binder::IsComparison(const std::string& name) {
  return name == "=" || name == "<>" || name == "<" || name == "<=" || name == ">" || name == ">=";
}

ExpressionPtr Binder::AddCast(ExpressionPtr expression, const LogicalType& type, bool try_cast) {
  if (expression->expression_class == ExpressionClass::PARAMETER && type.id() != TypeId::SQLNULL &&
      static_cast<BoundParameter&>(*expression).IsUnknown()) {
    // An untyped parameter takes the type its context asks for (x = $1).
    static_cast<BoundParameter&>(*expression).SetType(type);
    return expression;
  }
  if (expression->return_type == type) return expression;
  if (expression->expression_class == ExpressionClass::CONSTANT) {
    const Value& value = static_cast<BoundConstant&>(*expression).value;
    std::string alias = expression->alias;
    ExpressionPtr folded;
    if (value.IsNull()) {
      folded = std::make_unique<BoundConstant>(Value::Null(type));
    } else if (try_cast) {
      try {
        folded = std::make_unique<BoundConstant>(value.CastAs(type));
      } catch (const Exception&) {
        folded = std::make_unique<BoundConstant>(Value::Null(type));
      }
    } else {
      folded = std::make_unique<BoundConstant>(value.CastAs(type));
    }
    folded->alias = alias;
    return folded;
  }
  auto cast = std::make_unique<BoundCast>(std::move(expression), type, try_cast);
  cast->implicit = !try_cast;
  return cast;
}

LogicalType Binder::ValueType(const LogicalType& common, const std::vector<LogicalType>& inputs) {
  if (common.id() != TypeId::DECIMAL) return common;
  for (const auto& type : inputs) {
    if (type.id() != TypeId::SQLNULL && type != common) return TypeId::NUMERIC;
  }
  return common;
}

LogicalType Binder::UnifyTypes(std::vector<Argument>& arguments, bool values) {
  // Typed operands decide; untyped literals follow them (all-literal lists stay VARCHAR).
  std::optional<LogicalType> common;
  std::vector<LogicalType> typed;
  for (const auto& argument : arguments) {
    if (argument.string_literal) continue;
    const LogicalType& type = argument.expression->return_type;
    if (type.id() == TypeId::SQLNULL) continue;
    common = common ? MaxLogicalType(*common, type) : type;
    typed.push_back(type);
  }
  if (common && values) {
    common = ValueType(*common, typed);
    // An untyped literal next to a decimal keeps its own digits too.
    for (const auto& argument : arguments) {
      if (argument.string_literal && common->id() == TypeId::DECIMAL) common = LogicalType(TypeId::NUMERIC);
    }
  }
  if (!common) {
    bool any_literal = false;
    for (const auto& argument : arguments) any_literal = any_literal || argument.string_literal;
    common = any_literal ? LogicalType(TypeId::VARCHAR) : LogicalType(TypeId::SQLNULL);
  }
  for (auto& argument : arguments) {
    // Casting a constant may throw (22P02); keep the argument intact for the caller then.
    ExpressionPtr input = argument.expression->expression_class == ExpressionClass::CONSTANT
                              ? argument.expression->Copy()
                              : std::move(argument.expression);
    argument.expression = AddCast(std::move(input), *common);
  }
  return *common;
}

namespace {

/// round(numeric, n) / trunc(numeric, n) with a constant n: PostgreSQL's result shows n
/// fractional digits (0 when n < 0), so the result type narrows or widens its scale to n.
ExpressionPtr NarrowRoundingScale(const std::string& name, ExpressionPtr bound) {
  if (name != "round" && name != "trunc") return bound;
  auto& function = static_cast<BoundFunction&>(*bound);
  if (function.children.size() != 2 || function.return_type.id() != TypeId::DECIMAL ||
      function.children[1]->expression_class != ExpressionClass::CONSTANT) {
    return bound;
  }
  const Value& digits_value = static_cast<BoundConstant&>(*function.children[1]).value;
  if (digits_value.IsNull()) return bound;
  int64_t digits = digits_value.CastAs(TypeId::BIGINT).GetInt64();
  const LogicalType& in = function.return_type;
  // One more integer digit: rounding 9.96 to one digit gives 10.0. The scale is capped so the
  // integer digits still fit 38 (PostgreSQL's numeric shows up to 1000 fractional digits).
  int integer_digits = in.width() - in.scale() + 1;
  int scale = static_cast<int>(std::clamp<int64_t>(digits, 0, std::max(0, decimal::kMaxWidth - integer_digits)));
  int width = std::min<int>(decimal::kMaxWidth, integer_digits + scale);
  return Binder::AddCast(std::move(bound), LogicalType::Decimal(static_cast<uint8_t>(std::max(width, 1)),
                                                                static_cast<uint8_t>(scale)));
}

}  // namespace

ExpressionPtr Binder::BindOperator(const std::string& name, std::vector<Argument> arguments) {
  if (arguments.size() == 2 && arguments[0].string_literal && arguments[1].string_literal && IsArithmetic(name)) {
    // PostgreSQL: two unknown-typed literals leave every numeric, date/time and text candidate
    // of an arithmetic operator equally good.
    throw Exception("42725", "operator is not unique: unknown " + name + " unknown");
  }
  if (arguments.size() == 2) {
    Argument& left = arguments[0];
    Argument& right = arguments[1];
    if (left.string_literal != right.string_literal) {
      Argument& literal = left.string_literal ? left : right;
      const Argument& typed = left.string_literal ? right : left;
      LogicalType other = typed.expression->return_type;
      // An untyped parameter takes a typed text operand's type too (a literal already is text).
      bool parameter = literal.expression->expression_class == ExpressionClass::PARAMETER;
      // json/jsonb's arithmetic-named operator (jsonb - 'key') takes text, not jsonb: left to
      // function resolution.
      bool json_operand = other.id() == TypeId::JSON || other.id() == TypeId::JSONB;
      // jsonb || unknown is jsonb || jsonb (PostgreSQL tries the other operand's type first).
      if ((other.id() != TypeId::VARCHAR || parameter) && other.id() != TypeId::SQLNULL &&
          (IsComparison(name) || (IsArithmetic(name) && !json_operand) || (name == "||" && other.id() == TypeId::JSONB))) {
        literal.expression = AddCast(std::move(literal.expression), LiteralTargetType(name, other, *literal.expression));
      }
    }
    if (IsComparison(name)) {
      const LogicalType& l = left.expression->return_type;
      const LogicalType& r = right.expression->return_type;
      if (l != r && l.id() != TypeId::SQLNULL && r.id() != TypeId::SQLNULL) {
        try {
          LogicalType common = MaxLogicalType(l, r);
          left.expression = AddCast(std::move(left.expression), common);
          right.expression = AddCast(std::move(right.expression), common);
        } catch (const Exception&) {
          // No common type: the function catalog reports "operator does not exist".
        }
      }
    }
  }
  std::vector<LogicalType> types;
  std::vector<bool> unknown;
  for (const auto& argument : arguments) {
    types.push_back(argument.expression->return_type);
    unknown.push_back(argument.string_literal);
  }
  // PostgreSQL's exponentiation operator is the power() function (DOUBLE result).
  ScalarFunction function = BindScalarFunction(name == "^" && types.size() == 2 ? "power" : name, types, unknown);
  std::vector<ExpressionPtr> children;
  for (size_t i = 0; i < arguments.size(); i++) {
    LogicalType target = i < function.arguments.size() ? function.arguments[i] : function.varargs;
    ExpressionPtr child = std::move(arguments[i].expression);
    if (target.id() != TypeId::INVALID && target.id() != TypeId::SQLNULL) child = AddCast(std::move(child), target);
    children.push_back(std::move(child));
  }
  return NarrowRoundingScale(name, std::make_unique<BoundFunction>(std::move(function), std::move(children)));
}

}  // namespace cairn
