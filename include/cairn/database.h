// Database: an open Cairn data directory — its catalog (namespaces, views and the table
// registry, loaded from the directory's catalog.json and table_mappings.json on open), its
// worker threads, and its settings. Connections run SQL
// against it.
//
// Thread-safety: a Database may be shared by many Connections on many threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cairn/catalog.h"
#include "cairn/table_registry.h"

namespace cairn {

class FileSystem;  // src/io/file_system.h (engine internals)

struct DatabaseOptions {
  /// Worker threads for query execution; 0 = one per hardware core.
  unsigned threads = 0;
  /// Load `<data_dir>/catalog.json` and `table_mappings.json` on open if they exist (false: the
  /// database starts with an empty catalog; a DDL statement still merges what the files hold).
  bool load_table_mappings = true;
  /// The file system every file of this database is read and written through; null = the
  /// local file system. Engine-internal type (src/io/file_system.h): tests pass an in-memory
  /// one.
  std::shared_ptr<FileSystem> file_system;
  /// Most memory, in bytes, the database's queries may hold together (hash tables, sort runs,
  /// buffered rows); a query that would exceed it fails with SQLSTATE 53200. It is also the
  /// default of each session's `memory_limit` setting. 0 = 80 % of the memory available to the
  /// process (its cgroup's limit, else physical memory). See docs/design/memory-limit.md.
  uint64_t memory_limit = 0;
  /// Open the directory for writing (docs/design/storage.md): CREATE TABLE, INSERT, UPDATE,
  /// DELETE ... on managed tables, a write-ahead log, and checkpoints to Parquet. One process at
  /// a time may open a directory writable (others get 55006). Without it every write is 25006.
  /// `<data_dir>/datasources.json` may set it too (docs/sql/writes.md).
  bool writable = false;
  /// Codec of the Parquet files Cairn writes for managed tables: "snappy", "gzip", "zstd",
  /// "lz4" (LZ4_RAW) or "none".
  std::string compression = "snappy";
  /// Time between background checkpoints (the seed's flush_interval); zero: only at CHECKPOINT
  /// and on close.
  std::chrono::milliseconds flush_interval = std::chrono::seconds(30);
};

class DatabaseInstance;  // engine internals (src/main)

/// What the memory accounting of a database reports (docs/design/memory-limit.md), in bytes.
struct MemoryUsage {
  uint64_t used = 0;   // held now by the database's queries (hash tables, sort runs, buffered rows)
  uint64_t peak = 0;   // the most ever held at once since the database opened
  uint64_t limit = 0;  // the database's limit (DatabaseOptions::memory_limit or its default)
};

class Database {
 public:
  /// Opens `data_dir` ("" = current directory). Throws cairn::Exception if the directory does
  /// not exist or its catalog.json / table_mappings.json is invalid (F0000 naming the file and
  /// the entry). A table whose files vanished or no longer match is not an error here: see
  /// broken_tables().
  explicit Database(std::string data_dir = "", DatabaseOptions options = {});
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  const std::string& data_dir() const;
  TableRegistry& registry();
  /// The catalog: namespaces, file tables (the registry), views, system tables.
  Catalog& catalog();
  /// Tables that failed their check when the directory opened ("ns.name: reason"); the
  /// database is usable, those tables' queries fail with the reason.
  std::vector<std::string> broken_tables() const;

  // The registry API in the seed's shape (forwards to registry()).
  void register_table(const std::string& table_name, const std::string& file_path) { registry().register_table(table_name, file_path); }
  void register_table_with_schema(const TableMapping& mapping) { registry().register_table_with_schema(mapping); }
  void register_partitioned_table(const std::string& table_name, const std::vector<std::string>& partitions) {
    registry().register_partitioned_table(table_name, partitions);
  }
  void load_table_mappings(const std::string& path) { registry().load_table_mappings(path); }
  void save_table_mappings(const std::string& path) { registry().save_table_mappings(path); }

  /// Writes every change of the managed tables to Parquet and empties the write-ahead log (SQL
  /// CHECKPOINT). Throws 25006 on a read-only database, 58030 on I/O errors. Thread-safe.
  void checkpoint();
  /// Checkpoints and closes the data directory (the destructor does it too, reporting errors
  /// on stderr): after it the database must not be used. Throws what checkpoint() throws.
  void close();

  /// The memory the database's queries hold. Thread-safe.
  MemoryUsage memory_usage() const;

  DatabaseInstance& instance() { return *instance_; }

 private:
  std::unique_ptr<DatabaseInstance> instance_;
};

}  // namespace cairn
