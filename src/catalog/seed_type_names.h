// Declared column types of table mappings: the ByteDB seed's type vocabulary (int8..int64,
// uint8..uint64, float32/float, float64/double, string, bool/boolean, bytes, date, timestamp,
// time, decimal(p,s)) mapped onto Cairn's LogicalTypes, with any SQL type name (BIGINT,
// VARCHAR, ...) accepted too, and the rule deciding whether a file's column satisfies a
// declared type.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>

#include "cairn/types.h"

namespace cairn {

/// The LogicalType of a seed type name (case-insensitive), or nullopt if `name` is not one.
/// Note: the seed's "float" is a 32-bit FLOAT (SQL's FLOAT means DOUBLE).
std::optional<LogicalType> ParseSeedTypeName(const std::string& name);

/// A seed type name, else a SQL type name (function/cast.h ParseTypeName). Throws
/// cairn::Exception for unknown names.
LogicalType ParseDeclaredType(const std::string& name);

/// True if a file column of type `actual` satisfies the declared type `declared`: the same
/// type; FLOAT and DOUBLE interchangeably; TIMESTAMP and TIMESTAMP WITH TIME ZONE
/// interchangeably; VARCHAR and BLOB interchangeably (Parquet strings without UTF8 annotation);
/// a declared unconstrained NUMERIC for any DECIMAL(p,s).
bool DeclaredTypeCompatible(const LogicalType& declared, const LogicalType& actual);

}  // namespace cairn
