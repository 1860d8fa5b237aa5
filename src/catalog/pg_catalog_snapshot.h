// The PostgreSQL view of Cairn's catalog at one moment: namespaces, relations (tables, views,
// their indexes), columns, constraints and defaults with PostgreSQL-style OIDs, from which the
// pg_catalog system tables (pg_catalog_tables.h) and the catalog functions psql calls
// (pg_catalog_functions.h: pg_get_constraintdef, pg_table_is_visible, ...) are answered.
//
// OID scheme (stable for as long as the objects exist; docs/sql/catalog.md):
//   - namespaces: pg_catalog 11, public 2200, information_schema 13000, system 13001; a user
//     namespace hashes its name (FNV-1a) into [16384, 2^31), probing upwards on a collision in
//     name order, so its oid does not change when other namespaces come and go.
//   - Cairn's system tables (system.*, information_schema.*, pg_catalog.*): their TableId (< 16384).
//   - user tables and views: 16384 + (TableId - 16384) * 1024 (TableIds start at 16384), so the
//     first table is 16384; an object belonging to the table takes the table's oid plus 1..511
//     (indexes, in pg_class) or 512..1023 (constraints, defaults).
//   - functions (pg_proc): 1_000_000_000 + their position in (name, overload) order.
//
// Thread-safety: a snapshot is immutable once taken and may be shared between threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "cairn/catalog.h"

namespace cairn {

/// The oid pg_catalog gives the namespace pg_catalog itself, and public.
inline constexpr int64_t kPgCatalogNamespaceOid = 11;
inline constexpr int64_t kPublicNamespaceOid = 2200;
/// The oid of the one database, its owner role, the heap and btree access methods, the default
/// tablespace and the default collation (PostgreSQL's fixed oids where it has them).
inline constexpr int64_t kDatabaseOid = 16383;
inline constexpr int64_t kOwnerRoleOid = 10;
inline constexpr int64_t kHeapAmOid = 2;
inline constexpr int64_t kBtreeAmOid = 403;
inline constexpr int64_t kDefaultTablespaceOid = 1663;
inline constexpr int64_t kDefaultCollationOid = 100;
/// The one database's name (current_database(), pg_database, information_schema) and the one
/// role, which owns every object (pg_roles, pg_get_userbyid).
inline constexpr const char* kPgDatabaseName = "cairn";
inline constexpr const char* kPgOwnerName = "cairn";
/// pg_class's own oid: the classoid of relations in pg_description.
inline constexpr int64_t kPgClassRelationOid = 1259;

/// A namespace (pg_namespace row).
struct PgNamespaceInfo {
  int64_t oid = 0;
  std::string name;
  bool system = false;
};

/// A column (pg_attribute row; attnum is its index + 1).
struct PgAttributeInfo {
  std::string name;
  int64_t type_oid = 25;
  int32_t type_modifier = -1;
  int16_t length = -1;
  bool not_null = false;
  std::optional<std::string> default_expression;  // as declared (pg_attrdef.adbin)
  std::optional<std::string> comment;
};

/// A PRIMARY KEY or UNIQUE constraint and the unique index behind it.
struct PgIndexInfo {
  int64_t index_oid = 0;       // the index's pg_class oid
  int64_t constraint_oid = 0;  // the pg_constraint oid
  std::string name;            // <table>_pkey, <table>_<columns>_key (PostgreSQL's names)
  bool primary = false;
  std::vector<int16_t> keys;   // attnums
  std::vector<std::string> key_names;
};

/// A CHECK constraint.
struct PgCheckInfo {
  int64_t oid = 0;
  std::string name;
  std::string expression;
  std::vector<int16_t> keys;  // attnums of the columns the expression names (pg_constraint.conkey)
};

/// A table or view (pg_class row of kind 'r' or 'v').
struct PgRelationInfo {
  int64_t oid = 0;
  std::string name;
  int64_t namespace_oid = 0;
  std::string namespace_name;
  char kind = 'r';  // 'r' table (managed, file, project and system tables), 'v' view
  TableType type = TableType::kFile;
  TableId id;
  std::vector<PgAttributeInfo> columns;
  std::vector<PgIndexInfo> indexes;
  std::vector<PgCheckInfo> checks;
  std::string view_definition;
};

/// The catalog as pg_catalog shows it.
class PgCatalogSnapshot {
 public:
  /// Reads `catalog` now (without refreshing file tables' states). Throws what the catalog
  /// throws (a corrupt catalog file).
  static std::shared_ptr<const PgCatalogSnapshot> Take(Catalog& catalog);

  const std::vector<PgNamespaceInfo>& namespaces() const { return namespaces_; }
  const std::vector<PgRelationInfo>& relations() const { return relations_; }

  /// The relation with pg_class oid `oid` (a table or view, not an index), or nullptr.
  const PgRelationInfo* FindRelation(int64_t oid) const;
  /// The relation named `name` in `namespace_name`, or nullptr.
  const PgRelationInfo* FindRelation(const std::string& namespace_name, const std::string& name) const;
  /// The pg_class oid of the table, view or index named `name` in `namespace_name`, or nullopt.
  std::optional<int64_t> FindClassOid(const std::string& namespace_name, const std::string& name) const;
  /// The index with pg_class oid `oid` and its table, or {nullptr, nullptr}.
  std::pair<const PgRelationInfo*, const PgIndexInfo*> FindIndex(int64_t oid) const;
  /// The namespace with `oid`, or nullptr; by name likewise.
  const PgNamespaceInfo* FindNamespace(int64_t oid) const;
  const PgNamespaceInfo* FindNamespace(const std::string& name) const;
  /// pg_get_constraintdef's text for constraint `oid` ("PRIMARY KEY (id)", "UNIQUE (a, b)",
  /// "CHECK (x > 0)"), or nullopt.
  std::optional<std::string> ConstraintDefinition(int64_t oid) const;
  /// pg_get_indexdef's text for index `oid` ("CREATE UNIQUE INDEX t_pkey ON public.t USING
  /// btree (id)"; the table unqualified when not `qualify_table`), or nullopt.
  std::optional<std::string> IndexDefinition(int64_t oid, bool qualify_table = true) const;
  /// The relation's name as regclass prints it: qualified unless its namespace is public or
  /// pg_catalog (the default search path); nullopt for an unknown oid.
  std::optional<std::string> RelationDisplayName(int64_t oid) const;

 private:
  std::vector<PgNamespaceInfo> namespaces_;
  std::vector<PgRelationInfo> relations_;
  std::unordered_map<int64_t, size_t> relation_by_oid_;
  std::unordered_map<int64_t, std::pair<size_t, size_t>> index_by_oid_;
  std::unordered_map<int64_t, std::pair<size_t, size_t>> check_by_oid_;
  std::unordered_map<int64_t, std::pair<size_t, size_t>> unique_by_constraint_oid_;
};

/// The oid of a user table (or view) with `id`: 16384 + (id - 16384) * 1024; system tables
/// keep their id.
int64_t PgRelationOid(TableId id);

/// PostgreSQL's quote_ident: `name` as is when it is a plain lower-case identifier, else in
/// double quotes with embedded quotes doubled.
std::string PgQuoteIdentifier(const std::string& name);

}  // namespace cairn
