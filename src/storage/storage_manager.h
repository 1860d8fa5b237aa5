// StorageManager: the managed (writable) tables of one open data directory — their committed
// versions, the single writer, the write-ahead log, checkpoints to Parquet, and recovery
// (docs/design/storage.md; WAL bytes in docs/format/wal.md).
//
//   - Reading: committed() is the snapshot every new statement outside a writing transaction
//     reads. Versions are immutable (TableData), so readers never wait for the writer.
//   - Writing: one transaction at a time holds the writer (AcquireWriter); it builds its own
//     snapshot and Commit() appends the changes to the WAL, syncs it (one fsync may cover
//     several commits: group commit), then publishes the new snapshot. A failed sync makes the
//     manager refuse every later write (58030) rather than acknowledge data it may have lost.
//   - Checkpoint(): writes each changed table's new rows to a new Parquet file, rewrites the
//     files that lost rows, records the new file lists and the WAL position in catalog.json in
//     one atomic update, then empties the WAL and removes the files no longer listed. Runs
//     every flush_interval on a background thread, on CHECKPOINT, and at Close().
//   - Open(): takes the writer lock file when writable (55006 if another process holds it),
//     opens every managed table's files, removes files a crashed checkpoint left behind, and
//     replays the WAL records after the catalog's checkpoint position.
//
// Table files live under `<data_dir>/tables/<table id>/<n>.parquet`.
//
// Thread-safety: every public method is thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "cairn/catalog.h"
#include "parquet/parquet_metadata.h"
#include "storage/storage_snapshot.h"
#include "storage/unique_index.h"

namespace cairn {

class FileSystem;
class FileLock;
class WriteAheadLog;

/// How a data directory is opened for writing (DatabaseOptions, `cairn --writable`,
/// datasources.json's options).
struct StorageOptions {
  bool writable = false;
  /// Codec of the Parquet files checkpoints write.
  parquet::CompressionCodec compression = parquet::CompressionCodec::SNAPPY;
  /// Time between background checkpoints; zero = only on CHECKPOINT and at close.
  std::chrono::milliseconds flush_interval = std::chrono::seconds(30);
};

/// The codec named `name` as the seed's options spell it: snappy, gzip, zstd, lz4 (LZ4_RAW),
/// none (also uncompressed, lz4_raw); case-insensitive. Throws 22023 naming the known ones.
parquet::CompressionCodec ParseCompressionOption(const std::string& name);

/// The changes of one transaction to one table, relative to the version it started from: what
/// a WAL commit record holds.
struct TableChanges {
  TableId table;
  uint64_t base_positions = 0;         // total_positions() of the version the changes apply to
  /// Positions of rows of that version deleted, as sorted, disjoint ranges (start, count).
  std::vector<std::pair<uint64_t, uint64_t>> deleted;
  std::vector<DataChunk> appended;     // rows appended, in the table's columns
};

class StorageManager {
 public:
  StorageManager(Catalog& catalog, FileSystem& file_system, std::string data_dir, StorageOptions options);
  /// Close()s, ignoring its errors.
  ~StorageManager();

  /// Loads the managed tables and recovers (see above). Throws 55006 (another writer), XX001
  /// (a corrupt WAL or data file, naming it), 58030 (I/O).
  void Open();
  /// Stops the background checkpoints and, when writable and healthy, checkpoints. Idempotent.
  /// Throws what Checkpoint() throws.
  void Close();

  bool writable() const { return options_.writable; }
  const StorageOptions& options() const { return options_; }
  /// Throws 25006 (with a hint naming --writable) unless the directory is open for writing, and
  /// 58030 when a failed sync stopped writes.
  void RequireWritable() const;

  /// The committed state of every managed table.
  std::shared_ptr<const StorageSnapshot> committed() const;

  /// The writer: held by one transaction from its first change to its end, and by DDL and
  /// checkpoints. Blocks until free.
  std::unique_lock<std::mutex> AcquireWriter();

  /// The unique indexes of table `id` (writer only: REQUIRES the writer held).
  std::vector<UniqueIndex>& indexes(TableId id);

  /// The state a writer builds on: the last committed changes, including those whose WAL record
  /// is appended but still being synced. REQUIRES: the writer held.
  std::shared_ptr<const StorageSnapshot> writer_base() const { return pending_; }

  /// Makes `working` (built from writer_base() by the holder of `writer`) the committed state:
  /// appends its changes to the WAL, releases `writer` (the next writer may append while this
  /// record syncs: group commit), waits until the record is durable, then publishes it to
  /// readers. Throws 58030 when the WAL cannot be written or synced (nothing is published; the
  /// manager stops accepting writes).
  void Commit(std::unique_lock<std::mutex>& writer, std::shared_ptr<const StorageSnapshot> working);
  /// True once a failed WAL write or sync stopped writes.
  bool failed() const { return failed_; }

  /// Creates managed table `name` (DDL, autocommit): its catalog entry and an empty version.
  /// Returns false when it existed and `if_not_exists`. Throws as Catalog::create_managed_table.
  bool CreateTable(const std::string& namespace_name, const std::string& name, const TableDefinition& definition,
                   bool if_not_exists);
  /// Drops managed table `entry` (DDL, autocommit): removes the catalog entry, then the table's
  /// files (a crash in between leaves files the next writable open removes; WAL records of the
  /// dropped table are skipped at replay).
  void DropTable(const CatalogEntry& entry);
  /// ALTER TABLE (DDL, autocommit) of managed table `current`: checkpoints, then `change` edits the
  /// catalog entry (name, a new definition version); when `rewrite` is given every row is
  /// rewritten through it (old rows → new rows, e.g. a column added or dropped) into new files.
  /// `validate` (may be null) runs first, with the writer held and the table checkpointed, on
  /// the state the change applies to; it throws to refuse the change (a NOT NULL that existing
  /// rows break).
  void AlterTable(const CatalogEntry& current, const std::function<void(CatalogEntry&)>& change,
                  const std::function<DataChunk(const DataChunk&)>& rewrite,
                  const std::function<void(const std::shared_ptr<const StorageSnapshot>&)>& validate = nullptr);

  /// Writes every changed table to Parquet and empties the WAL (see above). Takes the writer.
  void Checkpoint();

  /// The columns of a managed table's definition as the engine types them.
  static std::vector<ColumnDefinition> ColumnsOf(const TableDefinition& definition);

 private:
  void LoadTables();
  void Recover();
  std::shared_ptr<TableData> LoadTable(const CatalogEntry& entry) const;
  void BuildIndexes(TableId id, const std::string& table_name, const TableDefinition& definition,
                    const TableData& data);
  /// Checkpoint with the writer held.
  void CheckpointLocked();
  /// Writes `data`'s live rows (all, or only those of the tail) through `rewrite` into new
  /// files of table `id`; returns the new file list.
  std::vector<TableDataFile> WriteTableFiles(const TableData& data, bool everything,
                                        const std::function<DataChunk(const DataChunk&)>& rewrite,
                                        const std::vector<ColumnDefinition>& rewritten_columns);
  std::string NewFilePath(TableId id);  // relative to the data directory
  std::string Absolute(const std::string& relative) const;
  void RemoveUnlistedFiles();
  void FlushLoop();
  /// Makes `snapshot` what readers see, unless a later commit (higher `lsn`) is already shown.
  void Publish(std::shared_ptr<const StorageSnapshot> snapshot, uint64_t lsn = UINT64_MAX);
  /// Applies one transaction's changes to `snapshot` (WAL replay). Throws XX001 when they do not
  /// fit the table (`what` names the record).
  void ApplyChanges(StorageSnapshot& snapshot, const std::vector<TableChanges>& changes, const std::string& what) const;
  /// Waits until every appended WAL record is durable and readers see the latest commit.
  /// REQUIRES: the writer held.
  void DrainCommits();
  void Fail(const std::string& reason);

  Catalog& catalog_;
  FileSystem& fs_;
  std::string data_dir_;
  StorageOptions options_;

  std::unique_ptr<FileLock> writer_lock_file_;
  std::unique_ptr<WriteAheadLog> wal_;
  bool open_ = false;

  std::string wal_path_;
  mutable std::mutex snapshot_mutex_;
  std::shared_ptr<const StorageSnapshot> committed_;  // what readers see
  uint64_t committed_lsn_ = 0;                        // the WAL record it reflects
  std::shared_ptr<const StorageSnapshot> pending_;     // writer only: the last appended state

  std::mutex writer_mutex_;
  std::map<uint64_t, std::vector<UniqueIndex>> indexes_;  // writer only
  std::map<uint64_t, uint64_t> next_file_number_;         // writer only
  std::atomic<bool> failed_{false};
  mutable std::mutex failure_mutex_;
  std::string failure_;

  std::mutex flush_mutex_;
  std::condition_variable flush_cv_;
  bool stopping_ = false;
  std::thread flusher_;
};

}  // namespace cairn
