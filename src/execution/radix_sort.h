// RadixSortRecords: a stable MSD (most-significant-byte-first) radix sort of fixed-width
// records by their leading key bytes — the sort of normalized keys (sort_key_encoder.h).
//
// Each pass distributes a bucket by one byte (counting sort into the other of two buffers, so
// equal bytes keep their order; the buffers swap roles at each level, and a finished bucket is
// copied back only if it ended in the scratch buffer) and recurses into the sub-buckets; the
// bytes on which the whole bucket agrees are skipped after one comparison pass, and a large
// bucket whose next two bytes take few distinct values is distributed by both in one pass. Small buckets
// (kRadixInsertionThreshold records or fewer) are finished with an insertion sort on
// `compare`, and a bucket whose key bytes so far tie but whose order is not decided by bytes
// (long strings with equal prefixes) is finished with std::stable_sort on a per-record number
// from the caller (the strings' next bytes), then `compare`.
// Stability makes the records' initial order the last tie breaker, which is how ORDER BY keeps
// ties in insertion order.
//
// Thread-safety: sorts caller-owned memory; no shared state.
#pragma once

#include <algorithm>
#include <array>
#include <cstring>
#include <string_view>
#include <vector>

#include "cairn/types.h"

namespace cairn {

constexpr idx_t kRadixInsertionThreshold = 24;
/// Buckets of at least this many records histogram two key bytes at once.
constexpr idx_t kRadixWideDigitMinCount = idx_t(1) << 16;
/// ... and scatter by both bytes when at most this many two-byte digits occur.
constexpr idx_t kRadixWideDigitMaxBuckets = 4096;

/// What orders a bucket whose key bytes tie (see RadixSortRecords' `tie_key`): a number, then
/// a string (byte order; reversed when `descending`), then the full comparison.
struct RadixTie {
  uint64_t key = 0;
  const char* data = nullptr;
  uint32_t size = 0;
  bool descending = false;
};

namespace radix_sort_internal {

/// First byte in [from, to) where records a and b (of row_width bytes) differ; `to` if none.
/// Compares 8 bytes at a time, also past `to` while inside the records (a difference there
/// is clamped to `to`).
inline idx_t FirstDifference(const uint8_t* a, const uint8_t* b, idx_t from, idx_t to, idx_t row_width) {
  idx_t i = from;
  for (; i < to && i + 8 <= row_width; i += 8) {
    uint64_t x, y;
    std::memcpy(&x, a + i, 8);
    std::memcpy(&y, b + i, 8);
    if (x != y) return std::min(to, i + idx_t(__builtin_ctzll(x ^ y)) / 8);  // little-endian
  }
  for (; i < to; i++) {
    if (a[i] != b[i]) return i;
  }
  return to;
}

/// Copies one record of `words` 8-byte words (inline: records are small and many).
inline void CopyRecord(uint8_t* target, const uint8_t* source, idx_t words) {
  for (idx_t w = 0; w < words; w++) {
    uint64_t v;
    std::memcpy(&v, source + w * 8, 8);
    std::memcpy(target + w * 8, &v, 8);
  }
}

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

/// Sorts the bucket at `data` with std::stable_sort into `target`: by `tie_key(record)` first
/// (a RadixTie per record, computed once: the sort then moves small entries and compares
/// their numbers and strings without going back to the records), then by `compare`. `other`
/// (the same size, free) holds the result first when target == data.
template <class Compare, class TieKey>
void ComparisonSort(const uint8_t* data, uint8_t* other, uint8_t* target, idx_t count, idx_t row_width,
                    Compare& compare, TieKey&& tie_key) {
  struct Entry {
    RadixTie tie;
    const uint8_t* record;
  };
  std::vector<Entry> entries(count);
  for (idx_t i = 0; i < count; i++) entries[i] = Entry{tie_key(data + i * row_width), data + i * row_width};
  std::stable_sort(entries.begin(), entries.end(), [&](const Entry& a, const Entry& b) {
    if (a.tie.key != b.tie.key) return a.tie.key < b.tie.key;
    const std::string_view x(a.tie.data, a.tie.size), y(b.tie.data, b.tie.size);
    int c = x.compare(y);
    if (c != 0) return a.tie.descending ? c > 0 : c < 0;
    return compare(a.record, b.record) < 0;
  });
  uint8_t* out = target == data ? other : target;
  for (idx_t i = 0; i < count; i++) std::memcpy(out + i * row_width, entries[i].record, row_width);
  if (out != target) std::memcpy(target, out, count * row_width);
}

/// Sorts the bucket at `data` (count records, tying on bytes [0, depth)); `other` is a work
/// area of the same size; the result must end at `target` (== data or == other).
template <class Compare, class NeedsComparison, class TieKey>
void Sort(uint8_t* data, uint8_t* other, uint8_t* target, idx_t count, idx_t row_width, idx_t key_width,
          idx_t depth, const std::vector<idx_t>& boundaries, Compare& compare,
          NeedsComparison& needs_comparison, TieKey& tie_key, uint8_t* temp, idx_t wide_digit_min_count) {
  const idx_t words = row_width / 8;
  while (true) {
    if (count > 1 && needs_comparison(depth, data)) {
      return ComparisonSort(data, other, target, count, row_width, compare,
                            [&](const uint8_t* record) { return tie_key(depth, record); });
    }
    if (count <= 1 || depth >= key_width || count <= kRadixInsertionThreshold) {
      if (count > 1 && depth < key_width) InsertionSort(data, count, row_width, compare, temp);
      if (data != target) std::memcpy(target, data, count * row_width);
      return;
    }
    // Skip the bytes every record of the bucket shares (one pass, usually cut short at once),
    // but stop at the next boundary, where needs_comparison must look.
    idx_t limit = key_width;
    for (idx_t boundary : boundaries) {
      if (boundary > depth) {
        limit = std::min(limit, boundary);
        break;
      }
    }
    idx_t shared = limit;
    for (idx_t i = 1; i < count && shared > depth; i++)
      shared = FirstDifference(data, data + i * row_width, depth, shared, row_width);
    if (shared > depth) {
      depth = shared;
      continue;
    }
    std::array<idx_t, 256> counts{};
    const uint8_t* byte = data + depth;
    const bool wide_allowed = count >= wide_digit_min_count && depth + 2 <= key_width &&
                              std::find(boundaries.begin(), boundaries.end(), depth + 1) == boundaries.end();
    if (wide_allowed) {
      // A large bucket: histogram two bytes at once. If few of the 65536 digits occur (the high
      // bytes of small integers, a low-cardinality prefix), one scatter does two levels' work;
      // else the histogram folds into the one-byte one and costs no extra pass.
      std::vector<uint32_t> wide(65536, 0);
      for (idx_t i = 0; i < count; i++) {
        const uint8_t* digit = byte + i * row_width;
        wide[(idx_t(digit[0]) << 8) | digit[1]]++;
      }
      idx_t occurring = 0;
      for (uint32_t n : wide) occurring += n != 0;
      if (occurring <= kRadixWideDigitMaxBuckets) {
        std::vector<idx_t> offsets(65536);
        idx_t sum = 0;
        for (idx_t d = 0; d < 65536; d++) {
          offsets[d] = sum;
          sum += wide[d];
        }
        for (idx_t i = 0; i < count; i++) {
          const uint8_t* record = data + i * row_width;
          const idx_t d = (idx_t(record[depth]) << 8) | record[depth + 1];
          CopyRecord(other + offsets[d]++ * row_width, record, words);
        }
        idx_t start = 0;
        for (idx_t d = 0; d < 65536; d++) {
          if (wide[d] > 0) {
            Sort(other + start * row_width, data + start * row_width, target + start * row_width, wide[d],
                 row_width, key_width, depth + 2, boundaries, compare, needs_comparison, tie_key, temp,
                 wide_digit_min_count);
          }
          start += wide[d];
        }
        return;
      }
      for (idx_t d = 0; d < 65536; d++) counts[d >> 8] += wide[d];
    } else {
      for (idx_t i = 0; i < count; i++) counts[byte[i * row_width]]++;
    }
    std::array<idx_t, 256> offsets;
    idx_t sum = 0;
    for (idx_t b = 0; b < 256; b++) {
      offsets[b] = sum;
      sum += counts[b];
    }
    for (idx_t i = 0; i < count; i++) {
      const uint8_t* record = data + i * row_width;
      CopyRecord(other + offsets[record[depth]]++ * row_width, record, words);
    }
    // The buckets now lie in `other`; `data` is free to serve as their work area.
    idx_t start = 0;
    for (idx_t b = 0; b < 256; b++) {
      if (counts[b] > 0) {
        Sort(other + start * row_width, data + start * row_width, target + start * row_width, counts[b],
             row_width, key_width, depth + 1, boundaries, compare, needs_comparison, tie_key, temp,
             wide_digit_min_count);
      }
      start += counts[b];
    }
    return;
  }
}

}  // namespace radix_sort_internal

/// Sorts `count` records of `row_width` bytes (a multiple of 8) at `data` by bytes
/// [0, key_width) (stable). `scratch`: count * row_width bytes of work space. `compare(a, b)`:
/// three-way order of two records consistent with their key bytes (used for small buckets and
/// unresolved ties). `boundaries` (ascending): depths where `needs_comparison(depth, record)`
/// is asked, for a bucket whose records all equal `record` in bytes [0, depth); true makes the
/// bucket sorted by `tie_key(depth, record)` (a RadixTie whose order agrees with `compare` on
/// such a bucket, e.g. a long string's next 8 bytes and the string; a constant is allowed)
/// then `compare`, instead of further bytes. `wide_digit_min_count`: buckets this large try a
/// two-byte digit (a parameter for tests).
template <class Compare, class NeedsComparison, class TieKey>
void RadixSortRecords(uint8_t* data, uint8_t* scratch, idx_t count, idx_t row_width, idx_t key_width,
                      const std::vector<idx_t>& boundaries, Compare&& compare,
                      NeedsComparison&& needs_comparison, TieKey&& tie_key,
                      idx_t wide_digit_min_count = kRadixWideDigitMinCount) {
  std::vector<uint8_t> temp(row_width);
  radix_sort_internal::Sort(data, scratch, data, count, row_width, key_width, 0, boundaries, compare,
                            needs_comparison, tie_key, temp.data(), wide_digit_min_count);
}

}  // namespace cairn
