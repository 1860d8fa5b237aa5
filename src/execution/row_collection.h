// RowCollection: an append-only, chunked, self-contained copy of rows (DuckDB's
// ColumnDataCollection). Operators that must keep rows beyond the lifetime of their input chunks
// (hash-join build, sort, top-N, result buffering) append them here: values are copied into
// flat chunks of kStandardVectorSize rows, and the bytes of long strings are copied into the
// collection's own heaps, so the input chunks can be reused.
//
// Row ids are dense: row r lives in chunk r / kStandardVectorSize at r % kStandardVectorSize
// (every chunk but the last is full).
//
// Thread-safety: not thread-safe; one writer, then any number of readers.
#pragma once

#include <memory>
#include <vector>

#include "cairn/data_chunk.h"
#include "common/memory_tracker.h"
#include "execution/chunk_memory.h"

namespace cairn {

class RowCollection {
 public:
  RowCollection() = default;
  /// `memory_owner`: the operator the collection's memory is charged for (MemoryTracker);
  /// `charge_block`: its charging step (MemoryReservation), smaller where an operator keeps
  /// many collections of a few chunks each.
  explicit RowCollection(std::vector<LogicalType> types, const char* memory_owner = "ROW_COLLECTION",
                         uint64_t charge_block = kMemoryChargeBlock)
      : types_(std::move(types)), memory_(memory_owner, nullptr, charge_block) {}
  RowCollection(RowCollection&&) = default;
  RowCollection& operator=(RowCollection&&) = default;

  const std::vector<LogicalType>& types() const { return types_; }
  /// Bytes the collection's chunks hold (values, validity, string heaps), as charged to the
  /// query's MemoryTracker (every Append may throw 53200 when the limit is reached).
  uint64_t MemoryBytes() const { return sealed_bytes_ + (chunks_.empty() ? 0 : ChunkMemoryBytes(*chunks_.back())); }
  idx_t Count() const { return count_; }
  idx_t ChunkCount() const { return chunks_.size(); }
  const DataChunk& GetChunk(idx_t i) const { return *chunks_[i]; }

  /// Copies the input.size() rows of `input` (columns = types()).
  void Append(const DataChunk& input);
  /// Copies the rows sel[0..count) of `input`.
  void Append(const DataChunk& input, const SelectionVector& sel, idx_t count);
  /// Moves every chunk of `other` (same types) to the end of this collection. Row ids of
  /// `other` are not preserved unless this collection was empty or full-chunk aligned.
  void Combine(RowCollection&& other);

  /// REQUIRES: count <= kStandardVectorSize (each output vector holds one chunk's worth).
  /// Fills `out` columns [out_offset, out_offset + column_count) with rows `row_ids[0..count)`
  /// of columns [column_offset, column_offset + column_count) of this collection (out vectors
  /// are re-initialized as flat; strings point into this collection, which must outlive `out`).
  void Gather(const uint64_t* row_ids, idx_t count, idx_t column_offset, idx_t column_count, DataChunk& out,
              idx_t out_offset) const;

 private:
  /// Appends a chunk and records its columns' data and validity in the per-column arrays.
  void AddChunk(std::unique_ptr<DataChunk> chunk);

  std::vector<LogicalType> types_;
  std::vector<std::unique_ptr<DataChunk>> chunks_;
  // column_data_[c][k] / column_validity_[c][k]: column c of chunk k (a chunk's buffers never
  // move: chunks are heap-allocated at full capacity), so Gather need not walk chunks_.
  std::vector<std::vector<const void*>> column_data_;
  std::vector<std::vector<const ValidityMask*>> column_validity_;
  idx_t count_ = 0;
  uint64_t sealed_bytes_ = 0;  // ChunkMemoryBytes of every chunk but the last
  MemoryReservation memory_{"ROW_COLLECTION"};
};

/// Copies rows sel[0..count) of `source` into flat `target` starting at row `offset`; long
/// strings are copied into target's heap. REQUIRES: target FLAT, capacity >= offset + count.
void CopyRowsOwned(const Vector& source, const SelectionVector& sel, idx_t count, Vector& target, idx_t offset);

/// A deep, self-contained copy of `input` (exactly input.size() rows).
std::unique_ptr<DataChunk> CopyChunkOwned(const DataChunk& input);

}  // namespace cairn
