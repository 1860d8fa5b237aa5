// Hive-style partitioning: directory names `key=value` (e.g. events/year=2024/month=1/x.parquet)
// carry column values shared by every file below them (Apache Hive's layout, also read by
// DuckDB, Spark and Arrow).
//
// Values are URL-decoded (%xx); `__HIVE_DEFAULT_PARTITION__` is NULL. A partition column's type
// is inferred across all files as DuckDB does: BIGINT if every non-NULL value is an integer
// (no leading zero: "01" stays text), else DATE if every one is a YYYY-MM-DD date, else VARCHAR.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cairn/types.h"
#include "cairn/value.h"

namespace cairn {

/// One key=value directory segment; value nullopt = NULL.
struct HivePartitionSegment {
  std::string key;
  std::optional<std::string> value;
};

/// The key=value segments among the directory part of `relative_path` (the last segment, the
/// file name, is ignored), in path order. Segments without '=' or with an empty key are skipped.
std::vector<HivePartitionSegment> ParseHivePartitionPath(std::string_view relative_path);

/// Decodes %xx escapes (an invalid escape is kept literally).
std::string UrlDecode(std::string_view text);

/// The type of a partition column with these values (nullopt = NULL).
LogicalType InferHivePartitionType(const std::vector<std::optional<std::string>>& values);

/// The value of `text` as `type` (from InferHivePartitionType); NULL for nullopt.
Value HivePartitionValue(const std::optional<std::string>& text, const LogicalType& type);

}  // namespace cairn
