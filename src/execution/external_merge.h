// ExternalMerge: the merge phase of an external sort — a k-way merge of sorted runs that were
// spilled to temporary files (SortState::SpillRun), streaming: each run contributes one block
// of a few chunks at a time, so memory is (runs × block) whatever the rows' total size
// (Knuth, TAOCP vol. 3, 5.4.1, multiway merging with a priority queue).
//
// A spilled run holds payload chunks (the sort's input columns) in sorted order. When a
// block is read back its ORDER BY keys are evaluated again from the payload and encoded into
// a small SortedRun, so blocks compare exactly as in-memory runs do (normalized keys, long
// strings in full). Ties go to the run spilled first, so the merge is a total order.
//
// Thread-safety: used by one thread (the ORDER BY source, whose MaxThreads() is 1).
#pragma once

#include <memory>
#include <vector>

#include "execution/expression_executor.h"
#include "execution/sorted_run.h"
#include "execution/spill_file.h"
#include "sql/logical_operator.h"

namespace cairn {

class ExternalMerge {
 public:
  /// Chunks of a run read back at once (one when there are more than 8 runs).
  static constexpr idx_t kBlockChunks = 4;

  /// `orders`: the sort keys over the payload (must outlive the merge); `encoder`,
  /// `payload_types`, `payload_keys`: the sort's layout (see SortedRun); `runs`: the spilled
  /// runs, each sorted by `orders`.
  ExternalMerge(const std::vector<BoundOrderBy>& orders, std::shared_ptr<const SortKeyEncoder> encoder,
                std::vector<LogicalType> payload_types, std::vector<idx_t> payload_keys,
                std::vector<std::unique_ptr<SpillFile>> runs);

  /// The next chunk of merged rows into `out` (at most kStandardVectorSize); false when every
  /// run is exhausted. Throws what reading a run throws (58030, XX001) and 53200.
  bool NextChunk(DataChunk& out);

 private:
  struct Cursor {
    std::unique_ptr<SpillFile> file;
    idx_t next_chunk = 0;              // next chunk of `file` to read
    std::unique_ptr<SortedRun> block;  // the rows read and not yet all merged
    idx_t position = 0;                // next row of `block`
    uint32_t slot = 0;                 // index of `block` in blocks_ (for GatherPayload)
  };
  /// Reads the cursor's next block; false when its file is exhausted.
  bool LoadBlock(Cursor& cursor);
  /// Heap order: true when cursor `a`'s current row sorts after cursor `b`'s.
  bool After(idx_t a, idx_t b) const;

  const std::vector<BoundOrderBy>& orders_;
  std::shared_ptr<const SortKeyEncoder> encoder_;
  std::vector<LogicalType> payload_types_;
  std::vector<idx_t> payload_keys_;
  ExpressionExecutor executor_;
  DataChunk chunk_, keys_;
  std::vector<Cursor> cursors_;
  std::vector<idx_t> heap_;  // cursors with rows left, a binary min-heap by After
  bool started_ = false;
  std::vector<const SortedRun*> blocks_;              // the blocks the current output chunk reads
  std::vector<std::unique_ptr<SortedRun>> retired_;   // exhausted blocks still read by it
  std::vector<RunRow> rows_ = std::vector<RunRow>(kStandardVectorSize);
};

}  // namespace cairn
