// Pipeline: a chain source -> streaming operators -> sink that runs without materializing
// (DuckDB's Pipeline; Neumann's pipeline breakers). A physical plan is cut into pipelines at
// sinks (hash-join build, aggregation, sort, top-N, result collector); a pipeline starts once
// the pipelines it depends on are complete. A Pipeline is an immutable description, part of the
// PhysicalPlan and shared by all its executions; what one execution knows about it (scheduled,
// complete, tasks remaining, stopped early, source initialized) is its PipelineState in the
// ExecutionState (execution_state.h).
//
// PipelineTask is one worker's share of a pipeline in one execution: it owns that thread's
// local source, operator and sink states (created from the execution's global states) and loops
// pulling chunks from the source and pushing them through the operators into the sink.
// Operators that produce several output chunks per input (HAVE_MORE_OUTPUT) are resumed
// deepest-first. A task runs for at most kTimeSlice per call and then yields (its states stay in
// the task, the scheduler re-queues it behind other queries' tasks), so no query holds a worker
// for long. A task of the final pipeline parks itself (returns without finishing) when the
// result queue is full and is re-submitted when the consumer drains it, so workers never block.
//
// Thread-safety: a Pipeline is read-only. A PipelineTask runs on one worker at a time.
#pragma once

#include <chrono>
#include <memory>
#include <vector>

#include "execution/execution_profile.h"
#include "execution/physical_operator.h"
#include "execution/task_scheduler.h"

namespace cairn {

class QueryExecution;
struct PipelineState;

struct Pipeline {
  idx_t index = 0;  // position in PhysicalPlan::pipelines() (and of its PipelineState)
  const PhysicalOperator* source = nullptr;
  std::vector<const PhysicalOperator*> operators;  // in data-flow order
  const PhysicalOperator* sink = nullptr;
  std::vector<const PhysicalOperator*> sink_dependencies;  // sinks that must be finalized first
  std::vector<const Pipeline*> dependencies;               // resolved: pipelines that must complete first
};

class PipelineTask : public std::enable_shared_from_this<PipelineTask> {
 public:
  /// `state` is `pipeline`'s state in `execution`'s ExecutionState.
  PipelineTask(std::shared_ptr<QueryExecution> execution, const Pipeline& pipeline, PipelineState& state)
      : execution_(std::move(execution)), pipeline_(pipeline), shared_(state) {}

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

  std::shared_ptr<QueryExecution> execution_;  // keeps the plan and the execution's states alive
  const Pipeline& pipeline_;
  PipelineState& shared_;  // this pipeline's state in the execution (global states, counters)
  bool initialized_ = false;
  std::unique_ptr<LocalSourceState> local_source_;
  std::vector<std::unique_ptr<OperatorState>> local_operators_;
  std::unique_ptr<LocalSinkState> local_sink_;
  DataChunk source_chunk_;
  std::vector<DataChunk> intermediates_;
  std::vector<idx_t> pending_;  // operators with more output for their current input
  // EXPLAIN ANALYZE: the counters of the source, each operator and the sink (null: no profile).
  ExecutionProfile::Counters* source_counters_ = nullptr;
  std::vector<ExecutionProfile::Counters*> operator_counters_;
  ExecutionProfile::Counters* sink_counters_ = nullptr;
};

}  // namespace cairn
