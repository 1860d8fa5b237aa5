// PhysicalOperator: the executable form of a logical operator in Cairn's push-based pipeline
// model (DuckDB's PhysicalOperator). An operator plays up to three roles:
//   source    produces chunks (table scan, VALUES, the output of a finished aggregate/sort):
//             one GlobalSourceState per execution (the scan's GlobalScan, a result cursor),
//             and a LocalSourceState per worker pulling from it;
//   operator  transforms a chunk into zero or more output chunks (filter, projection, join
//             probe, limit): one GlobalOperatorState per execution for what threads share (LIMIT's
//             row counter, the join's finished build table) and an OperatorState per worker;
//   sink      consumes every chunk of a pipeline (aggregate, join build, sort, top-N, result
//             collector): one GlobalSinkState per execution (the table/runs under construction,
//             the result queue to push to), a LocalSinkState per worker merged into it by Combine;
//             Finalize runs once when every pipeline feeding the sink is done.
//
// An operator object holds only what planning decided (output types, its own copies of the
// expressions, keys, constants) and is immutable once the physical plan is built: every method
// that runs during execution is const and receives the states it works on. So one plan can run
// any number of times, concurrently; each execution's states live in an ExecutionState
// (execution_state.h). Global states are created in the order sinks, operators, sources, so a
// GetGlobalOperatorState/GetGlobalSourceState may look up a sink's global state (a join probe
// reads its build's table, an aggregate's source reads its finished hash table).
//
// Thread-safety: operators are shared read-only between executions and threads. Execute/Sink/
// GetData/Combine are called concurrently by worker threads, each with its own local state and
// the execution's shared global state; a global state guards its own mutable parts (mutex or
// atomics). Finalize is called once, after every Combine, with no concurrent caller; the
// finalize tasks it asks for run concurrently, one call per task, and FinishFinalizeRound runs
// alone after each round.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cairn/data_chunk.h"

namespace cairn {

class ExecutionState;  // execution/execution_state.h

enum class PhysicalOperatorType : uint8_t {
  TABLE_SCAN,
  VALUES,
  FILTER,
  PROJECTION,
  HASH_AGGREGATE,
  HASH_JOIN,
  ORDER,
  TOP_N,
  LIMIT,
  UNION,
  RESULT_COLLECTOR,
  OUTER_JOIN_SCAN,
  RECURSIVE_CTE,
  WINDOW,
  PROJECT_SET,
  MATERIALIZED_CTE,
  CTE_SCAN,
};

/// What Execute tells the pipeline.
enum class OperatorResult : uint8_t {
  NEED_MORE_INPUT,   // done with this input chunk
  HAVE_MORE_OUTPUT,  // call again with the same input: more output is pending
  FINISHED,          // no more output will ever be produced (LIMIT reached)
};

enum class SinkResult : uint8_t { NEED_MORE_INPUT, FINISHED };

/// Per-execution state of a source, shared by the execution's threads. Thread-safe as each
/// source documents.
struct GlobalSourceState {
  virtual ~GlobalSourceState() = default;
};
/// Per-execution state of a sink (what it builds), shared by the execution's threads.
struct GlobalSinkState {
  virtual ~GlobalSinkState() = default;
};
/// Per-execution state of a streaming operator, shared by the execution's threads.
struct GlobalOperatorState {
  virtual ~GlobalOperatorState() = default;
};
/// Per-thread states (one worker's share of one pipeline of one execution).
struct OperatorState {
  virtual ~OperatorState() = default;
};
struct LocalSourceState {
  virtual ~LocalSourceState() = default;
};
struct LocalSinkState {
  virtual ~LocalSinkState() = default;
};

class PhysicalOperator {
 public:
  PhysicalOperator(PhysicalOperatorType type, std::vector<LogicalType> types) : type(type), types(std::move(types)) {}
  virtual ~PhysicalOperator() = default;
  PhysicalOperator(const PhysicalOperator&) = delete;
  PhysicalOperator& operator=(const PhysicalOperator&) = delete;

  const PhysicalOperatorType type;
  std::vector<LogicalType> types;  // output column types
  std::vector<std::unique_ptr<PhysicalOperator>> children;
  /// EXPLAIN ANALYZE: the logical operator's EXPLAIN line it was planned from (empty unless the
  /// plan was made with labels; an operator a logical one was split into has none).
  std::string explain_label;

  // ---- source ----
  virtual bool IsSource() const { return false; }
  /// Creates the source's state for one execution (when the execution starts, on the thread
  /// starting it: must be cheap and must not do I/O). `execution` gives the sinks' states.
  virtual std::unique_ptr<GlobalSourceState> GetGlobalSourceState(ExecutionState& execution) const {
    return std::make_unique<GlobalSourceState>();
  }
  /// Called once per execution before any GetData, on a worker thread (opens files; may throw).
  virtual void InitializeSource(GlobalSourceState& gstate) const {}
  virtual std::unique_ptr<LocalSourceState> GetLocalSourceState(GlobalSourceState& gstate) const {
    return std::make_unique<LocalSourceState>();
  }
  /// Fills `out` (initialized with `types`, size 0) with the next rows. Returns false when the
  /// source is exhausted for this thread.
  virtual bool GetData(DataChunk& out, GlobalSourceState& gstate, LocalSourceState& lstate) const { return false; }
  /// Upper bound on the threads worth running this source (1 = ordered output).
  virtual idx_t MaxThreads() const { return 1'000'000; }

  // ---- operator ----
  virtual std::unique_ptr<GlobalOperatorState> GetGlobalOperatorState(ExecutionState& execution) const {
    return std::make_unique<GlobalOperatorState>();
  }
  virtual std::unique_ptr<OperatorState> GetOperatorState(GlobalOperatorState& gstate) const {
    return std::make_unique<OperatorState>();
  }
  /// Processes `input` into `output` (output's vectors may be replaced freely).
  virtual OperatorResult Execute(DataChunk& input, DataChunk& output, GlobalOperatorState& gstate,
                                 OperatorState& state) const {
    return OperatorResult::NEED_MORE_INPUT;
  }
  /// True if, after every pipeline running this operator is done, it emits extra rows (RIGHT /
  /// FULL joins' unmatched build rows) through an OUTER_JOIN_SCAN source.
  virtual bool HasFinalOutput() const { return false; }

  // ---- sink ----
  virtual bool IsSink() const { return false; }
  /// Creates the sink's state for one execution (cheap: structures grow as rows arrive).
  virtual std::unique_ptr<GlobalSinkState> GetGlobalSinkState(ExecutionState& execution) const {
    return std::make_unique<GlobalSinkState>();
  }
  virtual std::unique_ptr<LocalSinkState> GetLocalSinkState(GlobalSinkState& gstate) const {
    return std::make_unique<LocalSinkState>();
  }
  virtual SinkResult Sink(DataChunk& input, GlobalSinkState& gstate, LocalSinkState& lstate) const {
    return SinkResult::NEED_MORE_INPUT;
  }
  /// Merges a thread's local state into the global state (called once per local state,
  /// concurrently from several threads).
  virtual void Combine(GlobalSinkState& gstate, LocalSinkState& lstate) const {}
  /// Called once per execution after every Combine (single-threaded; keep it short — heavy
  /// work belongs in finalize tasks). Returns the number of finalize tasks to run next: 0 means
  /// the sink is finalized; n > 0 makes the execution run ExecuteFinalizeTask(gstate, 0..n-1)
  /// on the workers, then FinishFinalizeRound.
  virtual idx_t Finalize(GlobalSinkState& gstate) const { return 0; }
  /// Runs finalize task `task` of the current round (0 <= task < the count returned by Finalize
  /// or FinishFinalizeRound): called at most once per task, concurrently with the round's other
  /// tasks on other workers (each task must touch only its own share of the global state, e.g.
  /// one radix partition or one merge range). Skipped when the query is cancelled.
  virtual void ExecuteFinalizeTask(GlobalSinkState& gstate, idx_t task) const {}
  /// Called once after every task of a round has run (single-threaded). Returns the number of
  /// tasks of a further round (a multi-pass merge), 0 when the sink is finalized.
  virtual idx_t FinishFinalizeRound(GlobalSinkState& gstate) const { return 0; }
};

}  // namespace cairn
