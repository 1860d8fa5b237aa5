// LogicalType: names, physical mapping and classification (see include/cairn/types.h).
#include "cairn/types.h"

#include <string>

#include "cairn/exception.h"
#include "cairn/string_type.h"

namespace cairn {

LogicalType LogicalType::Decimal(uint8_t width, uint8_t scale) {
  if (width < 1 || width > 38 || scale > width) {
    throw Exception(sqlstate::kInvalidParameterValue,
                    "DECIMAL(" + std::to_string(width) + "," + std::to_string(scale) +
                        ") is invalid: width must be 1..38 and scale 0..width");
  }
  LogicalType type(TypeId::DECIMAL);
  type.width_ = width;
  type.scale_ = scale;
  return type;
}

LogicalType LogicalType::Array(const LogicalType& element) {
  if (element.id_ == TypeId::ARRAY) {
    throw Exception(sqlstate::kFeatureNotSupported, "arrays of arrays (multidimensional arrays) are not supported");
  }
  if (element.id_ == TypeId::INVALID || element.id_ == TypeId::SQLNULL) {
    throw Exception(sqlstate::kInternalError, "an array needs a concrete element type");
  }
  LogicalType type(TypeId::ARRAY);
  type.element_id_ = element.id_;
  type.width_ = element.width_;
  type.scale_ = element.scale_;
  return type;
}

PhysicalType LogicalType::physical_type() const {
  switch (id_) {
    case TypeId::BOOLEAN:
      return PhysicalType::BOOL;
    case TypeId::TINYINT:
    case TypeId::SMALLINT:
    case TypeId::INTEGER:
    case TypeId::UTINYINT:
    case TypeId::USMALLINT:
    case TypeId::DATE:
      return PhysicalType::INT32;
    case TypeId::BIGINT:
    case TypeId::UINTEGER:
    case TypeId::TIME:
    case TypeId::TIMESTAMP:
    case TypeId::TIMESTAMP_TZ:
      return PhysicalType::INT64;
    case TypeId::UBIGINT:
    case TypeId::HUGEINT:
    case TypeId::NUMERIC:
      return PhysicalType::INT128;
    case TypeId::DECIMAL:
      return width_ <= 18 ? PhysicalType::INT64 : PhysicalType::INT128;
    case TypeId::FLOAT:
    case TypeId::DOUBLE:
      return PhysicalType::DOUBLE;
    case TypeId::VARCHAR:
    case TypeId::BLOB:
    case TypeId::UUID:
    case TypeId::ARRAY:
    case TypeId::JSON:
    case TypeId::JSONB:
      return PhysicalType::STRING;
    case TypeId::INTERVAL:
      return PhysicalType::INTERVAL;
    case TypeId::SQLNULL:
      // An untyped NULL is stored like an INTEGER column whose rows are all invalid.
      return PhysicalType::INT32;
    case TypeId::INVALID:
      break;
  }
  return PhysicalType::INVALID;
}

idx_t LogicalType::PhysicalSize() const {
  switch (physical_type()) {
    case PhysicalType::BOOL:
      return sizeof(bool);
    case PhysicalType::INT32:
      return sizeof(int32_t);
    case PhysicalType::INT64:
      return sizeof(int64_t);
    case PhysicalType::INT128:
      return sizeof(hugeint_t);
    case PhysicalType::DOUBLE:
      return sizeof(double);
    case PhysicalType::STRING:
      return sizeof(string_t);
    case PhysicalType::INTERVAL:
      return sizeof(interval_t);
    case PhysicalType::INVALID:
      break;
  }
  return 0;
}

bool LogicalType::IsIntegral() const {
  switch (id_) {
    case TypeId::TINYINT:
    case TypeId::SMALLINT:
    case TypeId::INTEGER:
    case TypeId::BIGINT:
    case TypeId::UTINYINT:
    case TypeId::USMALLINT:
    case TypeId::UINTEGER:
    case TypeId::UBIGINT:
    case TypeId::HUGEINT:
      return true;
    default:
      return false;
  }
}

bool LogicalType::IsNumeric() const {
  return IsIntegral() || id_ == TypeId::DECIMAL || id_ == TypeId::NUMERIC || id_ == TypeId::FLOAT || id_ == TypeId::DOUBLE;
}

bool LogicalType::IsTemporal() const {
  switch (id_) {
    case TypeId::DATE:
    case TypeId::TIME:
    case TypeId::TIMESTAMP:
    case TypeId::TIMESTAMP_TZ:
    case TypeId::INTERVAL:
      return true;
    default:
      return false;
  }
}

std::string LogicalType::ToString() const {
  switch (id_) {
    case TypeId::INVALID: return "INVALID";
    case TypeId::SQLNULL: return "NULL";
    case TypeId::BOOLEAN: return "BOOLEAN";
    case TypeId::TINYINT: return "TINYINT";
    case TypeId::SMALLINT: return "SMALLINT";
    case TypeId::INTEGER: return "INTEGER";
    case TypeId::BIGINT: return "BIGINT";
    case TypeId::UTINYINT: return "UTINYINT";
    case TypeId::USMALLINT: return "USMALLINT";
    case TypeId::UINTEGER: return "UINTEGER";
    case TypeId::UBIGINT: return "UBIGINT";
    case TypeId::HUGEINT: return "HUGEINT";
    case TypeId::FLOAT: return "FLOAT";
    case TypeId::DOUBLE: return "DOUBLE";
    case TypeId::DECIMAL:
      return "DECIMAL(" + std::to_string(width_) + "," + std::to_string(scale_) + ")";
    case TypeId::VARCHAR: return "VARCHAR";
    case TypeId::BLOB: return "BLOB";
    case TypeId::UUID: return "UUID";
    case TypeId::DATE: return "DATE";
    case TypeId::TIME: return "TIME";
    case TypeId::TIMESTAMP: return "TIMESTAMP";
    case TypeId::TIMESTAMP_TZ: return "TIMESTAMP WITH TIME ZONE";
    case TypeId::INTERVAL: return "INTERVAL";
    case TypeId::ARRAY:
      return element_id_ == TypeId::INVALID ? "ANYARRAY" : element_type().ToString() + "[]";
    case TypeId::JSON: return "JSON";
    case TypeId::JSONB: return "JSONB";
    case TypeId::NUMERIC: return "NUMERIC";
  }
  return "INVALID";
}

}  // namespace cairn
