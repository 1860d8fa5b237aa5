// HivePartitionedSource: a TableSource over Hive-partitioned files. It wraps one inner source
// per distinct tuple of partition values (e.g. year=2024/month=1) and appends the partition
// columns, after the inner (file) columns, as constant vectors.
//
// Pruning: ScanRequest filters on partition columns are evaluated against each group's values
// and groups that cannot match are skipped whole (a NULL partition value matches only IS NULL).
// Filters on file columns are passed to the inner sources with their column indexes unchanged
// (file columns come first). Filters whose constant's type does not match are not used.
//
// Thread-safety: immutable; scans may run concurrently (NextPartition is locked).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "function/table/table_source.h"

namespace cairn {

/// The files of one partition-value tuple, already wrapped in a source.
struct HivePartitionGroup {
  std::vector<Value> values;  // one per partition column, of its type (NULL allowed)
  std::shared_ptr<TableSource> source;
};

/// Builds the source. REQUIRES: groups non-empty. Every group's source must have the same
/// columns as the first (names case-insensitively and types); otherwise throws cairn::Exception
/// 42804 naming `table` and the two differing groups' descriptions.
std::shared_ptr<TableSource> CreateHivePartitionedSource(std::string table,
                                                         std::vector<ColumnDefinition> partition_columns,
                                                         std::vector<HivePartitionGroup> groups);

/// True if a row whose column holds `value` may satisfy `filter` (the pruning rule above).
bool HivePartitionMayMatch(const Value& value, const TableFilter& filter);

}  // namespace cairn
