#include "sql/expression.h"

#include "sql/logical_operator.h"
#include "common/stack_depth.h"

namespace cairn {

namespace {

std::vector<ExpressionPtr> CopyAll(const std::vector<ExpressionPtr>& expressions) {
  std::vector<ExpressionPtr> result;
  result.reserve(expressions.size());
  for (const auto& expression : expressions) result.push_back(expression->Copy());
  return result;
}

template <typename T>
std::unique_ptr<T> WithAlias(std::unique_ptr<T> copy, const Expression& original) {
  copy->alias = original.alias;
  copy->return_type = original.return_type;
  return copy;
}

std::string QuoteString(const std::string& text) {
  std::string result = "'";
  for (char c : text) {
    if (c == '\'') result += '\'';
    result += c;
  }
  return result + "'";
}

bool AllEqual(const std::vector<ExpressionPtr>& left, const std::vector<ExpressionPtr>& right) {
  if (left.size() != right.size()) return false;
  for (size_t i = 0; i < left.size(); i++) {
    if (!ExpressionEquals(*left[i], *right[i])) return false;
  }
  return true;
}

}  // namespace

bool IsOperatorName(const std::string& name) {
  static const char* const kOperators[] = {"+",  "-",  "*",  "/",  "%",   "=",   "<>",  "<",  "<=", ">",
                                           ">=", "||", "~~", "!~~", "~~*", "!~~*", "^",  "&",  "|",  "//"};
  for (const char* op : kOperators) {
    if (name == op) return true;
  }
  return false;
}

std::unique_ptr<Expression> BoundConstant::Copy() const { return WithAlias(std::make_unique<BoundConstant>(value), *this); }

std::string BoundConstant::ToString() const {
  if (value.IsNull()) return "NULL";
  if (value.type().id() == TypeId::VARCHAR) return QuoteString(value.GetString());
  return value.ToString();
}

std::unique_ptr<Expression> BoundColumnRef::Copy() const {
  auto copy = std::make_unique<BoundColumnRef>(binding, return_type, name);
  copy->depth = depth;
  return WithAlias(std::move(copy), *this);
}

std::string BoundColumnRef::ToString() const { return name; }

std::unique_ptr<Expression> BoundReference::Copy() const {
  return WithAlias(std::make_unique<BoundReference>(index, return_type, name), *this);
}

std::string BoundReference::ToString() const { return name; }

std::unique_ptr<Expression> BoundParameter::Copy() const {
  auto copy = WithAlias(std::make_unique<BoundParameter>(index, return_type), *this);
  copy->pending_type = pending_type;
  return copy;
}

bool BoundParameter::IsUnknown() {
  if (pending_type && pending_type->has_value()) {
    return_type = **pending_type;
    pending_type.reset();
  }
  return pending_type != nullptr;
}

void BoundParameter::SetType(const LogicalType& type) {
  *pending_type = type;
  return_type = type;
  pending_type.reset();
}

std::string BoundParameter::ToString() const { return "$" + std::to_string(index); }

std::unique_ptr<Expression> BoundSubquery::Copy() const {
  auto copy = WithAlias(std::make_unique<BoundSubquery>(subquery_type, return_type, subquery), *this);
  copy->child = child ? child->Copy() : nullptr;
  copy->comparison = comparison;
  copy->all = all;
  return copy;
}

std::string BoundSubquery::ToString() const {
  switch (subquery_type) {
    case SubqueryType::SCALAR: return "(SUBQUERY)";
    case SubqueryType::EXISTS: return "EXISTS(SUBQUERY)";
    case SubqueryType::ANY:
      return "(" + child->ToString() + " " + comparison + (all ? " ALL" : " ANY") + "(SUBQUERY))";
  }
  return "(SUBQUERY)";
}

std::unique_ptr<Expression> BoundFunction::Copy() const {
  CheckStackDepth();
  return WithAlias(std::make_unique<BoundFunction>(function, CopyAll(children)), *this);
}

std::string BoundFunction::ToString() const {
  CheckStackDepth();
  if (IsOperatorName(function.name)) {
    if (children.size() == 1) return "(" + function.name + children[0]->ToString() + ")";
    if (children.size() == 2) {
      return "(" + children[0]->ToString() + " " + function.name + " " + children[1]->ToString() + ")";
    }
  }
  std::string result = function.name + "(";
  for (size_t i = 0; i < children.size(); i++) {
    if (i > 0) result += ", ";
    result += children[i]->ToString();
  }
  return result + ")";
}

std::unique_ptr<Expression> BoundCast::Copy() const {
  CheckStackDepth();
  auto copy = std::make_unique<BoundCast>(child->Copy(), return_type, try_cast);
  copy->implicit = implicit;
  return WithAlias(std::move(copy), *this);
}

std::string BoundCast::ToString() const {
  CheckStackDepth();
  return std::string(try_cast ? "TRY_CAST(" : "CAST(") + child->ToString() + " AS " + return_type.ToString() + ")";
}

std::unique_ptr<Expression> BoundConjunction::Copy() const {
  CheckStackDepth();
  return WithAlias(std::make_unique<BoundConjunction>(type, CopyAll(children)), *this);
}

std::string BoundConjunction::ToString() const {
  CheckStackDepth();
  std::string result = "(";
  for (size_t i = 0; i < children.size(); i++) {
    if (i > 0) result += type == ConjunctionType::AND ? " AND " : " OR ";
    result += children[i]->ToString();
  }
  return result + ")";
}

std::unique_ptr<Expression> BoundOperator::Copy() const {
  CheckStackDepth();
  return WithAlias(std::make_unique<BoundOperator>(type, return_type, CopyAll(children)), *this);
}

std::string BoundOperator::ToString() const {
  CheckStackDepth();
  switch (type) {
    case OperatorType::NOT:
      return "(NOT " + children[0]->ToString() + ")";
    case OperatorType::IS_NULL:
      return "(" + children[0]->ToString() + " IS NULL)";
    case OperatorType::IS_NOT_NULL:
      return "(" + children[0]->ToString() + " IS NOT NULL)";
    case OperatorType::COALESCE:
    case OperatorType::IN:
    case OperatorType::NOT_IN: {
      std::string result;
      size_t first = 0;
      if (type == OperatorType::COALESCE) {
        result = "COALESCE(";
      } else {
        result = "(" + children[0]->ToString() + (type == OperatorType::IN ? " IN (" : " NOT IN (");
        first = 1;
      }
      for (size_t i = first; i < children.size(); i++) {
        if (i > first) result += ", ";
        result += children[i]->ToString();
      }
      return result + (type == OperatorType::COALESCE ? ")" : "))");
    }
  }
  return "?";
}

std::unique_ptr<Expression> BoundCase::Copy() const {
  CheckStackDepth();
  std::vector<Check> copies;
  for (const auto& check : checks) copies.push_back(Check{check.when->Copy(), check.then->Copy()});
  return WithAlias(std::make_unique<BoundCase>(return_type, std::move(copies), else_expression->Copy()), *this);
}

std::string BoundCase::ToString() const {
  CheckStackDepth();
  std::string result = "CASE";
  for (const auto& check : checks) {
    result += " WHEN " + check.when->ToString() + " THEN " + check.then->ToString();
  }
  return result + " ELSE " + else_expression->ToString() + " END";
}

void ForEachChild(Expression& expression, const std::function<void(ExpressionPtr&)>& fn) {
  CheckStackDepth();
  switch (expression.expression_class) {
    case ExpressionClass::CONSTANT:
    case ExpressionClass::COLUMN_REF:
    case ExpressionClass::REFERENCE:
    case ExpressionClass::PARAMETER:
      return;
    case ExpressionClass::SUBQUERY: {
      auto& subquery = static_cast<BoundSubquery&>(expression);
      if (subquery.child) fn(subquery.child);
      return;
    }
    case ExpressionClass::FUNCTION:
      for (auto& child : static_cast<BoundFunction&>(expression).children) fn(child);
      return;
    case ExpressionClass::CAST:
      fn(static_cast<BoundCast&>(expression).child);
      return;
    case ExpressionClass::CONJUNCTION:
      for (auto& child : static_cast<BoundConjunction&>(expression).children) fn(child);
      return;
    case ExpressionClass::OPERATOR:
      for (auto& child : static_cast<BoundOperator&>(expression).children) fn(child);
      return;
    case ExpressionClass::CASE: {
      auto& bound_case = static_cast<BoundCase&>(expression);
      for (auto& check : bound_case.checks) {
        fn(check.when);
        fn(check.then);
      }
      fn(bound_case.else_expression);
      return;
    }
  }
}

bool ContainsSubquery(Expression& expression) {
  CheckStackDepth();
  if (expression.expression_class == ExpressionClass::SUBQUERY) return true;
  bool found = false;
  ForEachChild(expression, [&](ExpressionPtr& child) { found = found || ContainsSubquery(*child); });
  return found;
}

void ForEachColumnRef(Expression& expression, const std::function<void(BoundColumnRef&)>& fn) {
  if (expression.expression_class == ExpressionClass::COLUMN_REF) {
    fn(static_cast<BoundColumnRef&>(expression));
    return;
  }
  ForEachChild(expression, [&](ExpressionPtr& child) { ForEachColumnRef(*child, fn); });
}

void ForEachParameter(ExpressionPtr& expression, const std::function<void(ExpressionPtr&)>& fn) {
  if (expression->expression_class == ExpressionClass::PARAMETER) {
    fn(expression);
    return;
  }
  if (expression->expression_class == ExpressionClass::SUBQUERY) {
    ForEachExpressionInPlan(*static_cast<BoundSubquery&>(*expression).subquery,
                            [&](ExpressionPtr& inner) { ForEachParameter(inner, fn); });
  }
  ForEachChild(*expression, [&](ExpressionPtr& child) { ForEachParameter(child, fn); });
}

bool ExpressionEquals(const Expression& left, const Expression& right) {
  CheckStackDepth();
  if (left.expression_class != right.expression_class || left.return_type != right.return_type) return false;
  switch (left.expression_class) {
    case ExpressionClass::CONSTANT:
      return static_cast<const BoundConstant&>(left).value == static_cast<const BoundConstant&>(right).value;
    case ExpressionClass::COLUMN_REF:
      return static_cast<const BoundColumnRef&>(left).binding == static_cast<const BoundColumnRef&>(right).binding;
    case ExpressionClass::REFERENCE:
      return static_cast<const BoundReference&>(left).index == static_cast<const BoundReference&>(right).index;
    case ExpressionClass::PARAMETER:
      return static_cast<const BoundParameter&>(left).index == static_cast<const BoundParameter&>(right).index;
    case ExpressionClass::SUBQUERY: {
      // Copies of one bound subquery (GROUP BY 1 copies its select item) are the same value;
      // two subqueries written separately are not compared (either may be volatile).
      const auto& l = static_cast<const BoundSubquery&>(left);
      const auto& r = static_cast<const BoundSubquery&>(right);
      if (l.subquery != r.subquery || l.subquery_type != r.subquery_type || l.comparison != r.comparison ||
          l.all != r.all || (l.child == nullptr) != (r.child == nullptr)) {
        return false;
      }
      return !l.child || ExpressionEquals(*l.child, *r.child);
    }
    case ExpressionClass::FUNCTION: {
      const auto& l = static_cast<const BoundFunction&>(left);
      const auto& r = static_cast<const BoundFunction&>(right);
      return l.function.name == r.function.name && !l.function.is_volatile && AllEqual(l.children, r.children);
    }
    case ExpressionClass::CAST: {
      const auto& l = static_cast<const BoundCast&>(left);
      const auto& r = static_cast<const BoundCast&>(right);
      return l.try_cast == r.try_cast && ExpressionEquals(*l.child, *r.child);
    }
    case ExpressionClass::CONJUNCTION: {
      const auto& l = static_cast<const BoundConjunction&>(left);
      const auto& r = static_cast<const BoundConjunction&>(right);
      return l.type == r.type && AllEqual(l.children, r.children);
    }
    case ExpressionClass::OPERATOR: {
      const auto& l = static_cast<const BoundOperator&>(left);
      const auto& r = static_cast<const BoundOperator&>(right);
      return l.type == r.type && AllEqual(l.children, r.children);
    }
    case ExpressionClass::CASE: {
      const auto& l = static_cast<const BoundCase&>(left);
      const auto& r = static_cast<const BoundCase&>(right);
      if (l.checks.size() != r.checks.size()) return false;
      for (size_t i = 0; i < l.checks.size(); i++) {
        if (!ExpressionEquals(*l.checks[i].when, *r.checks[i].when) ||
            !ExpressionEquals(*l.checks[i].then, *r.checks[i].then)) {
          return false;
        }
      }
      return ExpressionEquals(*l.else_expression, *r.else_expression);
    }
  }
  return false;
}

bool IsVolatile(const Expression& expression) {
  if (expression.expression_class == ExpressionClass::FUNCTION &&
      static_cast<const BoundFunction&>(expression).function.is_volatile) {
    return true;
  }
  bool found = false;
  ForEachChild(const_cast<Expression&>(expression), [&](ExpressionPtr& child) { found = found || IsVolatile(*child); });
  return found;
}

namespace {

void StripImplicitCasts(ExpressionPtr& expression) {
  while (expression->expression_class == ExpressionClass::CAST && static_cast<BoundCast&>(*expression).implicit) {
    ExpressionPtr child = std::move(static_cast<BoundCast&>(*expression).child);
    expression = std::move(child);
  }
  ForEachChild(*expression, StripImplicitCasts);
}

}  // namespace

ExpressionPtr CopyWithoutImplicitCasts(const Expression& expression) {
  ExpressionPtr copy = expression.Copy();
  StripImplicitCasts(copy);
  return copy;
}

}  // namespace cairn
