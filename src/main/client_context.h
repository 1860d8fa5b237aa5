// ClientContext: the per-connection state — settings changed by SET, the planner, and the
// statements prepared with SQL PREPARE — and the statement loop behind Connection::query: split
// the SQL into statements, plan each, run it on the database's scheduler, and return the last
// result. It also prepares queries into PreparedPlans (Connection::prepare) and executes
// prepared plans with parameter values (PreparedStatement::execute, Connection::execute,
// SQL EXECUTE).
//
// Errors never escape Query(): cairn::Exception becomes an error QueryResult (with the
// position shifted to the whole SQL text); any other std::exception becomes XX000.
//
// Thread-safety: one thread at a time (like the Connection that owns it), except Interrupt(),
// which any thread may call at any time.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "cairn/copy_handler.h"
#include "cairn/query_result.h"
#include "execution/query_execution.h"
#include "main/database_instance.h"
#include "main/prepared_plan.h"
#include "sql/planner.h"
#include "storage/transaction.h"

namespace cairn {

class ClientContext {
 public:
  explicit ClientContext(DatabaseInstance& database);
  /// Results still streaming no longer report their errors to this context's transaction.
  ~ClientContext();

  /// Runs every statement of `sql`; returns the last result (or the first error).
  std::unique_ptr<QueryResult> Query(std::string_view sql);

  /// Plans `sql` — one query, which may use parameters $n — down to its physical plan. Throws
  /// cairn::Exception (42601 for several statements, 0A000 for a statement that is not a query,
  /// binding and planning errors; positions are in `sql`). `parameter_types` declares the types
  /// of $1..$k (TypeId::INVALID: inferred).
  std::shared_ptr<const PreparedPlan> Prepare(std::string_view sql, std::vector<LogicalType> parameter_types = {});

  /// Executes `plan` (prepared by any connection of this database) with `params` coerced to
  /// its parameter types. Never throws: 08P01 (wrong count), coercion and execution errors
  /// come back as error results. Interrupt() cancels it like a query.
  std::unique_ptr<QueryResult> Execute(const std::shared_ptr<const PreparedPlan>& plan, std::vector<Value> params);

  /// Cancels the statement running inside Query() or still streaming from a QueryResult this
  /// context returned: it fails with 57014 "canceling statement due to user request", and the
  /// statements of the same Query() call after it do not run. A no-op when nothing runs.
  /// Thread-safe; returns without waiting for workers.
  void Interrupt();

  ClientSettings& settings() { return settings_; }
  /// COPY FROM STDIN / TO STDOUT's peer (Connection::set_copy_handler); may be null.
  void set_copy_handler(CopyHandler* handler) { copy_handler_ = handler; }
  /// The session's transaction over the managed tables (BEGIN ... COMMIT).
  Transaction& transaction() { return transaction_; }
  DatabaseInstance& database() { return database_; }

 private:
  /// Plans and starts one statement. Throws cairn::Exception.
  std::unique_ptr<QueryResult> RunStatement(const std::string& statement);
  /// Starts `plan` with `values` (already of its parameter types). Throws cairn::Exception.
  std::unique_ptr<QueryResult> StartPrepared(const std::shared_ptr<const PreparedPlan>& plan, std::vector<Value> values);
  /// SQL EXECUTE name(arguments). Throws cairn::Exception (26000, 42601, coercion errors).
  std::unique_ptr<QueryResult> ExecuteNamed(PlannedStatement& statement);
  /// Runs `body` as the current query (Interrupt() applies to it), turning every exception into
  /// an error result; `body` sets `offset` to the position of its text in the caller's SQL.
  std::unique_ptr<QueryResult> Guarded(const std::function<std::unique_ptr<QueryResult>(int& offset)>& body);

  /// Remembers a started statement for Interrupt() (and forgets finished ones).
  void Track(std::weak_ptr<QueryExecution> execution);
  /// `stream`, reporting an error raised while its rows are fetched to the transaction (inside
  /// BEGIN ... COMMIT the block fails, as PostgreSQL's does after any error).
  std::unique_ptr<ResultStream> ReportingErrors(std::unique_ptr<ResultStream> stream);

  DatabaseInstance& database_;
  ClientSettings settings_;
  Transaction transaction_;
  /// What a streaming result calls when fetching fails (it holds a weak reference, so a result
  /// outliving the context reports nothing).
  std::shared_ptr<std::function<void()>> stream_error_;
  std::map<std::string, std::shared_ptr<const PreparedPlan>> prepared_statements_;  // SQL PREPARE

  std::mutex interrupt_mutex_;
  CopyHandler* copy_handler_ = nullptr;
  /// The notices of the statement running in Query() (moved into its result).
  std::vector<Notice> notices_;
  bool in_query_ = false;      // inside Query(): guarded by interrupt_mutex_
  bool interrupted_ = false;   // Interrupt() arrived during the current Query()
  std::vector<std::weak_ptr<QueryExecution>> executions_;  // started, maybe still streaming
};

}  // namespace cairn
