// PhysicalTableScan: the source that reads a TableSource morsel by morsel. Scan() is called
// once (InitializeSource); each worker pulls ScanPartitions from the shared GlobalScan until
// none are left, so partitions (e.g. Parquet row groups) are spread over the threads.
//
// Thread-safety: GlobalScan::NextPartition is thread-safe; a partition is read by one thread.
#pragma once

#include <memory>
#include <mutex>

#include "function/table/table_source.h"
#include "execution/physical_operator.h"

namespace cairn {

class PhysicalTableScan : public PhysicalOperator {
 public:
  PhysicalTableScan(std::vector<LogicalType> types, std::shared_ptr<TableSource> source, ScanRequest request)
      : PhysicalOperator(PhysicalOperatorType::TABLE_SCAN, std::move(types)), source_(std::move(source)),
        request_(std::move(request)) {}

  bool IsSource() const override { return true; }
  void InitializeSource() override;
  std::unique_ptr<LocalSourceState> GetLocalSourceState() override;
  bool GetData(DataChunk& out, LocalSourceState& state) override;

 private:
  std::shared_ptr<TableSource> source_;
  ScanRequest request_;
  std::unique_ptr<GlobalScan> global_;
};

}  // namespace cairn
