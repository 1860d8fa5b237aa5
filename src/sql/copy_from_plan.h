// PlanCopyFrom: `COPY table [(columns)] FROM 'path' [[WITH] (options)] [WHERE condition]` into a
// managed table (statement_copy.cpp; docs/sql/copy.md). The options are validated as PostgreSQL
// 15's ProcessCopyOptions validates them for COPY FROM; the statement becomes an INSERT
// (Binder::BindInsertFrom) whose rows come from the file — a CopyFromSource (text, csv: each
// field converted with its column type's input cast) or the file's Parquet columns by position,
// each assignment-cast to its target column — so NOT NULL, CHECK and unique keys are enforced,
// the statement is atomic and runs in the session's transaction like any INSERT. The session
// reports it as `COPY n`.
//
// Thread-safety: called by the Planner of one connection.
#pragma once

#include "cairn/copy_handler.h"
#include "io/file_system.h"
#include "sql/binder.h"
#include "sql/planner.h"

namespace cairn {

/// Plans COPY ... FROM 'path' | STDIN (REQUIRES: statement.is_from). FROM STDIN takes its data
/// from `copy_handler` (asked once the options are valid; text and csv only). Throws 0A000 for
/// FROM STDIN without a handler, PROGRAM, FORMAT binary, FREEZE and encodings other than UTF8; 42601 / 22023 / 0A000 for bad
/// options as PostgreSQL does; 42P01 / 42809 for a missing or non-writable table; 42703 / 42701
/// for the column list; 42P10 for a FORCE_NOT_NULL / FORCE_NULL column not in it; 58P01 when the
/// file does not exist; 22P04 when a Parquet file's column count differs from the targets'.
PlannedStatement PlanCopyFrom(const PgQuery__CopyStmt& statement, Binder& binder, FileSystem& file_system,
                              CopyHandler* copy_handler = nullptr);

}  // namespace cairn
