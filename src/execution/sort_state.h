// SortState: the execution-wide state of a sort (ORDER BY and top-N): the threads' sorted runs,
// their parallel merge, and the merged rows the source emits in order.
//
// Merge: PlanMerge splits the merged output into ranges of about `merge_task_rows` rows by
// splitters — keys sampled from every run in proportion to its size, sorted, taken at even
// quantiles — and a binary search of each splitter in each run (so range j is, in every run,
// the rows between splitters j-1 and j: the ranges partition the output exactly and can be
// merged independently). Each merge task k-way merges its range's pieces of the runs (two
// runs: a two-pointer merge; more: a tree of losers over the runs' heads) and gathers the payload
// chunk by chunk from the runs' records, column by column (one type dispatch per column, O(1)
// per row, each run read sequentially), so the gather is parallel too; a single run is cut
// into ranges the same way. The runs are freed once merged; the source (one thread) hands out
// the tasks' chunks in order. Ties between runs go to the lower run index, within a run to the
// sort order, so the merge is a total order and its result does not depend on how the output
// was split. Only ranks [begin, end) of the merged order are produced (top-N's OFFSET/LIMIT
// window). Memory: the output chunks are charged to the tasks' MemoryReservations.
//
// Thread-safety: AddRun is thread-safe (Combine); PlanMerge and FinishMerge run alone;
// ExecuteMergeTask runs concurrently for distinct tasks (each writes only its own output);
// NextChunk is called by one thread (the source's MaxThreads() is 1) after FinishMerge.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

#include "common/memory_tracker.h"
#include "execution/physical_operator.h"
#include "execution/sorted_run.h"
#include "execution/spill_file.h"

namespace cairn {

class SortState : public GlobalSinkState {
 public:
  /// Rows of merged output per merge task by default (a task runs for a few tens of ms).
  static constexpr idx_t kMergeTaskRows = idx_t(1) << 19;

  /// `memory_owner`: the operator named in 53200 errors ("ORDER_BY", "TOP_N").
  /// `payload_keys`: see SortedRun (payload columns read back from their ORDER BY key).
  SortState(std::shared_ptr<const SortKeyEncoder> encoder, std::vector<LogicalType> payload_types,
            const char* memory_owner, std::vector<idx_t> payload_keys = {},
            idx_t merge_task_rows = kMergeTaskRows);

  /// A new empty run with this sort's layout (for one thread).
  std::unique_ptr<SortedRun> MakeRun() const;
  /// Adds a thread's run (sorted here if it is not yet). Thread-safe. Empty runs are dropped.
  void AddRun(std::unique_ptr<SortedRun> run);
  /// The runs added so far (until FinishMerge frees them).
  const std::vector<std::unique_ptr<SortedRun>>& runs() const { return runs_; }

  /// External sort (ORDER BY past its memory share, see PhysicalOrder): true once a run was
  /// spilled. Thread-safe.
  bool spilling() const { return spilling_.load(std::memory_order_relaxed); }
  /// Sorts `run` and writes its rows, in order, to a new temporary file (SpillFile) in the
  /// calling thread's query's temporary directory; the run's memory is freed. Thread-safe.
  void SpillRun(std::unique_ptr<SortedRun> run);
  /// Spills every run added with AddRun so far (on the calling thread). Thread-safe.
  void SpillRunsInMemory();
  /// The spilled runs (their rows sorted), taken out of the state.
  std::vector<std::unique_ptr<SpillFile>> TakeSpilledRuns();

  /// Plans the merge of output ranks [begin, end) (clipped to the rows there are). Returns the
  /// number of merge tasks to run with ExecuteMergeTask (0: nothing to merge, or the merge was
  /// small enough to run here; the output is then complete).
  idx_t PlanMerge(idx_t begin = 0, idx_t end = ~idx_t(0));
  /// Runs merge task `task` (0 <= task < PlanMerge's result); concurrent with other tasks.
  void ExecuteMergeTask(idx_t task);
  /// After every merge task: frees the runs (the output chunks keep their string heaps).
  void FinishMerge();

  /// The next chunk of merged output in order into `out`; false when there is none left.
  bool NextChunk(DataChunk& out);

 private:
  struct MergeTask {
    std::vector<idx_t> begin, end;                   // per run: positions [begin, end) of this range
    idx_t first_rank = 0;                            // rank of the range's first row in the merged order
    std::vector<std::unique_ptr<DataChunk>> output;  // the range's rows, in order
    uint64_t output_bytes = 0;                       // ChunkMemoryBytes of the chunks not yet emitted
    MemoryReservation memory;                        // output_bytes
    explicit MergeTask(const char* owner) : memory(owner) {}
  };
  /// Total order of (run, position) pairs: keys, then run index, then position.
  bool Less(idx_t run_a, idx_t position_a, idx_t run_b, idx_t position_b) const;
  /// Gathers the payload of `rows[0..count)` into a chunk appended to `task`'s output.
  void EmitChunk(MergeTask& task, const RunRow* rows, idx_t count) const;

  std::shared_ptr<const SortKeyEncoder> encoder_;
  std::vector<LogicalType> payload_types_;
  std::vector<idx_t> payload_keys_;
  const char* memory_owner_;
  const idx_t merge_task_rows_;

  std::mutex mutex_;  // guards runs_ during AddRun
  std::vector<std::unique_ptr<SortedRun>> runs_;
  std::vector<const SortedRun*> run_pointers_;  // runs_, for GatherPayload
  std::atomic<bool> spilling_{false};
  std::vector<std::unique_ptr<SpillFile>> spilled_runs_;  // guarded by mutex_

  idx_t begin_rank_ = 0, end_rank_ = 0;
  std::vector<std::unique_ptr<MergeTask>> tasks_;

  idx_t next_task_ = 0, next_chunk_ = 0;  // NextChunk's cursor
};

}  // namespace cairn
