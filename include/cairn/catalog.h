// Catalog: every table of a data directory — files registered by name (the TableRegistry),
// views, system tables, and later kinds — as entries of one model, organised in namespaces
// (PostgreSQL schemas) and with a versioned schema per table (the KalamDB seed's
// `system.tables` + `system.schemas`: a strongly typed table id, namespace, name, type,
// created time, storage location, current schema version, options and schema definition).
//
// Where the truth lives (docs/design/catalog.md, file format docs/format/catalog.md):
//   - the file tables' mappings: the TableRegistry, persisted in `table_mappings.json` (the
//     ByteDB seed's format, unchanged; a table outside the default namespace appears there
//     under its qualified name `ns.table`);
//   - everything else — namespaces, views, each table's id, created time, options and schema
//     versions: `catalog.json` in the data directory.
// A DDL statement changes both under the data directory lock (`.cairn.lock`), re-reading both
// first, catalog.json before table_mappings.json; on open, catalog metadata whose mapping is
// gone is dropped and a mapping without metadata gets a fresh id, so a process killed between
// the two writes leaves the old or the new catalog.
//
// The default namespace is `public` (PostgreSQL's); `main` (DuckDB's) names the same
// namespace. Names are exact, as the parser hands them over (PostgreSQL folds unquoted names to
// lower case and keeps quoted ones), except file tables' names, which are case-insensitive as
// the registry's always were. `system` and `information_schema` hold the read-only system tables.
//
// A broken entry (a file that vanished, a declared schema the files no longer match) does not
// stop the directory from opening: broken_tables() lists it, its queries fail with the reason,
// and `system.tables` shows state 'broken' with the error.
//
// Thread-safety: every method is safe to call concurrently; changes are serialized.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cairn/table_registry.h"

namespace cairn {

class FileSystem;   // src/io/file_system.h (engine internals)
class TableSource;  // src/function/table/table_source.h (engine internals)

/// A table's identity in the catalog: assigned once, never reused within a data directory
/// (a dropped and re-created table gets a new id). Strongly typed so it cannot be confused
/// with a row count or a schema version.
struct TableId {
  uint64_t value = 0;
  auto operator<=>(const TableId&) const = default;
};

/// What kind of table an entry is (the `table_type` column of system.tables).
enum class TableType : uint8_t {
  kFile,    // files registered by name: the TableRegistry ("FILE")
  kView,    // CREATE VIEW ("VIEW")
  kSystem,  // system.* and information_schema.* ("SYSTEM")
  kProject, // a table of a YAML table type whose rows belong to projects ("PROJECT";
            // docs/design/projects.md): CREATE TABLE name OF type WITH (project = 'id')
  kManaged, // a writable table Cairn stores as Parquet files ("TABLE"; docs/design/storage.md):
            // CREATE TABLE name (columns ...) in a database opened writable
};

/// "FILE", "VIEW", "SYSTEM", "PROJECT", "TABLE".
const char* TableTypeName(TableType type);

/// A CHECK constraint: its name (PostgreSQL's `<table>_<column>_check` when not given) and its
/// boolean expression as SQL text over the table's columns.
struct CheckConstraint {
  std::string name;
  std::string expression;
  bool operator==(const CheckConstraint&) const = default;
};

/// A table's schema definition at one version: its columns (name, type as a SQL type name,
/// nullability, default, comment), primary key column names, UNIQUE column lists, CHECK
/// constraints, and table options.
struct TableDefinition {
  std::vector<ColumnSchema> columns;
  std::vector<std::string> primary_key;
  std::vector<std::vector<std::string>> unique_keys;
  std::vector<CheckConstraint> checks;
  std::map<std::string, std::string> options;
  bool operator==(const TableDefinition&) const = default;
};

/// One Parquet file holding rows of a managed table: its path relative to the data directory
/// and its number of rows.
struct TableDataFile {
  std::string path;
  uint64_t row_count = 0;
  bool operator==(const TableDataFile&) const = default;
};

/// One version of a table's schema. Versions count from 1; a schema change appends one.
struct SchemaVersion {
  uint32_t version = 1;
  int64_t created_at = 0;  // microseconds since the Unix epoch (UTC)
  TableDefinition definition;
};

/// A table's options (KalamDB's SystemTable): when writes are flushed, how long deleted rows
/// are kept, and who may read it. File tables and views use the defaults.
struct TableOptions {
  std::string flush_policy;                      // e.g. "10s", "1m"; "" = none
  std::optional<int64_t> retention_hours;        // deleted-row retention; nullopt = none
  std::string access_level = "public";           // "public" or "private"
  bool operator==(const TableOptions&) const = default;
};

/// One table of the catalog, as system.tables shows it.
struct CatalogEntry {
  TableId id;
  std::string namespace_name;
  std::string name;            // lower case for file tables
  TableType type = TableType::kFile;
  int64_t created_at = 0;         // microseconds since the Unix epoch (UTC)
  std::string storage_location;   // file tables: the path or partition list as registered
  uint32_t schema_version = 1;    // the current version (versions.back().version)
  TableOptions options;
  std::vector<SchemaVersion> versions;  // every version, oldest first; never empty
  /// Views: the defining query's text, and the search path it was created under.
  std::string view_sql;
  std::vector<std::string> view_search_path;
  /// Views: the names the query gave its output columns when the view was created (the view's
  /// columns may be renamed by CREATE VIEW v (a, b)). Reading the view takes these columns by
  /// name, so a `SELECT *` over a table that changed keeps the view's columns.
  std::vector<std::string> view_query_columns;
  /// Project tables: the table type (YAML) the table was created of, and its projects, in the
  /// order they were added; files under <data_dir>/projects/<project>/<table>/.
  std::string of_type;
  std::vector<std::string> projects;
  /// Managed tables: the Parquet files holding the table's rows as of the last checkpoint, in
  /// row order (docs/design/storage.md).
  std::vector<TableDataFile> data_files;
  /// "ok", or "broken" with `error` (a vanished file, a mismatched declared schema).
  std::string state = "ok";
  std::string error;

  const TableDefinition& definition() const { return versions.back().definition; }
};

/// One namespace (PostgreSQL schema).
struct NamespaceEntry {
  std::string name;
  int64_t created_at = 0;  // microseconds since the Unix epoch (UTC)
  bool system = false;     // system, information_schema: read-only
};

/// A role (PostgreSQL's CREATE ROLE / CREATE USER): who may log in to `cairn serve` with a
/// password. Kept in catalog.json (docs/format/catalog.md).
struct RoleEntry {
  std::string name;
  bool can_login = false;
  /// PostgreSQL's SCRAM-SHA-256 verifier text
  /// (`SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`, base64), never the password;
  /// "" for a role without a password (it cannot log in with one).
  std::string password;
  int64_t created_at = 0;  // microseconds since the Unix epoch (UTC)
};

class Catalog {
 public:
  /// The default namespace's name, and the other name it answers to.
  static constexpr const char* kDefaultNamespace = "public";
  static constexpr const char* kDefaultNamespaceAlias = "main";

  /// The catalog of `registry`'s data directory, reading and writing its files through
  /// `file_system` (engine-internal). Both must outlive the catalog. Call open() next.
  Catalog(TableRegistry& registry, FileSystem& file_system);
  ~Catalog();
  Catalog(const Catalog&) = delete;
  Catalog& operator=(const Catalog&) = delete;

  /// Loads `catalog.json` and table_mappings.json (through the registry) when
  /// `load_table_mappings` and they exist, reconciles them, and checks every file table: one whose files are
  /// missing or no longer match its declared schema is listed by broken_tables() and stays in
  /// the catalog. Throws F0000 naming the file and the entry when a catalog file is corrupt.
  void open(bool load_table_mappings);

  /// The entries that failed their check at open (or the last refresh_states()), as
  /// "ns.name: reason" lines.
  std::vector<std::string> broken_tables() const;

  /// Every namespace, sorted by name (system namespaces included).
  std::vector<NamespaceEntry> namespaces() const;
  bool has_namespace(const std::string& name) const;
  /// Every table of the catalog (system tables included when `include_system`), sorted by
  /// namespace and name, with states as last checked.
  std::vector<CatalogEntry> tables(bool include_system = true) const;
  /// The entry `namespace_name`.`name`, if any (`main` = `public`; file tables match any case).
  std::optional<CatalogEntry> find(const std::string& namespace_name, const std::string& name) const;
  /// Resolves an unqualified name along `search_path` (namespaces; unknown ones are skipped),
  /// after pg_catalog's tables unless the path names pg_catalog (as PostgreSQL does).
  std::optional<CatalogEntry> lookup(const std::vector<std::string>& search_path, const std::string& name) const;

  /// Checks the file tables now (files present, declared schema still matching) and updates
  /// their states; the schema definitions of tables registered without one are filled from
  /// their files when readable. What system.tables runs before it reads the catalog.
  void refresh_states();

  /// CREATE ROLE: throws 42710 when a role of that name exists, 42939 for reserved names (pg_*).
  void create_role(const RoleEntry& role);
  /// ALTER ROLE: changes what is given. Throws 42704 when there is no such role.
  void alter_role(const std::string& name, std::optional<bool> can_login, std::optional<std::string> password);
  /// DROP ROLE: false when there was no such role.
  bool drop_role(const std::string& name);
  /// Every role, sorted by name.
  std::vector<RoleEntry> roles() const;
  /// The role `name` (exact, case-sensitive as PostgreSQL's role names), if any.
  std::optional<RoleEntry> find_role(const std::string& name) const;

  /// CREATE SCHEMA. Throws 42P06 if it exists (unless `if_not_exists`), 42939 for reserved
  /// names (system, information_schema, pg_*).
  void create_namespace(const std::string& name, bool if_not_exists);
  /// DROP SCHEMA. Throws 3F000 if unknown (unless `missing_ok`), 2BP01 if it holds tables and
  /// not `cascade` (with cascade its tables and views are dropped), 42939 for system and the
  /// default namespace.
  void drop_namespace(const std::string& name, bool missing_ok, bool cascade);

  /// Registers files as table `namespace_name`.`mapping.table_name` (CREATE FOREIGN TABLE):
  /// validates them (the registry's errors), records schema version 1 — or, when the name is
  /// re-registered with another schema, the next version. Throws 42P07 if a view has the
  /// name, 3F000 for an unknown namespace.
  void register_file_table(const std::string& namespace_name, const TableMapping& mapping, bool replace);
  /// CREATE TABLE name OF type WITH (project = 'id'): adds project `project_id` to the project
  /// table `name` of table type `type_name` (docs/design/projects.md), creating the table with
  /// the type's columns, primary key and options when it does not exist. Types are the built-in
  /// ones and `<data_dir>/types/*.yaml` (docs/format/table-types.md). Throws 42704 for an
  /// unknown type, F0000 for a bad types file, 42P07 when the name is another kind of table or
  /// a project table of another type, 42710 when the project is already there (unless
  /// `if_not_exists`), 22023 for a project id that is not a plain directory name, 3F000 for an
  /// unknown namespace.
  void create_project_table(const std::string& namespace_name, const std::string& name, const std::string& type_name,
                            const std::string& project_id, bool if_not_exists);
  /// DROP TABLE of a project table (its files stay): false if there was none.
  bool drop_project_table(const std::string& namespace_name, const std::string& name);
  /// The directory a project table's files of every project live under, relative to the data
  /// directory: `projects/<project>/<directory name>/`, the directory name being the table's
  /// registry-style name (`name`, or `ns.name` outside the default namespace).
  static std::string ProjectDirectoryName(const std::string& namespace_name, const std::string& name);

  /// DROP TABLE / DROP FOREIGN TABLE: false if there was no such file table.
  bool drop_file_table(const std::string& namespace_name, const std::string& name);

  /// CREATE [OR REPLACE] VIEW: `sql` is the defining query's text, `definition` the view's
  /// columns, `query_columns` the names the query gives them, `search_path` the namespaces it
  /// resolves names in. Throws 42P07 if a table or
  /// (without `or_replace`) a view has the name; 42P16 when replacing would drop or change an
  /// existing column (PostgreSQL's rule).
  void create_view(const std::string& namespace_name, const std::string& name, const std::string& sql,
                   const TableDefinition& definition, const std::vector<std::string>& query_columns,
                   const std::vector<std::string>& search_path, bool or_replace);
  /// DROP VIEW: false if there was no such view.
  bool drop_view(const std::string& namespace_name, const std::string& name);

  /// CREATE TABLE of a managed table (engine-internal: the storage layer calls it, which owns
  /// the files): records `definition` as version 1 with `data_files` (none for an empty table).
  /// Returns the new id, or nullopt when the name is taken and `if_not_exists`. Throws 42P07
  /// when the name is taken, 3F000 for an unknown namespace, 42939 in a system namespace.
  std::optional<TableId> create_managed_table(const std::string& namespace_name, const std::string& name,
                                              const TableDefinition& definition, std::vector<TableDataFile> data_files,
                                              bool if_not_exists);
  /// Changes managed table `id` in one durable catalog update: `change` may edit the entry's
  /// name, definition (append a version with a new one), options and data files. Throws 42P01
  /// when the table is gone, 42P07 when a rename takes a used name.
  void update_managed_table(TableId id, const std::function<void(CatalogEntry& entry)>& change);
  /// DROP TABLE of a managed table: the entry, or nullopt when there was none (its files are
  /// the storage layer's to remove).
  std::optional<CatalogEntry> drop_managed_table(const std::string& namespace_name, const std::string& name);
  /// A checkpoint (docs/design/storage.md): sets the data files of each table of `files` and
  /// the WAL position `checkpoint_lsn` up to which they hold every change, in one durable update.
  void checkpoint_managed_tables(const std::map<TableId, std::vector<TableDataFile>>& files, uint64_t checkpoint_lsn);
  /// The WAL position recorded by the last checkpoint (0: none); records after it are replayed.
  uint64_t checkpoint_lsn() const;

  /// The registry name of a file table: `name` in the default namespace, `ns.name` elsewhere.
  static std::string RegistryName(const std::string& namespace_name, const std::string& name);
  /// `main` → `public`; any other name unchanged.
  static std::string CanonicalNamespace(const std::string& name);

  /// Records what binding a query found when it read file table `namespace_name`.`name`:
  /// its source (filling a schema definition not known yet) or the error that makes it
  /// broken. Engine-internal (the binder calls it).
  void observe_source(const std::string& namespace_name, const std::string& name,
                      const std::shared_ptr<TableSource>& source, const std::optional<Exception>& error);

  /// Engine-internal: how the binder gets the source of a managed table (the storage layer
  /// registers it when the database opens). managed_source throws 42P01 before that.
  void set_managed_source_factory(std::function<std::shared_ptr<TableSource>(const CatalogEntry&)> factory);
  std::shared_ptr<TableSource> managed_source(const CatalogEntry& entry) const;

  /// The file system the catalog's files are read through (engine-internal).
  FileSystem& file_system() const;

  TableRegistry& registry() { return registry_; }
  const TableRegistry& registry() const { return registry_; }

 private:
  /// One durable change: under the data directory lock, re-reads catalog.json and
  /// table_mappings.json, runs `change` (true when it changed the registry's mappings),
  /// writes catalog.json if it changed, then table_mappings.json if the mappings did.
  void Update(const std::function<bool()>& change);
  /// Drops the non-file entry `namespace_name`.`name` of `type`: false if there is none.
  bool DropEntry(const std::string& namespace_name, const std::string& name, TableType type);

  struct Impl;
  TableRegistry& registry_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cairn
