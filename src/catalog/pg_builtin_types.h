// PostgreSQL 15's built-in types as pg_catalog.pg_type lists them (OIDs, names, lengths and
// categories from PostgreSQL's src/include/catalog/pg_type.dat), the mapping of a Cairn column
// type onto one of them, and format_type()'s spelling of a type with a modifier.
//
// Cairn types without a PostgreSQL counterpart map to the nearest type holding every value, as
// the wire protocol describes them: tinyint/utinyint to int2, usmallint to int4, uinteger to
// int8, ubigint/hugeint to numeric.
//
// Thread-safety: immutable data and stateless functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cairn/types.h"

namespace cairn {

/// One row of pg_type: a built-in base, pseudo or array type.
struct PgBuiltinType {
  int64_t oid;
  const char* name;       // typname
  int16_t length;         // typlen: bytes, -1 variable length, -2 C string
  bool by_value;          // typbyval
  char type_type;         // typtype: 'b' base, 'p' pseudo
  char category;          // typcategory: 'B' boolean, 'N' numeric, 'S' string, 'A' array, ...
  bool preferred;         // typispreferred
  int64_t element;        // typelem: the element type of an array type, else 0
  int64_t array;          // typarray: this type's array type, else 0
  char align;             // typalign
  char storage;           // typstorage
  int64_t collation;      // typcollation: 100 (default) for collatable types, else 0
};

/// Every built-in type, in OID order.
const std::vector<PgBuiltinType>& PgBuiltinTypes();

/// The built-in type with `oid`, or nullptr.
const PgBuiltinType* FindPgBuiltinType(int64_t oid);

/// A column's PostgreSQL type: pg_attribute.atttypid, atttypmod and attlen.
struct PgColumnType {
  int64_t oid = 25;
  int32_t modifier = -1;  // numeric(p,s): ((p << 16) | s) + 4; varchar(n): n + 4; else -1
  int16_t length = -1;
};

/// The PostgreSQL type of a Cairn column declared as `type_text` (a SQL type name as the
/// catalog stores it: "INTEGER", "DECIMAL(10,2)", "VARCHAR(20)", "BIGINT[]"). Unknown names
/// map to text. Never throws.
PgColumnType PgColumnTypeOf(const std::string& type_text);

/// The PostgreSQL type of a Cairn LogicalType (no varchar length); SQLNULL, the registry's
/// wildcard, is anyelement and an array of it anyarray. Never throws.
PgColumnType PgColumnTypeOf(const LogicalType& type);

/// PostgreSQL's format_type(oid, typmod): "integer", "numeric(10,2)", "character varying(20)",
/// "timestamp without time zone", "text[]"; "???" for an unknown oid. typmod -1 means none.
std::string FormatPgType(int64_t oid, int32_t modifier);

}  // namespace cairn
