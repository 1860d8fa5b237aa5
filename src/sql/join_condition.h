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

/// The side(s) `expression` (over left ++ right, left has `left_count` columns) references.
JoinSide ReferencedSide(const Expression& expression, idx_t left_count);

/// Splits AND trees into their conjuncts (in order).
std::vector<ExpressionPtr> SplitConjunction(ExpressionPtr expression);

/// ANDs `conjuncts` back together (null when empty).
ExpressionPtr CombineConjunction(std::vector<ExpressionPtr> conjuncts);

/// Adds `conditions` (over left ++ right) to `join`: `l = r` with l left-only and r right-only
/// becomes left_keys/right_keys (r re-indexed over the right input); everything else is ANDed
/// into `residual`.
void AddJoinConditions(LogicalJoin& join, std::vector<ExpressionPtr> conditions, idx_t left_count);

}  // namespace cairn
