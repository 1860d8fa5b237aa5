// Cardinality estimates of logical plans, as the join planner makes them (join_order.cpp):
//   * a scan: its source's row count (Parquet metadata);
//   * a FILTER: its input times the fraction each conjunct keeps. A comparison of a column with
//     a constant (=, <>, <, <=, >, >=; BETWEEN is two of them) on a column whose scan's source
//     has min/max statistics (TableSource::GetColumnStatistics: Parquet footers) assumes values
//     spread uniformly between min and max: all conjuncts on one column form one interval,
//     whose share of the possible values (integers, dates, decimals) or of the length
//     (floating point, timestamps) is kept, times the non-NULL fraction; an equality keeps
//     1/distinct, where distinct is the column's distinct-value bound (DistinctValueBound).
//     Other conjuncts, and columns without statistics, go by shape: equality with a constant
//     1/10, a range bound 1/3, LIKE 1/10, IS NOT NULL all, an OR the sum of its branches,
//     anything else 1/5;
//   * an inner equi-join: |A|·|B| / the smaller input's unfiltered rows (key–foreign-key);
//     other joins as large as their larger input; SEMI/ANTI joins as large as their preserved
//     input (SEMI: times the fraction of the key side's rows its filters kept); LIMIT/TOP_N
//     capped.
// Estimates only rank alternatives; they are not exact. The join planner estimates the joins it
// plans itself (its equivalence classes know more than one LogicalJoin does).
//
// Thread-safety: reads the plan only (sources cache their statistics behind their own locks).
#pragma once

#include <limits>
#include <string>

#include "cairn/types.h"
#include "sql/logical_operator.h"

namespace cairn {

/// What EstimateRows returns when it cannot estimate.
constexpr idx_t kUnknownRows = std::numeric_limits<idx_t>::max() / 4;

/// Estimated output rows of `op`; kUnknownRows when unknown.
idx_t EstimateRows(const LogicalOperator& op);

/// EXPLAIN's estimate of `op`, as appended to its line: "  (rows=N)", or "  (rows=?)" when unknown.
std::string EstimatedRowsLabel(const LogicalOperator& op);

/// Estimated rows of `op` before its filters (through FILTER and PROJECTION; an inner join's
/// larger input's, an outer or semi join's preserved input's): the bound on the distinct
/// values of its columns. kUnknownRows when unknown.
idx_t UnfilteredRows(const LogicalOperator& op);

/// An upper bound on the distinct values of column `column` of relation `relation` (the column
/// read by a scan below it): its unfiltered rows, at most max - min + 1 for an integer-like
/// column (integers, dates, DECIMAL(p, 0)) whose scan's source has min/max statistics, at most
/// the source's distinct count when it has one. kUnknownRows when nothing is known.
idx_t DistinctValueBound(const LogicalOperator& relation, const ColumnBinding& column);

}  // namespace cairn
