// Numeric casts: BOOLEAN, integers, DECIMAL, FLOAT and DOUBLE into one another, with range
// checks (22003) and rounding as DuckDB/PostgreSQL do: DECIMAL -> integer and DECIMAL ->
// narrower DECIMAL round half away from zero; DOUBLE -> integer rounds to nearest even
// (rint); DOUBLE -> DECIMAL rounds half away from zero.
#include <cfloat>
#include <cmath>
#include <type_traits>

#include "cairn/exception.h"
#include "common/decimal.h"
#include "common/numeric.h"
#include "common/number_format.h"
#include "function/cast_families.h"
#include "function/vector_executor.h"

namespace cairn::cast {
namespace {

enum class Kind { kBool, kIntegral, kDecimal, kFloating, kNumeric };

Kind KindOf(const LogicalType& type) {
  if (type.id() == TypeId::BOOLEAN) return Kind::kBool;
  if (type.id() == TypeId::DECIMAL) return Kind::kDecimal;
  if (type.id() == TypeId::NUMERIC) return Kind::kNumeric;
  if (type.id() == TypeId::FLOAT || type.id() == TypeId::DOUBLE) return Kind::kFloating;
  return Kind::kIntegral;
}

bool IsNumericLike(const LogicalType& type) { return type.id() == TypeId::BOOLEAN || type.IsNumeric(); }

template <class S>
std::string SourceText(S value, const LogicalType& type) {
  if constexpr (std::is_same_v<S, double>) {
    return type.id() == TypeId::FLOAT ? FormatFloat(static_cast<float>(value)) : FormatDouble(value);
  } else if constexpr (std::is_same_v<S, bool>) {
    return value ? "true" : "false";
  } else {
    return decimal::ToString(static_cast<hugeint_t>(value), type.id() == TypeId::DECIMAL ? type.scale() : 0);
  }
}

// Integer-valued source (bool, integer or DECIMAL unscaled) into target D.
template <class S, class D>
void FromExact(const Vector& source, Vector& result, idx_t count, bool try_cast) {
  const LogicalType& st = source.type();
  const LogicalType& dt = result.type();
  uint8_t source_scale = st.id() == TypeId::DECIMAL ? st.scale() : 0;
  Kind target = KindOf(dt);
  auto fail = [&](S value) -> bool {
    if (try_cast) return false;
    ThrowOutOfRange(SourceText(value, st), dt);
  };
  switch (target) {
    case Kind::kBool:
      executor::UnaryExecute<S, bool>(source, result, count, [](S v) { return v != 0; });
      return;
    case Kind::kFloating: {
      double divisor = static_cast<double>(decimal::PowerOfTen(source_scale));
      bool is_float = dt.id() == TypeId::FLOAT;
      executor::UnaryExecute<S, double>(source, result, count, [=](S v) {
        double d = source_scale == 0 ? static_cast<double>(v) : static_cast<double>(v) / divisor;
        return is_float ? static_cast<double>(static_cast<float>(d)) : d;
      });
      return;
    }
    case Kind::kIntegral: {
      hugeint_t lo = IntegralMin(dt.id()), hi = IntegralMax(dt.id());
      // Without a range check only from a narrower integer type (a DECIMAL(p,0) may not fit).
      if (std::is_same_v<S, bool> ||
          (st.IsIntegral() && IntegralMin(st.id()) >= lo && IntegralMax(st.id()) <= hi)) {
        executor::UnaryExecute<S, D>(source, result, count, [](S v) { return static_cast<D>(v); });
        return;
      }
      hugeint_t divisor = decimal::PowerOfTen(source_scale);
      executor::UnaryExecuteFallible<S, D>(source, result, count, [&](S v, D& out) {
        hugeint_t x = static_cast<hugeint_t>(v);
        if (source_scale > 0) {
          hugeint_t q = x / divisor, r = x % divisor;
          if (r * 2 >= divisor) q++;
          else if (r * 2 <= -divisor) q--;
          x = q;
        }
        if (x < lo || x > hi) return fail(v);
        out = static_cast<D>(x);
        return true;
      });
      return;
    }
    case Kind::kDecimal: {
      uint8_t width = dt.width(), scale = dt.scale();
      if constexpr (!std::is_same_v<S, bool>) {
        // Every source value fits (a wider DECIMAL of the same or a larger scale, an integer
        // type with room for its digits): scale up without checks or 128-bit arithmetic.
        int source_digits = 0;
        if (st.id() == TypeId::DECIMAL) {
          source_digits = st.width() - st.scale();
        } else {
          for (hugeint_t max = IntegralMax(st.id()); max > 0; max /= 10) source_digits++;
        }
        if (scale >= source_scale && source_digits + scale <= width) {
          if (scale == source_scale) {  // only wider: the unscaled values stay
            executor::UnaryExecute<S, D>(source, result, count, [](S v) { return static_cast<D>(v); });
            return;
          }
          const D factor = static_cast<D>(decimal::PowerOfTen(static_cast<uint8_t>(scale - source_scale)));
          executor::UnaryExecute<S, D>(source, result, count, [factor](S v) { return static_cast<D>(v) * factor; });
          return;
        }
      }
      executor::UnaryExecuteFallible<S, D>(source, result, count, [&](S v, D& out) {
        hugeint_t x;
        if (!decimal::Rescale(static_cast<hugeint_t>(v), source_scale, scale, width, x)) return fail(v);
        out = static_cast<D>(x);
        return true;
      });
      return;
    }
    case Kind::kNumeric:
      return;  // CastNumeric handles NUMERIC targets itself
  }
}

template <class D>
void FromDouble(const Vector& source, Vector& result, idx_t count, bool try_cast) {
  const LogicalType& st = source.type();
  const LogicalType& dt = result.type();
  auto fail = [&](double value) -> bool {
    if (try_cast) return false;
    ThrowOutOfRange(SourceText(value, st), dt);
  };
  switch (KindOf(dt)) {
    case Kind::kBool:
      executor::UnaryExecute<double, bool>(source, result, count, [](double v) { return v != 0; });
      return;
    case Kind::kFloating:
      if (dt.id() == TypeId::DOUBLE) {
        executor::UnaryExecute<double, double>(source, result, count, [](double v) { return v; });
      } else {
        executor::UnaryExecuteFallible<double, double>(source, result, count, [&](double v, double& out) {
          if (std::isfinite(v) && std::fabs(v) > FLT_MAX) return fail(v);
          out = static_cast<double>(static_cast<float>(v));
          return true;
        });
      }
      return;
    case Kind::kIntegral: {
      double lo = static_cast<double>(IntegralMin(dt.id()));
      double hi_exclusive = static_cast<double>(IntegralMax(dt.id())) + 1.0;  // a power of two: exact
      executor::UnaryExecuteFallible<double, D>(source, result, count, [&](double v, D& out) {
        double r = std::nearbyint(v);
        if (!(r >= lo && r < hi_exclusive)) return fail(v);
        out = static_cast<D>(static_cast<hugeint_t>(r));
        return true;
      });
      return;
    }
    case Kind::kDecimal: {
      uint8_t width = dt.width(), scale = dt.scale();
      double factor = static_cast<double>(decimal::PowerOfTen(scale));
      double limit = static_cast<double>(decimal::PowerOfTen(width));
      executor::UnaryExecuteFallible<double, D>(source, result, count, [&](double v, D& out) {
        double r = std::round(v * factor);
        if (!(std::fabs(r) < limit)) return fail(v);
        out = static_cast<D>(static_cast<hugeint_t>(r));
        return true;
      });
      return;
    }
    case Kind::kNumeric:
      return;  // CastNumeric handles NUMERIC targets itself
  }
}

// NUMERIC (packed, a scale per value) into any numeric type.
template <class D>
void FromNumericTo(const Vector& source, Vector& result, idx_t count, bool try_cast) {
  const LogicalType& dt = result.type();
  auto fail = [&](hugeint_t v) -> bool {
    if (try_cast) return false;
    ThrowOutOfRange(numeric::ToString(v), dt);
  };
  switch (KindOf(dt)) {
    case Kind::kBool:
      executor::UnaryExecute<hugeint_t, bool>(source, result, count, [](hugeint_t v) { return numeric::Unscaled(v) != 0; });
      return;
    case Kind::kFloating: {
      bool is_float = dt.id() == TypeId::FLOAT;
      executor::UnaryExecuteFallible<hugeint_t, double>(source, result, count, [&](hugeint_t v, double& out) {
        double d = numeric::ToDouble(v);
        if (is_float) {
          if (std::isfinite(d) && std::fabs(d) > FLT_MAX) return fail(v);
          d = static_cast<double>(static_cast<float>(d));
        }
        out = d;
        return true;
      });
      return;
    }
    case Kind::kIntegral: {
      hugeint_t lo = IntegralMin(dt.id()), hi = IntegralMax(dt.id());
      executor::UnaryExecuteFallible<hugeint_t, D>(source, result, count, [&](hugeint_t v, D& out) {
        hugeint_t x;
        if (!numeric::ToDecimal(v, decimal::kMaxWidth, 0, x) || x < lo || x > hi) return fail(v);
        out = static_cast<D>(x);
        return true;
      });
      return;
    }
    case Kind::kDecimal: {
      int width = dt.width(), scale = dt.scale();
      executor::UnaryExecuteFallible<hugeint_t, D>(source, result, count, [&](hugeint_t v, D& out) {
        hugeint_t x;
        if (!numeric::ToDecimal(v, width, scale, x)) {
          if (try_cast) return false;
          throw Exception(sqlstate::kNumericValueOutOfRange,
                          "numeric field overflow: " + numeric::ToString(v) + " does not fit " + ErrorTypeName(dt) + "(" +
                              std::to_string(width) + "," + std::to_string(scale) + ")");
        }
        out = static_cast<D>(x);
        return true;
      });
      return;
    }
    case Kind::kNumeric:
      executor::UnaryExecute<hugeint_t, hugeint_t>(source, result, count, [](hugeint_t v) { return v; });
      return;
  }
}

// Any numeric type into NUMERIC: integers at scale 0, DECIMAL keeping its scale, float8 with 15
// and float4 with 6 significant digits (PostgreSQL's float8_numeric / float4_numeric).
template <class S>
void ToNumericFrom(const Vector& source, Vector& result, idx_t count, bool try_cast) {
  const LogicalType& st = source.type();
  int source_scale = st.id() == TypeId::DECIMAL ? st.scale() : 0;
  int digits = st.id() == TypeId::FLOAT ? 6 : 15;
  executor::UnaryExecuteFallible<S, hugeint_t>(source, result, count, [&](S v, hugeint_t& out) {
    try {
      if constexpr (std::is_same_v<S, double>) {
        out = numeric::FromDouble(v, digits);
      } else if constexpr (sizeof(S) <= sizeof(int64_t)) {
        // |v| < 2^63 < 10^35 and a DECIMAL's scale is at most 38: it always fits.
        out = numeric::PackUnchecked(static_cast<hugeint_t>(v), source_scale);
      } else {
        out = numeric::FromDecimal(static_cast<hugeint_t>(v), source_scale);
      }
    } catch (const Exception&) {
      if (try_cast) return false;
      throw;
    }
    return true;
  });
}

template <class S>
void FromSource(const Vector& source, Vector& result, idx_t count, bool try_cast) {
  switch (result.type().physical_type()) {
    case PhysicalType::BOOL:
      if constexpr (std::is_same_v<S, double>) FromDouble<bool>(source, result, count, try_cast);
      else FromExact<S, bool>(source, result, count, try_cast);
      return;
    case PhysicalType::INT32:
      if constexpr (std::is_same_v<S, double>) FromDouble<int32_t>(source, result, count, try_cast);
      else FromExact<S, int32_t>(source, result, count, try_cast);
      return;
    case PhysicalType::INT64:
      if constexpr (std::is_same_v<S, double>) FromDouble<int64_t>(source, result, count, try_cast);
      else FromExact<S, int64_t>(source, result, count, try_cast);
      return;
    case PhysicalType::INT128:
      if constexpr (std::is_same_v<S, double>) FromDouble<hugeint_t>(source, result, count, try_cast);
      else FromExact<S, hugeint_t>(source, result, count, try_cast);
      return;
    case PhysicalType::DOUBLE:
      if constexpr (std::is_same_v<S, double>) FromDouble<double>(source, result, count, try_cast);
      else FromExact<S, double>(source, result, count, try_cast);
      return;
    default:
      return;
  }
}

}  // namespace

hugeint_t IntegralMin(TypeId id) {
  switch (id) {
    case TypeId::TINYINT: return INT8_MIN;
    case TypeId::SMALLINT: return INT16_MIN;
    case TypeId::INTEGER: return INT32_MIN;
    case TypeId::BIGINT: return INT64_MIN;
    case TypeId::HUGEINT: return static_cast<hugeint_t>(static_cast<unsigned __int128>(1) << 127);
    default: return 0;  // unsigned types (and BOOLEAN)
  }
}

hugeint_t IntegralMax(TypeId id) {
  switch (id) {
    case TypeId::BOOLEAN: return 1;
    case TypeId::TINYINT: return INT8_MAX;
    case TypeId::SMALLINT: return INT16_MAX;
    case TypeId::INTEGER: return INT32_MAX;
    case TypeId::BIGINT: return INT64_MAX;
    case TypeId::UTINYINT: return UINT8_MAX;
    case TypeId::USMALLINT: return UINT16_MAX;
    case TypeId::UINTEGER: return UINT32_MAX;
    case TypeId::UBIGINT: return UINT64_MAX;
    case TypeId::HUGEINT: return static_cast<hugeint_t>((static_cast<unsigned __int128>(1) << 127) - 1);
    default: return 0;
  }
}

void ThrowOutOfRange(const std::string& value_text, const LogicalType& type) {
  throw Exception(sqlstate::kNumericValueOutOfRange,
                  "value " + value_text + " is out of range for type " + type.ToString());
}

bool CastNumeric(const Vector& source, Vector& result, idx_t count, bool try_cast) {
  if (!IsNumericLike(source.type()) || !IsNumericLike(result.type())) return false;
  if (source.type().id() == TypeId::NUMERIC) {
    switch (result.type().physical_type()) {
      case PhysicalType::BOOL: FromNumericTo<bool>(source, result, count, try_cast); return true;
      case PhysicalType::INT32: FromNumericTo<int32_t>(source, result, count, try_cast); return true;
      case PhysicalType::INT64: FromNumericTo<int64_t>(source, result, count, try_cast); return true;
      case PhysicalType::INT128: FromNumericTo<hugeint_t>(source, result, count, try_cast); return true;
      case PhysicalType::DOUBLE: FromNumericTo<double>(source, result, count, try_cast); return true;
      default: return false;
    }
  }
  if (result.type().id() == TypeId::NUMERIC) {
    switch (source.type().physical_type()) {
      case PhysicalType::BOOL: ToNumericFrom<bool>(source, result, count, try_cast); return true;
      case PhysicalType::INT32: ToNumericFrom<int32_t>(source, result, count, try_cast); return true;
      case PhysicalType::INT64: ToNumericFrom<int64_t>(source, result, count, try_cast); return true;
      case PhysicalType::INT128: ToNumericFrom<hugeint_t>(source, result, count, try_cast); return true;
      case PhysicalType::DOUBLE: ToNumericFrom<double>(source, result, count, try_cast); return true;
      default: return false;
    }
  }
  switch (source.type().physical_type()) {
    case PhysicalType::BOOL: FromSource<bool>(source, result, count, try_cast); return true;
    case PhysicalType::INT32: FromSource<int32_t>(source, result, count, try_cast); return true;
    case PhysicalType::INT64: FromSource<int64_t>(source, result, count, try_cast); return true;
    case PhysicalType::INT128: FromSource<hugeint_t>(source, result, count, try_cast); return true;
    case PhysicalType::DOUBLE: FromSource<double>(source, result, count, try_cast); return true;
    default: return false;
  }
}

}  // namespace cairn::cast
