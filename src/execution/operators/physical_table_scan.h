// PhysicalTableScan: the source that reads a TableSource morsel by morsel. Each execution
// calls Scan() once (InitializeSource, on a worker) and keeps the GlobalScan in its
// GlobalSourceState; each worker pulls ScanPartitions from it until none are left, so
// partitions (e.g. Parquet row groups) are spread over the threads.
//
// Thread-safety: immutable; GlobalScan::NextPartition is thread-safe; a partition is read by
// one thread. TableSource::Scan is const and may be called by concurrent executions.
#pragma once

#include <memory>

#include "execution/physical_operator.h"
#include "function/table/table_source.h"

namespace cairn {

class PhysicalHashJoin;
class PhysicalTopN;

class PhysicalTableScan : public PhysicalOperator {
 public:
  PhysicalTableScan(std::vector<LogicalType> types, std::shared_ptr<TableSource> source, ScanRequest request)
      : PhysicalOperator(PhysicalOperatorType::TABLE_SCAN, std::move(types)), source_(std::move(source)),
        request_(std::move(request)) {}

  bool IsSource() const override { return true; }
  std::unique_ptr<GlobalSourceState> GetGlobalSourceState(ExecutionState& execution) const override;
  void InitializeSource(GlobalSourceState& gstate) const override;
  std::unique_ptr<LocalSourceState> GetLocalSourceState(GlobalSourceState& gstate) const override;
  bool GetData(DataChunk& out, GlobalSourceState& gstate, LocalSourceState& lstate) const override;

  const ScanRequest& request() const { return request_; }
  /// Makes each execution pass `top_n`'s top-N cut-off (PhysicalTopN::GetDynamicFilter) to the
  /// source as ScanRequest::dynamic_filter. `top_n` is an ancestor in the same plan. Call before
  /// execution.
  void SetTopNFeedback(const PhysicalTopN* top_n) { top_n_ = top_n; }
  /// Makes each execution pass the build keys of `join`'s filter `filter`
  /// (PhysicalHashJoin::GetJoinKeyFilter) to the source in ScanRequest::join_filters. `join` is
  /// an ancestor in the same plan whose probe side this scan feeds through streaming operators
  /// only, so its build is complete when the scan starts. Call before execution.
  void AddJoinFilterFeedback(const PhysicalHashJoin* join, idx_t filter) { join_filters_.push_back({join, filter}); }

 private:
  const std::shared_ptr<const TableSource> source_;
  const ScanRequest request_;
  const PhysicalTopN* top_n_ = nullptr;
  struct JoinFilterFeedback {
    const PhysicalHashJoin* join;
    idx_t filter;
  };
  std::vector<JoinFilterFeedback> join_filters_;
};

}  // namespace cairn
