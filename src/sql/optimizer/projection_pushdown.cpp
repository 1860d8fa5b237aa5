// projection_pushdown: computes, top-down, which output columns of each operator are used
// above it, drops the rest (scan columns and projection expressions) and renumbers column
// references. Scans end up reading only the columns the query uses (column_ids may become empty,
// e.g. for COUNT(*)). Aggregates, unions and values keep all their columns.
#include <limits>

#include "sql/optimizer/rules.h"
#include "common/stack_depth.h"

namespace cairn {

namespace {

constexpr idx_t kRemoved = std::numeric_limits<idx_t>::max();

using ColumnMap = std::vector<idx_t>;  // old output position → new position (kRemoved)

void MarkReferences(Expression& expression, std::vector<bool>& required, idx_t offset = 0) {
  ForEachColumnRef(expression, [&](BoundColumnRef& ref) {
    if (ref.index >= offset && ref.index - offset < required.size()) required[ref.index - offset] = true;
  });
}

void Remap(Expression& expression, const ColumnMap& map) {
  ForEachColumnRef(expression, [&](BoundColumnRef& ref) { ref.index = map[ref.index]; });
}

ColumnMap Identity(idx_t count) {
  ColumnMap map(count);
  for (idx_t i = 0; i < count; i++) map[i] = i;
  return map;
}

void CopySchema(LogicalOperator& op, const LogicalOperator& child) {
  op.types = child.types;
  op.names = child.names;
}

ColumnMap Prune(LogicalOperator& op, std::vector<bool> required);

/// After `child` was pruned with `required` (giving `map`), it may still output columns nothing
/// above needs — a join cannot drop the key columns its own condition used. Puts a projection
/// of just the required columns on top of it and updates `map`, so chains of joins stay narrow
/// instead of carrying every earlier join's keys (width linear in the chain, memory quadratic).
void NarrowChild(LogicalOperatorPtr& child, const std::vector<bool>& required, ColumnMap& map) {
  std::vector<idx_t> kept;
  for (idx_t i = 0; i < required.size(); i++) {
    if (required[i] && map[i] != kRemoved) kept.push_back(i);
  }
  if (kept.empty() && !map.empty()) {
    // Keep one column so rows still flow (COUNT(*) over a join).
    for (idx_t i = 0; i < map.size() && kept.empty(); i++) {
      if (map[i] != kRemoved) kept.push_back(i);
    }
  }
  if (kept.empty() || kept.size() >= child->types.size()) return;
  auto projection = std::make_unique<LogicalProjection>();
  ColumnMap narrowed(map.size(), kRemoved);
  for (idx_t i : kept) {
    idx_t position = map[i];
    narrowed[i] = projection->expressions.size();
    projection->expressions.push_back(
        std::make_unique<BoundColumnRef>(position, child->types[position], child->names[position]));
    projection->types.push_back(child->types[position]);
    projection->names.push_back(child->names[position]);
  }
  projection->children.push_back(std::move(child));
  child = std::move(projection);
  map = std::move(narrowed);
}

/// Prunes a child that must keep every column (union inputs, aggregate-free VALUES...).
void PruneKeepingAll(LogicalOperator& op) {
  for (auto& child : op.children) Prune(*child, std::vector<bool>(child->types.size(), true));
}

ColumnMap Prune(LogicalOperator& op, std::vector<bool> required) {
  CheckStackDepth();
  switch (op.type) {
    case LogicalOperatorType::GET: {
      auto& get = static_cast<LogicalGet&>(op);
      ColumnMap map(get.column_ids.size(), kRemoved);
      std::vector<idx_t> column_ids;
      std::vector<LogicalType> types;
      std::vector<std::string> names;
      for (idx_t i = 0; i < get.column_ids.size(); i++) {
        if (!required[i]) continue;
        map[i] = column_ids.size();
        column_ids.push_back(get.column_ids[i]);
        types.push_back(get.types[i]);
        names.push_back(get.names[i]);
      }
      get.column_ids = std::move(column_ids);
      get.types = std::move(types);
      get.names = std::move(names);
      return map;
    }
    case LogicalOperatorType::PROJECTION: {
      auto& projection = static_cast<LogicalProjection&>(op);
      bool any = false;
      for (bool r : required) any = any || r;
      if (!any && !required.empty()) required[0] = true;  // keep one column so rows still flow
      ColumnMap map(projection.expressions.size(), kRemoved);
      std::vector<ExpressionPtr> expressions;
      std::vector<LogicalType> types;
      std::vector<std::string> names;
      for (idx_t i = 0; i < projection.expressions.size(); i++) {
        if (!required[i]) continue;
        map[i] = expressions.size();
        expressions.push_back(std::move(projection.expressions[i]));
        types.push_back(projection.types[i]);
        names.push_back(projection.names[i]);
      }
      std::vector<bool> child_required(op.children[0]->types.size(), false);
      for (auto& expression : expressions) MarkReferences(*expression, child_required);
      ColumnMap child_map = Prune(*op.children[0], std::move(child_required));
      for (auto& expression : expressions) Remap(*expression, child_map);
      projection.expressions = std::move(expressions);
      projection.types = std::move(types);
      projection.names = std::move(names);
      return map;
    }
    case LogicalOperatorType::FILTER: {
      auto& filter = static_cast<LogicalFilter&>(op);
      for (auto& expression : filter.expressions) MarkReferences(*expression, required);
      ColumnMap map = Prune(*op.children[0], std::move(required));
      for (auto& expression : filter.expressions) Remap(*expression, map);
      CopySchema(op, *op.children[0]);
      return map;
    }
    case LogicalOperatorType::ORDER_BY:
    case LogicalOperatorType::TOP_N: {
      auto& orders = op.type == LogicalOperatorType::ORDER_BY ? static_cast<LogicalOrder&>(op).orders
                                                              : static_cast<LogicalTopN&>(op).orders;
      for (auto& order : orders) MarkReferences(*order.expression, required);
      ColumnMap map = Prune(*op.children[0], std::move(required));
      for (auto& order : orders) Remap(*order.expression, map);
      CopySchema(op, *op.children[0]);
      return map;
    }
    case LogicalOperatorType::LIMIT: {
      ColumnMap map = Prune(*op.children[0], std::move(required));
      CopySchema(op, *op.children[0]);
      return map;
    }
    case LogicalOperatorType::AGGREGATE: {
      auto& aggregate = static_cast<LogicalAggregate&>(op);
      std::vector<bool> child_required(op.children[0]->types.size(), false);
      for (auto& group : aggregate.groups) MarkReferences(*group, child_required);
      for (auto& bound : aggregate.aggregates) {
        for (auto& child : bound.children) MarkReferences(*child, child_required);
        if (bound.filter) MarkReferences(*bound.filter, child_required);
      }
      ColumnMap child_map = Prune(*op.children[0], std::move(child_required));
      for (auto& group : aggregate.groups) Remap(*group, child_map);
      for (auto& bound : aggregate.aggregates) {
        for (auto& child : bound.children) Remap(*child, child_map);
        if (bound.filter) Remap(*bound.filter, child_map);
      }
      return Identity(op.types.size());
    }
    case LogicalOperatorType::JOIN: {
      auto& join = static_cast<LogicalJoin&>(op);
      idx_t left_count = op.children[0]->types.size();
      idx_t right_count = op.children[1]->types.size();
      bool left_only = join.join_type == JoinType::SEMI || join.join_type == JoinType::ANTI;
      std::vector<bool> left_required(left_count, false);
      std::vector<bool> right_required(right_count, false);
      for (idx_t i = 0; i < required.size(); i++) {
        if (!required[i]) continue;
        if (i < left_count) {
          left_required[i] = true;
        } else if (!left_only) {
          right_required[i - left_count] = true;
        }
      }
      for (auto& key : join.left_keys) MarkReferences(*key, left_required);
      for (auto& key : join.right_keys) MarkReferences(*key, right_required);
      if (join.residual) {
        MarkReferences(*join.residual, left_required);
        MarkReferences(*join.residual, right_required, left_count);
      }
      ColumnMap left_map = Prune(*op.children[0], left_required);
      ColumnMap right_map = Prune(*op.children[1], right_required);
      NarrowChild(op.children[0], left_required, left_map);
      NarrowChild(op.children[1], right_required, right_map);
      idx_t new_left_count = op.children[0]->types.size();
      for (auto& key : join.left_keys) Remap(*key, left_map);
      for (auto& key : join.right_keys) Remap(*key, right_map);
      ColumnMap map(left_map);
      for (idx_t r : right_map) map.push_back(r == kRemoved ? kRemoved : new_left_count + r);
      if (join.residual) Remap(*join.residual, map);
      op.types = op.children[0]->types;
      op.names = op.children[0]->names;
      if (!left_only) {
        op.types.insert(op.types.end(), op.children[1]->types.begin(), op.children[1]->types.end());
        op.names.insert(op.names.end(), op.children[1]->names.begin(), op.children[1]->names.end());
        return map;
      }
      return left_map;
    }
    default:
      PruneKeepingAll(op);
      return Identity(op.types.size());
  }
}

}  // namespace

LogicalOperatorPtr PushDownProjections(LogicalOperatorPtr plan) {
  Prune(*plan, std::vector<bool>(plan->types.size(), true));
  return plan;
}

}  // namespace cairn
