// PhysicalPlan: a prepared, immutable physical plan — the operator tree (which owns its copies
// of the expressions, so it does not depend on the logical plan it came from), the result
// collector on top and the pipelines it is cut into. Shared as std::shared_ptr<const
// PhysicalPlan>, it can be executed any number of times, sequentially or concurrently
// (ExecutePlan in executor.h): each execution keeps what it changes in its own ExecutionState.
//
// Thread-safety: immutable after construction; safe to share between threads.
#pragma once

#include <memory>
#include <vector>

#include "execution/physical_operator.h"
#include "execution/pipeline.h"

namespace cairn {

class PhysicalPlan {
 public:
  /// `root`: the operator tree; `result_collector`: the final pipeline's sink; `extra`: other
  /// operators the pipelines use (outer join scans); `pipelines`: as BuildPipelines made them,
  /// Pipeline::index = position.
  PhysicalPlan(std::unique_ptr<PhysicalOperator> root, std::unique_ptr<PhysicalOperator> result_collector,
               std::vector<std::unique_ptr<PhysicalOperator>> extra, std::vector<std::unique_ptr<Pipeline>> pipelines)
      : root_(std::move(root)), result_collector_(std::move(result_collector)), extra_(std::move(extra)),
        pipelines_(std::move(pipelines)) {}
  PhysicalPlan(const PhysicalPlan&) = delete;
  PhysicalPlan& operator=(const PhysicalPlan&) = delete;

  const PhysicalOperator& root() const { return *root_; }
  const PhysicalOperator& result_collector() const { return *result_collector_; }
  /// Result column types.
  const std::vector<LogicalType>& types() const { return root_->types; }
  const std::vector<std::unique_ptr<Pipeline>>& pipelines() const { return pipelines_; }

 private:
  std::unique_ptr<PhysicalOperator> root_;
  std::unique_ptr<PhysicalOperator> result_collector_;
  std::vector<std::unique_ptr<PhysicalOperator>> extra_;  // declared after root_: refer to its operators
  std::vector<std::unique_ptr<Pipeline>> pipelines_;
};

}  // namespace cairn
