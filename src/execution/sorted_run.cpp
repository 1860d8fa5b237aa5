#include "execution/sorted_run.h"

#include <algorithm>
#include <cstring>

#include "cairn/exception.h"
#include "execution/radix_sort.h"
#include "function/aggregate/physical_type_dispatch.h"

namespace cairn {

namespace {

constexpr idx_t kRowIdWidth = 4;
constexpr uint64_t kMaxRunRows = 0xFFFFFFFFull;

std::vector<LogicalType> StringKeyTypes(const SortKeyEncoder& encoder) {
  std::vector<LogicalType> types;
  for (idx_t k : encoder.string_columns()) types.push_back(encoder.types()[k]);
  return types;
}

}  // namespace

SortedRun::SortedRun(std::shared_ptr<const SortKeyEncoder> encoder, std::vector<LogicalType> payload_types,
                     const char* memory_owner)
    : encoder_(std::move(encoder)), row_width_(encoder_->key_width() + kRowIdWidth),
      rows_(std::move(payload_types), memory_owner), string_keys_(StringKeyTypes(*encoder_), memory_owner),
      memory_(memory_owner) {}

void SortedRun::Append(const DataChunk& payload, const DataChunk& keys, const SelectionVector& sel, idx_t count) {
  if (count == 0) return;
  const idx_t start = Count();
  if (start + count > kMaxRunRows) {
    throw Exception("54000", "too many rows to sort in one thread's run (more than 4294967295)");
  }
  const idx_t needed = (start + count) * row_width_;
  if (needed > records_.capacity()) {
    const idx_t capacity = std::max<idx_t>(needed, records_.capacity() + records_.capacity() / 2);
    memory_.Resize(capacity);  // before allocating
    records_.reserve(capacity);
  }
  records_.resize(needed);
  uint8_t* out = records_.data() + start * row_width_;
  for (idx_t k = 0; k < encoder_->ColumnCount(); k++) encoder_->EncodeColumn(k, keys.data[k], sel, count, out, row_width_);
  for (idx_t i = 0; i < count; i++) {
    const uint32_t id = __builtin_bswap32(uint32_t(start + i));
    std::memcpy(out + i * row_width_ + encoder_->key_width(), &id, kRowIdWidth);
  }
  rows_.Append(payload, sel, count);
  if (!encoder_->string_columns().empty()) {
    DataChunk strings;
    for (idx_t k : encoder_->string_columns()) strings.data.push_back(keys.data[k]);
    strings.SetCardinality(keys.size());
    string_keys_.Append(strings, sel, count);
  }
  sorted_ = false;
}

string_t SortedRun::StringKey(uint64_t row, idx_t string_column) const {
  const DataChunk& chunk = string_keys_.GetChunk(row / kStandardVectorSize);
  return chunk.data[string_column].data<string_t>()[row % kStandardVectorSize];
}

int SortedRun::Compare(idx_t a, const SortedRun& other, idx_t b) const {
  return encoder_->Compare(KeyAt(a), other.KeyAt(b), [&](idx_t k) {
    const auto& strings = encoder_->string_columns();
    const idx_t slot = std::find(strings.begin(), strings.end(), k) - strings.begin();
    return CompareValues(StringKey(RowAt(a), slot), other.StringKey(other.RowAt(b), slot));
  });
}

void SortedRun::Sort() {
  if (sorted_) return;
  const idx_t n = Count();
  const idx_t key_width = encoder_->key_width();
  // Charged before allocating: the records and the radix sort's scratch copy of them.
  memory_.Resize(records_.capacity() + n * row_width_);
  std::unique_ptr<uint8_t[]> scratch(new uint8_t[std::max<idx_t>(n * row_width_, 1)]);

  // Ends of string key segments: where a tying bucket may need its full strings compared.
  std::vector<std::pair<idx_t, idx_t>> string_ends;
  for (idx_t slot = 0; slot < encoder_->string_columns().size(); slot++) {
    idx_t k = encoder_->string_columns()[slot];
    string_ends.push_back({encoder_->column_offset(k) + encoder_->column_width(k), k});
  }
  auto compare = [&](const uint8_t* a, const uint8_t* b) {
    return encoder_->Compare(a, b, [&](idx_t k) {
      const auto& strings = encoder_->string_columns();
      const idx_t slot = std::find(strings.begin(), strings.end(), k) - strings.begin();
      uint32_t ra, rb;
      std::memcpy(&ra, a + key_width, kRowIdWidth);
      std::memcpy(&rb, b + key_width, kRowIdWidth);
      return CompareValues(StringKey(__builtin_bswap32(ra), slot), StringKey(__builtin_bswap32(rb), slot));
    });
  };
  auto needs_comparison = [&](idx_t depth, const uint8_t* record) {
    for (auto& [end, k] : string_ends) {
      if (end == depth) return encoder_->StringUnresolved(record, k);
    }
    return false;
  };
  RadixSortRecords(records_.data(), scratch.get(), n, row_width_, key_width, compare, needs_comparison);
  scratch.reset();
  memory_.Resize(records_.capacity());
  sorted_ = true;
}

void SortedRun::Truncate(idx_t n) {
  if (n >= Count()) return;
  // Copy the first n rows in sorted order; they become rows 0..n-1.
  RowCollection rows(rows_.types(), memory_.owner());
  RowCollection string_keys(string_keys_.types(), memory_.owner());
  std::vector<uint64_t> ids(kStandardVectorSize);
  DataChunk chunk, strings;
  chunk.data.resize(rows_.types().size());
  strings.data.resize(string_keys_.types().size());
  for (idx_t start = 0; start < n; start += kStandardVectorSize) {
    const idx_t count = std::min<idx_t>(kStandardVectorSize, n - start);
    for (idx_t i = 0; i < count; i++) ids[i] = RowAt(start + i);
    rows_.Gather(ids.data(), count, 0, rows_.types().size(), chunk, 0);
    chunk.SetCardinality(count);
    rows.Append(chunk);
    if (!strings.data.empty()) {
      string_keys_.Gather(ids.data(), count, 0, string_keys_.types().size(), strings, 0);
      strings.SetCardinality(count);
      string_keys.Append(strings);
    }
  }
  rows_ = std::move(rows);
  string_keys_ = std::move(string_keys);
  records_.resize(n * row_width_);
  for (idx_t i = 0; i < n; i++) {
    const uint32_t id = __builtin_bswap32(uint32_t(i));
    std::memcpy(records_.data() + i * row_width_ + encoder_->key_width(), &id, kRowIdWidth);
  }
  sorted_ = true;
}

idx_t SortedRun::SelectNotAfter(const Vector& key, idx_t count, idx_t boundary_position, SelectionVector& sel) const {
  const idx_t width = encoder_->column_width(0);
  std::vector<uint8_t> encoded(count * width);
  encoder_->EncodeColumn(0, key, SelectionVector::Incremental(), count, encoded.data(), width);
  const uint8_t* boundary = KeyAt(boundary_position);  // column 0 is at offset 0
  idx_t n = 0;
  for (idx_t i = 0; i < count; i++) {
    if (std::memcmp(encoded.data() + i * width, boundary, width) <= 0) sel.set_index(n++, i);
  }
  return n;
}

void SortedRun::ReleaseKeys() {
  std::vector<uint8_t>().swap(records_);
  string_keys_ = RowCollection(string_keys_.types(), memory_.owner());
  memory_.Clear();
}

}  // namespace cairn
