// AggregateInputBuffer: storage, stable multi-key ordering and gathering of buffered rows.
#include "function/aggregate/aggregate_input_buffer.h"

#include <algorithm>
#include <cstring>
#include <numeric>

#include "function/aggregate/physical_type_dispatch.h"
#include "common/numeric.h"

namespace cairn::aggregate {

AggregateInputBuffer::AggregateInputBuffer(std::vector<LogicalType> types) {
  for (auto& type : types) {
    Column column;
    column.physical = type.physical_type();
    column.width = DispatchPhysical(column.physical, [](auto v) { return static_cast<idx_t>(sizeof(v)); });
    column.type = std::move(type);
    columns_.push_back(std::move(column));
  }
}

void AggregateInputBuffer::AppendValue(Column& column, const void* value, bool valid) {
  size_t at = column.data.size();
  column.data.resize(at + column.width);
  column.valid.push_back(valid ? 1 : 0);
  if (!valid) {
    std::memset(column.data.data() + at, 0, column.width);
    return;
  }
  if (column.physical == PhysicalType::STRING) {
    const auto& s = *static_cast<const string_t*>(value);
    string_t copy = s;
    if (!s.IsInlined()) {
      if (!heap_) heap_ = std::make_shared<StringHeap>();
      copy = heap_->AddString(s.view());
    }
    std::memcpy(column.data.data() + at, &copy, sizeof(copy));
  } else {
    std::memcpy(column.data.data() + at, value, column.width);
  }
}

void AggregateInputBuffer::Append(const UnifiedFormat* inputs, idx_t row) {
  for (idx_t c = 0; c < columns_.size(); c++) {
    const UnifiedFormat& f = inputs[c];
    idx_t index = f.sel->get_index(row);
    AppendValue(columns_[c], f.data + index * columns_[c].width, f.validity->RowIsValid(index));
  }
  size_++;
}

void AggregateInputBuffer::AppendBuffer(const AggregateInputBuffer& other) {
  for (idx_t c = 0; c < columns_.size(); c++) {
    Column& column = columns_[c];
    const Column& source = other.columns_[c];
    if (column.physical != PhysicalType::STRING) {
      column.data.insert(column.data.end(), source.data.begin(), source.data.end());
      column.valid.insert(column.valid.end(), source.valid.begin(), source.valid.end());
      continue;
    }
    for (idx_t r = 0; r < other.size_; r++) AppendValue(column, source.data.data() + r * source.width, source.valid[r]);
  }
  size_ += other.size_;
}

std::vector<idx_t> AggregateInputBuffer::Order(const std::vector<BufferSortKey>& keys) const {
  std::vector<idx_t> rows(size_);
  std::iota(rows.begin(), rows.end(), idx_t(0));
  if (keys.empty()) return rows;
  // One typed three-way comparison per key, chosen once.
  using Compare = int (*)(const Column&, idx_t, idx_t);
  std::vector<Compare> compares;
  for (const auto& key : keys) {
    if (columns_[key.column].type.id() == TypeId::NUMERIC) {  // by value, not by packed bits
      compares.push_back([](const Column& column, idx_t a, idx_t b) {
        const hugeint_t* data = reinterpret_cast<const hugeint_t*>(column.data.data());
        return numeric::Compare(data[a], data[b]);
      });
      continue;
    }
    compares.push_back(DispatchPhysical(columns_[key.column].physical, [](auto v) -> Compare {
      using T = decltype(v);
      return [](const Column& column, idx_t a, idx_t b) {
        const T* data = reinterpret_cast<const T*>(column.data.data());
        return CompareValues<T>(data[a], data[b]);
      };
    }));
  }
  std::stable_sort(rows.begin(), rows.end(), [&](idx_t a, idx_t b) {
    for (size_t k = 0; k < keys.size(); k++) {
      const Column& column = columns_[keys[k].column];
      bool va = column.valid[a] != 0, vb = column.valid[b] != 0;
      if (!va || !vb) {
        if (va == vb) continue;
        // Exactly one is NULL: it comes first iff nulls_first.
        return keys[k].nulls_first ? !va : !vb;
      }
      int c = compares[k](column, a, b);
      if (c != 0) return keys[k].descending ? c > 0 : c < 0;
    }
    return false;
  });
  return rows;
}

void AggregateInputBuffer::Gather(idx_t column_index, const idx_t* rows, idx_t count, Vector& out) const {
  const Column& column = columns_[column_index];
  uint8_t* target = out.raw_data();
  for (idx_t i = 0; i < count; i++) {
    std::memcpy(target + i * column.width, column.data.data() + rows[i] * column.width, column.width);
    if (!column.valid[rows[i]]) {
      out.validity().SetInvalid(i);
    } else {
      out.validity().SetValid(i);
    }
  }
  if (column.physical == PhysicalType::STRING && heap_) out.heap().KeepAlive(heap_);
}

}  // namespace cairn::aggregate
