#include "parquet/parquet_page_filter.h"

#include <algorithm>
#include <memory>

#include "cairn/exception.h"
#include "parquet/parquet_page_index.h"
#include "parquet/parquet_source.h"

namespace cairn::parquet {

namespace {

/// Largest page index read (a chunk's index is a few bytes per page).
constexpr int64_t kMaxIndexBytes = int64_t(64) << 20;

/// The `length` bytes at `offset` of `file`, or false when they lie outside it.
bool ReadRange(const ParquetFileReader& file, std::optional<int64_t> offset, std::optional<int32_t> length,
               std::vector<uint8_t>& out) {
  if (!offset || !length || *offset < 0 || *length <= 0 || *length > kMaxIndexBytes) return false;
  uint64_t end = static_cast<uint64_t>(*offset) + static_cast<uint64_t>(*length);
  if (end > file.file_size()) return false;
  out.resize(static_cast<size_t>(*length));
  file.handle().Read(out.data(), out.size(), static_cast<idx_t>(*offset));
  return true;
}

}  // namespace

std::vector<PageBounds> ReadPageBounds(const ParquetFileReader& file, idx_t row_group, idx_t column) {
  const ParquetColumn& c = file.columns().at(column);
  if (c.nested) return {};
  const RowGroup& group = file.metadata().row_groups.at(row_group);
  const ColumnChunk& chunk = group.columns.at(c.leaf_index);
  std::vector<uint8_t> column_bytes, offset_bytes;
  if (!ReadRange(file, chunk.column_index_offset, chunk.column_index_length, column_bytes) ||
      !ReadRange(file, chunk.offset_index_offset, chunk.offset_index_length, offset_bytes)) {
    return {};
  }
  ColumnIndex column_index;
  OffsetIndex offset_index;
  try {
    column_index = DecodeColumnIndex(column_bytes.data(), column_bytes.size(), file.path());
    offset_index = DecodeOffsetIndex(offset_bytes.data(), offset_bytes.size(), file.path());
  } catch (const Exception&) {
    return {};  // a malformed index only means nothing is skipped
  }
  const auto& locations = offset_index.page_locations;
  const size_t pages = locations.size();
  const int64_t rows = group.num_rows;
  if (pages == 0 || column_index.null_pages.size() != pages || column_index.min_values.size() != pages ||
      column_index.max_values.size() != pages || (column_index.null_counts && column_index.null_counts->size() != pages) ||
      locations[0].first_row_index != 0) {
    return {};
  }
  std::vector<PageBounds> result(pages);
  for (size_t p = 0; p < pages; p++) {
    int64_t first = locations[p].first_row_index;
    int64_t next = p + 1 < pages ? locations[p + 1].first_row_index : rows;
    if (first < 0 || next <= first || next > rows) return {};
    PageBounds& page = result[p];
    page.first_row = static_cast<idx_t>(first);
    page.rows = static_cast<idx_t>(next - first);
    Statistics statistics;
    if (column_index.null_counts) statistics.null_count = (*column_index.null_counts)[p];
    if (column_index.null_pages[p]) {
      statistics.null_count = next - first;  // every value NULL; the bounds are meaningless
    } else {
      statistics.min_value = column_index.min_values[p];
      statistics.max_value = column_index.max_values[p];
    }
    page.stats = DecodeColumnStatistics(c, statistics);
  }
  return result;
}

void AppendExcludedRows(const std::vector<PageBounds>& pages, const TableFilter& filter, const LogicalType& type,
                        std::vector<RowRange>& out, bool nulls_pass) {
  for (const PageBounds& page : pages) {
    if (nulls_pass && !(page.stats.null_count && *page.stats.null_count == 0)) continue;
    if (FilterExcludes(filter, type, page.stats, page.rows)) out.push_back(RowRange{page.first_row, page.first_row + page.rows});
  }
}

void NormalizeRanges(std::vector<RowRange>& ranges) {
  std::sort(ranges.begin(), ranges.end(), [](const RowRange& a, const RowRange& b) { return a.begin < b.begin; });
  size_t out = 0;
  for (const RowRange& range : ranges) {
    if (range.end <= range.begin) continue;
    if (out > 0 && range.begin <= ranges[out - 1].end) {
      ranges[out - 1].end = std::max(ranges[out - 1].end, range.end);
    } else {
      ranges[out++] = range;
    }
  }
  ranges.resize(out);
}

}  // namespace cairn::parquet
