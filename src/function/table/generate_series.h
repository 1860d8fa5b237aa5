// generate_series(start, stop [, step]) as a table function (PostgreSQL manual 9.25
// "Set Returning Functions"): integers (integer, bigint: step defaults to 1) and timestamps
// (timestamp or timestamp with time zone with an interval step; dates count as timestamps).
// The column is named generate_series and has the start's type (integer arguments that need
// bigint make a bigint series). A step of zero is 22023; a series that runs away from `stop`
// is empty. Timestamp series add the step repeatedly, as PostgreSQL does (2024-01-31 plus one
// month twice is 2024-03-29).
//
// Thread-safety: the source is immutable; scans hand out partitions under an atomic cursor.
#pragma once

#include "function/table/table_function.h"

namespace cairn {

/// Registers generate_series in `registry`.
void RegisterGenerateSeries(TableFunctionRegistry& registry);

}  // namespace cairn
