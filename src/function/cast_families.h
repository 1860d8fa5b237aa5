// The cast families CastVector dispatches to (one file each): numeric<->numeric,
// anything->text, text->anything, and date/time conversions. Internal to src/function.
//
// Each Cast* function returns false when it does not handle the (source, target) type pair,
// and otherwise fills `result` (flat; a CONSTANT source may yield a CONSTANT result), throwing
// cairn::Exception on bad rows unless `try_cast` (then the row becomes NULL).
//
// Thread-safety: reentrant.
#pragma once

#include <string>

#include "cairn/vector.h"
#include "function/cast.h"

namespace cairn::cast {

bool CastNumeric(const Vector& source, Vector& result, idx_t count, bool try_cast);
bool CastToText(const Vector& source, Vector& result, idx_t count, bool try_cast);
bool CastFromText(const Vector& source, Vector& result, idx_t count, bool try_cast);
bool CastTemporal(const Vector& source, Vector& result, idx_t count, bool try_cast);
/// Arrays: array -> array (per element), text -> array, array -> text; other pairs with an
/// array are 42846.
bool CastArray(const Vector& source, Vector& result, idx_t count, bool try_cast);
/// text <-> json <-> jsonb, and scalar jsonb to boolean and numbers (src/function/json/cast_json.cpp).
bool CastJson(const Vector& source, Vector& result, idx_t count, bool try_cast);

/// Smallest and largest value of an integral logical type.
hugeint_t IntegralMin(TypeId id);
hugeint_t IntegralMax(TypeId id);

/// Throws 22003 "value <text> is out of range for type <TYPE>".
[[noreturn]] void ThrowOutOfRange(const std::string& value_text, const LogicalType& type);

}  // namespace cairn::cast
