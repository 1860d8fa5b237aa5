// FilterBeforeSubqueries: a rewrite of a bound plan that runs right before subquery planning
// (sql/subquery_planner.h). A FILTER whose conjuncts mix subqueries with plain predicates is
// split in two: the plain (non-volatile) conjuncts filter the input first, the subquery
// conjuncts are evaluated above them.
//
//   FILTER (a AND b AND x > (SELECT ... correlated ...))
//   → FILTER (x > (SELECT ...)) over FILTER (a AND b)
//
// Why: the subquery planner decorrelates a subquery against the domain of its input, SELECT
// DISTINCT <correlated columns> FROM input. When the input is a WHERE clause's FROM list, the
// plain conjuncts (join conditions, selective filters) are what keeps that domain small; applied
// below, they cut it to the rows that can reach the subquery (TPC-H Q21 at SF1: the domain
// drops from every lineitem row to the late lineitems of one nation's suppliers). WHERE keeps
// a row exactly when every conjunct is true, so the result is the same; subqueries are simply
// not evaluated for rows a plain conjunct already rejected (PostgreSQL does not define the
// evaluation order of conjuncts either). Subquery plans nested in expressions are rewritten
// too.
//
// Thread-safety: one plan at a time, on the planning thread.
#pragma once

#include "sql/logical_operator.h"

namespace cairn {

/// Rewrites `plan` in place as described above.
void FilterBeforeSubqueries(LogicalOperator& plan);

}  // namespace cairn
