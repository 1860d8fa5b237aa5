#include "function/table/join_key_filter.h"

#include <bit>

#include "cairn/exception.h"

namespace cairn {

namespace {

/// Fibonacci hashing of a 64-bit key onto `bits` bits.
inline uint64_t SlotOf(int64_t v, int shift) {
  return (static_cast<uint64_t>(v) * 0x9E3779B97F4A7C15ull) >> shift;
}

/// Applies `contains` to the valid rows of an INT32/INT64/STRING array (see JoinKeyFilter::Apply).
template <class T, class Contains>
void ApplyKernel(const T* data, const ValidityMask& validity, const sel_t* sel, idx_t count, uint8_t* keep,
                 bool nulls_pass, Contains contains) {
  if (validity.AllValid()) {
    if (sel) {
      for (idx_t i = 0; i < count; i++) keep[i] &= static_cast<uint8_t>(contains(data[sel[i]]));
    } else {
      for (idx_t i = 0; i < count; i++) keep[i] &= static_cast<uint8_t>(contains(data[i]));
    }
    return;
  }
  for (idx_t i = 0; i < count; i++) {
    const idx_t row = sel ? sel[i] : i;
    keep[i] &= static_cast<uint8_t>(validity.RowIsValid(row) ? contains(data[row]) : nulls_pass);
  }
}

}  // namespace

bool JoinKeyFilter::IsIntegerLike(const LogicalType& type) {
  if (type.id() == TypeId::BOOLEAN || type.id() == TypeId::FLOAT || type.id() == TypeId::DOUBLE) return false;
  return type.physical_type() == PhysicalType::INT32 || type.physical_type() == PhysicalType::INT64;
}

bool JoinKeyFilter::Eligible(const LogicalType& type) {
  return IsIntegerLike(type) || type.id() == TypeId::VARCHAR;
}

void JoinKeyFilter::SetBounds(int64_t min, int64_t max, bool bitmap) {
  if (!IsIntegerLike(type_) || min > max) throw Exception(sqlstate::kInternalError, "invalid join key filter bounds");
  has_bounds_ = true;
  min_ = min;
  max_ = max;
  const uint64_t range = static_cast<uint64_t>(max) - static_cast<uint64_t>(min);  // values - 1
  if (bitmap && range < kMaxBitmapBits) bitmap_ = std::vector<std::atomic<uint64_t>>(range / 64 + 1);
}

void JoinKeyFilter::CheckInBounds(int64_t v) const {
  if (v < min_ || v > max_) throw Exception(sqlstate::kInternalError, "join key outside its filter's bounds");
}

void JoinKeyFilter::AddToBitmap(const Vector& keys, idx_t count) {
  ForEachIntegerKey(
      keys, count,
      [&](int64_t v) {
        CheckInBounds(v);
        const uint64_t bit = static_cast<uint64_t>(v) - static_cast<uint64_t>(min_);
        std::atomic<uint64_t>& word = bitmap_[bit >> 6];
        const uint64_t mask = uint64_t(1) << (bit & 63);
        if (!(word.load(std::memory_order_relaxed) & mask)) word.fetch_or(mask, std::memory_order_relaxed);
      },
      [] {});
}

void JoinKeyFilter::SetInsert(int64_t v) {
  const int shift = 64 - std::countr_zero(slots_.size());
  for (uint64_t s = SlotOf(v, shift);; s = (s + 1) & (slots_.size() - 1)) {
    if (slots_[s] == v) return;
    if (slots_[s] == empty_slot_) {
      slots_[s] = v;
      set_size_++;
      return;
    }
  }
}

bool JoinKeyFilter::SetContains(int64_t v) const {
  if (v == empty_slot_) return false;
  const int shift = 64 - std::countr_zero(slots_.size());
  for (uint64_t s = SlotOf(v, shift);; s = (s + 1) & (slots_.size() - 1)) {
    if (slots_[s] == v) return true;
    if (slots_[s] == empty_slot_) return false;
  }
}

void JoinKeyFilter::AddToSet(const Vector& keys, idx_t count) {
  if (!has_set_) {
    has_set_ = true;
    if (IsIntegerLike(type_)) {
      // A value outside the bounds marks free slots; a full 64-bit range leaves none.
      if (!has_bounds_) throw Exception(sqlstate::kInternalError, "join key set without bounds");
      if (min_ > INT64_MIN) {
        empty_slot_ = min_ - 1;
      } else if (max_ < INT64_MAX) {
        empty_slot_ = max_ + 1;
      } else {
        has_set_ = false;
        return;
      }
      slots_.assign(2 * kMaxSetValues, empty_slot_);
    }
  }
  if (type_.physical_type() == PhysicalType::STRING) {
    UnifiedFormat format;
    keys.ToUnified(count, format);
    const auto* data = reinterpret_cast<const string_t*>(format.data);
    for (idx_t i = 0; i < count; i++) {
      const idx_t row = format.sel->get_index(i);
      if (!format.validity->RowIsValid(row)) continue;
      strings_.emplace(data[row].data(), data[row].size());
    }
    return;
  }
  if (slots_.empty()) return;  // no free-slot marker (see above)
  ForEachIntegerKey(
      keys, count,
      [&](int64_t v) {
        CheckInBounds(v);
        if (set_size_ >= kMaxSetValues) throw Exception(sqlstate::kInternalError, "join key set is full");
        SetInsert(v);
      },
      [] {});
}

void JoinKeyFilter::Seal() {
  if (bitmap_.empty()) return;
  uint64_t keys = 0;
  for (const auto& word : bitmap_) keys += std::popcount(word.load(std::memory_order_relaxed));
  if (keys == static_cast<uint64_t>(max_) - static_cast<uint64_t>(min_) + 1) bitmap_.clear();
}

std::optional<Value> JoinKeyFilter::min() const {
  if (!has_bounds_) return std::nullopt;
  return Value::FromPhysical(type_, min_);
}

std::optional<Value> JoinKeyFilter::max() const {
  if (!has_bounds_) return std::nullopt;
  return Value::FromPhysical(type_, max_);
}

bool JoinKeyFilter::ContainsInteger(int64_t v) const {
  if (!has_bounds_ || v < min_ || v > max_) return false;
  if (!bitmap_.empty()) {
    const uint64_t bit = static_cast<uint64_t>(v) - static_cast<uint64_t>(min_);
    return (bitmap_[bit >> 6].load(std::memory_order_relaxed) >> (bit & 63)) & 1;
  }
  if (has_set_) return SetContains(v);
  return true;
}

bool JoinKeyFilter::ContainsString(std::string_view v) const {
  if (!has_set_) return true;
  return strings_.find(v) != strings_.end();
}

void JoinKeyFilter::Apply(const uint8_t* data, const ValidityMask& validity, const sel_t* sel, idx_t count,
                          uint8_t* keep) const {
  switch (type_.physical_type()) {
    case PhysicalType::INT32:
      return ApplyKernel(reinterpret_cast<const int32_t*>(data), validity, sel, count, keep, nulls_pass_,
                         [this](int32_t v) { return ContainsInteger(v); });
    case PhysicalType::INT64:
      return ApplyKernel(reinterpret_cast<const int64_t*>(data), validity, sel, count, keep, nulls_pass_,
                         [this](int64_t v) { return ContainsInteger(v); });
    case PhysicalType::STRING:
      return ApplyKernel(reinterpret_cast<const string_t*>(data), validity, sel, count, keep, nulls_pass_,
                         [this](const string_t& v) { return ContainsString(std::string_view(v.data(), v.size())); });
    default: throw Exception(sqlstate::kInternalError, "unsupported type in join key filter");
  }
}

}  // namespace cairn
