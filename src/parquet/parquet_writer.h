// ParquetWriter: writes DataChunks as a Parquet file (parquet-format README "File Format"):
// "PAR1" | row groups (one column chunk per column, each a sequence of data pages) | FileMetaData
// (Thrift compact) | 4-byte LE footer length | "PAR1".
//
// What is written (see docs/design/parquet-writer.md):
//   - every column OPTIONAL, definition levels RLE/bit-packed (bit width 1);
//   - values dictionary-encoded (a PLAIN dictionary page, RLE_DICTIONARY data pages), falling
//     back to PLAIN for the rest of a column chunk when the dictionary outgrows its limit, or
//     PLAIN throughout; BOOLEAN is always PLAIN;
//   - data pages v1 (levels and values compressed together) or v2 (levels uncompressed,
//     values compressed);
//   - compression per ParquetWriterOptions::codec (snappy by default, gzip, zstd, lz4_raw, none);
//   - column-chunk statistics: min_value/max_value in the type's sort order and null_count,
//     with ColumnOrder TYPE_ORDER for every column;
//   - the page index (PageIndex.md): per column chunk an OffsetIndex (every data page's
//     location and first row) and a ColumnIndex (per page: bounds, null count, whether only
//     NULLs; the boundary order), written after the last row group; a chunk with a page whose
//     values are all NaN gets no ColumnIndex;
//   - a new row group every row_group_rows rows, or earlier once row_group_bytes of
//     uncompressed page data are buffered.
// Type mapping (what ParquetSchema reads back to the same Cairn type):
//   BOOLEAN -> BOOLEAN; TINYINT/SMALLINT/INTEGER -> INT32 INT(8/16/32, signed); UTINYINT/
//   USMALLINT/UINTEGER -> INT32 INT(8/16/32, unsigned); BIGINT -> INT64; UBIGINT -> INT64
//   INT(64, unsigned); FLOAT -> FLOAT; DOUBLE -> DOUBLE; DECIMAL(p,s) -> INT32 (p <= 9),
//   INT64 (p <= 18), FIXED_LEN_BYTE_ARRAY of the fewest bytes holding p digits (p > 18);
//   VARCHAR -> BYTE_ARRAY STRING; JSON/JSONB -> BYTE_ARRAY JSON (read back as VARCHAR);
//   BLOB -> BYTE_ARRAY; UUID -> FIXED_LEN_BYTE_ARRAY(16) UUID; DATE -> INT32 DATE; TIME -> INT64
//   TIME(MICROS, isAdjustedToUTC=false); TIMESTAMP / TIMESTAMP_TZ -> INT64 TIMESTAMP(MICROS,
//   isAdjustedToUTC false / true). Other types (HUGEINT, INTERVAL, NUMERIC, arrays) are rejected.
//
// Durability: Finish() appends the footer, fsyncs the file (WritableFile::Sync), closes it and
// syncs its directory (FileSystem::SyncDirectory), so a finished file survives a crash.
// A writer destroyed without Finish() leaves an incomplete file that is not valid Parquet; the
// caller removes it.
//
// Memory: one row group's compressed pages per column are buffered until the row group is
// written (bounded by row_group_bytes before compression).
//
// Errors: cairn::Exception — 0A000 (feature_not_supported) from the constructor for a column
// type or codec Cairn does not write; 58P01/58030 from the file system; XX000 (internal) for
// misuse (a chunk whose column count or types differ, Append after Finish).
//
// Thread-safety: a writer is used by one thread at a time.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cairn/data_chunk.h"
#include "cairn/types.h"
#include "io/file_system.h"
#include "parquet/parquet_metadata.h"
#include "parquet/parquet_page_index.h"

namespace cairn::parquet {

/// The data page format (parquet.thrift DataPageHeader / DataPageHeaderV2).
enum class DataPageVersion : uint8_t { V1 = 1, V2 = 2 };

struct ParquetWriterOptions {
  CompressionCodec codec = CompressionCodec::SNAPPY;
  /// Rows per row group (the last one may hold fewer). REQUIRES: > 0.
  idx_t row_group_rows = 122880;
  /// A row group ends early once its pages hold this many uncompressed bytes (checked every
  /// 256 rows).
  idx_t row_group_bytes = idx_t{128} << 20;
  /// A data page ends once its levels and values reach this many uncompressed bytes (checked
  /// every 256 rows).
  idx_t page_bytes = idx_t{1} << 20;
  DataPageVersion page_version = DataPageVersion::V1;
  /// Dictionary-encode column chunks (every type but BOOLEAN): a PLAIN dictionary page, then
  /// data pages of RLE_DICTIONARY indices.
  bool dictionary = true;
  /// Once a chunk's dictionary holds more than this many bytes, or more entries than half the
  /// values it encoded (checked from 16,384 values on), the rest of the chunk is written PLAIN
  /// (the pages written so far keep their dictionary).
  idx_t dictionary_page_bytes = idx_t{1} << 20;
  /// Write the column and offset page indexes (parquet_page_index.h).
  bool page_index = true;
  /// Per column: true writes it REQUIRED (no definition levels; a NULL is XX000, a caller
  /// bug), false OPTIONAL. Empty: every column OPTIONAL. Writable tables pass their NOT NULL
  /// columns (the seed: nullable columns are OPTIONAL).
  std::vector<bool> required_columns;
};

class ParquetWriter {
 public:
  /// Creates (or truncates) `path` through `file_system` for columns `names` of `types`.
  /// Throws 0A000 for an unsupported type or codec, 58P01/58030 if the file cannot be created.
  ParquetWriter(FileSystem& file_system, const std::string& path, std::vector<std::string> names,
                std::vector<LogicalType> types, ParquetWriterOptions options = {});
  ~ParquetWriter();
  ParquetWriter(const ParquetWriter&) = delete;
  ParquetWriter& operator=(const ParquetWriter&) = delete;

  /// Appends the rows of `chunk` (one vector per column, in the constructor's order and types;
  /// any vector kind). Throws 58030 on write failure.
  void Append(const DataChunk& chunk);
  /// Writes the last row group and the footer, fsyncs and closes the file. Call once.
  void Finish();

  /// Rows appended so far.
  idx_t rows_written() const { return total_rows_; }
  const std::string& path() const { return path_; }

 private:
  class ColumnWriter;

  void FlushRowGroup();
  void WritePageIndexes();

  FileSystem& file_system_;
  std::string path_;
  ParquetWriterOptions options_;
  std::vector<std::string> names_;
  std::vector<LogicalType> types_;
  std::unique_ptr<WritableFile> file_;
  std::vector<std::unique_ptr<ColumnWriter>> columns_;
  FileMetaData metadata_;
  /// Per written row group and column: its page index, written at Finish.
  std::vector<std::vector<std::pair<std::optional<ColumnIndex>, OffsetIndex>>> page_indexes_;
  idx_t row_group_rows_ = 0;  // rows buffered in the current row group
  idx_t total_rows_ = 0;
  bool finished_ = false;
};

}  // namespace cairn::parquet
