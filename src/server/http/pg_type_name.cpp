#include "http/pg_type_name.h"

namespace cairn::http {

std::string PgTypeName(const LogicalType& type) {
  switch (type.id()) {
    case TypeId::BOOLEAN: return "boolean";
    case TypeId::TINYINT:
    case TypeId::SMALLINT:
    case TypeId::UTINYINT: return "smallint";
    case TypeId::INTEGER:
    case TypeId::USMALLINT: return "integer";
    case TypeId::BIGINT:
    case TypeId::UINTEGER: return "bigint";
    case TypeId::UBIGINT:
    case TypeId::HUGEINT:
    case TypeId::NUMERIC: return "numeric";
    case TypeId::DECIMAL: return "numeric(" + std::to_string(type.width()) + "," + std::to_string(type.scale()) + ")";
    case TypeId::FLOAT: return "real";
    case TypeId::DOUBLE: return "double precision";
    case TypeId::SQLNULL:  // PostgreSQL resolves an untyped NULL column to text
    case TypeId::VARCHAR: return "text";
    case TypeId::BLOB: return "bytea";
    case TypeId::UUID: return "uuid";
    case TypeId::JSON: return "json";
    case TypeId::JSONB: return "jsonb";
    case TypeId::DATE: return "date";
    case TypeId::TIME: return "time without time zone";
    case TypeId::TIMESTAMP: return "timestamp without time zone";
    case TypeId::TIMESTAMP_TZ: return "timestamp with time zone";
    case TypeId::INTERVAL: return "interval";
    case TypeId::ARRAY: return PgTypeName(type.element_type()) + "[]";
    case TypeId::INVALID: break;
  }
  return "unknown";
}

}  // namespace cairn::http
