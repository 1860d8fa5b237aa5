// TableData: one immutable version of a managed table's rows (docs/design/storage.md).
//
// A managed table's rows are, in order: the rows of its Parquet data files (as the catalog
// lists them at the last checkpoint), then the rows appended since (the tail, held in memory
// and in the write-ahead log until the next checkpoint writes them to a new file). Every row
// has a position: its index in that order. A deleted row keeps its position until a checkpoint
// rewrites the file (or drops the tail rows) that held it; `deleted` lists the deleted
// positions. An UPDATE is a delete plus an append.
//
// A TableData is never changed once shared: a change makes a new one that shares the
// unchanged parts (files, tail chunks) with the old. So a reader that took a version keeps a
// consistent view for as long as it holds it, while the writer builds the next.
//
// Thread-safety: immutable once published; safe to read from many threads.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cairn/catalog.h"
#include "cairn/data_chunk.h"
#include "function/table/table_source.h"

namespace cairn {

namespace parquet {
class ParquetFileReader;
}

class TableData {
 public:
  /// One data file: the catalog's entry (path relative to the data directory, rows), the open
  /// reader (footer decoded; keeps the file open so a checkpoint may remove it while an older
  /// version still reads it), and the position of its first row.
  struct File {
    TableDataFile entry;
    std::shared_ptr<const parquet::ParquetFileReader> reader;
    idx_t first_position = 0;
  };

  /// Rows per tail chunk (appends fill the last chunk up to this before starting another).
  static constexpr idx_t kTailChunkRows = kStandardVectorSize;

  TableId id;
  std::vector<ColumnDefinition> columns;
  std::vector<File> files;
  /// Rows appended since the last checkpoint, in chunks of flat vectors (at most
  /// kTailChunkRows rows each, all full but the last).
  std::vector<std::shared_ptr<const DataChunk>> tail;
  /// Positions held by the files: [0, file_rows); the tail holds [file_rows, total_positions()).
  idx_t file_rows = 0;
  idx_t tail_rows = 0;
  /// Deleted positions, sorted ascending, without duplicates.
  std::shared_ptr<const std::vector<uint64_t>> deleted = std::make_shared<const std::vector<uint64_t>>();

  idx_t total_positions() const { return file_rows + tail_rows; }
  idx_t live_rows() const { return total_positions() - deleted->size(); }
  std::vector<LogicalType> types() const;
  /// True when the version differs from what its data files hold (rows appended or deleted).
  bool dirty() const { return tail_rows > 0 || !deleted->empty(); }
  /// True if `position` is deleted.
  bool IsDeleted(uint64_t position) const;

  /// A copy of this version with the rows of `chunk` (the table's column types, any vector
  /// kind) appended at positions total_positions().. .
  std::shared_ptr<TableData> WithAppended(const DataChunk& chunk) const;
  /// A copy with `positions` (any order; each < total_positions(), not deleted) deleted.
  std::shared_ptr<TableData> WithDeleted(std::vector<uint64_t> positions) const;
  /// A copy with every row deleted (TRUNCATE).
  std::shared_ptr<TableData> WithAllDeleted() const;

  /// The live rows among positions [from, total_positions()) of the tail, as chunks (what a
  /// transaction appended, for its WAL record).
  std::vector<DataChunk> LiveTailRows(idx_t from) const;
};

/// The type a column of `type` has in a managed table's Parquet files: the type itself, or
/// VARCHAR holding its text for the types Parquet has no lossless form for — unconstrained
/// NUMERIC (each value keeps its scale), INTERVAL (months, days and microseconds apart),
/// HUGEINT and arrays. Scans cast the text back (docs/design/storage.md).
LogicalType StoredColumnType(const LogicalType& type);

/// Appends `file` (opened, schema checked by the caller) to `data`'s files. REQUIRES: `data`
/// has no tail rows.
void AddDataFile(TableData& data, TableDataFile entry, std::shared_ptr<const parquet::ParquetFileReader> reader);

}  // namespace cairn
