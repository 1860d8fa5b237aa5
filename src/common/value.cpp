// Value: constructors and text form (see include/cairn/value.h). CastAs lives in the function
// layer (src/function/value_cast.cpp) because it uses the cast kernels.
#include "cairn/value.h"

#include "common/array_encoding.h"
#include "common/bytea_text.h"

#include "cairn/exception.h"
#include "common/date_time.h"
#include "common/decimal.h"
#include "common/numeric.h"
#include "common/number_format.h"

namespace cairn {

Value Value::Boolean(bool v) {
  Value value;
  value.type_ = TypeId::BOOLEAN;
  value.payload_ = v;
  return value;
}

Value Value::FromPhysical(LogicalType type, int64_t v) {
  Value value;
  value.type_ = std::move(type);
  if (value.type_.id() == TypeId::BOOLEAN) {
    value.payload_ = v != 0;
  } else if (value.type_.physical_type() == PhysicalType::INT128) {
    value.payload_ = static_cast<hugeint_t>(v);
  } else {
    value.payload_ = v;
  }
  return value;
}

Value Value::FromPhysical128(LogicalType type, hugeint_t v) {
  Value value;
  value.type_ = std::move(type);
  if (value.type_.physical_type() == PhysicalType::INT128) {
    value.payload_ = v;
  } else {
    value.payload_ = static_cast<int64_t>(v);
  }
  return value;
}

Value Value::FromPhysicalDouble(LogicalType type, double v) {
  Value value;
  value.type_ = std::move(type);
  value.payload_ = v;
  return value;
}

Value Value::FromPhysicalString(LogicalType type, std::string v) {
  Value value;
  value.type_ = std::move(type);
  value.payload_ = std::move(v);
  return value;
}

Value Value::TinyInt(int8_t v) { return FromPhysical(TypeId::TINYINT, v); }
Value Value::SmallInt(int16_t v) { return FromPhysical(TypeId::SMALLINT, v); }
Value Value::Integer(int32_t v) { return FromPhysical(TypeId::INTEGER, v); }
Value Value::BigInt(int64_t v) { return FromPhysical(TypeId::BIGINT, v); }
Value Value::HugeInt(hugeint_t v) { return FromPhysical128(TypeId::HUGEINT, v); }
Value Value::UBigInt(uint64_t v) { return FromPhysical128(TypeId::UBIGINT, static_cast<hugeint_t>(v)); }
Value Value::Float(float v) { return FromPhysicalDouble(TypeId::FLOAT, v); }
Value Value::Double(double v) { return FromPhysicalDouble(TypeId::DOUBLE, v); }
Value Value::Decimal(hugeint_t unscaled, uint8_t width, uint8_t scale) {
  return FromPhysical128(LogicalType::Decimal(width, scale), unscaled);
}
Value Value::Numeric(hugeint_t unscaled, uint8_t scale) {
  hugeint_t packed;
  if (!numeric::TryPack(unscaled, scale, packed)) {
    throw Exception(sqlstate::kNumericValueOutOfRange, "value overflows numeric format");
  }
  return FromPhysical128(TypeId::NUMERIC, packed);
}
hugeint_t Value::GetNumericUnscaled() const { return numeric::Unscaled(GetInt128()); }
uint8_t Value::GetNumericScale() const { return static_cast<uint8_t>(numeric::Scale(GetInt128())); }
Value Value::Varchar(std::string v) { return FromPhysicalString(TypeId::VARCHAR, std::move(v)); }
Value Value::Blob(std::string bytes) { return FromPhysicalString(TypeId::BLOB, std::move(bytes)); }
Value Value::Date(int32_t days) { return FromPhysical(TypeId::DATE, days); }
Value Value::Time(int64_t micros) { return FromPhysical(TypeId::TIME, micros); }
Value Value::Timestamp(int64_t micros) { return FromPhysical(TypeId::TIMESTAMP, micros); }
Value Value::TimestampTz(int64_t micros) { return FromPhysical(TypeId::TIMESTAMP_TZ, micros); }
Value Value::Interval(interval_t v) {
  Value value;
  value.type_ = TypeId::INTERVAL;
  value.payload_ = v;
  return value;
}

Value Value::Array(const LogicalType& element, const std::vector<Value>& elements) {
  std::string bytes;
  for (const Value& e : elements) array::AppendValue(bytes, e);
  return FromPhysicalString(LogicalType::Array(element), std::move(bytes));
}

std::vector<Value> Value::GetArrayElements() const { return array::Elements(GetString(), type_.element_type()); }

std::string Value::ToString() const {
  if (IsNull()) return "NULL";
  switch (type_.id()) {
    case TypeId::BOOLEAN:
      return GetBool() ? "true" : "false";
    case TypeId::TINYINT:
    case TypeId::SMALLINT:
    case TypeId::INTEGER:
    case TypeId::BIGINT:
    case TypeId::UTINYINT:
    case TypeId::USMALLINT:
    case TypeId::UINTEGER:
      return std::to_string(GetInt64());
    case TypeId::UBIGINT:
    case TypeId::HUGEINT:
      return decimal::HugeintToString(GetInt128());
    case TypeId::DECIMAL:
      if (type_.physical_type() == PhysicalType::INT64) return decimal::ToString(GetInt64(), type_.scale());
      return decimal::ToString(GetInt128(), type_.scale());
    case TypeId::NUMERIC:
      return numeric::ToString(GetInt128());
    case TypeId::FLOAT:
      return FormatFloat(static_cast<float>(GetDouble()));
    case TypeId::DOUBLE:
      return FormatDouble(GetDouble());
    case TypeId::VARCHAR:
    case TypeId::UUID:
    case TypeId::JSON:
    case TypeId::JSONB:
      return GetString();
    case TypeId::BLOB:
      return bytea::ToText(GetString());
    case TypeId::DATE:
      return date_time::DateToString(static_cast<int32_t>(GetInt64()));
    case TypeId::TIME:
      return date_time::TimeToString(GetInt64());
    case TypeId::TIMESTAMP:
      return date_time::TimestampToString(GetInt64());
    case TypeId::TIMESTAMP_TZ:
      return date_time::TimestampTzToString(GetInt64());
    case TypeId::INTERVAL:
      return date_time::IntervalToString(GetInterval());
    case TypeId::ARRAY:
      return array::ToText(GetString(), type_.element_type());
    case TypeId::SQLNULL:
      return "NULL";
    case TypeId::INVALID:
      break;
  }
  throw Exception(sqlstate::kInternalError, "cannot print a value of type " + type_.ToString());
}

}  // namespace cairn
