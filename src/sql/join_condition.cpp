#include "sql/join_condition.h"

#include <algorithm>

namespace cairn {

std::vector<idx_t> RightTableIndexes(const LogicalJoin& join) {
  std::vector<idx_t> tables;
  CollectTableIndexes(*join.children[1], tables);
  std::sort(tables.begin(), tables.end());
  return tables;
}

JoinSide ReferencedSide(const Expression& expression, const std::vector<idx_t>& right_tables) {
  bool left = false;
  bool right = false;
  ForEachColumnRef(const_cast<Expression&>(expression), [&](BoundColumnRef& ref) {
    if (!std::binary_search(right_tables.begin(), right_tables.end(), ref.binding.table_index)) {
      left = true;
    } else {
      right = true;
    }
  });
  if (left && right) return JoinSide::BOTH;
  if (left) return JoinSide::LEFT;
  if (right) return JoinSide::RIGHT;
  return JoinSide::NONE;
}

std::vector<ExpressionPtr> SplitConjunction(ExpressionPtr expression) {
  std::vector<ExpressionPtr> result;
  if (expression->expression_class == ExpressionClass::CONJUNCTION &&
      static_cast<BoundConjunction&>(*expression).type == ConjunctionType::AND) {
    for (auto& child : static_cast<BoundConjunction&>(*expression).children) {
      for (auto& part : SplitConjunction(std::move(child))) result.push_back(std::move(part));
    }
    return result;
  }
  result.push_back(std::move(expression));
  return result;
}

ExpressionPtr CombineConjunction(std::vector<ExpressionPtr> conjuncts) {
  if (conjuncts.empty()) return nullptr;
  if (conjuncts.size() == 1) return std::move(conjuncts[0]);
  return std::make_unique<BoundConjunction>(ConjunctionType::AND, std::move(conjuncts));
}

void AddJoinConditions(LogicalJoin& join, std::vector<ExpressionPtr> conditions) {
  if (conditions.empty()) return;
  const std::vector<idx_t> right_tables = RightTableIndexes(join);
  std::vector<ExpressionPtr> residual;
  if (join.residual) residual = SplitConjunction(std::move(join.residual));
  for (auto& condition : conditions) {
    for (auto& conjunct : SplitConjunction(std::move(condition))) {
      bool is_key = false;
      if (conjunct->expression_class == ExpressionClass::FUNCTION && !IsVolatile(*conjunct)) {
        auto& function = static_cast<BoundFunction&>(*conjunct);
        if (function.function.name == "=" && function.children.size() == 2 &&
            function.children[0]->return_type == function.children[1]->return_type) {
          JoinSide first = ReferencedSide(*function.children[0], right_tables);
          JoinSide second = ReferencedSide(*function.children[1], right_tables);
          if ((first == JoinSide::LEFT && second == JoinSide::RIGHT) ||
              (first == JoinSide::RIGHT && second == JoinSide::LEFT)) {
            ExpressionPtr left = std::move(function.children[first == JoinSide::LEFT ? 0 : 1]);
            ExpressionPtr right = std::move(function.children[first == JoinSide::LEFT ? 1 : 0]);
            join.left_keys.push_back(std::move(left));
            join.right_keys.push_back(std::move(right));
            is_key = true;
          }
        }
      }
      if (!is_key) residual.push_back(std::move(conjunct));
    }
  }
  join.residual = CombineConjunction(std::move(residual));
}

}  // namespace cairn
