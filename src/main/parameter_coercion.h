// Parameter coercion: turns the values a client supplies for a prepared statement's parameters
// into values of the parameters' types, as PostgreSQL does for EXECUTE and for Bind messages:
// NULL becomes a NULL of the type; text (VARCHAR) is read as the type's input syntax (22P02
// on bad input: PostgreSQL's text-format parameters and untyped EXECUTE literals); other
// values are converted by assignment cast — numeric to numeric (rounding, 22003 when out of
// range), anything to text, implicit casts such as DATE to TIMESTAMP — and any other type is
// 42804 "parameter $n of type X cannot be coerced to the expected type Y".
//
// Thread-safety: a pure function.
#pragma once

#include <optional>
#include <vector>

#include "cairn/types.h"
#include "cairn/value.h"

namespace cairn {

/// `value` as a value of `type` for parameter $`index` (1-based). `position` (1-based, in the
/// statement; may be unset) is attached to the errors raised.
Value CoerceParameter(const Value& value, const LogicalType& type, idx_t index, std::optional<int> position = {});

}  // namespace cairn
