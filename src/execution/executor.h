// Executor: turns an optimized logical plan into a physical plan (physical operators cut into
// pipelines at pipeline breakers: hash-join build, aggregation, sort, top-N) and runs it
// morsel-driven on the database's worker threads (Leis et al., "Morsel-Driven Parallelism",
// SIGMOD 2014; DuckDB's push-based pipelines). The final pipeline streams into a ResultStream.
// A physical plan is immutable and may be prepared once (CreatePhysicalPlan) and executed many
// times, also concurrently: each execution has its own state (execution_state.h).
//
// Thread-safety: ExecutePlan may be called concurrently, for different plans or the same
// PhysicalPlan; the TaskScheduler is shared by the whole database.
#pragma once

#include <memory>

#include "cairn/query_result.h"
#include "common/memory_tracker.h"
#include "sql/logical_operator.h"

namespace cairn {

class TaskScheduler;   // execution/task_scheduler.h
class QueryExecution;  // execution/query_execution.h
class PhysicalPlan;    // execution/physical_plan.h
class ParameterValues; // execution/parameter_values.h
class StorageSnapshot; // storage/storage_snapshot.h

/// Starts executing `plan` and returns the stream of its result chunks. Errors raised by worker
/// threads are rethrown from ResultStream::Next(). Destroying the stream cancels the query.
/// The query's operators charge the memory they hold to `memory` (null: an unlimited tracker of
/// its own); exceeding its limit fails the query with 53200. If `execution` is given it receives
/// a weak handle on the running query, e.g. to call QueryExecution::Interrupt() from another
/// thread; it expires when the stream is destroyed. `parameters` are the values of the plan's
/// $n for this execution (null: the plan has none); they never become part of the plan.
std::unique_ptr<ResultStream> ExecutePlan(std::shared_ptr<const PhysicalPlan> plan, TaskScheduler& scheduler,
                                          std::shared_ptr<MemoryTracker> memory = nullptr,
                                          std::weak_ptr<QueryExecution>* execution = nullptr,
                                          std::shared_ptr<const ParameterValues> parameters = nullptr,
                                          std::shared_ptr<const StorageSnapshot> snapshot = nullptr);

/// Plans `plan` physically (CreatePhysicalPlan; the logical plan is released right after) and
/// executes it once, as above. Throws what physical planning throws (XX000, 54001).
std::unique_ptr<ResultStream> ExecutePlan(LogicalOperatorPtr plan, TaskScheduler& scheduler,
                                          std::shared_ptr<MemoryTracker> memory = nullptr,
                                          std::weak_ptr<QueryExecution>* execution = nullptr,
                                          std::shared_ptr<const StorageSnapshot> snapshot = nullptr);

}  // namespace cairn
