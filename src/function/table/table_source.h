// TableSource: the one interface between the planner and anything that holds rows — Parquet
// files, CSV files, system tables, later managed tables and remote sources (DataFusion's
// TableProvider, the seeds' "datasource-agnostic" idea). The planner never knows which kind
// of source it reads; adding a kind of source is adding one class.
//
// Scanning is morsel-driven (Leis et al., SIGMOD 2014): Scan() returns a GlobalScan from
// which worker threads pull ScanPartitions (e.g. one Parquet row group each) until none are
// left; each partition is read by one thread into DataChunks.
//
// Filters passed in a ScanRequest are hints: a source may use them to skip data (row-group
// statistics, Hive partition values) but need not apply them row by row — the engine always
// evaluates every filter itself. A source must never drop a row that passes its filters.
//
// Thread-safety: TableSource and GlobalScan methods are safe to call from many threads at once;
// a ScanPartition is used by one thread at a time.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cairn/data_chunk.h"
#include "cairn/types.h"
#include "cairn/value.h"

namespace cairn {

struct ColumnDefinition {
  std::string name;
  LogicalType type;
  bool nullable = true;
  /// A writable table's `character varying(n)` column: n (values are checked on assignment,
  /// PostgreSQL's 22001); -1 for no limit.
  int64_t max_length = -1;
};

/// The n of a stored type name `VARCHAR(n)` (how a writable table's catalog records
/// `character varying(n)`), or -1.
int64_t DeclaredVarcharLength(const std::string& type_name);

/// A comparison of one column with a constant, pushed to a source for pruning.
struct TableFilter {
  enum class Op : uint8_t { EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL, IS_NULL, IS_NOT_NULL };
  idx_t column = 0;  // index into TableSource::columns()
  Op op = Op::EQUAL;
  Value constant;    // cast to the column's type; unused for IS [NOT] NULL
};

/// What a source knows about one column's values without reading them (e.g. Parquet footers),
/// for cardinality estimation only: every field is optional, and a field that is set is a
/// bound the source guarantees for the rows it holds now.
struct TableColumnStatistics {
  std::optional<Value> min;              // lower bound of the non-null values (the column's type)
  std::optional<Value> max;              // upper bound of the non-null values (the column's type)
  std::optional<idx_t> null_count;       // exact number of NULLs
  std::optional<idx_t> distinct_count;   // upper bound on the number of distinct non-null values
};

class StorageSnapshot;  // storage/storage_snapshot.h
class DynamicFilter;    // function/table/dynamic_filter.h
class JoinKeyFilter;    // function/table/join_key_filter.h

struct ScanRequest {
  /// Columns to produce, as indexes into TableSource::columns(), in output order. May be
  /// empty (e.g. COUNT(*)): partitions then yield chunks with no vectors but a row count.
  /// A source of a writable table also accepts columns().size(): its virtual `rowid` column
  /// (BIGINT, the row's position; src/storage/managed_table_source.h), which UPDATE and DELETE
  /// request.
  std::vector<idx_t> column_ids;
  std::vector<TableFilter> filters;
  /// Whether the source may evaluate `filters` row by row and drop failing rows before
  /// materializing the other columns (Parquet: docs/design/scan-filters.md). Either way the
  /// engine's FILTER above re-checks every row. Set by the optimizer rule "scan_filters" (SET
  /// disabled_optimizers = 'scan_filters' turns it off); sources that cannot use it ignore it.
  bool evaluate_filters = false;
  /// The committed state of the managed tables the scanning statement reads (its transaction's
  /// view, docs/design/storage.md); null outside a database's statement (sources of files ignore
  /// it). Set by the executor for each execution, never part of a plan.
  const StorageSnapshot* snapshot = nullptr;
  /// A top-N cut-off on one column that tightens during this execution (TOP_N above the scan
  /// publishes it); the source may skip rows and row groups that cannot pass it. Null when there
  /// is none. Set by the executor for each execution, never part of a plan; the TOP_N still
  /// orders every row it receives, so ignoring it is always correct.
  std::shared_ptr<const DynamicFilter> dynamic_filter;
  /// The key values of hash joins this scan feeds (their build sides are complete): a row whose
  /// value in a filter's column is not among the filter's keys cannot reach the query's result,
  /// so the source may drop it, and skip row groups and pages outside the keys' bounds. Set by
  /// the executor for each execution, never part of a plan; ignoring them is always correct.
  std::vector<std::shared_ptr<const JoinKeyFilter>> join_filters;
};

/// One morsel of a scan, read by one thread.
class ScanPartition {
 public:
  virtual ~ScanPartition() = default;
  /// Fills `out` (already initialized with the requested columns' types, in order) with the
  /// next rows, at most kStandardVectorSize. Returns false, with out.size() == 0, when done.
  /// Throws cairn::Exception (naming the file) on corrupt data or I/O errors.
  virtual bool Next(DataChunk& out) = 0;
};

/// The shared state of one scan. NextPartition is thread-safe.
class GlobalScan {
 public:
  virtual ~GlobalScan() = default;
  /// The next morsel to read, or nullptr when every morsel has been handed out.
  virtual std::unique_ptr<ScanPartition> NextPartition() = 0;
};

class TableSource {
 public:
  virtual ~TableSource() = default;
  virtual const std::vector<ColumnDefinition>& columns() const = 0;
  /// One line for EXPLAIN, e.g. "PARQUET flights-3m.parquet (11 row groups)".
  virtual std::string Describe() const = 0;
  /// EXPLAIN's line for a scan with `filters` pushed: what the source will skip because of them
  /// (e.g. "PROJECT TABLE logs: 1 of 3 projects (acme)"). Defaults to Describe().
  virtual std::string DescribeScan(const std::vector<TableFilter>& filters) const {
    (void)filters;
    return Describe();
  }
  /// Exact number of rows if known without scanning (Parquet metadata), else nullopt.
  virtual std::optional<idx_t> ExactRowCount() const { return std::nullopt; }
  /// Estimated number of rows (for join ordering); 0 when unknown.
  virtual idx_t EstimatedRowCount() const { return ExactRowCount().value_or(0); }
  /// Statistics of column `column` (an index into columns()) from metadata the source already
  /// holds — never a data scan; nullopt when it knows nothing (the default) or `column` is out
  /// of range. Used by the optimizer's estimates (src/sql/optimizer/cardinality_estimate.h).
  virtual std::optional<TableColumnStatistics> GetColumnStatistics(idx_t column) const {
    (void)column;
    return std::nullopt;
  }
  /// Starts a scan. Throws cairn::Exception on I/O errors.
  virtual std::unique_ptr<GlobalScan> Scan(const ScanRequest& request) const = 0;
};

}  // namespace cairn
