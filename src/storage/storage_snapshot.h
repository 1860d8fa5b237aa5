// StorageSnapshot: the state of every managed table of a database as one statement reads it
// — the committed versions, or those of the reading connection's open transaction with its own
// changes (docs/design/storage.md). The executor hands it to each table scan
// (ScanRequest::snapshot), so a statement reads one consistent state of all tables whatever
// commits while it runs.
//
// Thread-safety: immutable once published.
#pragma once

#include <cstdint>
#include <map>
#include <memory>

#include "storage/table_data.h"

namespace cairn {

class StorageSnapshot {
 public:
  /// Table id → its version.
  std::map<uint64_t, std::shared_ptr<const TableData>> tables;

  /// The version of table `id`, or null when the snapshot has no such table (created later, or
  /// dropped).
  std::shared_ptr<const TableData> Find(TableId id) const {
    auto it = tables.find(id.value);
    return it == tables.end() ? nullptr : it->second;
  }
};

}  // namespace cairn
