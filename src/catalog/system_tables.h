// The system tables: the catalog as tables SQL can read (the KalamDB seed's `system.tables` and
// `system.schemas`, plus `system.columns`, `system.namespaces`, `system.files`) and the SQL
// standard's `information_schema.schemata`, `.tables`, `.columns`, `.views` as PostgreSQL
// spells them (PostgreSQL manual, chapter 37 "The Information Schema"). Each scan reads a
// snapshot of the catalog taken when the scan starts (a prepared statement sees later
// changes); filters, joins and aggregates work as on any table (the engine evaluates them;
// the rows are few). The pg_catalog tables are described in pg_catalog_tables.h.
//
// Columns: docs/sql/catalog.md.
//
// Thread-safety: SystemTables() is immutable; a source is a snapshot and thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cairn/catalog.h"
#include "function/table/table_source.h"

namespace cairn {

/// One system table: its namespace, name, fixed id and columns.
struct SystemTableInfo {
  std::string namespace_name;
  std::string name;
  TableId id;
  std::vector<ColumnDefinition> columns;
};

/// Every system table, in id order.
const std::vector<SystemTableInfo>& SystemTables();
/// The system table `namespace_name`.`name` (canonical, lower case), or nullptr.
const SystemTableInfo* FindSystemTable(const std::string& namespace_name, const std::string& name);
/// True for `system`, `information_schema` and `pg_catalog` (pg_catalog_tables.h).
bool IsSystemNamespace(const std::string& namespace_name);

/// The source of `table` over `catalog` (which must outlive it). Each scan reads the catalog
/// then; tables that show file tables' states or columns refresh them first
/// (Catalog::refresh_states). Broken tables and unreadable files appear as rows (state
/// 'broken', NULL sizes); nothing is thrown for them.
std::shared_ptr<TableSource> CreateSystemTableSource(Catalog& catalog, const SystemTableInfo& table);

}  // namespace cairn
