// ParseTypeName: SQL type names as PostgreSQL and DuckDB spell them, plus the seed's names.
// PostgresTypeName: the reverse, as PostgreSQL's format_type() spells a type (pg_typeof).
#include <cctype>
#include <string>
#include <unordered_map>
#include <vector>

#include "cairn/exception.h"
#include "function/cast.h"
#include "function/table/table_source.h"

namespace cairn {
namespace {

const std::unordered_map<std::string, TypeId>& NameTable() {
  static const std::unordered_map<std::string, TypeId> table = {
      {"bool", TypeId::BOOLEAN}, {"boolean", TypeId::BOOLEAN}, {"logical", TypeId::BOOLEAN},
      {"tinyint", TypeId::TINYINT}, {"int1", TypeId::TINYINT}, {"int8_t", TypeId::TINYINT},
      {"smallint", TypeId::SMALLINT}, {"int2", TypeId::SMALLINT}, {"short", TypeId::SMALLINT}, {"int16", TypeId::SMALLINT},
      {"int", TypeId::INTEGER}, {"int4", TypeId::INTEGER}, {"integer", TypeId::INTEGER}, {"signed", TypeId::INTEGER},
      {"int32", TypeId::INTEGER},
      {"bigint", TypeId::BIGINT}, {"int8", TypeId::BIGINT}, {"long", TypeId::BIGINT}, {"int64", TypeId::BIGINT},
      {"hugeint", TypeId::HUGEINT}, {"int128", TypeId::HUGEINT},
      {"utinyint", TypeId::UTINYINT}, {"uint8", TypeId::UTINYINT},
      {"usmallint", TypeId::USMALLINT}, {"uint16", TypeId::USMALLINT},
      {"uinteger", TypeId::UINTEGER}, {"uint32", TypeId::UINTEGER},
      {"ubigint", TypeId::UBIGINT}, {"uint64", TypeId::UBIGINT},
      {"real", TypeId::FLOAT}, {"float4", TypeId::FLOAT}, {"float32", TypeId::FLOAT},
      {"double", TypeId::DOUBLE}, {"double precision", TypeId::DOUBLE}, {"float8", TypeId::DOUBLE},
      {"float", TypeId::DOUBLE}, {"float64", TypeId::DOUBLE},
      {"decimal", TypeId::DECIMAL}, {"numeric", TypeId::DECIMAL}, {"dec", TypeId::DECIMAL},
      {"varchar", TypeId::VARCHAR}, {"text", TypeId::VARCHAR}, {"string", TypeId::VARCHAR}, {"char", TypeId::VARCHAR},
      {"character", TypeId::VARCHAR}, {"character varying", TypeId::VARCHAR}, {"bpchar", TypeId::VARCHAR},
      {"nvarchar", TypeId::VARCHAR}, {"utf8", TypeId::VARCHAR},
      {"blob", TypeId::BLOB}, {"bytea", TypeId::BLOB}, {"binary", TypeId::BLOB}, {"varbinary", TypeId::BLOB},
      {"bytes", TypeId::BLOB},
      {"uuid", TypeId::UUID},
      {"json", TypeId::JSON}, {"jsonb", TypeId::JSONB},
      {"date", TypeId::DATE},
      {"time", TypeId::TIME}, {"time without time zone", TypeId::TIME},
      {"timestamp", TypeId::TIMESTAMP}, {"datetime", TypeId::TIMESTAMP}, {"timestamp without time zone", TypeId::TIMESTAMP},
      {"timestamptz", TypeId::TIMESTAMP_TZ}, {"timestamp with time zone", TypeId::TIMESTAMP_TZ},
      {"interval", TypeId::INTERVAL},
  };
  return table;
}

[[noreturn]] void Unknown(const std::string& name) {
  throw Exception("42704", "type \"" + name + "\" does not exist");
}

}  // namespace

LogicalType ParseTypeName(const std::string& name) {
  // An array type: "integer[]", "text[][]" (PostgreSQL ignores the number of dimensions).
  {
    size_t end = name.find_last_not_of(" \t\n\r");
    if (end != std::string::npos && name[end] == ']') {
      size_t open = name.rfind('[', end);
      if (open == std::string::npos) Unknown(name);
      for (size_t k = open + 1; k < end; k++) {
        if (!std::isdigit(static_cast<unsigned char>(name[k])) && !std::isspace(static_cast<unsigned char>(name[k]))) {
          Unknown(name);
        }
      }
      std::string element = name.substr(0, open);
      while (!element.empty() && element.back() == ']') {  // more dimensions: the same type
        size_t inner = element.rfind('[');
        if (inner == std::string::npos) Unknown(name);
        element.resize(inner);
      }
      return LogicalType::Array(ParseTypeName(element));
    }
  }
  // Lowercase, collapse runs of whitespace, split off "(args)".
  std::string base;
  std::vector<int> args;
  size_t i = 0;
  while (i < name.size() && std::isspace(static_cast<unsigned char>(name[i]))) i++;
  for (; i < name.size() && name[i] != '('; i++) {
    char c = static_cast<char>(std::tolower(static_cast<unsigned char>(name[i])));
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!base.empty() && base.back() != ' ') base.push_back(' ');
    } else {
      base.push_back(c);
    }
  }
  std::string suffix;  // words after ")" e.g. "timestamp(3) with time zone"
  if (i < name.size() && name[i] == '(') {
    i++;
    std::string number;
    bool closed = false;
    for (; i < name.size(); i++) {
      char c = name[i];
      if (c >= '0' && c <= '9') {
        number.push_back(c);
        if (number.size() > 6) Unknown(name);
      } else if (c == ',' || c == ')') {
        if (number.empty()) Unknown(name);
        args.push_back(std::stoi(number));
        number.clear();
        if (c == ')') {
          closed = true;
          i++;
          break;
        }
      } else if (!std::isspace(static_cast<unsigned char>(c))) {
        Unknown(name);
      }
    }
    if (!closed) Unknown(name);
    for (; i < name.size(); i++) {
      char c = static_cast<char>(std::tolower(static_cast<unsigned char>(name[i])));
      if (std::isspace(static_cast<unsigned char>(c))) {
        if (!suffix.empty() && suffix.back() != ' ') suffix.push_back(' ');
      } else {
        suffix.push_back(c);
      }
    }
  }
  while (!base.empty() && base.back() == ' ') base.pop_back();
  while (!suffix.empty() && suffix.back() == ' ') suffix.pop_back();
  if (!suffix.empty()) base += " " + suffix;
  auto it = NameTable().find(base);
  if (it == NameTable().end()) Unknown(name);
  TypeId id = it->second;
  if (id == TypeId::DECIMAL) {
    if (args.empty()) return TypeId::NUMERIC;  // PostgreSQL's unconstrained numeric
    if (args.size() > 2 || args[0] < 1 || args[0] > 38) {
      throw Exception(sqlstate::kInvalidParameterValue, "NUMERIC precision " + std::to_string(args[0]) + " must be between 1 and 38");
    }
    int scale = args.size() == 2 ? args[1] : 0;
    if (scale > args[0]) {
      throw Exception(sqlstate::kInvalidParameterValue,
                      "NUMERIC scale " + std::to_string(scale) + " must be between 0 and precision " + std::to_string(args[0]));
    }
    return LogicalType::Decimal(static_cast<uint8_t>(args[0]), static_cast<uint8_t>(scale));
  }
  if (id == TypeId::DOUBLE && base == "float" && args.size() == 1 && args[0] >= 1 && args[0] <= 24) return TypeId::FLOAT;
  // Length/precision modifiers of other types (varchar(20), timestamp(3)) are accepted and ignored.
  return id;
}

std::string PostgresTypeName(const LogicalType& type) {
  switch (type.id()) {
    case TypeId::SQLNULL: return "unknown";
    case TypeId::BOOLEAN: return "boolean";
    case TypeId::SMALLINT: return "smallint";
    case TypeId::INTEGER: return "integer";
    case TypeId::BIGINT: return "bigint";
    case TypeId::DECIMAL: return "numeric";
    case TypeId::NUMERIC: return "numeric";
    case TypeId::FLOAT: return "real";
    case TypeId::DOUBLE: return "double precision";
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
    case TypeId::ARRAY: return PostgresTypeName(type.element_type()) + "[]";
    default: {
      // Types PostgreSQL does not have (tinyint, hugeint, unsigned integers from Parquet
      // files): Cairn's own name in lower case.
      std::string name = type.ToString();
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return name;
    }
  }
}

int64_t DeclaredVarcharLength(const std::string& type_name) {
  const std::string prefix = "VARCHAR(";
  if (type_name.size() <= prefix.size() + 1 || type_name.compare(0, prefix.size(), prefix) != 0 || type_name.back() != ')') {
    return -1;
  }
  std::string digits = type_name.substr(prefix.size(), type_name.size() - prefix.size() - 1);
  if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) return -1;
  return std::stoll(digits);
}

}  // namespace cairn
