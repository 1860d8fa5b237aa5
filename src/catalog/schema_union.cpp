// UniteSchemas and the widening lattice (see src/catalog/schema_union.h).
#include "catalog/schema_union.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "cairn/exception.h"
#include "common/ascii.h"

namespace cairn {

namespace {

constexpr int kMaxDecimalWidth = 38;

/// Bits of an integer type, and whether it is signed; 0 bits for a non-integer.
struct IntegerShape {
  int bits = 0;
  bool is_signed = true;
};

IntegerShape ShapeOf(TypeId id) {
  switch (id) {
    case TypeId::TINYINT: return {8, true};
    case TypeId::SMALLINT: return {16, true};
    case TypeId::INTEGER: return {32, true};
    case TypeId::BIGINT: return {64, true};
    case TypeId::HUGEINT: return {128, true};
    case TypeId::UTINYINT: return {8, false};
    case TypeId::USMALLINT: return {16, false};
    case TypeId::UINTEGER: return {32, false};
    case TypeId::UBIGINT: return {64, false};
    default: return {};
  }
}

LogicalType IntegerType(int bits, bool is_signed) {
  if (is_signed) {
    switch (bits) {
      case 8: return TypeId::TINYINT;
      case 16: return TypeId::SMALLINT;
      case 32: return TypeId::INTEGER;
      case 64: return TypeId::BIGINT;
      default: return TypeId::HUGEINT;
    }
  }
  switch (bits) {
    case 8: return TypeId::UTINYINT;
    case 16: return TypeId::USMALLINT;
    case 32: return TypeId::UINTEGER;
    default: return TypeId::UBIGINT;
  }
}

/// Decimal digits needed for every value of an integer type (INTEGER: 2147483647 → 10).
int IntegerDigits(IntegerShape shape) {
  switch (shape.bits) {
    case 8: return 3;
    case 16: return 5;
    case 32: return 10;
    case 64: return shape.is_signed ? 19 : 20;
    default: return 39;
  }
}

std::optional<LogicalType> Decimal(int integer_digits, int scale) {
  if (integer_digits + scale > kMaxDecimalWidth) return std::nullopt;
  return LogicalType::Decimal(static_cast<uint8_t>(integer_digits + scale), static_cast<uint8_t>(scale));
}

}  // namespace

std::optional<LogicalType> WidenedType(const LogicalType& a, const LogicalType& b) {
  if (a == b) return a;
  IntegerShape ia = ShapeOf(a.id()), ib = ShapeOf(b.id());
  if (ia.bits && ib.bits) {
    if (ia.is_signed == ib.is_signed) return IntegerType(std::max(ia.bits, ib.bits), ia.is_signed);
    // A signed type that holds the unsigned one's maximum needs twice its bits.
    int unsigned_bits = ia.is_signed ? ib.bits : ia.bits;
    int signed_bits = ia.is_signed ? ia.bits : ib.bits;
    return IntegerType(std::max(signed_bits, 2 * unsigned_bits), true);
  }
  const bool da = a.id() == TypeId::DECIMAL, db = b.id() == TypeId::DECIMAL;
  if (da && db) {
    int scale = std::max(a.scale(), b.scale());
    int integer_digits = std::max(a.width() - a.scale(), b.width() - b.scale());
    return Decimal(integer_digits, scale);
  }
  if ((da && ib.bits) || (db && ia.bits)) {
    const LogicalType& decimal = da ? a : b;
    int integer_digits = std::max<int>(decimal.width() - decimal.scale(), IntegerDigits(da ? ib : ia));
    return Decimal(integer_digits, decimal.scale());
  }
  auto is_float = [](TypeId id) { return id == TypeId::FLOAT || id == TypeId::DOUBLE; };
  if (is_float(a.id()) && is_float(b.id())) return LogicalType(TypeId::DOUBLE);
  return std::nullopt;
}

SchemaUnion UniteSchemas(const std::string& table, const std::vector<SchemaUnionInput>& inputs) {
  SchemaUnion result;
  std::unordered_map<std::string, size_t> by_name;  // lowercased name -> union column
  std::vector<size_t> type_origin;                  // union column -> last input that widened it
  std::vector<LogicalType> origin_type;             // union column -> its type in that input
  std::vector<size_t> present_in;                   // union column -> number of inputs with it
  for (size_t i = 0; i < inputs.size(); i++) {
    const auto& input = inputs[i];
    std::vector<int> positions(result.columns.size(), -1);
    for (size_t k = 0; k < input.columns.size(); k++) {
      const ColumnDefinition& column = input.columns[k];
      std::string key = Lower(column.name);
      auto it = by_name.find(key);
      if (it == by_name.end()) {
        by_name.emplace(key, result.columns.size());
        result.columns.push_back(column);
        type_origin.push_back(i);
        origin_type.push_back(column.type);
        present_in.push_back(1);
        positions.push_back(static_cast<int>(k));
        continue;
      }
      size_t u = it->second;
      if (u >= positions.size()) positions.resize(result.columns.size(), -1);
      if (positions[u] >= 0) {
        throw Exception(sqlstate::kDatatypeMismatch,
                        fmt::format("table \"{}\": columns \"{}\" and \"{}\" of file {} differ only in case, so they "
                                    "cannot be matched by name",
                                    table, input.columns[positions[u]].name, column.name, input.file));
      }
      ColumnDefinition& target = result.columns[u];
      auto widened = WidenedType(target.type, column.type);
      if (!widened) {
        throw Exception(sqlstate::kDatatypeMismatch,
                        fmt::format("table \"{}\": column \"{}\" is {} in file {} but {} in file {}{}, and no type "
                                    "holds both without loss",
                                    table, target.name, origin_type[u].ToString(), inputs[type_origin[u]].file,
                                    column.type.ToString(), input.file,
                                    target.type == origin_type[u]
                                        ? ""
                                        : fmt::format(" (earlier files widened it to {})", target.type.ToString())));
      }
      if (*widened != target.type) {
        target.type = *widened;
        type_origin[u] = i;
        origin_type[u] = column.type;
      }
      target.nullable = target.nullable || column.nullable;
      present_in[u]++;
      positions[u] = static_cast<int>(k);
    }
    positions.resize(result.columns.size(), -1);
    result.input_columns.push_back(std::move(positions));
  }
  for (auto& positions : result.input_columns) positions.resize(result.columns.size(), -1);
  for (size_t u = 0; u < result.columns.size(); u++) {
    if (present_in[u] < inputs.size()) result.columns[u].nullable = true;
  }
  return result;
}

}  // namespace cairn
