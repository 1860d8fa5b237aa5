#include "main/database_instance.h"

#include "cairn/exception.h"
#include "common/memory_limit.h"
#include "io/file_system.h"
#include "main/datasources_file.h"
#include "storage/managed_table_source.h"

namespace cairn {

DatabaseInstance::DatabaseInstance(std::string data_dir, DatabaseOptions options)
    : data_dir_(std::move(data_dir)), options_(options) {
  if (!options_.file_system) options_.file_system = std::shared_ptr<FileSystem>(&FileSystem::Local(), [](FileSystem*) {});
  FileSystem& fs = *options_.file_system;
  const std::string dir = data_dir_.empty() ? "." : data_dir_;
  if (!fs.IsDirectory(dir)) {
    throw Exception(sqlstate::kUndefinedFile, "data directory \"" + dir + "\" does not exist or is not a directory");
  }
  registry_ = std::make_unique<TableRegistry>(data_dir_, fs);
  catalog_ = std::make_unique<Catalog>(*registry_, fs);
  catalog_->open(options_.load_table_mappings);
  if (auto datasource = ReadDatasourcesFile(fs, data_dir_)) {
    // The seed's configuration file: writable there, or asked for by the caller.
    options_.writable = options_.writable || datasource->writable.value_or(false);
    if (datasource->compression) options_.compression = *datasource->compression;
    if (datasource->flush_interval) options_.flush_interval = *datasource->flush_interval;
  }
  StorageOptions storage_options;
  storage_options.writable = options_.writable;
  storage_options.compression = ParseCompressionOption(options_.compression);
  storage_options.flush_interval = options_.flush_interval;
  storage_ = std::make_unique<StorageManager>(*catalog_, fs, data_dir_, storage_options);
  storage_->Open();
  StorageManager* storage = storage_.get();
  catalog_->set_managed_source_factory([storage](const CatalogEntry& entry) {
    return CreateManagedTableSource(entry.id, entry.name, StorageManager::ColumnsOf(entry.definition()),
                                    [storage] { return storage->committed(); });
  });
  if (options_.memory_limit == 0) options_.memory_limit = DefaultMemoryLimit();
  memory_ = std::make_shared<MemoryTracker>("database", options_.memory_limit);
  scheduler_ = std::make_unique<TaskScheduler>(options_.threads);
}

std::shared_ptr<MemoryTracker> DatabaseInstance::CreateQueryMemoryTracker(uint64_t limit,
                                                                          std::string temporary_directory) const {
  auto tracker = std::make_shared<MemoryTracker>("query", limit == 0 ? options_.memory_limit : limit, memory_);
  tracker->set_temporary_directory(std::move(temporary_directory));
  return tracker;
}

DatabaseInstance::~DatabaseInstance() {
  if (catalog_) catalog_->set_managed_source_factory(nullptr);
  storage_.reset();
  scheduler_.reset();
}

}  // namespace cairn
