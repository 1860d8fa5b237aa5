#include "cairn/database.h"

#include "common/memory_tracker.h"
#include "main/database_instance.h"

namespace cairn {

Database::Database(std::string data_dir, DatabaseOptions options)
    : instance_(std::make_unique<DatabaseInstance>(std::move(data_dir), options)) {}

Database::~Database() = default;

const std::string& Database::data_dir() const { return instance_->data_dir(); }

TableRegistry& Database::registry() { return instance_->registry(); }
Catalog& Database::catalog() { return instance_->catalog(); }
std::vector<std::string> Database::broken_tables() const { return instance_->catalog().broken_tables(); }

void Database::checkpoint() {
  instance_->storage().RequireWritable();
  instance_->storage().Checkpoint();
}

void Database::close() { instance_->storage().Close(); }

MemoryUsage Database::memory_usage() const {
  const auto& tracker = *instance_->memory();
  return MemoryUsage{tracker.used(), tracker.peak(), tracker.limit()};
}

}  // namespace cairn
