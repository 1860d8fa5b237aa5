#include "function/table/working_table.h"

#include <atomic>

namespace cairn {

namespace {

/// One chunk of the working table, projected to the requested columns.
class WorkingTablePartition : public ScanPartition {
 public:
  WorkingTablePartition(const DataChunk& chunk, const std::vector<idx_t>& column_ids) : chunk_(chunk), column_ids_(column_ids) {}
  bool Next(DataChunk& out) override {
    if (done_) {
      out.SetCardinality(0);
      return false;
    }
    done_ = true;
    for (idx_t i = 0; i < column_ids_.size(); i++) out.data[i].Reference(chunk_.data[column_ids_[i]]);
    out.SetCardinality(chunk_.size());
    return true;
  }

 private:
  const DataChunk& chunk_;
  const std::vector<idx_t>& column_ids_;
  bool done_ = false;
};

class WorkingTableScan : public GlobalScan {
 public:
  WorkingTableScan(std::shared_ptr<const std::vector<DataChunk>> rows, std::vector<idx_t> column_ids)
      : rows_(std::move(rows)), column_ids_(std::move(column_ids)) {}
  std::unique_ptr<ScanPartition> NextPartition() override {
    if (!rows_) return nullptr;
    idx_t i = next_.fetch_add(1);
    if (i >= rows_->size()) return nullptr;
    return std::make_unique<WorkingTablePartition>((*rows_)[i], column_ids_);
  }

 private:
  std::shared_ptr<const std::vector<DataChunk>> rows_;  // kept alive for the scan
  std::vector<idx_t> column_ids_;
  std::atomic<idx_t> next_{0};
};

}  // namespace

std::unique_ptr<GlobalScan> WorkingTable::Scan(const ScanRequest& request) const {
  return std::make_unique<WorkingTableScan>(rows_, request.column_ids);
}

}  // namespace cairn
