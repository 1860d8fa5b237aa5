// WriteStatement: a statement that changes managed tables or the session's transaction, as the
// planner describes it for the session to carry out (src/main/write_execution.cpp): the SQL
// layer binds and checks; the storage layer (above it) applies. See docs/sql/writes.md.
//
// Thread-safety: built and used by one session.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cairn/catalog.h"
#include "sql/dml_plan.h"

namespace cairn {

/// One ALTER TABLE action on a managed table.
struct AlterTableCommand {
  enum class Kind : uint8_t {
    ADD_COLUMN,       // column (with default / not null)
    DROP_COLUMN,      // name
    RENAME_COLUMN,    // name -> new_name
    RENAME_TABLE,     // new_name
    SET_DEFAULT,      // name, column.default_value (nullopt = DROP DEFAULT)
    SET_NOT_NULL,     // name
    DROP_NOT_NULL,    // name
  };
  Kind kind = Kind::ADD_COLUMN;
  std::string name;
  std::string new_name;
  ColumnSchema column;
  bool if_exists = false;      // DROP COLUMN IF EXISTS
  bool if_not_exists = false;  // ADD COLUMN IF NOT EXISTS
};

struct WriteStatement {
  enum class Kind : uint8_t {
    DML,           // dml: INSERT / UPDATE / DELETE / CREATE TABLE AS
    CREATE_TABLE,  // create
    DROP_TABLES,   // tables (managed tables only)
    TRUNCATE,      // tables
    ALTER_TABLE,   // tables[0], alter
    CHECKPOINT,
    BEGIN,
    COMMIT,
    ROLLBACK,
  };
  Kind kind = Kind::DML;
  std::unique_ptr<DmlPlan> dml;
  std::optional<DmlPlan::CreateTable> create;
  std::vector<CatalogEntry> tables;
  std::vector<AlterTableCommand> alter;
};

}  // namespace cairn
