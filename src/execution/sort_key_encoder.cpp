#include "execution/sort_key_encoder.h"

#include <bit>

#include "cairn/exception.h"
#include "common/numeric.h"
#include "function/aggregate/physical_type_dispatch.h"

namespace cairn {

namespace {

inline void StoreBigEndian32(uint8_t* out, uint32_t v) {
  v = __builtin_bswap32(v);
  std::memcpy(out, &v, 4);
}
inline void StoreBigEndian64(uint8_t* out, uint64_t v) {
  v = __builtin_bswap64(v);
  std::memcpy(out, &v, 8);
}
/// Value bytes of one physical type (ascending order).
template <class T>
idx_t ValueWidth() {
  if constexpr (std::is_same_v<T, bool>)
    return 1;
  else if constexpr (std::is_same_v<T, int32_t>)
    return 4;
  else if constexpr (std::is_same_v<T, int64_t> || std::is_same_v<T, double>)
    return 8;
  else if constexpr (std::is_same_v<T, hugeint_t> || std::is_same_v<T, interval_t>)
    return 16;
  else
    return SortKeyEncoder::kStringPrefix + 1;  // string_t
}

/// Writes the value bytes of `value` (DESC: inverted, as words rather than byte by byte).
template <class T, bool kDescending>
inline void EncodeValue(const T& value, uint8_t* out) {
  constexpr uint64_t flip = kDescending ? ~uint64_t(0) : 0;
  if constexpr (std::is_same_v<T, bool>) {
    out[0] = uint8_t((value ? 1 : 0) ^ flip);
  } else if constexpr (std::is_same_v<T, int32_t>) {
    StoreBigEndian32(out, (uint32_t(value) ^ 0x80000000u) ^ uint32_t(flip));
  } else if constexpr (std::is_same_v<T, int64_t>) {
    StoreBigEndian64(out, (uint64_t(value) ^ (uint64_t(1) << 63)) ^ flip);
  } else if constexpr (std::is_same_v<T, hugeint_t> || std::is_same_v<T, interval_t>) {
    hugeint_t v;
    if constexpr (std::is_same_v<T, interval_t>) {
      v = IntervalOrderKey(value);
    } else {
      v = value;
    }
    const auto u = static_cast<unsigned __int128>(v);
    StoreBigEndian64(out, (uint64_t(u >> 64) ^ (uint64_t(1) << 63)) ^ flip);
    StoreBigEndian64(out + 8, uint64_t(u) ^ flip);
  } else if constexpr (std::is_same_v<T, double>) {
    uint64_t bits;
    if (value != value) {
      bits = ~uint64_t(0);  // every NaN: after +Infinity (0xFFF0...)
    } else {
      bits = std::bit_cast<uint64_t>(value == 0.0 ? 0.0 : value);  // -0.0 ties with 0.0
      bits = (bits >> 63) ? ~bits : bits | (uint64_t(1) << 63);
    }
    StoreBigEndian64(out, bits ^ flip);
  } else {  // string_t: 12 prefix bytes zero-padded, then the length byte
    const uint32_t length = value.size();
    uint64_t words[2] = {0, 0};
    std::memcpy(words, value.data(), std::min<idx_t>(length, SortKeyEncoder::kStringPrefix));
    reinterpret_cast<uint8_t*>(words)[SortKeyEncoder::kStringPrefix] =
        uint8_t(std::min<idx_t>(length, SortKeyEncoder::kStringPrefix + 1));
    words[0] ^= flip;
    words[1] ^= flip;
    std::memcpy(out, words, SortKeyEncoder::kStringPrefix + 1);
  }
}

// NUMERIC: the value's order key (numeric::OrderKey), encoded like any INT128.
template <bool kDescending>
void EncodeNumeric(const UnifiedFormat& f, const SelectionVector& sel, idx_t count, uint8_t* out, idx_t row_width,
                   idx_t width, uint8_t valid_marker) {
  const hugeint_t* data = reinterpret_cast<const hugeint_t*>(f.data);
  const uint8_t null_marker = valid_marker ^ 1;
  for (idx_t i = 0; i < count; i++) {
    uint8_t* key = out + i * row_width;
    const idx_t idx = f.sel->get_index(sel.get_index(i));
    if (!f.validity->RowIsValid(idx)) {
      key[0] = null_marker;
      std::memset(key + 1, 0, width - 1);
      continue;
    }
    key[0] = valid_marker;
    EncodeValue<hugeint_t, kDescending>(numeric::OrderKey(data[idx]), key + 1);
  }
}

template <class T, bool kDescending>
void EncodeTyped(const UnifiedFormat& f, const SelectionVector& sel, idx_t count, uint8_t* out,
                 idx_t row_width, idx_t width, uint8_t valid_marker) {
  const T* data = reinterpret_cast<const T*>(f.data);
  const uint8_t null_marker = valid_marker ^ 1;
  const bool all_valid = f.validity->AllValid();
  for (idx_t i = 0; i < count; i++) {
    uint8_t* key = out + i * row_width;
    const idx_t idx = f.sel->get_index(sel.get_index(i));
    if (!all_valid && !f.validity->RowIsValid(idx)) {
      key[0] = null_marker;
      std::memset(key + 1, 0, width - 1);
      continue;
    }
    key[0] = valid_marker;
    EncodeValue<T, kDescending>(data[idx], key + 1);
  }
}

}  // namespace

SortKeyEncoder::SortKeyEncoder(std::vector<LogicalType> types, std::vector<SortKeySpec> specs)
    : types_(std::move(types)), specs_(std::move(specs)) {
  if (types_.size() != specs_.size())
    throw Exception(sqlstate::kInternalError, "sort key types and specs differ in number");
  for (idx_t k = 0; k < types_.size(); k++) {
    Column column;
    column.type = types_[k].physical_type();
    column.numeric = types_[k].id() == TypeId::NUMERIC;
    column.spec = specs_[k];
    column.offset = key_width_;
    column.width = 1;
    if (column.type != PhysicalType::INVALID) {
      column.width += DispatchPhysical(column.type, [](auto tag) { return ValueWidth<decltype(tag)>(); });
    }
    column.valid_marker = column.spec.nulls_first ? 1 : 0;
    if (column.type == PhysicalType::STRING) string_columns_.push_back(k);
    key_width_ += column.width;
    columns_.push_back(column);
  }
}

void SortKeyEncoder::EncodeColumn(idx_t k, const Vector& column, const SelectionVector& sel, idx_t count,
                                  uint8_t* out, idx_t row_width) const {
  const Column& c = columns_[k];
  out += c.offset;
  if (c.type == PhysicalType::INVALID || column.type().physical_type() == PhysicalType::INVALID) {
    // An untyped NULL column: every row is NULL.
    for (idx_t i = 0; i < count; i++) {
      out[i * row_width] = c.valid_marker ^ 1;
      std::memset(out + i * row_width + 1, 0, c.width - 1);
    }
    return;
  }
  UnifiedFormat f;
  column.ToUnified(kStandardVectorSize, f);
  if (c.numeric) {
    if (c.spec.ascending) {
      EncodeNumeric<false>(f, sel, count, out, row_width, c.width, c.valid_marker);
    } else {
      EncodeNumeric<true>(f, sel, count, out, row_width, c.width, c.valid_marker);
    }
    return;
  }
  DispatchPhysical(c.type, [&](auto tag) {
    using T = decltype(tag);
    if (c.spec.ascending) {
      EncodeTyped<T, false>(f, sel, count, out, row_width, c.width, c.valid_marker);
    } else {
      EncodeTyped<T, true>(f, sel, count, out, row_width, c.width, c.valid_marker);
    }
  });
}

}  // namespace cairn
