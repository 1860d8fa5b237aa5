// date_timestamp_comparison: `CAST(d AS TIMESTAMP) op t`, where d is a DATE expression and t a
// TIMESTAMP constant — what PostgreSQL's `date_column < date '1995-01-01' + interval '3' month`
// binds to once the constant side is folded (TPC-H Q1, Q4, Q5, Q6, Q10, Q12, Q14, Q15, Q20) — is
// rewritten as a comparison of d with a DATE constant, so no row is cast and the scan can prune
// and filter on the column's own statistics (filter_pushdown runs after this rule).
//
// d's timestamp is midnight of d, so with floor(t) the date of t and ceil(t) the date of t
// rounded up to a midnight:
//   CAST(d) <  t  ⟺  d <  ceil(t)        CAST(d) >= t  ⟺  d >= ceil(t)
//   CAST(d) <= t  ⟺  d <= floor(t)       CAST(d) >  t  ⟺  d >  floor(t)
//   CAST(d) =  t  ⟺  d =  floor(t)   and  CAST(d) <> t  ⟺  d <> floor(t)   (t at midnight only)
// NULL stays NULL either way. The one difference: a date after 294247-01-10, which has no
// TIMESTAMP, makes the cast fail (22008) where the rewritten comparison simply answers.
#include <cstdint>

#include "common/date_time.h"
#include "common/stack_depth.h"
#include "sql/binder.h"
#include "sql/optimizer/rules.h"

namespace cairn {

namespace {

constexpr int64_t kMicrosPerDay = 86400LL * 1000000LL;

const BoundCast* DateToTimestampCast(const Expression& expression) {
  if (expression.expression_class != ExpressionClass::CAST) return nullptr;
  const auto& cast = static_cast<const BoundCast&>(expression);
  if (cast.try_cast || cast.return_type.id() != TypeId::TIMESTAMP || cast.child->return_type.id() != TypeId::DATE) {
    return nullptr;
  }
  return &cast;
}

const Value* TimestampConstant(const Expression& expression) {
  if (expression.expression_class != ExpressionClass::CONSTANT) return nullptr;
  const Value& value = static_cast<const BoundConstant&>(expression).value;
  if (value.IsNull() || value.type().id() != TypeId::TIMESTAMP) return nullptr;
  return &value;
}

/// `op` with its operands swapped (t op CAST(d) ⟺ CAST(d) op' t).
const char* Flipped(const std::string& op) {
  if (op == "<") return ">";
  if (op == "<=") return ">=";
  if (op == ">") return "<";
  if (op == ">=") return "<=";
  if (op == "=") return "=";
  if (op == "<>") return "<>";
  return nullptr;
}

/// The DATE comparison equivalent to `CAST(d) op t`, or null when there is none to make.
ExpressionPtr Rewrite(const std::string& op, const BoundCast& cast, int64_t micros) {
  int64_t floor_days = micros / kMicrosPerDay;
  if (micros % kMicrosPerDay < 0) floor_days--;
  const bool midnight = floor_days * kMicrosPerDay == micros;
  const int64_t ceil_days = midnight ? floor_days : floor_days + 1;
  int64_t days = 0;
  if (op == "<" || op == ">=") {
    days = ceil_days;
  } else if (op == "<=" || op == ">") {
    days = floor_days;
  } else if ((op == "=" || op == "<>") && midnight) {
    days = floor_days;
  } else {
    return nullptr;
  }
  if (!date_time::IsValidDate(days)) return nullptr;
  std::vector<Binder::Argument> arguments;
  arguments.push_back(Binder::Argument{cast.child->Copy(), false});
  arguments.push_back(Binder::Argument{std::make_unique<BoundConstant>(Value::Date(static_cast<int32_t>(days))), false});
  return Binder::BindOperator(op, std::move(arguments));
}

void RewriteExpression(ExpressionPtr& expression) {
  CheckStackDepth();
  ForEachChild(*expression, [](ExpressionPtr& child) { RewriteExpression(child); });
  if (expression->expression_class != ExpressionClass::FUNCTION) return;
  auto& function = static_cast<BoundFunction&>(*expression);
  if (function.children.size() != 2 || !Flipped(function.function.name)) return;
  std::string op = function.function.name;
  const BoundCast* cast = DateToTimestampCast(*function.children[0]);
  const Value* constant = TimestampConstant(*function.children[1]);
  if (!cast || !constant) {
    cast = DateToTimestampCast(*function.children[1]);
    constant = TimestampConstant(*function.children[0]);
    op = Flipped(op);
  }
  if (!cast || !constant) return;
  if (ExpressionPtr rewritten = Rewrite(op, *cast, constant->GetInt64())) expression = std::move(rewritten);
}

}  // namespace

LogicalOperatorPtr RewriteDateTimestampComparisons(LogicalOperatorPtr plan) {
  ForEachExpressionInPlan(*plan, [](ExpressionPtr& expression) { RewriteExpression(expression); });
  return plan;
}

}  // namespace cairn
