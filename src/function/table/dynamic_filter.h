// DynamicFilter: a filter on one source column whose bound tightens while a query runs — the
// top-N cut-off (issue: "top-N over 90 M rows 4–8× slower than DuckDB: every row of every
// projected column is decoded"). For `ORDER BY x [DESC] ... LIMIT n` over a scan, TOP_N
// publishes, whenever one of its threads holds n rows, the value of x in its n-th row; a row
// whose x sorts strictly after that value cannot be among the first n, so the scan may skip it
// (and row groups whose min/max prove every row does). Rows equal to the bound always pass
// (further ORDER BY keys may still rank them first), and so do NULLs when they sort first.
//
// One instance per execution (created by PhysicalTopN's global sink state, read by the scan
// through ScanRequest::dynamic_filter). Only column types whose sort order is the comparison
// order of ParquetScanFilter/FilterExcludes are eligible (Eligible()): not DOUBLE/FLOAT (NaN
// sorts last in ORDER BY but compares false), not NUMERIC/INTERVAL.
//
// Thread-safety: every method is thread-safe (the bound is guarded by a mutex; version() is an
// atomic counter readers poll to notice a new bound cheaply).
#pragma once

#include <atomic>
#include <mutex>
#include <optional>

#include "cairn/value.h"
#include "function/table/table_source.h"

namespace cairn {

class DynamicFilter {
 public:
  /// A filter on source column `column` (an index into TableSource::columns()) of `type`, for
  /// an ORDER BY key that is `descending` or not and puts NULLs first or not.
  DynamicFilter(idx_t column, LogicalType type, bool descending, bool nulls_first)
      : column_(column), type_(std::move(type)), descending_(descending), nulls_first_(nulls_first) {}

  /// Whether an ORDER BY key of `type` may have a dynamic filter (see the file comment).
  static bool Eligible(const LogicalType& type);

  idx_t column() const { return column_; }
  const LogicalType& type() const { return type_; }
  /// NULL rows pass the filter (they sort before every value).
  bool nulls_pass() const { return nulls_first_; }

  /// Offers the key value of some thread's n-th row; the bound becomes the tighter of it and
  /// the current one (the smaller for ascending keys). NULL or mistyped values are ignored.
  void Tighten(const Value& value);

  /// Increases with every tightening; 0 while there is no bound.
  uint64_t version() const { return version_.load(std::memory_order_acquire); }

  /// The current bound as a comparison on column() — `x <= bound` (ascending) or `x >= bound`
  /// (descending); rows with NULL pass as well when nulls_pass(). nullopt while there is none.
  std::optional<TableFilter> Current() const;

 private:
  const idx_t column_;
  const LogicalType type_;
  const bool descending_;
  const bool nulls_first_;
  mutable std::mutex mutex_;
  Value bound_;  // guarded by mutex_; NULL until the first Tighten
  std::atomic<uint64_t> version_{0};
};

}  // namespace cairn
