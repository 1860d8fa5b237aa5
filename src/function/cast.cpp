// CastVector dispatch, implicit-cast costs and common supertypes (DuckDB's rules).
#include "function/cast.h"

#include <algorithm>

#include "cairn/exception.h"
#include "function/cast_families.h"

namespace cairn {
namespace {

// Decimal digits needed for every value of an integral type (DuckDB's integer-as-decimal width).
int IntegralDigits(TypeId id) {
  switch (id) {
    case TypeId::TINYINT: return 3;
    case TypeId::SMALLINT: return 5;
    case TypeId::INTEGER: return 10;
    case TypeId::BIGINT: return 19;
    case TypeId::HUGEINT: return 38;
    case TypeId::UTINYINT: return 3;
    case TypeId::USMALLINT: return 5;
    case TypeId::UINTEGER: return 10;
    case TypeId::UBIGINT: return 20;
    default: return 0;
  }
}

// Rank of an integral type for widening costs.
int IntegralRank(TypeId id) {
  switch (id) {
    case TypeId::UTINYINT: return 1;
    case TypeId::TINYINT: return 1;
    case TypeId::USMALLINT: return 2;
    case TypeId::SMALLINT: return 2;
    case TypeId::UINTEGER: return 3;
    case TypeId::INTEGER: return 3;
    case TypeId::UBIGINT: return 4;
    case TypeId::BIGINT: return 4;
    case TypeId::HUGEINT: return 5;
    default: return 0;
  }
}

bool IsWildcardDecimal(const LogicalType& t) { return t.id() == TypeId::DECIMAL && t.width() == 0; }

bool IsTimestamp(TypeId id) { return id == TypeId::TIMESTAMP || id == TypeId::TIMESTAMP_TZ; }

}  // namespace

void CastVector(const Vector& source, Vector& result, idx_t count, bool try_cast) {
  const LogicalType& st = source.type();
  const LogicalType& dt = result.type();
  if (st.id() == TypeId::SQLNULL) {
    result.SetConstant(Value::Null(dt));
    return;
  }
  if (st == dt) {
    result.Reference(source);
    return;
  }
  if (cast::CastArray(source, result, count, try_cast)) return;
  if (cast::CastJson(source, result, count, try_cast)) return;
  if (cast::CastNumeric(source, result, count, try_cast)) return;
  if (cast::CastTemporal(source, result, count, try_cast)) return;
  if (cast::CastToText(source, result, count, try_cast)) return;
  if (cast::CastFromText(source, result, count, try_cast)) return;
  throw Exception("42846", "cannot cast type " + st.ToString() + " to " + dt.ToString());
}

int ImplicitCastCost(const LogicalType& from, const LogicalType& to) {
  if (from == to) return 0;
  if (from.id() == TypeId::SQLNULL) return 0;
  TypeId f = from.id(), t = to.id();
  if (f == TypeId::ARRAY || t == TypeId::ARRAY) {
    // anyarray takes every array; element types widen as their elements do.
    if (f != TypeId::ARRAY || t != TypeId::ARRAY) return -1;
    if (to.element_type().id() == TypeId::INVALID) return 1;
    int cost = ImplicitCastCost(from.element_type(), to.element_type());
    return cost < 0 ? -1 : cost + 1;
  }
  if (from.IsIntegral()) {
    if (to.IsIntegral()) {
      if (cast::IntegralMin(f) >= cast::IntegralMin(t) && cast::IntegralMax(f) <= cast::IntegralMax(t)) {
        return 1 + std::max(0, IntegralRank(t) - IntegralRank(f));
      }
      return -1;
    }
    if (t == TypeId::DECIMAL) {
      if (IsWildcardDecimal(to)) return 10;
      return to.width() - to.scale() >= IntegralDigits(f) ? 11 : -1;
    }
    if (t == TypeId::NUMERIC) return 12;
    if (t == TypeId::FLOAT) return 20;
    if (t == TypeId::DOUBLE) return 21;
    return -1;
  }
  if (f == TypeId::NUMERIC) {
    if (t == TypeId::FLOAT) return 20;
    if (t == TypeId::DOUBLE) return 21;
    return -1;
  }
  if (f == TypeId::DECIMAL) {
    if (t == TypeId::DECIMAL) {
      if (IsWildcardDecimal(to)) return 0;
      return to.scale() >= from.scale() && to.width() - to.scale() >= from.width() - from.scale() ? 5 : -1;
    }
    if (t == TypeId::NUMERIC) return 6;
    if (t == TypeId::FLOAT) return 20;
    if (t == TypeId::DOUBLE) return 21;
    return -1;
  }
  if (f == TypeId::FLOAT && t == TypeId::DOUBLE) return 1;
  if (f == TypeId::DATE && t == TypeId::TIMESTAMP) return 1;
  if (f == TypeId::DATE && t == TypeId::TIMESTAMP_TZ) return 2;
  if (f == TypeId::TIMESTAMP && t == TypeId::TIMESTAMP_TZ) return 1;
  return -1;
}

LogicalType MaxLogicalType(const LogicalType& left, const LogicalType& right) {
  if (left == right) return left;
  TypeId l = left.id(), r = right.id();
  if (l == TypeId::SQLNULL) return right;
  if (r == TypeId::SQLNULL) return left;
  if (l == TypeId::ARRAY && r == TypeId::ARRAY) {
    return LogicalType::Array(MaxLogicalType(left.element_type(), right.element_type()));
  }
  if (l == TypeId::ARRAY || r == TypeId::ARRAY) {
    throw Exception(sqlstate::kDatatypeMismatch,
                    "types " + left.ToString() + " and " + right.ToString() + " cannot be matched");
  }
  if (left.IsIntegral() && right.IsIntegral()) {
    hugeint_t lo = std::min(cast::IntegralMin(l), cast::IntegralMin(r));
    hugeint_t hi = std::max(cast::IntegralMax(l), cast::IntegralMax(r));
    if (lo == 0) {
      for (TypeId id : {TypeId::UTINYINT, TypeId::USMALLINT, TypeId::UINTEGER, TypeId::UBIGINT}) {
        if (hi <= cast::IntegralMax(id)) return id;
      }
    }
    for (TypeId id : {TypeId::TINYINT, TypeId::SMALLINT, TypeId::INTEGER, TypeId::BIGINT}) {
      if (lo >= cast::IntegralMin(id) && hi <= cast::IntegralMax(id)) return id;
    }
    return TypeId::HUGEINT;
  }
  bool l_exact = left.IsIntegral() || l == TypeId::DECIMAL;
  bool r_exact = right.IsIntegral() || r == TypeId::DECIMAL;
  // Unconstrained NUMERIC absorbs every exact type (PostgreSQL: numeric is the preferred
  // exact type; its values keep their own scales).
  if ((l == TypeId::NUMERIC && (r_exact || r == TypeId::NUMERIC)) || (r == TypeId::NUMERIC && l_exact)) {
    return TypeId::NUMERIC;
  }
  if (l_exact && r_exact) {
    int l_scale = l == TypeId::DECIMAL ? left.scale() : 0;
    int r_scale = r == TypeId::DECIMAL ? right.scale() : 0;
    int l_int = l == TypeId::DECIMAL ? left.width() - left.scale() : IntegralDigits(l);
    int r_int = r == TypeId::DECIMAL ? right.width() - right.scale() : IntegralDigits(r);
    int scale = std::max(l_scale, r_scale);
    int width = std::min(38, std::max(l_int, r_int) + scale);
    if (scale > width) scale = width;
    return LogicalType::Decimal(static_cast<uint8_t>(width), static_cast<uint8_t>(scale));
  }
  bool l_num = left.IsNumeric(), r_num = right.IsNumeric();
  if (l_num && r_num) {
    if ((l == TypeId::FLOAT || left.IsIntegral()) && (r == TypeId::FLOAT || right.IsIntegral())) return TypeId::FLOAT;
    return TypeId::DOUBLE;
  }
  if ((l == TypeId::DATE || IsTimestamp(l)) && (r == TypeId::DATE || IsTimestamp(r))) {
    if (l == TypeId::TIMESTAMP_TZ || r == TypeId::TIMESTAMP_TZ) return TypeId::TIMESTAMP_TZ;
    return TypeId::TIMESTAMP;
  }
  if (l == TypeId::VARCHAR || r == TypeId::VARCHAR) {
    TypeId other = l == TypeId::VARCHAR ? r : l;
    if (other == TypeId::BLOB || other == TypeId::UUID) return other;
    return TypeId::VARCHAR;
  }
  throw Exception(sqlstate::kDatatypeMismatch,
                  "types " + left.ToString() + " and " + right.ToString() + " cannot be matched");
}

}  // namespace cairn
