// PhysicalRecursiveCte: evaluates WITH RECURSIVE (PostgreSQL manual 7.8.2) and is the source of
// its rows. The evaluation runs once per execution, in InitializeSource (on the first worker of
// the consuming pipeline):
//   1. run the non-recursive term; its rows are the result so far and the working table;
//   2. run the recursive term with the working table = the previous iteration's new rows;
//      UNION drops rows already in the result (and duplicates within the iteration); the rows
//      left are appended to the result and become the next working table;
//   3. stop when an iteration adds no row; fail with 54000 after max_iterations iterations.
// Each term runs as its own execution of a physical plan, on a scheduler of the operator's own
// (so a worker waiting for it never starves the database's scheduler), charging the query's
// memory tracker and seeing the query's parameter values. The recursive term's plan is built
// per execution from its logical plan, with the execution's own WorkingTable in place of the
// binder's placeholder, so concurrent executions of one prepared plan do not share rows.
//
// Thread-safety: immutable; the per-execution rows are written once by InitializeSource
// (call_once) and then only read.
#pragma once

#include <memory>

#include "execution/physical_operator.h"
#include "function/table/table_source.h"
#include "sql/logical_operator.h"

namespace cairn {

class PhysicalPlan;

class PhysicalRecursiveCte : public PhysicalOperator {
 public:
  /// `anchor`: the non-recursive term; `recursive`: the (optimized) recursive term, whose scans
  /// of `placeholder` read the working table.
  PhysicalRecursiveCte(std::vector<LogicalType> types, std::string name, bool union_all, idx_t max_iterations,
                       std::shared_ptr<const PhysicalPlan> anchor, std::shared_ptr<const LogicalOperator> recursive,
                       std::shared_ptr<TableSource> placeholder, std::vector<std::string> names);

  bool IsSource() const override { return true; }
  std::unique_ptr<GlobalSourceState> GetGlobalSourceState(ExecutionState& execution) const override;
  void InitializeSource(GlobalSourceState& gstate) const override;
  bool GetData(DataChunk& out, GlobalSourceState& gstate, LocalSourceState& lstate) const override;
  /// One thread emits the rows, in the order the iterations produced them (as PostgreSQL
  /// returns them without ORDER BY).
  idx_t MaxThreads() const override { return 1; }

 private:
  const std::string name_;
  const bool union_all_;
  const idx_t max_iterations_;
  const std::shared_ptr<const PhysicalPlan> anchor_;
  const std::shared_ptr<const LogicalOperator> recursive_;
  const std::shared_ptr<TableSource> placeholder_;
  const std::vector<std::string> names_;
};

}  // namespace cairn
