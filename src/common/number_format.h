// Text form of floating-point numbers as DuckDB prints them (CAST(x AS VARCHAR),
// Value::ToString): the shortest digit string that round-trips, positional notation for
// decimal exponents in [-5, 15] ("0.1", "2.0", "31.95376472", "1000000000000000.0") and
// scientific otherwise ("1e+20", "1.5e-07"); "nan", "inf", "-inf". FLOAT uses the shortest
// form that round-trips through float.
//
// Thread-safety: reentrant.
#pragma once

#include <string>

namespace cairn {

/// DuckDB's text for a DOUBLE.
std::string FormatDouble(double value);
/// DuckDB's text for a FLOAT (REAL).
std::string FormatFloat(float value);

}  // namespace cairn
