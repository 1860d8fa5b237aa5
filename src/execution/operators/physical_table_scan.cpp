#include "execution/operators/physical_table_scan.h"

#include "cairn/exception.h"
#include "execution/execution_state.h"
#include "execution/operators/physical_hash_join.h"
#include "execution/operators/physical_top_n.h"

namespace cairn {

namespace {
struct TableScanGlobalState : GlobalSourceState {
  std::unique_ptr<GlobalScan> scan;  // set by InitializeSource
  ExecutionState* execution = nullptr;  // outlives the state
  const StorageSnapshot* snapshot = nullptr;  // the execution's (ExecutionState::snapshot)
};
struct TableScanLocalState : LocalSourceState {
  std::unique_ptr<ScanPartition> partition;
};
}  // namespace

std::unique_ptr<GlobalSourceState> PhysicalTableScan::GetGlobalSourceState(ExecutionState& execution) const {
  auto state = std::make_unique<TableScanGlobalState>();
  state->snapshot = execution.snapshot();
  // The TOP_N's sink state may not exist yet: resolved on first use by InitializeSource.
  state->execution = &execution;
  return state;
}

void PhysicalTableScan::InitializeSource(GlobalSourceState& gstate) const {
  auto& global = static_cast<TableScanGlobalState&>(gstate);
  std::shared_ptr<const DynamicFilter> dynamic;
  if (top_n_) dynamic = top_n_->GetDynamicFilter(*global.execution);
  std::vector<std::shared_ptr<const JoinKeyFilter>> join_filters;
  for (const JoinFilterFeedback& feedback : join_filters_) {
    if (auto filter = feedback.join->GetJoinKeyFilter(*global.execution, feedback.filter)) {
      join_filters.push_back(std::move(filter));
    }
  }
  if (global.snapshot || dynamic || !join_filters.empty()) {
    ScanRequest request = request_;
    request.snapshot = global.snapshot;
    request.dynamic_filter = std::move(dynamic);
    request.join_filters = std::move(join_filters);
    global.scan = source_->Scan(request);
  } else {
    global.scan = source_->Scan(request_);
  }
  if (!global.scan) throw Exception(sqlstate::kInternalError, "table source returned no scan: " + source_->Describe());
}

std::unique_ptr<LocalSourceState> PhysicalTableScan::GetLocalSourceState(GlobalSourceState&) const {
  return std::make_unique<TableScanLocalState>();
}

bool PhysicalTableScan::GetData(DataChunk& out, GlobalSourceState& gstate, LocalSourceState& state) const {
  auto& global = static_cast<TableScanGlobalState&>(gstate);
  auto& local = static_cast<TableScanLocalState&>(state);
  for (;;) {
    if (!local.partition) {
      local.partition = global.scan->NextPartition();
      if (!local.partition) return false;
    }
    out.Reset();
    if (local.partition->Next(out) && out.size() > 0) return true;
    local.partition.reset();
  }
}

}  // namespace cairn
