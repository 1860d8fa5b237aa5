// Window frames: the rows of its partition a window function sees for one row, as PostgreSQL 15
// defines them (manual 4.2.8 "Window Function Calls", 7.2.5 "Window Function Processing").
//
// A frame is given by a unit (ROWS, RANGE, GROUPS), a start and an end boundary
// (UNBOUNDED PRECEDING, n PRECEDING, CURRENT ROW, n FOLLOWING, UNBOUNDED FOLLOWING) and an
// exclusion (EXCLUDE NO OTHERS / CURRENT ROW / GROUP / TIES). Over a partition's rows in window
// order, with peer groups (rows equal on the ORDER BY keys; with no ORDER BY the whole partition
// is one group):
//   ROWS    offsets count rows from the current row;
//   GROUPS  offsets count peer groups from the current row's group;
//   RANGE   CURRENT ROW means the current row's first / last peer; offsets are distances in
//           the ORDER BY value, resolved by the caller into row positions (RangeLowerBound /
//           RangeUpperBound over the rows' normalized keys).
// A frame whose start lies after its end is empty. Exclusion removes the current row, its peer
// group, or its peers but not itself, so a frame is at most three ranges of rows.
//
// Thread-safety: pure functions over caller-owned arrays.
#pragma once

#include <cstdint>

#include "cairn/types.h"

namespace cairn {

enum class WindowFrameUnit : uint8_t { ROWS, RANGE, GROUPS };

enum class WindowBoundary : uint8_t {
  UNBOUNDED_PRECEDING,
  OFFSET_PRECEDING,
  CURRENT_ROW,
  OFFSET_FOLLOWING,
  UNBOUNDED_FOLLOWING,
};

enum class WindowExclusion : uint8_t { NO_OTHERS, CURRENT_ROW, GROUP, TIES };

/// The bits of PostgreSQL's WindowDef.frameOptions (parsenodes.h, PostgreSQL 15), as
/// libpg_query reports them.
namespace frame_option {
constexpr int32_t kNonDefault = 0x00001;
constexpr int32_t kRange = 0x00002;
constexpr int32_t kRows = 0x00004;
constexpr int32_t kGroups = 0x00008;
constexpr int32_t kBetween = 0x00010;
constexpr int32_t kStartUnboundedPreceding = 0x00020;
constexpr int32_t kEndUnboundedPreceding = 0x00040;
constexpr int32_t kStartUnboundedFollowing = 0x00080;
constexpr int32_t kEndUnboundedFollowing = 0x00100;
constexpr int32_t kStartCurrentRow = 0x00200;
constexpr int32_t kEndCurrentRow = 0x00400;
constexpr int32_t kStartOffsetPreceding = 0x00800;
constexpr int32_t kEndOffsetPreceding = 0x01000;
constexpr int32_t kStartOffsetFollowing = 0x02000;
constexpr int32_t kEndOffsetFollowing = 0x04000;
constexpr int32_t kExcludeCurrentRow = 0x08000;
constexpr int32_t kExcludeGroup = 0x10000;
constexpr int32_t kExcludeTies = 0x20000;
}  // namespace frame_option

/// A frame's shape once its offsets are known (ROWS and GROUPS offsets as counts; RANGE offsets
/// are resolved by the caller into per-row positions).
struct WindowFrameShape {
  WindowFrameUnit unit = WindowFrameUnit::RANGE;
  WindowBoundary start = WindowBoundary::UNBOUNDED_PRECEDING;
  WindowBoundary end = WindowBoundary::CURRENT_ROW;
  WindowExclusion exclusion = WindowExclusion::NO_OTHERS;
  uint64_t start_offset = 0;  // ROWS/GROUPS: rows or groups (>= 0)
  uint64_t end_offset = 0;
};

/// One partition's rows [begin, end) (positions in the caller's row arrays, in window order)
/// and their peer groups. Arrays are indexed by absolute row position, except group_starts,
/// indexed by the partition's group ordinal (group_starts[group_count] == end).
struct WindowPartitionLayout {
  idx_t begin = 0, end = 0;
  const idx_t* peer_begin = nullptr;   // first row of the row's peer group
  const idx_t* peer_end = nullptr;     // one past the last row of the row's peer group
  const idx_t* group_ordinal = nullptr;  // the row's peer group number within the partition, from 0
  const idx_t* group_starts = nullptr;
  idx_t group_count = 0;
};

/// A half-open range of row positions.
struct RowRange {
  idx_t begin = 0, end = 0;
  bool empty() const { return begin >= end; }
};

/// A frame after exclusion: up to three disjoint ranges, in row order, none empty.
struct WindowFrameRanges {
  RowRange ranges[3];
  idx_t count = 0;
  idx_t RowCount() const {
    idx_t n = 0;
    for (idx_t i = 0; i < count; i++) n += ranges[i].end - ranges[i].begin;
    return n;
  }
};

/// The frame [begin, end) of `row` before exclusion, clipped to the partition (begin == end when
/// empty). `range_start` / `range_end`: for RANGE with an offset start / end, the position the
/// caller resolved for this row (ignored otherwise).
RowRange ComputeFrameBounds(const WindowFrameShape& shape, const WindowPartitionLayout& partition, idx_t row,
                            idx_t range_start = 0, idx_t range_end = 0);

/// `bounds` minus the rows `shape.exclusion` removes for `row`.
WindowFrameRanges ApplyExclusion(const WindowFrameShape& shape, const WindowPartitionLayout& partition, idx_t row,
                                 RowRange bounds);

/// The first position p in [begin, end) whose fixed-width key (keys + p * width, `width` bytes,
/// ascending in memcmp order over the range) is >= `probe`; `end` if none.
idx_t RangeLowerBound(const uint8_t* keys, idx_t width, idx_t begin, idx_t end, const uint8_t* probe);
/// The first position p in [begin, end) whose key is > `probe`; `end` if none.
idx_t RangeUpperBound(const uint8_t* keys, idx_t width, idx_t begin, idx_t end, const uint8_t* probe);

}  // namespace cairn
