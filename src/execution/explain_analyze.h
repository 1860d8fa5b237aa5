// EXPLAIN ANALYZE (PostgreSQL's EXPLAIN ANALYZE): runs a query to completion, discarding its
// rows, with an ExecutionProfile, and describes the physical plan it ran: one line per
// operator, its logical EXPLAIN line (with the estimate, `rows=N`, unless COSTS OFF), then the
// rows it produced and the thread time spent in it, summed over threads (`actual rows=N
// time=X ms`; TIMING OFF leaves the time out). A last line gives the execution's wall time.
//
// Thread-safety: as ExecutePlan; the profile is read after every task finished.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/memory_tracker.h"
#include "sql/logical_operator.h"

namespace cairn {

class TaskScheduler;
class QueryExecution;
class StorageSnapshot;

struct ExplainAnalyzeOptions {
  bool costs = true;   // show the planner's row estimates
  bool timing = true;  // show time per operator and in total
};

/// Runs `plan` once and returns the EXPLAIN ANALYZE text, one line per element. `on_start`
/// (may be empty) receives a handle on the query before it starts, to interrupt it. Throws what
/// the query throws.
std::vector<std::string> ExplainAnalyze(const LogicalOperator& plan, const ExplainAnalyzeOptions& options,
                                        TaskScheduler& scheduler, std::shared_ptr<MemoryTracker> memory,
                                        const std::function<void(std::weak_ptr<QueryExecution>)>& on_start,
                                        std::shared_ptr<const StorageSnapshot> snapshot);

}  // namespace cairn
