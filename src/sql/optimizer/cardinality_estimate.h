// Cardinality estimates of logical plans, as the join planner makes them (join_order.cpp): a
// scan's row count from its source's metadata, a fifth of it per FILTER, a join as large as its
// larger input (the key–foreign-key assumption), SEMI/ANTI joins as large as their preserved
// input, LIMIT/TOP_N capped. Estimates only rank alternatives; they are not exact.
//
// Thread-safety: reads the plan only.
#pragma once

#include "cairn/types.h"
#include "sql/logical_operator.h"

namespace cairn {

/// Estimated output rows of `op`; a very large value (about 2^62) when unknown.
idx_t EstimateRows(const LogicalOperator& op);

}  // namespace cairn
