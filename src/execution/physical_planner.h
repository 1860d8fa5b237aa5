// PhysicalPlanner: maps an optimized logical plan onto physical operators one to one (GET ->
// table scan, AGGREGATE -> hash aggregate, JOIN -> hash join — which also covers CROSS and
// key-less joins —, ORDER_BY -> sort, TOP_N -> top-N, ...), puts a result collector on top and
// cuts the tree into pipelines. The operators own copies of the logical plan's expressions in
// which every column binding is resolved to a position in the operator's input
// (BindingResolver), so the logical plan may be destroyed as soon as this returns.
//
// Errors: throws cairn::Exception XX000 for malformed plans (e.g. a scan without a source, a
// column binding no input provides), 0A000 for subquery expressions (not supported yet).
#pragma once

#include <memory>

#include "execution/physical_plan.h"
#include "sql/logical_operator.h"

namespace cairn {

/// The prepared physical plan for `op` (immutable; execute it with ExecutePlan, as often as
/// wanted). Recurses on a large-stack thread (kLargeThreadStackBytes); throws 54001 when the
/// plan is nested too deeply even for that.
/// With `explain_labels`, each operator's explain_label is its logical operator's EXPLAIN line
/// (PhysicalOperator::explain_label), given `label` for each logical operator.
std::shared_ptr<const PhysicalPlan> CreatePhysicalPlan(
    const LogicalOperator& op, const std::function<std::string(const LogicalOperator&)>* explain_labels = nullptr);

}  // namespace cairn
