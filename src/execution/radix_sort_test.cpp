// Tests for RadixSortRecords on its own: random records with few and many distinct bytes (so
// both the one-byte and the two-byte digit paths run, the latter with a lowered threshold),
// long runs of shared bytes, a boundary where a comparison sort must take over, and stability —
// each against std::stable_sort with memcmp on the key bytes.
#include "execution/radix_sort.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <random>
#include <vector>

namespace cairn {
namespace {

constexpr idx_t kRowWidth = 24;  // 12 key bytes, a 4-byte insertion index, padding
constexpr idx_t kKeyWidth = 12;

// Records whose key bytes are drawn from `alphabet` values per byte (1: constant), with an
// insertion index after the key.
std::vector<uint8_t> MakeRecords(idx_t count, const std::vector<int>& alphabet, std::mt19937_64& rng) {
  std::vector<uint8_t> records(count * kRowWidth, 0);
  for (idx_t i = 0; i < count; i++) {
    uint8_t* record = records.data() + i * kRowWidth;
    for (idx_t b = 0; b < kKeyWidth; b++) record[b] = uint8_t(0x40 + rng() % alphabet[b]);
    const uint32_t index = uint32_t(i);
    std::memcpy(record + kKeyWidth, &index, 4);
  }
  return records;
}

std::vector<uint32_t> Indexes(const std::vector<uint8_t>& records) {
  std::vector<uint32_t> indexes(records.size() / kRowWidth);
  for (idx_t i = 0; i < indexes.size(); i++)
    std::memcpy(&indexes[i], records.data() + i * kRowWidth + kKeyWidth, 4);
  return indexes;
}

// The expected order: stable sort of the insertion indexes by key bytes.
std::vector<uint32_t> Expected(const std::vector<uint8_t>& records) {
  std::vector<uint32_t> order(records.size() / kRowWidth);
  for (idx_t i = 0; i < order.size(); i++) order[i] = uint32_t(i);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return std::memcmp(records.data() + a * kRowWidth, records.data() + b * kRowWidth, kKeyWidth) < 0;
  });
  return order;
}

void SortAndCheck(std::vector<uint8_t> records, idx_t wide_min, const std::vector<idx_t>& boundaries = {},
                  bool expect_comparison_sort = false) {
  const auto expected = Expected(records);
  std::vector<uint8_t> scratch(records.size());
  auto compare = [](const uint8_t* a, const uint8_t* b) { return std::memcmp(a, b, kKeyWidth); };
  idx_t comparison_sorts = 0;
  auto needs_comparison = [&](idx_t depth, const uint8_t*) {
    bool at_boundary = std::find(boundaries.begin(), boundaries.end(), depth) != boundaries.end();
    comparison_sorts += at_boundary;
    return at_boundary;
  };
  RadixSortRecords(
      records.data(), scratch.data(), records.size() / kRowWidth, kRowWidth, kKeyWidth, boundaries, compare,
      needs_comparison, [](idx_t, const uint8_t* record) { return RadixTie{uint64_t(record[0] & 1)}; },
      wide_min);
  EXPECT_EQ(Indexes(records), expected);
  if (expect_comparison_sort) EXPECT_GT(comparison_sorts, 0u);
}

TEST(RadixSortTest, OneAndTwoByteDigitsAgreeWithStableSort) {
  std::mt19937_64 rng(3);
  const std::vector<std::vector<int>> alphabets = {
      {2, 1, 3, 1, 1, 1, 5, 250, 1, 1, 2, 2},        // few values per byte: wide digits apply
      {250, 250, 250, 250, 3, 1, 1, 1, 1, 1, 1, 2},  // many values: the wide histogram folds
      {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},          // all keys equal: order = insertion order
      {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 7},          // only the last byte differs
  };
  for (const auto& alphabet : alphabets) {
    for (idx_t wide_min : {idx_t(2), idx_t(100), kRadixWideDigitMinCount}) {
      SortAndCheck(MakeRecords(20000, alphabet, rng), wide_min);
    }
  }
  SortAndCheck(MakeRecords(1, alphabets[0], rng), 2);
  SortAndCheck(MakeRecords(0, alphabets[0], rng), 2);
}

TEST(RadixSortTest, BoundariesHandOverToTheComparator) {
  std::mt19937_64 rng(5);
  // A boundary after byte 4: the two-byte digit must not jump over it.
  for (idx_t wide_min : {idx_t(2), kRadixWideDigitMinCount}) {
    SortAndCheck(MakeRecords(5000, {1, 1, 1, 2, 1, 3, 3, 3, 3, 3, 3, 3}, rng), wide_min, {4}, true);
    // At the end of the key: buckets that still tie there (all keys equal) are handed over.
    SortAndCheck(MakeRecords(5000, {2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2}, rng), wide_min, {kKeyWidth});
    SortAndCheck(MakeRecords(5000, {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, rng), wide_min, {kKeyWidth}, true);
  }
}

}  // namespace
}  // namespace cairn
