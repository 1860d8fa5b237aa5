#include "execution/explain_analyze.h"

#include <chrono>
#include <cstdio>
#include <functional>

#include "common/stack_depth.h"
#include "execution/execution_profile.h"
#include "execution/physical_planner.h"
#include "execution/query_execution.h"
#include "sql/optimizer/cardinality_estimate.h"

namespace cairn {

namespace {

const char* TypeName(PhysicalOperatorType type) {
  switch (type) {
    case PhysicalOperatorType::TABLE_SCAN: return "TABLE_SCAN";
    case PhysicalOperatorType::VALUES: return "VALUES";
    case PhysicalOperatorType::FILTER: return "FILTER";
    case PhysicalOperatorType::PROJECTION: return "PROJECTION";
    case PhysicalOperatorType::HASH_AGGREGATE: return "HASH_AGGREGATE";
    case PhysicalOperatorType::HASH_JOIN: return "HASH_JOIN";
    case PhysicalOperatorType::ORDER: return "ORDER";
    case PhysicalOperatorType::TOP_N: return "TOP_N";
    case PhysicalOperatorType::LIMIT: return "LIMIT";
    case PhysicalOperatorType::UNION: return "UNION";
    case PhysicalOperatorType::RESULT_COLLECTOR: return "RESULT_COLLECTOR";
    case PhysicalOperatorType::OUTER_JOIN_SCAN: return "OUTER_JOIN_SCAN";
    case PhysicalOperatorType::RECURSIVE_CTE: return "RECURSIVE_CTE";
    case PhysicalOperatorType::WINDOW: return "WINDOW";
    case PhysicalOperatorType::PROJECT_SET: return "PROJECT_SET";
    case PhysicalOperatorType::MATERIALIZED_CTE: return "MATERIALIZED_CTE";
    case PhysicalOperatorType::CTE_SCAN: return "CTE_SCAN";
  }
  return "?";
}

std::string Milliseconds(uint64_t nanos) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.3f", static_cast<double>(nanos) / 1e6);
  return text;
}

void Describe(const PhysicalOperator& op, int indent, ExecutionProfile& profile, const ExplainAnalyzeOptions& options,
              std::vector<std::string>& lines) {
  CheckStackDepth();
  std::string line(static_cast<size_t>(indent), ' ');
  line += op.explain_label.empty() ? TypeName(op.type) : op.explain_label;
  if (ExecutionProfile::Counters* counters = profile.Of(&op)) {
    line += "  (actual rows=" + std::to_string(counters->rows.load());
    if (options.timing) line += " time=" + Milliseconds(counters->nanos.load()) + " ms";
    line += ")";
  }
  lines.push_back(std::move(line));
  for (const auto& child : op.children) Describe(*child, indent + 2, profile, options, lines);
}

}  // namespace

std::vector<std::string> ExplainAnalyze(const LogicalOperator& plan, const ExplainAnalyzeOptions& options,
                                        TaskScheduler& scheduler, std::shared_ptr<MemoryTracker> memory,
                                        const std::function<void(std::weak_ptr<QueryExecution>)>& on_start,
                                        std::shared_ptr<const StorageSnapshot> snapshot) {
  const std::function<std::string(const LogicalOperator&)> label = [&](const LogicalOperator& op) {
    std::string text = op.ParamsToString();
    if (options.costs) text += EstimatedRowsLabel(op);
    return text;
  };
  std::shared_ptr<const PhysicalPlan> physical = CreatePhysicalPlan(plan, &label);
  if (!memory) memory = std::make_shared<MemoryTracker>("query", 0);
  auto profile = std::make_shared<ExecutionProfile>(*physical);
  auto execution = std::make_shared<QueryExecution>(scheduler, physical, std::move(memory), nullptr, std::move(snapshot));
  execution->set_profile(profile);
  if (on_start) on_start(execution);
  struct Release {
    QueryExecution& execution;
    ~Release() {
      execution.Cancel();
      execution.ReleaseState();
    }
  } release{*execution};
  const auto started = std::chrono::steady_clock::now();
  execution->Start();
  while (execution->Next()) {
  }
  const auto elapsed = std::chrono::steady_clock::now() - started;
  std::vector<std::string> lines;
  Describe(physical->root(), 0, *profile, options, lines);
  if (options.timing) {
    lines.push_back("Execution Time: " +
                    Milliseconds(static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed).count())) +
                    " ms");
  }
  return lines;
}

}  // namespace cairn
