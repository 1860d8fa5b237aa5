// Planner: SQL text → PlannedStatement. Parses with libpg_query (PostgreSQL 15's grammar),
// binds names against the catalog (namespaces, tables, views, system tables; table functions), builds a logical
// plan and optimizes it. Utility statements (catalog DDL, SET, USE) run here, at plan time.
//
// Errors: cairn::Exception with SQLSTATE; syntax errors carry the 1-based cursor position.
// Thread-safety: a Planner belongs to one ClientContext (one thread at a time); the catalog it
// reads is thread-safe.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cairn/catalog.h"
#include "cairn/query_result.h"
#include "sql/logical_operator.h"
#include "sql/write_statement.h"

namespace cairn {

struct CopyToSpec;  // sql/copy_to_spec.h
class CopyHandler;  // cairn/copy_handler.h

struct PlannedStatement {
  /// What the session does with this statement. RUN: execute `plan` (if any). PREPARE: store
  /// `plan` (with `parameter_types`) as prepared statement `statement_name`. EXECUTE: run the
  /// prepared statement `statement_name` with `arguments`. DEALLOCATE: drop `statement_name`
  /// ("" = ALL). COPY_TO: run `plan` into the file `copy_to` describes. WRITE: carry out
  /// `write` (DML, managed-table DDL, transaction control).
  enum class Action : uint8_t { RUN, PREPARE, EXECUTE, DEALLOCATE, COPY_TO, WRITE };
  Action action = Action::RUN;
  /// The plan to execute; null for statements that produce no rows (CREATE ..., SET ...).
  LogicalOperatorPtr plan;
  /// Types of the plan's parameters $1..$n (planned with parameters allowed, or PREPARE).
  std::vector<LogicalType> parameter_types;
  /// PREPARE / EXECUTE / DEALLOCATE: the prepared statement's name.
  std::string statement_name;
  /// EXECUTE: the bound argument expressions (no column references) and their 1-based
  /// positions in the statement (for errors).
  std::vector<ExpressionPtr> arguments;
  std::vector<std::optional<int>> argument_positions;
  /// Result column names (= plan->names when plan is set).
  std::vector<std::string> names;
  /// PostgreSQL CommandComplete tag: "SELECT", "CREATE FOREIGN TABLE", "DROP FOREIGN TABLE", "SET", ...
  std::string command_tag = "SELECT";
  /// WRITE: what to do (sql/write_statement.h).
  std::shared_ptr<WriteStatement> write;
  /// COPY_TO: the target file, format and writer options (sql/copy_to_spec.h).
  std::shared_ptr<const CopyToSpec> copy_to;
  /// EXPLAIN: the plan's text is the result (one VARCHAR column "explain_value" / QUERY PLAN).
  bool is_explain = false;
  /// EXPLAIN ANALYZE: `plan` is the query to run and describe (execution/explain_analyze.h),
  /// with or without estimates (COSTS) and times (TIMING).
  bool explain_analyze = false;
  bool explain_costs = true;
  bool explain_timing = true;
};

/// Per-connection settings the planner reads and SET changes.
struct ClientSettings {
  bool enable_optimizer = true;
  std::vector<std::string> disabled_optimizers;  // rule names, e.g. "filter_pushdown"
  /// SET memory_limit: bytes a query may hold; 0 = the database's limit.
  uint64_t memory_limit = 0;
  /// The database's limit (DatabaseOptions::memory_limit), what SHOW prints when memory_limit
  /// is 0. Kept by RESET.
  uint64_t database_memory_limit = 0;
  /// SET temp_directory: where operators that spill (hash aggregation, ORDER BY) create their
  /// temporary files when a query nears memory_limit; empty = the system's ($TMPDIR, else /tmp).
  std::string temp_directory;
  /// SET max_recursive_iterations: a WITH RECURSIVE query failing after this many iterations
  /// is 54000 (a runaway recursion), instead of running forever.
  idx_t max_recursive_iterations = 100000;
  /// SET search_path: the namespaces unqualified table names resolve in, in order (PostgreSQL's
  /// default; "$user" names no namespace in Cairn and is skipped). USE ns sets it to ns.
  std::vector<std::string> search_path = {"$user", "public"};
  /// PostgreSQL's client settings changed with SET (canonical name → value; sql/postgres_settings.h).
  std::map<std::string, std::string> postgres_settings;
};

class Planner {
 public:
  Planner(Catalog& catalog, ClientSettings& settings) : catalog_(catalog), settings_(settings) {}
  /// The peer COPY ... FROM STDIN asks for its data (may be null: such a COPY is 0A000).
  void set_copy_handler(CopyHandler* handler) { copy_handler_ = handler; }
  /// Where statements put the notices they raise (IF [NOT] EXISTS skipping; may be null).
  void set_notices(std::vector<Notice>* notices) { notices_ = notices; }

  /// Splits `sql` into statements (cairn/statement_splitter.h, leading comments dropped) and
  /// returns each statement's text with its offset in `sql` (for error positions). Never throws:
  /// an unterminated literal or comment stays in the last statement for the parser to report.
  static std::vector<std::pair<std::string, int>> SplitStatements(const std::string& sql);

  /// Plans one statement on a thread with a large stack (kLargeThreadStackBytes). Throws
  /// cairn::Exception; 54001 when the statement is nested too deeply even for that stack.
  /// With `allow_parameters` (Connection::prepare) the statement must be a query and may use
  /// $n (types inferred, in `parameter_types`); otherwise $n is 42P02. `declared_parameters`
  /// gives the types of $1..$k (TypeId::INVALID: infer that one), as the extended protocol's
  /// Parse message declares them.
  PlannedStatement Plan(const std::string& statement_sql, bool allow_parameters = false,
                        std::vector<LogicalType> declared_parameters = {});

  /// True if `statement_sql` is COMMIT, END, ROLLBACK or ABORT (what a failed transaction block
  /// still accepts). Never throws.
  static bool EndsTransaction(const std::string& statement_sql);

 private:
  /// Plan()'s work, on the calling thread.
  PlannedStatement PlanOnThisThread(const std::string& statement_sql, bool allow_parameters,
                                    std::vector<LogicalType> declared_parameters = {});

  Catalog& catalog_;
  ClientSettings& settings_;
  CopyHandler* copy_handler_ = nullptr;
  std::vector<Notice>* notices_ = nullptr;
};

}  // namespace cairn
