// PhysicalMaterializedCte and PhysicalCteScan: a WITH query computed once per execution and
// read by each of its references (LogicalMaterializedCte / LogicalCteScan; PostgreSQL manual
// 7.8.1).
//
// PhysicalMaterializedCte is the sink of the pipelines computing the WITH query (children[0]):
// threads append rows to local RowCollections, combined under a lock. It takes no part in the
// pipelines of the query that reads it (children[1]): the pipeline builder continues with that
// child, and every pipeline whose source is a PhysicalCteScan of it depends on its pipelines,
// so the rows are complete before the first one is read. A PhysicalCteScan hands the collected
// chunks to threads through an atomic cursor; the rows are read-only after the sink finished.
//
// Thread-safety: immutable; per-execution rows live in the execution's GlobalSinkState.
#pragma once

#include <mutex>
#include <string>

#include "execution/physical_operator.h"
#include "execution/row_collection.h"

namespace cairn {

class PhysicalMaterializedCte : public PhysicalOperator {
 public:
  /// `types`: the reading query's output types (this operator's output is children[1]'s);
  /// `cte_types`: the WITH query's (children[0]'s) types.
  PhysicalMaterializedCte(std::vector<LogicalType> types, std::vector<LogicalType> cte_types, std::string name)
      : PhysicalOperator(PhysicalOperatorType::MATERIALIZED_CTE, std::move(types)), cte_types_(std::move(cte_types)),
        name_(std::move(name)) {}

  /// One execution's rows of the WITH query.
  struct Rows : GlobalSinkState {
    std::mutex mutex;  // guards `rows` during Combine
    RowCollection rows;
  };

  const std::string& name() const { return name_; }
  const std::vector<LogicalType>& cte_types() const { return cte_types_; }

  bool IsSink() const override { return true; }
  std::unique_ptr<GlobalSinkState> GetGlobalSinkState(ExecutionState& execution) const override;
  std::unique_ptr<LocalSinkState> GetLocalSinkState(GlobalSinkState& gstate) const override;
  SinkResult Sink(DataChunk& input, GlobalSinkState& gstate, LocalSinkState& lstate) const override;
  void Combine(GlobalSinkState& gstate, LocalSinkState& lstate) const override;

 private:
  const std::vector<LogicalType> cte_types_;
  const std::string name_;
};

class PhysicalCteScan : public PhysicalOperator {
 public:
  /// `cte` must outlive this operator (both belong to the same physical plan).
  explicit PhysicalCteScan(const PhysicalMaterializedCte& cte)
      : PhysicalOperator(PhysicalOperatorType::CTE_SCAN, cte.cte_types()), cte_(cte) {}

  const PhysicalMaterializedCte& cte() const { return cte_; }

  bool IsSource() const override { return true; }
  std::unique_ptr<GlobalSourceState> GetGlobalSourceState(ExecutionState& execution) const override;
  bool GetData(DataChunk& out, GlobalSourceState& gstate, LocalSourceState& lstate) const override;

 private:
  const PhysicalMaterializedCte& cte_;
};

}  // namespace cairn
