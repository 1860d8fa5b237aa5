// The PostgreSQL binary format of values (what a type's send and receive functions produce and
// accept), for Bind parameters and result columns in binary format. Source: PostgreSQL 15
// documentation 55.2.3 ("Formats and Format Codes"; the binary representations are the
// types' send/recv functions in PostgreSQL's sources, e.g. int4send, numeric_send,
// timestamp_send, array_send):
//   bool 1 byte; int2/int4/int8 big-endian; float4/float8 IEEE 754 big-endian; text, varchar,
//   json as UTF-8 bytes; jsonb a version byte 1 then the text; bytea raw bytes; uuid 16 bytes;
//   date int4 days since 2000-01-01; time int8 microseconds since midnight; timestamp and
//   timestamptz int8 microseconds since 2000-01-01 00:00 (UTC); interval int8 microseconds,
//   int4 days, int4 months; numeric int2 ndigits, int2 weight, int2 sign (0x0000 positive,
//   0x4000 negative, 0xC000 NaN), int2 dscale, then ndigits base-10000 digits; arrays int4
//   ndim, int4 has-nulls flag, int4 element OID, per dimension int4 size and int4 lower bound,
//   then each element as an int4 length (-1 NULL) and its bytes.
// Cairn's types are sent as the PostgreSQL type RowDescription announces (type_oid.h): TINYINT
// as int2, UINTEGER as int8, UBIGINT and HUGEINT as numeric, ...
//
// Thread-safety: stateless functions.
#pragma once

#include <string>
#include <string_view>

#include "cairn/value.h"

namespace cairn::pgwire {

/// The binary format of `value` as PgTypeOf(value.type()) defines it. REQUIRES: !IsNull().
/// Types without a binary form here (arrays whose element has no PostgreSQL array type) are sent
/// as their text, matching the text OID RowDescription gives them. Never throws.
std::string EncodeBinary(const Value& value);

/// Reads parameter `number` (1-based, for messages) of type `type` from its binary format `bytes`.
/// Throws cairn::Exception 08P01 "insufficient data left in message" when the bytes are too
/// few (an ERROR, as in PostgreSQL: the session goes on), 22P03 ("incorrect binary data format
/// in bind parameter n") when they are not a valid value of that type (bad digits, trailing
/// bytes),
/// 22003 for a numeric out of Cairn's range, 0A000 for NaN or a type without a binary input
/// here.
Value DecodeBinary(std::string_view bytes, const LogicalType& type, size_t number);

}  // namespace cairn::pgwire
