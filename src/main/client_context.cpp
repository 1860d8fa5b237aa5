#include "main/client_context.h"

#include "execution/explain_analyze.h"
#include "sql/utility_statements.h"

#include <algorithm>

#include "execution/executor.h"
#include "execution/expression_executor.h"
#include "execution/physical_planner.h"
#include "main/copy_to.h"
#include "main/parameter_coercion.h"
#include "main/write_execution.h"

namespace cairn {

namespace {

Exception QueryCanceled() {
  return Exception(sqlstate::kQueryCanceled, "canceling statement due to user request");
}

std::unique_ptr<QueryResult> ErrorAt(const Exception& e, int offset) {
  if (e.position() && offset > 0) return QueryResult::FromError(Exception(e.sqlstate(), e.what(), *e.position() + offset, e.hint(), e.detail()));
  return QueryResult::FromError(e);
}

/// The value of an EXECUTE argument (bound without columns): constants as they are, other
/// expressions evaluated once.
Value EvaluateArgument(const Expression& expression) {
  if (expression.expression_class == ExpressionClass::CONSTANT) return static_cast<const BoundConstant&>(expression).value;
  DataChunk input;
  input.SetCardinality(1);
  ExpressionExecutor executor(expression);
  Vector result;
  executor.Execute(0, input, result);
  return result.GetValue(0);
}

/// A result stream whose fetch errors are reported before they reach the consumer.
class ErrorReportingStream final : public ResultStream {
 public:
  ErrorReportingStream(std::unique_ptr<ResultStream> inner, std::weak_ptr<std::function<void()>> report)
      : inner_(std::move(inner)), report_(std::move(report)) {}
  std::unique_ptr<DataChunk> Next() override {
    try {
      return inner_->Next();
    } catch (...) {
      if (auto report = report_.lock()) (*report)();
      throw;
    }
  }

 private:
  std::unique_ptr<ResultStream> inner_;
  std::weak_ptr<std::function<void()>> report_;
};

}  // namespace

ClientContext::ClientContext(DatabaseInstance& database)
    : database_(database), transaction_(database.storage()),
      stream_error_(std::make_shared<std::function<void()>>([this] {
        if (transaction_.in_block()) transaction_.AbortStatement();
      })) {}

ClientContext::~ClientContext() { stream_error_.reset(); }

std::unique_ptr<ResultStream> ClientContext::ReportingErrors(std::unique_ptr<ResultStream> stream) {
  if (!stream) return stream;
  return std::make_unique<ErrorReportingStream>(std::move(stream), stream_error_);
}

std::unique_ptr<QueryResult> ClientContext::StartPrepared(const std::shared_ptr<const PreparedPlan>& plan,
                                                          std::vector<Value> values) {
  std::shared_ptr<const ParameterValues> parameters;
  if (!values.empty()) parameters = std::make_shared<const ParameterValues>(std::move(values));
  if (plan->write) {
    if (transaction_.failed()) {
      throw Exception(sqlstate::kInFailedSqlTransaction,
                      "current transaction is aborted, commands ignored until end of transaction block");
    }
    WriteSession session{database_, transaction_, settings_,
                         [this](std::weak_ptr<QueryExecution> execution) { Track(std::move(execution)); },
                         std::move(parameters)};
    return ExecuteWrite(*plan->write, plan->command_tag, session);
  }
  std::weak_ptr<QueryExecution> execution;
  if (transaction_.failed()) {
    throw Exception(sqlstate::kInFailedSqlTransaction,
                    "current transaction is aborted, commands ignored until end of transaction block");
  }
  auto stream = ExecutePlan(plan->plan, database_.scheduler(), database_.CreateQueryMemoryTracker(settings_.memory_limit, settings_.temp_directory),
                            &execution, std::move(parameters), transaction_.ReadSnapshot());
  Track(std::move(execution));
  return std::make_unique<QueryResult>(plan->names, plan->types, ReportingErrors(std::move(stream)), plan->command_tag);
}

std::shared_ptr<const PreparedPlan> ClientContext::Prepare(std::string_view sql,
                                                           std::vector<LogicalType> parameter_types) {
  auto statements = Planner::SplitStatements(std::string(sql));
  if (statements.size() > 1) {
    throw Exception(sqlstate::kSyntaxError, "cannot insert multiple commands into a prepared statement");
  }
  if (statements.empty()) throw Exception(sqlstate::kSyntaxError, "empty statement");
  settings_.database_memory_limit = database_.options().memory_limit;
  Planner planner(database_.catalog(), settings_);
  PlannedStatement planned;
  try {
    planned = planner.Plan(statements[0].first, /*allow_parameters=*/true, std::move(parameter_types));
  } catch (const Exception& e) {
    if (!e.position() || statements[0].second == 0) throw;
    throw Exception(e.sqlstate(), e.what(), *e.position() + statements[0].second, e.hint(), e.detail());
  }
  auto prepared = std::make_shared<PreparedPlan>();
  prepared->database = &database_;
  prepared->parameter_types = std::move(planned.parameter_types);
  prepared->names = planned.names;
  prepared->command_tag = planned.command_tag;
  if (planned.write) {
    prepared->write = planned.write;
    prepared->names = planned.write->dml->returning_names;
    prepared->types = planned.write->dml->returning_types;
    return prepared;
  }
  if (planned.explain_analyze) {
    throw Exception(sqlstate::kFeatureNotSupported, "EXPLAIN ANALYZE cannot be prepared");
  }
  prepared->types = planned.plan->types;
  prepared->plan = CreatePhysicalPlan(*planned.plan);
  return prepared;
}

std::unique_ptr<QueryResult> ClientContext::Execute(const std::shared_ptr<const PreparedPlan>& plan,
                                                    std::vector<Value> params) {
  return Guarded([&](int&) -> std::unique_ptr<QueryResult> {
    if (plan->database != &database_) {
      throw Exception(sqlstate::kFeatureNotSupported,
                      "a prepared statement runs only on connections of the database that prepared it");
    }
    if (params.size() != plan->parameter_types.size()) {
      throw Exception(sqlstate::kProtocolViolation,
                      "bind message supplies " + std::to_string(params.size()) +
                          " parameters, but prepared statement \"\" requires " +
                          std::to_string(plan->parameter_types.size()));
    }
    std::vector<Value> values;
    for (idx_t i = 0; i < params.size(); i++) values.push_back(CoerceParameter(params[i], plan->parameter_types[i], i + 1));
    return StartPrepared(plan, std::move(values));
  });
}

std::unique_ptr<QueryResult> ClientContext::ExecuteNamed(PlannedStatement& statement) {
  auto found = prepared_statements_.find(statement.statement_name);
  if (found == prepared_statements_.end()) {
    throw Exception(sqlstate::kInvalidSqlStatementName,
                    "prepared statement \"" + statement.statement_name + "\" does not exist");
  }
  std::shared_ptr<const PreparedPlan> plan = found->second;
  const auto& types = plan->parameter_types;
  if (statement.arguments.size() != types.size()) {
    throw Exception(sqlstate::kSyntaxError,
                    "wrong number of parameters for prepared statement \"" + statement.statement_name + "\"", std::nullopt,
                    "Expected " + std::to_string(types.size()) + " parameters but got " +
                        std::to_string(statement.arguments.size()) + ".");
  }
  std::vector<Value> values;
  for (idx_t i = 0; i < types.size(); i++) {
    values.push_back(CoerceParameter(EvaluateArgument(*statement.arguments[i]), types[i], i + 1,
                                     statement.argument_positions[i]));
  }
  return StartPrepared(plan, std::move(values));
}

std::unique_ptr<QueryResult> ClientContext::RunStatement(const std::string& statement) {
  settings_.database_memory_limit = database_.options().memory_limit;  // what SHOW memory_limit falls back to
  if (transaction_.failed() && !Planner::EndsTransaction(statement)) {
    throw Exception(sqlstate::kInFailedSqlTransaction,
                    "current transaction is aborted, commands ignored until end of transaction block");
  }
  Planner planner(database_.catalog(), settings_);
  planner.set_copy_handler(copy_handler_);
  planner.set_notices(&notices_);
  PlannedStatement prepared = planner.Plan(statement);
  switch (prepared.action) {
    case PlannedStatement::Action::RUN:
      break;
    case PlannedStatement::Action::WRITE: {
      if (!prepared.write) {
        return std::make_unique<QueryResult>(std::vector<std::string>{}, std::vector<LogicalType>{}, nullptr,
                                             prepared.command_tag);
      }
      WriteSession session{database_, transaction_, settings_,
                           [this](std::weak_ptr<QueryExecution> execution) { Track(std::move(execution)); }, nullptr,
                           &notices_};
      std::unique_ptr<QueryResult> result = ExecuteWrite(*prepared.write, prepared.command_tag, session);
      if (prepared.command_tag == "COPY") {
        // COPY ... FROM runs as an INSERT ("INSERT 0 n"); PostgreSQL's tag is "COPY n".
        const std::string& tag = result->command_tag();
        return std::make_unique<QueryResult>(std::vector<std::string>{}, std::vector<LogicalType>{}, nullptr,
                                             "COPY " + tag.substr(tag.find_last_of(' ') + 1));
      }
      return result;
    }
    case PlannedStatement::Action::PREPARE: {
      if (prepared_statements_.count(prepared.statement_name)) {
        throw Exception(sqlstate::kDuplicatePreparedStatement,
                        "prepared statement \"" + prepared.statement_name + "\" already exists");
      }
      auto plan = std::make_shared<PreparedPlan>();
      plan->database = &database_;
      plan->parameter_types = std::move(prepared.parameter_types);
      plan->names = prepared.names;
      if (prepared.write) {
        plan->write = prepared.write;
        plan->types = prepared.write->dml->returning_types;
        plan->command_tag = prepared.write->dml->kind == DmlPlan::Kind::INSERT   ? "INSERT"
                            : prepared.write->dml->kind == DmlPlan::Kind::UPDATE ? "UPDATE"
                                                                                 : "DELETE";
      } else {
        if (prepared.explain_analyze) {
          throw Exception(sqlstate::kFeatureNotSupported, "EXPLAIN ANALYZE cannot be prepared");
        }
        plan->types = prepared.plan->types;
        plan->plan = CreatePhysicalPlan(*prepared.plan);
      }
      prepared_statements_[prepared.statement_name] = std::move(plan);
      return std::make_unique<QueryResult>(std::vector<std::string>{}, std::vector<LogicalType>{}, nullptr, "PREPARE");
    }
    case PlannedStatement::Action::EXECUTE:
      return ExecuteNamed(prepared);
    case PlannedStatement::Action::COPY_TO:
      return RunCopyTo(database_, std::move(prepared), database_.CreateQueryMemoryTracker(settings_.memory_limit, settings_.temp_directory),
                       [this](std::weak_ptr<QueryExecution> execution) { Track(std::move(execution)); },
                       transaction_.ReadSnapshot(), copy_handler_);
    case PlannedStatement::Action::DEALLOCATE:
      if (prepared.statement_name.empty()) {
        prepared_statements_.clear();
      } else if (!prepared_statements_.erase(prepared.statement_name)) {
        throw Exception(sqlstate::kInvalidSqlStatementName,
                        "prepared statement \"" + prepared.statement_name + "\" does not exist");
      }
      return std::make_unique<QueryResult>(std::vector<std::string>{}, std::vector<LogicalType>{}, nullptr,
                                           prepared.command_tag);
  }
  if (!prepared.plan) {
    return std::make_unique<QueryResult>(std::vector<std::string>{}, std::vector<LogicalType>{}, nullptr,
                                         prepared.command_tag);
  }
  if (prepared.explain_analyze) {
    // Run the query now, then answer with its plan and profile, one row per line.
    ExplainAnalyzeOptions options;
    options.costs = prepared.explain_costs;
    options.timing = prepared.explain_timing;
    std::vector<std::string> lines = ExplainAnalyze(
        *prepared.plan, options, database_.scheduler(), database_.CreateQueryMemoryTracker(settings_.memory_limit, settings_.temp_directory),
        [this](std::weak_ptr<QueryExecution> execution) { Track(std::move(execution)); }, transaction_.ReadSnapshot());
    std::vector<std::vector<std::optional<std::string>>> rows;
    for (auto& line : lines) rows.push_back({std::move(line)});
    prepared.plan = MakeVarcharValues({"explain"}, rows);
  }
  // EXPLAIN arrives as a VALUES plan holding the plan text, one row per line.
  std::vector<std::string> names = prepared.names.size() == prepared.plan->types.size() ? prepared.names : prepared.plan->names;
  std::vector<LogicalType> types = prepared.plan->types;
  std::weak_ptr<QueryExecution> execution;
  auto stream = ExecutePlan(std::move(prepared.plan), database_.scheduler(),
                            database_.CreateQueryMemoryTracker(settings_.memory_limit, settings_.temp_directory), &execution,
                            transaction_.ReadSnapshot());
  Track(std::move(execution));
  return std::make_unique<QueryResult>(std::move(names), std::move(types), ReportingErrors(std::move(stream)),
                                       prepared.command_tag);
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

std::unique_ptr<QueryResult> ClientContext::Guarded(
    const std::function<std::unique_ptr<QueryResult>(int& offset)>& body) {
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
  int offset = 0;
  try {
    return body(offset);
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

std::unique_ptr<QueryResult> ClientContext::Query(std::string_view sql) {
  auto interrupted = [this] {
    std::lock_guard<std::mutex> lock(interrupt_mutex_);
    return interrupted_;
  };
  return Guarded([&](int& offset) -> std::unique_ptr<QueryResult> {
    auto statements = Planner::SplitStatements(std::string(sql));
    if (statements.empty()) {
      return std::make_unique<QueryResult>(std::vector<std::string>{}, std::vector<LogicalType>{}, nullptr, "");
    }
    std::unique_ptr<QueryResult> result;
    for (size_t i = 0; i < statements.size(); i++) {
      offset = statements[i].second;
      if (interrupted()) return QueryResult::FromError(QueryCanceled());
      try {
        notices_.clear();
        result = RunStatement(statements[i].first);
        for (Notice& notice : notices_) result->add_notice(std::move(notice));
        notices_.clear();
      } catch (...) {
        // An error inside BEGIN ... COMMIT fails the block (25P02 until ROLLBACK); an autocommit
        // statement's changes are discarded (ExecuteWrite did that already).
        if (transaction_.in_block()) transaction_.AbortStatement();
        throw;
      }
      if (i + 1 < statements.size()) {
        // Earlier statements run to completion; their errors stop the rest.
        if (!result->Materialize() || result->has_error()) {
          if (transaction_.in_block()) transaction_.AbortStatement();
          return result;
        }
      }
    }
    return result;
  });
}

}  // namespace cairn
