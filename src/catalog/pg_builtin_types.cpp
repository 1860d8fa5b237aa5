#include "catalog/pg_builtin_types.h"

#include <algorithm>

#include "cairn/exception.h"
#include "function/cast.h"
#include "function/table/table_source.h"

namespace cairn {

const std::vector<PgBuiltinType>& PgBuiltinTypes() {
  // oid, typname, typlen, typbyval, typtype, typcategory, typispreferred, typelem, typarray,
  // typalign, typstorage, typcollation.
  static const std::vector<PgBuiltinType> types = {
      {16, "bool", 1, true, 'b', 'B', true, 0, 1000, 'c', 'p', 0},
      {17, "bytea", -1, false, 'b', 'U', false, 0, 1001, 'i', 'x', 0},
      {18, "char", 1, true, 'b', 'Z', false, 0, 1002, 'c', 'p', 0},
      {19, "name", 64, false, 'b', 'S', false, 18, 1003, 'c', 'p', 950},
      {20, "int8", 8, true, 'b', 'N', false, 0, 1016, 'd', 'p', 0},
      {21, "int2", 2, true, 'b', 'N', false, 0, 1005, 's', 'p', 0},
      {22, "int2vector", -1, false, 'b', 'A', false, 21, 1006, 'i', 'p', 0},
      {23, "int4", 4, true, 'b', 'N', false, 0, 1007, 'i', 'p', 0},
      {24, "regproc", 4, true, 'b', 'N', false, 0, 1008, 'i', 'p', 0},
      {25, "text", -1, false, 'b', 'S', true, 0, 1009, 'i', 'x', 100},
      {26, "oid", 4, true, 'b', 'N', true, 0, 1028, 'i', 'p', 0},
      {30, "oidvector", -1, false, 'b', 'A', false, 26, 1013, 'i', 'p', 0},
      {114, "json", -1, false, 'b', 'U', false, 0, 199, 'i', 'x', 0},
      {199, "_json", -1, false, 'b', 'A', false, 114, 0, 'i', 'x', 0},
      {700, "float4", 4, true, 'b', 'N', false, 0, 1021, 'i', 'p', 0},
      {701, "float8", 8, true, 'b', 'N', true, 0, 1022, 'd', 'p', 0},
      {705, "unknown", -2, false, 'p', 'X', false, 0, 0, 'c', 'p', 0},
      {1000, "_bool", -1, false, 'b', 'A', false, 16, 0, 'i', 'x', 0},
      {1001, "_bytea", -1, false, 'b', 'A', false, 17, 0, 'i', 'x', 0},
      {1002, "_char", -1, false, 'b', 'A', false, 18, 0, 'i', 'x', 0},
      {1003, "_name", -1, false, 'b', 'A', false, 19, 0, 'i', 'x', 950},
      {1005, "_int2", -1, false, 'b', 'A', false, 21, 0, 'i', 'x', 0},
      {1006, "_int2vector", -1, false, 'b', 'A', false, 22, 0, 'i', 'x', 0},
      {1007, "_int4", -1, false, 'b', 'A', false, 23, 0, 'i', 'x', 0},
      {1008, "_regproc", -1, false, 'b', 'A', false, 24, 0, 'i', 'x', 0},
      {1009, "_text", -1, false, 'b', 'A', false, 25, 0, 'i', 'x', 100},
      {1013, "_oidvector", -1, false, 'b', 'A', false, 30, 0, 'i', 'x', 0},
      {1014, "_bpchar", -1, false, 'b', 'A', false, 1042, 0, 'i', 'x', 100},
      {1015, "_varchar", -1, false, 'b', 'A', false, 1043, 0, 'i', 'x', 100},
      {1016, "_int8", -1, false, 'b', 'A', false, 20, 0, 'd', 'x', 0},
      {1021, "_float4", -1, false, 'b', 'A', false, 700, 0, 'i', 'x', 0},
      {1022, "_float8", -1, false, 'b', 'A', false, 701, 0, 'd', 'x', 0},
      {1028, "_oid", -1, false, 'b', 'A', false, 26, 0, 'i', 'x', 0},
      {1042, "bpchar", -1, false, 'b', 'S', false, 0, 1014, 'i', 'x', 100},
      {1043, "varchar", -1, false, 'b', 'S', false, 0, 1015, 'i', 'x', 100},
      {1082, "date", 4, true, 'b', 'D', false, 0, 1182, 'i', 'p', 0},
      {1083, "time", 8, true, 'b', 'D', false, 0, 1183, 'd', 'p', 0},
      {1114, "timestamp", 8, true, 'b', 'D', false, 0, 1115, 'd', 'p', 0},
      {1115, "_timestamp", -1, false, 'b', 'A', false, 1114, 0, 'd', 'x', 0},
      {1182, "_date", -1, false, 'b', 'A', false, 1082, 0, 'i', 'x', 0},
      {1183, "_time", -1, false, 'b', 'A', false, 1083, 0, 'd', 'x', 0},
      {1184, "timestamptz", 8, true, 'b', 'D', true, 0, 1185, 'd', 'p', 0},
      {1185, "_timestamptz", -1, false, 'b', 'A', false, 1184, 0, 'd', 'x', 0},
      {1186, "interval", 16, false, 'b', 'T', true, 0, 1187, 'd', 'p', 0},
      {1187, "_interval", -1, false, 'b', 'A', false, 1186, 0, 'd', 'x', 0},
      {1231, "_numeric", -1, false, 'b', 'A', false, 1700, 0, 'i', 'x', 0},
      {1700, "numeric", -1, false, 'b', 'N', false, 0, 1231, 'i', 'm', 0},
      {2205, "regclass", 4, true, 'b', 'N', false, 0, 2210, 'i', 'p', 0},
      {2206, "regtype", 4, true, 'b', 'N', false, 0, 2211, 'i', 'p', 0},
      {2210, "_regclass", -1, false, 'b', 'A', false, 2205, 0, 'i', 'x', 0},
      {2211, "_regtype", -1, false, 'b', 'A', false, 2206, 0, 'i', 'x', 0},
      {2249, "record", -1, false, 'p', 'P', false, 0, 2287, 'd', 'x', 0},
      {2275, "cstring", -2, false, 'p', 'P', false, 0, 1263, 'c', 'p', 0},
      {2276, "any", 4, true, 'p', 'P', false, 0, 0, 'i', 'p', 0},
      {2277, "anyarray", -1, false, 'p', 'P', false, 0, 0, 'd', 'x', 0},
      {2278, "void", 4, true, 'p', 'P', false, 0, 0, 'i', 'p', 0},
      {2283, "anyelement", 4, true, 'p', 'P', false, 0, 0, 'i', 'p', 0},
      {2950, "uuid", 16, false, 'b', 'U', false, 0, 2951, 'c', 'p', 0},
      {2951, "_uuid", -1, false, 'b', 'A', false, 2950, 0, 'i', 'x', 0},
      {3802, "jsonb", -1, false, 'b', 'U', false, 0, 3807, 'i', 'x', 0},
      {3807, "_jsonb", -1, false, 'b', 'A', false, 3802, 0, 'i', 'x', 0},
      {4089, "regnamespace", 4, true, 'b', 'N', false, 0, 4090, 'i', 'p', 0},
      {4090, "_regnamespace", -1, false, 'b', 'A', false, 4089, 0, 'i', 'x', 0},
  };
  return types;
}

const PgBuiltinType* FindPgBuiltinType(int64_t oid) {
  const auto& types = PgBuiltinTypes();
  auto it = std::lower_bound(types.begin(), types.end(), oid, [](const PgBuiltinType& t, int64_t o) { return t.oid < o; });
  return it != types.end() && it->oid == oid ? &*it : nullptr;
}

namespace {

PgColumnType OfLogicalType(const LogicalType& type, const std::string& type_text) {
  switch (type.id()) {
    case TypeId::BOOLEAN: return {16, -1, 1};
    case TypeId::TINYINT:
    case TypeId::SMALLINT:
    case TypeId::UTINYINT: return {21, -1, 2};
    case TypeId::INTEGER:
    case TypeId::USMALLINT: return {23, -1, 4};
    case TypeId::BIGINT:
    case TypeId::UINTEGER: return {20, -1, 8};
    case TypeId::UBIGINT:
    case TypeId::HUGEINT:
    case TypeId::NUMERIC: return {1700, -1, -1};
    case TypeId::DECIMAL: return {1700, ((int32_t{type.width()} << 16) | type.scale()) + 4, -1};
    case TypeId::FLOAT: return {700, -1, 4};
    case TypeId::DOUBLE: return {701, -1, 8};
    case TypeId::VARCHAR: {
      int64_t length = type_text.empty() ? -1 : DeclaredVarcharLength(type_text);
      if (length >= 0) return {1043, static_cast<int32_t>(length) + 4, -1};
      return {25, -1, -1};
    }
    case TypeId::BLOB: return {17, -1, -1};
    case TypeId::UUID: return {2950, -1, 16};
    case TypeId::JSON: return {114, -1, -1};
    case TypeId::JSONB: return {3802, -1, -1};
    case TypeId::DATE: return {1082, -1, 4};
    case TypeId::TIME: return {1083, -1, 8};
    case TypeId::TIMESTAMP: return {1114, -1, 8};
    case TypeId::TIMESTAMP_TZ: return {1184, -1, 8};
    case TypeId::INTERVAL: return {1186, -1, 16};
    case TypeId::ARRAY: {
      if (type.element_type().id() == TypeId::SQLNULL || type.element_type().id() == TypeId::INVALID) return {2277, -1, -1};
      PgColumnType element = OfLogicalType(type.element_type(), "");
      const PgBuiltinType* info = FindPgBuiltinType(element.oid);
      if (!info || info->array == 0) return {1009, -1, -1};
      return {info->array, element.modifier, -1};
    }
    case TypeId::SQLNULL: return {2283, -1, 4};
    default: return {25, -1, -1};
  }
}

}  // namespace

PgColumnType PgColumnTypeOf(const std::string& type_text) {
  try {
    return OfLogicalType(ParseTypeName(type_text), type_text);
  } catch (const Exception&) {
    return {};
  }
}

PgColumnType PgColumnTypeOf(const LogicalType& type) { return OfLogicalType(type, ""); }

std::string FormatPgType(int64_t oid, int32_t modifier) {
  const PgBuiltinType* type = FindPgBuiltinType(oid);
  if (!type) return "???";
  if (type->element != 0 && type->category == 'A' && type->name[0] == '_') {
    return FormatPgType(type->element, modifier) + "[]";
  }
  switch (oid) {
    case 16: return "boolean";
    case 18: return "\"char\"";
    case 20: return "bigint";
    case 21: return "smallint";
    case 23: return "integer";
    case 700: return "real";
    case 701: return "double precision";
    case 1042:
      return modifier >= 4 ? "character(" + std::to_string(modifier - 4) + ")" : "bpchar";
    case 1043:
      return modifier >= 4 ? "character varying(" + std::to_string(modifier - 4) + ")" : "character varying";
    case 1083: return "time without time zone";
    case 1114: return "timestamp without time zone";
    case 1184: return "timestamp with time zone";
    case 1700:
      if (modifier >= 4) {
        int32_t packed = modifier - 4;
        return "numeric(" + std::to_string((packed >> 16) & 0xffff) + "," + std::to_string(packed & 0xffff) + ")";
      }
      return "numeric";
    default: return type->name;
  }
}

}  // namespace cairn
