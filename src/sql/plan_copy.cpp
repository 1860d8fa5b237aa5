#include "sql/plan_copy.h"

#include <map>
#include <unordered_map>

#include "cairn/exception.h"
#include "common/stack_depth.h"

namespace cairn {

void RewriteBindings(Expression& expression, const BindingMap& map) {
  CheckStackDepth();
  if (expression.expression_class == ExpressionClass::COLUMN_REF) {
    auto& ref = static_cast<BoundColumnRef&>(expression);
    auto it = map.find(ref.binding);
    if (it != map.end()) ref.binding = it->second;
    return;
  }
  if (expression.expression_class == ExpressionClass::SUBQUERY) {
    RewriteBindingsInPlan(*static_cast<BoundSubquery&>(expression).subquery, map);
  }
  ForEachChild(expression, [&](ExpressionPtr& child) { RewriteBindings(*child, map); });
}

void RewriteBindingsInPlan(LogicalOperator& plan, const BindingMap& map) {
  if (map.empty()) return;
  ForEachExpressionInPlan(plan, [&](ExpressionPtr& expression) { RewriteBindings(*expression, map); });
}

namespace {

std::vector<ExpressionPtr> CopyAll(const std::vector<ExpressionPtr>& expressions) {
  std::vector<ExpressionPtr> copies;
  copies.reserve(expressions.size());
  for (const auto& expression : expressions) copies.push_back(expression->Copy());
  return copies;
}

std::vector<BoundOrderBy> CopyOrders(const std::vector<BoundOrderBy>& orders) {
  std::vector<BoundOrderBy> copies;
  for (const auto& order : orders) copies.push_back(BoundOrderBy{order.expression->Copy(), order.ascending, order.nulls_first});
  return copies;
}

void MapSequential(BindingMap& map, idx_t from, idx_t to, idx_t count) {
  if (from == to) return;
  for (idx_t i = 0; i < count; i++) map[ColumnBinding{from, i}] = ColumnBinding{to, i};
}

}  // namespace

LogicalOperatorPtr CopyPlan(const LogicalOperator& plan, const std::function<idx_t()>& new_table_index, BindingMap& map) {
  CheckStackDepth();
  std::vector<LogicalOperatorPtr> children;
  for (const auto& child : plan.children) children.push_back(CopyPlan(*child, new_table_index, map));
  // Without an index source the copy keeps the table indexes (and `map` stays empty).
  auto fresh = [&](idx_t old) { return new_table_index ? new_table_index() : old; };
  LogicalOperatorPtr copy;
  switch (plan.type) {
    case LogicalOperatorType::GET: {
      auto& get = static_cast<const LogicalGet&>(plan);
      auto result = std::make_unique<LogicalGet>();
      result->source = get.source;
      result->table_name = get.table_name;
      result->column_ids = get.column_ids;
      result->filters = get.filters;
      result->limit = get.limit;
      result->evaluate_filters = get.evaluate_filters;
      result->table_index = fresh(get.table_index);
      if (new_table_index)
        for (idx_t column : get.column_ids) map[ColumnBinding{get.table_index, column}] = ColumnBinding{result->table_index, column};
      copy = std::move(result);
      break;
    }
    case LogicalOperatorType::DUMMY_SCAN:
      copy = std::make_unique<LogicalDummyScan>();
      break;
    case LogicalOperatorType::EMPTY_RESULT: {
      // One fresh index per table index the replaced subtree's columns came from.
      auto result = std::make_unique<LogicalEmptyResult>();
      std::unordered_map<idx_t, idx_t> renamed;
      for (const auto& binding : static_cast<const LogicalEmptyResult&>(plan).bindings) {
        ColumnBinding copied = binding;
        if (new_table_index) {
          auto [it, inserted] = renamed.emplace(binding.table_index, 0);
          if (inserted) it->second = new_table_index();
          copied.table_index = it->second;
          map[binding] = copied;
        }
        result->bindings.push_back(copied);
      }
      copy = std::move(result);
      break;
    }
    case LogicalOperatorType::VALUES: {
      auto& values = static_cast<const LogicalValues&>(plan);
      auto result = std::make_unique<LogicalValues>();
      result->rows = values.rows;
      result->table_index = fresh(values.table_index);
      MapSequential(map, values.table_index, result->table_index, values.types.size());
      copy = std::move(result);
      break;
    }
    case LogicalOperatorType::FILTER: {
      auto result = std::make_unique<LogicalFilter>();
      result->expressions = CopyAll(static_cast<const LogicalFilter&>(plan).expressions);
      copy = std::move(result);
      break;
    }
    case LogicalOperatorType::PROJECTION: {
      auto& projection = static_cast<const LogicalProjection&>(plan);
      auto result = std::make_unique<LogicalProjection>();
      result->expressions = CopyAll(projection.expressions);
      result->table_index = fresh(projection.table_index);
      MapSequential(map, projection.table_index, result->table_index, projection.expressions.size());
      copy = std::move(result);
      break;
    }
    case LogicalOperatorType::AGGREGATE: {
      auto& aggregate = static_cast<const LogicalAggregate&>(plan);
      auto result = std::make_unique<LogicalAggregate>();
      result->groups = CopyAll(aggregate.groups);
      for (const auto& call : aggregate.aggregates) {
        BoundAggregate bound{call.function, CopyAll(call.children), call.distinct, call.filter ? call.filter->Copy() : nullptr};
        result->aggregates.push_back(std::move(bound));
      }
      result->group_index = fresh(aggregate.group_index);
      result->aggregate_index = fresh(aggregate.aggregate_index);
      MapSequential(map, aggregate.group_index, result->group_index, aggregate.groups.size());
      MapSequential(map, aggregate.aggregate_index, result->aggregate_index, aggregate.aggregates.size());
      copy = std::move(result);
      break;
    }
    case LogicalOperatorType::JOIN: {
      auto& join = static_cast<const LogicalJoin&>(plan);
      auto result = std::make_unique<LogicalJoin>();
      result->join_type = join.join_type;
      result->left_keys = CopyAll(join.left_keys);
      result->right_keys = CopyAll(join.right_keys);
      if (join.residual) result->residual = join.residual->Copy();
      result->null_equal_keys = join.null_equal_keys;
      if (join.mark_condition) result->mark_condition = join.mark_condition->Copy();
      result->mark_null_aware = join.mark_null_aware;
      result->publish_key_filters = join.publish_key_filters;
      if (join.join_type == JoinType::MARK) {
        result->mark_index = fresh(join.mark_index);
        if (result->mark_index != join.mark_index) map[ColumnBinding{join.mark_index, 0}] = ColumnBinding{result->mark_index, 0};
      }
      copy = std::move(result);
      break;
    }
    case LogicalOperatorType::ORDER_BY: {
      auto result = std::make_unique<LogicalOrder>();
      result->orders = CopyOrders(static_cast<const LogicalOrder&>(plan).orders);
      copy = std::move(result);
      break;
    }
    case LogicalOperatorType::LIMIT: {
      auto& limit = static_cast<const LogicalLimit&>(plan);
      auto result = std::make_unique<LogicalLimit>();
      result->limit = limit.limit;
      result->offset = limit.offset;
      copy = std::move(result);
      break;
    }
    case LogicalOperatorType::TOP_N: {
      auto& top = static_cast<const LogicalTopN&>(plan);
      auto result = std::make_unique<LogicalTopN>();
      result->orders = CopyOrders(top.orders);
      result->limit = top.limit;
      result->offset = top.offset;
      result->publish_cutoff = top.publish_cutoff;
      copy = std::move(result);
      break;
    }
    case LogicalOperatorType::UNION: {
      auto& union_op = static_cast<const LogicalUnion&>(plan);
      auto result = std::make_unique<LogicalUnion>();
      result->table_index = fresh(union_op.table_index);
      MapSequential(map, union_op.table_index, result->table_index, union_op.types.size());
      copy = std::move(result);
      break;
    }
    case LogicalOperatorType::WINDOW: {
      auto& window = static_cast<const LogicalWindow&>(plan);
      auto result = std::make_unique<LogicalWindow>();
      for (const auto& expression : window.expressions) result->expressions.push_back(expression.Copy());
      result->window_index = fresh(window.window_index);
      MapSequential(map, window.window_index, result->window_index, window.expressions.size());
      copy = std::move(result);
      break;
    }
    case LogicalOperatorType::PROJECT_SET: {
      auto& set = static_cast<const LogicalProjectSet&>(plan);
      auto result = std::make_unique<LogicalProjectSet>();
      for (const auto& function : set.functions) result->functions.push_back(function->Copy());
      result->ordinality = set.ordinality;
      result->set_index = fresh(set.set_index);
      MapSequential(map, set.set_index, result->set_index, set.functions.size() + (set.ordinality ? 1 : 0));
      copy = std::move(result);
      break;
    }
    case LogicalOperatorType::MATERIALIZED_CTE: {
      // The copy computes the WITH query again for the scans inside it (each scan reads the
      // nearest MATERIALIZED_CTE of its index above it).
      auto& cte = static_cast<const LogicalMaterializedCte&>(plan);
      auto result = std::make_unique<LogicalMaterializedCte>();
      result->cte_name = cte.cte_name;
      result->cte_index = cte.cte_index;
      copy = std::move(result);
      break;
    }
    case LogicalOperatorType::CTE_SCAN: {
      auto& scan = static_cast<const LogicalCteScan&>(plan);
      auto result = std::make_unique<LogicalCteScan>();
      result->cte_name = scan.cte_name;
      result->cte_index = scan.cte_index;
      result->estimated_rows = scan.estimated_rows;
      result->table_index = fresh(scan.table_index);
      if (scan.bindings.empty()) {
        MapSequential(map, scan.table_index, result->table_index, scan.types.size());
      } else {
        std::map<idx_t, idx_t> tables;  // each table index of the bindings gets a fresh one
        for (const ColumnBinding& binding : scan.bindings) {
          auto it = tables.find(binding.table_index);
          if (it == tables.end()) it = tables.emplace(binding.table_index, fresh(binding.table_index)).first;
          ColumnBinding copied{it->second, binding.column_index};
          result->bindings.push_back(copied);
          if (!(copied == binding)) map[binding] = copied;
        }
      }
      copy = std::move(result);
      break;
    }
    case LogicalOperatorType::RECURSIVE_CTE: {
      auto& cte = static_cast<const LogicalRecursiveCte&>(plan);
      auto result = std::make_unique<LogicalRecursiveCte>();
      result->cte_name = cte.cte_name;
      result->union_all = cte.union_all;
      result->working_table = cte.working_table;
      result->max_iterations = cte.max_iterations;
      result->table_index = fresh(cte.table_index);
      MapSequential(map, cte.table_index, result->table_index, cte.types.size());
      copy = std::move(result);
      break;
    }
  }
  if (!copy) throw Exception(sqlstate::kInternalError, "cannot copy logical operator " + plan.ParamsToString());
  copy->types = plan.types;
  copy->names = plan.names;
  copy->children = std::move(children);
  copy->ForEachExpression([&](ExpressionPtr& expression) { RewriteBindings(*expression, map); });
  return copy;
}

}  // namespace cairn
