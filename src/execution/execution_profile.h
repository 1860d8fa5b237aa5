// ExecutionProfile: what EXPLAIN ANALYZE reports per physical operator of one execution — the
// rows it produced (as a source or streaming operator) and the thread time spent in it (as a
// source, an operator, and as a sink: Sink, Combine and Finalize), summed over all threads.
// PipelineTask and QueryExecution add to it only when the execution has one
// (QueryExecution::set_profile); timing is per chunk (about 2048 rows), so its cost is small.
//
// Thread-safety: counters are atomics; the operator map is fixed at construction.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <unordered_map>

#include "execution/physical_operator.h"

namespace cairn {

class PhysicalPlan;

class ExecutionProfile {
 public:
  struct Counters {
    std::atomic<uint64_t> rows{0};
    std::atomic<uint64_t> nanos{0};
  };

  /// Counters for every operator of `plan`'s pipelines.
  explicit ExecutionProfile(const PhysicalPlan& plan);

  /// The counters of `op` (null if `op` is not in the plan).
  Counters* Of(const PhysicalOperator* op) {
    auto it = counters_.find(op);
    return it == counters_.end() ? nullptr : it->second.get();
  }

  /// Measures the scope's duration into `counters` (if not null).
  class Timer {
   public:
    explicit Timer(Counters* counters)
        : counters_(counters), start_(counters ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point{}) {}
    ~Timer() {
      if (!counters_) return;
      auto elapsed = std::chrono::steady_clock::now() - start_;
      counters_->nanos.fetch_add(static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed).count()),
                                 std::memory_order_relaxed);
    }
    Timer(const Timer&) = delete;
    Timer& operator=(const Timer&) = delete;

   private:
    Counters* counters_;
    std::chrono::steady_clock::time_point start_;
  };

 private:
  std::unordered_map<const PhysicalOperator*, std::unique_ptr<Counters>> counters_;
};

}  // namespace cairn
