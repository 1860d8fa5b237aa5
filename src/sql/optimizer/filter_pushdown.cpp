// filter_pushdown: moves filter conjuncts as close to the scans as their column references
// allow, turns conjuncts that compare the two sides of a cross product / inner join into join
// keys or residual predicates, and records `column op constant` conjuncts as LogicalGet
// pruning hints (the FILTER itself stays, since sources treat hints as optional).
#include <algorithm>

#include "sql/join_condition.h"
#include "sql/optimizer/rules.h"
#include "common/stack_depth.h"

namespace cairn {

namespace {

LogicalOperatorPtr Push(LogicalOperatorPtr op, std::vector<ExpressionPtr> filters);

LogicalOperatorPtr WrapInFilter(LogicalOperatorPtr op, std::vector<ExpressionPtr> filters) {
  if (filters.empty()) return op;
  auto filter = std::make_unique<LogicalFilter>();
  filter->expressions = std::move(filters);
  filter->types = op->types;
  filter->names = op->names;
  filter->children.push_back(std::move(op));
  return filter;
}

/// Replaces references to columns (table_index, i) with copies of `definitions[i]`.
ExpressionPtr Substitute(ExpressionPtr expression, idx_t table_index, const std::vector<ExpressionPtr>& definitions) {
  CheckStackDepth();
  if (expression->expression_class == ExpressionClass::COLUMN_REF) {
    const ColumnBinding& binding = static_cast<BoundColumnRef&>(*expression).binding;
    if (binding.table_index == table_index) return definitions[binding.column_index]->Copy();
    return expression;
  }
  ForEachChild(*expression, [&](ExpressionPtr& child) {
    child = Substitute(std::move(child), table_index, definitions);
  });
  return expression;
}

bool ReferencesOnly(Expression& expression, idx_t table_index) {
  bool ok = true;
  ForEachColumnRef(expression, [&](BoundColumnRef& ref) { ok = ok && ref.binding.table_index == table_index; });
  return ok;
}

std::optional<TableFilter::Op> ComparisonOp(const std::string& name, bool flipped) {
  if (name == "=") return TableFilter::Op::EQUAL;
  if (name == "<>") return TableFilter::Op::NOT_EQUAL;
  if (name == "<") return flipped ? TableFilter::Op::GREATER : TableFilter::Op::LESS;
  if (name == "<=") return flipped ? TableFilter::Op::GREATER_EQUAL : TableFilter::Op::LESS_EQUAL;
  if (name == ">") return flipped ? TableFilter::Op::LESS : TableFilter::Op::GREATER;
  if (name == ">=") return flipped ? TableFilter::Op::LESS_EQUAL : TableFilter::Op::GREATER_EQUAL;
  return std::nullopt;
}

/// A pruning hint equivalent to `expression` over `get`'s output, if it has that shape.
std::optional<TableFilter> ToTableFilter(const Expression& expression, const LogicalGet& get) {
  if (expression.expression_class == ExpressionClass::OPERATOR) {
    const auto& op = static_cast<const BoundOperator&>(expression);
    if ((op.type == OperatorType::IS_NULL || op.type == OperatorType::IS_NOT_NULL) &&
        op.children[0]->expression_class == ExpressionClass::COLUMN_REF &&
        static_cast<const BoundColumnRef&>(*op.children[0]).binding.table_index == get.table_index) {
      TableFilter filter;
      filter.column = static_cast<const BoundColumnRef&>(*op.children[0]).binding.column_index;
      filter.op = op.type == OperatorType::IS_NULL ? TableFilter::Op::IS_NULL : TableFilter::Op::IS_NOT_NULL;
      return filter;
    }
    return std::nullopt;
  }
  if (expression.expression_class != ExpressionClass::FUNCTION) return std::nullopt;
  const auto& function = static_cast<const BoundFunction&>(expression);
  if (function.children.size() != 2) return std::nullopt;
  const Expression* left = function.children[0].get();
  const Expression* right = function.children[1].get();
  bool flipped = false;
  if (left->expression_class == ExpressionClass::CONSTANT && right->expression_class == ExpressionClass::COLUMN_REF) {
    std::swap(left, right);
    flipped = true;
  }
  if (left->expression_class != ExpressionClass::COLUMN_REF || right->expression_class != ExpressionClass::CONSTANT ||
      static_cast<const BoundColumnRef&>(*left).binding.table_index != get.table_index) {
    return std::nullopt;
  }
  auto op = ComparisonOp(function.function.name, flipped);
  const Value& constant = static_cast<const BoundConstant&>(*right).value;
  if (!op || constant.IsNull() || left->return_type != constant.type()) return std::nullopt;
  TableFilter filter;
  filter.column = static_cast<const BoundColumnRef&>(*left).binding.column_index;
  filter.op = *op;
  filter.constant = constant;
  return filter;
}

LogicalOperatorPtr PushIntoJoin(LogicalOperatorPtr op, std::vector<ExpressionPtr> filters) {
  auto& join = static_cast<LogicalJoin&>(*op);
  std::vector<idx_t> right_tables = RightTableIndexes(join);
  if (join.join_type == JoinType::MARK) {
    // The mark column is the join's own: a filter on it stays above the join.
    right_tables.insert(std::upper_bound(right_tables.begin(), right_tables.end(), join.mark_index), join.mark_index);
  }
  std::vector<ExpressionPtr> left_filters;
  std::vector<ExpressionPtr> right_filters;
  std::vector<ExpressionPtr> conditions;
  std::vector<ExpressionPtr> kept;
  bool inner = join.join_type == JoinType::INNER || join.join_type == JoinType::CROSS;
  if (inner && join.residual) {
    for (auto& conjunct : SplitConjunction(std::move(join.residual))) filters.push_back(std::move(conjunct));
  }
  if (join.residual && (join.join_type == JoinType::LEFT || join.join_type == JoinType::SEMI ||
                        join.join_type == JoinType::ANTI)) {
    // A condition of the ON clause over the right input alone only decides which right rows
    // can match: it filters that input first (TPC-H Q13's `o_comment NOT LIKE …`). A left row
    // keeps its NULL-extended (LEFT), dropped (SEMI) or kept (ANTI) fate exactly as before.
    std::vector<ExpressionPtr> remaining;
    for (auto& conjunct : SplitConjunction(std::move(join.residual))) {
      if (!IsVolatile(*conjunct) && ReferencedSide(*conjunct, right_tables) == JoinSide::RIGHT) {
        right_filters.push_back(std::move(conjunct));
      } else {
        remaining.push_back(std::move(conjunct));
      }
    }
    join.residual = remaining.empty() ? nullptr : CombineConjunction(std::move(remaining));
  }
  for (auto& filter : filters) {
    if (IsVolatile(*filter)) {
      kept.push_back(std::move(filter));
      continue;
    }
    JoinSide side = ReferencedSide(*filter, right_tables);
    bool to_left = side == JoinSide::LEFT &&
                   (inner || join.join_type == JoinType::LEFT || join.join_type == JoinType::SEMI ||
                    join.join_type == JoinType::ANTI || join.join_type == JoinType::MARK ||
                    join.join_type == JoinType::SINGLE);
    bool to_right = side == JoinSide::RIGHT && (inner || join.join_type == JoinType::RIGHT ||
                                                 OutputsRightOnly(join.join_type));
    if (to_left) {
      left_filters.push_back(std::move(filter));
    } else if (to_right) {
      right_filters.push_back(std::move(filter));
    } else if (side == JoinSide::BOTH && inner) {
      conditions.push_back(std::move(filter));
    } else {
      kept.push_back(std::move(filter));
    }
  }
  if (inner) {
    AddJoinConditions(join, std::move(conditions));
    join.join_type = join.left_keys.empty() && !join.residual ? JoinType::CROSS : JoinType::INNER;
  }
  join.children[0] = Push(std::move(join.children[0]), std::move(left_filters));
  join.children[1] = Push(std::move(join.children[1]), std::move(right_filters));
  return WrapInFilter(std::move(op), std::move(kept));
}

LogicalOperatorPtr Push(LogicalOperatorPtr op, std::vector<ExpressionPtr> filters) {
  CheckStackDepth();
  switch (op->type) {
    case LogicalOperatorType::FILTER: {
      auto& filter = static_cast<LogicalFilter&>(*op);
      for (auto& expression : filter.expressions) {
        for (auto& conjunct : SplitConjunction(std::move(expression))) filters.push_back(std::move(conjunct));
      }
      return Push(std::move(op->children[0]), std::move(filters));
    }
    case LogicalOperatorType::PROJECTION: {
      auto& projection = static_cast<LogicalProjection&>(*op);
      std::vector<ExpressionPtr> pushed;
      std::vector<ExpressionPtr> kept;
      for (auto& filter : filters) {
        bool movable = !IsVolatile(*filter);
        ForEachColumnRef(*filter, [&](BoundColumnRef& ref) {
          movable = movable && (ref.binding.table_index != projection.table_index ||
                                !IsVolatile(*projection.expressions[ref.binding.column_index]));
        });
        if (movable) {
          pushed.push_back(Substitute(std::move(filter), projection.table_index, projection.expressions));
        } else {
          kept.push_back(std::move(filter));
        }
      }
      op->children[0] = Push(std::move(op->children[0]), std::move(pushed));
      return WrapInFilter(std::move(op), std::move(kept));
    }
    case LogicalOperatorType::AGGREGATE: {
      auto& aggregate = static_cast<LogicalAggregate&>(*op);
      std::vector<ExpressionPtr> pushed;
      std::vector<ExpressionPtr> kept;
      for (auto& filter : filters) {
        if (!aggregate.groups.empty() && !IsVolatile(*filter) && ReferencesOnly(*filter, aggregate.group_index)) {
          pushed.push_back(Substitute(std::move(filter), aggregate.group_index, aggregate.groups));
        } else {
          kept.push_back(std::move(filter));
        }
      }
      op->children[0] = Push(std::move(op->children[0]), std::move(pushed));
      return WrapInFilter(std::move(op), std::move(kept));
    }
    case LogicalOperatorType::JOIN:
      return PushIntoJoin(std::move(op), std::move(filters));
    case LogicalOperatorType::ORDER_BY:
      op->children[0] = Push(std::move(op->children[0]), std::move(filters));
      return op;
    case LogicalOperatorType::WINDOW: {
      // A filter on columns every window call partitions by removes whole partitions, which
      // changes no other row's window: it may go below. Anything else stays above.
      auto& window = static_cast<LogicalWindow&>(*op);
      auto partitions_by = [&](const ColumnBinding& binding) {
        for (const auto& expression : window.expressions) {
          bool found = false;
          for (const auto& partition : expression.partitions) {
            found = found || (partition->expression_class == ExpressionClass::COLUMN_REF &&
                              static_cast<const BoundColumnRef&>(*partition).binding == binding);
          }
          if (!found) return false;
        }
        return true;
      };
      std::vector<ExpressionPtr> pushed;
      std::vector<ExpressionPtr> kept;
      for (auto& filter : filters) {
        bool movable = !IsVolatile(*filter);
        ForEachColumnRef(*filter, [&](BoundColumnRef& ref) { movable = movable && partitions_by(ref.binding); });
        (movable ? pushed : kept).push_back(std::move(filter));
      }
      op->children[0] = Push(std::move(op->children[0]), std::move(pushed));
      return WrapInFilter(std::move(op), std::move(kept));
    }
    case LogicalOperatorType::UNION: {
      // Each input reads the union's column i as its own i-th output column.
      const idx_t union_table = static_cast<LogicalUnion&>(*op).table_index;
      for (auto& child : op->children) {
        std::vector<ColumnBinding> bindings = child->GetColumnBindings();
        std::vector<ExpressionPtr> columns;
        for (idx_t i = 0; i < bindings.size(); i++) {
          columns.push_back(std::make_unique<BoundColumnRef>(bindings[i], child->types[i], child->names[i]));
        }
        std::vector<ExpressionPtr> copies;
        for (const auto& filter : filters) {
          if (!IsVolatile(*filter)) copies.push_back(Substitute(filter->Copy(), union_table, columns));
        }
        child = Push(std::move(child), std::move(copies));
      }
      std::vector<ExpressionPtr> kept;
      for (auto& filter : filters) {
        if (IsVolatile(*filter)) kept.push_back(std::move(filter));
      }
      return WrapInFilter(std::move(op), std::move(kept));
    }
    case LogicalOperatorType::GET: {
      auto& get = static_cast<LogicalGet&>(*op);
      for (const auto& filter : filters) {
        if (auto table_filter = ToTableFilter(*filter, get)) get.filters.push_back(std::move(*table_filter));
      }
      return WrapInFilter(std::move(op), std::move(filters));
    }
    default:
      for (auto& child : op->children) child = Push(std::move(child), {});
      return WrapInFilter(std::move(op), std::move(filters));
  }
}

}  // namespace

LogicalOperatorPtr PushDownFilters(LogicalOperatorPtr plan) { return Push(std::move(plan), {}); }

}  // namespace cairn
