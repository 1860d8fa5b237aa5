#include "execution/executor.h"

#include "execution/operators/physical_result_collector.h"
#include "execution/physical_planner.h"
#include "execution/pipeline_builder.h"
#include "execution/query_execution.h"

namespace cairn {

namespace {

/// The consumer's handle on a running query; destroying it cancels the query.
class QueryResultStream : public ResultStream {
 public:
  explicit QueryResultStream(std::shared_ptr<QueryExecution> execution) : execution_(std::move(execution)) {}
  ~QueryResultStream() override {
    execution_->Cancel();
    execution_->ReleaseOperators();
  }
  std::unique_ptr<DataChunk> Next() override { return execution_->Next(); }

 private:
  std::shared_ptr<QueryExecution> execution_;
};

}  // namespace

std::unique_ptr<ResultStream> ExecutePlan(LogicalOperatorPtr plan, TaskScheduler& scheduler,
                                          std::shared_ptr<MemoryTracker> memory, std::weak_ptr<QueryExecution>* handle) {
  if (!memory) memory = std::make_shared<MemoryTracker>("query", 0);
  MemoryTracker::Scope memory_scope(memory);
  std::vector<std::unique_ptr<PhysicalOperator>> operators;
  operators.push_back(CreatePhysicalPlan(*plan));
  PhysicalOperator& root = *operators.back();
  operators.push_back(std::make_unique<PhysicalResultCollector>(root.types));
  auto* collector = static_cast<PhysicalResultCollector*>(operators.back().get());
  auto pipelines = BuildPipelines(root, *collector, operators);
  auto execution = std::make_shared<QueryExecution>(scheduler, std::move(plan), std::move(operators), std::move(pipelines),
                                                    collector, std::move(memory));
  QueryExecution* raw = execution.get();
  collector->SetPush([raw](std::unique_ptr<DataChunk> chunk) { raw->PushResult(std::move(chunk)); });
  if (handle) *handle = execution;
  execution->Start();
  return std::make_unique<QueryResultStream>(std::move(execution));
}

}  // namespace cairn
