// Utility statements the planner executes at plan time (they change the registry or the
// session, or produce small constant results): CREATE/DROP FOREIGN TABLE (statement_registry.cpp),
// SET/RESET/SHOW (statement_settings.cpp), DESCRIBE and EXPLAIN result tables
// (statement_describe.cpp).
//
// Registry DDL persists the registry to <data_dir>/table_mappings.json (the file the shell and
// later sessions load), so a table created in one session is visible in the next. Each statement
// is one TableRegistry::update_table_mappings: under the data directory lock, against the file
// as other processes left it (docs/design/registry-persistence.md); dropping the last mapping
// leaves an empty list.
//
// Thread-safety: called by the Planner of one connection; the registry is thread-safe.
#pragma once

#include <string>
#include <vector>

#include "sql/binder.h"
#include "sql/planner.h"

namespace cairn {

/// CREATE FOREIGN TABLE name [(col type [NOT NULL], ...)] SERVER s OPTIONS (location '...' |
/// partitions 'a,b,dir/'). Throws 42P07 if the name is mapped (unless IF NOT EXISTS), 22023 for
/// bad options, and whatever the registry throws for unreadable files / schema mismatches.
PlannedStatement PlanCreateForeignTable(const PgQuery__CreateForeignTableStmt& statement, TableRegistry& registry,
                                         Binder& binder);
/// DROP FOREIGN TABLE [IF EXISTS] name [, ...]. Throws 42P01 for unknown names without IF EXISTS.
PlannedStatement PlanDropTable(const PgQuery__DropStmt& statement, TableRegistry& registry);
/// SET / RESET for enable_optimizer and disabled_optimizers. Throws 42704 for unknown settings,
/// 22023 for bad values.
PlannedStatement PlanSet(const PgQuery__VariableSetStmt& statement, ClientSettings& settings);
/// SHOW TABLES, SHOW ALL, SHOW <setting>.
PlannedStatement PlanShow(const PgQuery__VariableShowStmt& statement, const ClientSettings& settings,
                           const TableRegistry& registry);
/// DESCRIBE: the column names and types of `plan`'s output (DuckDB's DESCRIBE columns).
PlannedStatement PlanDescribe(const LogicalOperator& plan);
/// A LogicalValues of VARCHAR columns `names` holding `rows` (NULL for std::nullopt cells).
LogicalOperatorPtr MakeVarcharValues(const std::vector<std::string>& names,
                                     const std::vector<std::vector<std::optional<std::string>>>& rows);

}  // namespace cairn
