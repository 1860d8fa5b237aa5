// ClientContext: the per-connection state — settings changed by SET, and the planner — and
// the statement loop behind Connection::query: split the SQL into statements, plan each, run
// it on the database's scheduler, and return the last result.
//
// Errors never escape Query(): cairn::Exception becomes an error QueryResult (with the
// position shifted to the whole SQL text); any other std::exception becomes XX000.
//
// Thread-safety: one thread at a time (like the Connection that owns it), except Interrupt(),
// which any thread may call at any time.
#pragma once

#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "cairn/query_result.h"
#include "execution/query_execution.h"
#include "main/database_instance.h"
#include "sql/planner.h"

namespace cairn {

class ClientContext {
 public:
  explicit ClientContext(DatabaseInstance& database) : database_(database) {}

  /// Runs every statement of `sql`; returns the last result (or the first error).
  std::unique_ptr<QueryResult> Query(std::string_view sql);

  /// Cancels the statement running inside Query() or still streaming from a QueryResult this
  /// context returned: it fails with 57014 "canceling statement due to user request", and the
  /// statements of the same Query() call after it do not run. A no-op when nothing runs.
  /// Thread-safe; returns without waiting for workers.
  void Interrupt();

  ClientSettings& settings() { return settings_; }
  DatabaseInstance& database() { return database_; }

 private:
  /// Plans and starts one statement. Throws cairn::Exception.
  std::unique_ptr<QueryResult> RunStatement(const std::string& statement);

  /// Remembers a started statement for Interrupt() (and forgets finished ones).
  void Track(std::weak_ptr<QueryExecution> execution);

  DatabaseInstance& database_;
  ClientSettings settings_;

  std::mutex interrupt_mutex_;
  bool in_query_ = false;      // inside Query(): guarded by interrupt_mutex_
  bool interrupted_ = false;   // Interrupt() arrived during the current Query()
  std::vector<std::weak_ptr<QueryExecution>> executions_;  // started, maybe still streaming
};

}  // namespace cairn
