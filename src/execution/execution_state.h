// ExecutionState: everything one execution of a PhysicalPlan changes — the global source, sink
// and operator states of every operator in the plan, and per pipeline the runtime counters
// (scheduled / complete / tasks remaining / stopped early / source initialized). The plan
// itself stays immutable, so it can be executed any number of times, also concurrently, each
// execution with its own ExecutionState (DuckDB's GlobalSinkState/LocalSinkState split).
//
// Lifetime: created by QueryExecution when the execution is set up (global states are created
// in the order sinks, streaming operators, sources — so an operator or source may keep a
// reference to a sink's state); destroyed by QueryExecution::ReleaseState() when the consumer's
// stream goes away (after every task of the execution has stopped), which releases the memory
// the states charged to the query's MemoryTracker. Per-thread (local) states are owned by the
// PipelineTasks and are created from these global states.
//
// Room to grow: the execution is also the natural owner of per-execution inputs (parameter
// values of a prepared statement) and of work a sink's Finalize may later spread over threads
// (e.g. merging radix partitions), both kept in the sink's GlobalSinkState or here.
//
// Thread-safety: the maps are built in the constructor and only read afterwards (lookups are
// thread-safe). The global states guard themselves (see each operator). PipelineState's
// `scheduled`, `complete`, `tasks_remaining`, `finalize_tasks_remaining` and `sink_pipelines_remaining` are guarded by the
// owning QueryExecution's mutex; `done_early` is atomic; `source_initialized` is a once_flag.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "execution/physical_operator.h"
#include "execution/pipeline.h"

namespace cairn {

class StorageSnapshot;  // storage/storage_snapshot.h

class PhysicalPlan;

/// One execution's view of one Pipeline: the global states its tasks use (resolved once, so a
/// task never looks them up per chunk) and its scheduling counters.
struct PipelineState {
  GlobalSourceState* source_state = nullptr;
  std::vector<GlobalOperatorState*> operator_states;  // parallel to Pipeline::operators
  GlobalSinkState* sink_state = nullptr;

  bool scheduled = false;  // guarded by QueryExecution's mutex
  bool complete = false;   // guarded by QueryExecution's mutex
  idx_t tasks_remaining = 0;  // guarded by QueryExecution's mutex
  idx_t finalize_tasks_remaining = 0;  // of the sink's current finalize round; same guard
  std::atomic<bool> done_early{false};  // LIMIT reached: stop pulling morsels
  std::once_flag source_initialized;    // InitializeSource runs once per execution
};

class ExecutionState {
 public:
  /// Receives the final pipeline's result chunks (thread-safe: called by many workers).
  using PushFunction = std::function<void(std::unique_ptr<DataChunk>)>;

  /// Creates the global states of every operator of `plan` (which must outlive this object).
  /// States that charge memory do so on first growth, to MemoryTracker::Current() of the worker.
  /// `threads`: the workers the execution's pipelines may run on (sinks size their
  /// partitioning by it).
  /// `snapshot`: the managed tables' state this execution reads (null: none).
  ExecutionState(const PhysicalPlan& plan, PushFunction push_result, unsigned threads = 1,
                 std::shared_ptr<const StorageSnapshot> snapshot = nullptr);
  ~ExecutionState();
  ExecutionState(const ExecutionState&) = delete;
  ExecutionState& operator=(const ExecutionState&) = delete;

  const PhysicalPlan& plan() const { return plan_; }
  /// Worker threads available to this execution (>= 1).
  unsigned threads() const { return threads_; }
  /// The managed tables' state this execution reads (ScanRequest::snapshot), or null.
  const StorageSnapshot* snapshot() const { return snapshot_.get(); }
  /// Where the RESULT_COLLECTOR of this execution pushes its chunks.
  const PushFunction& push_result() const { return push_result_; }

  /// The global state of `sink` in this execution. Throws XX000 if `sink` is not a sink of the
  /// plan (or, during construction, its state was not created yet).
  GlobalSinkState& sink_state(const PhysicalOperator& sink) const;
  /// The state of `pipeline` (a pipeline of plan()) in this execution.
  PipelineState& pipeline_state(const Pipeline& pipeline) const { return *pipelines_[pipeline.index]; }

  /// Per sink: pipelines feeding it that have not completed (guarded by QueryExecution's mutex).
  std::unordered_map<const PhysicalOperator*, idx_t> sink_pipelines_remaining;

 private:
  const PhysicalPlan& plan_;
  PushFunction push_result_;
  unsigned threads_;
  std::shared_ptr<const StorageSnapshot> snapshot_;
  // A source or operator state may refer to a sink's state, but no state's destructor touches
  // another state, so the destruction order is free.
  std::unordered_map<const PhysicalOperator*, std::unique_ptr<GlobalSinkState>> sink_states_;
  std::unordered_map<const PhysicalOperator*, std::unique_ptr<GlobalOperatorState>> operator_states_;
  std::unordered_map<const PhysicalOperator*, std::unique_ptr<GlobalSourceState>> source_states_;
  std::vector<std::unique_ptr<PipelineState>> pipelines_;  // by Pipeline::index
};

}  // namespace cairn
