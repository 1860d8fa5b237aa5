// PhysicalPlanner: maps an optimized logical plan onto physical operators one to one (GET ->
// table scan, AGGREGATE -> hash aggregate, JOIN -> hash join — which also covers CROSS and
// key-less joins —, ORDER_BY -> sort, TOP_N -> top-N, ...). Physical operators reference the
// logical plan's expressions, so the logical plan must outlive them.
//
// Errors: throws cairn::Exception XX000 for malformed plans (e.g. a scan without a source).
#pragma once

#include <memory>

#include "execution/physical_operator.h"
#include "sql/logical_operator.h"

namespace cairn {

/// The physical operator tree for `op`. Recurses on a large-stack thread (kLargeThreadStackBytes);
/// throws 54001 when the plan is nested too deeply even for that.
std::unique_ptr<PhysicalOperator> CreatePhysicalPlan(const LogicalOperator& op);

}  // namespace cairn
