// Casting between SQL types: CAST/:: semantics (PostgreSQL/DuckDB), implicit cast rules for
// binding, and SQL type-name parsing.
//
// Thread-safety: all functions are reentrant.
#pragma once

#include <string>

#include <string_view>

#include "cairn/vector.h"
#include "common/interval_input.h"

namespace cairn {

/// Casts rows 0..count-1 of `source` into `result` (flat, already of the target type, capacity
/// >= count). Strict casts throw cairn::Exception 22P02 (text that does not parse, naming the
/// text and the type) or 22003 (out of range); with `try_cast` such rows become NULL instead.
void CastVector(const Vector& source, Vector& result, idx_t count, bool try_cast = false);

/// Cost of an implicit cast from `from` to `to` (0 = same type), or -1 if SQL does not cast
/// implicitly (e.g. VARCHAR to INTEGER). SQLNULL casts to anything at cost 0. Integer widening,
/// integer to DECIMAL/DOUBLE, DECIMAL to DOUBLE, DATE to TIMESTAMP are implicit.
int ImplicitCastCost(const LogicalType& from, const LogicalType& to);

/// The common supertype of `left` and `right` for comparisons, CASE, COALESCE, IN, UNION
/// (e.g. INTEGER,BIGINT -> BIGINT; INTEGER,DECIMAL(10,2) -> DECIMAL(12,2); DECIMAL,DOUBLE ->
/// DOUBLE; VARCHAR literal vs DATE handled by the binder). Throws 42804 if there is none.
LogicalType MaxLogicalType(const LogicalType& left, const LogicalType& right);

/// Parses a SQL type name as PostgreSQL spells it: int/int4/integer, bigint/int8, smallint,
/// tinyint, real/float4, double precision/float8/float, numeric(p,s)/decimal(p,s), text,
/// varchar(n), char(n), bool/boolean, date, time, timestamp, timestamptz/timestamp with time
/// zone, interval, bytea/blob, uuid, hugeint, ubigint... Also the seed's names (int64, string,
/// float64, ...). Case-insensitive. Throws cairn::Exception 42704 for unknown names.
LogicalType ParseTypeName(const std::string& name);

/// The name PostgreSQL's format_type() gives `type`, as pg_typeof() prints it: integer, bigint,
/// numeric, double precision, text, timestamp with time zone, ...; SQLNULL is "unknown". Types
/// PostgreSQL lacks (tinyint, hugeint, unsigned integers) keep Cairn's name in lower case.
std::string PostgresTypeName(const LogicalType& type);

namespace cast {
/// PostgreSQL's name for a type in error messages ("integer", "double precision", "numeric").
std::string ErrorTypeName(const LogicalType& type);

/// Throws the error PostgreSQL reports for rejected interval text: 22007 invalid input syntax,
/// 22015 interval field value out of range, 22008 interval out of range.
[[noreturn]] void ThrowIntervalInput(date_time::IntervalParseStatus status, std::string_view text);
}  // namespace cast

}  // namespace cairn
