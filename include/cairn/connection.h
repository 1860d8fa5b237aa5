// Connection: a session on a Database that runs SQL statements.
//
// Thread-safety: one Connection per thread; many Connections may share one Database.
#pragma once

#include <memory>
#include <string_view>

#include "cairn/database.h"
#include "cairn/query_result.h"

namespace cairn {

class ClientContext;  // engine internals (src/main)

class Connection {
 public:
  explicit Connection(Database& database);
  ~Connection();

  /// Runs every statement in `sql` in order and returns the last one's result. Never throws
  /// for user errors: a parse, bind or execution error comes back as an error result
  /// (has_error(), with SQLSTATE and, for syntax errors, the 1-based position). The first
  /// failing statement stops the rest.
  std::unique_ptr<QueryResult> query(std::string_view sql);

  ClientContext& context() { return *context_; }

 private:
  std::unique_ptr<ClientContext> context_;
};

}  // namespace cairn
