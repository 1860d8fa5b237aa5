// Connection: a session on a Database that runs SQL statements, and prepares queries to run
// many times with parameters (cairn/prepared_statement.h).
//
// Thread-safety: one Connection per thread; many Connections may share one Database. The one
// exception is interrupt(), the cancel entry point, which any thread may call at any time.
// A PreparedStatement may be executed by several connections (threads) at once.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>

#include "cairn/copy_handler.h"
#include "cairn/database.h"
#include "cairn/prepared_statement.h"
#include "cairn/query_result.h"

namespace cairn {

/// The stack size (bytes) with which a thread runs statements most cheaply: Cairn plans each
/// statement on a thread with this much stack, so that deeply nested statements succeed; a
/// calling thread that has it (created with pthread_attr_setstacksize) plans on itself, any
/// other hands planning to a fresh thread per statement. Only the pages used are committed.
inline constexpr size_t kStatementThreadStackBytes = size_t(64) << 20;

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

  /// Prepares one query (SELECT, VALUES, ...; parameters $1, $2, ... allowed) for execution with
  /// PreparedStatement::execute() or execute() below: parses, binds, optimizes and plans it
  /// once. Never throws for user errors: a failure is kept in the statement (has_error(), with
  /// SQLSTATE and position; 42601 for several statements, 0A000 for a statement that is not a
  /// query). The plan uses this connection's optimizer settings at the time of the call.
  std::unique_ptr<PreparedStatement> prepare(std::string_view sql);
  /// prepare() with the types of $1..$k declared, k = parameter_types.size() (like PREPARE
  /// name(types) AS ... and the extended protocol's Parse message): TypeId::INVALID leaves that
  /// one to be inferred. A declared parameter that does not occur keeps its type; an undeclared
  /// one that does not occur while a higher one does is 42P18.
  std::unique_ptr<PreparedStatement> prepare(std::string_view sql, std::vector<LogicalType> parameter_types);

  /// Runs `statement` — prepared by any connection of the same Database — on this connection
  /// (its memory limit; interrupt() cancels it) with `params` ($1 = params[0]). Errors come
  /// back as error results (see PreparedStatement::execute). Several connections may execute
  /// the same statement at the same time.
  std::unique_ptr<QueryResult> execute(const PreparedStatement& statement, std::vector<Value> params = {});

  /// Cancels the statement currently running or streaming on this connection (PostgreSQL's
  /// cancel request): a query() call in progress, or a QueryResult it returned that has not
  /// been read to its end. That statement fails with SQLSTATE 57014 "canceling statement due
  /// to user request" (fetch() returns nullptr, has_error() turns true; buffered rows are
  /// discarded), and the later statements of the same query() call do not run. A no-op when
  /// nothing is running. The connection stays usable. Callable from any thread (e.g. a signal
  /// handling thread or a watchdog); returns at once without waiting for worker threads.
  void interrupt();

  /// Where COPY ... FROM STDIN reads and COPY ... TO STDOUT writes its data (cairn/
  /// copy_handler.h); nullptr (the default): those statements fail with 0A000. The handler must
  /// outlive its use by this connection.
  void set_copy_handler(CopyHandler* handler);

  ClientContext& context() { return *context_; }

 private:
  std::unique_ptr<ClientContext> context_;
};

}  // namespace cairn
