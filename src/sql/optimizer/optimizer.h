// Optimizer: rewrites a bound logical plan with a fixed sequence of rules, each of which can be
// disabled by name (SET disabled_optimizers = 'filter_pushdown,top_n') or all at once
// (SET enable_optimizer = false). Rules, in order:
//   constant_folding     expressions over constants only are evaluated once at plan time
//                        (`x > 2 + 3` → `x > 5`); not volatile functions, parameters, or
//                        expressions whose evaluation fails (left for execution to raise)
//   or_factoring         conjuncts shared by every branch of an OR move out of it
//                        ((a AND b) OR (a AND c) → a AND (b OR c)), so they can become join keys;
//                        an OR over several tables also adds the one-table filters it implies
//   date_timestamp_comparison  `date_column op timestamp_constant` → a DATE comparison
//   filter_pushdown      filters move below projections, aggregates (group columns) and into
//                        join inputs; WHERE equalities across a cross product become hash-join
//                        keys; `column op constant` conjuncts also become LogicalGet pruning hints
//   distinct_cross_product  under a DISTINCT, a cross-product input none of whose columns
//                        is used only decides whether there are rows: it is read as LIMIT 1
//                        (the domains of decorrelated subqueries)
//   join_order           trees of inner joins and cross products are re-planned from their
//                        join graph — up to 12 relations joined by equi-joins by dynamic
//                        programming (DPccp), more greedily — by estimated cardinality (Parquet
//                        statistics where present), so no cross product is run where an
//                        equi-join exists; hash joins build on the smaller input (outer, semi
//                        and anti joins are turned around when theirs is the left)
//   semi_join_pushdown   SEMI/ANTI joins move below inner joins onto a smaller input they read
//   top_n                ORDER BY + LIMIT → TOP_N; LIMIT directly over a scan → scan limit hint
//   distinct_aggregates  aggregates that are all DISTINCT over one argument list (count, sum,
//                        avg, min, max, ...) become two plain aggregates: GROUP BY (groups,
//                        arguments), then GROUP BY groups — parallel and able to spill
//   projection_pushdown  scans read only the columns the query uses
//   aggregate_input_reduction  a small input joined with an aggregate over a large one is
//                        materialized and cuts the aggregate's input to its keys
//   count_from_metadata  count(*) of a whole table answered from file metadata
//   scan_filters         scans may evaluate their pruning hints row by row and drop failing rows
//                        before decoding the other columns (the FILTER above still re-checks)
//   top_n_cutoff         a TOP_N whose first key is a column of a scan below (through
//                        projections and filters) passes its running n-th value to the scan,
//                        which skips rows and row groups that cannot win
//   empty_result         subtrees that cannot produce rows (LIMIT 0, a FALSE or NULL filter,
//                        an inner join with an empty input, ...) become one EMPTY_RESULT
//                        operator: nothing below it is scanned. Runs last.
// Each rule preserves the plan's output schema (types and names of the root).
//
// Thread-safety: stateless; one plan at a time per call.
#pragma once

#include <string>
#include <vector>

#include "sql/logical_operator.h"
#include "sql/planner.h"

namespace cairn {

class Optimizer {
 public:
  explicit Optimizer(const ClientSettings& settings) : settings_(settings) {}

  /// Runs every enabled rule over `plan`.
  LogicalOperatorPtr Optimize(LogicalOperatorPtr plan) const;

  /// The rule names, in the order they run.
  static const std::vector<std::string>& RuleNames();

 private:
  bool Enabled(const std::string& rule) const;
  const ClientSettings& settings_;
};

}  // namespace cairn
