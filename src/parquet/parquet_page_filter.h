// Page-level skipping from the page index (parquet-format PageIndex.md): the bounds and null
// counts of each data page of a column chunk (ColumnIndex), aligned to rows by the OffsetIndex's
// first_row_index, so a scan can skip the rows of pages that no row of which can pass a filter
// — for every column of the row group, not only the filter's.
//
// The index is untrusted input: it is used only when it is well formed and consistent (as many
// bounds, null flags and locations as pages, first rows strictly ascending from 0 and below the
// row group's row count, the index bytes inside the file); otherwise it is ignored, which only
// means nothing is skipped. Bounds decode like row-group statistics (parquet_statistics.h).
//
// Thread-safety: pure functions over an immutable ParquetFileReader.
#pragma once

#include <vector>

#include "parquet/parquet_file_reader.h"
#include "parquet/parquet_statistics.h"

namespace cairn::parquet {

// PageBounds and RowRange are declared in parquet_file_reader.h.

/// The pages of top-level column `column` in row group `row_group` of `file`, from its page
/// index; empty when the chunk has none or it is malformed. Reads the index bytes (I/O errors
/// propagate).
std::vector<PageBounds> ReadPageBounds(const ParquetFileReader& file, idx_t row_group, idx_t column);

/// Appends to `out` the rows of the pages in `pages` that `filter` (on a column of `type`)
/// proves empty (FilterExcludes). With `nulls_pass` (a comparison that NULL rows pass, the
/// cut-off of NULLS FIRST), only pages known to hold no NULL qualify.
void AppendExcludedRows(const std::vector<PageBounds>& pages, const TableFilter& filter, const LogicalType& type,
                        std::vector<RowRange>& out, bool nulls_pass = false);

/// Sorts `ranges` and merges overlapping or adjacent ones.
void NormalizeRanges(std::vector<RowRange>& ranges);

}  // namespace cairn::parquet
