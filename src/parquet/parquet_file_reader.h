// ParquetFileReader: one open Parquet file — validated footer, decoded FileMetaData, the
// schema as Cairn columns, per-row-group statistics — and RowGroupReader, which reads selected
// columns of one row group into DataChunks.
//
// File layout (parquet-format README "File Format"): "PAR1" | column chunks... | FileMetaData
// (Thrift compact) | 4-byte LE footer length | "PAR1". Files with the "PARE" magic (encrypted
// footer) or an encryption_algorithm (plaintext footer) are rejected as unsupported.
//
// Reading is streaming: opening reads only the footer; a RowGroupReader reads each requested
// column chunk's bytes once (one positional read per chunk), never the whole file.
//
// Errors: cairn::Exception — 58P01/58030 from the file system, XX001 (data_corrupted) for a
// file that is not valid Parquet, 0A000 (feature_not_supported) for encryption, nested
// columns and unsupported encodings/codecs. Messages name the file.
//
// Thread-safety: a ParquetFileReader is immutable after Open and may be shared by threads
// (FileHandle::Read is positional). A RowGroupReader is used by one thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cairn/data_chunk.h"
#include "io/file_system.h"
#include "parquet/column_reader.h"
#include "parquet/parquet_metadata.h"
#include "function/table/dynamic_filter.h"
#include "parquet/parquet_scan_filter.h"
#include "parquet/parquet_schema.h"
#include "parquet/parquet_statistics.h"

namespace cairn::parquet {

class ParquetFileReader {
 public:
  /// Opens `path` through `file_system` and decodes its footer.
  static std::shared_ptr<ParquetFileReader> Open(FileSystem& file_system, const std::string& path);
  /// Decodes the footer of an already open file (tests, fuzzing, other file systems).
  explicit ParquetFileReader(std::unique_ptr<FileHandle> handle);

  const std::string& path() const { return path_; }
  idx_t file_size() const { return file_size_; }
  const FileMetaData& metadata() const { return metadata_; }
  /// Top-level columns, in file order.
  const std::vector<ParquetColumn>& columns() const { return schema_->columns(); }
  const std::vector<KeyValue>& key_value_metadata() const { return metadata_.key_value_metadata; }

  idx_t num_row_groups() const { return metadata_.row_groups.size(); }
  /// Rows in row group `row_group` (REQUIRES: < num_row_groups()).
  idx_t row_group_rows(idx_t row_group) const { return static_cast<idx_t>(metadata_.row_groups[row_group].num_rows); }
  /// Total rows over all row groups.
  idx_t num_rows() const { return total_rows_; }
  /// Statistics of top-level column `column` in `row_group`; empty for nested columns or when
  /// the file has none.
  ColumnStatistics GetStatistics(idx_t row_group, idx_t column) const;

  FileHandle& handle() const { return *handle_; }

 private:
  std::unique_ptr<FileHandle> handle_;
  std::string path_;
  idx_t file_size_ = 0;
  FileMetaData metadata_;
  std::unique_ptr<ParquetSchema> schema_;
  idx_t total_rows_ = 0;
};

/// Rows [begin, end) of a row group.
struct RowRange {
  idx_t begin = 0;
  idx_t end = 0;
};

/// One data page of a column chunk per its page index: rows [first_row, first_row + rows) of
/// the row group and the page's bounds (parquet_page_filter.h).
struct PageBounds {
  idx_t first_row = 0;
  idx_t rows = 0;
  ColumnStatistics stats;
};

/// A filter a RowGroupReader evaluates while reading: `filter` on file column `column` (an
/// index into ParquetFileReader::columns()).
struct ColumnFilter {
  idx_t column = 0;
  ParquetScanFilter filter;
  /// Comparisons implied by the filter, for page skipping by the page index (the filter itself
  /// when it is a TableFilter; a join key filter's bounds).
  std::vector<TableFilter> table_filters;
};

/// Reads columns `column_ids` (indexes into ParquetFileReader::columns()) of one row group in
/// lockstep, kStandardVectorSize rows at a time.
///
/// With `filters`, rows failing any of them are dropped inside the reader (late
/// materialization, docs/design/scan-filters.md): per batch of kStandardVectorSize rows the
/// filter columns are read first (fixed-width before strings; each later one only for the rows
/// still alive), then the other columns only for the surviving rows; when none survives, the
/// other columns skip the batch (whole pages undecoded). Batches without survivors are not
/// returned. Pages whose page-index bounds prove that no row passes a filter (or the cut-off)
/// are skipped in every column (parquet_page_filter.h). A batch where most rows pass is returned whole, and the next few batches are read
/// without the filters (adaptive: evaluating a filter that drops little costs more than it
/// saves), so rows failing a filter may be returned — the engine's FILTER re-checks. Filter
/// columns need not be among `column_ids`.
class RowGroupReader {
 public:
  /// Throws 0A000 if a requested column is nested.
  /// `dynamic` (may be null): a top-N cut-off on file column `dynamic_column`, re-read whenever
  /// it tightens and evaluated like `filters` (first: it is the most selective once set).
  RowGroupReader(std::shared_ptr<const ParquetFileReader> file, idx_t row_group, std::vector<idx_t> column_ids,
                 std::vector<ColumnFilter> filters = {}, std::shared_ptr<const DynamicFilter> dynamic = nullptr,
                 idx_t dynamic_column = 0);

  /// Fills `out` (one vector per requested column, in order; re-initialized as needed) with
  /// the next rows (at least one). Returns false, with out.size() == 0, when the row group is
  /// exhausted.
  bool Next(DataChunk& out);

  /// Rows of the row group not yet read or skipped.
  idx_t rows_left() const { return rows_left_; }

 private:
  /// Reads the next `count` rows through the filters into `out`; returns the survivors' count.
  idx_t ReadFiltered(idx_t count, DataChunk& out);
  /// Reads the next `count` rows of every requested column into `out`, filters unapplied.
  void ReadAll(idx_t count, DataChunk& out);

  struct FilterGroup {
    idx_t reader = 0;                        // index into readers_
    std::vector<ParquetScanFilter> filters;  // all on that reader's column
    std::vector<TableFilter> table_filters;  // the same, for the page index
    std::optional<ParquetScanFilter> dynamic;  // the top-N cut-off's current bound, if on this column
    Vector vector;                           // this batch's rows of the column
    bool read = false;                       // read in this batch (else skipped)
    bool full = false;                       // `vector` holds every row of the batch
    idx_t rows = 0;                          // rows in `vector`
    std::vector<sel_t> rows_read;            // !full: the batch rows `vector` holds, ascending
  };

  std::shared_ptr<const ParquetFileReader> file_;
  std::vector<std::unique_ptr<ColumnReader>> readers_;
  std::vector<idx_t> output_reader_;  // per requested column: its reader (filtered mode)
  std::vector<FilterGroup> groups_;   // evaluation order
  std::vector<int> reader_group_;     // per reader: its FilterGroup, or -1
  idx_t rows_left_ = 0;
  idx_t num_rows_ = 0;
  std::vector<RowRange> static_excluded_;  // rows the static filters prove empty (page index)
  std::vector<RowRange> excluded_;         // static_excluded_ plus the cut-off's pages
  idx_t excluded_next_ = 0;                // first range of excluded_ not behind the position
  std::vector<PageBounds> dynamic_pages_;  // the cut-off column's page bounds
  idx_t passthrough_batches_ = 0;     // batches still to read without the filters
  std::shared_ptr<const DynamicFilter> dynamic_;
  int dynamic_group_ = -1;            // the FilterGroup holding the dynamic filter
  uint64_t dynamic_version_ = 0;      // dynamic_'s version compiled into it
  sel_t alive_[kStandardVectorSize];  // rows of the batch still passing, ascending
  uint8_t keep_[kStandardVectorSize];
  sel_t map_[kStandardVectorSize];
};

}  // namespace cairn::parquet
