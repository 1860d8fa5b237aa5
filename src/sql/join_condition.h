// Join conditions: splitting a predicate over a join's two inputs into hash keys (equalities
// between an expression of the left input and one of the right) and a residual predicate.
// Shared by the binder (JOIN ... ON / USING) and the filter pushdown rule (WHERE over a cross
// product).
//
// Thread-safety: pure functions over plan nodes owned by the caller.
#pragma once

#include <vector>

#include "sql/logical_operator.h"

namespace cairn {

/// Which inputs of a join an expression over left ++ right reads.
enum class JoinSide : uint8_t { NONE, LEFT, RIGHT, BOTH };

/// The table indexes a join's right input introduces (every operator of its subtree), sorted.
std::vector<idx_t> RightTableIndexes(const LogicalJoin& join);

/// The side(s) `expression` (over the join's left ++ right columns) references: a column whose
/// binding's table index is in `right_tables` (sorted) is a right column, any other a left one.
JoinSide ReferencedSide(const Expression& expression, const std::vector<idx_t>& right_tables);

/// Splits AND trees into their conjuncts (in order).
std::vector<ExpressionPtr> SplitConjunction(ExpressionPtr expression);

/// ANDs `conjuncts` back together (null when empty).
ExpressionPtr CombineConjunction(std::vector<ExpressionPtr> conjuncts);

/// Adds `conditions` (over left ++ right) to `join` (whose children are set): `l = r` with l
/// left-only and r right-only becomes left_keys/right_keys; everything else is ANDed into
/// `residual`.
void AddJoinConditions(LogicalJoin& join, std::vector<ExpressionPtr> conditions);

}  // namespace cairn
