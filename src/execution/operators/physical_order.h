// PhysicalOrder: ORDER BY as a sink + source. Each thread appends its rows and evaluated sort
// keys to its own SortedRun and sorts it in Combine (so sorting is parallel); Finalize k-way
// merges the runs' orders; the source emits chunks in order from one thread.
//
// Thread-safety: runs are thread-local until Combine, which appends under a mutex.
#pragma once

#include <mutex>

#include "execution/physical_operator.h"
#include "execution/sorted_run.h"
#include "sql/logical_operator.h"

namespace cairn {

class PhysicalOrder : public PhysicalOperator {
 public:
  /// `orders` (from the logical plan) must outlive the operator.
  PhysicalOrder(std::vector<LogicalType> types, const std::vector<BoundOrderBy>& orders);

  bool IsSink() const override { return true; }
  std::unique_ptr<LocalSinkState> GetLocalSinkState() override;
  SinkResult Sink(DataChunk& input, LocalSinkState& state) override;
  void Combine(LocalSinkState& state) override;
  void Finalize() override;

  bool IsSource() const override { return true; }
  bool GetData(DataChunk& out, LocalSourceState& state) override;
  idx_t MaxThreads() const override { return 1; }

 private:
  const std::vector<BoundOrderBy>& orders_;
  std::vector<LogicalType> key_types_;
  std::vector<SortKeySpec> specs_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<SortedRun>> runs_;
  std::vector<uint64_t> merged_;  // (run << 48) | row id
  MemoryReservation merged_memory_{"ORDER_BY"};
  idx_t cursor_ = 0;
};

/// Fills out.data[0..column_count) with the payload of `entries[0..count)`, each (run << 48 |
/// row id) into `runs`. Shared by ORDER BY and top-N.
void GatherFromRuns(const std::vector<std::unique_ptr<SortedRun>>& runs, const uint64_t* entries, idx_t count,
                    idx_t column_count, DataChunk& out);

}  // namespace cairn
