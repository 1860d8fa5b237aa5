// Cardinality estimates of logical plans, as the join planner makes them (join_order.cpp): a
// scan's row count from its source's metadata, a fifth of it per FILTER, a join as large as its
// larger input (the key–foreign-key assumption), SEMI/ANTI joins as large as their preserved
// input, LIMIT/TOP_N capped. Estimates only rank alternatives; they are not exact.
//
// Thread-safety: reads the plan only.
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

}  // namespace cairn
