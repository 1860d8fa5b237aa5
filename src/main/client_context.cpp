#include "main/client_context.h"

#include "execution/executor.h"

namespace cairn {

namespace {

std::unique_ptr<QueryResult> ErrorAt(const Exception& e, int offset) {
  if (e.position() && offset > 0) return QueryResult::FromError(Exception(e.sqlstate(), e.what(), *e.position() + offset));
  return QueryResult::FromError(e);
}

}  // namespace

std::unique_ptr<QueryResult> ClientContext::RunStatement(const std::string& statement) {
  settings_.database_memory_limit = database_.options().memory_limit;  // what SHOW memory_limit falls back to
  Planner planner(database_.registry(), settings_);
  PreparedStatement prepared = planner.Plan(statement);
  if (!prepared.plan) {
    return std::make_unique<QueryResult>(std::vector<std::string>{}, std::vector<LogicalType>{}, nullptr,
                                         prepared.command_tag);
  }
  // EXPLAIN arrives as a VALUES plan holding the plan text, one row per line.
  std::vector<std::string> names = prepared.names.size() == prepared.plan->types.size() ? prepared.names : prepared.plan->names;
  std::vector<LogicalType> types = prepared.plan->types;
  auto stream = ExecutePlan(std::move(prepared.plan), database_.scheduler(),
                            database_.CreateQueryMemoryTracker(settings_.memory_limit));
  return std::make_unique<QueryResult>(std::move(names), std::move(types), std::move(stream), prepared.command_tag);
}

std::unique_ptr<QueryResult> ClientContext::Query(std::string_view sql) {
  int offset = 0;
  try {
    auto statements = Planner::SplitStatements(std::string(sql));
    if (statements.empty()) {
      return std::make_unique<QueryResult>(std::vector<std::string>{}, std::vector<LogicalType>{}, nullptr, "");
    }
    std::unique_ptr<QueryResult> result;
    for (size_t i = 0; i < statements.size(); i++) {
      offset = statements[i].second;
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
