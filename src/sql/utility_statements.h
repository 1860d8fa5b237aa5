// Utility statements the planner executes at plan time (they change the catalog or the
// session, or produce small constant results): CREATE FOREIGN TABLE / SCHEMA / VIEW and DROP
// (statement_catalog.cpp),
// SET/RESET/SHOW (statement_settings.cpp), DESCRIBE and EXPLAIN result tables
// (statement_describe.cpp).
//
// Catalog DDL persists the catalog (<data_dir>/catalog.json and table_mappings.json, the files
// the shell and later sessions load), so a table created in one session is visible in the next.
// Each change is one Catalog update: under the data directory lock, against the files as other
// processes left them (docs/design/catalog.md, docs/design/registry-persistence.md).
//
// Thread-safety: called by the Planner of one connection; the catalog is thread-safe.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "sql/binder.h"
#include "sql/planner.h"

namespace cairn {

/// CREATE FOREIGN TABLE [ns.]name [(col type [NOT NULL], ...)] SERVER s OPTIONS (location '...'
/// | partitions 'a,b,dir/'), in the first existing namespace of `search_path` when unqualified.
/// Throws 42P07 if the name is taken (unless IF NOT EXISTS), 3F000 for an unknown namespace,
/// 22023 for bad options, and whatever the registry throws for unreadable files / schema
/// mismatches.
PlannedStatement PlanCreateForeignTable(const PgQuery__CreateForeignTableStmt& statement, Catalog& catalog,
                                         Binder& binder, const std::vector<std::string>& search_path,
                                         std::vector<Notice>* notices = nullptr);
/// CREATE SCHEMA [IF NOT EXISTS] name: a namespace. 42P06 if it exists (with IF NOT EXISTS: a
/// NOTICE 42P06 "... already exists, skipping" in `notices`), 42939 for pg_* names.
PlannedStatement PlanCreateSchema(const PgQuery__CreateSchemaStmt& statement, Catalog& catalog,
                                  std::vector<Notice>* notices = nullptr);
/// CREATE [OR REPLACE] VIEW [ns.]name [(columns)] AS query: the query is bound now (its columns
/// are the view's) and stored as PostgreSQL's deparsed text with the search path. 42P07 if a
/// table has the name, 42P16 when OR REPLACE would drop or change a column.
PlannedStatement PlanCreateView(const PgQuery__ViewStmt& statement, Catalog& catalog, Binder& binder,
                                const std::vector<std::string>& search_path);
/// CREATE TABLE [IF NOT EXISTS] name OF type WITH (project = 'id') (also written FOR PROJECT
/// 'id'): adds a project to a project table of a YAML table type (Catalog::create_project_table).
/// Other CREATE TABLE forms are 0A000 until writable tables exist.
PlannedStatement PlanCreateTable(const PgQuery__CreateStmt& statement, Catalog& catalog, Binder& binder,
                                 const std::vector<std::string>& search_path);
/// The namespace a CREATE of `relation` puts it in: its schema, else the first existing
/// namespace of `search_path`.
std::string NamespaceOf(const PgQuery__RangeVar& relation, const Catalog& catalog, const std::vector<std::string>& search_path);

// ---- writable tables (statement_write.cpp; carried out by the session: WriteStatement) ----

/// CREATE TABLE [IF NOT EXISTS] name (column type [NOT NULL | NULL | DEFAULT e | PRIMARY KEY |
/// UNIQUE | CHECK (e)] ..., [PRIMARY KEY (...) | UNIQUE (...) | CHECK (...)] ...). Throws 42601,
/// 42701 (a column twice), 42704 (unknown type), 42P16 (two primary keys), 0A000 (foreign keys,
/// LIKE, partitioning, ...).
PlannedStatement PlanCreateManagedTable(const PgQuery__CreateStmt& statement, Catalog& catalog, Binder& binder,
                                        const std::vector<std::string>& search_path);
/// CREATE TABLE name [(columns)] AS query [WITH [NO] DATA].
PlannedStatement PlanCreateTableAs(const PgQuery__CreateTableAsStmt& statement, Catalog& catalog, Binder& binder,
                                   const std::vector<std::string>& search_path);
/// TRUNCATE [TABLE] name [, ...].
PlannedStatement PlanTruncate(const PgQuery__TruncateStmt& statement, Binder& binder);
/// ALTER TABLE [IF EXISTS] name ADD/DROP COLUMN, ALTER COLUMN SET/DROP DEFAULT, SET/DROP NOT NULL.
PlannedStatement PlanAlterTable(const PgQuery__AlterTableStmt& statement, Catalog& catalog, Binder& binder,
                                const std::vector<std::string>& search_path);
/// ALTER TABLE name RENAME TO new / RENAME COLUMN a TO b.
PlannedStatement PlanRename(const PgQuery__RenameStmt& statement, Catalog& catalog, Binder& binder,
                            const std::vector<std::string>& search_path);
/// BEGIN / START TRANSACTION / COMMIT / END / ROLLBACK / ABORT. Savepoints are 0A000.
PlannedStatement PlanTransaction(const PgQuery__TransactionStmt& statement);

/// DROP TABLE / FOREIGN TABLE / VIEW [IF EXISTS] name [, ...] and DROP SCHEMA [IF EXISTS] name
/// [CASCADE | RESTRICT]. Throws 42P01 for unknown tables (3F000 for schemas) without IF EXISTS,
/// 42809 for DROP VIEW on a table and the reverse, 2BP01 for a non-empty schema without
/// CASCADE and for system objects.
/// With IF EXISTS, each missing object adds PostgreSQL's NOTICE "... does not exist, skipping" to
/// `notices` (when given).
PlannedStatement PlanDrop(const PgQuery__DropStmt& statement, Catalog& catalog, const std::vector<std::string>& search_path,
                          std::vector<Notice>* notices = nullptr);
/// CREATE ROLE / CREATE USER name [[WITH] LOGIN | NOLOGIN | PASSWORD 'p' | PASSWORD NULL |
/// INHERIT] (statement_role.cpp): the role, its password stored as a SCRAM-SHA-256 verifier.
/// Throws 42710 when the role exists, 42939 for pg_* names, 0A000 for other options and CREATE
/// GROUP, 22023 for an empty password.
PlannedStatement PlanCreateRole(const PgQuery__CreateRoleStmt& statement, Catalog& catalog);
/// ALTER ROLE / ALTER USER name [WITH] LOGIN | NOLOGIN | PASSWORD ...: 42704 for an unknown role.
PlannedStatement PlanAlterRole(const PgQuery__AlterRoleStmt& statement, Catalog& catalog);
/// DROP ROLE / DROP USER [IF EXISTS] name, ...: 42704 for an unknown role (a NOTICE with IF
/// EXISTS).
PlannedStatement PlanDropRole(const PgQuery__DropRoleStmt& statement, Catalog& catalog, std::vector<Notice>* notices);
/// SET / RESET for enable_optimizer and disabled_optimizers. Throws 42704 for unknown settings,
/// 22023 for bad values.
PlannedStatement PlanSet(const PgQuery__VariableSetStmt& statement, ClientSettings& settings);
/// SHOW ALL, SHOW <setting> (SHOW TABLES is planned as a query over system.tables).
PlannedStatement PlanShow(const PgQuery__VariableShowStmt& statement, const ClientSettings& settings);
/// SET search_path's value as SHOW prints it: `"$user", public`.
std::string SearchPathText(const std::vector<std::string>& search_path);
/// DESCRIBE: the column names and types of `plan`'s output (DuckDB's DESCRIBE columns).
PlannedStatement PlanDescribe(const LogicalOperator& plan);
/// COPY (query) TO 'path' [WITH] (options) and COPY name [(columns)] TO 'path' (options)
/// (statement_copy.cpp, docs/sql/copy.md): plans the rows with `plan_query` and validates the
/// options (FORMAT parquet | csv | text, else from the path's extension; PostgreSQL 15's csv/text
/// options and messages; Parquet's COMPRESSION, ROW_GROUP_SIZE, ROW_GROUP_SIZE_BYTES,
/// PARQUET_VERSION) into a COPY_TO statement. Throws 42601 for unknown or repeated options,
/// 22023 / 0A000 for bad values as PostgreSQL does, 0A000 for TO STDOUT and TO PROGRAM. (COPY FROM:
/// sql/copy_from_plan.h.)
PlannedStatement PlanCopyTo(const PgQuery__CopyStmt& statement, Binder& binder,
                            const std::function<LogicalOperatorPtr(const PgQuery__SelectStmt&)>& plan_query);
/// A LogicalValues of VARCHAR columns `names` holding `rows` (NULL for std::nullopt cells).
LogicalOperatorPtr MakeVarcharValues(const std::vector<std::string>& names,
                                     const std::vector<std::vector<std::optional<std::string>>>& rows);

}  // namespace cairn
