#include "execution/key_encoder.h"

#include <cstring>

#include "common/hash.h"
#include "common/decimal.h"
#include "common/numeric.h"
#include "function/aggregate/physical_type_dispatch.h"

namespace cairn {

namespace {

// kNumeric: the column is NUMERIC, encoded in its canonical form so equal values with
// different scales (1.0, 1.00) have equal keys.
template <class T, bool kNumeric = false>
void EncodeFixed(const Vector& v, idx_t count, uint8_t* buffer, const uint32_t* offsets, uint32_t* cursor,
                 uint8_t* has_null) {
  UnifiedFormat f;
  v.ToUnified(count, f);
  const T* data = reinterpret_cast<const T*>(f.data);
  for (idx_t i = 0; i < count; i++) {
    idx_t idx = f.sel->get_index(i);
    uint8_t* p = buffer + offsets[i] + cursor[i];
    if (f.validity->RowIsValid(idx)) {
      p[0] = 1;
      T value = data[idx];
      if constexpr (std::is_same_v<T, double>) {
        if (value == 0.0) value = 0.0;               // -0.0 -> 0.0
        if (value != value) value = __builtin_nan("");  // canonical NaN
      }
      if constexpr (kNumeric) value = numeric::Normalize(value);
      std::memcpy(p + 1, &value, sizeof(T));
    } else {
      std::memset(p, 0, 1 + sizeof(T));
      has_null[i] = 1;
    }
    cursor[i] += 1 + sizeof(T);
  }
}

void EncodeString(const Vector& v, idx_t count, uint8_t* buffer, const uint32_t* offsets, uint32_t* cursor,
                  uint8_t* has_null) {
  UnifiedFormat f;
  v.ToUnified(count, f);
  const string_t* data = reinterpret_cast<const string_t*>(f.data);
  for (idx_t i = 0; i < count; i++) {
    idx_t idx = f.sel->get_index(i);
    uint8_t* p = buffer + offsets[i] + cursor[i];
    if (f.validity->RowIsValid(idx)) {
      const string_t& s = data[idx];
      uint32_t size = s.size();
      p[0] = 1;
      std::memcpy(p + 1, &size, 4);
      std::memcpy(p + 5, s.data(), size);
      cursor[i] += 5 + size;
    } else {
      std::memset(p, 0, 5);
      has_null[i] = 1;
      cursor[i] += 5;
    }
  }
}

template <class T>
void DecodeFixed(const uint8_t* const* keys, idx_t count, uint32_t* cursor, Vector& out) {
  T* data = out.data<T>();
  for (idx_t i = 0; i < count; i++) {
    const uint8_t* p = keys[i] + cursor[i];
    if (p[0]) {
      std::memcpy(&data[i], p + 1, sizeof(T));
    } else {
      out.validity().SetInvalid(i);
    }
    cursor[i] += 1 + sizeof(T);
  }
}

void DecodeString(const uint8_t* const* keys, idx_t count, uint32_t* cursor, Vector& out) {
  string_t* data = out.data<string_t>();
  for (idx_t i = 0; i < count; i++) {
    const uint8_t* p = keys[i] + cursor[i];
    uint32_t size;
    std::memcpy(&size, p + 1, 4);
    if (p[0]) {
      const char* bytes = reinterpret_cast<const char*>(p + 5);
      data[i] = size <= string_t::kInlineLength ? string_t(bytes, size) : out.AddString(std::string_view(bytes, size));
    } else {
      out.validity().SetInvalid(i);
    }
    cursor[i] += 5 + size;
  }
}

// The hash of one fixed-width key column's value (`size` <= 16 bytes, as encoded), and of its
// NULL.
inline uint64_t HashFixedValue(const uint8_t* value, size_t size) {
  uint64_t words[2] = {0, 0};
  std::memcpy(words, value, size);
  return HashInt64(words[0] ^ HashInt64(words[1] + 0x9e3779b97f4a7c15ULL));
}
constexpr uint64_t kNullFixedValueHash = 0x5bd1e9955bd1e995ULL;

// One fixed-width key column (the common GROUP BY date / id): encode and hash in one pass,
// hashing the value itself rather than its encoded bytes.
template <class T, bool kNumeric = false>
void EncodeSingleFixed(const Vector& v, idx_t count, EncodedKeys& out) {
  constexpr uint32_t kWidth = 1 + sizeof(T);
  UnifiedFormat f;
  v.ToUnified(count, f);
  const T* data = reinterpret_cast<const T*>(f.data);
  uint32_t* offsets = out.offsets.data();
  for (idx_t i = 0; i <= count; i++) offsets[i] = static_cast<uint32_t>(i * kWidth);
  out.buffer.resize(count * kWidth + 8);
  uint8_t* p = out.buffer.data();
  uint64_t* hashes = out.hashes.data();
  const bool all_valid = f.validity->AllValid();
  for (idx_t i = 0; i < count; i++, p += kWidth) {
    idx_t idx = f.sel->get_index(i);
    if (all_valid || f.validity->RowIsValid(idx)) {
      T value = data[idx];
      if constexpr (std::is_same_v<T, double>) {
        if (value == 0.0) value = 0.0;                  // -0.0 -> 0.0
        if (value != value) value = __builtin_nan("");  // canonical NaN
      }
      if constexpr (kNumeric) value = numeric::Normalize(value);
      p[0] = 1;
      std::memcpy(p + 1, &value, sizeof(T));
      hashes[i] = HashFixedValue(p + 1, sizeof(T));
    } else {
      std::memset(p, 0, kWidth);
      out.has_null[i] = 1;
      hashes[i] = kNullFixedValueHash;
    }
  }
}

}  // namespace

KeyEncoder::KeyEncoder(std::vector<LogicalType> types, bool keep_numeric_scales) : types_(std::move(types)) {
  uint32_t width = 0;
  for (auto& t : types_) {
    if (keep_numeric_scales && t.id() == TypeId::NUMERIC) suffix_bytes_++;
    if (t.physical_type() == PhysicalType::STRING) {
      has_strings_ = true;
    } else if (t.physical_type() == PhysicalType::INVALID) {
      width += 1;  // SQLNULL: validity byte only
    } else {
      width += 1 + static_cast<uint32_t>(t.PhysicalSize());
    }
  }
  fixed_width_ = has_strings_ ? 0 : width + suffix_bytes_;
  if (types_.size() == 1 && suffix_bytes_ == 0) single_fixed_ = types_[0].physical_type();
  if (single_fixed_ == PhysicalType::STRING || single_fixed_ == PhysicalType::INVALID) {
    single_fixed_ = PhysicalType::INVALID;
  }
}

void KeyEncoder::Encode(const Vector* columns, idx_t count, EncodedKeys& out) const {
  out.count = count;
  out.offsets.resize(count + 1);
  out.hashes.resize(count);
  out.has_null.assign(count, 0);
  switch (single_fixed_) {
    case PhysicalType::INT32: return EncodeSingleFixed<int32_t>(columns[0], count, out);
    case PhysicalType::INT64: return EncodeSingleFixed<int64_t>(columns[0], count, out);
    case PhysicalType::DOUBLE: return EncodeSingleFixed<double>(columns[0], count, out);
    case PhysicalType::INT128:
      if (types_[0].id() == TypeId::NUMERIC) return EncodeSingleFixed<hugeint_t, true>(columns[0], count, out);
      return EncodeSingleFixed<hugeint_t>(columns[0], count, out);
    default: break;
  }
  uint32_t* offsets = out.offsets.data();
  if (!has_strings_) {
    for (idx_t i = 0; i <= count; i++) offsets[i] = static_cast<uint32_t>(i * fixed_width_);
  } else {
    // Per-row sizes: fixed part plus string lengths.
    std::vector<uint32_t> sizes(count, 0);
    for (idx_t c = 0; c < types_.size(); c++) {
      PhysicalType p = types_[c].physical_type();
      if (p == PhysicalType::STRING) {
        UnifiedFormat f;
        columns[c].ToUnified(count, f);
        const string_t* data = reinterpret_cast<const string_t*>(f.data);
        for (idx_t i = 0; i < count; i++) {
          idx_t idx = f.sel->get_index(i);
          sizes[i] += 5 + (f.validity->RowIsValid(idx) ? data[idx].size() : 0);
        }
      } else {
        uint32_t w = p == PhysicalType::INVALID ? 1 : 1 + static_cast<uint32_t>(types_[c].PhysicalSize());
        for (idx_t i = 0; i < count; i++) sizes[i] += w;
      }
    }
    offsets[0] = 0;
    for (idx_t i = 0; i < count; i++) offsets[i + 1] = offsets[i] + sizes[i] + suffix_bytes_;
  }
  out.buffer.resize(offsets[count] + 8);
  std::vector<uint32_t> cursor(count, 0);
  for (idx_t c = 0; c < types_.size(); c++) {
    PhysicalType p = types_[c].physical_type();
    if (p == PhysicalType::INVALID) {
      for (idx_t i = 0; i < count; i++) {
        out.buffer[offsets[i] + cursor[i]] = 0;
        cursor[i] += 1;
        out.has_null[i] = 1;
      }
    } else if (p == PhysicalType::STRING) {
      EncodeString(columns[c], count, out.buffer.data(), offsets, cursor.data(), out.has_null.data());
    } else if (types_[c].id() == TypeId::NUMERIC) {
      EncodeFixed<hugeint_t, true>(columns[c], count, out.buffer.data(), offsets, cursor.data(), out.has_null.data());
    } else {
      DispatchPhysical(p, [&](auto tag) {
        using T = decltype(tag);
        if constexpr (!std::is_same_v<T, string_t>) {
          EncodeFixed<T>(columns[c], count, out.buffer.data(), offsets, cursor.data(), out.has_null.data());
        }
      });
    }
  }
  if (suffix_bytes_ > 0) {
    // The display scale of each NUMERIC value, after every column (cursor is at the suffix).
    for (idx_t c = 0; c < types_.size(); c++) {
      if (types_[c].id() != TypeId::NUMERIC) continue;
      UnifiedFormat f;
      columns[c].ToUnified(count, f);
      const hugeint_t* data = reinterpret_cast<const hugeint_t*>(f.data);
      for (idx_t i = 0; i < count; i++) {
        idx_t idx = f.sel->get_index(i);
        out.buffer[offsets[i] + cursor[i]] =
            f.validity->RowIsValid(idx) ? static_cast<uint8_t>(numeric::Scale(data[idx])) : uint8_t(0);
        cursor[i] += 1;
      }
    }
  }
  const uint8_t* buffer = out.buffer.data();
  for (idx_t i = 0; i < count; i++) {
    out.hashes[i] = HashBytes(buffer + offsets[i], offsets[i + 1] - offsets[i] - suffix_bytes_);
  }
}

uint64_t KeyEncoder::HashKey(const uint8_t* key, uint32_t length) const {
  switch (single_fixed_) {
    case PhysicalType::INT32:
    case PhysicalType::INT64:
    case PhysicalType::DOUBLE:
    case PhysicalType::INT128: return key[0] == 0 ? kNullFixedValueHash : HashFixedValue(key + 1, length - 1);
    default: return HashBytes(key, length - suffix_bytes_);
  }
}

bool KeyEncoder::FindDictionaryEntries(const SelectionVector& indices, idx_t count, DictionaryScratch& scratch) {
  constexpr idx_t kSlots = 4 * kStandardVectorSize;
  if (scratch.slots.empty()) scratch.slots.assign(kSlots, -1);
  int32_t* slot = scratch.slots.data();
  auto& entries = scratch.entries;
  entries.clear();
  for (idx_t i = 0; i < count; i++) {
    const sel_t e = indices.get_index(i);
    if (e >= kSlots || entries.size() * 2 > count) return false;
    if (slot[e] < 0) {
      slot[e] = static_cast<int32_t>(entries.size());
      entries.push_back(e);
    }
  }
  return entries.size() * 2 <= count;
}

void KeyEncoder::ReleaseDictionaryEntries(DictionaryScratch& scratch) {
  for (sel_t e : scratch.entries) scratch.slots[e] = -1;
  scratch.entries.clear();
}

bool KeyEncoder::EncodeDictionary(const Vector& column, idx_t count, EncodedKeys& out,
                                  DictionaryScratch& scratch) const {
  if (types_.size() != 1 || count < 128 || column.kind() != VectorKind::DICTIONARY ||
      column.dictionary().kind() != VectorKind::FLAT) {
    return false;
  }
  const SelectionVector& indices = column.selection();
  const bool usable = FindDictionaryEntries(indices, count, scratch);
  const int32_t* slot = scratch.slots.data();
  const auto& entries = scratch.entries;
  if (usable) {
    Vector distinct = column.dictionary();
    distinct.Slice(SelectionVector(entries.data()), entries.size());
    Encode(&distinct, entries.size(), scratch.distinct);
    const EncodedKeys& d = scratch.distinct;
    out.count = count;
    out.offsets.resize(count + 1);
    out.hashes.resize(count);
    out.has_null.resize(count);
    uint32_t* offsets = out.offsets.data();
    offsets[0] = 0;
    for (idx_t i = 0; i < count; i++) offsets[i + 1] = offsets[i] + d.Length(slot[indices.get_index(i)]);
    out.buffer.resize(offsets[count] + 8);
    uint8_t* buffer = out.buffer.data();
    for (idx_t i = 0; i < count; i++) {
      const int32_t k = slot[indices.get_index(i)];
      std::memcpy(buffer + offsets[i], d.Key(k), d.Length(k));
      out.hashes[i] = d.hashes[k];
      out.has_null[i] = d.has_null[k];
    }
  }
  ReleaseDictionaryEntries(scratch);
  return usable;
}

void KeyEncoder::Decode(const uint8_t* const* keys, idx_t count, DataChunk& out, idx_t out_column) const {
  std::vector<uint32_t> cursor(count, 0);
  for (idx_t c = 0; c < types_.size(); c++) {
    Vector& target = out.data[out_column + c];
    target.Initialize(types_[c], std::max<idx_t>(count, kStandardVectorSize));
    PhysicalType p = types_[c].physical_type();
    if (p == PhysicalType::INVALID) {
      for (idx_t i = 0; i < count; i++) {
        target.validity().SetInvalid(i);
        cursor[i] += 1;
      }
    } else if (p == PhysicalType::STRING) {
      DecodeString(keys, count, cursor.data(), target);
    } else {
      DispatchPhysical(p, [&](auto tag) {
        using T = decltype(tag);
        if constexpr (!std::is_same_v<T, string_t>) DecodeFixed<T>(keys, count, cursor.data(), target);
      });
    }
  }
  if (suffix_bytes_ == 0) return;
  // Restore each NUMERIC value's display scale from the suffix: the canonical value has the
  // same digits without trailing zeros, so appending them is exact.
  for (idx_t c = 0; c < types_.size(); c++) {
    if (types_[c].id() != TypeId::NUMERIC) continue;
    Vector& target = out.data[out_column + c];
    hugeint_t* data = target.data<hugeint_t>();
    for (idx_t i = 0; i < count; i++) {
      const int scale = keys[i][cursor[i]];
      cursor[i] += 1;
      if (!target.validity().RowIsValid(i)) continue;
      const int canonical = numeric::Scale(data[i]);
      if (scale > canonical) {
        data[i] = numeric::PackUnchecked(numeric::Unscaled(data[i]) * decimal::PowerOfTen(scale - canonical), scale);
      }
    }
  }
}

}  // namespace cairn
