#include "sql/optimizer/optimizer.h"

#include <algorithm>

#include "sql/optimizer/rules.h"

namespace cairn {

const std::vector<std::string>& Optimizer::RuleNames() {
  static const std::vector<std::string> kNames = {"constant_folding", "or_factoring", "date_timestamp_comparison",
                                                  "filter_pushdown", "distinct_cross_product", "join_order",
                                                  "semi_join_pushdown", "top_n", "distinct_aggregates", "projection_pushdown",
                                                  "aggregate_input_reduction", "count_from_metadata",
                                                  "scan_filters", "top_n_cutoff", "join_filters", "empty_result"};
  return kNames;
}

bool Optimizer::Enabled(const std::string& rule) const {
  const auto& disabled = settings_.disabled_optimizers;
  return settings_.enable_optimizer && std::find(disabled.begin(), disabled.end(), rule) == disabled.end();
}

LogicalOperatorPtr Optimizer::Optimize(LogicalOperatorPtr plan) const {
  if (Enabled("constant_folding")) plan = FoldConstants(std::move(plan));
  if (Enabled("or_factoring")) plan = FactorOrConditions(std::move(plan));
  if (Enabled("date_timestamp_comparison")) plan = RewriteDateTimestampComparisons(std::move(plan));
  if (Enabled("filter_pushdown")) plan = PushDownFilters(std::move(plan));
  if (Enabled("distinct_cross_product")) plan = LimitUnusedCrossProductInputs(std::move(plan));
  if (Enabled("join_order")) plan = ReorderJoins(std::move(plan));
  if (Enabled("semi_join_pushdown")) plan = PushDownSemiJoins(std::move(plan));
  if (Enabled("top_n")) plan = CreateTopN(std::move(plan));
  if (Enabled("distinct_aggregates")) plan = SplitDistinctAggregates(std::move(plan));
  if (Enabled("projection_pushdown")) plan = PushDownProjections(std::move(plan));
  if (Enabled("aggregate_input_reduction")) plan = ReduceAggregateInputs(std::move(plan));
  if (Enabled("count_from_metadata")) plan = CountFromMetadata(std::move(plan));
  if (Enabled("scan_filters")) plan = EvaluateFiltersInScans(std::move(plan));
  if (Enabled("top_n") && Enabled("top_n_cutoff")) plan = PublishTopNCutOffs(std::move(plan));
  if (Enabled("join_filters")) plan = PublishJoinKeyFilters(std::move(plan));
  if (Enabled("empty_result")) plan = PropagateEmptyResults(std::move(plan));
  return plan;
}

}  // namespace cairn
