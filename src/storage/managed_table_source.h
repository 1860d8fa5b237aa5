// ManagedTableSource: the TableSource of a managed table (docs/design/storage.md). It reads
// the version of the table in the scanning statement's StorageSnapshot (ScanRequest::snapshot;
// without one, the committed version at scan start): each row group of each data file and each
// tail chunk is a morsel, deleted positions are skipped, and row groups whose statistics
// exclude a pushed filter are not read.
//
// Besides the table's columns the source has one virtual column, the row's position
// (`rowid`, BIGINT), requested as column id columns().size(): what UPDATE and DELETE use to
// name the rows they change. It is not one of columns(), so `SELECT *` never shows it.
//
// Errors: 42P01 when the snapshot has no such table (dropped after the statement was planned),
// 0A000 when its columns changed since (ALTER TABLE after PREPARE), and the Parquet reader's
// errors naming the file.
// Thread-safety: as TableSource.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "function/table/table_source.h"
#include "storage/storage_snapshot.h"

namespace cairn {

/// A source reading managed table `id` called `name`, with columns `columns` as planned.
/// `committed` returns the committed snapshot, read when a scan has none of its own.
std::shared_ptr<TableSource> CreateManagedTableSource(TableId id, std::string name, std::vector<ColumnDefinition> columns,
                                                      std::function<std::shared_ptr<const StorageSnapshot>()> committed);

/// Reads the live rows of `data` whose positions are in [first_position, end_position) —
/// columns `column_ids` (rowid allowed), in position order, one thread — calling `consume` with
/// each chunk. Throws what the Parquet reader throws.
void ScanTableRows(const std::shared_ptr<const TableData>& data, std::vector<idx_t> column_ids, idx_t first_position,
                   idx_t end_position, const std::function<void(DataChunk&)>& consume);

/// The column id of the virtual `rowid` column of a managed table with `column_count` columns.
inline idx_t RowIdColumn(idx_t column_count) { return column_count; }

}  // namespace cairn
