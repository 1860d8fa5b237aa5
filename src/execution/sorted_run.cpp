#include "execution/sorted_run.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>

#include "cairn/exception.h"
#include "execution/radix_sort.h"
#include "function/aggregate/physical_type_dispatch.h"

namespace cairn {

namespace {

constexpr uint64_t kMaxRunRows = 0xFFFFFFFFull;

idx_t PayloadWidth(const LogicalType& type) {
  return type.physical_type() == PhysicalType::INVALID ? 0 : type.PhysicalSize();
}

/// Writes rows sel[0..count) of `column` into the records' payload slot at `offset`, and its
/// validity bit `column_index` (records start zeroed in their validity bytes).
template <class T>
void WritePayload(const Vector& column, const SelectionVector& sel, idx_t count, uint8_t* records,
                  idx_t row_width, idx_t offset, idx_t validity_offset, idx_t column_index,
                  StringHeap& heap) {
  UnifiedFormat f;
  column.ToUnified(kStandardVectorSize, f);
  const T* data = reinterpret_cast<const T*>(f.data);
  const bool all_valid = f.validity->AllValid();
  uint8_t* validity = records + validity_offset + column_index / 8;
  const uint8_t bit = uint8_t(1) << (column_index % 8);
  for (idx_t i = 0; i < count; i++) {
    uint8_t* record = records + i * row_width;
    const idx_t idx = f.sel->get_index(sel.get_index(i));
    if (!all_valid && !f.validity->RowIsValid(idx)) {
      std::memset(record + offset, 0, sizeof(T));
      continue;
    }
    validity[i * row_width] |= bit;
    if constexpr (std::is_same_v<T, string_t>) {
      const string_t s = data[idx].IsInlined() ? data[idx] : heap.AddString(data[idx].view());
      std::memcpy(static_cast<void*>(record + offset), &s, sizeof(T));
    } else {
      std::memcpy(record + offset, &data[idx], sizeof(T));
    }
  }
}

}  // namespace

SortedRun::SortedRun(std::shared_ptr<const SortKeyEncoder> encoder, std::vector<LogicalType> payload_types,
                     const char* memory_owner, std::vector<idx_t> payload_keys)
    : encoder_(std::move(encoder)),
      payload_types_(std::move(payload_types)),
      payload_keys_(std::move(payload_keys)),
      heap_(std::make_shared<StringHeap>()),
      memory_(memory_owner) {
  payload_keys_.resize(payload_types_.size(), kNotAKey);
  for (idx_t c = 0; c < payload_types_.size(); c++) {
    const idx_t k = payload_keys_[c];
    if (k == kNotAKey) continue;
    if (k >= encoder_->ColumnCount() || !encoder_->Decodable(k) ||
        encoder_->types()[k] != payload_types_[c]) {
      throw Exception(sqlstate::kInternalError,
                      "sort payload column mapped to a key it cannot be decoded from");
    }
  }
  idx_t offset = encoder_->key_width();
  string_key_offset_ = offset;
  string_slot_.assign(encoder_->ColumnCount(), 0);
  for (idx_t slot = 0; slot < encoder_->string_columns().size(); slot++) {
    string_slot_[encoder_->string_columns()[slot]] = slot;
    offset += kStringKeySlot;
  }
  for (idx_t c = 0; c < payload_types_.size(); c++) {
    payload_offsets_.push_back(offset);
    if (payload_keys_[c] == kNotAKey) offset += PayloadWidth(payload_types_[c]);
  }
  validity_offset_ = offset;
  offset += (payload_types_.size() + 7) / 8;
  row_width_ = std::max<idx_t>(8, (offset + 7) / 8 * 8);
}

void SortedRun::ChargeMemory(uint64_t extra) {
  memory_.Resize(capacity_ * row_width_ + heap_->allocated_bytes() + extra);
}

void SortedRun::Reserve(idx_t rows) {
  if (rows <= capacity_) return;
  const idx_t capacity = std::max<idx_t>({rows, capacity_ + capacity_ / 2, kStandardVectorSize});
  memory_.Resize((capacity)*row_width_ + heap_->allocated_bytes());  // before allocating
  records_.Reserve(capacity * row_width_);
  capacity_ = capacity;
}

void SortedRun::Append(const DataChunk& payload, const DataChunk& keys, const SelectionVector& sel,
                       idx_t count) {
  if (count == 0) return;
  const idx_t start = count_;
  if (start + count > kMaxRunRows) {
    throw Exception(
        "54000",
        "too many rows to sort in one thread's run (more than 4294967295)");  // program_limit_exceeded
  }
  Reserve(start + count);
  records_.Populate((start + count) * row_width_);
  uint8_t* out = records_.data() + start * row_width_;
  // Validity and padding bytes start zero (validity bits are or-ed in; zero padding keeps
  // records deterministic): clear the words holding them, before anything else is written.
  const idx_t first_word = validity_offset_ / 8, words = row_width_ / 8;
  for (idx_t i = 0; i < count; i++) {
    uint64_t* record = reinterpret_cast<uint64_t*>(out + i * row_width_);  // 8-byte aligned
    for (idx_t w = first_word; w < words; w++) record[w] = 0;
  }
  for (idx_t k = 0; k < encoder_->ColumnCount(); k++)
    encoder_->EncodeColumn(k, keys.data[k], sel, count, out, row_width_);
  for (idx_t slot = 0; slot < encoder_->string_columns().size(); slot++) {
    const Vector& column = keys.data[encoder_->string_columns()[slot]];
    const idx_t offset = string_key_offset_ + slot * kStringKeySlot;
    UnifiedFormat f;
    column.ToUnified(kStandardVectorSize, f);
    const string_t* data = reinterpret_cast<const string_t*>(f.data);
    for (idx_t i = 0; i < count; i++) {
      const idx_t idx = f.sel->get_index(sel.get_index(i));
      // Only a long non-NULL string is ever read back (StringUnresolved); others stay null.
      char* block = nullptr;
      if (f.validity->RowIsValid(idx) && data[idx].size() > SortKeyEncoder::kStringPrefix) {
        const uint32_t length = data[idx].size();
        block = heap_->Allocate(4 + length);
        std::memcpy(block, &length, 4);
        std::memcpy(block + 4, data[idx].data(), length);
      }
      std::memcpy(out + i * row_width_ + offset, static_cast<void*>(&block), kStringKeySlot);
    }
  }
  for (idx_t c = 0; c < payload_types_.size(); c++) {
    const PhysicalType physical = payload_types_[c].physical_type();
    if (payload_keys_[c] != kNotAKey) continue;  // read back from its key
    if (physical == PhysicalType::INVALID || payload.data[c].type().physical_type() == PhysicalType::INVALID)
      continue;
    DispatchPhysical(physical, [&](auto tag) {
      WritePayload<decltype(tag)>(payload.data[c], sel, count, out, row_width_, payload_offsets_[c],
                                  validity_offset_, c, *heap_);
    });
  }
  count_ += count;
  sorted_ = false;
  if (heap_->allocated_bytes() > 0) ChargeMemory();
}

int SortedRun::CompareRecords(const uint8_t* a, const uint8_t* b) const {
  return encoder_->Compare(a, b, [&](idx_t k) {
    const idx_t slot = string_slot_[k];
    return CompareValues(StringKey(a, slot), StringKey(b, slot));
  });
}

int SortedRun::Compare(idx_t a, const SortedRun& other, idx_t b) const {
  const uint8_t* x = KeyAt(a);
  const uint8_t* y = other.KeyAt(b);
  return encoder_->Compare(x, y, [&](idx_t k) {
    const idx_t slot = string_slot_[k];
    return CompareValues(StringKey(x, slot), other.StringKey(y, slot));
  });
}

void SortedRun::Sort() {
  if (sorted_) return;
  const idx_t n = count_;
  // Charged before allocating: the radix sort's scratch copy of the records, and with string
  // keys the entry array and std::stable_sort buffer of a bucket of tying long strings.
  const idx_t comparison_bytes = encoder_->string_columns().empty() ? 0 : 4 * sizeof(uint64_t);
  ChargeMemory(n * (row_width_ + comparison_bytes));
  SortBuffer scratch;
  scratch.Reserve(std::max<idx_t>(n * row_width_, 8));
  scratch.Populate(scratch.capacity());

  // Ends of string key segments: where a tying bucket may need its full strings compared.
  std::vector<std::pair<idx_t, idx_t>> string_ends;
  std::vector<idx_t> boundaries;
  for (idx_t k : encoder_->string_columns()) {
    string_ends.push_back({encoder_->column_offset(k) + encoder_->column_width(k), k});
    boundaries.push_back(string_ends.back().first);
  }
  auto compare = [&](const uint8_t* a, const uint8_t* b) { return CompareRecords(a, b); };
  auto needs_comparison = [&](idx_t depth, const uint8_t* record) {
    for (auto& [end, k] : string_ends) {
      if (end == depth) return encoder_->StringUnresolved(record, k);
    }
    return false;
  };
  // A bucket tying on a long string's prefix is ordered by the string's next 8 bytes first
  // (big-endian, zero-padded: a shorter string that is a prefix of a longer one sorts first or
  // ties, and ties go to the string), then the whole string, then the rest of the key.
  auto tie_key = [&](idx_t depth, const uint8_t* record) {
    RadixTie tie;
    for (auto& [end, k] : string_ends) {
      if (end != depth) continue;
      const string_t s = StringKey(record, string_slot_[k]);
      uint64_t next = 0;
      const idx_t available = s.size() - std::min<idx_t>(s.size(), SortKeyEncoder::kStringPrefix);
      std::memcpy(&next, s.data() + SortKeyEncoder::kStringPrefix, std::min<idx_t>(8, available));
      next = __builtin_bswap64(next);
      const bool descending = !encoder_->specs()[k].ascending;
      tie.key = descending ? ~next : next;
      tie.data = s.data();
      tie.size = s.size();
      tie.descending = descending;
      break;
    }
    return tie;
  };
  RadixSortRecords(records_.data(), scratch.data(), n, row_width_, encoder_->key_width(), boundaries, compare,
                   needs_comparison, tie_key);
  scratch.Release();
  ChargeMemory();
  sorted_ = true;
}

void SortedRun::Truncate(idx_t n) {
  if (n >= count_) return;
  count_ = n;
  // Drop the strings of the rows cut off: copy the kept ones into a fresh heap (top-N truncates
  // repeatedly; the heap must not keep every string ever appended).
  if (heap_->allocated_bytes() > 0) {
    auto heap = std::make_shared<StringHeap>();
    auto rehome = [&](uint8_t* slot) {
      string_t s;
      std::memcpy(static_cast<void*>(&s), slot, sizeof(string_t));
      if (s.IsInlined()) return;
      s = heap->AddString(s.view());
      std::memcpy(static_cast<void*>(slot), &s, sizeof(string_t));
    };
    for (idx_t i = 0; i < n; i++) {
      uint8_t* record = records_.data() + i * row_width_;
      for (idx_t slot = 0; slot < encoder_->string_columns().size(); slot++) {
        uint8_t* at = record + string_key_offset_ + slot * kStringKeySlot;
        const char* block;
        std::memcpy(static_cast<void*>(&block), at, kStringKeySlot);
        if (block == nullptr) continue;
        uint32_t length;
        std::memcpy(&length, block, 4);
        char* copy = heap->Allocate(4 + length);
        std::memcpy(copy, block, 4 + length);
        std::memcpy(at, static_cast<void*>(&copy), kStringKeySlot);
      }
      for (idx_t c = 0; c < payload_types_.size(); c++) {
        if (payload_types_[c].physical_type() != PhysicalType::STRING || payload_keys_[c] != kNotAKey)
          continue;
        if (!((record[validity_offset_ + c / 8] >> (c % 8)) & 1)) continue;
        rehome(record + payload_offsets_[c]);
      }
    }
    heap_ = std::move(heap);
  }
  ChargeMemory();
}

idx_t SortedRun::SelectNotAfter(const Vector& key, idx_t count, idx_t boundary_position,
                                SelectionVector& sel) const {
  const idx_t width = encoder_->column_width(0);
  select_buffer_.resize(count * width + 16);  // + 16: the wide loads below stay inside
  uint8_t* encoded = select_buffer_.data();
  encoder_->EncodeColumn(0, key, SelectionVector::Incremental(), count, encoded, width);
  const uint8_t* boundary = KeyAt(boundary_position);  // column 0 is at offset 0
  idx_t n = 0;
  if (width <= 16) {
    // The first key fits 16 bytes: compare as big-endian integers (bytes past `width`
    // shifted out) instead of byte by byte.
    auto load = [width](const uint8_t* p) {
      uint64_t high, low;
      std::memcpy(&high, p, 8);
      std::memcpy(&low, p + 8, 8);
      const unsigned __int128 v =
          (static_cast<unsigned __int128>(__builtin_bswap64(high)) << 64) | __builtin_bswap64(low);
      return v >> ((16 - width) * 8);
    };
    uint8_t padded[16] = {};
    std::memcpy(padded, boundary, width);
    const unsigned __int128 limit = load(padded);
    for (idx_t i = 0; i < count; i++) {
      if (load(encoded + i * width) <= limit) sel.set_index(n++, i);
    }
    return n;
  }
  for (idx_t i = 0; i < count; i++) {
    if (CompareKeyBytes(encoded + i * width, boundary, width) <= 0) sel.set_index(n++, i);
  }
  return n;
}

void GatherPayload(const std::vector<const SortedRun*>& runs, const RunRow* rows, idx_t count,
                   DataChunk& out) {
  const SortedRun& first = *runs[rows[0].run];
  const auto& types = first.payload_types_;
  const idx_t row_width = first.row_width_;
  const idx_t validity_offset = first.validity_offset_;
  out.data.resize(types.size());
  // Record addresses once for all columns.
  const uint8_t* records[kStandardVectorSize];
  for (idx_t i = 0; i < count; i++)
    records[i] = runs[rows[i].run]->records_.data() + rows[i].position * row_width;
  for (idx_t c = 0; c < types.size(); c++) {
    Vector& target = out.data[c];
    target.Initialize(types[c], kStandardVectorSize);
    const PhysicalType physical = types[c].physical_type();
    if (physical == PhysicalType::INVALID) {
      for (idx_t i = 0; i < count; i++) target.validity().SetInvalid(i);
      continue;
    }
    if (first.payload_keys_[c] != SortedRun::kNotAKey) {
      // Read back from the key (REQUIRES in the constructor: decodable).
      const idx_t k = first.payload_keys_[c];
      const SortKeyEncoder& encoder = *first.encoder_;
      const idx_t string_slot = physical == PhysicalType::STRING ? first.string_slot_[k] : 0;
      DispatchPhysical(physical, [&](auto tag) {
        using T = decltype(tag);
        if constexpr (std::is_same_v<T, double> || std::is_same_v<T, interval_t>) {
          throw Exception(sqlstate::kInternalError, "sort key column not decodable");
        } else {
          T* data = target.data<T>();
          for (idx_t i = 0; i < count; i++) {
            if (encoder.IsNull(records[i], k)) {
              target.validity().SetInvalid(i);
            } else if constexpr (std::is_same_v<T, string_t>) {
              if (encoder.StringUnresolved(records[i], k)) {
                data[i] = runs[rows[i].run]->StringKey(records[i], string_slot);
              } else {
                data[i] = encoder.DecodeValue<string_t>(records[i], k);
              }
            } else {
              data[i] = encoder.DecodeValue<T>(records[i], k);
            }
          }
          if constexpr (std::is_same_v<T, string_t>) {
            for (const SortedRun* run : runs) {
              if (run->heap_->allocated_bytes() > 0) target.heap().KeepAlive(run->heap_);
            }
          }
        }
      });
      continue;
    }
    const idx_t offset = first.payload_offsets_[c];
    const idx_t validity_byte = validity_offset + c / 8;
    const uint8_t bit = uint8_t(1) << (c % 8);
    DispatchPhysical(physical, [&](auto tag) {
      using T = decltype(tag);
      T* data = target.data<T>();
      for (idx_t i = 0; i < count; i++) {
        if (!(records[i][validity_byte] & bit)) {
          target.validity().SetInvalid(i);
          continue;
        }
        std::memcpy(static_cast<void*>(&data[i]), records[i] + offset, sizeof(T));
      }
      if constexpr (std::is_same_v<T, string_t>) {
        for (const auto& run : runs) {
          if (run->heap_->allocated_bytes() > 0) target.heap().KeepAlive(run->heap_);
        }
      }
    });
  }
  out.SetCardinality(count);
}

}  // namespace cairn
