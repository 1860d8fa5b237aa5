// RunCopyTo: executes a planned `COPY ... TO 'path'` (sql/statement_copy.cpp plans it; the
// surface is in docs/sql/copy.md). The query runs on the database's scheduler like any other
// (ExecutePlan) and its chunks stream into a parquet::ParquetWriter or a CsvWriter (csv and text
// formats).
//
// The file is written atomically through the database's FileSystem: the rows go to a temporary
// file beside the target (`<path>.tmp.<pid>.<n>`), which is fsynced, renamed over `path`
// (FileSystem::Rename) and its directory synced. A COPY that fails — a query error, a write
// error, an interrupt — removes the temporary and leaves `path` as it was.
//
// Errors: cairn::Exception — whatever the query raises; 58P01 when the directory does not
// exist and 58030 for other write failures (disk full, permissions), naming `path`; 0A000 for a
// column type the Parquet writer cannot write, naming the column and type.
//
// Thread-safety: called by one ClientContext at a time; the database's file system and scheduler
// are thread-safe.
#pragma once

#include <functional>
#include <memory>

#include "cairn/query_result.h"
#include "execution/query_execution.h"
#include "main/database_instance.h"
#include "cairn/copy_handler.h"
#include "sql/planner.h"

namespace cairn {

/// Runs `statement` (Action::COPY_TO: its plan and copy_to spec) to completion, charging its
/// memory to `memory` and reading the managed tables as `snapshot` holds them (the session's
/// transaction); `track` receives the running query so the session can interrupt it.
/// Returns a result without rows whose command tag is `COPY n` (n = rows written), as PostgreSQL's.
/// COPY ... TO STDOUT streams the text or csv rows to `copy_handler` instead of a file (0A000
/// when it is null).
std::unique_ptr<QueryResult> RunCopyTo(DatabaseInstance& database, PlannedStatement statement,
                                       std::shared_ptr<MemoryTracker> memory,
                                       const std::function<void(std::weak_ptr<QueryExecution>)>& track,
                                       std::shared_ptr<const StorageSnapshot> snapshot = nullptr,
                                       CopyHandler* copy_handler = nullptr);

}  // namespace cairn
