// DmlPlan: a bound INSERT, UPDATE, DELETE or TRUNCATE of a managed table (docs/design/
// storage.md, docs/sql/writes.md). The binder turns the statement into one query whose rows
// describe the change; the session runs it against its transaction's state, checks the
// constraints and applies the change (src/main/dml_execution.cpp).
//
// The query's output columns, in this order:
//   rowid                    UPDATE, DELETE: the position of the row changed
//   old row (n columns)      UPDATE, DELETE: the row as it was
//   new row (n columns)      INSERT, UPDATE: the row to store, cast to the table's types,
//                            defaults filled in
//   check results            one BOOLEAN per CHECK constraint, over the new row
//   RETURNING expressions    over the new row (the old one for DELETE)
//
// Thread-safety: built and used by one session.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cairn/catalog.h"
#include "function/table/table_source.h"
#include "function/table/working_table.h"
#include "sql/logical_operator.h"

namespace cairn {

struct DmlPlan {
  enum class Kind : uint8_t { INSERT, UPDATE, DELETE, TRUNCATE };
  Kind kind = Kind::INSERT;
  TableId table;
  std::string table_name;
  std::vector<ColumnDefinition> columns;  // the table's, with NOT NULL as `nullable == false`
  /// The change query (null for TRUNCATE); physical planning happens at execution.
  LogicalOperatorPtr plan;
  std::optional<idx_t> rowid_column;
  std::optional<idx_t> old_row_start;
  std::optional<idx_t> new_row_start;
  idx_t check_start = 0;
  std::vector<std::string> check_names;
  idx_t returning_start = 0;
  std::vector<std::string> returning_names;
  std::vector<LogicalType> returning_types;
  bool has_returning = false;

  /// INSERT ... ON CONFLICT [(columns)] DO NOTHING: rows whose key is taken (in the table or by
  /// an earlier row of the statement) are skipped. `conflict_columns` (table column indexes)
  /// names the unique index it applies to; empty = any.
  bool on_conflict_do_nothing = false;
  std::vector<idx_t> conflict_columns;
  /// INSERT ... ON CONFLICT (columns) DO UPDATE: the proposed rows whose key is taken by an
  /// existing row go into `excluded_rows`, then `on_conflict_update` (an UPDATE plan joining
  /// the table with them on `conflict_columns`) changes those existing rows. A key proposed
  /// twice in one statement is 21000, as in PostgreSQL.
  std::shared_ptr<WorkingTable> excluded_rows;
  std::unique_ptr<DmlPlan> on_conflict_update;

  /// CREATE TABLE ... AS: the table to create before inserting (its id is filled in then);
  /// `with_data` false for WITH NO DATA.
  struct CreateTable {
    std::string namespace_name;
    std::string name;
    TableDefinition definition;
    bool if_not_exists = false;
    bool with_data = true;
  };
  std::optional<CreateTable> create_table;
};

}  // namespace cairn
