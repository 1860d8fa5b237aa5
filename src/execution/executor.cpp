#include "execution/executor.h"

#include "execution/physical_planner.h"
#include "execution/query_execution.h"

namespace cairn {

namespace {

/// The consumer's handle on a running query; destroying it cancels the query.
class QueryResultStream : public ResultStream {
 public:
  explicit QueryResultStream(std::shared_ptr<QueryExecution> execution) : execution_(std::move(execution)) {}
  ~QueryResultStream() override {
    execution_->Cancel();
    execution_->ReleaseState();
  }
  std::unique_ptr<DataChunk> Next() override { return execution_->Next(); }

 private:
  std::shared_ptr<QueryExecution> execution_;
};

}  // namespace

std::unique_ptr<ResultStream> ExecutePlan(std::shared_ptr<const PhysicalPlan> plan, TaskScheduler& scheduler,
                                          std::shared_ptr<MemoryTracker> memory, std::weak_ptr<QueryExecution>* handle,
                                          std::shared_ptr<const ParameterValues> parameters,
                                          std::shared_ptr<const StorageSnapshot> snapshot) {
  if (!memory) memory = std::make_shared<MemoryTracker>("query", 0);
  auto execution =
      std::make_shared<QueryExecution>(scheduler, std::move(plan), std::move(memory), std::move(parameters),
                                       std::move(snapshot));
  if (handle) *handle = execution;
  execution->Start();
  return std::make_unique<QueryResultStream>(std::move(execution));
}

std::unique_ptr<ResultStream> ExecutePlan(LogicalOperatorPtr plan, TaskScheduler& scheduler,
                                          std::shared_ptr<MemoryTracker> memory, std::weak_ptr<QueryExecution>* handle,
                                          std::shared_ptr<const StorageSnapshot> snapshot) {
  std::shared_ptr<const PhysicalPlan> physical = CreatePhysicalPlan(*plan);
  plan.reset();  // the physical plan owns copies of everything it needs
  return ExecutePlan(std::move(physical), scheduler, std::move(memory), handle, nullptr, std::move(snapshot));
}

}  // namespace cairn
