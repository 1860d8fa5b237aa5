// distinct_aggregates: an aggregate whose aggregates are all DISTINCT over one argument list —
// `SELECT g, count(DISTINCT x), sum(DISTINCT x) FROM t GROUP BY g` — becomes two ordinary
// aggregates: the inner one groups by (g, x), which deduplicates the arguments per group, and the
// outer one groups its rows by g and aggregates x without DISTINCT:
//
//   AGGREGATE [g] [count(x), sum(x)]
//     AGGREGATE [g, x] []
//       t
//
// Both are plain hash aggregates, so the deduplication runs in parallel radix partitions and
// spills to disk under a memory limit (a DISTINCT aggregate's per-thread sets are merged on one
// thread and cannot spill). The result is the same: DISTINCT feeds each distinct argument value
// of a group to the aggregate once, and grouping uses the same equality (NULLs form one group,
// which the aggregates then skip as they skip NULL arguments).
//
// Applied only to aggregates whose result depends on the set of values fed in, not on their
// order (count, sum, avg, min, max, bool_and/bool_or/every, bit_and/bit_or/bit_xor). An
// aggregate that is not DISTINCT may join them when it is duplicate-insensitive (min, max,
// bool_and/bool_or/every, bit_and/bit_or, any_value) and has the same arguments: max(x) over the
// distinct x of a group is max(x) over its rows. Not applied with FILTER, volatile expressions or
// DISTINCT aggregates over different arguments (those keep the operator's distinct sets).
//
// The outer aggregate keeps the original group and aggregate indexes, so the plan above is
// unchanged. Sources: this is the standard rewrite of one distinct aggregate into a two-level
// aggregation (e.g. Apache Calcite's AggregateExpandDistinctAggregatesRule; DuckDB's distinct
// aggregate data groups by (groups, arguments) the same way inside its operator).
#include <algorithm>
#include <string>

#include "common/stack_depth.h"
#include "sql/optimizer/rules.h"

namespace cairn {

namespace {

/// True if `name` aggregates a set of values: feeding the distinct values in any order gives the
/// same result as DISTINCT does.
bool OrderInsensitive(const std::string& name) {
  static const char* kNames[] = {"count", "sum", "avg", "mean", "min", "max", "bool_and", "bool_or",
                                 "every", "bit_and", "bit_or", "bit_xor"};
  return std::any_of(std::begin(kNames), std::end(kNames), [&](const char* n) { return name == n; });
}

/// True if `name` gives the same result whether or not duplicates are removed first.
bool DuplicateInsensitive(const std::string& name) {
  static const char* kNames[] = {"min", "max", "bool_and", "bool_or", "every", "bit_and", "bit_or", "any_value"};
  return std::any_of(std::begin(kNames), std::end(kNames), [&](const char* n) { return name == n; });
}

bool SameArguments(const std::vector<ExpressionPtr>& left, const std::vector<ExpressionPtr>& right) {
  if (left.size() != right.size()) return false;
  for (size_t i = 0; i < left.size(); i++) {
    if (!ExpressionEquals(*left[i], *right[i])) return false;
  }
  return true;
}

/// The distinct arguments shared by every aggregate of `aggregate`, or null if the rewrite does
/// not apply.
const std::vector<ExpressionPtr>* SharedDistinctArguments(const LogicalAggregate& aggregate) {
  const std::vector<ExpressionPtr>* arguments = nullptr;
  for (const BoundAggregate& bound : aggregate.aggregates) {
    if (!bound.distinct) continue;
    if (bound.filter || bound.children.empty() || !OrderInsensitive(bound.function.name)) return nullptr;
    if (!arguments) {
      arguments = &bound.children;
    } else if (!SameArguments(*arguments, bound.children)) {
      return nullptr;
    }
  }
  if (!arguments) return nullptr;
  for (const BoundAggregate& bound : aggregate.aggregates) {
    if (bound.distinct) continue;
    if (bound.filter || !DuplicateInsensitive(bound.function.name) || !SameArguments(*arguments, bound.children)) {
      return nullptr;
    }
  }
  for (const auto& argument : *arguments) {
    if (IsVolatile(*argument)) return nullptr;
  }
  for (const auto& group : aggregate.groups) {
    if (IsVolatile(*group)) return nullptr;
  }
  return arguments;
}

struct Rewriter {
  idx_t next_table_index;

  LogicalOperatorPtr Visit(LogicalOperatorPtr plan) {
    CheckStackDepth();
    for (auto& child : plan->children) child = Visit(std::move(child));
    if (plan->type != LogicalOperatorType::AGGREGATE) return plan;
    auto& outer = static_cast<LogicalAggregate&>(*plan);
    const std::vector<ExpressionPtr>* arguments = SharedDistinctArguments(outer);
    if (!arguments) return plan;

    auto inner = std::make_unique<LogicalAggregate>();
    inner->group_index = next_table_index++;
    inner->aggregate_index = next_table_index++;
    auto add_group = [&](ExpressionPtr expression, const std::string& name) {
      auto ref = std::make_unique<BoundColumnRef>(ColumnBinding{inner->group_index, inner->groups.size()},
                                                  expression->return_type, name);
      inner->types.push_back(expression->return_type);
      inner->names.push_back(name);
      inner->groups.push_back(std::move(expression));
      return ref;
    };
    for (idx_t g = 0; g < outer.groups.size(); g++) {
      outer.groups[g] = add_group(std::move(outer.groups[g]), outer.names[g]);
    }
    std::vector<ExpressionPtr> argument_refs;
    for (const auto& argument : *arguments) {
      std::string name = argument->expression_class == ExpressionClass::COLUMN_REF
                             ? static_cast<const BoundColumnRef&>(*argument).name
                             : argument->ToString();
      argument_refs.push_back(add_group(argument->Copy(), name));
    }
    for (BoundAggregate& bound : outer.aggregates) {
      bound.distinct = false;
      bound.children.clear();
      for (const auto& ref : argument_refs) bound.children.push_back(ref->Copy());
    }
    inner->children.push_back(std::move(outer.children[0]));
    outer.children[0] = std::move(inner);
    return plan;
  }
};

}  // namespace

LogicalOperatorPtr SplitDistinctAggregates(LogicalOperatorPtr plan) {
  Rewriter rewriter{NextFreeTableIndex(*plan)};
  return rewriter.Visit(std::move(plan));
}

}  // namespace cairn
