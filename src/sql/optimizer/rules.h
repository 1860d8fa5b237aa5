// The optimizer's rewrite rules (one file each: or_factoring.cpp, filter_pushdown.cpp,
// distinct_cross_product.cpp, join_order.cpp, top_n.cpp, projection_pushdown.cpp,
// count_from_metadata.cpp). See optimizer.h for what each does. Every rule takes
// ownership of a plan and returns the rewritten plan with the same output schema.
//
// Thread-safety: pure functions over the plan they are given.
#pragma once

#include "sql/logical_operator.h"

namespace cairn {

/// or_factoring (or_factoring.cpp).
LogicalOperatorPtr FactorOrConditions(LogicalOperatorPtr plan);
/// filter_pushdown (filter_pushdown.cpp).
LogicalOperatorPtr PushDownFilters(LogicalOperatorPtr plan);
/// distinct_cross_product (distinct_cross_product.cpp).
LogicalOperatorPtr LimitUnusedCrossProductInputs(LogicalOperatorPtr plan);
/// join_order (join_order.cpp).
LogicalOperatorPtr ReorderJoins(LogicalOperatorPtr plan);
/// top_n (top_n.cpp).
LogicalOperatorPtr CreateTopN(LogicalOperatorPtr plan);
/// projection_pushdown (projection_pushdown.cpp).
LogicalOperatorPtr PushDownProjections(LogicalOperatorPtr plan);
LogicalOperatorPtr CountFromMetadata(LogicalOperatorPtr plan);
/// scan_filters (scan_filters.cpp).
LogicalOperatorPtr EvaluateFiltersInScans(LogicalOperatorPtr plan);
/// top_n_cutoff (scan_filters.cpp).
LogicalOperatorPtr PublishTopNCutOffs(LogicalOperatorPtr plan);

}  // namespace cairn
