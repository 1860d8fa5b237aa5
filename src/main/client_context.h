// ClientContext: the per-connection state — settings changed by SET, and the planner — and
// the statement loop behind Connection::query: split the SQL into statements, plan each, run
// it on the database's scheduler, and return the last result.
//
// Errors never escape Query(): cairn::Exception becomes an error QueryResult (with the
// position shifted to the whole SQL text); any other std::exception becomes XX000.
//
// Thread-safety: one thread at a time (like the Connection that owns it).
#pragma once

#include <memory>
#include <string_view>

#include "cairn/query_result.h"
#include "main/database_instance.h"
#include "sql/planner.h"

namespace cairn {

class ClientContext {
 public:
  explicit ClientContext(DatabaseInstance& database) : database_(database) {}

  /// Runs every statement of `sql`; returns the last result (or the first error).
  std::unique_ptr<QueryResult> Query(std::string_view sql);

  ClientSettings& settings() { return settings_; }
  DatabaseInstance& database() { return database_; }

 private:
  /// Plans and starts one statement. Throws cairn::Exception.
  std::unique_ptr<QueryResult> RunStatement(const std::string& statement);

  DatabaseInstance& database_;
  ClientSettings settings_;
};

}  // namespace cairn
