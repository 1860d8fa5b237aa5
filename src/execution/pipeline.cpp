#include "execution/pipeline.h"

#include "execution/execution_state.h"
#include "execution/query_execution.h"

namespace cairn {

void PipelineTask::InitializeLocalState() {
  local_source_ = pipeline_.source->GetLocalSourceState(*shared_.source_state);
  source_chunk_.Initialize(pipeline_.source->types);
  intermediates_.resize(pipeline_.operators.size());
  for (idx_t i = 0; i < pipeline_.operators.size(); i++) {
    local_operators_.push_back(pipeline_.operators[i]->GetOperatorState(*shared_.operator_states[i]));
    intermediates_[i].Initialize(pipeline_.operators[i]->types);
  }
  local_sink_ = pipeline_.sink->GetLocalSinkState(*shared_.sink_state);
  if (ExecutionProfile* profile = execution_->profile()) {
    source_counters_ = profile->Of(pipeline_.source);
    for (const PhysicalOperator* op : pipeline_.operators) operator_counters_.push_back(profile->Of(op));
    sink_counters_ = profile->Of(pipeline_.sink);
  }
  operator_counters_.resize(pipeline_.operators.size(), nullptr);
  initialized_ = true;
}

TaskStatus PipelineTask::Run() {
  // Structures this task's operators build charge the query's tracker.
  MemoryTracker::Scope memory_scope(execution_->memory());
  ParameterValues::Scope parameter_scope(execution_->parameters());  // for BoundParameter
  bool yielded = false;
  bool finished = true;
  const bool ok = execution_->RunCapturingErrors([&] {
    if (execution_->IsCancelled()) return;
    std::call_once(shared_.source_initialized, [this] { pipeline_.source->InitializeSource(*shared_.source_state); });
    if (!initialized_) InitializeLocalState();
    ProcessResult result = Process();
    if (result == ProcessResult::kYielded) {
      finished = false;
      yielded = true;
      return;
    }
    finished = result == ProcessResult::kFinished;
    if (finished && !execution_->IsCancelled()) {
      ExecutionProfile::Timer timer(sink_counters_);
      pipeline_.sink->Combine(*shared_.sink_state, *local_sink_);
    }
  });
  if (!ok) finished = true;
  if (yielded) return TaskStatus::kYield;
  if (!finished) return TaskStatus::kDone;  // parked; re-submitted later
  // Free this thread's state before the (possibly heavy) completion work.
  pending_.clear();
  intermediates_.clear();
  source_chunk_ = DataChunk();
  local_operators_.clear();
  local_source_.reset();
  local_sink_.reset();
  execution_->TaskFinished(pipeline_, shared_);
  return TaskStatus::kDone;
}

PipelineTask::ProcessResult PipelineTask::Process() {
  const auto& operators = pipeline_.operators;
  const bool is_final = execution_->IsFinal(pipeline_);
  const auto deadline = std::chrono::steady_clock::now() + kTimeSlice;
  for (bool first = true;; first = false) {
    if (execution_->IsCancelled() || shared_.done_early.load(std::memory_order_relaxed)) {
      return ProcessResult::kFinished;
    }
    if (!first && std::chrono::steady_clock::now() >= deadline) return ProcessResult::kYielded;
    if (is_final && execution_->TryPark(shared_from_this())) return ProcessResult::kParked;
    idx_t start;
    DataChunk* input;
    if (!pending_.empty()) {
      start = pending_.back();
      pending_.pop_back();
      input = start == 0 ? &source_chunk_ : &intermediates_[start - 1];
    } else {
      {
        ExecutionProfile::Timer timer(source_counters_);
        if (!pipeline_.source->GetData(source_chunk_, *shared_.source_state, *local_source_)) return ProcessResult::kFinished;
      }
      if (source_counters_) source_counters_->rows.fetch_add(source_chunk_.size(), std::memory_order_relaxed);
      if (source_chunk_.size() == 0) continue;
      start = 0;
      input = &source_chunk_;
    }
    bool stop = false;
    idx_t i = start;
    for (; i < operators.size(); i++) {
      DataChunk& out = intermediates_[i];
      OperatorResult result;
      {
        ExecutionProfile::Timer timer(operator_counters_[i]);
        result = operators[i]->Execute(*input, out, *shared_.operator_states[i], *local_operators_[i]);
      }
      if (operator_counters_[i]) operator_counters_[i]->rows.fetch_add(out.size(), std::memory_order_relaxed);
      if (result == OperatorResult::HAVE_MORE_OUTPUT) {
        pending_.push_back(i);
      } else if (result == OperatorResult::FINISHED) {
        stop = true;
      }
      if (out.size() == 0) break;
      input = &out;
    }
    if (i == operators.size() && input->size() > 0) {
      ExecutionProfile::Timer timer(sink_counters_);
      if (pipeline_.sink->Sink(*input, *shared_.sink_state, *local_sink_) == SinkResult::FINISHED) stop = true;
    }
    if (stop) {
      shared_.done_early.store(true, std::memory_order_relaxed);
      return ProcessResult::kFinished;
    }
  }
}

}  // namespace cairn
