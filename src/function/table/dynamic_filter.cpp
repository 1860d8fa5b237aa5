#include "function/table/dynamic_filter.h"

namespace cairn {

namespace {

/// a < b for two non-NULL values of the same eligible type.
bool Less(const Value& a, const Value& b) {
  switch (a.type().physical_type()) {
    case PhysicalType::BOOL: return a.GetBool() < b.GetBool();
    case PhysicalType::INT32:
    case PhysicalType::INT64: return a.GetInt64() < b.GetInt64();
    case PhysicalType::INT128: return a.GetInt128() < b.GetInt128();
    case PhysicalType::STRING: return a.GetString() < b.GetString();  // unsigned bytes
    default: return false;
  }
}

}  // namespace

bool DynamicFilter::Eligible(const LogicalType& type) {
  switch (type.id()) {
    case TypeId::BOOLEAN:
    case TypeId::TINYINT:
    case TypeId::SMALLINT:
    case TypeId::INTEGER:
    case TypeId::BIGINT:
    case TypeId::UTINYINT:
    case TypeId::USMALLINT:
    case TypeId::UINTEGER:
    case TypeId::UBIGINT:
    case TypeId::HUGEINT:
    case TypeId::DECIMAL:
    case TypeId::VARCHAR:
    case TypeId::DATE:
    case TypeId::TIME:
    case TypeId::TIMESTAMP:
    case TypeId::TIMESTAMP_TZ: return true;
    default: return false;
  }
}

void DynamicFilter::Tighten(const Value& value) {
  if (value.IsNull() || value.type() != type_) return;
  std::lock_guard<std::mutex> lock(mutex_);
  if (!bound_.IsNull()) {
    bool tighter = descending_ ? Less(bound_, value) : Less(value, bound_);
    if (!tighter) return;
  }
  bound_ = value;
  version_.fetch_add(1, std::memory_order_acq_rel);
}

std::optional<TableFilter> DynamicFilter::Current() const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (bound_.IsNull()) return std::nullopt;
  return TableFilter{column_, descending_ ? TableFilter::Op::GREATER_EQUAL : TableFilter::Op::LESS_EQUAL, bound_};
}

}  // namespace cairn
