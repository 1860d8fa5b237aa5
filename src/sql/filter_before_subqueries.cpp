#include "sql/filter_before_subqueries.h"

#include "common/stack_depth.h"

namespace cairn {

namespace {

/// Rewrites the plans of the subqueries in `expression`.
void RewriteSubqueryPlans(Expression& expression) {
  CheckStackDepth();
  if (expression.expression_class == ExpressionClass::SUBQUERY) {
    auto& subquery = static_cast<BoundSubquery&>(expression);
    if (subquery.subquery) FilterBeforeSubqueries(*subquery.subquery);
    if (subquery.child) RewriteSubqueryPlans(*subquery.child);
    return;
  }
  ForEachChild(expression, [&](ExpressionPtr& child) { RewriteSubqueryPlans(*child); });
}

}  // namespace

void FilterBeforeSubqueries(LogicalOperator& plan) {
  CheckStackDepth();
  for (auto& child : plan.children) FilterBeforeSubqueries(*child);
  plan.ForEachExpression([](ExpressionPtr& expression) { RewriteSubqueryPlans(*expression); });
  if (plan.type != LogicalOperatorType::FILTER) return;

  auto& filter = static_cast<LogicalFilter&>(plan);
  bool has_subquery = false;
  for (auto& conjunct : filter.expressions) has_subquery = has_subquery || ContainsSubquery(*conjunct);
  if (!has_subquery) return;
  std::vector<ExpressionPtr> plain;
  std::vector<ExpressionPtr> rest;
  for (auto& conjunct : filter.expressions) {
    if (!ContainsSubquery(*conjunct) && !IsVolatile(*conjunct)) {
      plain.push_back(std::move(conjunct));
    } else {
      rest.push_back(std::move(conjunct));
    }
  }
  if (plain.empty()) {
    filter.expressions = std::move(rest);
    return;
  }
  auto below = std::make_unique<LogicalFilter>();
  below->expressions = std::move(plain);
  below->types = filter.children[0]->types;
  below->names = filter.children[0]->names;
  below->children.push_back(std::move(filter.children[0]));
  filter.children[0] = std::move(below);
  filter.expressions = std::move(rest);
}

}  // namespace cairn
