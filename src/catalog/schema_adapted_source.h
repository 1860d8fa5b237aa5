// SchemaAdaptedSource: presents a source (a file, or files sharing one schema) with the columns
// of a wider, united schema (schema_union.h): a column the source lacks reads as NULL, a
// column of a narrower type is converted to the united type as it is read (a lossless cast).
//
// Filters (ScanRequest::filters) are translated so pruning stays correct:
//   - on a column the source lacks, every filter but IS NULL is false for every row, so the
//     scan yields nothing (the whole source is skipped); IS NULL keeps every row;
//   - on a widened column, the constant is converted back to the source's type and the filter
//     is passed on only if that conversion is exact (round trip equal), so row-group
//     statistics are compared in the file's own type; otherwise the filter is dropped (filters
//     are hints: the engine evaluates every filter again).
//
// Thread-safety: immutable; scans may run concurrently (TableSource contract).
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "function/table/table_source.h"

namespace cairn {

/// Wraps `inner` so it has `columns`. `positions[i]` is the index in inner->columns() of
/// columns[i], or -1 if `inner` lacks it (REQUIRES: one entry per column; each present
/// column's inner type widens losslessly to columns[i].type). Returns `inner` itself when it
/// already has exactly these columns.
std::shared_ptr<TableSource> CreateSchemaAdaptedSource(std::shared_ptr<TableSource> inner,
                                                       std::vector<ColumnDefinition> columns, std::vector<int> positions);

/// The filter to pass to a source whose column has type `inner_type` for `filter` on that column
/// widened to `filter.constant`'s type, with `inner_column` as its index; nullopt when the
/// constant has no exact value in `inner_type` (the filter is then not passed).
std::optional<TableFilter> NarrowFilter(const TableFilter& filter, idx_t inner_column, const LogicalType& inner_type);

}  // namespace cairn
