#include "function/window/window_evaluator.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "cairn/exception.h"
#include "common/memory_tracker.h"

namespace cairn {

WindowPartitionLayout WindowRows::Layout(idx_t p) const {
  WindowPartitionLayout layout;
  layout.begin = partition_starts[p];
  layout.end = partition_starts[p + 1];
  layout.peer_begin = peer_begin.data();
  layout.peer_end = peer_end.data();
  layout.group_ordinal = group_ordinal.data();
  layout.group_starts = group_starts.data() + partition_first_group[p];
  idx_t next_first = p + 1 < PartitionCount() ? partition_first_group[p + 1] : group_starts.size() - 1;
  layout.group_count = next_first - partition_first_group[p];
  return layout;
}

namespace {

using namespace window_sqlstate;

/// Copies row `from` of flat `source` to row `to` of flat `target` (same physical type).
void CopyValue(const Vector& source, idx_t from, Vector& target, idx_t to) {
  if (!source.validity().RowIsValid(from)) {
    target.validity().SetInvalid(to);
    return;
  }
  const idx_t width = source.type().PhysicalSize();
  std::memcpy(target.raw_data() + to * width, source.data<uint8_t>() + from * width, width);
}

/// The frame of `row` after exclusion (RANGE offsets resolved by binary search).
WindowFrameRanges FrameOf(const WindowFrameShape& shape, const WindowFunctionArguments& arguments,
                          const WindowPartitionLayout& layout, idx_t row) {
  idx_t range_start = 0, range_end = 0;
  if (shape.unit == WindowFrameUnit::RANGE) {
    const idx_t w = arguments.range_width;
    if (arguments.range_start_probes) {
      range_start = RangeLowerBound(arguments.range_keys, w, layout.begin, layout.end,
                                    arguments.range_start_probes + row * w);
    }
    if (arguments.range_end_probes) {
      range_end = RangeUpperBound(arguments.range_keys, w, layout.begin, layout.end,
                                  arguments.range_end_probes + row * w);
    }
  }
  RowRange bounds = ComputeFrameBounds(shape, layout, row, range_start, range_end);
  return ApplyExclusion(shape, layout, row, bounds);
}

// ---- aggregates ----

/// Feeds rows of the argument vectors into aggregate states, in batches of up to a vector.
class AggregateFeeder {
 public:
  AggregateFeeder(const AggregateFunction& function, const WindowFunctionArguments& arguments)
      : function_(function), arguments_(arguments), sel_(kStandardVectorSize), inputs_(arguments.children.size()) {
    filter_ = arguments.filter.get();
  }

  bool Passes(idx_t row) const {
    if (!filter_) return true;
    return filter_->validity().RowIsValid(row) && filter_->data<bool>()[row];
  }

  /// Updates `state` with rows [begin, end) (those passing the filter), in order.
  void UpdateRange(uint8_t* state, idx_t begin, idx_t end) {
    while (begin < end) {
      idx_t count = 0;
      while (begin < end && count < kStandardVectorSize) {
        if (Passes(begin)) sel_.set_index(count++, begin);
        begin++;
      }
      if (count == 0) continue;
      Prepare(count);
      if (function_.simple_update) {
        function_.simple_update(inputs_.data(), inputs_.size(), state, count);
      } else {
        for (idx_t i = 0; i < count; i++) states_[i] = state;
        function_.update(inputs_.data(), inputs_.size(), states_, count);
      }
    }
  }

  /// Updates leaves[row - base] with row, for rows [begin, end) passing the filter.
  void UpdateLeaves(uint8_t* leaves, idx_t state_size, idx_t base, idx_t begin, idx_t end) {
    while (begin < end) {
      idx_t count = 0;
      while (begin < end && count < kStandardVectorSize) {
        if (Passes(begin)) {
          states_[count] = leaves + (begin - base) * state_size;
          sel_.set_index(count++, begin);
        }
        begin++;
      }
      if (count == 0) continue;
      Prepare(count);
      function_.update(inputs_.data(), inputs_.size(), states_, count);
    }
  }

 private:
  void Prepare(idx_t count) {
    (void)count;
    for (size_t c = 0; c < inputs_.size(); c++) inputs_[c].SetDictionary(arguments_.children[c], sel_);
  }

  const AggregateFunction& function_;
  const WindowFunctionArguments& arguments_;
  const Vector* filter_ = nullptr;
  SelectionVector sel_;
  std::vector<Vector> inputs_;
  uint8_t* states_[kStandardVectorSize];
};

/// An aggregate state buffer (initialized on construction, destroyed with the object).
class StateBuffer {
 public:
  StateBuffer(const AggregateFunction& function, idx_t count)
      : function_(function), count_(count), data_(new uint8_t[std::max<idx_t>(count, 1) * function.state_size + 16]) {
    base_ = data_.get() + (16 - reinterpret_cast<uintptr_t>(data_.get()) % 16) % 16;
    for (idx_t i = 0; i < count_; i++) function_.initialize(at(i));
  }
  ~StateBuffer() {
    if (function_.destroy) {
      for (idx_t i = 0; i < count_; i++) function_.destroy(at(i));
    }
  }
  uint8_t* at(idx_t i) { return base_ + i * function_.state_size; }
  uint8_t* data() { return base_; }
  /// Resets state i to its initial value.
  void Reset(idx_t i) {
    if (function_.destroy) function_.destroy(at(i));
    function_.initialize(at(i));
  }

 private:
  const AggregateFunction& function_;
  idx_t count_;
  std::unique_ptr<uint8_t[]> data_;
  uint8_t* base_;
};

void Finalize(const AggregateFunction& function, uint8_t* state, Vector& result, idx_t row) {
  function.finalize(&state, 1, result, row);
}

bool CombineKeepsMeaning(const AggregateFunction& function) { return function.name != "string_agg"; }

void EvaluateAggregate(const WindowFunctionSpec& spec, const WindowFunctionArguments& arguments,
                       const WindowRows& rows, Vector& result) {
  const AggregateFunction& function = *spec.aggregate;
  const WindowFrameShape& shape = spec.frame;
  AggregateFeeder feeder(function, arguments);
  const bool running = shape.start == WindowBoundary::UNBOUNDED_PRECEDING && shape.exclusion == WindowExclusion::NO_OTHERS;
  for (idx_t p = 0; p < rows.PartitionCount(); p++) {
    const WindowPartitionLayout layout = rows.Layout(p);
    if (running) {
      // The frame is [begin, end(row)) with end(row) never decreasing: one state, fed as the
      // end advances; rows with the same end share the value.
      StateBuffer state(function, 1);
      idx_t fed = layout.begin;
      idx_t last_end = ~idx_t(0), last_row = 0;
      for (idx_t row = layout.begin; row < layout.end; row++) {
        WindowFrameRanges frame = FrameOf(shape, arguments, layout, row);
        idx_t end = frame.count == 0 ? layout.begin : frame.ranges[0].end;
        if (end == last_end) {
          CopyValue(result, last_row, result, row);
          continue;
        }
        if (end > fed) {
          feeder.UpdateRange(state.at(0), fed, end);
          fed = end;
        }
        if (end < fed) {
          // Cannot happen for valid frames (the end never moves back); recompute to stay right.
          state.Reset(0);
          feeder.UpdateRange(state.at(0), layout.begin, end);
          fed = end;
        }
        Finalize(function, state.at(0), result, row);
        last_end = end;
        last_row = row;
      }
      continue;
    }
    const idx_t n = layout.end - layout.begin;
    if (!CombineKeepsMeaning(function)) {
      StateBuffer state(function, 1);
      for (idx_t row = layout.begin; row < layout.end; row++) {
        WindowFrameRanges frame = FrameOf(shape, arguments, layout, row);
        state.Reset(0);
        for (idx_t r = 0; r < frame.count; r++) feeder.UpdateRange(state.at(0), frame.ranges[r].begin, frame.ranges[r].end);
        Finalize(function, state.at(0), result, row);
      }
      continue;
    }
    // Segment tree: node k covers its children 2k and 2k+1; leaves n..2n-1 are the rows.
    MemoryReservation memory("WINDOW");
    memory.Resize(2 * n * function.state_size);
    StateBuffer tree(function, 2 * n);
    feeder.UpdateLeaves(tree.at(n), function.state_size, layout.begin, layout.begin, layout.end);
    for (idx_t k = n; k-- > 1;) {
      function.combine(tree.at(2 * k), tree.at(k));
      function.combine(tree.at(2 * k + 1), tree.at(k));
    }
    StateBuffer scratch(function, 1);
    for (idx_t row = layout.begin; row < layout.end; row++) {
      WindowFrameRanges frame = FrameOf(shape, arguments, layout, row);
      scratch.Reset(0);
      for (idx_t r = 0; r < frame.count; r++) {
        idx_t lo = frame.ranges[r].begin - layout.begin + n, hi = frame.ranges[r].end - layout.begin + n;
        uint8_t* right_nodes[64];
        idx_t right_count = 0;
        while (lo < hi) {
          if (lo & 1) function.combine(tree.at(lo++), scratch.at(0));
          if (hi & 1) right_nodes[right_count++] = tree.at(--hi);
          lo >>= 1;
          hi >>= 1;
        }
        while (right_count > 0) function.combine(right_nodes[--right_count], scratch.at(0));
      }
      Finalize(function, scratch.at(0), result, row);
    }
  }
}

// ---- value functions ----

/// For each row, the row whose value it takes (kNoRow: NULL, kDefaultRow: the default
/// argument at the row itself), then copies the values.
constexpr idx_t kNoRow = ~idx_t(0);
constexpr idx_t kDefaultRow = ~idx_t(0) - 1;

void CopySelected(const std::vector<idx_t>& source_rows, const Vector& values, const Vector* defaults,
                  Vector& result) {
  result.KeepHeapOf(values);
  if (defaults) result.KeepHeapOf(*defaults);
  for (idx_t row = 0; row < source_rows.size(); row++) {
    idx_t from = source_rows[row];
    if (from == kNoRow) {
      result.validity().SetInvalid(row);
    } else if (from == kDefaultRow) {
      if (defaults) {
        CopyValue(*defaults, row, result, row);
      } else {
        result.validity().SetInvalid(row);
      }
    } else {
      CopyValue(values, from, result, row);
    }
  }
}

bool IntegerAt(const Vector& vector, idx_t row, int64_t& value) {
  if (!vector.validity().RowIsValid(row)) return false;
  value = vector.data<int32_t>()[row];
  return true;
}

}  // namespace

void EvaluateWindowFunction(const WindowFunctionSpec& spec, const WindowFunctionArguments& arguments,
                            const WindowRows& rows, Vector& result) {
  if (rows.count == 0) return;
  result.validity().EnsureWritable(std::max<idx_t>(rows.count, kStandardVectorSize));
  switch (spec.kind) {
    case WindowFunctionKind::AGGREGATE:
      EvaluateAggregate(spec, arguments, rows, result);
      return;
    case WindowFunctionKind::ROW_NUMBER:
    case WindowFunctionKind::RANK:
    case WindowFunctionKind::DENSE_RANK: {
      auto* out = result.data<int64_t>();
      for (idx_t p = 0; p < rows.PartitionCount(); p++) {
        const idx_t begin = rows.partition_starts[p], end = rows.partition_starts[p + 1];
        for (idx_t row = begin; row < end; row++) {
          switch (spec.kind) {
            case WindowFunctionKind::ROW_NUMBER: out[row] = static_cast<int64_t>(row - begin + 1); break;
            case WindowFunctionKind::RANK: out[row] = static_cast<int64_t>(rows.peer_begin[row] - begin + 1); break;
            default: out[row] = static_cast<int64_t>(rows.group_ordinal[row] + 1); break;
          }
        }
      }
      return;
    }
    case WindowFunctionKind::PERCENT_RANK:
    case WindowFunctionKind::CUME_DIST: {
      auto* out = result.data<double>();
      for (idx_t p = 0; p < rows.PartitionCount(); p++) {
        const idx_t begin = rows.partition_starts[p], end = rows.partition_starts[p + 1];
        const double n = static_cast<double>(end - begin);
        for (idx_t row = begin; row < end; row++) {
          if (spec.kind == WindowFunctionKind::PERCENT_RANK) {
            out[row] = n <= 1 ? 0.0 : static_cast<double>(rows.peer_begin[row] - begin) / (n - 1);
          } else {
            out[row] = static_cast<double>(rows.peer_end[row] - begin) / n;
          }
        }
      }
      return;
    }
    case WindowFunctionKind::NTILE: {
      auto* out = result.data<int32_t>();
      const Vector& buckets = *arguments.children.at(0);
      for (idx_t p = 0; p < rows.PartitionCount(); p++) {
        const idx_t begin = rows.partition_starts[p], end = rows.partition_starts[p + 1];
        int64_t k = 0;
        if (!IntegerAt(buckets, begin, k)) {
          for (idx_t row = begin; row < end; row++) result.validity().SetInvalid(row);
          continue;
        }
        if (k <= 0) throw Exception(kInvalidArgumentForNtile, "argument of ntile must be greater than zero");
        const idx_t n = end - begin;
        const idx_t size = n / static_cast<idx_t>(k), larger = n % static_cast<idx_t>(k);
        // The first `larger` buckets hold size + 1 rows, the others size.
        for (idx_t i = 0; i < n; i++) {
          idx_t bucket = i < larger * (size + 1) ? i / (size + 1) : larger + (i - larger * (size + 1)) / std::max<idx_t>(size, 1);
          out[begin + i] = static_cast<int32_t>(bucket + 1);
        }
      }
      return;
    }
    case WindowFunctionKind::LAG:
    case WindowFunctionKind::LEAD: {
      const Vector& values = *arguments.children.at(0);
      const Vector& offsets = *arguments.children.at(1);
      const Vector* defaults = arguments.children.size() > 2 ? arguments.children[2].get() : nullptr;
      std::vector<idx_t> source(rows.count, kNoRow);
      for (idx_t p = 0; p < rows.PartitionCount(); p++) {
        const int64_t begin = static_cast<int64_t>(rows.partition_starts[p]);
        const int64_t end = static_cast<int64_t>(rows.partition_starts[p + 1]);
        for (int64_t row = begin; row < end; row++) {
          int64_t offset = 0;
          if (!IntegerAt(offsets, static_cast<idx_t>(row), offset)) continue;  // NULL offset: NULL
          int64_t target = spec.kind == WindowFunctionKind::LAG ? row - offset : row + offset;
          source[row] = target >= begin && target < end ? static_cast<idx_t>(target) : kDefaultRow;
        }
      }
      CopySelected(source, values, defaults, result);
      return;
    }
    case WindowFunctionKind::FIRST_VALUE:
    case WindowFunctionKind::LAST_VALUE:
    case WindowFunctionKind::NTH_VALUE: {
      const Vector& values = *arguments.children.at(0);
      std::vector<idx_t> source(rows.count, kNoRow);
      for (idx_t p = 0; p < rows.PartitionCount(); p++) {
        const WindowPartitionLayout layout = rows.Layout(p);
        for (idx_t row = layout.begin; row < layout.end; row++) {
          int64_t nth = 1;
          if (spec.kind == WindowFunctionKind::NTH_VALUE) {
            if (!IntegerAt(*arguments.children.at(1), row, nth)) continue;
            if (nth <= 0) throw Exception(kInvalidArgumentForNthValue, "argument of nth_value must be greater than zero");
          }
          WindowFrameRanges frame = FrameOf(spec.frame, arguments, layout, row);
          if (frame.count == 0) continue;
          if (spec.kind == WindowFunctionKind::LAST_VALUE) {
            source[row] = frame.ranges[frame.count - 1].end - 1;
            continue;
          }
          idx_t remaining = static_cast<idx_t>(nth - 1);
          for (idx_t r = 0; r < frame.count; r++) {
            idx_t length = frame.ranges[r].end - frame.ranges[r].begin;
            if (remaining < length) {
              source[row] = frame.ranges[r].begin + remaining;
              break;
            }
            remaining -= length;
          }
        }
      }
      CopySelected(source, values, nullptr, result);
      return;
    }
  }
}

}  // namespace cairn
