#include "execution/query_execution.h"

#include <malloc.h>

#include "execution/execution_profile.h"

#include <algorithm>

#include "execution/chunk_memory.h"
#include "execution/task_scheduler.h"

namespace cairn {

QueryExecution::QueryExecution(TaskScheduler& scheduler, std::shared_ptr<const PhysicalPlan> plan,
                               std::shared_ptr<MemoryTracker> memory,
                               std::shared_ptr<const ParameterValues> parameters,
                               std::shared_ptr<const StorageSnapshot> snapshot)
    : scheduler_(scheduler), memory_(memory ? std::move(memory) : std::make_shared<MemoryTracker>("query", 0)),
      tasks_(scheduler.CreateGroup()), parameters_(std::move(parameters)), plan_(std::move(plan)),
      results_memory_("RESULT", memory_) {
  MemoryTracker::Scope memory_scope(memory_);
  state_ = std::make_unique<ExecutionState>(
      *plan_, [this](std::unique_ptr<DataChunk> chunk) { PushResult(std::move(chunk)); }, Threads(),
      std::move(snapshot));
}

QueryExecution::~QueryExecution() = default;

unsigned QueryExecution::Threads() const { return scheduler_.NumThreads(); }

void QueryExecution::Start() {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto& p : plan_->pipelines()) {
    if (p->dependencies.empty()) StartPipeline(*p);
  }
}

void QueryExecution::StartPipeline(const Pipeline& pipeline) {
  PipelineState& state = state_->pipeline_state(pipeline);
  state.scheduled = true;
  idx_t n = std::max<idx_t>(1, std::min<idx_t>(Threads(), pipeline.source->MaxThreads()));
  state.tasks_remaining = n;
  auto self = shared_from_this();
  for (idx_t i = 0; i < n; i++) Submit(std::make_shared<PipelineTask>(self, pipeline, state));
}

void QueryExecution::Submit(std::shared_ptr<PipelineTask> task) {
  scheduler_.Submit(tasks_, [task = std::move(task)] { return task->Run(); });
}

std::unique_ptr<DataChunk> QueryExecution::Next() {
  std::unique_lock<std::mutex> lock(mutex_);
  consumer_cv_.wait(lock, [this] { return error_.has_value() || !results_.empty() || finished_; });
  if (error_) throw *error_;
  if (results_.empty()) return nullptr;
  std::unique_ptr<DataChunk> chunk = std::move(results_.front());
  results_.pop_front();
  results_bytes_ -= std::min(results_bytes_, ChunkMemoryBytes(*chunk));
  results_memory_.Resize(results_bytes_);
  std::vector<std::shared_ptr<PipelineTask>> wake;
  if (results_.size() < kResultQueueCapacity) wake.swap(parked_);
  lock.unlock();
  for (auto& task : wake) Submit(std::move(task));
  return chunk;
}

void QueryExecution::Cancel() {
  std::vector<std::shared_ptr<PipelineTask>> parked;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    cancelled_.store(true);
    parked.swap(parked_);
  }
  scheduler_.Cancel(*tasks_);
  scheduler_.WaitIdle(*tasks_);
  // `parked` is destroyed here, outside the lock.
}

void QueryExecution::Interrupt() {
  SetError(Exception(sqlstate::kQueryCanceled, "canceling statement due to user request"));
}

void QueryExecution::ReleaseState() {
  std::unique_ptr<ExecutionState> state;
  std::deque<std::unique_ptr<DataChunk>> results;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    state.swap(state_);
    results.swap(results_);
    results_bytes_ = 0;
    results_memory_.Clear();
  }
  const bool held_much = state && memory_ && memory_->peak() >= kTrimAfterPeakBytes;
  state.reset();
  results.clear();
  // The workers' malloc arenas keep what a large query freed, and the next large query, with
  // other allocation sizes, adds to it: return the free pages to the system, so the process's
  // resident memory stays near what the memory limit allows.
  if (held_much) malloc_trim(0);
}

void QueryExecution::SetError(const Exception& error) {
  std::vector<std::shared_ptr<PipelineTask>> parked;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!error_) error_ = error;
    cancelled_.store(true);
    parked.swap(parked_);
  }
  consumer_cv_.notify_all();
  scheduler_.Cancel(*tasks_);
}

void QueryExecution::PushResult(std::unique_ptr<DataChunk> chunk) {
  const uint64_t bytes = ChunkMemoryBytes(*chunk);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    results_memory_.Resize(results_bytes_ + bytes);  // throws 53200: the task reports it
    results_bytes_ += bytes;
    results_.push_back(std::move(chunk));
  }
  consumer_cv_.notify_one();
}

bool QueryExecution::TryPark(const std::shared_ptr<PipelineTask>& task) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (results_.size() < kResultQueueCapacity || IsCancelled()) return false;
  parked_.push_back(task);
  return true;
}

bool QueryExecution::RunCapturingErrors(const std::function<void()>& work) {
  try {
    work();
    return true;
  } catch (const Exception& e) {
    SetError(e);
  } catch (const std::bad_alloc&) {
    SetError(Exception(sqlstate::kOutOfMemory, "out of memory during query execution"));
  } catch (const std::exception& e) {
    SetError(Exception(sqlstate::kInternalError, std::string("internal error: ") + e.what()));
  } catch (...) {
    SetError(Exception(sqlstate::kInternalError, "internal error: unknown exception"));
  }
  return false;
}

void QueryExecution::TaskFinished(const Pipeline& pipeline, PipelineState& state) {
  bool finalize_sink;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (--state.tasks_remaining != 0) return;
    finalize_sink = --state_->sink_pipelines_remaining[pipeline.sink] == 0;
  }
  if (finalize_sink && !IsFinal(pipeline)) {
    FinalizeStep(pipeline, state, [&] { return pipeline.sink->Finalize(*state.sink_state); });
    return;
  }
  CompletePipeline(pipeline, state, finalize_sink);
}

void QueryExecution::FinalizeStep(const Pipeline& pipeline, PipelineState& state, const std::function<idx_t()>& step) {
  if (!IsCancelled()) {
    idx_t tasks = 0;
    RunCapturingErrors([&] {
      ExecutionProfile::Timer timer(profile_ ? profile_->Of(pipeline.sink) : nullptr);
      tasks = step();
    });
    if (tasks > 0 && !IsCancelled()) {
      StartFinalizeRound(pipeline, state, tasks);
      return;
    }
  }
  CompletePipeline(pipeline, state, true);
}

void QueryExecution::StartFinalizeRound(const Pipeline& pipeline, PipelineState& state, idx_t tasks) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    state.finalize_tasks_remaining = tasks;
  }
  auto self = shared_from_this();
  for (idx_t i = 0; i < tasks; i++) {
    scheduler_.Submit(tasks_, [self, &pipeline, &state, i] {
      MemoryTracker::Scope memory_scope(self->memory_);
      ParameterValues::Scope parameter_scope(self->parameters());  // as in pipeline tasks
      if (!self->IsCancelled()) {
        self->RunCapturingErrors([&] {
          ExecutionProfile::Timer timer(self->profile_ ? self->profile_->Of(pipeline.sink) : nullptr);
          pipeline.sink->ExecuteFinalizeTask(*state.sink_state, i);
        });
      }
      self->FinalizeTaskFinished(pipeline, state);
      return TaskStatus::kDone;
    });
  }
}

void QueryExecution::FinalizeTaskFinished(const Pipeline& pipeline, PipelineState& state) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (--state.finalize_tasks_remaining != 0) return;
  }
  FinalizeStep(pipeline, state, [&] { return pipeline.sink->FinishFinalizeRound(*state.sink_state); });
}

void QueryExecution::CompletePipeline(const Pipeline& pipeline, PipelineState& state, bool sink_finalized) {
  std::lock_guard<std::mutex> lock(mutex_);
  state.complete = true;
  if (sink_finalized && IsFinal(pipeline)) {
    finished_ = true;
    consumer_cv_.notify_all();
  }
  if (IsCancelled()) return;
  for (auto& p : plan_->pipelines()) {
    if (state_->pipeline_state(*p).scheduled) continue;
    bool ready = std::all_of(p->dependencies.begin(), p->dependencies.end(),
                             [this](const Pipeline* d) { return state_->pipeline_state(*d).complete; });
    if (ready) StartPipeline(*p);
  }
}

}  // namespace cairn
