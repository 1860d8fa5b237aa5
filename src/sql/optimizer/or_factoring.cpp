// or_factoring: pulls the conjuncts that every branch of an OR shares out of it,
//   (a AND b) OR (a AND c)  →  a AND (b OR c),      a OR (a AND b)  →  a,
// in filter conjuncts and inner-join residuals. It runs before filter_pushdown, so a join
// condition repeated in each branch (TPC-H Q19's `p_partkey = l_partkey`) becomes a hash-join
// key instead of a residual over a cross product. Both identities hold in SQL's three-valued
// logic (Kleene AND/OR distribute and absorb), so the rewrite never changes a result.
// Conjuncts are matched by ExpressionEquals; volatile ones (random()) are never moved.
//
// It also adds the filters an OR over several tables implies for one table: when every branch
// has conjuncts reading only table t, the OR of those conjuncts is added as a conjunct (the OR
// stays), and filter_pushdown moves it to t's scan:
//   (a.x = 1 AND b.y = 2) OR (a.x = 3 AND b.y = 4)  adds  (a.x = 1 OR a.x = 3), (b.y = 2 OR b.y = 4)
#include <algorithm>
#include <map>
#include <optional>

#include "sql/join_condition.h"
#include "sql/optimizer/rules.h"
#include "common/stack_depth.h"

namespace cairn {

namespace {

bool IsConjunction(const Expression& expression, ConjunctionType type) {
  return expression.expression_class == ExpressionClass::CONJUNCTION &&
         static_cast<const BoundConjunction&>(expression).type == type;
}

/// The branches of a (nested) OR, flattened.
void SplitDisjunction(ExpressionPtr expression, std::vector<ExpressionPtr>& branches) {
  if (IsConjunction(*expression, ConjunctionType::OR)) {
    for (auto& child : static_cast<BoundConjunction&>(*expression).children) SplitDisjunction(std::move(child), branches);
    return;
  }
  branches.push_back(std::move(expression));
}

/// `conjunct` with the conjuncts common to all its OR branches pulled out, as conjuncts.
std::vector<ExpressionPtr> Factor(ExpressionPtr conjunct) {
  std::vector<ExpressionPtr> result;
  if (!IsConjunction(*conjunct, ConjunctionType::OR) || IsVolatile(*conjunct)) {
    result.push_back(std::move(conjunct));
    return result;
  }
  std::vector<ExpressionPtr> branch_expressions;
  SplitDisjunction(std::move(conjunct), branch_expressions);
  std::vector<std::vector<ExpressionPtr>> branches;
  for (auto& branch : branch_expressions) branches.push_back(SplitConjunction(std::move(branch)));

  // A conjunct of the first branch is common when every other branch has an equal one; each
  // branch gives up one equal conjunct per common conjunct.
  std::vector<ExpressionPtr> common;
  for (idx_t i = 0; i < branches[0].size();) {
    std::vector<idx_t> matches;
    for (idx_t b = 1; b < branches.size(); b++) {
      auto& others = branches[b];
      auto found = std::find_if(others.begin(), others.end(),
                                [&](const ExpressionPtr& other) { return ExpressionEquals(*other, *branches[0][i]); });
      if (found == others.end()) break;
      matches.push_back(static_cast<idx_t>(found - others.begin()));
    }
    if (matches.size() + 1 != branches.size()) {
      i++;
      continue;
    }
    for (idx_t b = 1; b < branches.size(); b++) branches[b].erase(branches[b].begin() + matches[b - 1]);
    common.push_back(std::move(branches[0][i]));
    branches[0].erase(branches[0].begin() + i);
  }

  // A branch left empty was just the common conjuncts: the OR is implied by them (absorption).
  bool absorbed = std::any_of(branches.begin(), branches.end(), [](const auto& branch) { return branch.empty(); });
  result = std::move(common);
  if (!absorbed) {
    std::vector<ExpressionPtr> rest;
    for (auto& branch : branches) rest.push_back(CombineConjunction(std::move(branch)));
    result.push_back(std::make_unique<BoundConjunction>(ConjunctionType::OR, std::move(rest)));
  }
  return result;
}

/// The single table index every column of `expression` reads, if it reads columns of exactly one.
std::optional<idx_t> SingleTable(Expression& expression) {
  std::optional<idx_t> table;
  bool single = true;
  ForEachColumnRef(expression, [&](BoundColumnRef& ref) {
    if (table && *table != ref.binding.table_index) single = false;
    table = ref.binding.table_index;
  });
  if (!single) return std::nullopt;
  return table;
}

/// Filters implied by an OR over several tables: when every branch has conjuncts that read
/// only table t, the OR of those conjuncts holds wherever the OR does, and filter pushdown can
/// move it to t's scan (TPC-H Q19's brands and containers to part, quantities and ship modes to
/// lineitem; Q7's nation names). The OR itself stays.
void AddImpliedSingleTableFilters(Expression& disjunction, std::vector<ExpressionPtr>& out) {
  if (!IsConjunction(disjunction, ConjunctionType::OR) || IsVolatile(disjunction)) return;
  if (SingleTable(disjunction)) return;  // already one table's filter
  std::vector<ExpressionPtr> branch_expressions;
  SplitDisjunction(disjunction.Copy(), branch_expressions);
  // Per branch: table index → the branch's conjuncts that read only that table.
  std::vector<std::map<idx_t, std::vector<ExpressionPtr>>> parts(branch_expressions.size());
  for (idx_t b = 0; b < branch_expressions.size(); b++) {
    for (auto& conjunct : SplitConjunction(std::move(branch_expressions[b]))) {
      if (auto table = SingleTable(*conjunct)) parts[b][*table].push_back(std::move(conjunct));
    }
  }
  for (auto& [table_index, first_parts] : parts[0]) {
    const idx_t table = table_index;  // a structured binding cannot be captured (clang, C++20)
    bool everywhere = std::all_of(parts.begin(), parts.end(), [&](const auto& branch) { return branch.count(table) > 0; });
    if (!everywhere) continue;
    std::vector<ExpressionPtr> branches;
    for (auto& branch : parts) branches.push_back(CombineConjunction(std::move(branch[table])));
    out.push_back(std::make_unique<BoundConjunction>(ConjunctionType::OR, std::move(branches)));
  }
}

std::vector<ExpressionPtr> FactorAll(std::vector<ExpressionPtr> conjuncts) {
  std::vector<ExpressionPtr> result;
  for (auto& conjunct : conjuncts) {
    for (auto& part : Factor(std::move(conjunct))) result.push_back(std::move(part));
  }
  std::vector<ExpressionPtr> implied;
  for (auto& conjunct : result) AddImpliedSingleTableFilters(*conjunct, implied);
  for (auto& filter : implied) result.push_back(std::move(filter));
  return result;
}

}  // namespace

LogicalOperatorPtr FactorOrConditions(LogicalOperatorPtr plan) {
  CheckStackDepth();
  for (auto& child : plan->children) child = FactorOrConditions(std::move(child));
  if (plan->type == LogicalOperatorType::FILTER) {
    auto& filter = static_cast<LogicalFilter&>(*plan);
    std::vector<ExpressionPtr> conjuncts;
    for (auto& expression : filter.expressions) {
      for (auto& conjunct : SplitConjunction(std::move(expression))) conjuncts.push_back(std::move(conjunct));
    }
    filter.expressions = FactorAll(std::move(conjuncts));
  } else if (plan->type == LogicalOperatorType::JOIN) {
    auto& join = static_cast<LogicalJoin&>(*plan);
    if ((join.join_type == JoinType::INNER || join.join_type == JoinType::CROSS) && join.residual) {
      auto conjuncts = FactorAll(SplitConjunction(std::move(join.residual)));
      // Factored-out equalities between the two inputs become hash keys.
      join.residual = nullptr;
      AddJoinConditions(join, std::move(conjuncts));
      if (join.join_type == JoinType::CROSS && (!join.left_keys.empty() || join.residual)) join.join_type = JoinType::INNER;
    }
  }
  return plan;
}

}  // namespace cairn
