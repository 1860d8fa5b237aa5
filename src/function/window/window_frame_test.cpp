// Frame computation (window_frame.h) against a brute-force reading of PostgreSQL's definitions:
// for random partitions with random peer groups, every unit (ROWS, GROUPS, RANGE over integer
// keys) × start × end boundary × offsets (including offsets beyond the partition) × exclusion,
// the rows of each frame must be exactly the rows the definition admits.
#include "function/window/window_frame.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

#include "function/window/window_evaluator.h"

namespace cairn {
namespace {

struct Partition {
  std::vector<int64_t> keys;  // ascending ORDER BY values (peers = equal keys)
  WindowRows rows;
  std::vector<uint8_t> encoded;  // keys big-endian (memcmp order = numeric order for keys >= 0)
};

Partition MakePartition(std::mt19937& random, idx_t count) {
  Partition p;
  int64_t key = 0;
  for (idx_t i = 0; i < count; i++) {
    key += static_cast<int64_t>(random() % 3);  // runs of peers and gaps
    p.keys.push_back(key);
  }
  p.rows = WindowRows::Build(count, [](idx_t) { return false; }, [&](idx_t i) { return p.keys[i] != p.keys[i - 1]; });
  for (int64_t k : p.keys) {
    for (int shift = 56; shift >= 0; shift -= 8) p.encoded.push_back(static_cast<uint8_t>(uint64_t(k) >> shift));
  }
  return p;
}

std::vector<uint8_t> Encode(int64_t value) {
  std::vector<uint8_t> bytes;
  uint64_t v = value < 0 ? 0 : static_cast<uint64_t>(value);  // keys are >= 0: a negative bound is below all
  for (int shift = 56; shift >= 0; shift -= 8) bytes.push_back(static_cast<uint8_t>(v >> shift));
  return bytes;
}

/// The definition: is row j in the frame of row i (before exclusion)?
bool InFrame(const WindowFrameShape& s, const Partition& p, int64_t i, int64_t j) {
  const auto& group = p.rows.group_ordinal;
  auto position = [&](int64_t row) -> int64_t {
    switch (s.unit) {
      case WindowFrameUnit::ROWS: return row;
      case WindowFrameUnit::GROUPS: return static_cast<int64_t>(group[row]);
      case WindowFrameUnit::RANGE: return p.keys[row];
    }
    return 0;
  };
  const int64_t here = position(i), there = position(j);
  bool after_start = true, before_end = true;
  switch (s.start) {
    case WindowBoundary::UNBOUNDED_PRECEDING: break;
    case WindowBoundary::OFFSET_PRECEDING: after_start = there >= here - static_cast<int64_t>(s.start_offset); break;
    case WindowBoundary::CURRENT_ROW: after_start = there >= here; break;
    case WindowBoundary::OFFSET_FOLLOWING: after_start = there >= here + static_cast<int64_t>(s.start_offset); break;
    case WindowBoundary::UNBOUNDED_FOLLOWING: after_start = false; break;
  }
  switch (s.end) {
    case WindowBoundary::UNBOUNDED_PRECEDING: before_end = false; break;
    case WindowBoundary::OFFSET_PRECEDING: before_end = there <= here - static_cast<int64_t>(s.end_offset); break;
    case WindowBoundary::CURRENT_ROW: before_end = there <= here; break;
    case WindowBoundary::OFFSET_FOLLOWING: before_end = there <= here + static_cast<int64_t>(s.end_offset); break;
    case WindowBoundary::UNBOUNDED_FOLLOWING: break;
  }
  return after_start && before_end;
}

bool Excluded(const WindowFrameShape& s, const Partition& p, int64_t i, int64_t j) {
  const bool peer = p.keys[i] == p.keys[j];
  switch (s.exclusion) {
    case WindowExclusion::NO_OTHERS: return false;
    case WindowExclusion::CURRENT_ROW: return i == j;
    case WindowExclusion::GROUP: return peer;
    case WindowExclusion::TIES: return peer && i != j;
  }
  return false;
}

TEST(WindowFrameTest, FramesMatchTheDefinition) {
  std::mt19937 random(42);
  const WindowBoundary starts[] = {WindowBoundary::UNBOUNDED_PRECEDING, WindowBoundary::OFFSET_PRECEDING,
                                   WindowBoundary::CURRENT_ROW, WindowBoundary::OFFSET_FOLLOWING};
  const WindowBoundary ends[] = {WindowBoundary::OFFSET_PRECEDING, WindowBoundary::CURRENT_ROW,
                                 WindowBoundary::OFFSET_FOLLOWING, WindowBoundary::UNBOUNDED_FOLLOWING};
  const WindowExclusion exclusions[] = {WindowExclusion::NO_OTHERS, WindowExclusion::CURRENT_ROW,
                                        WindowExclusion::GROUP, WindowExclusion::TIES};
  const uint64_t offsets[] = {0, 1, 2, 5, 1000};
  idx_t frames_checked = 0, nonempty = 0;
  for (idx_t count : {1, 2, 7, 40}) {
    Partition p = MakePartition(random, count);
    WindowPartitionLayout layout = p.rows.Layout(0);
    for (auto unit : {WindowFrameUnit::ROWS, WindowFrameUnit::GROUPS, WindowFrameUnit::RANGE}) {
      for (auto start : starts) {
        for (auto end : ends) {
          for (auto exclusion : exclusions) {
            for (uint64_t start_offset : offsets) {
              for (uint64_t end_offset : offsets) {
                WindowFrameShape shape{unit, start, end, exclusion, start_offset, end_offset};
                for (idx_t row = 0; row < count; row++) {
                  idx_t range_start = 0, range_end = 0;
                  if (unit == WindowFrameUnit::RANGE) {
                    const int64_t key = p.keys[row];
                    int64_t low = start == WindowBoundary::OFFSET_PRECEDING ? key - int64_t(start_offset) : key + int64_t(start_offset);
                    int64_t high = end == WindowBoundary::OFFSET_PRECEDING ? key - int64_t(end_offset) : key + int64_t(end_offset);
                    if (end == WindowBoundary::OFFSET_PRECEDING && high < 0) {
                      range_end = 0;  // ends before every key
                    } else {
                      range_end = RangeUpperBound(p.encoded.data(), 8, 0, count, Encode(high).data());
                    }
                    range_start = RangeLowerBound(p.encoded.data(), 8, 0, count, Encode(low).data());
                  }
                  RowRange bounds = ComputeFrameBounds(shape, layout, row, range_start, range_end);
                  WindowFrameRanges frame = ApplyExclusion(shape, layout, row, bounds);
                  std::set<idx_t> actual;
                  for (idx_t r = 0; r < frame.count; r++) {
                    ASSERT_LT(frame.ranges[r].begin, frame.ranges[r].end);
                    if (r > 0) {
                      ASSERT_LE(frame.ranges[r - 1].end, frame.ranges[r].begin);
                    }
                    for (idx_t j = frame.ranges[r].begin; j < frame.ranges[r].end; j++) actual.insert(j);
                  }
                  std::set<idx_t> expected;
                  for (idx_t j = 0; j < count; j++) {
                    if (InFrame(shape, p, row, j) && !Excluded(shape, p, row, j)) expected.insert(j);
                  }
                  ASSERT_EQ(actual, expected) << "unit " << int(unit) << " start " << int(start) << "+" << start_offset
                                              << " end " << int(end) << "+" << end_offset << " exclusion "
                                              << int(exclusion) << " row " << row << " of " << count;
                  ASSERT_EQ(frame.RowCount(), expected.size());
                  frames_checked++;
                  nonempty += !expected.empty();
                }
              }
            }
          }
        }
      }
    }
  }
  EXPECT_GT(frames_checked, 100000u);
  EXPECT_GT(nonempty, frames_checked / 4);
}

TEST(WindowFrameTest, PartitionsWithoutPerRowPeers) {
  // Without per-row peers: the same partitions, one group each, no per-row arrays.
  std::vector<int> partition = {0, 0, 0, 1, 2, 2};
  WindowRows rows = WindowRows::Build(
      6, [&](idx_t i) { return partition[i] != partition[i - 1]; }, [](idx_t) { return true; }, false);
  ASSERT_EQ(rows.PartitionCount(), 3u);
  EXPECT_EQ(rows.partition_starts, (std::vector<idx_t>{0, 3, 4, 6}));
  EXPECT_EQ(rows.group_starts, (std::vector<idx_t>{0, 3, 4, 6}));
  EXPECT_TRUE(rows.peer_begin.empty());
  EXPECT_TRUE(rows.group_ordinal.empty());
  WindowPartitionLayout first = rows.Layout(0);
  EXPECT_EQ(first.begin, 0u);
  EXPECT_EQ(first.end, 3u);
  EXPECT_EQ(first.group_count, 1u);
  EXPECT_EQ(rows.Layout(2).group_count, 1u);
}

TEST(WindowFrameTest, PeerGroupsAndPartitions) {
  // Rows: partition 0 = keys 1 1 2, partition 1 = keys 5, partition 2 = keys 3 3.
  std::vector<int> partition = {0, 0, 0, 1, 2, 2};
  std::vector<int> keys = {1, 1, 2, 5, 3, 3};
  WindowRows rows = WindowRows::Build(
      6, [&](idx_t i) { return partition[i] != partition[i - 1]; }, [&](idx_t i) { return keys[i] != keys[i - 1]; });
  ASSERT_EQ(rows.PartitionCount(), 3u);
  EXPECT_EQ(rows.partition_starts, (std::vector<idx_t>{0, 3, 4, 6}));
  EXPECT_EQ(rows.peer_begin, (std::vector<idx_t>{0, 0, 2, 3, 4, 4}));
  EXPECT_EQ(rows.peer_end, (std::vector<idx_t>{2, 2, 3, 4, 6, 6}));
  EXPECT_EQ(rows.group_ordinal, (std::vector<idx_t>{0, 0, 1, 0, 0, 0}));
  WindowPartitionLayout last = rows.Layout(2);
  EXPECT_EQ(last.group_count, 1u);
  EXPECT_EQ(last.group_starts[0], 4u);
  EXPECT_EQ(last.group_starts[1], 6u);
  EXPECT_EQ(rows.Layout(0).group_count, 2u);
}

}  // namespace
}  // namespace cairn
