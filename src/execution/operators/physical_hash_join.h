// PhysicalHashJoin: equi-join (INNER, LEFT, RIGHT, FULL, SEMI, ANTI; CROSS and joins without
// equality keys degenerate to one bucket holding every build row, i.e. a nested-loop join).
//
// Build (sink, RIGHT child): threads copy build rows plus their evaluated keys into local
// RowCollections, merged under a lock; Finalize encodes the keys (key_encoder.h), skips rows
// with a NULL key (they never match), and links rows into bucket chains (bucket heads plus a
// `next` array — a chained hash table).
// Probe (operator, LEFT child streamed): keys are encoded and hashed a chunk at a time; chains
// are walked producing up to kStandardVectorSize (probe row, build row) pairs per call, resumable
// (HAVE_MORE_OUTPUT) so a huge fan-out never builds a huge chunk. A residual predicate is
// evaluated on the candidate pairs. LEFT/FULL then emit unmatched probe rows with NULLs, SEMI
// matched and ANTI unmatched probe rows. RIGHT/FULL mark matched build rows; after every probe
// pipeline finished, PhysicalOuterJoinScan emits the unmatched build rows with NULL left columns.
//
// Thread-safety: build state is merged under a mutex; the finalized table is read-only except
// the matched flags, which are atomics.
#pragma once

#include <atomic>
#include <mutex>

#include "execution/key_encoder.h"
#include "execution/physical_operator.h"
#include "execution/row_collection.h"
#include "sql/logical_operator.h"

namespace cairn {

class PhysicalHashJoin : public PhysicalOperator {
 public:
  /// `join` (the logical operator) must outlive this operator.
  PhysicalHashJoin(const LogicalJoin& join, std::vector<LogicalType> left_types, std::vector<LogicalType> right_types);

  // Build side.
  bool IsSink() const override { return true; }
  std::unique_ptr<LocalSinkState> GetLocalSinkState() override;
  SinkResult Sink(DataChunk& input, LocalSinkState& state) override;
  void Combine(LocalSinkState& state) override;
  void Finalize() override;

  // Probe side.
  std::unique_ptr<OperatorState> GetOperatorState() override;
  OperatorResult Execute(DataChunk& input, DataChunk& output, OperatorState& state) override;
  bool HasFinalOutput() const override {
    return join_.join_type == JoinType::RIGHT || join_.join_type == JoinType::FULL;
  }

  /// For PhysicalOuterJoinScan: emits the unmatched build rows of build chunk `chunk_index`
  /// into `out` (join output layout). Returns false when `chunk_index` is past the end.
  bool ScanUnmatched(idx_t chunk_index, DataChunk& out) const;

 private:
  struct ProbeState;
  OperatorResult ProbePairs(DataChunk& input, DataChunk& output, ProbeState& state);
  OperatorResult ProbeFinal(DataChunk& input, DataChunk& output, ProbeState& state);

  const LogicalJoin& join_;
  std::vector<LogicalType> left_types_;
  std::vector<LogicalType> right_types_;
  std::vector<LogicalType> key_types_;  // build-side key types
  KeyEncoder encoder_;

  std::mutex mutex_;
  RowCollection build_;  // right columns ++ key columns
  MemoryReservation table_memory_{"HASH_JOIN"};  // the hash table built by Finalize
  // Finalized table.
  std::vector<uint8_t> key_data_;
  std::vector<uint64_t> key_offsets_;  // build rows + 1
  std::vector<uint64_t> hashes_;
  std::vector<uint64_t> next_;     // chain: build row + 1, 0 = end
  std::vector<uint64_t> buckets_;  // head: build row + 1, 0 = empty
  uint64_t mask_ = 0;
  std::unique_ptr<std::atomic<uint8_t>[]> matched_;
};

/// Source emitting a RIGHT/FULL join's unmatched build rows (scheduled after every pipeline
/// probing the join is done). Build chunks are handed to threads through an atomic cursor.
class PhysicalOuterJoinScan : public PhysicalOperator {
 public:
  explicit PhysicalOuterJoinScan(const PhysicalHashJoin& join)
      : PhysicalOperator(PhysicalOperatorType::OUTER_JOIN_SCAN, join.types), join_(join) {}
  bool IsSource() const override { return true; }
  bool GetData(DataChunk& out, LocalSourceState& state) override;

 private:
  const PhysicalHashJoin& join_;
  std::atomic<idx_t> next_chunk_{0};
};

}  // namespace cairn
