// Result column names: the name PostgreSQL 15 gives a SELECT-list item that has no AS alias
// (FigureColname in PostgreSQL's parser/parse_target.c, as documented in the manual's
// "SELECT → Output list": "If you do not specify a column name, a name is chosen automatically
// by PostgreSQL"). The rule works on the parse tree, not on the bound expression:
//   - a column reference → the column's name (its last field);
//   - a function call or aggregate → the function's name (`count`, `sum`, `lower`);
//   - a cast → the name its argument gets if that is a column or function name, else the target
//     type's internal name (`1::int` → `int4`, `'a'::text` → `text`, `x::int` → `x`);
//   - CASE → the ELSE branch's name if it is a column or function name, else `case`;
//   - COALESCE, NULLIF, GREATEST, LEAST, EXISTS, ARRAY, ROW → that keyword in lower case; a
//     scalar subquery → the name of its single output column when it was given one;
//   - CURRENT_DATE, CURRENT_TIMESTAMP, ... → the keyword in lower case;
//   - everything else (operators, literals, IS NULL, IN, BETWEEN, ...) → `?column?`.
// Names need not be unique (`SELECT 1, 2` has two columns named `?column?`).
// Thread-safety: a pure function.
#pragma once

#include <string>

struct PgQuery__Node;

namespace cairn {

/// The column name PostgreSQL derives for the unaliased SELECT-list expression `node`.
std::string FigureColumnName(const PgQuery__Node* node);

}  // namespace cairn
