// Binder: GROUPING SETS, ROLLUP, CUBE, GROUP BY () and GROUPING() (PostgreSQL manual 7.2.4,
// "GROUPING SETS, CUBE, and ROLLUP", and 9.21 "grouping operations").
//
// The GROUP BY clause's items each stand for a list of grouping sets — an expression (or a
// parenthesized row of them) for one set, `()` for the empty set, ROLLUP(e1, …, en) for
// (e1…en), (e1…en-1), …, (), CUBE(e1, …, en) for every subset, GROUPING SETS(…) for the
// concatenation of its items' lists — and the clause for the cartesian product of its items'
// lists (PostgreSQL keeps duplicate sets). Each set is planned as its own aggregate over a copy of
// the FROM/WHERE plan; a projection gives every GROUP BY expression (NULL where the set does not
// group by it), the aggregates and the GROUPING() values; a UNION ALL combines the sets.
#include <algorithm>

#include "cairn/exception.h"
#include "common/stack_depth.h"
#include "sql/binder.h"

namespace cairn {

namespace {

using Sets = std::vector<std::vector<idx_t>>;

/// Concatenations of each set of `left` with each set of `right`.
Sets CrossProduct(const Sets& left, const Sets& right) {
  Sets result;
  for (const auto& a : left) {
    for (const auto& b : right) {
      std::vector<idx_t> set = a;
      set.insert(set.end(), b.begin(), b.end());
      result.push_back(std::move(set));
    }
  }
  return result;
}

}  // namespace

ExpressionPtr Binder::BindGroupingFunc(const PgQuery__GroupingFunc& call, Scope& scope) {
  auto position = Position(call.location);
  if (!scope.aggregates || scope.inside_aggregate) {
    throw Exception(sqlstate::kGroupingError,
                    std::string("grouping operations are not allowed in ") +
                        (scope.inside_aggregate ? "aggregate function arguments" : scope.clause),
                    position);
  }
  if (call.n_args > 31) {
    throw Exception(sqlstate::kTooManyArguments, "GROUPING must have fewer than 32 arguments", position);
  }
  AggregateSink::GroupingCall grouping;
  grouping.position = position;
  Scope argument_scope = scope;
  argument_scope.aggregates = nullptr;
  argument_scope.clause = "arguments of GROUPING";
  for (size_t i = 0; i < call.n_args; i++) grouping.arguments.push_back(Bind(call.args[i], argument_scope));
  scope.aggregates->grouping_calls.push_back(std::move(grouping));
  const idx_t index = scope.aggregates->grouping_calls.size() - 1;
  return std::make_unique<BoundColumnRef>(ColumnBinding{scope.aggregates->grouping_index, index},
                                          LogicalType(TypeId::INTEGER), "grouping");
}

std::vector<std::vector<idx_t>> Binder::ExpandGroupingSets(PgQuery__Node** items, size_t count,
                                                           const std::function<idx_t(const PgQuery__Node*)>& bind_item) {
  // The indexes of one element: a parenthesized row is several expressions.
  auto element = [&](const PgQuery__Node* node) {
    std::vector<idx_t> indexes;
    if (node->node_case == PG_QUERY__NODE__NODE_ROW_EXPR &&
        node->row_expr->row_format != PG_QUERY__COERCION_FORM__COERCE_EXPLICIT_CALL) {
      for (size_t i = 0; i < node->row_expr->n_args; i++) indexes.push_back(bind_item(node->row_expr->args[i]));
    } else {
      indexes.push_back(bind_item(node));
    }
    return indexes;
  };
  std::function<Sets(const PgQuery__Node*)> expand = [&](const PgQuery__Node* node) -> Sets {
    CheckStackDepth();
    if (node->node_case != PG_QUERY__NODE__NODE_GROUPING_SET) return Sets{element(node)};
    const PgQuery__GroupingSet& set = *node->grouping_set;
    switch (set.kind) {
      case PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_EMPTY:
        return Sets{{}};
      case PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_SIMPLE: {
        std::vector<idx_t> all;
        for (size_t i = 0; i < set.n_content; i++) {
          for (idx_t index : element(set.content[i])) all.push_back(index);
        }
        return Sets{all};
      }
      case PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_ROLLUP: {
        std::vector<std::vector<idx_t>> parts;
        for (size_t i = 0; i < set.n_content; i++) parts.push_back(element(set.content[i]));
        Sets result;
        for (size_t k = parts.size() + 1; k-- > 0;) {
          std::vector<idx_t> prefix;
          for (size_t i = 0; i < k; i++) prefix.insert(prefix.end(), parts[i].begin(), parts[i].end());
          result.push_back(std::move(prefix));
        }
        return result;
      }
      case PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_CUBE: {
        std::vector<std::vector<idx_t>> parts;
        for (size_t i = 0; i < set.n_content; i++) parts.push_back(element(set.content[i]));
        if (parts.size() > 12) {
          throw Exception(sqlstate::kProgramLimitExceeded, "CUBE is limited to 12 elements", Position(set.location));
        }
        Sets result;
        // PostgreSQL's order: the full set first, then ever smaller subsets.
        for (uint32_t mask = (1u << parts.size()); mask-- > 0;) {
          std::vector<idx_t> subset;
          for (size_t i = 0; i < parts.size(); i++) {
            if (mask & (1u << (parts.size() - 1 - i))) subset.insert(subset.end(), parts[i].begin(), parts[i].end());
          }
          result.push_back(std::move(subset));
        }
        return result;
      }
      case PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_SETS: {
        Sets result;
        for (size_t i = 0; i < set.n_content; i++) {
          for (auto& inner : expand(set.content[i])) result.push_back(std::move(inner));
        }
        return result;
      }
      default:
        throw Exception(sqlstate::kFeatureNotSupported, "this kind of grouping set is not supported", Position(set.location));
    }
  };
  Sets result{{}};
  for (size_t i = 0; i < count; i++) {
    result = CrossProduct(result, expand(items[i]));
    if (result.size() > 4096) {
      throw Exception(sqlstate::kProgramLimitExceeded, "too many grouping sets present (maximum 4096)");
    }
  }
  return result;
}

std::vector<int32_t> Binder::GroupingValues(const AggregateSink& sink, const std::vector<ExpressionPtr>& groups,
                                            const std::vector<idx_t>& set) {
  std::vector<int32_t> values;
  for (const auto& call : sink.grouping_calls) {
    int32_t value = 0;
    for (const auto& argument : call.arguments) {
      std::optional<idx_t> index;
      for (idx_t g = 0; g < groups.size() && !index; g++) {
        if (ExpressionEquals(*argument, *groups[g])) index = g;
      }
      if (!index) {
        throw Exception(sqlstate::kGroupingError,
                        "arguments to GROUPING must be grouping expressions of the associated query level", call.position);
      }
      const bool grouped = std::find(set.begin(), set.end(), *index) != set.end();
      value = (value << 1) | (grouped ? 0 : 1);
    }
    values.push_back(value);
  }
  return values;
}

LogicalOperatorPtr Binder::MakeGroupingSets(LogicalOperatorPtr input, const std::vector<ExpressionPtr>& groups,
                                            const std::vector<std::vector<idx_t>>& sets, AggregateSink& sink,
                                            idx_t group_index, BindingMap& rewrite) {
  auto union_op = std::make_unique<LogicalUnion>();
  union_op->table_index = NewTableIndex();
  const idx_t group_count = groups.size();
  const idx_t aggregate_count = sink.aggregates.size();
  for (idx_t i = 0; i < group_count; i++) {
    union_op->types.push_back(groups[i]->return_type);
    union_op->names.push_back(groups[i]->expression_class == ExpressionClass::COLUMN_REF
                                  ? static_cast<BoundColumnRef&>(*groups[i]).name
                                  : groups[i]->ToString());
    rewrite[ColumnBinding{group_index, i}] = ColumnBinding{union_op->table_index, i};
  }
  for (idx_t j = 0; j < aggregate_count; j++) {
    union_op->types.push_back(sink.aggregates[j].function.return_type);
    union_op->names.push_back(sink.aggregates[j].ToString());
    rewrite[ColumnBinding{sink.table_index, j}] = ColumnBinding{union_op->table_index, group_count + j};
  }
  for (idx_t k = 0; k < sink.grouping_calls.size(); k++) {
    union_op->types.emplace_back(TypeId::INTEGER);
    union_op->names.emplace_back("grouping");
    rewrite[ColumnBinding{sink.grouping_index, k}] = ColumnBinding{union_op->table_index, group_count + aggregate_count + k};
  }
  for (size_t s = 0; s < sets.size(); s++) {
    const std::vector<idx_t>& set = sets[s];
    // Each set aggregates its own copy of the input (the last one takes the original).
    BindingMap copied;
    LogicalOperatorPtr set_input =
        s + 1 == sets.size() ? std::move(input) : CopyPlan(*input, [this] { return NewTableIndex(); }, copied);
    auto aggregate = std::make_unique<LogicalAggregate>();
    aggregate->group_index = NewTableIndex();
    aggregate->aggregate_index = NewTableIndex();
    std::vector<std::optional<idx_t>> position(group_count);
    for (idx_t index : set) {
      if (position[index]) continue;  // a set naming an expression twice groups by it once
      position[index] = aggregate->groups.size();
      ExpressionPtr group = groups[index]->Copy();
      RewriteBindings(*group, copied);
      aggregate->types.push_back(group->return_type);
      aggregate->names.push_back(group->ToString());
      aggregate->groups.push_back(std::move(group));
    }
    for (const auto& call : sink.aggregates) {
      BoundAggregate copy{call.function, {}, call.distinct, call.filter ? call.filter->Copy() : nullptr};
      for (const auto& child : call.children) copy.children.push_back(child->Copy());
      for (auto& child : copy.children) RewriteBindings(*child, copied);
      if (copy.filter) RewriteBindings(*copy.filter, copied);
      aggregate->types.push_back(call.function.return_type);
      aggregate->names.push_back(call.ToString());
      aggregate->aggregates.push_back(std::move(copy));
    }
    aggregate->children.push_back(std::move(set_input));
    std::vector<ExpressionPtr> columns;
    for (idx_t i = 0; i < group_count; i++) {
      if (position[i]) {
        columns.push_back(std::make_unique<BoundColumnRef>(ColumnBinding{aggregate->group_index, *position[i]},
                                                           groups[i]->return_type, union_op->names[i]));
      } else {
        columns.push_back(std::make_unique<BoundConstant>(Value::Null(groups[i]->return_type)));
      }
    }
    for (idx_t j = 0; j < aggregate_count; j++) {
      columns.push_back(std::make_unique<BoundColumnRef>(ColumnBinding{aggregate->aggregate_index, j},
                                                         sink.aggregates[j].function.return_type,
                                                         union_op->names[group_count + j]));
    }
    for (int32_t value : GroupingValues(sink, groups, set)) columns.push_back(std::make_unique<BoundConstant>(Value::Integer(value)));
    union_op->children.push_back(MakeProjection(std::move(aggregate), std::move(columns), union_op->names));
  }
  if (union_op->children.size() == 1) {
    // A single set: a union of one input is the input.
    auto only = std::move(union_op->children[0]);
    const auto bindings = only->GetColumnBindings();
    for (auto& [from, to] : rewrite) to = bindings[to.column_index];
    return only;
  }
  return union_op;
}

}  // namespace cairn
