// distinct_cross_product: under a DISTINCT (an aggregate with groups and no aggregate
// functions), an input of a cross product none of whose columns the groups use only decides
// whether there are rows at all:
//   SELECT DISTINCT b.x FROM a, b  =  SELECT DISTINCT b.x FROM (SELECT * FROM a LIMIT 1), b
// so that input is read as LIMIT 1 (which top_n turns into a scan limit hint). Decorrelated
// subqueries need this: their domain is SELECT DISTINCT <correlated columns> over the outer
// query's FROM clause, a cross product of every table in it when the tables are listed with
// commas (TPC-H Q2, Q17, Q21). The rule descends through nested cross products, filters and
// the left inputs of SEMI / ANTI joins (a filter over a x b that reads only b's columns is
// a x filter(b)); a cross product with a condition is a join and stays as it is.
#include <algorithm>

#include "sql/optimizer/rules.h"
#include "common/stack_depth.h"

namespace cairn {

namespace {

bool IsCrossProduct(const LogicalOperator& op) {
  if (op.type != LogicalOperatorType::JOIN) return false;
  const auto& join = static_cast<const LogicalJoin&>(op);
  return join.join_type == JoinType::CROSS && join.left_keys.empty() && !join.residual;
}

bool IsLimitOne(const LogicalOperator& op) {
  if (op.type != LogicalOperatorType::LIMIT) return false;
  const auto& limit = static_cast<const LogicalLimit&>(op);
  return limit.limit && *limit.limit <= 1 && limit.offset == 0;
}

void AddReferencedTables(Expression& expression, std::vector<idx_t>& used) {
  ForEachColumnRef(expression, [&](BoundColumnRef& ref) { used.push_back(ref.binding.table_index); });
}

/// Replaces each input of the cross-product tree at `op` whose tables `used` does not mention
/// by LIMIT 1 over it. Looks through operators that only drop rows by columns they name
/// (FILTER, the left input of SEMI / ANTI joins): with those columns added to `used`, an input
/// they do not read still only decides whether there are rows.
void LimitUnused(LogicalOperatorPtr& op, std::vector<idx_t> used) {
  CheckStackDepth();
  if (op->type == LogicalOperatorType::FILTER) {
    for (auto& expression : static_cast<LogicalFilter&>(*op).expressions) AddReferencedTables(*expression, used);
    LimitUnused(op->children[0], std::move(used));
    return;
  }
  if (op->type == LogicalOperatorType::JOIN) {
    auto& join = static_cast<LogicalJoin&>(*op);
    if (join.join_type == JoinType::SEMI || join.join_type == JoinType::ANTI) {
      for (auto& key : join.left_keys) AddReferencedTables(*key, used);
      if (join.residual) AddReferencedTables(*join.residual, used);
      LimitUnused(op->children[0], std::move(used));
      return;
    }
  }
  if (!IsCrossProduct(*op)) return;
  for (auto& child : op->children) {
    std::vector<idx_t> tables;
    CollectTableIndexes(*child, tables);
    bool referenced = std::any_of(tables.begin(), tables.end(), [&](idx_t table) {
      return std::find(used.begin(), used.end(), table) != used.end();
    });
    if (referenced) {
      LimitUnused(child, used);
      continue;
    }
    if (IsLimitOne(*child)) continue;
    auto limit = std::make_unique<LogicalLimit>();
    limit->limit = 1;
    limit->types = child->types;
    limit->names = child->names;
    limit->children.push_back(std::move(child));
    child = std::move(limit);
  }
}

}  // namespace

LogicalOperatorPtr LimitUnusedCrossProductInputs(LogicalOperatorPtr plan) {
  CheckStackDepth();
  for (auto& child : plan->children) child = LimitUnusedCrossProductInputs(std::move(child));
  if (plan->type != LogicalOperatorType::AGGREGATE) return plan;
  auto& aggregate = static_cast<LogicalAggregate&>(*plan);
  if (aggregate.groups.empty() || !aggregate.aggregates.empty()) return plan;
  std::vector<idx_t> used;
  for (auto& group : aggregate.groups) AddReferencedTables(*group, used);
  LimitUnused(plan->children[0], std::move(used));
  return plan;
}

}  // namespace cairn
