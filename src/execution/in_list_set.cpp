#include "execution/in_list_set.h"

#include <algorithm>
#include <bit>
#include <type_traits>
#include <cmath>
#include <limits>
#include <string_view>

#include "cairn/exception.h"
#include "common/hash.h"
#include "common/numeric.h"
#include "function/aggregate/physical_type_dispatch.h"

namespace cairn {

namespace {

// ---- canonical keys: equal under `=` iff equal keys ---------------------------------------------

struct IdentityKey {
  template <class T>
  static T Of(const T& v) { return v; }
};

struct DoubleKey {
  /// -0 becomes 0 and every NaN the one quiet NaN, so equal values have equal bits.
  static uint64_t Of(double v) {
    if (v != v) return std::bit_cast<uint64_t>(std::numeric_limits<double>::quiet_NaN());
    if (v == 0) return 0;
    return std::bit_cast<uint64_t>(v);
  }
};

struct NumericKey {
  static hugeint_t Of(hugeint_t v) { return numeric::Normalize(v); }
};

struct IntervalKey {
  static hugeint_t Of(const interval_t& v) { return IntervalOrderKey(v); }
};

struct StringKey {
  static std::string_view Of(const string_t& v) { return v.view(); }
};

// Tables index with the hash's high bits: for fixed-width keys one multiplication by 2^64 / phi
// (Fibonacci hashing, Knuth TAOCP vol. 3, 6.4) mixes every input bit into them.
constexpr uint64_t kFibonacci = 0x9e3779b97f4a7c15ULL;
inline uint64_t HashKey(bool v) { return static_cast<uint64_t>(v) * kFibonacci; }
inline uint64_t HashKey(int32_t v) { return static_cast<uint64_t>(static_cast<int64_t>(v)) * kFibonacci; }
inline uint64_t HashKey(int64_t v) { return static_cast<uint64_t>(v) * kFibonacci; }
inline uint64_t HashKey(uint64_t v) { return v * kFibonacci; }
inline uint64_t HashKey(hugeint_t v) {
  auto u = static_cast<unsigned __int128>(v);
  return HashCombine(HashInt64(static_cast<uint64_t>(u)), static_cast<uint64_t>(u >> 64));
}
inline uint64_t HashKey(std::string_view v) { return HashBytes(v.data(), v.size()); }

/// Open addressing with linear probing over a power-of-two table at most a quarter full (misses,
/// the common case of a selective IN, end at an empty slot after about one probe). Integer keys
/// whose values span a small range use a bitmap over that range instead: one subtraction, one
/// bound check and one bit test per row, without branches that depend on the data.
template <class T, class KeyOf>
class TypedInListSet final : public InListSet {
 public:
  using Key = decltype(KeyOf::Of(std::declval<const T&>()));
  static constexpr bool kIntegerKey = std::is_same_v<Key, int32_t> || std::is_same_v<Key, int64_t>;

  TypedInListSet(Vector terms, idx_t count) : terms_(std::move(terms)) {
    idx_t capacity = 16;
    while (capacity < 4 * count) capacity *= 2;
    mask_ = capacity - 1;
    shift_ = 64 - std::countr_zero(static_cast<uint64_t>(capacity));
    keys_.resize(capacity);
    used_.assign(capacity, 0);
    const T* data = terms_.template data<T>();
    for (idx_t i = 0; i < count; i++) {
      if (!terms_.validity().RowIsValid(i)) {
        has_null_ = true;
        continue;
      }
      Key key = KeyOf::Of(data[i]);
      idx_t slot = HashKey(key) >> shift_;
      while (used_[slot] && !(keys_[slot] == key)) slot = (slot + 1) & mask_;
      if (!used_[slot]) {
        used_[slot] = 1;
        keys_[slot] = key;
        size_++;
      }
    }
    if constexpr (kIntegerKey) BuildBitmap();
  }

  void Evaluate(const Vector& probe, idx_t count, bool negate, Vector& result) const override {
    UnifiedFormat f;
    probe.ToUnified(count, f);
    const T* data = reinterpret_cast<const T*>(f.data);
    bool* out = result.data<bool>();
    for (idx_t i = 0; i < count; i++) {
      idx_t idx = f.sel->get_index(i);
      if (!f.validity->RowIsValid(idx)) {
        result.validity().SetInvalid(i);
      } else if (Contains(KeyOf::Of(data[idx]))) {
        out[i] = !negate;
      } else if (has_null_) {
        result.validity().SetInvalid(i);
      } else {
        out[i] = negate;
      }
    }
  }

  idx_t Select(const Vector& probe, idx_t count, bool negate, SelectionVector& true_sel) const override {
    // NOT IN over a list holding NULL is never TRUE (FALSE on a match, else NULL).
    if (negate && has_null_) return 0;
    UnifiedFormat f;
    probe.ToUnified(count, f);
    const T* data = reinterpret_cast<const T*>(f.data);
    sel_t* out = true_sel.data();
    idx_t n = 0;
    if (f.validity->AllValid()) {
      for (idx_t i = 0; i < count; i++) {
        out[n] = static_cast<sel_t>(i);
        n += Contains(KeyOf::Of(data[f.sel->get_index(i)])) != negate;
      }
      return n;
    }
    for (idx_t i = 0; i < count; i++) {
      idx_t idx = f.sel->get_index(i);
      out[n] = static_cast<sel_t>(i);
      n += f.validity->RowIsValid(idx) && Contains(KeyOf::Of(data[idx])) != negate;
    }
    return n;
  }

 private:
  /// A bitmap over [min, max] of the keys when that range is at most 64 bits per key (and at
  /// most 2^26 bits: 8 MB).
  void BuildBitmap() {
    if (size_ == 0) return;
    Key min = 0, max = 0;
    bool first = true;
    for (idx_t slot = 0; slot <= mask_; slot++) {
      if (!used_[slot]) continue;
      min = first ? keys_[slot] : std::min(min, keys_[slot]);
      max = first ? keys_[slot] : std::max(max, keys_[slot]);
      first = false;
    }
    uint64_t range = static_cast<uint64_t>(max) - static_cast<uint64_t>(min);
    if (range >= std::min<uint64_t>(uint64_t(64) * size_ + 64, uint64_t(1) << 26)) return;
    bitmap_min_ = static_cast<uint64_t>(min);
    bitmap_range_ = range;
    bitmap_.assign(range / 64 + 1, 0);
    for (idx_t slot = 0; slot <= mask_; slot++) {
      if (!used_[slot]) continue;
      uint64_t offset = static_cast<uint64_t>(keys_[slot]) - bitmap_min_;
      bitmap_[offset >> 6] |= uint64_t(1) << (offset & 63);
    }
  }

  bool Contains(const Key& key) const {
    if constexpr (kIntegerKey) {
      if (!bitmap_.empty()) {
        uint64_t offset = static_cast<uint64_t>(key) - bitmap_min_;
        return offset <= bitmap_range_ && ((bitmap_[offset >> 6] >> (offset & 63)) & 1);
      }
    }
    idx_t slot = HashKey(key) >> shift_;
    while (used_[slot]) {
      if (keys_[slot] == key) return true;
      slot = (slot + 1) & mask_;
    }
    return false;
  }

  Vector terms_;  // owns the bytes string keys point into
  idx_t mask_ = 0;
  int shift_ = 64;  // slot = hash >> shift_ (the top log2(capacity) bits)
  std::vector<Key> keys_;
  std::vector<uint8_t> used_;
  std::vector<uint64_t> bitmap_;  // integer keys over a small range: bit (key - bitmap_min_)
  uint64_t bitmap_min_ = 0;
  uint64_t bitmap_range_ = 0;
};

template <class T, class KeyOf>
std::unique_ptr<InListSet> MakeTyped(Vector terms, idx_t count) {
  return std::make_unique<TypedInListSet<T, KeyOf>>(std::move(terms), count);
}

}  // namespace

std::unique_ptr<InListSet> InListSet::Make(const LogicalType& type, const std::vector<Value>& terms) {
  Vector vector(type, std::max<idx_t>(terms.size(), 1));
  for (idx_t i = 0; i < terms.size(); i++) {
    const Value& term = terms[i];
    if (term.IsNull()) {
      vector.validity().SetInvalid(i);
    } else {
      vector.SetValue(i, term.type() == type ? term : term.CastAs(type));
    }
  }
  idx_t count = terms.size();
  if (type.id() == TypeId::NUMERIC) return MakeTyped<hugeint_t, NumericKey>(std::move(vector), count);
  switch (type.physical_type()) {
    case PhysicalType::BOOL: return MakeTyped<bool, IdentityKey>(std::move(vector), count);
    case PhysicalType::INT32: return MakeTyped<int32_t, IdentityKey>(std::move(vector), count);
    case PhysicalType::INT64: return MakeTyped<int64_t, IdentityKey>(std::move(vector), count);
    case PhysicalType::INT128: return MakeTyped<hugeint_t, IdentityKey>(std::move(vector), count);
    case PhysicalType::DOUBLE: return MakeTyped<double, DoubleKey>(std::move(vector), count);
    case PhysicalType::STRING: return MakeTyped<string_t, StringKey>(std::move(vector), count);
    case PhysicalType::INTERVAL: return MakeTyped<interval_t, IntervalKey>(std::move(vector), count);
    default: break;
  }
  throw Exception(sqlstate::kInternalError, "IN list set over unsupported type " + type.ToString());
}

}  // namespace cairn
