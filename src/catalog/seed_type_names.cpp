#include "catalog/seed_type_names.h"

#include <cctype>
#include <charconv>
#include <map>

#include "cairn/exception.h"
#include "function/cast.h"

namespace cairn {

std::optional<LogicalType> ParseSeedTypeName(const std::string& name) {
  std::string n;
  for (char c : name) {
    if (c != ' ') n += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  static const std::map<std::string, TypeId> kNames = {
      {"int8", TypeId::TINYINT},     {"int16", TypeId::SMALLINT},    {"int32", TypeId::INTEGER},
      {"int64", TypeId::BIGINT},     {"uint8", TypeId::UTINYINT},    {"uint16", TypeId::USMALLINT},
      {"uint32", TypeId::UINTEGER},  {"uint64", TypeId::UBIGINT},    {"float32", TypeId::FLOAT},
      {"float", TypeId::FLOAT},      {"float64", TypeId::DOUBLE},    {"double", TypeId::DOUBLE},
      {"string", TypeId::VARCHAR},   {"bool", TypeId::BOOLEAN},      {"boolean", TypeId::BOOLEAN},
      {"bytes", TypeId::BLOB},       {"date", TypeId::DATE},         {"timestamp", TypeId::TIMESTAMP},
      {"time", TypeId::TIME},
  };
  if (auto it = kNames.find(n); it != kNames.end()) return LogicalType(it->second);
  // decimal(p,s) / decimal(p)
  if (n.rfind("decimal(", 0) == 0 && n.back() == ')') {
    std::string inner = n.substr(8, n.size() - 9);
    unsigned p = 0, s = 0;
    auto comma = inner.find(',');
    std::string ps = inner.substr(0, comma);
    auto r1 = std::from_chars(ps.data(), ps.data() + ps.size(), p);
    if (r1.ec != std::errc() || r1.ptr != ps.data() + ps.size()) return std::nullopt;
    if (comma != std::string::npos) {
      std::string ss = inner.substr(comma + 1);
      auto r2 = std::from_chars(ss.data(), ss.data() + ss.size(), s);
      if (r2.ec != std::errc() || r2.ptr != ss.data() + ss.size()) return std::nullopt;
    }
    if (p < 1 || p > 38 || s > p) return std::nullopt;
    return LogicalType::Decimal(static_cast<uint8_t>(p), static_cast<uint8_t>(s));
  }
  return std::nullopt;
}

LogicalType ParseDeclaredType(const std::string& name) {
  if (auto seed = ParseSeedTypeName(name)) return *seed;
  return ParseTypeName(name);
}

bool DeclaredTypeCompatible(const LogicalType& declared, const LogicalType& actual) {
  if (declared == actual) return true;
  auto in = [](const LogicalType& t, TypeId a, TypeId b) { return t.id() == a || t.id() == b; };
  if (in(declared, TypeId::FLOAT, TypeId::DOUBLE) && in(actual, TypeId::FLOAT, TypeId::DOUBLE)) return true;
  if (in(declared, TypeId::TIMESTAMP, TypeId::TIMESTAMP_TZ) && in(actual, TypeId::TIMESTAMP, TypeId::TIMESTAMP_TZ)) {
    return true;
  }
  if (in(declared, TypeId::VARCHAR, TypeId::BLOB) && in(actual, TypeId::VARCHAR, TypeId::BLOB)) return true;
  // An unconstrained numeric holds every decimal (the file's column keeps its DECIMAL(p,s)).
  if (declared.id() == TypeId::NUMERIC && actual.id() == TypeId::DECIMAL) return true;
  return false;
}

}  // namespace cairn
