// DataChunk (see include/cairn/data_chunk.h).
#include "cairn/data_chunk.h"

#include <algorithm>

#include "cairn/exception.h"

namespace cairn {

void DataChunk::Initialize(const std::vector<LogicalType>& types, idx_t capacity) {
  data.clear();
  data.reserve(types.size());
  for (const auto& type : types) data.emplace_back(type, capacity);
  capacity_ = capacity;
  count_ = 0;
}

void DataChunk::Reset() {
  for (auto& vector : data) vector.Initialize(vector.type(), capacity_);
  count_ = 0;
}

std::vector<LogicalType> DataChunk::GetTypes() const {
  std::vector<LogicalType> types;
  types.reserve(data.size());
  for (const auto& vector : data) types.push_back(vector.type());
  return types;
}

void DataChunk::Slice(const SelectionVector& sel, idx_t count) {
  // FLAT columns become dictionaries over themselves that share one copy of `sel`.
  SelectionVector shared;
  for (auto& vector : data) {
    if (vector.kind() != VectorKind::FLAT) {
      vector.Slice(sel, count);
      continue;
    }
    if (!shared.IsSet()) {
      shared.Initialize(std::max<idx_t>(count, 1));
      for (idx_t i = 0; i < count; i++) shared.set_index(i, sel.get_index(i));
    }
    vector.SetDictionary(std::make_shared<Vector>(vector), shared);
  }
  count_ = count;
}

void DataChunk::Reference(const DataChunk& other) {
  data = other.data;
  count_ = other.count_;
  capacity_ = other.capacity_;
}

void DataChunk::Append(const DataChunk& other) {
  if (other.ColumnCount() != ColumnCount()) {
    throw Exception(sqlstate::kInternalError, "DataChunk::Append: column counts differ");
  }
  if (count_ + other.size() > capacity_) {
    throw Exception(sqlstate::kInternalError, "DataChunk::Append: capacity exceeded");
  }
  for (idx_t column = 0; column < data.size(); column++) {
    Vector& target = data[column];
    if (target.kind() != VectorKind::FLAT) target.Flatten(count_);
    if (target.capacity() < capacity_) {
      Vector copy = target;
      target.Initialize(copy.type(), capacity_);
      target.CopyFrom(copy, SelectionVector::Incremental(), count_, 0);
    }
    target.CopyFrom(other.data[column], SelectionVector::Incremental(), other.size(), count_);
  }
  count_ += other.size();
}

void DataChunk::Flatten() {
  for (auto& vector : data) vector.Flatten(count_);
}

std::string DataChunk::ToString() const {
  std::string result = "DataChunk " + std::to_string(count_) + " rows\n";
  for (idx_t row = 0; row < count_; row++) {
    for (idx_t column = 0; column < data.size(); column++) {
      if (column) result += "\t";
      result += data[column].GetValue(row).ToString();
    }
    result += "\n";
  }
  return result;
}

}  // namespace cairn
