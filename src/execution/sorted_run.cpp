#include "execution/sorted_run.h"

#include <algorithm>
#include <cstring>

#include "function/aggregate/physical_type_dispatch.h"

namespace cairn {

namespace {

template <class T>
int CompareRaw(const uint8_t* a, const uint8_t* b) {
  T x, y;
  std::memcpy(&x, a, sizeof(T));
  std::memcpy(&y, b, sizeof(T));
  return CompareValues(x, y);
}

int CompareTyped(PhysicalType type, const uint8_t* a, const uint8_t* b) {
  switch (type) {
    case PhysicalType::BOOL: return CompareRaw<bool>(a, b);
    case PhysicalType::INT32: return CompareRaw<int32_t>(a, b);
    case PhysicalType::INT64: return CompareRaw<int64_t>(a, b);
    case PhysicalType::INT128: return CompareRaw<hugeint_t>(a, b);
    case PhysicalType::DOUBLE: return CompareRaw<double>(a, b);
    case PhysicalType::STRING: return CompareRaw<string_t>(a, b);
    case PhysicalType::INTERVAL: return CompareRaw<interval_t>(a, b);
    default: return 0;
  }
}

}  // namespace

SortedRun::SortedRun(std::vector<LogicalType> payload_types, std::vector<LogicalType> key_types,
                     std::vector<SortKeySpec> specs, const char* memory_owner)
    : payload_columns_(payload_types.size()), key_types_(std::move(key_types)), specs_(std::move(specs)),
      memory_(memory_owner) {
  std::vector<LogicalType> all = std::move(payload_types);
  all.insert(all.end(), key_types_.begin(), key_types_.end());
  rows_ = RowCollection(std::move(all), memory_owner);
}

void SortedRun::Append(const DataChunk& payload, const DataChunk& keys, const SelectionVector& sel, idx_t count) {
  DataChunk combined;
  combined.data = payload.data;
  for (auto& k : keys.data) combined.data.push_back(k);
  combined.SetCardinality(payload.size());
  rows_.Append(combined, sel, count);
  sorted_ = false;
}

void SortedRun::AppendRun(const SortedRun& other) {
  idx_t n = other.Count();
  std::vector<uint64_t> ids(kStandardVectorSize);
  DataChunk chunk;
  chunk.data.resize(rows_.types().size());
  for (idx_t start = 0; start < n; start += kStandardVectorSize) {
    idx_t count = std::min<idx_t>(kStandardVectorSize, n - start);
    for (idx_t i = 0; i < count; i++) ids[i] = other.sorted_ ? other.order_[start + i] : start + i;
    other.rows_.Gather(ids.data(), count, 0, rows_.types().size(), chunk, 0);
    chunk.SetCardinality(count);
    rows_.Append(chunk);
  }
  sorted_ = false;
}

void SortedRun::ExtractKeys() {
  const idx_t n = Count();
  keys_.clear();
  for (idx_t k = 0; k < key_types_.size(); k++) {
    KeyColumn column;
    column.type = key_types_[k].physical_type();
    column.spec = specs_[k];
    column.width = column.type == PhysicalType::INVALID ? 0 : key_types_[k].PhysicalSize();
    column.nulls.assign(n, 0);
    column.values.assign(n * column.width, 0);
    idx_t row = 0;
    for (idx_t c = 0; c < rows_.ChunkCount(); c++) {
      const DataChunk& chunk = rows_.GetChunk(c);
      const Vector& v = chunk.data[payload_columns_ + k];
      for (idx_t i = 0; i < chunk.size(); i++, row++) {
        if (column.width == 0 || !v.validity().RowIsValid(i)) {
          column.nulls[row] = 1;
        } else {
          std::memcpy(column.values.data() + row * column.width, v.data<uint8_t>() + i * column.width, column.width);
        }
      }
    }
    keys_.push_back(std::move(column));
  }
}

int SortedRun::Compare(idx_t a, const SortedRun& other, idx_t b) const {
  for (idx_t k = 0; k < keys_.size(); k++) {
    const KeyColumn& x = keys_[k];
    const KeyColumn& y = other.keys_[k];
    bool na = x.nulls[a], nb = y.nulls[b];
    if (na || nb) {
      if (na && nb) continue;
      return na == x.spec.nulls_first ? -1 : 1;
    }
    int c = CompareTyped(x.type, x.values.data() + a * x.width, y.values.data() + b * y.width);
    if (c != 0) return x.spec.ascending ? c : -c;
  }
  return 0;
}

void SortedRun::Sort() {
  // Charged before allocating: the key arrays, the order and std::stable_sort's buffer.
  uint64_t key_row_bytes = 0;
  for (const auto& type : key_types_) key_row_bytes += 1 + (type.physical_type() == PhysicalType::INVALID ? 0 : type.PhysicalSize());
  memory_.Resize(Count() * (key_row_bytes + 2 * sizeof(uint64_t)));
  ExtractKeys();
  order_.resize(Count());
  for (idx_t i = 0; i < order_.size(); i++) order_[i] = i;
  std::stable_sort(order_.begin(), order_.end(), [this](uint64_t a, uint64_t b) { return Compare(a, *this, b) < 0; });
  sorted_ = true;
  memory_.Resize(Count() * (key_row_bytes + sizeof(uint64_t)));
}

void SortedRun::Truncate(idx_t n) {
  if (n >= Count()) return;
  SortedRun kept(std::vector<LogicalType>(rows_.types().begin(), rows_.types().begin() + payload_columns_), key_types_,
                 specs_, memory_.owner());
  std::vector<uint64_t> ids(kStandardVectorSize);
  DataChunk chunk;
  chunk.data.resize(rows_.types().size());
  for (idx_t start = 0; start < n; start += kStandardVectorSize) {
    idx_t count = std::min<idx_t>(kStandardVectorSize, n - start);
    for (idx_t i = 0; i < count; i++) ids[i] = order_[start + i];
    rows_.Gather(ids.data(), count, 0, rows_.types().size(), chunk, 0);
    chunk.SetCardinality(count);
    kept.rows_.Append(chunk);
  }
  *this = std::move(kept);
  // Already in order: identity permutation.
  ExtractKeys();
  order_.resize(Count());
  for (idx_t i = 0; i < order_.size(); i++) order_[i] = i;
  sorted_ = true;
}

idx_t SortedRun::SelectNotAfter(const Vector& key, idx_t count, idx_t boundary_row, SelectionVector& sel) const {
  const KeyColumn& column = keys_[0];
  const bool boundary_null = column.nulls[boundary_row];
  const SortKeySpec spec = column.spec;
  UnifiedFormat f;
  key.ToUnified(count, f);
  idx_t n = 0;
  if (column.width == 0) {
    for (idx_t i = 0; i < count; i++) sel.set_index(n++, i);
    return n;
  }
  DispatchPhysical(column.type, [&](auto tag) {
    using T = decltype(tag);
    T boundary;
    std::memcpy(&boundary, column.values.data() + boundary_row * column.width, sizeof(T));
    const T* data = reinterpret_cast<const T*>(f.data);
    for (idx_t i = 0; i < count; i++) {
      idx_t idx = f.sel->get_index(i);
      bool is_null = !f.validity->RowIsValid(idx);
      int c;
      if (is_null || boundary_null) {
        c = (is_null && boundary_null) ? 0 : (is_null == spec.nulls_first ? -1 : 1);
      } else {
        c = CompareValues(data[idx], boundary);
        if (!spec.ascending) c = -c;
      }
      if (c <= 0) sel.set_index(n++, i);
    }
  });
  return n;
}

}  // namespace cairn
