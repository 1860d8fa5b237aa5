#include "main/parameter_coercion.h"

#include <string>

#include "cairn/exception.h"
#include "function/cast.h"

namespace cairn {

Value CoerceParameter(const Value& value, const LogicalType& type, idx_t index, std::optional<int> position) {
  if (value.IsNull()) return Value::Null(type);
  const LogicalType& from = value.type();
  if (from == type) return value;
  bool allowed = from.id() == TypeId::VARCHAR || type.id() == TypeId::VARCHAR ||
                 (from.IsNumeric() && type.IsNumeric()) || ImplicitCastCost(from, type) >= 0;
  if (!allowed) {
    throw Exception(sqlstate::kDatatypeMismatch,
                    "parameter $" + std::to_string(index) + " of type " + cast::ErrorTypeName(from) +
                        " cannot be coerced to the expected type " + cast::ErrorTypeName(type),
                    position, "You will need to rewrite or cast the expression.");
  }
  try {
    return value.CastAs(type);
  } catch (const Exception& error) {
    if (error.position() || !position) throw;
    throw Exception(error.sqlstate(), error.what(), position, error.hint());
  }
}

}  // namespace cairn
