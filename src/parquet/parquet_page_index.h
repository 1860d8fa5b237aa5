// The page index of a column chunk (parquet-format PageIndex.md; parquet.thrift ColumnIndex,
// OffsetIndex, PageLocation): per data page, where it is and which rows it holds (OffsetIndex),
// and its bounds and null count (ColumnIndex), so a reader can skip pages. Written by
// ParquetWriter after the row groups; ColumnChunk.{column,offset}_index_{offset,length} point
// at them.
//
// Errors: the Decode* functions throw cairn::Exception(kDataCorrupted) naming `context` on
// malformed input and never read outside the buffer. Thread-safety: value types, pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cairn::parquet {

/// parquet.thrift `BoundaryOrder`: how the pages' bounds are ordered.
enum class BoundaryOrder : int32_t { UNORDERED = 0, ASCENDING = 1, DESCENDING = 2 };

struct PageLocation {
  int64_t offset = 0;                // file offset of the page header
  int32_t compressed_page_size = 0;  // page header + compressed page bytes
  int64_t first_row_index = 0;       // first row of the page within the row group
};

struct OffsetIndex {
  std::vector<PageLocation> page_locations;  // data pages only, in file order
};

struct ColumnIndex {
  std::vector<bool> null_pages;  // page holds only NULLs (its bounds are empty)
  std::vector<std::string> min_values;  // PLAIN-encoded lower bound per page (no length prefix)
  std::vector<std::string> max_values;  // PLAIN-encoded upper bound per page
  BoundaryOrder boundary_order = BoundaryOrder::UNORDERED;
  std::optional<std::vector<int64_t>> null_counts;
};

/// Appends the Thrift compact encoding of `index` to `out`.
void EncodeOffsetIndex(const OffsetIndex& index, std::vector<uint8_t>& out);
void EncodeColumnIndex(const ColumnIndex& index, std::vector<uint8_t>& out);

/// Decodes an index from exactly `size` bytes. Throws kDataCorrupted.
OffsetIndex DecodeOffsetIndex(const uint8_t* data, size_t size, std::string_view context);
ColumnIndex DecodeColumnIndex(const uint8_t* data, size_t size, std::string_view context);

}  // namespace cairn::parquet
