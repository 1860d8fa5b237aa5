// PhysicalValues: a source of literal rows (VALUES lists; a DUMMY_SCAN is one row with no
// columns). Rows are materialized into chunks at construction; emitted by one thread.
//
// Thread-safety: immutable; GetData hands out chunks through the execution's atomic cursor.
#pragma once

#include "execution/physical_operator.h"

namespace cairn {

class PhysicalValues : public PhysicalOperator {
 public:
  /// `rows[i][c]` must already have type `types[c]` (or be NULL).
  PhysicalValues(std::vector<LogicalType> types, const std::vector<std::vector<Value>>& rows);

  bool IsSource() const override { return true; }
  std::unique_ptr<GlobalSourceState> GetGlobalSourceState(ExecutionState& execution) const override;
  bool GetData(DataChunk& out, GlobalSourceState& gstate, LocalSourceState& lstate) const override;
  idx_t MaxThreads() const override { return 1; }

 private:
  std::vector<std::unique_ptr<DataChunk>> chunks_;  // the rows, built once; only ever read
};

}  // namespace cairn
