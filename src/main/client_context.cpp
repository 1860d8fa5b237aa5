#include "main/client_context.h"

#include <algorithm>

#include "execution/executor.h"

namespace cairn {

namespace {

Exception QueryCanceled() {
  return Exception(sqlstate::kQueryCanceled, "canceling statement due to user request");
}

std::unique_ptr<QueryResult> ErrorAt(const Exception& e, int offset) {
  if (e.position() && offset > 0) return QueryResult::FromError(Exception(e.sqlstate(), e.what(), *e.position() + offset, e.hint()));
  return QueryResult::FromError(e);
}

}  // namespace

std::unique_ptr<QueryResult> ClientContext::RunStatement(const std::string& statement) {
  settings_.database_memory_limit = database_.options().memory_limit;  // what SHOW memory_limit falls back to
  Planner planner(database_.registry(), settings_);
  PlannedStatement prepared = planner.Plan(statement);
  if (!prepared.plan) {
    return std::make_unique<QueryResult>(std::vector<std::string>{}, std::vector<LogicalType>{}, nullptr,
                                         prepared.command_tag);
  }
  // EXPLAIN arrives as a VALUES plan holding the plan text, one row per line.
  std::vector<std::string> names = prepared.names.size() == prepared.plan->types.size() ? prepared.names : prepared.plan->names;
  std::vector<LogicalType> types = prepared.plan->types;
  std::weak_ptr<QueryExecution> execution;
  auto stream = ExecutePlan(std::move(prepared.plan), database_.scheduler(),
                            database_.CreateQueryMemoryTracker(settings_.memory_limit), &execution);
  Track(std::move(execution));
  return std::make_unique<QueryResult>(std::move(names), std::move(types), std::move(stream), prepared.command_tag);
}

void ClientContext::Track(std::weak_ptr<QueryExecution> execution) {
  std::lock_guard<std::mutex> lock(interrupt_mutex_);
  auto expired = [](const std::weak_ptr<QueryExecution>& e) { return e.expired(); };
  executions_.erase(std::remove_if(executions_.begin(), executions_.end(), expired), executions_.end());
  if (interrupted_) {
    if (auto running = execution.lock()) running->Interrupt();
  }
  executions_.push_back(std::move(execution));
}

void ClientContext::Interrupt() {
  std::vector<std::shared_ptr<QueryExecution>> running;
  {
    std::lock_guard<std::mutex> lock(interrupt_mutex_);
    if (in_query_) interrupted_ = true;
    for (auto& weak : executions_) {
      if (auto execution = weak.lock()) running.push_back(std::move(execution));
    }
  }
  for (auto& execution : running) execution->Interrupt();
  // `running` may hold the last references of finished queries: released here, after the lock.
}

std::unique_ptr<QueryResult> ClientContext::Query(std::string_view sql) {
  {
    std::lock_guard<std::mutex> lock(interrupt_mutex_);
    in_query_ = true;
    interrupted_ = false;
  }
  struct LeaveQuery {
    ClientContext& context;
    ~LeaveQuery() {
      std::lock_guard<std::mutex> lock(context.interrupt_mutex_);
      context.in_query_ = false;
    }
  } leave{*this};
  auto interrupted = [this] {
    std::lock_guard<std::mutex> lock(interrupt_mutex_);
    return interrupted_;
  };
  int offset = 0;
  try {
    auto statements = Planner::SplitStatements(std::string(sql));
    if (statements.empty()) {
      return std::make_unique<QueryResult>(std::vector<std::string>{}, std::vector<LogicalType>{}, nullptr, "");
    }
    std::unique_ptr<QueryResult> result;
    for (size_t i = 0; i < statements.size(); i++) {
      offset = statements[i].second;
      if (interrupted()) return QueryResult::FromError(QueryCanceled());
      result = RunStatement(statements[i].first);
      if (i + 1 < statements.size()) {
        // Earlier statements run to completion; their errors stop the rest.
        if (!result->Materialize() || result->has_error()) return result;
      }
    }
    return result;
  } catch (const Exception& e) {
    return ErrorAt(e, offset);
  } catch (const std::bad_alloc&) {
    return QueryResult::FromError(Exception(sqlstate::kOutOfMemory, "out of memory"));
  } catch (const std::exception& e) {
    return QueryResult::FromError(Exception(sqlstate::kInternalError, std::string("internal error: ") + e.what()));
  } catch (...) {
    return QueryResult::FromError(Exception(sqlstate::kInternalError, "internal error: unknown exception"));
  }
}

}  // namespace cairn
