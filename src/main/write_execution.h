// Carrying out WriteStatements (src/sql/write_statement.h) for a session: INSERT / UPDATE /
// DELETE / CREATE TABLE AS run their change query against the transaction's state, check NOT
// NULL, CHECK and unique constraints, and apply the change atomically; managed-table DDL and
// CHECKPOINT go to the storage manager; BEGIN / COMMIT / ROLLBACK drive the session's
// Transaction. docs/sql/writes.md says what users see; docs/design/storage.md how it works.
//
// Errors: cairn::Exception — 23502 (NOT NULL), 23505 (unique, with PostgreSQL's DETAIL), 23514
// (CHECK), 25001 (DDL inside a transaction block), 25006 (read-only database), 58030 (the WAL
// cannot be synced), and the query's own errors. A failed statement changes nothing.
//
// Thread-safety: called by the session's thread.
#pragma once

#include <memory>

#include "cairn/query_result.h"
#include "execution/parameter_values.h"
#include "execution/query_execution.h"
#include "main/database_instance.h"
#include "sql/planner.h"
#include "storage/transaction.h"

namespace cairn {

/// What a write needs from its session.
struct WriteSession {
  DatabaseInstance& database;
  Transaction& transaction;
  ClientSettings& settings;
  /// Receives the handle of a started query (so the session can interrupt it).
  std::function<void(std::weak_ptr<QueryExecution>)> track;
  /// The values of $1..$n of a prepared write (null: none).
  std::shared_ptr<const ParameterValues> parameters;
  /// Where notices go (CREATE TABLE IF NOT EXISTS of an existing table); may be null.
  std::vector<Notice>* notices = nullptr;
};

/// Carries out `statement` (tag: the planner's command tag). Throws cairn::Exception.
std::unique_ptr<QueryResult> ExecuteWrite(WriteStatement& statement, const std::string& command_tag,
                                          WriteSession& session);

}  // namespace cairn
