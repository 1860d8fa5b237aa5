#include "execution/operators/physical_table_scan.h"

#include "cairn/exception.h"

namespace cairn {

namespace {
struct TableScanLocalState : LocalSourceState {
  std::unique_ptr<ScanPartition> partition;
};
}  // namespace

void PhysicalTableScan::InitializeSource() {
  global_ = source_->Scan(request_);
  if (!global_) throw Exception(sqlstate::kInternalError, "table source returned no scan: " + source_->Describe());
}

std::unique_ptr<LocalSourceState> PhysicalTableScan::GetLocalSourceState() { return std::make_unique<TableScanLocalState>(); }

bool PhysicalTableScan::GetData(DataChunk& out, LocalSourceState& state) {
  auto& local = static_cast<TableScanLocalState&>(state);
  for (;;) {
    if (!local.partition) {
      local.partition = global_->NextPartition();
      if (!local.partition) return false;
    }
    out.Reset();
    if (local.partition->Next(out) && out.size() > 0) return true;
    local.partition.reset();
  }
}

}  // namespace cairn
