// semi_join_pushdown: a SEMI or ANTI join (an EXISTS / IN subquery) only keeps or drops rows of
// its left input, by the left columns its condition reads. When that input is an inner join or
// cross product and the condition reads the columns of only one of its inputs, the SEMI/ANTI
// join can move onto that input, like a filter. It runs after join_order and moves a SEMI/ANTI
// join down only where its probe input is estimated smaller (the semi join's own selectivity is
// unknown): TPC-H Q18's `o_orderkey IN (SELECT l_orderkey … HAVING sum(l_quantity) > 300)` then
// cuts orders to a few dozen rows before they meet 6 million lineitems, while Q21's EXISTS over
// lineitem stays above the joins that already cut its input to a twentieth.
#include "common/stack_depth.h"
#include "sql/join_condition.h"
#include "sql/optimizer/cardinality_estimate.h"
#include "sql/optimizer/rules.h"

#include <algorithm>

namespace cairn {

namespace {

bool IsInnerJoin(const LogicalOperator& op) {
  if (op.type != LogicalOperatorType::JOIN) return false;
  auto type = static_cast<const LogicalJoin&>(op).join_type;
  return type == JoinType::INNER || type == JoinType::CROSS;
}

/// The tables of the semi join's left input that its condition reads (empty: none, or a volatile
/// condition, which must stay where it is).
std::vector<idx_t> LeftTablesRead(LogicalJoin& semi, bool& movable) {
  const std::vector<idx_t> right_tables = RightTableIndexes(semi);
  std::vector<idx_t> read;
  auto collect = [&](Expression& expression) {
    if (IsVolatile(expression)) movable = false;
    ForEachColumnRef(expression, [&](BoundColumnRef& ref) {
      const idx_t table = ref.binding.table_index;
      if (!std::binary_search(right_tables.begin(), right_tables.end(), table)) read.push_back(table);
    });
  };
  for (auto& key : semi.left_keys) collect(*key);
  if (semi.residual) collect(*semi.residual);
  std::sort(read.begin(), read.end());
  read.erase(std::unique(read.begin(), read.end()), read.end());
  return read;
}

void RefreshJoinSchema(LogicalJoin& join) {
  join.types = join.children[0]->types;
  join.names = join.children[0]->names;
  if (!OutputsLeftOnly(join.join_type)) {
    join.types.insert(join.types.end(), join.children[1]->types.begin(), join.children[1]->types.end());
    join.names.insert(join.names.end(), join.children[1]->names.begin(), join.children[1]->names.end());
  }
}

/// Moves SEMI/ANTI join `plan` down its left input's inner joins as far as its condition allows;
/// returns the new subtree.
LogicalOperatorPtr Sink(LogicalOperatorPtr plan) {
  CheckStackDepth();
  auto& semi = static_cast<LogicalJoin&>(*plan);
  if (!IsInnerJoin(*semi.children[0])) return plan;
  bool movable = true;
  const std::vector<idx_t> read = LeftTablesRead(semi, movable);
  if (!movable || read.empty()) return plan;
  auto& inner = static_cast<LogicalJoin&>(*semi.children[0]);
  const idx_t here = EstimateRows(inner);
  for (idx_t side = 0; side < 2; side++) {
    if (EstimateRows(*inner.children[side]) >= here) continue;
    std::vector<idx_t> tables;
    CollectTableIndexes(*inner.children[side], tables);
    std::sort(tables.begin(), tables.end());
    if (!std::includes(tables.begin(), tables.end(), read.begin(), read.end())) continue;
    LogicalOperatorPtr inner_plan = std::move(semi.children[0]);
    semi.children[0] = std::move(inner.children[side]);
    RefreshJoinSchema(semi);
    inner.children[side] = Sink(std::move(plan));
    RefreshJoinSchema(inner);
    return inner_plan;
  }
  return plan;
}

}  // namespace

LogicalOperatorPtr PushDownSemiJoins(LogicalOperatorPtr plan) {
  CheckStackDepth();
  for (auto& child : plan->children) child = PushDownSemiJoins(std::move(child));
  if (plan->type == LogicalOperatorType::JOIN && OutputsLeftOnly(static_cast<LogicalJoin&>(*plan).join_type)) {
    return Sink(std::move(plan));
  }
  // A moved SEMI/ANTI join outputs its new left input's columns, which lead its old one's in the
  // same order: the operators above keep their schemas.
  return plan;
}

}  // namespace cairn
