// Evaluation of one window function over a run of rows sorted by (partition keys, ORDER BY
// keys): every row's result, partition by partition (PostgreSQL 15 semantics, manual 9.22).
//
// Aggregates over frames are never evaluated in time quadratic in the partition for the common
// frames:
//   - frames that start at UNBOUNDED PRECEDING without exclusion (running totals, the whole
//     partition): one state per partition, updated as the frame end advances, finalized once
//     per distinct frame end;
//   - any other frame (sliding ROWS/RANGE/GROUPS windows, exclusions): a segment tree of
//     aggregate states per partition (leaves: one row each; inner nodes: combine of two
//     children), so a frame costs O(log n) combines. string_agg, whose combine does not keep
//     the separator, is evaluated row by row over its frame instead.
//
// Thread-safety: pure functions; inputs are read-only, `result` belongs to the caller.
#pragma once

#include <memory>
#include <vector>

#include "cairn/data_chunk.h"
#include "function/aggregate_function.h"
#include "function/window/window_frame.h"
#include "function/window/window_function.h"

namespace cairn {

/// Partitions and peer groups of `count` sorted rows.
struct WindowRows {
  idx_t count = 0;
  std::vector<idx_t> partition_starts;       // first row of each partition, then `count`
  std::vector<idx_t> partition_first_group;  // per partition: index of its first group in group_starts
  std::vector<idx_t> group_starts;           // first row of each peer group (all partitions), then `count`
  std::vector<idx_t> peer_begin, peer_end;   // per row: its peer group's rows
  std::vector<idx_t> group_ordinal;          // per row: its group's number within its partition

  idx_t PartitionCount() const { return partition_starts.empty() ? 0 : partition_starts.size() - 1; }
  /// The layout of partition `p` for the frame functions.
  WindowPartitionLayout Layout(idx_t p) const;
  /// Builds the arrays from two predicates over adjacent rows: `new_partition(i)` /
  /// `new_peer_group(i)` (i >= 1) tell whether row i starts a partition / a peer group (a new
  /// partition always starts a new group). Without `per_row_peers` the per-row arrays
  /// (peer_begin, peer_end, group_ordinal) stay empty: only for functions that never read them
  /// (row_number, ntile, lag, lead, ROWS frames without EXCLUDE GROUP/TIES).
  template <class NewPartition, class NewPeerGroup>
  static WindowRows Build(idx_t count, NewPartition&& new_partition, NewPeerGroup&& new_peer_group,
                          bool per_row_peers = true);
};

/// One window function call as the evaluator sees it.
struct WindowFunctionSpec {
  WindowFunctionKind kind = WindowFunctionKind::ROW_NUMBER;
  const AggregateFunction* aggregate = nullptr;  // kind == AGGREGATE
  LogicalType return_type;
  WindowFrameShape frame;
};

/// The function's inputs, one flat vector of `WindowRows::count` rows each, in sorted order.
struct WindowFunctionArguments {
  std::vector<std::shared_ptr<Vector>> children;  // the call's arguments
  std::shared_ptr<Vector> filter;                 // BOOLEAN, or null
  /// RANGE with an offset: the rows' normalized ORDER BY keys (`range_width` bytes each,
  /// ascending in memcmp order within a partition), and the normalized start / end bound of
  /// each row (null when that boundary has no offset).
  const uint8_t* range_keys = nullptr;
  const uint8_t* range_start_probes = nullptr;
  const uint8_t* range_end_probes = nullptr;
  idx_t range_width = 0;
};

/// Writes the function's value for every row into `result` (flat, `rows.count` capacity, of
/// spec.return_type). Throws 22014 (ntile) / 22016 (nth_value) for arguments <= 0, and what
/// the aggregate raises (22003 overflow).
void EvaluateWindowFunction(const WindowFunctionSpec& spec, const WindowFunctionArguments& arguments,
                            const WindowRows& rows, Vector& result);

template <class NewPartition, class NewPeerGroup>
WindowRows WindowRows::Build(idx_t count, NewPartition&& new_partition, NewPeerGroup&& new_peer_group,
                             bool per_row_peers) {
  WindowRows rows;
  rows.count = count;
  if (!per_row_peers) {
    for (idx_t i = 0; i < count; i++) {
      if (i == 0 || new_partition(i)) {
        rows.partition_starts.push_back(i);
        rows.partition_first_group.push_back(rows.group_starts.size());
        rows.group_starts.push_back(i);
      }
    }
    rows.partition_starts.push_back(count);
    rows.group_starts.push_back(count);
    return rows;
  }
  rows.peer_begin.resize(count);
  rows.peer_end.resize(count);
  rows.group_ordinal.resize(count);
  idx_t ordinal = 0;
  for (idx_t i = 0; i < count; i++) {
    bool partition = i == 0 || new_partition(i);
    if (partition) {
      rows.partition_starts.push_back(i);
      rows.partition_first_group.push_back(rows.group_starts.size());
      ordinal = 0;
    }
    if (partition || new_peer_group(i)) {
      if (!partition) ordinal++;
      rows.group_starts.push_back(i);
    }
    rows.group_ordinal[i] = ordinal;
    rows.peer_begin[i] = rows.group_starts.back();
  }
  rows.partition_starts.push_back(count);
  rows.group_starts.push_back(count);
  // Peer ends: the next group's start.
  idx_t g = rows.group_starts.size() - 1;
  for (idx_t i = count; i-- > 0;) {
    while (g > 0 && rows.group_starts[g - 1] > i) g--;
    rows.peer_end[i] = rows.group_starts[g];
  }
  return rows;
}

}  // namespace cairn
