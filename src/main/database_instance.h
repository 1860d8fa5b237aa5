// DatabaseInstance: the engine behind a Database — its data directory, table registry and
// the worker-thread pool every query of the database shares.
//
// Thread-safety: the registry and the scheduler are thread-safe; the instance is shared by
// all connections.
#pragma once

#include <memory>
#include <string>

#include "cairn/database.h"
#include "cairn/catalog.h"
#include "cairn/table_registry.h"
#include "common/memory_tracker.h"
#include "execution/task_scheduler.h"
#include "storage/storage_manager.h"

namespace cairn {

class DatabaseInstance {
 public:
  /// Opens `data_dir` ("" = current directory). Throws cairn::Exception 58P01 if it is not an
  /// existing directory, F0000 if its table_mappings.json is invalid.
  DatabaseInstance(std::string data_dir, DatabaseOptions options);
  ~DatabaseInstance();

  const std::string& data_dir() const { return data_dir_; }
  TableRegistry& registry() { return *registry_; }
  Catalog& catalog() { return *catalog_; }
  TaskScheduler& scheduler() { return *scheduler_; }
  /// The managed tables: versions, writer, WAL, checkpoints.
  StorageManager& storage() { return *storage_; }
  const DatabaseOptions& options() const { return options_; }
  /// The file system of this database (options().file_system, or the local one).
  FileSystem& file_system() { return *options_.file_system; }
  /// The database-wide memory tracker (limit: options().memory_limit or the default).
  const std::shared_ptr<MemoryTracker>& memory() const { return memory_; }
  /// A tracker for one query: limited to `limit` bytes (0 = the database's limit), charging
  /// the database's tracker too; spilling operators write their temporary files in
  /// `temporary_directory` (SET temp_directory; empty = the system's).
  std::shared_ptr<MemoryTracker> CreateQueryMemoryTracker(uint64_t limit, std::string temporary_directory = {}) const;

 private:
  std::string data_dir_;
  DatabaseOptions options_;
  std::unique_ptr<TableRegistry> registry_;
  std::unique_ptr<Catalog> catalog_;  // over registry_
  std::unique_ptr<StorageManager> storage_;  // over catalog_; destroyed before it
  std::shared_ptr<MemoryTracker> memory_;
  std::unique_ptr<TaskScheduler> scheduler_;  // destroyed first: joins the workers
};

}  // namespace cairn
