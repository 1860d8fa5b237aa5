// ParameterValues: the values of a prepared statement's parameters ($1, $2, ...) for one
// execution. A PhysicalPlan is shared by every execution of a prepared statement, so the
// values never live in the plan: the execution owns them and makes them the current
// parameters of each thread that works for it (ParameterValues::Scope, like
// MemoryTracker::Scope), where the expression executor reads them for BoundParameter nodes.
//
// Thread-safety: immutable after construction; shared read-only by the execution's threads.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "cairn/value.h"

namespace cairn {

class ParameterValues {
 public:
  /// `values[i]` is $(i+1), already of the parameter's type.
  explicit ParameterValues(std::vector<Value> values);

  /// The value of $index (1-based). Throws XX000 when there is no such value (a plan executed
  /// without the parameters it needs — the API checks the count before executing).
  const Value& Get(idx_t index) const;
  idx_t size() const { return values_.size(); }
  /// Unique per ParameterValues object ever created in the process (never reused, unlike an
  /// address): lets evaluation state cache a value per execution.
  uint64_t id() const { return id_; }

  /// The parameters of the execution the calling thread works for (set by a Scope), or null.
  static const ParameterValues* Current();

  /// Makes `values` the calling thread's Current() until destroyed (restores the previous one).
  /// `values` may be null (an execution without parameters) and must outlive the Scope.
  class Scope {
   public:
    explicit Scope(const ParameterValues* values);
    ~Scope();
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    const ParameterValues* previous_;
  };

 private:
  std::vector<Value> values_;
  uint64_t id_;
};

}  // namespace cairn
