// The pg_catalog namespace: PostgreSQL 15's system catalogs derived from Cairn's catalog, for
// clients that read them (psql's \d family, drivers, BI tools). Tables psql's queries touch for
// objects Cairn does not have (policies, triggers, publications, inheritance, extended
// statistics) exist with PostgreSQL's columns and no rows. Each scan takes a fresh
// PgCatalogSnapshot.
//
// Column types follow PostgreSQL as far as Cairn's types allow: oid, regproc and xid are
// bigint; name and "char" are text; int2vector and oidvector are smallint[] and bigint[];
// aclitem[] is text[]. Columns, oids and what is empty: docs/sql/catalog.md.
//
// Thread-safety: PgCatalogTables() is immutable; filling rows reads the catalog under its lock.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "catalog/system_table_rows.h"
#include "catalog/system_tables.h"

namespace cairn {

/// The pg_catalog tables (namespace "pg_catalog"), without ids (system_tables.cpp numbers them).
std::vector<SystemTableInfo> PgCatalogTables();

/// The value pg_settings gives parameter `name` (lower case): what the server reports at
/// startup (server_version, datestyle, timezone, ...), or nullopt for other names.
std::optional<std::string> PgStartupSetting(const std::string& name);

/// Appends the rows of pg_catalog table `table` as `catalog` is now.
void FillPgCatalogRows(Catalog& catalog, const SystemTableInfo& table, SystemTableRows& out);

}  // namespace cairn
