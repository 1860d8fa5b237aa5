#include "storage/storage_manager.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <set>

#include "cairn/exception.h"
#include "function/cast.h"
#include "io/file_system.h"
#include "parquet/parquet_file_reader.h"
#include "parquet/parquet_writer.h"
#include "storage/managed_table_source.h"
#include "storage/wal_commit_record.h"
#include "storage/write_ahead_log.h"

namespace cairn {

namespace {

constexpr const char* kTablesDirectory = "tables";
constexpr const char* kWriterLockFile = ".cairn-writer.lock";
constexpr const char* kWalFile = ".wal";
/// Compaction (WriteTableFiles): files with fewer rows than this count as small, and this many
/// small files are merged into one at the next checkpoint.
constexpr idx_t kSmallFileRows = 32768;
constexpr idx_t kCompactSmallFiles = 8;

std::string JoinPath(const std::string& dir, const std::string& name) { return dir.empty() ? name : dir + "/" + name; }

/// The number of `name` when it is `<n>.parquet`, else nullopt.
std::optional<uint64_t> FileNumber(const std::string& name) {
  const std::string suffix = ".parquet";
  if (name.size() <= suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) {
    return std::nullopt;
  }
  std::string digits = name.substr(0, name.size() - suffix.size());
  if (digits.empty() || digits.size() > 18 || !std::all_of(digits.begin(), digits.end(), ::isdigit)) return std::nullopt;
  return std::stoull(digits);
}

/// Unique indexes of `definition`: the primary key first ("<table>_pkey"), then each UNIQUE
/// list ("<table>_<columns>_key"), as PostgreSQL names them.
std::vector<UniqueIndex> MakeIndexes(const std::string& table, const TableDefinition& definition) {
  std::vector<UniqueIndex> out;
  auto make = [&](const std::vector<std::string>& names, std::string index_name) {
    std::vector<idx_t> columns;
    std::vector<LogicalType> types;
    for (const auto& n : names) {
      for (idx_t i = 0; i < definition.columns.size(); i++) {
        if (definition.columns[i].name == n) {
          columns.push_back(i);
          types.push_back(ParseTypeName(definition.columns[i].type));
        }
      }
    }
    if (columns.size() != names.size()) {
      throw Exception(sqlstate::kDataCorrupted, fmt::format("index \"{}\" names an unknown column", index_name));
    }
    out.emplace_back(std::move(index_name), std::move(columns), std::move(types), names);
  };
  if (!definition.primary_key.empty()) make(definition.primary_key, table + "_pkey");
  for (const auto& key : definition.unique_keys) {
    std::string name = table;
    for (const auto& column : key) name += "_" + column;
    make(key, name + "_key");
  }
  return out;
}

}  // namespace

parquet::CompressionCodec ParseCompressionOption(const std::string& name) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "snappy") return parquet::CompressionCodec::SNAPPY;
  if (lower == "gzip") return parquet::CompressionCodec::GZIP;
  if (lower == "zstd") return parquet::CompressionCodec::ZSTD;
  if (lower == "lz4" || lower == "lz4_raw") return parquet::CompressionCodec::LZ4_RAW;
  if (lower == "none" || lower == "uncompressed") return parquet::CompressionCodec::UNCOMPRESSED;
  throw Exception(sqlstate::kInvalidParameterValue, fmt::format("unknown compression \"{}\"", name), std::nullopt,
                  "Use snappy, gzip, zstd, lz4 or none.");
}

StorageManager::StorageManager(Catalog& catalog, FileSystem& file_system, std::string data_dir, StorageOptions options)
    : catalog_(catalog), fs_(file_system), data_dir_(std::move(data_dir)), options_(options),
      wal_path_(JoinPath(data_dir_, kWalFile)), committed_(std::make_shared<StorageSnapshot>()), pending_(committed_) {}

StorageManager::~StorageManager() {
  try {
    Close();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "cairn: closing the data directory failed: %s\n", e.what());
  }
}

std::vector<ColumnDefinition> StorageManager::ColumnsOf(const TableDefinition& definition) {
  std::vector<ColumnDefinition> out;
  for (const auto& c : definition.columns) {
    out.push_back(ColumnDefinition{c.name, ParseTypeName(c.type), c.nullable, DeclaredVarcharLength(c.type)});
  }
  return out;
}

std::string StorageManager::Absolute(const std::string& relative) const { return JoinPath(data_dir_, relative); }

void StorageManager::Open() {
  if (options_.writable) {
    const std::string lock_path = JoinPath(data_dir_, kWriterLockFile);
    writer_lock_file_ = fs_.LockFile(lock_path, /*wait=*/false);
    if (!writer_lock_file_) {
      throw Exception(sqlstate::kObjectInUse,
                      fmt::format("data directory \"{}\" is open for writing by another process",
                                  data_dir_.empty() ? "." : data_dir_),
                      std::nullopt, "Only one process may open a data directory with --writable; open it read-only.");
    }
  }
  LoadTables();
  if (options_.writable) RemoveUnlistedFiles();
  Recover();
  open_ = true;
  if (options_.writable && options_.flush_interval.count() > 0) flusher_ = std::thread([this] { FlushLoop(); });
}

void StorageManager::Close() {
  if (!open_) return;
  open_ = false;
  {
    std::lock_guard<std::mutex> lock(flush_mutex_);
    stopping_ = true;
  }
  flush_cv_.notify_all();
  if (flusher_.joinable()) flusher_.join();
  if (options_.writable && !failed_) Checkpoint();
  writer_lock_file_.reset();
}

void StorageManager::RequireWritable() const {
  if (!options_.writable) {
    throw Exception(sqlstate::kReadOnlySqlTransaction, "cannot execute a write in a read-only database", std::nullopt,
                    "Open the data directory for writing: `cairn DATA_DIR --writable`, DatabaseOptions::writable, "
                    "or \"writable\": true in datasources.json.");
  }
  if (failed_) {
    std::lock_guard<std::mutex> lock(failure_mutex_);
    throw Exception(sqlstate::kIoError, "the database no longer accepts writes: " + failure_);
  }
}

std::shared_ptr<const StorageSnapshot> StorageManager::committed() const {
  std::lock_guard<std::mutex> lock(snapshot_mutex_);
  return committed_;
}

void StorageManager::Publish(std::shared_ptr<const StorageSnapshot> snapshot, uint64_t lsn) {
  std::lock_guard<std::mutex> lock(snapshot_mutex_);
  if (lsn != UINT64_MAX) {
    if (lsn < committed_lsn_) return;  // a later commit is already visible
    committed_lsn_ = lsn;
  }
  committed_ = std::move(snapshot);
}

void StorageManager::Fail(const std::string& reason) {
  {
    std::lock_guard<std::mutex> lock(failure_mutex_);
    if (failure_.empty()) failure_ = reason;
  }
  failed_ = true;
  std::fprintf(stderr, "cairn: %s; the database no longer accepts writes\n", reason.c_str());
}

std::unique_lock<std::mutex> StorageManager::AcquireWriter() { return std::unique_lock<std::mutex>(writer_mutex_); }

std::vector<UniqueIndex>& StorageManager::indexes(TableId id) { return indexes_[id.value]; }

std::shared_ptr<TableData> StorageManager::LoadTable(const CatalogEntry& entry) const {
  auto data = std::make_shared<TableData>();
  data->id = entry.id;
  data->columns = ColumnsOf(entry.definition());
  for (const auto& file : entry.data_files) {
    std::shared_ptr<parquet::ParquetFileReader> reader = parquet::ParquetFileReader::Open(fs_, Absolute(file.path));
    if (reader->num_rows() != file.row_count) {
      throw Exception(sqlstate::kDataCorrupted,
                      fmt::format("data file {} of table \"{}\" holds {} rows, the catalog lists {}", file.path,
                                  entry.name, reader->num_rows(), file.row_count));
    }
    const auto& columns = reader->columns();
    bool same = columns.size() == data->columns.size();
    for (idx_t i = 0; same && i < columns.size(); i++) same = columns[i].name == data->columns[i].name;
    if (!same) {
      throw Exception(sqlstate::kDataCorrupted,
                      fmt::format("data file {} of table \"{}\" does not have the table's columns", file.path, entry.name));
    }
    AddDataFile(*data, file, std::move(reader));
  }
  return data;
}

void StorageManager::BuildIndexes(TableId id, const std::string& table_name, const TableDefinition& definition,
                                  const TableData& data) {
  std::vector<UniqueIndex> indexes = MakeIndexes(table_name, definition);
  if (!indexes.empty() && data.live_rows() > 0) {
    std::vector<idx_t> all;
    for (idx_t i = 0; i < data.columns.size(); i++) all.push_back(i);
    auto shared = std::make_shared<const TableData>(data);
    ScanTableRows(shared, all, 0, data.total_positions(), [&](DataChunk& chunk) {
      for (auto& index : indexes) {
        std::vector<std::string> keys = index.Keys(chunk);
        for (idx_t row = 0; row < keys.size(); row++) {
          if (!index.Insert(keys[row])) {
            throw Exception(sqlstate::kUniqueViolation,
                            fmt::format("could not create unique index \"{}\"", index.name()), std::nullopt,
                            index.DuplicateDetail(chunk, row));
          }
        }
      }
    });
  }
  indexes_[id.value] = std::move(indexes);
}

void StorageManager::LoadTables() {
  auto snapshot = std::make_shared<StorageSnapshot>();
  for (const auto& entry : catalog_.tables(false)) {
    if (entry.type != TableType::kManaged) continue;
    snapshot->tables[entry.id.value] = LoadTable(entry);
  }
  pending_ = snapshot;
  Publish(std::move(snapshot));
}

void StorageManager::ApplyChanges(StorageSnapshot& snapshot, const std::vector<TableChanges>& changes,
                                  const std::string& what) const {
  for (const auto& table : changes) {
    auto found = snapshot.tables.find(table.table.value);
    if (found == snapshot.tables.end()) continue;  // dropped after the record was written
    const TableData& data = *found->second;
    if (data.total_positions() != table.base_positions) {
      throw Exception(sqlstate::kDataCorrupted,
                      fmt::format("{}: changes of table {} were made to {} rows, the table has {}", what, table.table.value,
                                  table.base_positions, data.total_positions()));
    }
    std::vector<uint64_t> positions;
    for (const auto& [start, count] : table.deleted) {
      for (uint64_t p = start; p < start + count; p++) positions.push_back(p);
    }
    std::shared_ptr<TableData> next = data.WithDeleted(std::move(positions));
    const std::vector<LogicalType> types = data.types();
    for (const auto& chunk : table.appended) {
      if (chunk.GetTypes() != types) {
        throw Exception(sqlstate::kDataCorrupted,
                        fmt::format("{}: rows of table {} do not have the table's column types", what, table.table.value));
      }
      for (idx_t start = 0; start < chunk.size(); start += kStandardVectorSize) {
        idx_t count = std::min<idx_t>(kStandardVectorSize, chunk.size() - start);
        if (start == 0 && count == chunk.size()) {
          next = next->WithAppended(chunk);
          continue;
        }
        DataChunk slice;
        slice.Initialize(types, count);
        SelectionVector sel(count);
        for (idx_t i = 0; i < count; i++) sel.set_index(i, start + i);
        for (idx_t c = 0; c < types.size(); c++) slice.data[c].CopyFrom(chunk.data[c], sel, count, 0);
        slice.SetCardinality(count);
        next = next->WithAppended(slice);
      }
    }
    found->second = std::move(next);
  }
}

void StorageManager::Recover() {
  // Replays the WAL records after the catalog's checkpoint position onto the loaded files.
  auto snapshot = std::make_shared<StorageSnapshot>(*committed());
  const uint64_t checkpoint_lsn = catalog_.checkpoint_lsn();
  uint64_t last_lsn = 0;
  std::vector<TableChanges> parts;  // of a transaction whose commit record has not come yet
  auto replay = [&](uint64_t lsn, std::string_view payload) {
    if (lsn <= checkpoint_lsn) return;
    std::string what = fmt::format("{}: record {}", wal_path_, lsn);
    DecodedCommitRecord record = DecodeCommitRecord(payload, what);
    MergeCommitParts(parts, std::move(record.changes));
    if (!record.commit) return;
    ApplyChanges(*snapshot, parts, what);
    parts.clear();
    last_lsn = lsn;
  };
  if (options_.writable) {
    wal_ = WriteAheadLog::Open(fs_, wal_path_, replay);
    if (wal_->next_lsn() <= checkpoint_lsn) wal_->Reset(checkpoint_lsn + 1);
  } else if (fs_.Exists(wal_path_)) {
    // A read-only open sees what a writer committed but did not checkpoint yet; it never
    // changes the log.
    WriteAheadLog::Read(fs_, wal_path_, replay);
  }
  pending_ = snapshot;
  Publish(snapshot, last_lsn);
  if (!options_.writable) return;
  // Part records of a transaction whose commit record never came (the writer died while
  // appending them) must not meet the parts of a later transaction: checkpoint now, which
  // empties the log.
  const bool dangling_parts = !parts.empty();
  for (const auto& entry : catalog_.tables(false)) {
    if (entry.type != TableType::kManaged) continue;
    auto data = snapshot->Find(entry.id);
    if (data) BuildIndexes(entry.id, entry.name, entry.definition(), *data);
  }
  if (dangling_parts) {
    auto writer = AcquireWriter();
    CheckpointLocked();
  }
}

void StorageManager::RemoveUnlistedFiles() {
  const std::string tables_dir = Absolute(kTablesDirectory);
  if (!fs_.IsDirectory(tables_dir)) return;
  std::map<std::string, std::set<std::string>> listed;  // table directory name -> listed files
  for (const auto& entry : catalog_.tables(false)) {
    if (entry.type != TableType::kManaged) continue;
    auto& files = listed[std::to_string(entry.id.value)];
    for (const auto& file : entry.data_files) files.insert(file.path);
  }
  for (const auto& table_dir : fs_.ListDirectory(tables_dir)) {
    if (!table_dir.is_directory) continue;
    auto found = listed.find(table_dir.name);
    bool removed = false;
    const std::string dir = JoinPath(tables_dir, table_dir.name);
    for (const auto& file : fs_.ListDirectory(dir)) {
      if (file.is_directory) continue;
      std::string relative = std::string(kTablesDirectory) + "/" + table_dir.name + "/" + file.name;
      if (found != listed.end() && found->second.count(relative)) continue;
      fs_.RemoveFile(JoinPath(dir, file.name));
      removed = true;
    }
    if (removed) fs_.SyncDirectory(dir);
  }
}

std::string StorageManager::NewFilePath(TableId id) {
  auto it = next_file_number_.find(id.value);
  if (it == next_file_number_.end()) {
    uint64_t next = 1;
    const std::string dir = Absolute(JoinPath(kTablesDirectory, std::to_string(id.value)));
    if (fs_.IsDirectory(dir)) {
      for (const auto& file : fs_.ListDirectory(dir)) {
        if (auto n = FileNumber(file.name)) next = std::max(next, *n + 1);
      }
    }
    it = next_file_number_.emplace(id.value, next).first;
  }
  return fmt::format("{}/{}/{:06d}.parquet", kTablesDirectory, id.value, it->second++);
}

std::vector<TableDataFile> StorageManager::WriteTableFiles(const TableData& data, bool everything,
                                                      const std::function<DataChunk(const DataChunk&)>& rewrite,
                                                      const std::vector<ColumnDefinition>& rewritten_columns) {
  auto shared = std::make_shared<const TableData>(data);
  std::vector<TableDataFile> out;
  std::vector<idx_t> all;
  for (idx_t i = 0; i < data.columns.size(); i++) all.push_back(i);
  fs_.CreateDirectories(Absolute(JoinPath(kTablesDirectory, std::to_string(data.id.value))));
  fs_.SyncDirectory(Absolute(kTablesDirectory));
  fs_.SyncDirectory(data_dir_);

  // Writes the live rows of the position ranges to one new file (none when all are deleted).
  auto write_ranges = [&](const std::vector<std::pair<idx_t, idx_t>>& ranges) {
    std::unique_ptr<parquet::ParquetWriter> writer;
    std::string path;
    auto consume = [&](DataChunk& chunk) {
      DataChunk rows = rewrite ? rewrite(chunk) : DataChunk();
      DataChunk& written = rewrite ? rows : chunk;
      // Types Parquet cannot hold losslessly are written as their text (StoredColumnType).
      for (idx_t c = 0; c < written.ColumnCount(); c++) {
        LogicalType stored = StoredColumnType(written.data[c].type());
        if (stored == written.data[c].type()) continue;
        Vector text(stored, std::max<idx_t>(written.size(), 1));
        CastVector(written.data[c], text, written.size());
        written.data[c] = std::move(text);
      }
      if (!writer) {
        path = NewFilePath(data.id);
        std::vector<std::string> names;
        std::vector<LogicalType> types;
        for (idx_t c = 0; c < written.ColumnCount(); c++) types.push_back(written.data[c].type());
        // NOT NULL columns are REQUIRED in the file, nullable ones OPTIONAL (the seed's rule).
        parquet::ParquetWriterOptions options;
        options.codec = options_.compression;
        for (const auto& c : rewrite ? rewritten_columns : data.columns) {
          names.push_back(c.name);
          options.required_columns.push_back(!c.nullable);
        }
        writer = std::make_unique<parquet::ParquetWriter>(fs_, Absolute(path), names, types, options);
      }
      writer->Append(written);
    };
    for (const auto& [from, to] : ranges) ScanTableRows(shared, all, from, to, consume);
    if (writer) {
      writer->Finish();
      out.push_back(TableDataFile{path, writer->rows_written()});
    }
  };
  // Compaction: once a table has kCompactSmallFiles files smaller than kSmallFileRows (each
  // checkpoint of a few changes adds one), they are merged, with the new rows, into one file.
  auto is_small = [](const TableData::File& file) { return file.entry.row_count < kSmallFileRows; };
  const idx_t small_files =
      static_cast<idx_t>(std::count_if(data.files.begin(), data.files.end(), is_small));
  const bool compact = !everything && small_files >= kCompactSmallFiles;
  std::vector<std::pair<idx_t, idx_t>> merged;
  for (const auto& file : data.files) {
    idx_t end = file.first_position + file.entry.row_count;
    auto first_deleted = std::lower_bound(data.deleted->begin(), data.deleted->end(), file.first_position);
    bool untouched = first_deleted == data.deleted->end() || *first_deleted >= end;
    if (compact && is_small(file)) {
      merged.emplace_back(file.first_position, end);
    } else if (untouched && !everything) {
      out.push_back(file.entry);
    } else {
      write_ranges({{file.first_position, end}});
    }
  }
  if (data.tail_rows > 0) merged.emplace_back(data.file_rows, data.total_positions());
  if (!merged.empty()) write_ranges(merged);
  return out;
}

void StorageManager::Checkpoint() {
  auto writer = AcquireWriter();
  CheckpointLocked();
}

void StorageManager::DrainCommits() {
  if (wal_ && wal_->durable_lsn() + 1 < wal_->next_lsn()) {
    try {
      wal_->Commit(wal_->next_lsn() - 1);
    } catch (const Exception& e) {
      Fail(e.what());
      throw;
    }
  }
  Publish(pending_, wal_ ? wal_->next_lsn() - 1 : UINT64_MAX);
}

void StorageManager::CheckpointLocked() {
  RequireWritable();
  DrainCommits();
  auto snapshot = pending_;
  const uint64_t checkpoint_lsn = wal_ ? wal_->next_lsn() - 1 : 0;
  auto next = std::make_shared<StorageSnapshot>(*snapshot);
  std::map<TableId, std::vector<TableDataFile>> lists;
  std::set<std::string> obsolete;
  for (const auto& [id, data] : snapshot->tables) {
    if (!data->dirty()) continue;
    std::vector<TableDataFile> files = WriteTableFiles(*data, /*everything=*/false, nullptr, {});
    std::set<std::string> kept;
    for (const auto& f : files) kept.insert(f.path);
    for (const auto& f : data->files) {
      if (!kept.count(f.entry.path)) obsolete.insert(f.entry.path);
    }
    auto fresh = std::make_shared<TableData>();
    fresh->id = data->id;
    fresh->columns = data->columns;
    for (const auto& f : files) {
      std::shared_ptr<const parquet::ParquetFileReader> reader;
      for (const auto& old : data->files) {
        if (old.entry.path == f.path) reader = old.reader;
      }
      if (!reader) reader = parquet::ParquetFileReader::Open(fs_, Absolute(f.path));
      AddDataFile(*fresh, f, std::move(reader));
    }
    next->tables[id] = std::move(fresh);
    lists[data->id] = std::move(files);
  }
  if (lists.empty() && (!wal_ || checkpoint_lsn <= catalog_.checkpoint_lsn())) return;
  catalog_.checkpoint_managed_tables(lists, checkpoint_lsn);
  pending_ = next;
  Publish(next);
  if (wal_) {
    try {
      wal_->Reset(checkpoint_lsn + 1);
    } catch (const Exception& e) {
      Fail(e.what());
      throw;
    }
  }
  for (const auto& path : obsolete) {
    try {
      fs_.RemoveFile(Absolute(path));
    } catch (const Exception&) {
      // Removed at the next writable open (RemoveUnlistedFiles).
    }
  }
}

void StorageManager::Commit(std::unique_lock<std::mutex>& writer, std::shared_ptr<const StorageSnapshot> working) {
  if (!writer.owns_lock() || writer.mutex() != &writer_mutex_) {
    throw Exception(sqlstate::kInternalError, "commit without holding the writer");
  }
  RequireWritable();
  // The changes relative to the state the transaction started writing from.
  std::vector<TableChanges> changes;
  for (const auto& [id, data] : working->tables) {
    auto base = pending_->Find(TableId{id});
    if (!base) throw Exception(sqlstate::kInternalError, "a transaction changed a table that is gone");
    if (base == data) continue;
    TableChanges table;
    table.table = TableId{id};
    table.base_positions = base->total_positions();
    std::vector<uint64_t> deleted;
    std::set_difference(data->deleted->begin(), data->deleted->end(), base->deleted->begin(), base->deleted->end(),
                        std::back_inserter(deleted));
    for (uint64_t p : deleted) {
      if (p >= table.base_positions) continue;  // a row this transaction appended and deleted
      if (!table.deleted.empty() && table.deleted.back().first + table.deleted.back().second == p) {
        table.deleted.back().second++;
      } else {
        table.deleted.emplace_back(p, 1);
      }
    }
    table.appended = data->LiveTailRows(table.base_positions);
    if (table.deleted.empty() && table.appended.empty()) continue;
    changes.push_back(std::move(table));
  }
  if (changes.empty()) {
    pending_ = std::move(working);  // nothing for readers to see, nothing to log
    return;
  }
  std::vector<std::string> records = EncodeCommitRecords(changes);
  uint64_t lsn = 0;
  try {
    for (const auto& record : records) lsn = wal_->Append(record);
  } catch (const Exception& e) {
    if (e.sqlstate() == sqlstate::kIoError) Fail(e.what());
    throw;
  }
  pending_ = working;
  writer.unlock();
  try {
    wal_->Commit(lsn);
  } catch (const Exception& e) {
    Fail(e.what());
    throw;
  }
  Publish(std::move(working), lsn);
}

bool StorageManager::CreateTable(const std::string& namespace_name, const std::string& name,
                                 const TableDefinition& definition, bool if_not_exists) {
  RequireWritable();
  auto writer = AcquireWriter();
  std::optional<TableId> id = catalog_.create_managed_table(namespace_name, name, definition, {}, if_not_exists);
  if (!id) return false;
  auto data = std::make_shared<TableData>();
  data->id = *id;
  data->columns = ColumnsOf(definition);
  indexes_[id->value] = MakeIndexes(name, definition);
  DrainCommits();
  auto next = std::make_shared<StorageSnapshot>(*pending_);
  next->tables[id->value] = std::move(data);
  pending_ = next;
  Publish(std::move(next));
  return true;
}

void StorageManager::DropTable(const CatalogEntry& entry) {
  RequireWritable();
  auto writer = AcquireWriter();
  auto dropped = catalog_.drop_managed_table(entry.namespace_name, entry.name);
  if (!dropped) return;
  DrainCommits();
  auto next = std::make_shared<StorageSnapshot>(*pending_);
  next->tables.erase(dropped->id.value);
  pending_ = next;
  Publish(std::move(next));
  indexes_.erase(dropped->id.value);
  for (const auto& file : dropped->data_files) {
    try {
      fs_.RemoveFile(Absolute(file.path));
    } catch (const Exception&) {
      // Removed at the next writable open.
    }
  }
}

void StorageManager::AlterTable(const CatalogEntry& current, const std::function<void(CatalogEntry&)>& change,
                                const std::function<DataChunk(const DataChunk&)>& rewrite,
                                const std::function<void(const std::shared_ptr<const StorageSnapshot>&)>& validate) {
  RequireWritable();
  const TableId id = current.id;
  auto writer = AcquireWriter();
  CheckpointLocked();
  auto snapshot = pending_;
  auto data = snapshot->Find(id);
  if (!data) throw Exception(sqlstate::kUndefinedTable, fmt::format("table with id {} does not exist", id.value));
  if (validate) validate(snapshot);
  CatalogEntry planned = current;
  change(planned);
  std::vector<TableDataFile> files;
  if (rewrite) {
    files = WriteTableFiles(*data, /*everything=*/true, rewrite, ColumnsOf(planned.definition()));
  }
  CatalogEntry changed;
  catalog_.update_managed_table(id, [&](CatalogEntry& entry) {
    change(entry);
    if (rewrite) entry.data_files = files;
    changed = entry;
  });
  auto fresh = LoadTable(changed);
  BuildIndexes(id, changed.name, changed.definition(), *fresh);
  auto next = std::make_shared<StorageSnapshot>(*snapshot);
  next->tables[id.value] = std::move(fresh);
  pending_ = next;
  Publish(std::move(next));
  if (rewrite) {
    for (const auto& f : data->files) {
      try {
        fs_.RemoveFile(Absolute(f.entry.path));
      } catch (const Exception&) {
      }
    }
  }
}

void StorageManager::FlushLoop() {
  std::unique_lock<std::mutex> lock(flush_mutex_);
  while (!stopping_) {
    flush_cv_.wait_for(lock, options_.flush_interval, [this] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    std::unique_lock<std::mutex> writer(writer_mutex_, std::try_to_lock);
    if (writer.owns_lock() && !failed_) {
      try {
        CheckpointLocked();
      } catch (const std::exception& e) {
        std::fprintf(stderr, "cairn: background checkpoint failed (retried later): %s\n", e.what());
      }
    }
    writer = {};
    lock.lock();
  }
}

}  // namespace cairn
