// The functions pg_catalog.pg_proc lists: every named scalar and set-returning function of
// Cairn's function registry (src/function/function_registry.h), one row per overload, with
// PostgreSQL type OIDs for arguments and results (pg_builtin_types.h). Operators (named by
// symbols) and internal functions (names starting with "__") are left out; aggregates and
// window functions are not in the registry and are not listed.
//
// Oids: 1_000_000_000 + the overload's position in (name, overload) order, stable for a given
// Cairn build.
//
// Thread-safety: built once on first use (thread-safe static initialization), then immutable.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cairn {

/// One pg_proc row.
struct PgProcEntry {
  int64_t oid = 0;
  std::string name;
  std::vector<int64_t> argument_types;  // declared arguments (pg_type oids)
  int64_t variadic_type = 0;            // element type of a VARIADIC argument, else 0
  int64_t return_type = 0;
  bool returns_set = false;
  bool is_volatile = false;
};

/// Every listed function, in oid order.
const std::vector<PgProcEntry>& PgProcEntries();

/// The function with `oid`, or nullptr.
const PgProcEntry* FindPgProcEntry(int64_t oid);

/// pg_get_function_result's text: "text", "SETOF integer".
std::string PgFunctionResult(const PgProcEntry& entry);
/// pg_get_function_arguments's text: "text, integer", "VARIADIC text[]".
std::string PgFunctionArguments(const PgProcEntry& entry);

}  // namespace cairn
