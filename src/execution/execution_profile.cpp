#include "execution/execution_profile.h"

#include "execution/physical_plan.h"

namespace cairn {

ExecutionProfile::ExecutionProfile(const PhysicalPlan& plan) {
  auto add = [&](const PhysicalOperator* op) {
    if (op && !counters_.count(op)) counters_.emplace(op, std::make_unique<Counters>());
  };
  for (const auto& pipeline : plan.pipelines()) {
    add(pipeline->source);
    for (const PhysicalOperator* op : pipeline->operators) add(op);
    add(pipeline->sink);
  }
}

}  // namespace cairn
