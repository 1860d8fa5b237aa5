// Pipeline: a chain source -> streaming operators -> sink that runs without materializing
// (DuckDB's Pipeline; Neumann's pipeline breakers). A query's physical plan is cut into
// pipelines at sinks (hash-join build, aggregation, sort, top-N, result collector); a pipeline
// starts once the pipelines it depends on are complete.
//
// PipelineTask is one worker's share of a pipeline: it owns that thread's local source,
// operator and sink states and loops pulling chunks from the source and pushing them through
// the operators into the sink. Operators that produce several output chunks per input
// (HAVE_MORE_OUTPUT) are resumed deepest-first. A task runs for at most kTimeSlice per call and
// then yields (its states stay in the task, the scheduler re-queues it behind other queries'
// tasks), so no query holds a worker for long. A task of the final pipeline parks itself
// (returns without finishing) when the result queue is full and is re-submitted when the
// consumer drains it, so workers never block.
//
// Thread-safety: a Pipeline's runtime counters are guarded by the QueryExecution's mutex; a
// PipelineTask runs on one worker at a time.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

#include "execution/physical_operator.h"
#include "execution/task_scheduler.h"

namespace cairn {

class QueryExecution;

struct Pipeline {
  PhysicalOperator* source = nullptr;
  std::vector<PhysicalOperator*> operators;  // in data-flow order
  PhysicalOperator* sink = nullptr;
  std::vector<PhysicalOperator*> sink_dependencies;  // sinks that must be finalized first
  std::vector<Pipeline*> dependencies;               // resolved: pipelines that must complete first

  // Runtime (guarded by QueryExecution's mutex unless atomic).
  bool scheduled = false;
  bool complete = false;
  idx_t tasks_remaining = 0;
  std::atomic<bool> done_early{false};  // LIMIT reached: stop pulling morsels
  std::once_flag source_initialized;
};

class PipelineTask : public std::enable_shared_from_this<PipelineTask> {
 public:
  PipelineTask(std::shared_ptr<QueryExecution> execution, Pipeline& pipeline)
      : execution_(std::move(execution)), pipeline_(pipeline) {}

  /// Longest a Run() call keeps pulling chunks before it yields the worker. A chunk already
  /// started is finished first, so a slice can overrun by one chunk's work.
  static constexpr std::chrono::microseconds kTimeSlice{2000};

  /// Runs until the pipeline is exhausted for this task (then combines the sink state and
  /// reports completion: kDone), until it parks (kDone; re-submitted later) or until its time
  /// slice is used up (kYield). Never throws: errors go to the QueryExecution.
  TaskStatus Run();

 private:
  enum class ProcessResult { kFinished, kParked, kYielded };
  ProcessResult Process();
  void InitializeLocalState();

  std::shared_ptr<QueryExecution> execution_;
  Pipeline& pipeline_;
  bool initialized_ = false;
  std::unique_ptr<LocalSourceState> source_state_;
  std::vector<std::unique_ptr<OperatorState>> operator_states_;
  std::unique_ptr<LocalSinkState> sink_state_;
  DataChunk source_chunk_;
  std::vector<DataChunk> intermediates_;
  std::vector<idx_t> pending_;  // operators with more output for their current input
};

}  // namespace cairn
