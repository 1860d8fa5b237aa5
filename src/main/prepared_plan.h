// PreparedPlan: the engine side of a PreparedStatement (and of SQL PREPARE) — the immutable
// physical plan of a query plus what executing it needs: the parameter types, result columns
// and the database it was planned against.
//
// Thread-safety: immutable after creation; shared (std::shared_ptr<const PreparedPlan>) by the
// statement and any connection executing it, concurrently.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cairn/types.h"
#include "execution/physical_plan.h"
#include "sql/write_statement.h"

namespace cairn {

class DatabaseInstance;

struct PreparedPlan {
  const DatabaseInstance* database = nullptr;  // a plan runs only on connections of this database
  std::shared_ptr<const PhysicalPlan> plan;      // a query; null for a write
  /// A prepared INSERT / UPDATE / DELETE (carried out by ExecuteWrite). Executions change it
  /// only while holding the database's writer (ON CONFLICT's proposed rows), one at a time.
  std::shared_ptr<WriteStatement> write;
  std::vector<LogicalType> parameter_types;    // $1..$n
  std::vector<std::string> names;              // result columns
  std::vector<LogicalType> types;
  std::string command_tag = "SELECT";
};

}  // namespace cairn
