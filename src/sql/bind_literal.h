// Binding of SQL literals whose meaning the grammar leaves to the binder: numeric literals
// (PostgreSQL's rule: an integer that fits 64 bits is BIGINT, every other number is NUMERIC)
// and typed INTERVAL constants with a field qualifier (INTERVAL '1' DAY, '1:30'::interval
// hour to minute, INTERVAL(3) '...').
//
// Thread-safety: reentrant.
#pragma once

#include <optional>
#include <string>

#include "cairn/value.h"
#include "common/interval_input.h"
#include "sql/expression.h"
#include "sql/parser.h"

namespace cairn {

/// The value of a numeric literal the scanner did not make an int32 (A_Const fval): digits
/// only → BIGINT when it fits 64 bits, else DECIMAL(p,0); with a point or exponent → DECIMAL
/// with PostgreSQL's display scale (1e3 → 1000, 1.50 → 1.50, 1.5e-3 → 0.0015).
/// Throws 0A000 when the value needs more than 38 significant digits (Cairn's DECIMAL limit)
/// and 22003 for an exponent beyond the range PostgreSQL accepts.
Value BindNumericLiteral(const std::string& text);

/// The field qualifier carried by an INTERVAL type name's typmods, or nullopt when there are
/// none. Throws 22023 for an invalid precision.
std::optional<date_time::IntervalQualifier> IntervalQualifierOf(const PgQuery__TypeName& type_name);

/// Casts a bound constant to INTERVAL under `qualifier` (text is parsed with the qualifier
/// deciding what a bare number means; an interval is truncated/rounded). Throws the interval
/// input errors (22007, 22015, 22008), 42846 for other types, and 0A000 when `child` is not a
/// constant (qualified interval casts of column values are not supported yet).
ExpressionPtr BindQualifiedIntervalCast(ExpressionPtr child, const date_time::IntervalQualifier& qualifier);

}  // namespace cairn
