// Value::CastAs: casts one value by running CastVector on a one-row vector.
#include "cairn/value.h"
#include "cairn/vector.h"
#include "function/cast.h"

namespace cairn {

Value Value::CastAs(const LogicalType& target) const {
  if (type_ == target) return *this;
  if (IsNull()) return Value::Null(target);
  Vector source(*this);
  Vector result(target, 1);
  CastVector(source, result, 1);
  return result.GetValue(0);
}

}  // namespace cairn
