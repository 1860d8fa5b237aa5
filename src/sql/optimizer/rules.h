// The optimizer's rewrite rules (one file each: constant_folding.cpp, or_factoring.cpp, filter_pushdown.cpp,
// distinct_cross_product.cpp, join_order.cpp, top_n.cpp, projection_pushdown.cpp,
// count_from_metadata.cpp, empty_result.cpp). See optimizer.h for what each does. Every rule takes
// ownership of a plan and returns the rewritten plan with the same output schema.
//
// Thread-safety: pure functions over the plan they are given.
#pragma once

#include "sql/logical_operator.h"

namespace cairn {

/// constant_folding (constant_folding.cpp).
LogicalOperatorPtr FoldConstants(LogicalOperatorPtr plan);
/// or_factoring (or_factoring.cpp).
LogicalOperatorPtr FactorOrConditions(LogicalOperatorPtr plan);
LogicalOperatorPtr RewriteDateTimestampComparisons(LogicalOperatorPtr plan);
/// filter_pushdown (filter_pushdown.cpp).
LogicalOperatorPtr PushDownFilters(LogicalOperatorPtr plan);
/// distinct_cross_product (distinct_cross_product.cpp).
LogicalOperatorPtr LimitUnusedCrossProductInputs(LogicalOperatorPtr plan);
/// join_order (join_order.cpp).
LogicalOperatorPtr PushDownSemiJoins(LogicalOperatorPtr plan);
LogicalOperatorPtr ReduceAggregateInputs(LogicalOperatorPtr plan);
LogicalOperatorPtr ReorderJoins(LogicalOperatorPtr plan);
/// top_n (top_n.cpp).
LogicalOperatorPtr CreateTopN(LogicalOperatorPtr plan);
/// distinct_aggregates (distinct_aggregates.cpp).
LogicalOperatorPtr SplitDistinctAggregates(LogicalOperatorPtr plan);
/// projection_pushdown (projection_pushdown.cpp).
LogicalOperatorPtr PushDownProjections(LogicalOperatorPtr plan);
/// count_from_metadata (count_from_metadata.cpp).
LogicalOperatorPtr CountFromMetadata(LogicalOperatorPtr plan);
/// empty_result (empty_result.cpp).
LogicalOperatorPtr PropagateEmptyResults(LogicalOperatorPtr plan);
/// scan_filters (scan_filters.cpp).
LogicalOperatorPtr EvaluateFiltersInScans(LogicalOperatorPtr plan);
/// top_n_cutoff (scan_filters.cpp).
LogicalOperatorPtr PublishTopNCutOffs(LogicalOperatorPtr plan);
/// join_filters (scan_filters.cpp).
LogicalOperatorPtr PublishJoinKeyFilters(LogicalOperatorPtr plan);

}  // namespace cairn
