// TableRegistry implementation (see include/cairn/table_registry.h).
//
// Table names are case-insensitive: they are compared lowercased, like PostgreSQL's unquoted
// identifiers (get_table_mapping returns the name as registered; list_tables returns
// lowercased names). Each Database has its own registry, so per-worker data directories
// (data/worker-1/table_mappings.json) are simply separate Database instances.
//
// A declared schema is validated against the files whenever a source is built (at
// registration, and again when the files change). A declared NOT NULL column that the file
// declares optional is accepted at registration unless a Parquet footer's statistics count
// NULLs in it (23502); a scan that meets a NULL in it fails with 23502
// (not_null_checked_source.h). For CSV files the
// declared types become the column types the file is read with.
#include "common/ascii.h"
#include "cairn/table_registry.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>

#include "cairn/exception.h"
#include "catalog/data_directory_lock.h"
#include "catalog/hive_partitioned_source.h"
#include "catalog/multi_file_source.h"
#include "catalog/not_null_checked_source.h"
#include "catalog/hive_partitioning.h"
#include "catalog/seed_type_names.h"
#include "catalog/file_table_functions.h"
#include "function/table/generate_series.h"
#include "catalog/table_mappings_file.h"
#include "function/table/table_function.h"
#include "function/table/table_source.h"
#include "formats/csv_source.h"
#include "io/file_system.h"
#include "parquet/parquet_file_reader.h"
#include "parquet/parquet_source.h"

namespace cairn {

namespace {

bool EndsWithIgnoreCase(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && Lower(s.substr(s.size() - suffix.size())) == suffix;
}

bool IsCsvFile(const std::string& path) { return EndsWithIgnoreCase(path, ".csv") || EndsWithIgnoreCase(path, ".tsv"); }
bool IsDataFile(const std::string& path) { return IsCsvFile(path) || EndsWithIgnoreCase(path, ".parquet"); }

std::string BaseName(const std::string& path) {
  auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string Normalize(const std::string& path) {
  if (path.empty()) return path;
  std::string n = std::filesystem::path(path).lexically_normal().string();
  while (n.size() > 1 && n.back() == '/') n.pop_back();
  return n.empty() ? "." : n;
}

using FoundFile = DataFile;

}  // namespace

struct TableRegistry::Impl {
  explicit Impl(FileSystem& file_system) : fs(file_system) {}
  FileSystem& fs;
  std::string data_dir;  // normalized
  TableFunctionRegistry table_functions;
  mutable std::shared_mutex mutex;
  std::vector<TableMapping> mappings;  // registration order
  std::unordered_map<std::string, size_t> index;  // lowercased name -> position in mappings

  // Persistence (update_table_mappings): what the mappings file held when this registry last
  // read or wrote it, to tell other processes' changes from this one's.
  std::atomic<uint64_t> generation{0};  // counts Put/Erase/clear (TableRegistry::generation)
  std::mutex persist_mutex;  // serializes file updates within the process (flock: across)
  std::string synced_path;
  std::string synced_text;
  std::unordered_map<std::string, TableMapping> synced;  // lowercased name -> mapping

  struct CacheEntry {
    TableMapping mapping;
    std::vector<std::pair<std::string, int64_t>> files;
    std::shared_ptr<TableSource> source;
  };
  mutable std::mutex cache_mutex;
  mutable std::map<std::string, CacheEntry> cache;

  std::string Resolve(const std::string& path) const {
    if (!path.empty() && path[0] == '/') return Normalize(path);
    if (data_dir.empty() || data_dir == ".") return Normalize(path);
    return Normalize(data_dir + "/" + path);
  }

  /// The directory Hive segments of a plain file are counted from.
  std::string RootOf(const std::string& file) const {
    std::string dir = data_dir.empty() ? "." : data_dir;
    if (file[0] != '/' && (dir == ".")) return "";
    if (dir != "/" && file.rfind(dir + "/", 0) == 0) return dir;
    auto slash = file.find_last_of('/');
    return slash == std::string::npos ? "" : file.substr(0, slash);
  }

  void Walk(const std::string& dir, std::vector<FoundFile>& out) const {
    for (auto& f : fs.ListFilesRecursive(dir)) {
      if (IsDataFile(f)) out.push_back({f, dir});
    }
  }

  /// Every file of one mapping entry (file, glob or directory).
  void Expand(const std::string& entry, std::vector<FoundFile>& out) const {
    std::string resolved = Resolve(entry);
    if (HasGlobWildcards(resolved)) {
      std::string root = GlobRoot(resolved);
      for (auto& match : fs.Glob(resolved)) {
        if (fs.IsDirectory(match)) {
          Walk(match, out);
        } else {
          out.push_back({match, root});
        }
      }
    } else if (fs.IsDirectory(resolved)) {
      Walk(resolved, out);
    } else if (fs.Exists(resolved)) {
      out.push_back({resolved, RootOf(resolved)});
    }
  }

  std::vector<FoundFile> FilesOf(const TableMapping& m) const {
    std::vector<FoundFile> out;
    if (m.partitions.empty()) {
      Expand(m.file_path, out);
    } else {
      for (const auto& p : m.partitions) Expand(p, out);
    }
    std::sort(out.begin(), out.end(), [](const FoundFile& a, const FoundFile& b) { return a.path < b.path; });
    out.erase(std::unique(out.begin(), out.end(), [](const FoundFile& a, const FoundFile& b) { return a.path == b.path; }),
              out.end());
    return out;
  }

  const TableMapping* Find(const std::string& name) const {
    auto it = index.find(Lower(name));
    return it == index.end() ? nullptr : &mappings[it->second];
  }

  /// `<name>.parquet`, then `<name>.csv`, relative to the data directory (pass it to Resolve);
  /// "" if neither exists.
  std::string Fallback(const std::string& name) const {
    for (const std::string& n : {name, Lower(name)}) {
      for (const char* ext : {".parquet", ".csv"}) {
        std::string p = Resolve(n + ext);
        if (fs.Exists(p) && !fs.IsDirectory(p)) return n + ext;
      }
    }
    return "";
  }

  std::string Describe(const TableMapping& m) const {
    return m.partitions.empty() ? m.file_path : fmt::format("{} partition entries", m.partitions.size());
  }

  /// Builds the source of `m` over `files` and validates its declared schema.
  std::shared_ptr<TableSource> Build(const TableMapping& m, const std::vector<FoundFile>& files) const {
    if (files.empty()) {
      throw Exception(sqlstate::kUndefinedFile,
                      fmt::format("table \"{}\": no file found for \"{}\"", m.table_name,
                                  m.partitions.empty() ? m.file_path : fmt::format("{}", fmt::join(m.partitions, "\", \""))));
    }
    const bool csv = IsCsvFile(files[0].path);
    for (const auto& f : files) {
      if (IsCsvFile(f.path) != csv) {
        throw Exception(sqlstate::kFeatureNotSupported,
                        fmt::format("table \"{}\": mixes CSV and Parquet files ({} and {})", m.table_name,
                                    files[0].path, f.path));
      }
    }
    // CSV: each file's header is sniffed (files may have gained or lost columns); declared
    // types become the read types of the columns a file has. A declared column must be in
    // some file (checked on the united columns below).
    CsvOptions csv_options;
    auto sniff = [&](const std::string& path) {
      CsvSniffResult schema = SniffCsv(fs, path, csv_options);
      if (m.schema) {
        for (const auto& c : m.schema->columns) {
          auto it = std::find_if(schema.names.begin(), schema.names.end(),
                                 [&](const std::string& n) { return Lower(n) == Lower(c.name); });
          if (it == schema.names.end()) continue;  // NULL in this file (schema evolution)
          schema.types[it - schema.names.begin()] = ParseDeclaredType(c.type);
        }
      }
      return schema;
    };
    CsvSniffResult csv_schema;
    if (csv) csv_schema = sniff(files[0].path);
    auto make = [&](std::vector<std::string> paths) -> std::shared_ptr<TableSource> {
      if (csv) {
        std::string first = paths[0];
        CsvSniffResult schema = first == files[0].path ? csv_schema : sniff(first);
        return CreateCsvSource(fs, std::move(paths), csv_options, schema, first);
      }
      return CreateParquetSource(fs, std::move(paths));
    };

    std::vector<DataFile> data_files;
    for (const auto& f : files) data_files.push_back(DataFile{f.path, f.root});
    MultiFileOptions multi_file_options;
    multi_file_options.open_files_apart = csv;  // a CSV source takes its layout from one file
    std::shared_ptr<TableSource> source = CreateMultiFileSource(m.table_name, data_files, multi_file_options, make);
    if (m.schema) Validate(m, *source, files[0].path);
    if (m.schema && !csv) CheckNotNullMetadata(m, files);
    if (m.schema) source = CheckNotNull(m, std::move(source));
    return source;
  }

  /// Declared NOT NULL columns against each Parquet file's footer: a column chunk whose
  /// statistics count NULLs fails with 23502 at once. REQUIRED columns cannot hold NULLs;
  /// chunks without a null count are left to the scan-time check (CheckNotNull).
  void CheckNotNullMetadata(const TableMapping& m, const std::vector<FoundFile>& files) const {
    std::set<std::string> declared;
    for (const auto& c : m.schema->columns) {
      if (!c.nullable) declared.insert(Lower(c.name));
    }
    if (declared.empty()) return;
    for (const auto& f : files) {
      auto reader = parquet::ParquetFileReader::Open(fs, f.path);
      const auto& row_groups = reader->metadata().row_groups;
      for (const auto& column : reader->columns()) {
        if (!column.nullable || column.nested || !declared.count(Lower(column.name))) continue;
        for (size_t g = 0; g < row_groups.size(); g++) {
          if (column.leaf_index >= row_groups[g].columns.size()) continue;
          const auto& meta = row_groups[g].columns[column.leaf_index].meta_data;
          if (!meta || !meta->statistics || !meta->statistics->null_count || *meta->statistics->null_count <= 0) continue;
          throw Exception(sqlstate::kNotNullViolation,
                          fmt::format("table \"{}\": column \"{}\" is declared NOT NULL but file {} holds {} NULL(s) "
                                      "in row group {}",
                                      m.table_name, column.name, BaseName(f.path), *meta->statistics->null_count, g));
        }
      }
    }
  }

  /// Wraps `source` so scans fail with 23502 on a NULL in a column declared NOT NULL.
  static std::shared_ptr<TableSource> CheckNotNull(const TableMapping& m, std::shared_ptr<TableSource> source) {
    std::vector<idx_t> not_null;
    const auto& columns = source->columns();
    for (const auto& c : m.schema->columns) {
      if (c.nullable) continue;
      auto it = std::find_if(columns.begin(), columns.end(),
                             [&](const ColumnDefinition& d) { return Lower(d.name) == Lower(c.name); });
      if (it != columns.end()) not_null.push_back(static_cast<idx_t>(it - columns.begin()));
    }
    if (not_null.empty()) return source;
    return CreateNotNullCheckedSource(std::move(source), m.table_name, std::move(not_null));
  }

  [[noreturn]] static void ThrowMissing(const TableMapping& m, const ColumnSchema& c, const std::string& file) {
    throw Exception(sqlstate::kDatatypeMismatch, fmt::format("table \"{}\": declared column \"{}\" {} does not exist in file {}",
                                                             m.table_name, c.name, c.type, BaseName(file)));
  }

  static void Validate(const TableMapping& m, const TableSource& source, const std::string& file) {
    const auto& columns = source.columns();
    for (const auto& c : m.schema->columns) {
      auto it = std::find_if(columns.begin(), columns.end(),
                             [&](const ColumnDefinition& d) { return Lower(d.name) == Lower(c.name); });
      if (it == columns.end()) ThrowMissing(m, c, file);
      LogicalType declared = ParseDeclaredType(c.type);
      if (!DeclaredTypeCompatible(declared, it->type)) {
        throw Exception(sqlstate::kDatatypeMismatch,
                        fmt::format("table \"{}\": declared column \"{}\" {} but file {} has {}", m.table_name, c.name,
                                    c.type, BaseName(file), it->type.ToString()));
      }
    }
  }

  std::vector<std::pair<std::string, int64_t>> Stamp(const std::vector<FoundFile>& files) const {
    std::vector<std::pair<std::string, int64_t>> out;
    for (const auto& f : files) out.emplace_back(f.path, fs.LastModifiedNanos(f.path));
    return out;
  }

  /// Builds (or reuses) the source for `m` and caches it under `key`.
  std::shared_ptr<TableSource> SourceFor(const std::string& key, const TableMapping& m) const {
    auto files = FilesOf(m);
    auto stamps = Stamp(files);
    {
      std::lock_guard<std::mutex> lock(cache_mutex);
      auto it = cache.find(key);
      if (it != cache.end() && it->second.mapping == m && it->second.files == stamps) return it->second.source;
    }
    auto source = Build(m, files);
    std::lock_guard<std::mutex> lock(cache_mutex);
    cache[key] = CacheEntry{m, std::move(stamps), source};
    return source;
  }

  /// Adds or replaces a mapping. REQUIRES: mutex held exclusively.
  void Put(TableMapping m) {
    generation++;
    std::string key = Lower(m.table_name);
    auto it = index.find(key);
    if (it != index.end()) {
      mappings[it->second] = std::move(m);
      return;
    }
    index.emplace(std::move(key), mappings.size());
    mappings.push_back(std::move(m));
  }

  /// Removes the mapping of lowercased `key`; false if none. REQUIRES: mutex held exclusively.
  bool Erase(const std::string& key) {
    auto it = index.find(key);
    if (it == index.end()) return false;
    generation++;
    size_t position = it->second;
    index.erase(it);
    mappings.erase(mappings.begin() + static_cast<std::ptrdiff_t>(position));
    for (size_t i = position; i < mappings.size(); i++) index[Lower(mappings[i].table_name)] = i;
    return true;
  }

  static std::unordered_map<std::string, TableMapping> ByName(const std::vector<TableMapping>& list) {
    std::unordered_map<std::string, TableMapping> out;
    for (const auto& m : list) out.emplace(Lower(m.table_name), m);
    return out;
  }

  /// Applies to this registry what changed in the file `path` between the state this registry
  /// last synced with and `now` (its current entries). REQUIRES: persist_mutex held.
  void MergeFileChanges(const std::string& path, const std::vector<TableMapping>& now) {
    static const std::unordered_map<std::string, TableMapping> kNothing;
    const auto& before = synced_path == path ? synced : kNothing;
    auto now_by_name = ByName(now);
    std::lock_guard<std::mutex> cache_lock(cache_mutex);
    std::unique_lock lock(mutex);
    for (const auto& m : now) {
      std::string key = Lower(m.table_name);
      auto it = before.find(key);
      if (it != before.end() && it->second == m) continue;
      cache.erase(key);
      Put(m);
    }
    for (const auto& [key, m] : before) {
      if (now_by_name.count(key)) continue;
      cache.erase(key);
      Erase(key);
    }
  }

  /// Records `text` (with its parsed entries) as the content of `path` this registry knows.
  /// REQUIRES: persist_mutex held.
  void MarkSynced(const std::string& path, std::string text, const std::vector<TableMapping>& entries) {
    synced_path = path;
    synced_text = std::move(text);
    synced = ByName(entries);
  }

  /// load_table_mappings (strict: a declared schema the existing files do not match fails the
  /// whole load) and open_table_mappings (not strict: such a mapping is kept, check_table
  /// reports it).
  void Load(const std::string& config_path, bool strict) {
    std::string text = fs.ReadFile(config_path);
    std::vector<TableMapping> loaded = ParseTableMappings(text, config_path);
    // Declared schemas are checked now against the files that exist (a mapping may name files
    // that appear later; those are checked when first queried).
    for (size_t i = 0; strict && i < loaded.size(); i++) {
      const auto& m = loaded[i];
      if (!m.schema) continue;
      auto files = FilesOf(m);
      if (files.empty()) continue;
      try {
        Build(m, files);
      } catch (const Exception& e) {
        throw Exception(e.sqlstate(), fmt::format("{}: tables[{}] (\"{}\"): {}", config_path, i, m.table_name, e.what()),
                        std::nullopt, e.hint());
      }
    }
    std::lock_guard<std::mutex> persist_lock(persist_mutex);
    {
      std::lock_guard<std::mutex> cache_lock(cache_mutex);
      std::unique_lock lock(mutex);
      for (const auto& m : loaded) {
        cache.erase(Lower(m.table_name));
        Put(m);
      }
    }
    MarkSynced(config_path, std::move(text), loaded);
  }

  /// Writes every mapping to `path` atomically and records it as synced. REQUIRES:
  /// persist_mutex and the data directory lock held.
  void WriteMappings(const std::string& path) {
    std::vector<TableMapping> entries;
    {
      std::shared_lock shared(mutex);
      entries = mappings;
    }
    std::string text = SerializeTableMappings(entries);
    fs.WriteFileAtomic(path, text);
    MarkSynced(path, std::move(text), entries);
  }

  /// Validates `m` by building its source, then registers it.
  void Register(TableMapping m) {
    std::string key = Lower(m.table_name);
    if (key.empty()) throw Exception(sqlstate::kInvalidParameterValue, "table name is empty");
    {
      std::lock_guard<std::mutex> lock(cache_mutex);
      cache.erase(key);
    }
    SourceFor(key, m);  // throws if the files are missing or do not match the schema
    std::unique_lock lock(mutex);
    Put(std::move(m));
  }
};

TableRegistry::TableRegistry(std::string data_dir) : TableRegistry(std::move(data_dir), FileSystem::Local()) {}

TableRegistry::TableRegistry(std::string data_dir, FileSystem& file_system)
    : data_dir_(std::move(data_dir)), impl_(std::make_unique<Impl>(file_system)) {
  impl_->data_dir = Normalize(data_dir_);
  RegisterFileTableFunctions(impl_->table_functions, data_dir_, file_system);
  RegisterGenerateSeries(impl_->table_functions);
}

const TableFunctionRegistry& TableRegistry::table_functions() const { return impl_->table_functions; }

TableRegistry::~TableRegistry() = default;

void TableRegistry::register_table(const std::string& table_name, const std::string& file_path) {
  TableMapping m;
  m.table_name = table_name;
  m.file_path = file_path;
  impl_->Register(std::move(m));
}

void TableRegistry::register_table_with_schema(const TableMapping& mapping) {
  if (mapping.file_path.empty() == mapping.partitions.empty()) {
    throw Exception(sqlstate::kInvalidParameterValue,
                    fmt::format("table \"{}\": a mapping needs exactly one of file_path and partitions", mapping.table_name));
  }
  if (mapping.schema) {
    for (const auto& c : mapping.schema->columns) {
      try {
        ParseDeclaredType(c.type);
      } catch (const Exception&) {
        throw Exception(sqlstate::kDatatypeMismatch, fmt::format("table \"{}\": declared column \"{}\" has unknown type \"{}\"",
                                                                 mapping.table_name, c.name, c.type));
      }
    }
  }
  impl_->Register(mapping);
}

void TableRegistry::register_partitioned_table(const std::string& table_name, const std::vector<std::string>& partitions) {
  if (partitions.empty()) {
    throw Exception(sqlstate::kInvalidParameterValue, fmt::format("table \"{}\": no partitions given", table_name));
  }
  TableMapping m;
  m.table_name = table_name;
  m.partitions = partitions;
  impl_->Register(std::move(m));
}

bool TableRegistry::unregister_table(const std::string& table_name) {
  std::string key = Lower(table_name);
  {
    std::lock_guard<std::mutex> lock(impl_->cache_mutex);
    impl_->cache.erase(key);
  }
  std::unique_lock lock(impl_->mutex);
  return impl_->Erase(key);
}

void TableRegistry::load_table_mappings(const std::string& config_path) { impl_->Load(config_path, /*strict=*/true); }

void TableRegistry::save_table_mappings(const std::string& config_path) const {
  std::lock_guard<std::mutex> persist_lock(impl_->persist_mutex);
  auto lock = LockDataDirectory(impl_->fs, config_path);
  impl_->WriteMappings(config_path);
}

void TableRegistry::open_table_mappings(const std::string& config_path) {
  {
    std::lock_guard<std::mutex> persist_lock(impl_->persist_mutex);
    // Every writer creates the lock file before its temporary, so without a lock file there
    // is nothing to clean, and opening for reading creates no file.
    const std::string lock_path = DataDirectoryLockPath(config_path);
    std::unique_ptr<FileLock> lock;
    try {
      if (impl_->fs.Exists(lock_path)) lock = impl_->fs.LockFile(lock_path, false);
    } catch (const Exception&) {
      // A lock file this process may not open (a read-only directory): opening for reading
      // must still work; the directory's writers clean up.
    }
    if (lock) impl_->fs.RemoveAtomicWriteTemporaries(config_path);
  }
  if (impl_->fs.Exists(config_path)) impl_->Load(config_path, /*strict=*/false);
}

std::optional<Exception> TableRegistry::check_table(const std::string& table_name, bool read_files) const {
  std::optional<TableMapping> m;
  {
    std::shared_lock lock(impl_->mutex);
    if (auto* found = impl_->Find(table_name)) m = *found;
  }
  if (!m) throw Exception(sqlstate::kUndefinedTable, fmt::format("table \"{}\" is not registered", table_name));
  try {
    if (read_files) {
      impl_->SourceFor(Lower(table_name), *m);
    } else {
      auto files = impl_->FilesOf(*m);
      if (files.empty() || m->schema) impl_->Build(*m, files);  // no files: Build names what is missing
    }
  } catch (const Exception& e) {
    return e;
  }
  return std::nullopt;
}

uint64_t TableRegistry::generation() const { return impl_->generation.load(); }

void TableRegistry::update_table_mappings(const std::string& config_path, const std::function<bool()>& change) {
  std::lock_guard<std::mutex> persist_lock(impl_->persist_mutex);
  auto lock = LockDataDirectory(impl_->fs, config_path);
  std::string text;
  try {
    text = impl_->fs.ReadFile(config_path);
  } catch (const Exception& e) {
    if (e.sqlstate() != sqlstate::kUndefinedFile) throw;  // no file yet: no mappings
  }
  if (text != impl_->synced_text || config_path != impl_->synced_path) {
    std::vector<TableMapping> now = text.empty() ? std::vector<TableMapping>{} : ParseTableMappings(text, config_path);
    impl_->MergeFileChanges(config_path, now);
    impl_->MarkSynced(config_path, std::move(text), now);
  }
  if (!change()) return;
  impl_->WriteMappings(config_path);
}

std::string TableRegistry::get_table_path(const std::string& table_name) const {
  std::optional<TableMapping> m;
  {
    std::shared_lock lock(impl_->mutex);
    if (auto* found = impl_->Find(table_name)) m = *found;
  }
  if (m) {
    auto files = impl_->FilesOf(*m);
    if (!files.empty()) return files[0].path;
    return impl_->Resolve(m->partitions.empty() ? m->file_path : m->partitions[0]);
  }
  std::string fallback = impl_->Fallback(table_name);
  if (fallback.empty()) {
    throw Exception(sqlstate::kUndefinedTable, fmt::format("table \"{}\" does not exist", table_name));
  }
  return impl_->Resolve(fallback);
}

TableMapping TableRegistry::get_table_mapping(const std::string& table_name) const {
  std::shared_lock lock(impl_->mutex);
  if (auto* found = impl_->Find(table_name)) return *found;
  throw Exception(sqlstate::kUndefinedTable, fmt::format("table \"{}\" is not registered", table_name));
}

std::vector<std::string> TableRegistry::get_all_partitions(const std::string& table_name) const {
  std::optional<TableMapping> m;
  {
    std::shared_lock lock(impl_->mutex);
    if (auto* found = impl_->Find(table_name)) m = *found;
  }
  std::vector<std::string> out;
  if (!m) {
    std::string fallback = impl_->Fallback(table_name);
    if (fallback.empty()) {
      throw Exception(sqlstate::kUndefinedTable, fmt::format("table \"{}\" does not exist", table_name));
    }
    out.push_back(impl_->Resolve(fallback));
    return out;
  }
  for (auto& f : impl_->FilesOf(*m)) out.push_back(std::move(f.path));
  return out;
}

std::vector<std::string> TableRegistry::list_tables() const {
  std::shared_lock lock(impl_->mutex);
  std::vector<std::string> names;
  for (const auto& m : impl_->mappings) names.push_back(Lower(m.table_name));
  std::sort(names.begin(), names.end());
  return names;
}

bool TableRegistry::has_table(const std::string& table_name) const {
  std::shared_lock lock(impl_->mutex);
  return impl_->Find(table_name) != nullptr;
}

void TableRegistry::clear() {
  std::lock_guard<std::mutex> cache_lock(impl_->cache_mutex);
  std::unique_lock lock(impl_->mutex);
  impl_->mappings.clear();
  impl_->index.clear();
  impl_->generation++;
  impl_->cache.clear();
}

void TableRegistry::reset_mappings(const std::vector<TableMapping>& mappings) {
  std::lock_guard<std::mutex> cache_lock(impl_->cache_mutex);
  std::unique_lock lock(impl_->mutex);
  impl_->mappings.clear();
  impl_->index.clear();
  impl_->cache.clear();
  impl_->generation++;
  for (const auto& m : mappings) impl_->Put(m);
}

std::vector<TableMapping> TableRegistry::mappings() const {
  std::shared_lock lock(impl_->mutex);
  return impl_->mappings;
}

std::shared_ptr<TableSource> TableRegistry::resolve(const std::string& table_name) const {
  std::optional<TableMapping> m;
  {
    std::shared_lock lock(impl_->mutex);
    if (auto* found = impl_->Find(table_name)) m = *found;
  }
  std::string key = Lower(table_name);
  if (!m) {
    std::string fallback = impl_->Fallback(table_name);
    if (fallback.empty()) return nullptr;
    m = TableMapping{};
    m->table_name = table_name;
    m->file_path = fallback;
  }
  return impl_->SourceFor(key, *m);
}

}  // namespace cairn
