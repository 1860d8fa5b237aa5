// NotNullCheckedSource: wraps a table's source so that a scan meeting a NULL in a column the
// registry's declared schema marks NOT NULL fails with 23502 (not_null_violation), as
// PostgreSQL reports "null value in column ... violates not-null constraint". The declared
// constraint is a promise about the files, checked where the rows are read: a file that breaks
// it is an error, never a silently wrong answer.
//
// Only the columns a scan produces are checked (a COUNT(*) reads no column and checks nothing).
// columns() reports the NOT NULL columns as not nullable (what DESCRIBE shows).
//
// Thread-safety: as TableSource (partitions are checked independently).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "function/table/table_source.h"

namespace cairn {

/// `inner` with the columns at `not_null_columns` (indexes into inner->columns()) checked;
/// errors name the column and `table_name`.
std::shared_ptr<TableSource> CreateNotNullCheckedSource(std::shared_ptr<TableSource> inner, std::string table_name,
                                                        std::vector<idx_t> not_null_columns);

}  // namespace cairn
