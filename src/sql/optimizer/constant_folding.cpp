// constant_folding: every expression whose inputs are all constants is evaluated once, here,
// and replaced by its value (PostgreSQL's eval_const_expressions): `x > 2 + 3` becomes `x > 5`,
// `date '1998-12-01' - interval '90' day` a date, `upper('abc')` 'ABC', casts of literals their
// values. Evaluation uses the same kernels and casts the executor runs, on one-row vectors, so
// a folded value is the value execution would produce.
//
// Not folded: volatile functions (random(), now(): the binder marks them), parameters ($n: one
// execution's values, never the plan's), subqueries, set-returning functions, TRY_CAST (a failure
// is NULL, left to execution), and anything whose evaluation raises an error — the expression
// stays as it was, so the error is raised only if a row reaches it, as PostgreSQL does
// (`CASE WHEN x > 0 THEN 1 ELSE 1/0 END` fails only on a row with x <= 0).
//
// Filters lose their TRUE conjuncts (and a filter left with none goes). Also simplified: AND with a FALSE operand is FALSE and TRUE operands are dropped, OR with a
// TRUE operand is TRUE and FALSE operands are dropped; NOT, IS [NOT] NULL of constants; COALESCE
// whose first operand is a non-NULL constant; CASE branches whose WHEN is a constant (TRUE: it
// answers; FALSE or NULL: it is dropped).
#include "cairn/exception.h"
#include "common/stack_depth.h"
#include "function/cast.h"
#include "sql/optimizer/rules.h"

namespace cairn {

namespace {

bool IsConstant(const ExpressionPtr& expression) { return expression->expression_class == ExpressionClass::CONSTANT; }

const Value& ConstantValue(const ExpressionPtr& expression) { return static_cast<const BoundConstant&>(*expression).value; }

/// A BOOLEAN constant TRUE / FALSE (not NULL).
bool IsBoolConstant(const ExpressionPtr& expression, bool value) {
  if (!IsConstant(expression)) return false;
  const Value& v = ConstantValue(expression);
  return !v.IsNull() && v.type().id() == TypeId::BOOLEAN && v.GetBool() == value;
}

/// Replaces `expression` by a constant of its own type and alias.
void ReplaceWithConstant(ExpressionPtr& expression, Value value) {
  auto constant = std::make_unique<BoundConstant>(std::move(value));
  constant->alias = expression->alias;
  expression = std::move(constant);
}

/// Runs `function` over constant arguments as the executor does (one row); nullopt when the
/// kernel raises an error or the result type has no storage.
std::optional<Value> EvaluateFunction(const BoundFunction& function) {
  if (!function.function.kernel || function.return_type.physical_type() == PhysicalType::INVALID) return std::nullopt;
  try {
    DataChunk arguments;
    arguments.data.resize(function.children.size());
    for (idx_t i = 0; i < function.children.size(); i++) arguments.data[i] = Vector(ConstantValue(function.children[i]));
    arguments.SetCardinality(1);
    Vector result;
    result.Initialize(function.return_type, kStandardVectorSize);
    function.function.kernel(arguments, result);
    return result.GetValue(0);
  } catch (const Exception&) {
    return std::nullopt;
  }
}

/// Casts a constant as the executor does; nullopt when the cast raises an error.
std::optional<Value> EvaluateCast(const BoundCast& cast) {
  const Value& value = ConstantValue(cast.child);
  if (value.IsNull() || value.type().id() == TypeId::SQLNULL) return Value::Null(cast.return_type);
  if (value.type() == cast.return_type) return value;
  if (cast.return_type.physical_type() == PhysicalType::INVALID) return std::nullopt;
  try {
    Vector source(value);
    Vector result;
    result.Initialize(cast.return_type, kStandardVectorSize);
    CastVector(source, result, 1);
    return result.GetValue(0);
  } catch (const Exception&) {
    return std::nullopt;
  }
}

void Fold(ExpressionPtr& expression);

void FoldConjunction(ExpressionPtr& expression) {
  auto& conjunction = static_cast<BoundConjunction&>(*expression);
  const bool is_and = conjunction.type == ConjunctionType::AND;
  // AND: a FALSE operand decides, TRUE operands are neutral; OR the other way round.
  std::vector<ExpressionPtr> kept;
  for (auto& child : conjunction.children) {
    if (IsBoolConstant(child, !is_and)) {
      ReplaceWithConstant(expression, Value::Boolean(!is_and));
      return;
    }
    if (!IsBoolConstant(child, is_and)) kept.push_back(std::move(child));
  }
  if (kept.empty()) {
    ReplaceWithConstant(expression, Value::Boolean(is_and));
  } else if (kept.size() == 1 && kept[0]->return_type.id() == TypeId::BOOLEAN) {
    std::string alias = expression->alias;
    expression = std::move(kept[0]);
    if (!alias.empty()) expression->alias = alias;
  } else {
    conjunction.children = std::move(kept);
    // Only NULL constants and non-constants remain: all NULL is NULL.
    if (conjunction.children.size() >= 2 && std::all_of(conjunction.children.begin(), conjunction.children.end(), IsConstant)) {
      ReplaceWithConstant(expression, Value::Null(TypeId::BOOLEAN));
    }
  }
}

void FoldOperator(ExpressionPtr& expression) {
  auto& op = static_cast<BoundOperator&>(*expression);
  switch (op.type) {
    case OperatorType::NOT:
      if (IsConstant(op.children[0]) && op.children[0]->return_type.id() == TypeId::BOOLEAN) {
        const Value& v = ConstantValue(op.children[0]);
        ReplaceWithConstant(expression, v.IsNull() ? Value::Null(TypeId::BOOLEAN) : Value::Boolean(!v.GetBool()));
      }
      return;
    case OperatorType::IS_NULL:
    case OperatorType::IS_NOT_NULL:
      if (IsConstant(op.children[0])) {
        bool is_null = ConstantValue(op.children[0]).IsNull();
        ReplaceWithConstant(expression, Value::Boolean(is_null == (op.type == OperatorType::IS_NULL)));
      }
      return;
    case OperatorType::COALESCE:
      // The first operand decides when it is a non-NULL constant of the result type.
      if (IsConstant(op.children[0]) && !ConstantValue(op.children[0]).IsNull() &&
          op.children[0]->return_type == op.return_type) {
        ReplaceWithConstant(expression, ConstantValue(op.children[0]));
      }
      return;
    case OperatorType::IN:
    case OperatorType::NOT_IN:
      return;  // lists of constants are hash probes at execution (execution/in_list_set.h)
  }
}

void FoldCase(ExpressionPtr& expression) {
  auto& expr = static_cast<BoundCase&>(*expression);
  std::vector<BoundCase::Check> kept;
  for (auto& check : expr.checks) {
    if (IsConstant(check.when)) {
      const Value& when = ConstantValue(check.when);
      if (when.IsNull() || !when.GetBool()) continue;  // never taken
      if (kept.empty()) {
        // The first remaining branch is always taken.
        if (check.then->return_type != expr.return_type) return;
        std::string alias = expression->alias;
        ExpressionPtr then = std::move(check.then);
        expression = std::move(then);
        if (!alias.empty()) expression->alias = alias;
        return;
      }
      // Taken whenever the branches before it are not: it is the ELSE.
      expr.else_expression = std::move(check.then);
      break;
    }
    kept.push_back(std::move(check));
  }
  expr.checks = std::move(kept);
  if (expr.checks.empty() && expr.else_expression->return_type == expr.return_type) {
    std::string alias = expression->alias;
    ExpressionPtr else_expression = std::move(expr.else_expression);
    expression = std::move(else_expression);
    if (!alias.empty()) expression->alias = alias;
  }
}

void Fold(ExpressionPtr& expression) {
  CheckStackDepth();
  switch (expression->expression_class) {
    case ExpressionClass::CONSTANT:
    case ExpressionClass::COLUMN_REF:
    case ExpressionClass::REFERENCE:
    case ExpressionClass::PARAMETER:
    case ExpressionClass::SUBQUERY:
      return;
    case ExpressionClass::FUNCTION: {
      auto& function = static_cast<BoundFunction&>(*expression);
      for (auto& child : function.children) Fold(child);
      if (function.function.is_volatile || function.function.set_function) return;
      if (!std::all_of(function.children.begin(), function.children.end(), IsConstant)) return;
      if (auto value = EvaluateFunction(function)) ReplaceWithConstant(expression, std::move(*value));
      return;
    }
    case ExpressionClass::CAST: {
      auto& cast = static_cast<BoundCast&>(*expression);
      Fold(cast.child);
      if (cast.try_cast || !IsConstant(cast.child)) return;
      if (auto value = EvaluateCast(cast)) ReplaceWithConstant(expression, std::move(*value));
      return;
    }
    case ExpressionClass::CONJUNCTION:
      for (auto& child : static_cast<BoundConjunction&>(*expression).children) Fold(child);
      FoldConjunction(expression);
      return;
    case ExpressionClass::OPERATOR:
      for (auto& child : static_cast<BoundOperator&>(*expression).children) Fold(child);
      FoldOperator(expression);
      return;
    case ExpressionClass::CASE: {
      auto& expr = static_cast<BoundCase&>(*expression);
      for (auto& check : expr.checks) {
        Fold(check.when);
        Fold(check.then);
      }
      Fold(expr.else_expression);
      FoldCase(expression);
      return;
    }
  }
}

}  // namespace

namespace {

/// Drops the TRUE conjuncts of every filter, and filters left with none.
void DropTrueFilters(LogicalOperatorPtr& plan) {
  CheckStackDepth();
  for (auto& child : plan->children) DropTrueFilters(child);
  if (plan->type != LogicalOperatorType::FILTER) return;
  auto& filter = static_cast<LogicalFilter&>(*plan);
  std::erase_if(filter.expressions, [](const ExpressionPtr& conjunct) { return IsBoolConstant(conjunct, true); });
  if (filter.expressions.empty() && filter.children.size() == 1) {
    LogicalOperatorPtr child = std::move(filter.children[0]);
    plan = std::move(child);
  }
}

}  // namespace

LogicalOperatorPtr FoldConstants(LogicalOperatorPtr plan) {
  ForEachExpressionInPlan(*plan, [](ExpressionPtr& expression) {
    if (expression) Fold(expression);
  });
  DropTrueFilters(plan);
  return plan;
}

}  // namespace cairn
