#include "execution/operators/physical_recursive_cte.h"

#include <atomic>
#include <unordered_set>

#include "cairn/exception.h"
#include "cairn/query_result.h"
#include "common/memory_tracker.h"
#include "execution/execution_state.h"
#include "execution/executor.h"
#include "execution/key_encoder.h"
#include "execution/parameter_values.h"
#include "execution/physical_planner.h"
#include "execution/task_scheduler.h"
#include "function/table/working_table.h"
#include "sql/plan_copy.h"

namespace cairn {

namespace {

struct RecursiveCteState : GlobalSourceState {
  explicit RecursiveCteState(unsigned threads) : threads(threads) {}
  unsigned threads;
  std::vector<DataChunk> rows;  // the result, written once by InitializeSource
  std::atomic<idx_t> next_chunk{0};
};

/// Replaces every scan of `placeholder` in `plan` by a scan of `table`.
void ReplaceSource(LogicalOperator& plan, const TableSource* placeholder, const std::shared_ptr<TableSource>& table) {
  if (plan.type == LogicalOperatorType::GET) {
    auto& get = static_cast<LogicalGet&>(plan);
    if (get.source.get() == placeholder) get.source = table;
  }
  for (auto& child : plan.children) ReplaceSource(*child, placeholder, table);
}

/// Runs `plan` to completion and returns its (non-empty) result chunks.
std::vector<DataChunk> Run(const std::shared_ptr<const PhysicalPlan>& plan, TaskScheduler& scheduler,
                           const std::shared_ptr<MemoryTracker>& memory,
                           const std::shared_ptr<const ParameterValues>& parameters) {
  std::vector<DataChunk> chunks;
  auto stream = ExecutePlan(plan, scheduler, memory, nullptr, parameters);
  while (auto chunk = stream->Next()) {
    if (chunk->size() > 0) chunks.push_back(std::move(*chunk));
  }
  return chunks;
}

/// UNION (not ALL): keeps the rows of `chunks` not seen before (in `seen` or earlier in `chunks`).
std::vector<DataChunk> KeepNewRows(std::vector<DataChunk> chunks, const KeyEncoder& encoder,
                                   std::unordered_set<std::string>& seen) {
  std::vector<DataChunk> kept;
  EncodedKeys encoded;
  for (DataChunk& chunk : chunks) {
    encoder.Encode(chunk.data.data(), chunk.size(), encoded);
    SelectionVector sel(chunk.size());
    idx_t count = 0;
    for (idx_t i = 0; i < chunk.size(); i++) {
      std::string key(reinterpret_cast<const char*>(encoded.Key(i)), encoded.Length(i));
      if (seen.insert(std::move(key)).second) sel.set_index(count++, i);
    }
    if (count == 0) continue;
    if (count < chunk.size()) chunk.Slice(sel, count);
    kept.push_back(std::move(chunk));
  }
  return kept;
}

}  // namespace

PhysicalRecursiveCte::PhysicalRecursiveCte(std::vector<LogicalType> types, std::string name, bool union_all,
                                           idx_t max_iterations, std::shared_ptr<const PhysicalPlan> anchor,
                                           std::shared_ptr<const LogicalOperator> recursive,
                                           std::shared_ptr<TableSource> placeholder, std::vector<std::string> names)
    : PhysicalOperator(PhysicalOperatorType::RECURSIVE_CTE, std::move(types)), name_(std::move(name)),
      union_all_(union_all), max_iterations_(max_iterations), anchor_(std::move(anchor)), recursive_(std::move(recursive)),
      placeholder_(std::move(placeholder)), names_(std::move(names)) {}

std::unique_ptr<GlobalSourceState> PhysicalRecursiveCte::GetGlobalSourceState(ExecutionState& execution) const {
  return std::make_unique<RecursiveCteState>(execution.threads());
}

void PhysicalRecursiveCte::InitializeSource(GlobalSourceState& gstate) const {
  auto& state = static_cast<RecursiveCteState&>(gstate);
  // This execution's own working table and recursive plan.
  std::vector<ColumnDefinition> columns;
  for (size_t i = 0; i < types.size(); i++) columns.push_back(ColumnDefinition{names_[i], types[i], true});
  auto working_table = std::make_shared<WorkingTable>(name_, std::move(columns));
  BindingMap unused;
  LogicalOperatorPtr recursive = CopyPlan(*recursive_, nullptr, unused);
  ReplaceSource(*recursive, placeholder_.get(), working_table);
  std::shared_ptr<const PhysicalPlan> recursive_plan = CreatePhysicalPlan(*recursive);

  TaskScheduler scheduler(std::max(1u, state.threads));
  const std::shared_ptr<MemoryTracker>& memory = MemoryTracker::Current();
  // The query's parameters (owned by the query, which outlives this call).
  std::shared_ptr<const ParameterValues> parameters(std::shared_ptr<const ParameterValues>(), ParameterValues::Current());
  KeyEncoder encoder(types);
  std::unordered_set<std::string> seen;

  std::vector<DataChunk> added = Run(anchor_, scheduler, memory, parameters);
  if (!union_all_) added = KeepNewRows(std::move(added), encoder, seen);
  for (idx_t iteration = 0; !added.empty(); iteration++) {
    if (iteration >= max_iterations_) {
      throw Exception(sqlstate::kProgramLimitExceeded,
                      "recursive query \"" + name_ + "\" did not finish after " + std::to_string(max_iterations_) +
                          " iterations",
                      std::nullopt,
                      "Check the recursive term's stop condition, or raise SET max_recursive_iterations.");
    }
    for (const DataChunk& chunk : added) state.rows.push_back(chunk);
    working_table->SetRows(std::make_shared<const std::vector<DataChunk>>(std::move(added)));
    added = Run(recursive_plan, scheduler, memory, parameters);
    if (!union_all_) added = KeepNewRows(std::move(added), encoder, seen);
  }
}

bool PhysicalRecursiveCte::GetData(DataChunk& out, GlobalSourceState& gstate, LocalSourceState&) const {
  auto& state = static_cast<RecursiveCteState&>(gstate);
  idx_t i = state.next_chunk.fetch_add(1);
  if (i >= state.rows.size()) return false;
  out.Reference(state.rows[i]);
  return true;
}

}  // namespace cairn
