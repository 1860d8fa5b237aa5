#include "execution/row_collection.h"

#include "cairn/exception.h"
#include "function/aggregate/physical_type_dispatch.h"

namespace cairn {

namespace {

template <class T>
void CopyTyped(const Vector& source, const SelectionVector& sel, idx_t count, Vector& target, idx_t offset) {
  UnifiedFormat f;
  source.ToUnified(kStandardVectorSize, f);
  const T* in = reinterpret_cast<const T*>(f.data);
  T* out = target.data<T>() + offset;
  const bool all_valid = f.validity->AllValid();
  for (idx_t i = 0; i < count; i++) {
    idx_t idx = f.sel->get_index(sel.get_index(i));
    if (!all_valid && !f.validity->RowIsValid(idx)) {
      target.validity().SetInvalid(offset + i);
      if constexpr (std::is_same_v<T, string_t>) out[i] = string_t();
      continue;
    }
    if constexpr (std::is_same_v<T, string_t>) {
      const string_t& s = in[idx];
      out[i] = s.IsInlined() ? s : target.AddString(s.view());
    } else {
      out[i] = in[idx];
    }
  }
}

template <class T>
void GatherTyped(const void* const* chunk_data, const ValidityMask* const* validity, const uint64_t* row_ids, idx_t count,
                 Vector& out) {
  T* data = out.data<T>();
  for (idx_t i = 0; i < count; i++) {
    uint64_t row = row_ids[i];
    idx_t chunk = row / kStandardVectorSize, pos = row % kStandardVectorSize;
    if (!validity[chunk]->RowIsValid(pos)) {
      out.validity().SetInvalid(i);
      continue;
    }
    data[i] = static_cast<const T*>(chunk_data[chunk])[pos];
  }
}

}  // namespace

void CopyRowsOwned(const Vector& source, const SelectionVector& sel, idx_t count, Vector& target, idx_t offset) {
  if (count == 0) return;
  PhysicalType physical = target.type().physical_type();
  if (physical == PhysicalType::INVALID || source.type().physical_type() == PhysicalType::INVALID) {
    for (idx_t i = 0; i < count; i++) target.validity().SetInvalid(offset + i);
    return;
  }
  DispatchPhysical(physical, [&](auto tag) { CopyTyped<decltype(tag)>(source, sel, count, target, offset); });
}

std::unique_ptr<DataChunk> CopyChunkOwned(const DataChunk& input) {
  auto out = std::make_unique<DataChunk>();
  idx_t count = input.size();
  out->Initialize(input.GetTypes(), std::max<idx_t>(count, 1));
  for (idx_t c = 0; c < input.ColumnCount(); c++) {
    CopyRowsOwned(input.data[c], SelectionVector::Incremental(), count, out->data[c], 0);
  }
  out->SetCardinality(count);
  return out;
}

void RowCollection::Append(const DataChunk& input) { Append(input, SelectionVector::Incremental(), input.size()); }

void RowCollection::Append(const DataChunk& input, const SelectionVector& sel, idx_t count) {
  idx_t done = 0;
  while (done < count) {
    if (chunks_.empty() || chunks_.back()->size() == kStandardVectorSize) {
      if (!chunks_.empty()) sealed_bytes_ += ChunkMemoryBytes(*chunks_.back());
      auto chunk = std::make_unique<DataChunk>();
      chunk->Initialize(types_);
      AddChunk(std::move(chunk));
    }
    DataChunk& target = *chunks_.back();
    idx_t take = std::min<idx_t>(count - done, kStandardVectorSize - target.size());
    const sel_t* base = sel.IsSet() ? sel.data() + done : nullptr;
    SelectionVector part;
    std::vector<sel_t> identity;
    if (base) {
      part = SelectionVector(base);
    } else {
      identity.resize(take);
      for (idx_t i = 0; i < take; i++) identity[i] = static_cast<sel_t>(done + i);
      part = SelectionVector(identity.data());
    }
    for (idx_t c = 0; c < types_.size(); c++) CopyRowsOwned(input.data[c], part, take, target.data[c], target.size());
    target.SetCardinality(target.size() + take);
    done += take;
    count_ += take;
  }
  memory_.Resize(MemoryBytes());
}

void RowCollection::Combine(RowCollection&& other) {
  if (types_.empty() && chunks_.empty()) types_ = other.types_;
  for (auto& chunk : other.chunks_) {
    if (chunk->size() == 0) continue;
    if (!chunks_.empty() && chunks_.back()->size() < kStandardVectorSize) {
      // Keep row ids dense: re-append instead of moving a partial chunk behind a partial one.
      Append(*chunk);
    } else {
      count_ += chunk->size();
      AddChunk(std::move(chunk));
    }
  }
  other.chunks_.clear();
  other.column_data_.clear();
  other.column_validity_.clear();
  other.count_ = 0;
  other.sealed_bytes_ = 0;
  other.memory_.Resize(0);
  sealed_bytes_ = 0;
  for (idx_t i = 0; i + 1 < chunks_.size(); i++) sealed_bytes_ += ChunkMemoryBytes(*chunks_[i]);
  memory_.Resize(MemoryBytes());
}

void RowCollection::AddChunk(std::unique_ptr<DataChunk> chunk) {
  if (column_data_.size() != types_.size()) {
    column_data_.resize(types_.size());
    column_validity_.resize(types_.size());
  }
  for (idx_t c = 0; c < types_.size(); c++) {
    Vector& vector = chunk->data[c];
    column_data_[c].push_back(types_[c].physical_type() == PhysicalType::INVALID ? nullptr : vector.data<uint8_t>());
    column_validity_[c].push_back(&vector.validity());
  }
  chunks_.push_back(std::move(chunk));
}

void RowCollection::Gather(const uint64_t* row_ids, idx_t count, idx_t column_offset, idx_t column_count, DataChunk& out,
                           idx_t out_offset) const {
  for (idx_t c = 0; c < column_count; c++) {
    const LogicalType& type = types_[column_offset + c];
    Vector& target = out.data[out_offset + c];
    target.Initialize(type, kStandardVectorSize);
    if (type.physical_type() == PhysicalType::INVALID) {
      for (idx_t i = 0; i < count; i++) target.validity().SetInvalid(i);
      continue;
    }
    if (count == 0) continue;
    // Per-column arrays of chunk pointers, kept as chunks are added: a gather costs O(count),
    // not O(number of chunks) (join probes and sort output gather once per output chunk).
    const void* const* data = column_data_[column_offset + c].data();
    const ValidityMask* const* validity = column_validity_[column_offset + c].data();
    DispatchPhysical(type.physical_type(), [&](auto tag) {
      GatherTyped<decltype(tag)>(data, validity, row_ids, count, target);
    });
  }
}

}  // namespace cairn
