// aggregate_input_reduction: a join of a small input X with an aggregate grouped by the join
// key over a large input Y — what a decorrelated scalar subquery becomes (TPC-H Q17's
// `l_quantity < (SELECT 0.2 * avg(l_quantity) FROM lineitem WHERE l_partkey = p_partkey)`, Q20,
// Q2) — computes a group for every key of Y although only X's keys are ever joined. The rule
// materializes X (MATERIALIZED_CTE: computed once, read twice), and lets only Y's rows whose
// group key is one of X's keys reach the aggregate (Y SEMI JOIN X's rows); the join then reads X
// from its materialization. This is the magic-set / semi-join reduction of the aggregate's input
// (DuckDB's delim join). Groups no X row can join are the only ones removed, so the join's
// result is unchanged for the join types whose output needs only the matching groups: INNER,
// LEFT, SINGLE, SEMI, ANTI (with X as their left input).
//
// Applied when X is estimated at most an eighth of Y's rows (cardinality_estimate.h). Runs after
// projection_pushdown, so X is materialized with only the columns its readers need.
#include <algorithm>

#include "common/stack_depth.h"
#include "sql/optimizer/cardinality_estimate.h"
#include "sql/optimizer/rules.h"
#include "sql/plan_copy.h"

namespace cairn {

namespace {

constexpr idx_t kReductionFactor = 8;

struct Rewriter {
  idx_t next_table_index;
  idx_t next_cte_index;

  /// The aggregate at the bottom of `op`'s chain of FILTERs and PROJECTIONs, and, for `binding`
  /// (an output column of `op`), the group expression it passes through unchanged; null if none.
  static const Expression* GroupOf(LogicalOperator& op, ColumnBinding binding, LogicalAggregate*& aggregate) {
    LogicalOperator* node = &op;
    for (;;) {
      switch (node->type) {
        case LogicalOperatorType::FILTER:
          node = node->children[0].get();
          continue;
        case LogicalOperatorType::PROJECTION: {
          auto& projection = static_cast<LogicalProjection&>(*node);
          if (binding.table_index != projection.table_index) return nullptr;
          const Expression& expression = *projection.expressions.at(binding.column_index);
          if (expression.expression_class != ExpressionClass::COLUMN_REF) return nullptr;
          binding = static_cast<const BoundColumnRef&>(expression).binding;
          node = node->children[0].get();
          continue;
        }
        case LogicalOperatorType::AGGREGATE: {
          auto& found = static_cast<LogicalAggregate&>(*node);
          if (aggregate && aggregate != &found) return nullptr;
          aggregate = &found;
          if (binding.table_index != found.group_index || binding.column_index >= found.groups.size()) return nullptr;
          return found.groups[binding.column_index].get();
        }
        default:
          return nullptr;
      }
    }
  }

  LogicalOperatorPtr Visit(LogicalOperatorPtr plan) {
    CheckStackDepth();
    for (auto& child : plan->children) child = Visit(std::move(child));
    if (plan->type != LogicalOperatorType::JOIN) return plan;
    auto& join = static_cast<LogicalJoin&>(*plan);
    const JoinType type = join.join_type;
    if (type != JoinType::INNER && type != JoinType::LEFT && type != JoinType::SINGLE && type != JoinType::SEMI &&
        type != JoinType::ANTI) {
      return plan;
    }
    if (join.left_keys.empty() || join.mark_condition) return plan;
    // Which keys lead to group expressions of one aggregate under the right input.
    LogicalAggregate* aggregate = nullptr;
    std::vector<idx_t> keys;
    std::vector<const Expression*> groups;
    for (idx_t k = 0; k < join.right_keys.size(); k++) {
      const Expression& right = *join.right_keys[k];
      if (right.expression_class != ExpressionClass::COLUMN_REF) continue;
      const Expression* group = GroupOf(*join.children[1], static_cast<const BoundColumnRef&>(right).binding, aggregate);
      if (!group || IsVolatile(*group) || IsVolatile(*join.left_keys[k])) continue;
      keys.push_back(k);
      groups.push_back(group);
    }
    if (keys.empty() || !aggregate) return plan;
    const idx_t x_rows = EstimateRows(*join.children[0]);
    const idx_t y_rows = EstimateRows(*aggregate->children[0]);
    if (x_rows >= kUnknownRows || y_rows >= kUnknownRows || x_rows * kReductionFactor > y_rows) return plan;
    // X is materialized; the join reads it through a scan keeping X's bindings, the semi join
    // through a scan of its own.
    LogicalOperatorPtr x = std::move(join.children[0]);
    const idx_t cte_index = next_cte_index++;
    const std::vector<ColumnBinding> x_bindings = x->GetColumnBindings();
    auto make_scan = [&](bool keep_bindings) {
      auto scan = std::make_unique<LogicalCteScan>();
      scan->cte_name = "reduction";
      scan->cte_index = cte_index;
      scan->table_index = next_table_index++;
      scan->types = x->types;
      scan->names = x->names;
      scan->estimated_rows = x_rows;
      if (keep_bindings) scan->bindings = x_bindings;
      return scan;
    };
    auto keys_scan = make_scan(false);
    BindingMap to_keys_scan;
    for (idx_t i = 0; i < x_bindings.size(); i++) to_keys_scan[x_bindings[i]] = ColumnBinding{keys_scan->table_index, i};
    auto semi = std::make_unique<LogicalJoin>();
    semi->join_type = JoinType::SEMI;
    for (idx_t i = 0; i < keys.size(); i++) {
      semi->left_keys.push_back(groups[i]->Copy());
      ExpressionPtr key = join.left_keys[keys[i]]->Copy();
      RewriteBindings(*key, to_keys_scan);
      semi->right_keys.push_back(std::move(key));
      semi->null_equal_keys.push_back(keys[i] < join.null_equal_keys.size() && join.null_equal_keys[keys[i]]);
    }
    semi->types = aggregate->children[0]->types;
    semi->names = aggregate->children[0]->names;
    semi->children.push_back(std::move(aggregate->children[0]));
    semi->children.push_back(std::move(keys_scan));
    aggregate->children[0] = std::move(semi);
    join.children[0] = make_scan(true);
    auto materialized = std::make_unique<LogicalMaterializedCte>();
    materialized->cte_name = "reduction";
    materialized->cte_index = cte_index;
    materialized->types = plan->types;
    materialized->names = plan->names;
    materialized->children.push_back(std::move(x));
    materialized->children.push_back(std::move(plan));
    return materialized;
  }
};

idx_t NextFreeCteIndex(const LogicalOperator& op) {
  CheckStackDepth();
  idx_t next = 0;
  if (op.type == LogicalOperatorType::MATERIALIZED_CTE) next = static_cast<const LogicalMaterializedCte&>(op).cte_index + 1;
  for (const auto& child : op.children) next = std::max(next, NextFreeCteIndex(*child));
  return next;
}

}  // namespace

LogicalOperatorPtr ReduceAggregateInputs(LogicalOperatorPtr plan) {
  Rewriter rewriter{NextFreeTableIndex(*plan), NextFreeCteIndex(*plan)};
  return rewriter.Visit(std::move(plan));
}

}  // namespace cairn
