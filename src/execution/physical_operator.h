// PhysicalOperator: the executable form of a logical operator in Cairn's push-based pipeline
// model (DuckDB's PhysicalOperator). An operator plays up to three roles:
//   source    produces chunks (table scan, VALUES, the output of a finished aggregate/sort);
//             worker threads each hold a LocalSourceState and pull from shared global state;
//   operator  transforms a chunk into zero or more output chunks (filter, projection, join
//             probe, limit), with per-thread OperatorState;
//   sink      consumes every chunk of a pipeline (aggregate, join build, sort, top-N, result
//             collector): per-thread LocalSinkState, merged into the operator's global state
//             by Combine, then Finalize runs once when every pipeline feeding the sink is done.
// Global state for one query lives in the operator object itself (physical plans are built
// per query).
//
// Thread-safety: Execute/Sink/GetData are called concurrently by worker threads with their own
// local states; global state is guarded by each operator.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "cairn/data_chunk.h"

namespace cairn {

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
};

/// What Execute tells the pipeline.
enum class OperatorResult : uint8_t {
  NEED_MORE_INPUT,   // done with this input chunk
  HAVE_MORE_OUTPUT,  // call again with the same input: more output is pending
  FINISHED,          // no more output will ever be produced (LIMIT reached)
};

enum class SinkResult : uint8_t { NEED_MORE_INPUT, FINISHED };

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

  const PhysicalOperatorType type;
  std::vector<LogicalType> types;  // output column types
  std::vector<std::unique_ptr<PhysicalOperator>> children;

  // ---- source ----
  virtual bool IsSource() const { return false; }
  /// Called once before any GetData (on a worker thread; may throw).
  virtual void InitializeSource() {}
  virtual std::unique_ptr<LocalSourceState> GetLocalSourceState() { return std::make_unique<LocalSourceState>(); }
  /// Fills `out` (initialized with `types`, size 0) with the next rows. Returns false when the
  /// source is exhausted for this thread.
  virtual bool GetData(DataChunk& out, LocalSourceState& state) { return false; }
  /// Upper bound on the threads worth running this source (1 = ordered output).
  virtual idx_t MaxThreads() const { return 1'000'000; }

  // ---- operator ----
  virtual std::unique_ptr<OperatorState> GetOperatorState() { return std::make_unique<OperatorState>(); }
  /// Processes `input` into `output` (output's vectors may be replaced freely).
  virtual OperatorResult Execute(DataChunk& input, DataChunk& output, OperatorState& state) {
    return OperatorResult::NEED_MORE_INPUT;
  }
  /// True if, after every pipeline running this operator is done, it emits extra rows (RIGHT /
  /// FULL joins' unmatched build rows) through an OUTER_JOIN_SCAN source.
  virtual bool HasFinalOutput() const { return false; }

  // ---- sink ----
  virtual bool IsSink() const { return false; }
  virtual std::unique_ptr<LocalSinkState> GetLocalSinkState() { return std::make_unique<LocalSinkState>(); }
  virtual SinkResult Sink(DataChunk& input, LocalSinkState& state) { return SinkResult::NEED_MORE_INPUT; }
  /// Merges a thread's local state into the global state (called once per local state).
  virtual void Combine(LocalSinkState& state) {}
  /// Called once after every Combine.
  virtual void Finalize() {}
};

}  // namespace cairn
