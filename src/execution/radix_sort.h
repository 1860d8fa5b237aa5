// RadixSortRecords: a stable MSD (most-significant-byte-first) radix sort of fixed-width
// records by their leading key bytes — the sort of normalized keys (sort_key_encoder.h).
//
// Each pass distributes a bucket by one byte (counting sort through a scratch buffer, so equal
// bytes keep their order) and recurses into the sub-buckets; a byte on which the whole bucket
// agrees costs one read and no move. Small buckets (kRadixInsertionThreshold records or fewer)
// are finished with an insertion sort on `compare`, and a bucket whose key bytes so far tie
// but whose order is not decided by bytes (two long strings with equal prefixes) is finished
// with std::stable_sort on `compare`. Stability makes the records' initial order the last tie
// breaker, which is how ORDER BY keeps ties in insertion order.
//
// Thread-safety: sorts caller-owned memory; no shared state.
#pragma once

#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

#include "cairn/types.h"

namespace cairn {

constexpr idx_t kRadixInsertionThreshold = 24;

namespace radix_sort_internal {

template <class Compare>
void InsertionSort(uint8_t* data, idx_t count, idx_t row_width, Compare& compare, uint8_t* temp) {
  for (idx_t i = 1; i < count; i++) {
    uint8_t* current = data + i * row_width;
    if (compare(current - row_width, current) <= 0) continue;
    std::memcpy(temp, current, row_width);
    idx_t j = i;
    while (j > 0 && compare(data + (j - 1) * row_width, temp) > 0) j--;
    std::memmove(data + (j + 1) * row_width, data + j * row_width, (i - j) * row_width);
    std::memcpy(data + j * row_width, temp, row_width);
  }
}

template <class Compare>
void ComparisonSort(uint8_t* data, uint8_t* scratch, idx_t count, idx_t row_width, Compare& compare) {
  std::vector<const uint8_t*> pointers(count);
  for (idx_t i = 0; i < count; i++) pointers[i] = data + i * row_width;
  std::stable_sort(pointers.begin(), pointers.end(),
                   [&](const uint8_t* a, const uint8_t* b) { return compare(a, b) < 0; });
  for (idx_t i = 0; i < count; i++) std::memcpy(scratch + i * row_width, pointers[i], row_width);
  std::memcpy(data, scratch, count * row_width);
}

template <class Compare, class NeedsComparison>
void Sort(uint8_t* data, uint8_t* scratch, idx_t count, idx_t row_width, idx_t key_width, idx_t depth, Compare& compare,
          NeedsComparison& needs_comparison, uint8_t* temp) {
  while (true) {
    if (count <= 1) return;
    if (needs_comparison(depth, data)) return ComparisonSort(data, scratch, count, row_width, compare);
    if (depth >= key_width) return;
    if (count <= kRadixInsertionThreshold) return InsertionSort(data, count, row_width, compare, temp);
    std::array<idx_t, 256> counts{};
    const uint8_t* byte = data + depth;
    for (idx_t i = 0; i < count; i++) counts[byte[i * row_width]]++;
    if (counts[data[depth]] == count) {  // every record has this byte: next one
      depth++;
      continue;
    }
    std::array<idx_t, 256> offsets;
    idx_t sum = 0;
    for (idx_t b = 0; b < 256; b++) {
      offsets[b] = sum;
      sum += counts[b];
    }
    for (idx_t i = 0; i < count; i++) {
      const uint8_t* record = data + i * row_width;
      std::memcpy(scratch + offsets[record[depth]]++ * row_width, record, row_width);
    }
    std::memcpy(data, scratch, count * row_width);
    idx_t start = 0;
    for (idx_t b = 0; b < 256; b++) {
      if (counts[b] > 1) {
        Sort(data + start * row_width, scratch + start * row_width, counts[b], row_width, key_width, depth + 1, compare,
             needs_comparison, temp);
      }
      start += counts[b];
    }
    return;
  }
}

}  // namespace radix_sort_internal

/// Sorts `count` records of `row_width` bytes at `data` by bytes [0, key_width) (stable).
/// `scratch`: count * row_width bytes of work space. `compare(a, b)`: three-way order of two
/// records consistent with their key bytes (used for small buckets and unresolved ties).
/// `needs_comparison(depth, record)`: called for a bucket whose records all equal `record` in
/// bytes [0, depth); true makes the bucket sorted by `compare` instead of further bytes.
template <class Compare, class NeedsComparison>
void RadixSortRecords(uint8_t* data, uint8_t* scratch, idx_t count, idx_t row_width, idx_t key_width, Compare&& compare,
                      NeedsComparison&& needs_comparison) {
  std::vector<uint8_t> temp(row_width);
  radix_sort_internal::Sort(data, scratch, count, row_width, key_width, 0, compare, needs_comparison, temp.data());
}

}  // namespace cairn
