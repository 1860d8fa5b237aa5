#include "execution/operators/physical_values.h"

#include <atomic>

#include "cairn/exception.h"

namespace cairn {

PhysicalValues::PhysicalValues(std::vector<LogicalType> types, const std::vector<std::vector<Value>>& rows)
    : PhysicalOperator(PhysicalOperatorType::VALUES, std::move(types)) {
  for (idx_t start = 0; start < rows.size(); start += kStandardVectorSize) {
    idx_t count = std::min<idx_t>(kStandardVectorSize, rows.size() - start);
    auto chunk = std::make_unique<DataChunk>();
    chunk->Initialize(this->types);
    for (idx_t r = 0; r < count; r++) {
      const auto& row = rows[start + r];
      if (row.size() != this->types.size()) {
        throw Exception(sqlstate::kInternalError, "VALUES row has " + std::to_string(row.size()) + " values, expected " +
                                                      std::to_string(this->types.size()));
      }
      for (idx_t c = 0; c < row.size(); c++) {
        const Value& v = row[c];
        if (v.IsNull() || this->types[c].physical_type() == PhysicalType::INVALID) {
          chunk->data[c].validity().SetInvalid(r);
        } else {
          chunk->data[c].SetValue(r, v.type() == this->types[c] ? v : v.CastAs(this->types[c]));
        }
      }
    }
    chunk->SetCardinality(count);
    chunks_.push_back(std::move(chunk));
  }
}

namespace {
struct ValuesGlobalState : GlobalSourceState {
  std::atomic<idx_t> next{0};  // next chunk to hand out
};
}  // namespace

std::unique_ptr<GlobalSourceState> PhysicalValues::GetGlobalSourceState(ExecutionState&) const {
  return std::make_unique<ValuesGlobalState>();
}

bool PhysicalValues::GetData(DataChunk& out, GlobalSourceState& gstate, LocalSourceState&) const {
  idx_t i = static_cast<ValuesGlobalState&>(gstate).next.fetch_add(1);
  if (i >= chunks_.size()) return false;
  out.Reference(*chunks_[i]);
  return true;
}

}  // namespace cairn
