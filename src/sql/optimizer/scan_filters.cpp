// scan_filters: every scan with pushed `column op constant` hints (filter_pushdown) is allowed to
// evaluate them row by row (LogicalGet::evaluate_filters → ScanRequest::evaluate_filters): a
// Parquet scan then drops failing rows before decoding its other columns (late
// materialization, docs/design/scan-filters.md). The FILTER above the scan stays and re-checks
// the survivors, so disabling the rule changes speed, never answers.
//
// top_n_cutoff: every TOP_N may publish its running cut-off to the scan its first ORDER BY key
// comes from (LogicalTopN::publish_cutoff); the physical planner links them when the key is a
// plain column of a scan below, through projections and filters, and of an eligible type
// (function/table/dynamic_filter.h). The TOP_N still ranks every row it receives.
//
// join_filters: every join may pass its build side's key values to the scan feeding its probe
// side (LogicalJoin::publish_key_filters); the physical planner links them for INNER, SEMI and
// RIGHT joins whose key is a plain column of a scan in the probe side's pipeline, of an eligible
// type (function/table/join_key_filter.h). The join still checks every row it receives.
#include "common/stack_depth.h"
#include "sql/optimizer/rules.h"

namespace cairn {

LogicalOperatorPtr EvaluateFiltersInScans(LogicalOperatorPtr plan) {
  CheckStackDepth();
  for (auto& child : plan->children) child = EvaluateFiltersInScans(std::move(child));
  if (plan->type == LogicalOperatorType::GET) {
    auto& get = static_cast<LogicalGet&>(*plan);
    if (!get.filters.empty()) get.evaluate_filters = true;
  }
  return plan;
}

LogicalOperatorPtr PublishTopNCutOffs(LogicalOperatorPtr plan) {
  CheckStackDepth();
  for (auto& child : plan->children) child = PublishTopNCutOffs(std::move(child));
  if (plan->type == LogicalOperatorType::TOP_N) static_cast<LogicalTopN&>(*plan).publish_cutoff = true;
  return plan;
}

LogicalOperatorPtr PublishJoinKeyFilters(LogicalOperatorPtr plan) {
  CheckStackDepth();
  for (auto& child : plan->children) child = PublishJoinKeyFilters(std::move(child));
  if (plan->type == LogicalOperatorType::JOIN) static_cast<LogicalJoin&>(*plan).publish_key_filters = true;
  return plan;
}

}  // namespace cairn
