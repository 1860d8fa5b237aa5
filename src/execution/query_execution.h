// QueryExecution: one execution of a (shared, immutable) PhysicalPlan — the execution's
// ExecutionState (every operator's global state, the pipelines' runtime counters), pipeline
// scheduling in dependency order on the shared TaskScheduler, sink finalization, the bounded
// result queue the consumer reads (ResultStream), error capture and cancellation. A sink's
// finalization may fan out into rounds of finalize tasks (PhysicalOperator::Finalize), which run
// on the workers like pipeline tasks; the pipelines waiting for that sink start after the last
// round. The plan is
// held by shared_ptr, so it outlives every task of the execution; several QueryExecutions may
// run the same plan at once.
//
// The query's tasks run in their own TaskGroup, so the scheduler serves them round-robin with
// other queries' tasks.
//
// Errors: the first exception raised by any task is stored; the queued tasks are dropped and the
// running ones stop at their next chunk; Next() rethrows it on the consumer's thread.
// Interrupt() (from any thread) does the same with SQLSTATE 57014. Cancellation (stream
// destroyed early) drops the queued tasks at once and waits only for the tasks running at that
// moment, which stop at their next chunk (a sink's Finalize, a single call, runs to its end), so
// nothing of the query runs after its stream is gone.
//
// Thread-safety: all methods are thread-safe; Next() is called by one consumer thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "cairn/exception.h"
#include "common/memory_tracker.h"
#include "execution/parameter_values.h"
#include "execution/physical_operator.h"
#include "execution/execution_state.h"
#include "execution/physical_plan.h"
#include "execution/pipeline.h"

namespace cairn {

class TaskScheduler;
class StorageSnapshot;
class ExecutionProfile;  // execution/execution_profile.h  // storage/storage_snapshot.h

class QueryExecution : public std::enable_shared_from_this<QueryExecution> {
 public:
  /// Result chunks buffered before producers park.
  static constexpr idx_t kResultQueueCapacity = 64;
  /// A query whose memory peaked at this many bytes or more returns the heap's free pages to
  /// the system when its state is released (malloc_trim).
  static constexpr uint64_t kTrimAfterPeakBytes = uint64_t(256) << 20;

  /// Sets up an execution of `plan`: creates its ExecutionState (the states charge `memory`,
  /// null: an unlimited tracker of its own). `parameters`: the values of the plan's $n for this
  /// execution (null: none).
  QueryExecution(TaskScheduler& scheduler, std::shared_ptr<const PhysicalPlan> plan,
                 std::shared_ptr<MemoryTracker> memory = nullptr,
                 std::shared_ptr<const ParameterValues> parameters = nullptr,
                 std::shared_ptr<const StorageSnapshot> snapshot = nullptr);
  ~QueryExecution();

  /// Schedules the pipelines without dependencies.
  void Start();
  /// Next result chunk; nullptr at the end. Rethrows a worker's error.
  std::unique_ptr<DataChunk> Next();
  /// Stops the query: drops its queued tasks and waits for its running ones to return.
  /// Idempotent. Must not be called from one of the query's own tasks.
  void Cancel();
  /// Destroys the execution's state (hash tables, sort runs, ...) and buffered results, so the
  /// memory they charged is released as the query's stream goes away rather than when the last
  /// task closure is dropped. The plan is untouched. REQUIRES: Cancel() returned.
  void ReleaseState();
  /// Fails the query with 57014 "canceling statement due to user request" (unless it already
  /// failed): the consumer's Next() throws it, queued tasks are dropped, running tasks stop at
  /// their next chunk. Does not wait. Callable from any thread.
  void Interrupt();

  // ---- called by tasks ----
  bool IsCancelled() const { return cancelled_.load(std::memory_order_relaxed); }
  void SetError(const Exception& error);
  void PushResult(std::unique_ptr<DataChunk> chunk);
  /// Parks `task` if the result queue is full (returns true: the task must return).
  bool TryPark(const std::shared_ptr<PipelineTask>& task);
  /// A task of `pipeline` finished; the last one finalizes the sink (when it was the last
  /// pipeline feeding it), runs the finalize rounds it asks for as tasks, then completes the
  /// pipeline and starts the pipelines that were waiting for it.
  void TaskFinished(const Pipeline& pipeline, PipelineState& state);
  /// Runs `work`, turning any exception into the query's error (SetError). Returns false if
  /// `work` threw.
  bool RunCapturingErrors(const std::function<void()>& work);
  bool IsFinal(const Pipeline& pipeline) const { return pipeline.sink == &plan_->result_collector(); }
  unsigned Threads() const;
  /// The query's memory tracker (tasks make it their thread's MemoryTracker::Current()).
  const std::shared_ptr<MemoryTracker>& memory() const { return memory_; }
  /// This execution's parameter values (tasks make them their thread's ParameterValues::Current()).
  const ParameterValues* parameters() const { return parameters_.get(); }
  /// Counts rows and time per operator into `profile` (EXPLAIN ANALYZE). REQUIRES: before Start().
  void set_profile(std::shared_ptr<ExecutionProfile> profile) { profile_ = std::move(profile); }
  /// The profile this execution fills, or null.
  ExecutionProfile* profile() const { return profile_.get(); }

 private:
  void StartPipeline(const Pipeline& pipeline);  // REQUIRES: mutex_ held
  void Submit(std::shared_ptr<PipelineTask> task);
  /// Runs `step` (the sink's Finalize or FinishFinalizeRound) unless cancelled; starts the round
  /// of finalize tasks it asks for, or completes the pipeline.
  void FinalizeStep(const Pipeline& pipeline, PipelineState& state, const std::function<idx_t()>& step);
  void StartFinalizeRound(const Pipeline& pipeline, PipelineState& state, idx_t tasks);
  void FinalizeTaskFinished(const Pipeline& pipeline, PipelineState& state);
  void CompletePipeline(const Pipeline& pipeline, PipelineState& state, bool sink_finalized);

  TaskScheduler& scheduler_;
  std::shared_ptr<MemoryTracker> memory_;  // declared first: outlives every reservation below
  std::shared_ptr<TaskGroup> tasks_;
  std::shared_ptr<const ParameterValues> parameters_;
  std::shared_ptr<const PhysicalPlan> plan_;  // declared before state_: outlives it
  std::shared_ptr<ExecutionProfile> profile_;
  std::unique_ptr<ExecutionState> state_;      // null after ReleaseState()

  std::mutex mutex_;
  std::condition_variable consumer_cv_;
  std::deque<std::unique_ptr<DataChunk>> results_;
  uint64_t results_bytes_ = 0;           // bytes of the chunks in results_
  MemoryReservation results_memory_;     // charges results_bytes_ as "RESULT"
  bool finished_ = false;
  std::optional<Exception> error_;
  std::vector<std::shared_ptr<PipelineTask>> parked_;
  std::atomic<bool> cancelled_{false};
};

}  // namespace cairn
