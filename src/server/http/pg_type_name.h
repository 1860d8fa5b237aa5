// The PostgreSQL name of the type a client sees for a Cairn LogicalType, as format_type()
// prints it (PostgreSQL 15, src/backend/utils/adt/format_type.c): "integer", "bigint",
// "numeric(10,2)", "timestamp with time zone", "text[]". The types are the ones the wire
// protocol reports (pgwire/type_oid.h): Cairn's types without a PostgreSQL counterpart take the
// nearest one that holds every value (TINYINT and UTINYINT smallint, USMALLINT integer,
// UINTEGER bigint, UBIGINT and HUGEINT numeric).
//
// Thread-safety: stateless function.
#pragma once

#include <string>

#include "cairn/types.h"

namespace cairn::http {

/// format_type's name for `type`; "unknown" for the invalid type. Never throws.
std::string PgTypeName(const LogicalType& type);

}  // namespace cairn::http
