// The logical plan: a tree of relational operators produced by the binder/planner and
// rewritten by the optimizer, then turned into physical pipelines by the executor.
//
// Every operator has an output schema (`types`, `names`): positional columns. Expressions in an
// operator reference its child's output by position (see expression.h); a join's conditions
// and residual predicate reference the concatenation left ++ right.
//
// Thread-safety: immutable once planning is done.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "function/table/table_source.h"
#include "function/aggregate_function.h"
#include "sql/expression.h"

namespace cairn {

enum class LogicalOperatorType : uint8_t {
  GET,          // LogicalGet: scan of a TableSource
  DUMMY_SCAN,   // one row, no columns (SELECT without FROM)
  VALUES,       // LogicalValues: literal rows
  FILTER,       // LogicalFilter
  PROJECTION,   // LogicalProjection
  AGGREGATE,    // LogicalAggregate (also DISTINCT)
  JOIN,         // LogicalJoin
  ORDER_BY,     // LogicalOrder
  LIMIT,        // LogicalLimit
  TOP_N,        // LogicalTopN (ORDER BY + LIMIT, made by the optimizer)
  UNION,        // LogicalUnion (UNION ALL; UNION = UNION ALL under a DISTINCT aggregate)
};

class LogicalOperator {
 public:
  explicit LogicalOperator(LogicalOperatorType type) : type(type) {}
  virtual ~LogicalOperator() = default;
  /// One line describing this operator for EXPLAIN (without children), e.g. "FILTER (delay > 10)".
  virtual std::string ParamsToString() const = 0;
  /// The whole subtree as an indented tree (EXPLAIN output).
  std::string ToString(int indent = 0) const;

  const LogicalOperatorType type;
  std::vector<std::unique_ptr<LogicalOperator>> children;
  std::vector<LogicalType> types;  // output column types
  std::vector<std::string> names;  // output column names
};

using LogicalOperatorPtr = std::unique_ptr<LogicalOperator>;

class LogicalGet : public LogicalOperator {
 public:
  LogicalGet() : LogicalOperator(LogicalOperatorType::GET) {}
  std::string ParamsToString() const override;
  std::shared_ptr<TableSource> source;
  std::string table_name;           // as written in the query (or function call text)
  std::vector<idx_t> column_ids;    // projected source columns, in output order
  std::vector<TableFilter> filters; // pruning hints (the plan keeps its own FILTER too)
  std::optional<idx_t> limit;       // rows the consumer needs at most (hint)
};

class LogicalDummyScan : public LogicalOperator {
 public:
  LogicalDummyScan() : LogicalOperator(LogicalOperatorType::DUMMY_SCAN) {}
  std::string ParamsToString() const override { return "DUMMY_SCAN"; }
};

class LogicalValues : public LogicalOperator {
 public:
  LogicalValues() : LogicalOperator(LogicalOperatorType::VALUES) {}
  std::string ParamsToString() const override;
  std::vector<std::vector<Value>> rows;  // each already of `types`
};

class LogicalFilter : public LogicalOperator {
 public:
  LogicalFilter() : LogicalOperator(LogicalOperatorType::FILTER) {}
  std::string ParamsToString() const override;
  /// Conjuncts (implicitly ANDed), each BOOLEAN. Output = child's columns.
  std::vector<ExpressionPtr> expressions;
};

class LogicalProjection : public LogicalOperator {
 public:
  LogicalProjection() : LogicalOperator(LogicalOperatorType::PROJECTION) {}
  std::string ParamsToString() const override;
  std::vector<ExpressionPtr> expressions;  // one per output column
};

/// An aggregate call inside LogicalAggregate.
struct BoundAggregate {
  AggregateFunction function;
  std::vector<ExpressionPtr> children;  // arguments over the aggregate's child output
  bool distinct = false;
  ExpressionPtr filter;                 // FILTER (WHERE ...) or null
  std::string ToString() const;
};

class LogicalAggregate : public LogicalOperator {
 public:
  LogicalAggregate() : LogicalOperator(LogicalOperatorType::AGGREGATE) {}
  std::string ParamsToString() const override;
  /// Output = groups (in order) then aggregates (in order). No groups = one output row even
  /// for empty input (SQL's scalar aggregate). SELECT DISTINCT = groups only, no aggregates.
  std::vector<ExpressionPtr> groups;
  std::vector<BoundAggregate> aggregates;
};

enum class JoinType : uint8_t { INNER, LEFT, RIGHT, FULL, CROSS, SEMI, ANTI };

class LogicalJoin : public LogicalOperator {
 public:
  LogicalJoin() : LogicalOperator(LogicalOperatorType::JOIN) {}
  std::string ParamsToString() const override;
  JoinType join_type = JoinType::INNER;
  /// Equality conditions: left_keys[i] (over the LEFT child's output) = right_keys[i] (over the
  /// RIGHT child's output), same types. NULL keys never match. Empty = nested-loop/cross.
  std::vector<ExpressionPtr> left_keys;
  std::vector<ExpressionPtr> right_keys;
  /// Any other ON condition, over left ++ right columns; null if none.
  ExpressionPtr residual;
  /// Output = left columns ++ right columns (SEMI/ANTI: left columns only).
};

struct BoundOrderBy {
  ExpressionPtr expression;  // over the child's output
  bool ascending = true;
  bool nulls_first = false;  // PostgreSQL default: NULLS LAST for ASC, NULLS FIRST for DESC
  std::string ToString() const;
};

class LogicalOrder : public LogicalOperator {
 public:
  LogicalOrder() : LogicalOperator(LogicalOperatorType::ORDER_BY) {}
  std::string ParamsToString() const override;
  std::vector<BoundOrderBy> orders;  // output = child's columns
};

class LogicalLimit : public LogicalOperator {
 public:
  LogicalLimit() : LogicalOperator(LogicalOperatorType::LIMIT) {}
  std::string ParamsToString() const override;
  std::optional<idx_t> limit;  // nullopt = no limit (OFFSET only)
  idx_t offset = 0;
};

class LogicalTopN : public LogicalOperator {
 public:
  LogicalTopN() : LogicalOperator(LogicalOperatorType::TOP_N) {}
  std::string ParamsToString() const override;
  std::vector<BoundOrderBy> orders;
  idx_t limit = 0;
  idx_t offset = 0;
};

class LogicalUnion : public LogicalOperator {
 public:
  LogicalUnion() : LogicalOperator(LogicalOperatorType::UNION) {}
  std::string ParamsToString() const override { return "UNION ALL"; }
  // children: >= 2 inputs with identical `types` (binder inserts casts).
};

}  // namespace cairn
