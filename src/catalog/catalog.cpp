#include "cairn/catalog.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <mutex>
#include <set>

#include "cairn/exception.h"
#include "catalog/catalog_file.h"
#include "catalog/data_directory_lock.h"
#include "catalog/project_table_source.h"
#include "catalog/system_tables.h"
#include "catalog/table_mappings_file.h"
#include "catalog/table_type.h"
#include "common/ascii.h"
#include "function/table/table_source.h"
#include "io/file_system.h"

namespace cairn {

namespace {

/// User table ids start where PostgreSQL's user OIDs do (FirstNormalObjectId); lower ids belong
/// to system tables.
constexpr uint64_t kFirstUserTableId = 16384;

int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string Key(const std::string& namespace_name, const std::string& name) { return namespace_name + "." + name; }

std::string JoinPath(const std::string& dir, const std::string& file) {
  return dir.empty() ? file : dir + "/" + file;
}

/// Splits a registry name into namespace and table: `ns.table`, else the default namespace.
/// File-table names are case-insensitive (the registry folds them); namespaces keep their case.
std::pair<std::string, std::string> SplitRegistryName(const std::string& registry_name) {
  size_t dot = registry_name.find('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == registry_name.size()) {
    return {Catalog::kDefaultNamespace, Lower(registry_name)};
  }
  return {Catalog::CanonicalNamespace(registry_name.substr(0, dot)), Lower(registry_name.substr(dot + 1))};
}

std::string StorageLocation(const TableMapping& mapping) {
  if (mapping.partitions.empty()) return mapping.file_path;
  std::string out;
  for (const auto& p : mapping.partitions) out += (out.empty() ? "" : ",") + p;
  return out;
}

TableDefinition DefinitionOf(const TableSource& source) {
  TableDefinition definition;
  for (const auto& c : source.columns()) {
    ColumnSchema column;
    column.name = c.name;
    column.type = c.type.ToString();
    column.nullable = c.nullable;
    definition.columns.push_back(std::move(column));
  }
  return definition;
}

/// Column names and types only (what decides whether a schema changed).
bool SameColumns(const TableDefinition& a, const TableDefinition& b) {
  if (a.columns.size() != b.columns.size()) return false;
  for (size_t i = 0; i < a.columns.size(); i++) {
    if (Lower(a.columns[i].name) != Lower(b.columns[i].name) || Lower(a.columns[i].type) != Lower(b.columns[i].type) ||
        a.columns[i].nullable != b.columns[i].nullable) {
      return false;
    }
  }
  return true;
}

void AppendVersion(CatalogEntry& entry, TableDefinition definition) {
  SchemaVersion version;
  version.version = entry.versions.empty() ? 1 : entry.versions.back().version + 1;
  version.created_at = NowMicros();
  version.definition = std::move(definition);
  entry.versions.push_back(std::move(version));
  entry.schema_version = entry.versions.back().version;
}

CatalogEntry SystemEntry(const SystemTableInfo& table) {
  CatalogEntry entry;
  entry.id = table.id;
  entry.namespace_name = table.namespace_name;
  entry.name = table.name;
  entry.type = TableType::kSystem;
  SchemaVersion version;
  for (const auto& c : table.columns) version.definition.columns.push_back(ColumnSchema{c.name, c.type.ToString(), c.nullable, {}, {}});
  entry.versions.push_back(std::move(version));
  return entry;
}

/// Throws 42939 when `namespace_name` (canonical) is a system namespace: `what` ("tables",
/// "views") cannot be created there.
void RequireUserNamespace(const std::string& namespace_name, const char* what) {
  if (IsSystemNamespace(namespace_name)) {
    throw Exception(sqlstate::kReservedName,
                    fmt::format("cannot create {} in the system namespace \"{}\"", what, namespace_name));
  }
}

}  // namespace

const char* TableTypeName(TableType type) {
  switch (type) {
    case TableType::kFile:
      return "FILE";
    case TableType::kView:
      return "VIEW";
    case TableType::kSystem:
      return "SYSTEM";
    case TableType::kProject:
      return "PROJECT";
    case TableType::kManaged:
      return "TABLE";
  }
  return "FILE";
}

struct Catalog::Impl {
  explicit Impl(FileSystem& file_system) : fs(file_system) {}

  FileSystem& fs;
  std::string catalog_path;
  std::string mappings_path;

  std::mutex update_mutex;    // serializes changes within the process (the lock file: across)
  mutable std::mutex mutex;   // guards everything below
  uint64_t next_id = kFirstUserTableId;
  uint64_t checkpoint_lsn = 0;
  std::function<std::shared_ptr<TableSource>(const CatalogEntry&)> managed_source_factory;
  std::map<std::string, NamespaceEntry> namespaces;  // user namespaces
  std::map<std::string, RoleEntry> roles;
  std::map<std::string, StoredCatalogEntry> entries;  // "ns.name" -> views and file-table metadata
  std::set<std::string> recheck;                      // file tables whose mapping changed
  std::map<std::string, std::string> broken;          // "ns.name" -> reason
  uint64_t seen_generation = UINT64_MAX;
  std::string synced_text;  // catalog.json as last read or written
  // The digests catalog.json holds of table_mappings.json: as written with it, and before.
  std::string mappings_digest;
  std::string previous_mappings_digest;

  /// table_mappings.json's text now ("" when there is none).
  std::string ReadMappingsText() const {
    try {
      return fs.ReadFile(mappings_path);
    } catch (const Exception& e) {
      if (e.sqlstate() != sqlstate::kUndefinedFile) throw;
    }
    return "";
  }

  /// A writer that died between catalog.json and table_mappings.json left the mappings file
  /// as it was before its change (its digest is the catalog's previous one): the change is
  /// rolled forward by giving the registry the mappings catalog.json records.
  void RollForwardIfInterrupted(TableRegistry& registry, const std::string& mappings_text) {
    std::string digest = MappingsDigest(mappings_text);
    if (mappings_digest.empty() && previous_mappings_digest.empty()) return;  // no digests recorded
    if (digest == mappings_digest || digest != previous_mappings_digest) return;
    std::vector<TableMapping> recorded;
    {
      std::lock_guard<std::mutex> lock(mutex);
      for (const auto& [key, stored] : entries) {
        if (stored.entry.type == TableType::kFile && stored.registered_as) recorded.push_back(*stored.registered_as);
      }
    }
    registry.reset_mappings(recorded);
  }

  /// A new entry with the next id, created now. REQUIRES: mutex held.
  StoredCatalogEntry NewEntry(const std::string& namespace_name, const std::string& name, TableType type) {
    StoredCatalogEntry stored;
    stored.entry.id = TableId{next_id++};
    stored.entry.namespace_name = namespace_name;
    stored.entry.name = name;
    stored.entry.type = type;
    stored.entry.created_at = NowMicros();
    return stored;
  }

  /// Throws 3F000 unless `namespace_name` (canonical) exists. REQUIRES: mutex held.
  void RequireNamespace(const std::string& namespace_name) const {
    if (namespace_name != kDefaultNamespace && !namespaces.count(namespace_name)) {
      throw Exception(sqlstate::kInvalidSchemaName, fmt::format("schema \"{}\" does not exist", namespace_name));
    }
  }

  /// Brings file-table metadata in step with the registry's mappings: new mappings get an id
  /// and version 1, changed ones a new version (now if declared, else when next read), and
  /// metadata of vanished mappings is dropped. REQUIRES: mutex held.
  void SyncWithRegistry(const TableRegistry& registry) {
    uint64_t generation = registry.generation();
    if (generation == seen_generation) return;
    seen_generation = generation;
    std::set<std::string> present;
    for (const TableMapping& mapping : registry.mappings()) {
      const std::string& registry_name = mapping.table_name;
      auto [namespace_name, name] = SplitRegistryName(registry_name);
      std::string key = Key(namespace_name, name);
      present.insert(key);
      if (namespace_name != kDefaultNamespace && !namespaces.count(namespace_name) && !IsSystemNamespace(namespace_name)) {
        namespaces[namespace_name] = NamespaceEntry{namespace_name, NowMicros(), false};
      }
      auto it = entries.find(key);
      if (it != entries.end() && it->second.entry.type != TableType::kFile) continue;  // a view keeps the name
      if (it == entries.end()) {
        StoredCatalogEntry stored = NewEntry(namespace_name, name, TableType::kFile);
        stored.entry.storage_location = StorageLocation(mapping);
        stored.registered_as = mapping;
        // The columns are the files' (a declared schema checks a subset of them): filled when
        // the files are first read (Observe).
        AppendVersion(stored.entry, TableDefinition{});
        entries.emplace(key, std::move(stored));
        continue;
      }
      StoredCatalogEntry& stored = it->second;
      if (stored.registered_as && *stored.registered_as == mapping) continue;
      stored.registered_as = mapping;
      stored.entry.storage_location = StorageLocation(mapping);
      recheck.insert(key);  // a new version if the files' columns differ (Observe)
    }
    for (auto it = entries.begin(); it != entries.end();) {
      if (it->second.entry.type == TableType::kFile && !present.count(it->first)) {
        broken.erase(it->first);
        recheck.erase(it->first);
        it = entries.erase(it);
      } else {
        ++it;
      }
    }
  }

  /// Records what reading a file table's files found: its columns (filling an empty definition,
  /// or a new version after its mapping changed) or why it is broken. REQUIRES: mutex held.
  void Observe(const std::string& key, const std::shared_ptr<TableSource>& source, const std::optional<Exception>& error) {
    auto it = entries.find(key);
    if (it == entries.end() || it->second.entry.type != TableType::kFile) return;
    if (error) {
      broken[key] = error->what();
      return;
    }
    broken.erase(key);
    if (!source) return;
    CatalogEntry& entry = it->second.entry;
    TableDefinition found = DefinitionOf(*source);
    if (entry.definition().columns.empty()) {
      entry.versions.back().definition.columns = found.columns;
    } else if (recheck.count(key) && !SameColumns(found, entry.definition())) {
      AppendVersion(entry, std::move(found));
    }
    recheck.erase(key);
  }

  CatalogFileContents Contents() const {
    CatalogFileContents contents;
    contents.next_table_id = next_id;
    contents.checkpoint_lsn = checkpoint_lsn;
    contents.mappings_digest = mappings_digest;
    contents.previous_mappings_digest = previous_mappings_digest;
    for (const auto& [name, n] : namespaces) contents.namespaces.push_back(n);
    for (const auto& [key, stored] : entries) contents.tables.push_back(stored);
    for (const auto& [name, role] : roles) contents.roles.push_back(role);
    return contents;
  }

  /// What a change may modify, saved to undo a change that fails.
  struct State {
    uint64_t next_id = 0;
    uint64_t checkpoint_lsn = 0;
    std::map<std::string, NamespaceEntry> namespaces;
    std::map<std::string, RoleEntry> roles;
    std::map<std::string, StoredCatalogEntry> entries;
    std::set<std::string> recheck;
    std::map<std::string, std::string> broken;
    std::string mappings_digest;
    std::string previous_mappings_digest;
  };
  /// REQUIRES: mutex held.
  State Save() const {
    return State{next_id, checkpoint_lsn, namespaces, roles, entries, recheck, broken, mappings_digest, previous_mappings_digest};
  }
  /// Puts back a saved state and re-matches the registry's mappings. REQUIRES: mutex held.
  void Restore(State state) {
    next_id = state.next_id;
    checkpoint_lsn = state.checkpoint_lsn;
    namespaces = std::move(state.namespaces);
    roles = std::move(state.roles);
    entries = std::move(state.entries);
    recheck = std::move(state.recheck);
    broken = std::move(state.broken);
    mappings_digest = std::move(state.mappings_digest);
    previous_mappings_digest = std::move(state.previous_mappings_digest);
    seen_generation = UINT64_MAX;
  }

  /// Replaces the state with `contents` (catalog.json as read). REQUIRES: mutex held.
  void Adopt(CatalogFileContents contents) {
    next_id = std::max({next_id, contents.next_table_id, kFirstUserTableId});
    checkpoint_lsn = contents.checkpoint_lsn;
    mappings_digest = contents.mappings_digest;
    previous_mappings_digest = contents.previous_mappings_digest;
    namespaces.clear();
    for (auto& n : contents.namespaces) namespaces[n.name] = std::move(n);
    roles.clear();
    for (auto& r : contents.roles) roles[r.name] = std::move(r);
    entries.clear();
    for (auto& stored : contents.tables) {
      std::string key = Key(stored.entry.namespace_name, stored.entry.name);
      entries.emplace(std::move(key), std::move(stored));
    }
    seen_generation = UINT64_MAX;  // re-match every mapping against the adopted metadata
  }

  /// Re-reads catalog.json if another process changed it (rolling forward a change whose
  /// writer died before table_mappings.json). REQUIRES: the data directory lock.
  void ReloadIfChanged(TableRegistry& registry) {
    std::string text;
    try {
      text = fs.ReadFile(catalog_path);
    } catch (const Exception& e) {
      if (e.sqlstate() != sqlstate::kUndefinedFile) throw;
    }
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (text == synced_text) return;
      Adopt(text.empty() ? CatalogFileContents{} : ParseCatalogFile(text, catalog_path));
      synced_text = std::move(text);
    }
    RollForwardIfInterrupted(registry, ReadMappingsText());
  }

  std::optional<CatalogEntry> Find(const std::string& namespace_name, const std::string& name) const {
    if (const SystemTableInfo* system = FindSystemTable(namespace_name, name)) return SystemEntry(*system);
    auto it = entries.find(Key(namespace_name, name));
    if (it == entries.end()) {
      // File tables answer to any case of their name, as the registry does.
      it = entries.find(Key(namespace_name, Lower(name)));
      if (it == entries.end() || it->second.entry.type != TableType::kFile) return std::nullopt;
    }
    CatalogEntry entry = it->second.entry;
    auto b = broken.find(it->first);
    if (b != broken.end()) {
      entry.state = "broken";
      entry.error = b->second;
    }
    return entry;
  }
};

Catalog::Catalog(TableRegistry& registry, FileSystem& file_system)
    : registry_(registry), impl_(std::make_unique<Impl>(file_system)) {
  impl_->catalog_path = JoinPath(registry.data_dir(), "catalog.json");
  impl_->mappings_path = JoinPath(registry.data_dir(), "table_mappings.json");
}

Catalog::~Catalog() = default;

FileSystem& Catalog::file_system() const { return impl_->fs; }

std::string Catalog::RegistryName(const std::string& namespace_name, const std::string& name) {
  std::string canonical = CanonicalNamespace(namespace_name);
  return canonical == kDefaultNamespace ? Lower(name) : canonical + "." + Lower(name);
}

std::string Catalog::CanonicalNamespace(const std::string& name) {
  return name == kDefaultNamespaceAlias ? kDefaultNamespace : name;
}

void Catalog::open(bool load_table_mappings) {
  // Temporaries a killed writer left, as the registry removes its own (only when the lock is
  // free at once, so opening never waits).
  const std::string lock_path = DataDirectoryLockPath(impl_->catalog_path);
  try {
    std::unique_ptr<FileLock> lock;
    if (impl_->fs.Exists(lock_path)) lock = impl_->fs.LockFile(lock_path, false);
    if (lock) impl_->fs.RemoveAtomicWriteTemporaries(impl_->catalog_path);
  } catch (const Exception&) {
    // A read-only directory: its writers clean up.
  }
  if (load_table_mappings) registry_.open_table_mappings(impl_->mappings_path);
  // Without loading the mappings the catalog starts empty too (its file tables' metadata
  // would otherwise be dropped for want of their mappings); a change still reads both files.
  if (load_table_mappings && impl_->fs.Exists(impl_->catalog_path)) {
    std::string text = impl_->fs.ReadFile(impl_->catalog_path);
    CatalogFileContents contents = ParseCatalogFile(text, impl_->catalog_path);
    {
      std::lock_guard<std::mutex> lock(impl_->mutex);
      impl_->Adopt(std::move(contents));
      impl_->synced_text = std::move(text);
    }
    impl_->RollForwardIfInterrupted(registry_, impl_->ReadMappingsText());
  }
  // Every file table is checked: files present, declared schema still matching.
  std::vector<std::string> names = registry_.list_tables();
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->SyncWithRegistry(registry_);
  for (const auto& registry_name : names) {
    std::optional<Exception> problem;
    try {
      problem = registry_.check_table(registry_name, /*read_files=*/false);
    } catch (const Exception&) {
      continue;
    }
    auto [namespace_name, name] = SplitRegistryName(registry_name);
    if (problem) impl_->broken[Key(namespace_name, name)] = problem->what();
  }
}

std::vector<std::string> Catalog::broken_tables() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  std::vector<std::string> out;
  for (const auto& [key, reason] : impl_->broken) out.push_back(key + ": " + reason);
  return out;
}

std::vector<NamespaceEntry> Catalog::namespaces() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->SyncWithRegistry(registry_);
  std::vector<NamespaceEntry> out;
  out.push_back(NamespaceEntry{"information_schema", 0, true});
  out.push_back(NamespaceEntry{"pg_catalog", 0, true});
  out.push_back(NamespaceEntry{kDefaultNamespace, 0, false});
  out.push_back(NamespaceEntry{"system", 0, true});
  for (const auto& [name, n] : impl_->namespaces) out.push_back(n);
  std::sort(out.begin(), out.end(), [](const NamespaceEntry& a, const NamespaceEntry& b) { return a.name < b.name; });
  return out;
}

bool Catalog::has_namespace(const std::string& name) const {
  std::string canonical = CanonicalNamespace(name);
  if (canonical == kDefaultNamespace || IsSystemNamespace(canonical)) return true;
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->SyncWithRegistry(registry_);
  return impl_->namespaces.count(canonical) > 0;
}

std::vector<CatalogEntry> Catalog::tables(bool include_system) const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->SyncWithRegistry(registry_);
  std::vector<CatalogEntry> out;
  for (const auto& [key, stored] : impl_->entries) {
    if (auto entry = impl_->Find(stored.entry.namespace_name, stored.entry.name)) out.push_back(std::move(*entry));
  }
  if (include_system) {
    for (const auto& table : SystemTables()) out.push_back(SystemEntry(table));
  }
  std::sort(out.begin(), out.end(), [](const CatalogEntry& a, const CatalogEntry& b) {
    return std::tie(a.namespace_name, a.name) < std::tie(b.namespace_name, b.name);
  });
  return out;
}

std::optional<CatalogEntry> Catalog::find(const std::string& namespace_name, const std::string& name) const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->SyncWithRegistry(registry_);
  return impl_->Find(CanonicalNamespace(namespace_name), name);
}

std::optional<CatalogEntry> Catalog::lookup(const std::vector<std::string>& search_path, const std::string& name) const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->SyncWithRegistry(registry_);
  // PostgreSQL searches pg_catalog first when the path does not name it.
  if (std::find(search_path.begin(), search_path.end(), "pg_catalog") == search_path.end()) {
    if (const SystemTableInfo* system = FindSystemTable("pg_catalog", name)) return SystemEntry(*system);
  }
  for (const auto& namespace_name : search_path) {
    if (auto entry = impl_->Find(CanonicalNamespace(namespace_name), name)) return entry;
  }
  return std::nullopt;
}

void Catalog::refresh_states() {
  std::vector<std::pair<std::string, std::string>> files;  // key, registry name
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->SyncWithRegistry(registry_);
    for (const auto& [key, stored] : impl_->entries) {
      if (stored.entry.type != TableType::kFile) continue;
      files.emplace_back(key, RegistryName(stored.entry.namespace_name, stored.entry.name));
    }
  }
  for (const auto& [key, registry_name] : files) {
    std::optional<Exception> problem;
    std::shared_ptr<TableSource> source;
    try {
      problem = registry_.check_table(registry_name, /*read_files=*/true);
      if (!problem) source = registry_.resolve(registry_name);
    } catch (const Exception& e) {
      if (e.sqlstate() == sqlstate::kUndefinedTable) continue;  // dropped meanwhile
      problem = e;
    }
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->Observe(key, source, problem);
  }
}

void Catalog::observe_source(const std::string& namespace_name, const std::string& name,
                             const std::shared_ptr<TableSource>& source, const std::optional<Exception>& error) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->Observe(Key(CanonicalNamespace(namespace_name), Lower(name)), source, error);  // file tables: lower case
}

void Catalog::Update(const std::function<bool()>& change) {
  std::lock_guard<std::mutex> update_lock(impl_->update_mutex);
  // The registry's update holds the data directory lock while `change` runs and writes
  // table_mappings.json after it; catalog.json is written first, with the digests that let a
  // reader roll forward a change whose writer died in between (docs/design/catalog.md).
  registry_.update_table_mappings(impl_->mappings_path, [&] {
    impl_->ReloadIfChanged(registry_);
    const std::string previous_mappings = impl_->ReadMappingsText();
    {
      std::lock_guard<std::mutex> lock(impl_->mutex);
      impl_->SyncWithRegistry(registry_);
    }
    // A change that throws, or whose catalog.json cannot be written, must leave no trace in
    // memory: a later, successful write would otherwise persist what was never acknowledged.
    Impl::State before;
    {
      std::lock_guard<std::mutex> lock(impl_->mutex);
      before = impl_->Save();
    }
    std::string text;
    bool registry_changed = false;
    try {
      registry_changed = change();
      std::lock_guard<std::mutex> lock(impl_->mutex);
      impl_->SyncWithRegistry(registry_);
      CatalogFileContents contents = impl_->Contents();
      // What table_mappings.json holds now and will hold after this change (the registry
      // writes exactly SerializeTableMappings of its mappings).
      contents.previous_mappings_digest = MappingsDigest(previous_mappings);
      contents.mappings_digest = MappingsDigest(SerializeTableMappings(registry_.mappings()));
      if (contents.mappings_digest == contents.previous_mappings_digest) {
        contents.previous_mappings_digest = impl_->previous_mappings_digest;
      }
      text = SerializeCatalogFile(contents);
      impl_->mappings_digest = contents.mappings_digest;
      impl_->previous_mappings_digest = contents.previous_mappings_digest;
    } catch (...) {
      std::lock_guard<std::mutex> lock(impl_->mutex);
      impl_->Restore(std::move(before));
      throw;
    }
    if (text != impl_->synced_text) {
      try {
        impl_->fs.WriteFileAtomic(impl_->catalog_path, text);
      } catch (...) {
        // When the rename went through but the directory sync failed, catalog.json holds the
        // change without it being durable: it is not adopted as another process's change, and
        // the next write replaces it.
        bool renamed = false;
        try {
          renamed = impl_->fs.ReadFile(impl_->catalog_path) == text;
        } catch (const Exception&) {
        }
        std::lock_guard<std::mutex> lock(impl_->mutex);
        impl_->Restore(std::move(before));
        if (renamed) impl_->synced_text = text;
        throw;
      }
      std::lock_guard<std::mutex> lock(impl_->mutex);
      impl_->synced_text = std::move(text);
      // catalog.json records the mappings its metadata belongs to; table_mappings.json is
      // rewritten with it so the two stay in step (mappings registered through the C++ API
      // are persisted here too, as by any registry DDL). When it already holds them (absent
      // while there are none) it is left alone: catalog.json, now durable, committed this
      // change, and a failure to rewrite an unchanged file must not report it as failed.
      const std::vector<TableMapping> mappings = registry_.mappings();
      const bool in_step = previous_mappings.empty() ? mappings.empty()
                                                     : previous_mappings == SerializeTableMappings(mappings);
      return registry_changed || !in_step;
    }
    return registry_changed;
  });
}

void Catalog::create_role(const RoleEntry& role) {
  if (role.name.rfind("pg_", 0) == 0) {
    throw Exception(sqlstate::kReservedName, fmt::format("role name \"{}\" is reserved", role.name), std::nullopt,
                    "Role names starting with \"pg_\" are reserved.");
  }
  Update([&] {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    if (impl_->roles.count(role.name)) {
      throw Exception(sqlstate::kDuplicateObject, fmt::format("role \"{}\" already exists", role.name));
    }
    RoleEntry stored = role;
    stored.created_at = NowMicros();
    impl_->roles[role.name] = std::move(stored);
    return false;
  });
}

void Catalog::alter_role(const std::string& name, std::optional<bool> can_login, std::optional<std::string> password) {
  Update([&] {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    auto it = impl_->roles.find(name);
    if (it == impl_->roles.end()) throw Exception(sqlstate::kUndefinedObject, fmt::format("role \"{}\" does not exist", name));
    if (can_login) it->second.can_login = *can_login;
    if (password) it->second.password = *password;
    return false;
  });
}

bool Catalog::drop_role(const std::string& name) {
  bool dropped = false;
  Update([&] {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    dropped = impl_->roles.erase(name) > 0;
    return false;
  });
  return dropped;
}

std::vector<RoleEntry> Catalog::roles() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  std::vector<RoleEntry> out;
  for (const auto& [name, role] : impl_->roles) out.push_back(role);
  return out;
}

std::optional<RoleEntry> Catalog::find_role(const std::string& name) const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  auto it = impl_->roles.find(name);
  if (it == impl_->roles.end()) return std::nullopt;
  return it->second;
}

void Catalog::create_namespace(const std::string& name, bool if_not_exists) {
  std::string canonical = CanonicalNamespace(name);
  if (canonical.rfind("pg_", 0) == 0) {
    throw Exception(sqlstate::kReservedName, fmt::format("unacceptable schema name \"{}\"", name), std::nullopt,
                    "The prefix \"pg_\" is reserved for system schemas.");
  }
  Update([&] {
    bool exists = canonical == kDefaultNamespace || IsSystemNamespace(canonical);
    {
      std::lock_guard<std::mutex> lock(impl_->mutex);
      exists = exists || impl_->namespaces.count(canonical);
      if (!exists) impl_->namespaces[canonical] = NamespaceEntry{canonical, NowMicros(), false};
    }
    if (exists && !if_not_exists) {
      throw Exception(sqlstate::kDuplicateSchema, fmt::format("schema \"{}\" already exists", canonical));
    }
    return false;
  });
}

void Catalog::drop_namespace(const std::string& name, bool missing_ok, bool cascade) {
  std::string canonical = CanonicalNamespace(name);
  if (canonical == kDefaultNamespace || IsSystemNamespace(canonical)) {
    throw Exception(sqlstate::kDependentObjectsStillExist,
                    fmt::format("cannot drop schema {} because it is required by the database system", canonical));
  }
  Update([&] {
    std::vector<std::string> file_tables;
    {
      std::lock_guard<std::mutex> lock(impl_->mutex);
      if (!impl_->namespaces.count(canonical)) {
        if (missing_ok) return false;
        throw Exception(sqlstate::kInvalidSchemaName, fmt::format("schema \"{}\" does not exist", canonical));
      }
      std::vector<std::string> members;
      for (const auto& [key, stored] : impl_->entries) {
        if (stored.entry.namespace_name == canonical) members.push_back(key);
      }
      if (!members.empty() && !cascade) {
        throw Exception(sqlstate::kDependentObjectsStillExist,
                        fmt::format("cannot drop schema {} because other objects depend on it", canonical),
                        std::nullopt, "Use DROP ... CASCADE to drop the dependent objects too.");
      }
      for (const auto& key : members) {
        const CatalogEntry& entry = impl_->entries[key].entry;
        if (entry.type == TableType::kManaged) {
          // A writable table's rows live in the storage layer (its files, the WAL): it is
          // dropped by DROP TABLE in a database opened writable, not from here.
          throw Exception(sqlstate::kDependentObjectsStillExist,
                          fmt::format("cannot drop schema {} because table {} depends on it", canonical, entry.name),
                          std::nullopt, "Drop its tables first with DROP TABLE.");
        }
      }
      for (const auto& key : members) {
        const CatalogEntry& entry = impl_->entries[key].entry;
        if (entry.type == TableType::kFile) {
          file_tables.push_back(RegistryName(entry.namespace_name, entry.name));
        } else {
          impl_->entries.erase(key);
        }
      }
      impl_->namespaces.erase(canonical);
    }
    bool changed = false;
    for (const auto& registry_name : file_tables) changed = registry_.unregister_table(registry_name) || changed;
    return changed;
  });
}

void Catalog::register_file_table(const std::string& namespace_name, const TableMapping& mapping, bool replace) {
  std::string canonical = CanonicalNamespace(namespace_name);
  std::string name = Lower(mapping.table_name);
  RequireUserNamespace(canonical, "tables");
  Update([&] {
    {
      std::lock_guard<std::mutex> lock(impl_->mutex);
      impl_->SyncWithRegistry(registry_);
      impl_->RequireNamespace(canonical);
      auto it = impl_->entries.find(Key(canonical, name));
      if (it != impl_->entries.end() && (it->second.entry.type != TableType::kFile || !replace)) {
        throw Exception(sqlstate::kDuplicateTable, fmt::format("relation \"{}\" already exists", name));
      }
    }
    TableMapping registered = mapping;
    registered.table_name = RegistryName(canonical, name);
    if (registered.schema || !registered.partitions.empty()) {
      registry_.register_table_with_schema(registered);
    } else {
      registry_.register_table(registered.table_name, registered.file_path);
    }
    std::shared_ptr<TableSource> source = registry_.resolve(registered.table_name);
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->SyncWithRegistry(registry_);
    impl_->Observe(Key(canonical, name), source, std::nullopt);
    return true;
  });
}

std::string Catalog::ProjectDirectoryName(const std::string& namespace_name, const std::string& name) {
  return RegistryName(namespace_name, name);
}

void Catalog::create_project_table(const std::string& namespace_name, const std::string& name,
                                   const std::string& type_name, const std::string& project_id, bool if_not_exists) {
  std::string canonical = CanonicalNamespace(namespace_name);
  RequireUserNamespace(canonical, "tables");
  // The project's directory name must be a plain directory name (the source checks it too).
  if (!IsDirectoryName(project_id)) {
    throw Exception(sqlstate::kInvalidParameterValue,
                    fmt::format("project id \"{}\" cannot be a directory name", project_id));
  }
  std::map<std::string, TableTypeDefinition> types = LoadTableTypes(impl_->fs, registry_.data_dir());
  auto type = types.find(Lower(type_name));
  if (type == types.end()) {
    std::string known;
    for (const auto& [n, t] : types) known += (known.empty() ? "" : ", ") + n;
    throw Exception(sqlstate::kUndefinedObject, fmt::format("table type \"{}\" does not exist", type_name), std::nullopt,
                    fmt::format("Known types: {}.", known));
  }
  TableDefinition definition;
  for (const auto& c : type->second.columns) {
    ColumnSchema column;
    column.name = c.name;
    column.type = c.type.ToString();
    column.nullable = c.nullable;
    column.default_value = c.default_value;
    if (!c.comment.empty()) column.comment = c.comment;
    definition.columns.push_back(std::move(column));
  }
  definition.primary_key = type->second.primary_key;
  definition.options = type->second.options;
  Update([&] {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->SyncWithRegistry(registry_);
    impl_->RequireNamespace(canonical);
    std::string key = Key(canonical, name);
    auto it = impl_->entries.find(key);
    if (it == impl_->entries.end()) {
      StoredCatalogEntry stored = impl_->NewEntry(canonical, name, TableType::kProject);
      stored.entry.storage_location = "projects/*/" + ProjectDirectoryName(canonical, name) + "/";
      stored.entry.of_type = type->first;
      stored.entry.projects = {project_id};
      auto flush = definition.options.find("flush_policy");
      if (flush != definition.options.end()) stored.entry.options.flush_policy = flush->second;
      AppendVersion(stored.entry, definition);
      impl_->entries.emplace(key, std::move(stored));
      return false;
    }
    CatalogEntry& entry = it->second.entry;
    if (entry.type != TableType::kProject || entry.of_type != type->first) {
      throw Exception(sqlstate::kDuplicateTable,
                      entry.type == TableType::kProject
                          ? fmt::format("relation \"{}\" already exists as a table of type \"{}\"", name, entry.of_type)
                          : fmt::format("relation \"{}\" already exists", name));
    }
    if (std::find(entry.projects.begin(), entry.projects.end(), project_id) != entry.projects.end()) {
      if (if_not_exists) return false;
      throw Exception(sqlstate::kDuplicateObject,
                      fmt::format("project \"{}\" already has table \"{}\"", project_id, name));
    }
    entry.projects.push_back(project_id);
    return false;
  });
}

bool Catalog::drop_project_table(const std::string& namespace_name, const std::string& name) {
  return DropEntry(namespace_name, name, TableType::kProject);
}

bool Catalog::DropEntry(const std::string& namespace_name, const std::string& name, TableType type) {
  bool dropped = false;
  std::string key = Key(CanonicalNamespace(namespace_name), name);
  Update([&] {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    auto it = impl_->entries.find(key);
    if (it != impl_->entries.end() && it->second.entry.type == type) {
      impl_->entries.erase(it);
      dropped = true;
    }
    return false;
  });
  return dropped;
}

bool Catalog::drop_file_table(const std::string& namespace_name, const std::string& name) {
  bool dropped = false;
  Update([&] {
    dropped = registry_.unregister_table(RegistryName(namespace_name, name));
    return dropped;
  });
  return dropped;
}

void Catalog::create_view(const std::string& namespace_name, const std::string& name, const std::string& sql,
                          const TableDefinition& definition, const std::vector<std::string>& query_columns,
                          const std::vector<std::string>& search_path, bool or_replace) {
  std::string canonical = CanonicalNamespace(namespace_name);
  RequireUserNamespace(canonical, "views");
  Update([&] {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->SyncWithRegistry(registry_);
    impl_->RequireNamespace(canonical);
    std::string key = Key(canonical, name);
    auto it = impl_->entries.find(key);
    if (it != impl_->entries.end() && (it->second.entry.type != TableType::kView || !or_replace)) {
      throw Exception(sqlstate::kDuplicateTable, fmt::format("relation \"{}\" already exists", name));
    }
    if (it == impl_->entries.end()) {
      StoredCatalogEntry stored = impl_->NewEntry(canonical, name, TableType::kView);
      stored.entry.view_sql = sql;
      stored.entry.view_search_path = search_path;
      stored.entry.view_query_columns = query_columns;
      AppendVersion(stored.entry, definition);
      impl_->entries.emplace(key, std::move(stored));
      return false;
    }
    // PostgreSQL's rule for CREATE OR REPLACE VIEW: the new query keeps every existing column
    // (same name, same type, same position) and may only add columns at the end.
    CatalogEntry& entry = it->second.entry;
    const auto& old_columns = entry.definition().columns;
    if (definition.columns.size() < old_columns.size()) {
      throw Exception(sqlstate::kInvalidTableDefinition, "cannot drop columns from view");
    }
    for (size_t i = 0; i < old_columns.size(); i++) {
      const auto& was = old_columns[i];
      const auto& now = definition.columns[i];
      if (was.name != now.name) {
        throw Exception(sqlstate::kInvalidTableDefinition,
                        fmt::format("cannot change name of view column \"{}\" to \"{}\"", was.name, now.name), std::nullopt,
                        "Use ALTER VIEW ... RENAME COLUMN ... to change name of view column instead.");
      }
      if (was.type != now.type) {
        throw Exception(sqlstate::kInvalidTableDefinition,
                        fmt::format("cannot change data type of view column \"{}\" from {} to {}", was.name, was.type, now.type));
      }
    }
    entry.view_sql = sql;
    entry.view_search_path = search_path;
    entry.view_query_columns = query_columns;
    if (!SameColumns(definition, entry.definition())) AppendVersion(entry, definition);
    return false;
  });
}

bool Catalog::drop_view(const std::string& namespace_name, const std::string& name) {
  return DropEntry(namespace_name, name, TableType::kView);
}

}  // namespace cairn

namespace cairn {

std::optional<TableId> Catalog::create_managed_table(const std::string& namespace_name, const std::string& name,
                                                     const TableDefinition& definition,
                                                     std::vector<TableDataFile> data_files, bool if_not_exists) {
  std::string canonical = CanonicalNamespace(namespace_name);
  RequireUserNamespace(canonical, "tables");
  std::optional<TableId> id;
  Update([&] {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->SyncWithRegistry(registry_);
    impl_->RequireNamespace(canonical);
    if (impl_->Find(canonical, name)) {
      if (if_not_exists) return false;
      throw Exception(sqlstate::kDuplicateTable, fmt::format("relation \"{}\" already exists", name));
    }
    StoredCatalogEntry stored = impl_->NewEntry(canonical, name, TableType::kManaged);
    stored.entry.data_files = data_files;
    AppendVersion(stored.entry, definition);
    id = stored.entry.id;
    impl_->entries.emplace(Key(canonical, name), std::move(stored));
    return false;
  });
  return id;
}

void Catalog::update_managed_table(TableId id, const std::function<void(CatalogEntry& entry)>& change) {
  Update([&] {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->SyncWithRegistry(registry_);
    auto it = std::find_if(impl_->entries.begin(), impl_->entries.end(), [&](const auto& item) {
      return item.second.entry.id == id && item.second.entry.type == TableType::kManaged;
    });
    if (it == impl_->entries.end()) {
      throw Exception(sqlstate::kUndefinedTable, fmt::format("table with id {} does not exist", id.value));
    }
    StoredCatalogEntry stored = it->second;
    change(stored.entry);
    stored.entry.schema_version = stored.entry.versions.back().version;
    std::string key = Key(stored.entry.namespace_name, stored.entry.name);
    if (key != it->first) {
      if (impl_->Find(stored.entry.namespace_name, stored.entry.name)) {
        throw Exception(sqlstate::kDuplicateTable, fmt::format("relation \"{}\" already exists", stored.entry.name));
      }
      impl_->entries.erase(it);
      impl_->entries.emplace(std::move(key), std::move(stored));
    } else {
      it->second = std::move(stored);
    }
    return false;
  });
}

std::optional<CatalogEntry> Catalog::drop_managed_table(const std::string& namespace_name, const std::string& name) {
  std::optional<CatalogEntry> dropped;
  std::string key = Key(CanonicalNamespace(namespace_name), name);
  Update([&] {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    auto it = impl_->entries.find(key);
    if (it != impl_->entries.end() && it->second.entry.type == TableType::kManaged) {
      dropped = it->second.entry;
      impl_->entries.erase(it);
    }
    return false;
  });
  return dropped;
}

void Catalog::checkpoint_managed_tables(const std::map<TableId, std::vector<TableDataFile>>& files, uint64_t checkpoint_lsn) {
  Update([&] {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    for (auto& [key, stored] : impl_->entries) {
      if (stored.entry.type != TableType::kManaged) continue;
      auto found = files.find(stored.entry.id);
      if (found != files.end()) stored.entry.data_files = found->second;
    }
    impl_->checkpoint_lsn = std::max(impl_->checkpoint_lsn, checkpoint_lsn);
    return false;
  });
}

uint64_t Catalog::checkpoint_lsn() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->checkpoint_lsn;
}

}  // namespace cairn

namespace cairn {

void Catalog::set_managed_source_factory(std::function<std::shared_ptr<TableSource>(const CatalogEntry&)> factory) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->managed_source_factory = std::move(factory);
}

std::shared_ptr<TableSource> Catalog::managed_source(const CatalogEntry& entry) const {
  std::function<std::shared_ptr<TableSource>(const CatalogEntry&)> factory;
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    factory = impl_->managed_source_factory;
  }
  if (!factory) throw Exception(sqlstate::kUndefinedTable, fmt::format("relation \"{}\" is not loaded", entry.name));
  return factory(entry);
}

}  // namespace cairn
