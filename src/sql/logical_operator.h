// The logical plan: a tree of relational operators produced by the binder/planner and
// rewritten by the optimizer, then turned into physical pipelines by the executor.
//
// Every operator has an output schema (`types`, `names`) and names its output columns by
// ColumnBinding (GetColumnBindings()). Operators that introduce columns (GET, VALUES,
// PROJECTION, AGGREGATE, UNION) carry table indexes from the binder; pass-through operators
// (FILTER, ORDER_BY, LIMIT, TOP_N) return their child's bindings, a JOIN left's ++ right's
// (SEMI/ANTI: left's). Expressions reference columns by binding (see expression.h), so no rule
// rewrites them when it moves an operator; the physical planner resolves bindings to positions.
// A GET's bindings are (table_index, source column id): stable when projection pushdown drops
// columns from column_ids.
//
// Thread-safety: immutable once planning is done.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "function/table/table_source.h"
#include "function/aggregate_function.h"
#include "function/window/window_frame.h"
#include "function/window/window_function.h"
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
  RECURSIVE_CTE,  // LogicalRecursiveCte (WITH RECURSIVE)
  WINDOW,       // LogicalWindow: window function calls (OVER)
  PROJECT_SET,  // LogicalProjectSet: set-returning function calls (unnest, generate_series, ...)
  MATERIALIZED_CTE,  // LogicalMaterializedCte: a WITH query computed once for all its references
  CTE_SCAN,          // LogicalCteScan: one reference to a materialized WITH query
  EMPTY_RESULT,  // LogicalEmptyResult: no rows (made by the optimizer's empty_result rule)
};

class LogicalOperator {
 public:
  explicit LogicalOperator(LogicalOperatorType type) : type(type) {}
  virtual ~LogicalOperator() = default;
  /// One line describing this operator for EXPLAIN (without children), e.g. "FILTER (delay > 10)".
  virtual std::string ParamsToString() const = 0;
  /// The whole subtree as an indented tree (EXPLAIN output).
  /// The tree as text, one line per operator (EXPLAIN); `annotate`, when given, is appended to
  /// each operator's line.
  std::string ToString(int indent = 0, const std::function<std::string(const LogicalOperator&)>* annotate = nullptr) const;
  /// The bindings of the output columns, in output order (one per entry of `types`). Computed
  /// on each call, walking down through pass-through operators and joins; passes that need
  /// every operator's bindings (physical planning, projection pushdown) build them bottom-up.
  virtual std::vector<ColumnBinding> GetColumnBindings() const;
  /// Calls `fn` on every expression slot this operator holds (not its children's).
  virtual void ForEachExpression(const std::function<void(ExpressionPtr&)>& fn) { (void)fn; }

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
  bool evaluate_filters = false;    // the source may drop rows failing `filters` (scan_filters rule)
  idx_t table_index = 0;            // bindings: (table_index, column_ids[i])
  std::vector<ColumnBinding> GetColumnBindings() const override;
};

class LogicalDummyScan : public LogicalOperator {
 public:
  LogicalDummyScan() : LogicalOperator(LogicalOperatorType::DUMMY_SCAN) {}
  std::string ParamsToString() const override { return "DUMMY_SCAN"; }
  std::vector<ColumnBinding> GetColumnBindings() const override { return {}; }
};

class LogicalValues : public LogicalOperator {
 public:
  LogicalValues() : LogicalOperator(LogicalOperatorType::VALUES) {}
  std::string ParamsToString() const override;
  std::vector<std::vector<Value>> rows;  // each already of `types`
  idx_t table_index = 0;                 // bindings: (table_index, column)
  std::vector<ColumnBinding> GetColumnBindings() const override;
};

/// A relation known to have no rows, standing in for the subtree it replaced (LIMIT 0, a filter
/// that is FALSE or NULL, an inner join with an empty input, ...): same types, names and column
/// bindings, so the operators above it are unchanged; nothing below it is planned or scanned.
/// Made by the optimizer rule empty_result (optimizer/empty_result.cpp).
class LogicalEmptyResult : public LogicalOperator {
 public:
  LogicalEmptyResult() : LogicalOperator(LogicalOperatorType::EMPTY_RESULT) {}
  std::string ParamsToString() const override;  // "EMPTY_RESULT [a, b]"
  std::vector<ColumnBinding> bindings;  // the replaced subtree's, one per entry of `types`
  std::vector<ColumnBinding> GetColumnBindings() const override { return bindings; }
};

class LogicalFilter : public LogicalOperator {
 public:
  LogicalFilter() : LogicalOperator(LogicalOperatorType::FILTER) {}
  std::string ParamsToString() const override;
  /// Conjuncts (implicitly ANDed), each BOOLEAN. Output = child's columns.
  std::vector<ExpressionPtr> expressions;
  void ForEachExpression(const std::function<void(ExpressionPtr&)>& fn) override;
};

class LogicalProjection : public LogicalOperator {
 public:
  LogicalProjection() : LogicalOperator(LogicalOperatorType::PROJECTION) {}
  std::string ParamsToString() const override;
  std::vector<ExpressionPtr> expressions;  // one per output column
  idx_t table_index = 0;                   // bindings: (table_index, column)
  std::vector<ColumnBinding> GetColumnBindings() const override;
  void ForEachExpression(const std::function<void(ExpressionPtr&)>& fn) override;
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
  idx_t group_index = 0;      // bindings of the groups: (group_index, i)
  idx_t aggregate_index = 0;  // bindings of the aggregates: (aggregate_index, i)
  std::vector<ColumnBinding> GetColumnBindings() const override;
  void ForEachExpression(const std::function<void(ExpressionPtr&)>& fn) override;
};

/// SEMI/ANTI output the left rows with / without a match. MARK outputs every left row plus a
/// BOOLEAN "mark" column (subquery planning's EXISTS / IN / ANY): TRUE if some right row matches
/// (keys equal, residual TRUE, mark_condition TRUE), else NULL if some candidate's
/// mark_condition was NULL (or, null-aware, a key was NULL), else FALSE. SINGLE is a LEFT join
/// for scalar subqueries: a left row matching two right rows is error 21000. RIGHT_SEMI and
/// RIGHT_ANTI are SEMI and ANTI with the inputs swapped (the right rows with / without a match
/// in the left input): the optimizer turns a SEMI/ANTI join around when its preserved input is
/// the smaller, so the hash table is built on that input.
enum class JoinType : uint8_t { INNER, LEFT, RIGHT, FULL, CROSS, SEMI, ANTI, MARK, SINGLE, RIGHT_SEMI, RIGHT_ANTI };

/// SEMI and ANTI output only their left input's columns.
inline bool OutputsLeftOnly(JoinType type) { return type == JoinType::SEMI || type == JoinType::ANTI; }
/// RIGHT_SEMI and RIGHT_ANTI output only their right input's columns.
inline bool OutputsRightOnly(JoinType type) { return type == JoinType::RIGHT_SEMI || type == JoinType::RIGHT_ANTI; }

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
  /// Per key (empty = none): true when NULL keys match each other (IS NOT DISTINCT FROM), as
  /// decorrelated subqueries join on their outer columns.
  std::vector<bool> null_equal_keys;
  /// MARK only: the subquery comparison, over left ++ right columns, three-valued (null: a
  /// match alone makes the mark TRUE).
  ExpressionPtr mark_condition;
  /// MARK only: the keys are a single-column `x IN (subquery)`; no match with a NULL key on
  /// either side gives a NULL mark (PostgreSQL's IN semantics).
  bool mark_null_aware = false;
  /// MARK only: the binding of the mark column, (mark_index, 0).
  idx_t mark_index = 0;
  /// The build side's key values may be passed to the scan feeding the probe side (join_filters
  /// rule; the physical planner links them, function/table/join_key_filter.h).
  bool publish_key_filters = false;
  /// Output = left columns ++ right columns (SEMI/ANTI: left columns only; RIGHT_SEMI/RIGHT_ANTI:
  /// right columns only; MARK: left ++ mark).
  std::vector<ColumnBinding> GetColumnBindings() const override;
  void ForEachExpression(const std::function<void(ExpressionPtr&)>& fn) override;
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
  void ForEachExpression(const std::function<void(ExpressionPtr&)>& fn) override;
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
  /// The first key's cut-off may be passed to the scan below (top_n_cutoff rule).
  bool publish_cutoff = false;
  void ForEachExpression(const std::function<void(ExpressionPtr&)>& fn) override;
};

class LogicalUnion : public LogicalOperator {
 public:
  LogicalUnion() : LogicalOperator(LogicalOperatorType::UNION) {}
  std::string ParamsToString() const override { return "UNION ALL"; }
  // children: >= 2 inputs with identical `types` (binder inserts casts), read positionally.
  idx_t table_index = 0;  // bindings: (table_index, column)
  std::vector<ColumnBinding> GetColumnBindings() const override;
};

/// A WITH RECURSIVE common table expression: children[0] is the non-recursive term, children[1]
/// the recursive term, which reads the previous iteration's rows through a LogicalGet of
/// `working_table`. Output: the rows of every iteration (UNION: without duplicates), with the
/// non-recursive term's types; bindings (table_index, column). Executed by
/// PhysicalRecursiveCte (docs/design/recursive-cte.md).
class LogicalRecursiveCte : public LogicalOperator {
 public:
  LogicalRecursiveCte() : LogicalOperator(LogicalOperatorType::RECURSIVE_CTE) {}
  std::string ParamsToString() const override;
  std::string cte_name;
  bool union_all = true;
  /// The placeholder scanned by the recursive term (function/table/working_table.h).
  std::shared_ptr<TableSource> working_table;
  /// Iterations after which the query fails with 54000 (a runaway recursion).
  idx_t max_iterations = 0;
  idx_t table_index = 0;
  std::vector<ColumnBinding> GetColumnBindings() const override;
};

/// A WITH query referenced more than once (or written AS MATERIALIZED), computed once per
/// execution and read by every reference, as PostgreSQL materializes such CTEs (manual 7.8.1:
/// "evaluated only once per execution of the parent query"; a volatile function in it is called
/// once per row of the CTE, not once per reference). children[0]: the WITH query; children[1]:
/// the query that reads it through LogicalCteScans of the same cte_index. Output = children[1]'s.
class LogicalMaterializedCte : public LogicalOperator {
 public:
  LogicalMaterializedCte() : LogicalOperator(LogicalOperatorType::MATERIALIZED_CTE) {}
  std::string ParamsToString() const override;
  std::string cte_name;
  idx_t cte_index = 0;  // unique per statement
  std::vector<ColumnBinding> GetColumnBindings() const override { return children.at(1)->GetColumnBindings(); }
};

/// One reference to a materialized WITH query (LogicalMaterializedCte of the same cte_index,
/// above it in the plan): its rows, with bindings (table_index, column).
class LogicalCteScan : public LogicalOperator {
 public:
  LogicalCteScan() : LogicalOperator(LogicalOperatorType::CTE_SCAN) {}
  std::string ParamsToString() const override;
  std::string cte_name;
  idx_t cte_index = 0;
  idx_t table_index = 0;
  /// The WITH query's estimated rows, for join planning (0: not estimated yet).
  idx_t estimated_rows = 0;
  /// When not empty: the bindings of the columns (instead of (table_index, i)) — a scan standing
  /// in for the very subplan that was materialized keeps that subplan's bindings.
  std::vector<ColumnBinding> bindings;
  std::vector<ColumnBinding> GetColumnBindings() const override;
};

/// Calls `fn` on every column reference in the tree rooted at `plan` (and in the plans of its
/// subquery expressions, recursively) that refers to the query `level` levels out of `plan`
/// (BoundColumnRef::depth == level at the top, level + 1 inside a nested subquery, ...).
void ForEachOuterColumnRef(LogicalOperator& plan, idx_t level, const std::function<void(BoundColumnRef&)>& fn);

/// A window function call inside LogicalWindow (PostgreSQL 4.2.8, "Window Function Calls"):
/// the function, its arguments, its window (PARTITION BY, ORDER BY) and its frame. Every
/// expression is over the window's child output.
struct BoundWindowExpression {
  WindowFunctionKind kind = WindowFunctionKind::ROW_NUMBER;
  AggregateFunction aggregate;          // kind == AGGREGATE only
  LogicalType return_type;
  /// Arguments: an aggregate's; lag/lead (value, offset, default), first/last_value (value),
  /// nth_value (value, n), ntile (buckets). Already cast to the types the function expects.
  std::vector<ExpressionPtr> children;
  ExpressionPtr filter;                 // aggregate FILTER (WHERE ...) or null
  std::vector<ExpressionPtr> partitions;
  std::vector<BoundOrderBy> orders;
  /// The frame; ROWS/GROUPS offsets are the constants the query gave (checked >= 0).
  WindowFrameShape frame;
  /// RANGE with an offset (exactly one ORDER BY key): `range_key` is the ORDER BY key cast to
  /// the type of the bounds, `range_start` / `range_end` the key minus/plus the offset (per the
  /// ORDER BY direction) for an offset start / end boundary, else null.
  ExpressionPtr range_key, range_start, range_end;

  /// True if `other` has the same PARTITION BY and ORDER BY (so both can share one sort).
  bool SameWindow(const BoundWindowExpression& other) const;
  BoundWindowExpression Copy() const;
  /// Calls `fn` on every expression slot.
  void ForEachExpression(const std::function<void(ExpressionPtr&)>& fn);
  /// "sum(x) OVER (PARTITION BY a ORDER BY b ROWS ...)" for EXPLAIN.
  std::string ToString() const;
};

class LogicalWindow : public LogicalOperator {
 public:
  LogicalWindow() : LogicalOperator(LogicalOperatorType::WINDOW) {}
  std::string ParamsToString() const override;
  /// Output = the child's columns, then one column per window expression (in order).
  std::vector<BoundWindowExpression> expressions;
  idx_t window_index = 0;  // bindings of the window expressions: (window_index, i)
  std::vector<ColumnBinding> GetColumnBindings() const override;
  void ForEachExpression(const std::function<void(ExpressionPtr&)>& fn) override;
};

/// Set-returning function calls evaluated per input row (PostgreSQL's ProjectSet, also the
/// plan of `FROM t, LATERAL f(t.x) [WITH ORDINALITY]`): each input row is repeated once per
/// row of the longest call's set, the other calls' columns padded with NULL; a row whose calls
/// all return no rows is dropped.
class LogicalProjectSet : public LogicalOperator {
 public:
  LogicalProjectSet() : LogicalOperator(LogicalOperatorType::PROJECT_SET) {}
  std::string ParamsToString() const override;
  /// Output = the child's columns, one column per call (each a BoundFunction whose
  /// function.set_function is set), then the BIGINT ordinality when `ordinality`.
  std::vector<ExpressionPtr> functions;
  idx_t set_index = 0;  // bindings of the calls (set_index, i); the ordinality is (set_index, n)
  bool ordinality = false;
  std::vector<ColumnBinding> GetColumnBindings() const override;
  void ForEachExpression(const std::function<void(ExpressionPtr&)>& fn) override;
};

/// Calls `fn` on every expression slot of every operator in the tree rooted at `plan`.
void ForEachExpressionInPlan(LogicalOperator& plan, const std::function<void(ExpressionPtr&)>& fn);

/// One more than the largest table index used in the tree rooted at `plan`: a table index an
/// optimizer rule may give a new operator.
idx_t NextFreeTableIndex(const LogicalOperator& plan);

/// The table indexes of every operator in the tree rooted at `plan` that introduces columns.
void CollectTableIndexes(const LogicalOperator& plan, std::vector<idx_t>& table_indexes);

}  // namespace cairn
