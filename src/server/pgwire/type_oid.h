// The PostgreSQL type a client sees for each Cairn LogicalType: its pg_type OID, typlen and
// typmod, as RowDescription carries them. OIDs are PostgreSQL 15's (src/include/catalog/
// pg_type.dat). Cairn's types without a PostgreSQL counterpart map to the nearest one that
// holds every value: TINYINT and UTINYINT to int2, USMALLINT to int4, UINTEGER to int8,
// UBIGINT and HUGEINT to numeric.
//
// Thread-safety: stateless functions.
#pragma once

#include <cstdint>

#include "cairn/types.h"

namespace cairn::pgwire {

/// A PostgreSQL type as RowDescription describes it.
struct PgType {
  uint32_t oid = 0;
  int16_t size = -1;      // pg_type.typlen: bytes, or -1 for variable length
  int32_t modifier = -1;  // typmod: numeric(p,s) is ((p << 16) | s) + 4; -1 when none
};

/// The PostgreSQL type of `type`; arrays get their element type's array OID (int4 -> _int4
/// 1007), text (25) when the element has no array type here. Never throws.
PgType PgTypeOf(const LogicalType& type);

/// The Cairn type a parameter declared with PostgreSQL type `oid` takes (Parse's parameter type
/// OIDs): the types above plus varchar 1043, bpchar 1042, name 19 (as text), oid 26 (as
/// bigint) and the array types of those with one. TypeId::INVALID for 0 and unknown 705 (the
/// type is then inferred). Throws cairn::Exception 42704 for any other OID.
LogicalType TypeOfPgOid(uint32_t oid);

}  // namespace cairn::pgwire
