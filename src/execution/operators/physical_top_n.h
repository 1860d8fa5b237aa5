// PhysicalTopN: ORDER BY ... LIMIT n OFFSET m without sorting everything. Each thread keeps a
// SortedRun that it compacts to its best n + m rows whenever it grows past a threshold; after
// the first compaction, incoming rows whose first sort key is strictly worse than the current
// (n+m)-th row are dropped before being copied (a vectorized prefilter, so most of a large
// input never leaves its chunk). Combine compacts each thread's run; Finalize merges them and
// keeps rows [m, m + n); one thread emits them in order.
//
// Thread-safety: runs are thread-local until Combine (mutex).
#pragma once

#include <mutex>

#include "execution/physical_operator.h"
#include "execution/sorted_run.h"
#include "sql/logical_operator.h"

namespace cairn {

class PhysicalTopN : public PhysicalOperator {
 public:
  PhysicalTopN(std::vector<LogicalType> types, const std::vector<BoundOrderBy>& orders, idx_t limit, idx_t offset);

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
  idx_t limit_, offset_;
  std::vector<LogicalType> key_types_;
  std::vector<SortKeySpec> specs_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<SortedRun>> runs_;
  std::vector<std::unique_ptr<SortedRun>> result_;  // one merged run
  std::vector<uint64_t> entries_;
  idx_t cursor_ = 0;
};

}  // namespace cairn
