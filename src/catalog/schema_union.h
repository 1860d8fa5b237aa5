// Schema evolution across the data files of one table: the union by name of the files'
// columns, with lossless type widening (docs/design/schema-evolution.md).
//
// Names are matched as the table registry matches them: ASCII case-insensitively (PostgreSQL
// folds unquoted identifiers), the first spelling met is kept. Columns come in order of first
// appearance, the sources being taken in the order given (the callers pass files sorted by
// path).
//
// Widening lattice (every step is lossless; anything else is an error):
//   TINYINT < SMALLINT < INTEGER < BIGINT < HUGEINT
//   UTINYINT < USMALLINT < UINTEGER < UBIGINT; an unsigned type joins a signed one as the
//     smallest signed type holding both (UTINYINT+TINYINT = SMALLINT, UBIGINT+BIGINT = HUGEINT)
//   FLOAT < DOUBLE
//   DECIMAL(p1,s1) + DECIMAL(p2,s2) = DECIMAL(max(p1-s1, p2-s2) + max(s1,s2), max(s1,s2))
//   integer + DECIMAL(p,s) = DECIMAL(max(p-s, digits of the integer type) + s, s)
//   (a DECIMAL wider than 38 digits is an error)
// Not widened, and so errors: integers or decimals with FLOAT/DOUBLE (a float cannot hold every
// BIGINT or DECIMAL exactly), DATE with TIMESTAMP, TIMESTAMP with TIMESTAMPTZ, strings with
// anything else.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "function/table/table_source.h"

namespace cairn {

/// The narrowest type both `a` and `b` convert to without loss (the lattice above), or nullopt
/// when there is none (including a DECIMAL that would need more than 38 digits).
std::optional<LogicalType> WidenedType(const LogicalType& a, const LogicalType& b);

/// The columns of one source taking part in a union, and the file it stands for in messages.
struct SchemaUnionInput {
  std::string file;
  std::vector<ColumnDefinition> columns;
};

/// The union of several sources' columns.
struct SchemaUnion {
  /// Union columns, in order of first appearance; nullable unless every input has the column
  /// and declares it NOT NULL.
  std::vector<ColumnDefinition> columns;
  /// Per input, per union column: the index of that column in the input, or -1 if it lacks it.
  std::vector<std::vector<int>> input_columns;
};

/// Unites `inputs` (REQUIRES: non-empty) by name. Throws cairn::Exception 42804 naming `table`,
/// the column, both files and both types when a column's types do not widen, and 42804 when one
/// input has two columns whose names differ only in case.
SchemaUnion UniteSchemas(const std::string& table, const std::vector<SchemaUnionInput>& inputs);

}  // namespace cairn
