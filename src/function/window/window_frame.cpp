#include "function/window/window_frame.h"

#include <algorithm>
#include <cstring>

namespace cairn {

namespace {

idx_t AddClamped(idx_t position, uint64_t offset, idx_t limit) {
  return offset >= limit - std::min(position, limit) ? limit : position + offset;
}

idx_t SubtractClamped(idx_t position, uint64_t offset, idx_t floor) {
  return position < floor || offset >= position - floor ? floor : position - offset;
}

/// First row of peer group `ordinal` (may be past the last group: the partition's end).
idx_t GroupBegin(const WindowPartitionLayout& p, uint64_t ordinal) {
  return ordinal >= p.group_count ? p.end : p.group_starts[ordinal];
}

idx_t StartPosition(const WindowFrameShape& s, const WindowPartitionLayout& p, idx_t row, idx_t range_start) {
  switch (s.start) {
    case WindowBoundary::UNBOUNDED_PRECEDING: return p.begin;
    case WindowBoundary::CURRENT_ROW: return s.unit == WindowFrameUnit::ROWS ? row : p.peer_begin[row];
    case WindowBoundary::OFFSET_PRECEDING:
      switch (s.unit) {
        case WindowFrameUnit::ROWS: return SubtractClamped(row, s.start_offset, p.begin);
        case WindowFrameUnit::RANGE: return range_start;
        case WindowFrameUnit::GROUPS: {
          idx_t g = p.group_ordinal[row];
          return s.start_offset >= g ? p.begin : p.group_starts[g - s.start_offset];
        }
      }
      break;
    case WindowBoundary::OFFSET_FOLLOWING:
      switch (s.unit) {
        case WindowFrameUnit::ROWS: return AddClamped(row, s.start_offset, p.end);
        case WindowFrameUnit::RANGE: return range_start;
        case WindowFrameUnit::GROUPS: {
          idx_t g = p.group_ordinal[row];
          return s.start_offset >= p.group_count - g ? p.end : GroupBegin(p, g + s.start_offset);
        }
      }
      break;
    case WindowBoundary::UNBOUNDED_FOLLOWING: return p.end;
  }
  return p.begin;
}

idx_t EndPosition(const WindowFrameShape& s, const WindowPartitionLayout& p, idx_t row, idx_t range_end) {
  switch (s.end) {
    case WindowBoundary::UNBOUNDED_PRECEDING: return p.begin;
    case WindowBoundary::CURRENT_ROW: return s.unit == WindowFrameUnit::ROWS ? row + 1 : p.peer_end[row];
    case WindowBoundary::OFFSET_PRECEDING:
      switch (s.unit) {
        case WindowFrameUnit::ROWS: {
          if (s.end_offset > row - p.begin) return p.begin;  // ends before the partition
          return row - s.end_offset + 1;
        }
        case WindowFrameUnit::RANGE: return range_end;
        case WindowFrameUnit::GROUPS: {
          idx_t g = p.group_ordinal[row];
          return s.end_offset > g ? p.begin : GroupBegin(p, g - s.end_offset + 1);
        }
      }
      break;
    case WindowBoundary::OFFSET_FOLLOWING:
      switch (s.unit) {
        case WindowFrameUnit::ROWS: return AddClamped(row + 1, s.end_offset, p.end);
        case WindowFrameUnit::RANGE: return range_end;
        case WindowFrameUnit::GROUPS: {
          idx_t g = p.group_ordinal[row];
          return s.end_offset >= p.group_count - g - 1 ? p.end : GroupBegin(p, g + s.end_offset + 1);
        }
      }
      break;
    case WindowBoundary::UNBOUNDED_FOLLOWING: return p.end;
  }
  return p.end;
}

}  // namespace

RowRange ComputeFrameBounds(const WindowFrameShape& shape, const WindowPartitionLayout& partition, idx_t row,
                            idx_t range_start, idx_t range_end) {
  RowRange range;
  range.begin = std::clamp(StartPosition(shape, partition, row, range_start), partition.begin, partition.end);
  range.end = std::clamp(EndPosition(shape, partition, row, range_end), partition.begin, partition.end);
  if (range.end < range.begin) range.end = range.begin;
  return range;
}

WindowFrameRanges ApplyExclusion(const WindowFrameShape& shape, const WindowPartitionLayout& partition, idx_t row,
                                 RowRange bounds) {
  WindowFrameRanges out;
  auto add = [&](idx_t begin, idx_t end) {
    begin = std::max(begin, bounds.begin);
    end = std::min(end, bounds.end);
    if (begin < end) out.ranges[out.count++] = RowRange{begin, end};
  };
  switch (shape.exclusion) {
    case WindowExclusion::NO_OTHERS:
      add(bounds.begin, bounds.end);
      break;
    case WindowExclusion::CURRENT_ROW:
      add(bounds.begin, row);
      add(row + 1, bounds.end);
      break;
    case WindowExclusion::GROUP:
      add(bounds.begin, partition.peer_begin[row]);
      add(partition.peer_end[row], bounds.end);
      break;
    case WindowExclusion::TIES:
      add(bounds.begin, partition.peer_begin[row]);
      add(row, row + 1);
      add(partition.peer_end[row], bounds.end);
      break;
  }
  return out;
}

idx_t RangeLowerBound(const uint8_t* keys, idx_t width, idx_t begin, idx_t end, const uint8_t* probe) {
  while (begin < end) {
    idx_t middle = begin + (end - begin) / 2;
    if (std::memcmp(keys + middle * width, probe, width) < 0) {
      begin = middle + 1;
    } else {
      end = middle;
    }
  }
  return begin;
}

idx_t RangeUpperBound(const uint8_t* keys, idx_t width, idx_t begin, idx_t end, const uint8_t* probe) {
  while (begin < end) {
    idx_t middle = begin + (end - begin) / 2;
    if (std::memcmp(keys + middle * width, probe, width) <= 0) {
      begin = middle + 1;
    } else {
      end = middle;
    }
  }
  return begin;
}

}  // namespace cairn
