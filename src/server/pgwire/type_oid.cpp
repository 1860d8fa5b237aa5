#include "pgwire/type_oid.h"

#include <string>

#include "cairn/exception.h"

namespace cairn::pgwire {

namespace {

// pg_type OIDs (PostgreSQL 15).
constexpr uint32_t kBool = 16, kBytea = 17, kInt8 = 20, kInt2 = 21, kInt4 = 23, kText = 25, kJson = 114,
                   kFloat4 = 700, kFloat8 = 701, kUnknown = 705, kDate = 1082, kTime = 1083, kTimestamp = 1114,
                   kTimestampTz = 1184, kInterval = 1186, kNumeric = 1700, kUuid = 2950, kJsonb = 3802, kName = 19,
                   kOid = 26, kBpchar = 1042, kVarchar = 1043;

/// The array type of element type `oid` (pg_type.typarray), 0 when there is none.
uint32_t ArrayOidOf(uint32_t oid) {
  switch (oid) {
    case kBool: return 1000;
    case kBytea: return 1001;
    case kInt2: return 1005;
    case kInt4: return 1007;
    case kText: return 1009;
    case kInt8: return 1016;
    case kFloat4: return 1021;
    case kFloat8: return 1022;
    case kDate: return 1182;
    case kTime: return 1183;
    case kTimestamp: return 1115;
    case kTimestampTz: return 1185;
    case kInterval: return 1187;
    case kNumeric: return 1231;
    case kUuid: return 2951;
    case kJson: return 199;
    case kJsonb: return 3807;
    default: return 0;
  }
}

}  // namespace

PgType PgTypeOf(const LogicalType& type) {
  switch (type.id()) {
    case TypeId::BOOLEAN: return {kBool, 1};
    case TypeId::TINYINT:
    case TypeId::SMALLINT:
    case TypeId::UTINYINT: return {kInt2, 2};
    case TypeId::INTEGER:
    case TypeId::USMALLINT: return {kInt4, 4};
    case TypeId::BIGINT:
    case TypeId::UINTEGER: return {kInt8, 8};
    case TypeId::UBIGINT:
    case TypeId::HUGEINT:
    case TypeId::NUMERIC: return {kNumeric, -1};
    case TypeId::DECIMAL: return {kNumeric, -1, ((int32_t{type.width()} << 16) | type.scale()) + 4};
    case TypeId::FLOAT: return {kFloat4, 4};
    case TypeId::DOUBLE: return {kFloat8, 8};
    case TypeId::VARCHAR: return {kText, -1};
    case TypeId::BLOB: return {kBytea, -1};
    case TypeId::UUID: return {kUuid, 16};
    case TypeId::JSON: return {kJson, -1};
    case TypeId::JSONB: return {kJsonb, -1};
    case TypeId::DATE: return {kDate, 4};
    case TypeId::TIME: return {kTime, 8};
    case TypeId::TIMESTAMP: return {kTimestamp, 8};
    case TypeId::TIMESTAMP_TZ: return {kTimestampTz, 8};
    case TypeId::INTERVAL: return {kInterval, 16};
    case TypeId::ARRAY: {
      const PgType element = PgTypeOf(type.element_type());
      const uint32_t array_oid = ArrayOidOf(element.oid);
      if (array_oid == 0) return {kText, -1};
      return {array_oid, -1, element.modifier};
    }
    case TypeId::SQLNULL: return {kText, -1};  // PostgreSQL resolves an untyped NULL column to text
    case TypeId::INVALID: break;
  }
  return {kUnknown, -2};
}

LogicalType TypeOfPgOid(uint32_t oid) {
  switch (oid) {
    case 0:
    case kUnknown: return TypeId::INVALID;
    case kBool: return TypeId::BOOLEAN;
    case kBytea: return TypeId::BLOB;
    case kInt2: return TypeId::SMALLINT;
    case kInt4: return TypeId::INTEGER;
    case kInt8:
    case kOid: return TypeId::BIGINT;
    case kText:
    case kVarchar:
    case kBpchar:
    case kName: return TypeId::VARCHAR;
    case kFloat4: return TypeId::FLOAT;
    case kFloat8: return TypeId::DOUBLE;
    case kNumeric: return TypeId::NUMERIC;
    case kUuid: return TypeId::UUID;
    case kJson: return TypeId::JSON;
    case kJsonb: return TypeId::JSONB;
    case kDate: return TypeId::DATE;
    case kTime: return TypeId::TIME;
    case kTimestamp: return TypeId::TIMESTAMP;
    case kTimestampTz: return TypeId::TIMESTAMP_TZ;
    case kInterval: return TypeId::INTERVAL;
    case 1015: return LogicalType::Array(TypeId::VARCHAR);  // _varchar
    default: break;
  }
  for (uint32_t element : {kBool, kBytea, kInt2, kInt4, kText, kInt8, kFloat4, kFloat8, kDate, kTime, kTimestamp,
                           kTimestampTz, kInterval, kNumeric, kUuid, kJson, kJsonb}) {
    if (ArrayOidOf(element) == oid) return LogicalType::Array(TypeOfPgOid(element));
  }
  throw Exception(sqlstate::kUndefinedObject, "type with OID " + std::to_string(oid) + " does not exist");
}

}  // namespace cairn::pgwire
