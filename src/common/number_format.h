// Text form of floating-point numbers as PostgreSQL prints them (float8out/float4out with the
// default extra_float_digits = 1; CAST(x AS text), Value::ToString): the shortest digit string
// that round-trips, positional notation for decimal exponents in [-4, 14] for double and
// [-4, 5] for real ("0.1", "2", "31.95376472", "100000000000000") and scientific otherwise
// ("1e+15", "1.5e-07"); "NaN", "Infinity", "-Infinity", "0", "-0". FLOAT uses the shortest form
// that round-trips through float.
//
// Thread-safety: reentrant.
#pragma once

#include <string>

namespace cairn {

/// PostgreSQL's text for a DOUBLE (double precision).
std::string FormatDouble(double value);
/// PostgreSQL's text for a FLOAT (real).
std::string FormatFloat(float value);

}  // namespace cairn
