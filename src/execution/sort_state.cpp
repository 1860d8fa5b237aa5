#include "execution/sort_state.h"

#include <algorithm>

#include "execution/chunk_memory.h"

namespace cairn {

namespace {

/// Splitter samples taken per merge task (more: ranges closer to equal size).
constexpr idx_t kSamplesPerTask = 16;
/// Merges of at most this many rows run inside PlanMerge instead of as a task.
constexpr idx_t kInlineMergeRows = 4 * kStandardVectorSize;

}  // namespace

SortState::SortState(std::shared_ptr<const SortKeyEncoder> encoder, std::vector<LogicalType> payload_types,
                     const char* memory_owner, std::vector<idx_t> payload_keys, idx_t merge_task_rows)
    : encoder_(std::move(encoder)),
      payload_types_(std::move(payload_types)),
      payload_keys_(std::move(payload_keys)),
      memory_owner_(memory_owner),
      merge_task_rows_(std::max<idx_t>(1, merge_task_rows)) {}

std::unique_ptr<SortedRun> SortState::MakeRun() const {
  return std::make_unique<SortedRun>(encoder_, payload_types_, memory_owner_, payload_keys_);
}

void SortState::AddRun(std::unique_ptr<SortedRun> run) {
  if (run->Count() == 0) return;
  run->Sort();
  std::lock_guard<std::mutex> lock(mutex_);
  runs_.push_back(std::move(run));
}

void SortState::SpillRun(std::unique_ptr<SortedRun> run) {
  spilling_.store(true);
  if (run->Count() == 0) return;
  run->Sort();
  auto file = std::make_unique<SpillFile>(CurrentTemporaryDirectory());
  const std::vector<const SortedRun*> runs{run.get()};
  std::vector<RunRow> rows(kStandardVectorSize);
  DataChunk chunk;
  chunk.Initialize(payload_types_);
  for (idx_t start = 0; start < run->Count(); start += kStandardVectorSize) {
    const idx_t count = std::min<idx_t>(kStandardVectorSize, run->Count() - start);
    for (idx_t i = 0; i < count; i++) rows[i] = RunRow{0, static_cast<uint32_t>(start + i)};
    GatherPayload(runs, rows.data(), count, chunk);
    file->Append(chunk);
  }
  file->FinishWriting();
  run.reset();
  std::lock_guard<std::mutex> lock(mutex_);
  spilled_runs_.push_back(std::move(file));
}

void SortState::SpillRunsInMemory() {
  std::vector<std::unique_ptr<SortedRun>> runs;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    runs.swap(runs_);
  }
  for (auto& run : runs) SpillRun(std::move(run));
}

std::vector<std::unique_ptr<SpillFile>> SortState::TakeSpilledRuns() {
  std::lock_guard<std::mutex> lock(mutex_);
  return std::move(spilled_runs_);
}

bool SortState::Less(idx_t run_a, idx_t position_a, idx_t run_b, idx_t position_b) const {
  int c = runs_[run_a]->Compare(position_a, *runs_[run_b], position_b);
  if (c != 0) return c < 0;
  if (run_a != run_b) return run_a < run_b;
  return position_a < position_b;
}

idx_t SortState::PlanMerge(idx_t begin, idx_t end) {
  const idx_t run_count = runs_.size();
  idx_t total = 0;
  for (auto& run : runs_) total += run->Count();
  begin_rank_ = std::min(begin, total);
  end_rank_ = std::min(end, total);
  tasks_.clear();
  if (begin_rank_ >= end_rank_) return 0;
  run_pointers_.clear();
  for (auto& run : runs_) run_pointers_.push_back(run.get());

  // Only the rows up to end_rank_ matter: the splitting is over [0, end_rank_) in effect, but
  // cuts are computed over the whole runs (a top-N's runs are already short).
  const idx_t task_count = std::max<idx_t>(1, (total + merge_task_rows_ - 1) / merge_task_rows_);
  // cuts[j][r]: position in run r where range j begins; cuts[task_count][r] = run size.
  std::vector<std::vector<idx_t>> cuts(task_count + 1, std::vector<idx_t>(run_count, 0));
  for (idx_t r = 0; r < run_count; r++) cuts[task_count][r] = runs_[r]->Count();
  if (task_count > 1) {
    std::vector<std::pair<idx_t, idx_t>> samples;  // (run, position)
    for (idx_t r = 0; r < run_count; r++) {
      const idx_t n = runs_[r]->Count();
      const idx_t m = std::max<idx_t>(1, (n * task_count * kSamplesPerTask + total - 1) / total);
      for (idx_t s = 0; s < m; s++) samples.push_back({r, std::min(n - 1, s * n / m + n / (2 * m))});
    }
    std::sort(samples.begin(), samples.end(),
              [&](const auto& a, const auto& b) { return Less(a.first, a.second, b.first, b.second); });
    for (idx_t j = 1; j < task_count; j++) {
      const auto [split_run, split_position] = samples[j * samples.size() / task_count];
      for (idx_t r = 0; r < run_count; r++) {
        // First position of run r not before the splitter (binary search from the last cut).
        idx_t low = cuts[j - 1][r], high = runs_[r]->Count();
        while (low < high) {
          idx_t mid = low + (high - low) / 2;
          if (Less(r, mid, split_run, split_position)) {
            low = mid + 1;
          } else {
            high = mid;
          }
        }
        cuts[j][r] = low;
      }
    }
  }
  idx_t rank = 0;
  for (idx_t j = 0; j < task_count; j++) {
    auto task = std::make_unique<MergeTask>(memory_owner_);
    task->begin = cuts[j];
    task->end = cuts[j + 1];
    task->first_rank = rank;
    for (idx_t r = 0; r < run_count; r++) rank += task->end[r] - task->begin[r];
    tasks_.push_back(std::move(task));
  }
  if (end_rank_ - begin_rank_ <= kInlineMergeRows && task_count == 1) {
    ExecuteMergeTask(0);
    FinishMerge();
    return 0;
  }
  return task_count;
}

void SortState::ExecuteMergeTask(idx_t task_index) {
  MergeTask& task = *tasks_[task_index];
  idx_t rows = 0;
  for (idx_t r = 0; r < runs_.size(); r++) rows += task.end[r] - task.begin[r];
  // The window of ranks this task produces.
  const idx_t first = std::max(task.first_rank, begin_rank_);
  const idx_t last = std::min(task.first_rank + rows, end_rank_);
  if (first >= last) return;
  idx_t skip = first - task.first_rank;
  idx_t remaining = last - first;

  RunRow buffer[kStandardVectorSize];
  idx_t buffered = 0;
  auto emit = [&](idx_t run, idx_t position) {
    if (skip > 0) {
      skip--;
      return;
    }
    buffer[buffered++] = RunRow{uint32_t(run), uint32_t(position)};
    remaining--;
    if (buffered == kStandardVectorSize) {
      EmitChunk(task, buffer, buffered);
      buffered = 0;
    }
  };

  std::vector<idx_t> active;  // runs with rows in this range
  for (idx_t r = 0; r < runs_.size(); r++) {
    if (task.end[r] > task.begin[r]) active.push_back(r);
  }
  std::vector<idx_t> head = task.begin;
  if (active.size() == 1) {
    const idx_t r = active[0];
    for (idx_t p = head[r]; p < task.end[r] && remaining > 0; p++) emit(r, p);
  } else if (active.size() == 2) {
    const idx_t a = active[0], b = active[1];  // a < b: a wins ties
    const SortedRun& run_a = *runs_[a];
    const SortedRun& run_b = *runs_[b];
    idx_t i = head[a], j = head[b];
    const idx_t end_a = task.end[a], end_b = task.end[b];
    while (remaining > 0 && i < end_a && j < end_b) {
      if (run_b.Compare(j, run_a, i) < 0) {
        emit(b, j++);
      } else {
        emit(a, i++);
      }
    }
    for (; remaining > 0 && i < end_a; i++) emit(a, i);
    for (; remaining > 0 && j < end_b; j++) emit(b, j);
  } else {
    // A tree of losers (Knuth, TAOCP vol. 3, 5.4.1): leaf i is active run active[i] (padded to
    // a power of two with empty leaves), each inner node holds the loser of the match played
    // there and node 0 the overall winner. Replacing the winner replays only its leaf's path:
    // log2(k) comparisons per row, where a binary heap needs up to twice as many.
    idx_t leaves = 1;
    while (leaves < active.size()) leaves <<= 1;
    constexpr idx_t kEmpty = ~idx_t(0);
    // Whether leaf x's head comes before leaf y's (an exhausted or padding leaf never does;
    // ties go to the lower run index, as in Less).
    auto before = [&](idx_t x, idx_t y) {
      if (x == kEmpty || head[active[x]] == task.end[active[x]]) return false;
      if (y == kEmpty || head[active[y]] == task.end[active[y]]) return true;
      return Less(active[x], head[active[x]], active[y], head[active[y]]);
    };
    std::vector<idx_t> tree(leaves, kEmpty);
    {
      // Winners of each subtree, bottom-up; the losers stay in the tree.
      std::vector<idx_t> winner(2 * leaves, kEmpty);
      for (idx_t i = 0; i < active.size(); i++) winner[leaves + i] = i;
      for (idx_t node = leaves - 1; node >= 1; node--) {
        const idx_t a = winner[2 * node], b = winner[2 * node + 1];
        const bool a_wins = !before(b, a);
        winner[node] = a_wins ? a : b;
        tree[node] = a_wins ? b : a;
      }
      tree[0] = winner[1];
    }
    while (remaining > 0) {
      idx_t w = tree[0];
      if (w == kEmpty || head[active[w]] == task.end[active[w]]) break;  // every run is exhausted
      const idx_t r = active[w];
      emit(r, head[r]++);
      for (idx_t node = (leaves + w) / 2; node >= 1; node /= 2) {
        if (before(tree[node], w)) std::swap(tree[node], w);
      }
      tree[0] = w;
    }
  }
  if (buffered > 0) EmitChunk(task, buffer, buffered);
}

void SortState::EmitChunk(MergeTask& task, const RunRow* rows, idx_t count) const {
  auto chunk = std::make_unique<DataChunk>();
  GatherPayload(run_pointers_, rows, count, *chunk);
  // Charged once the chunk exists (at most one chunk of slack per task).
  task.output_bytes += ChunkMemoryBytes(*chunk);
  task.memory.Resize(task.output_bytes);
  task.output.push_back(std::move(chunk));
}

void SortState::FinishMerge() {
  // The output chunks hold everything (and keep the runs' string heaps alive).
  run_pointers_.clear();
  runs_.clear();
}

bool SortState::NextChunk(DataChunk& out) {
  while (next_task_ < tasks_.size()) {
    MergeTask& task = *tasks_[next_task_];
    if (next_chunk_ < task.output.size()) {
      std::unique_ptr<DataChunk> chunk = std::move(task.output[next_chunk_++]);
      out.Reference(*chunk);
      task.output_bytes -= std::min(task.output_bytes, ChunkMemoryBytes(*chunk));
      task.memory.Resize(task.output_bytes);
      return true;
    }
    tasks_[next_task_].reset();  // frees the task's chunk list and releases its charge
    next_task_++;
    next_chunk_ = 0;
  }
  return false;
}

}  // namespace cairn
