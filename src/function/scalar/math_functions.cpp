// Math functions: abs, sign, round, floor, ceil/ceiling, trunc (DOUBLE, DECIMAL, integers),
// sqrt, cbrt, power/pow, exp, ln, log10, log, mod, pi, greatest, least, random.
// Rounding follows PostgreSQL 15: round(numeric) rounds half away from zero, round(double) is
// rint() (half to even in the default rounding mode); round/floor/ceil/trunc of an integer
// resolve to the double precision functions (PostgreSQL has no integer versions, the integer
// argument is cast to its preferred numeric type float8); DECIMAL round/floor/ceil/trunc
// without digits return DECIMAL(width, 0); round(numeric, n) and trunc(numeric, n) keep the
// input type here and the binder narrows the scale to n when n is a constant. abs keeps the
// argument's type (smallint, integer, bigint, real, double, numeric; 22003 for abs(MIN)).
// Domain errors raise 2201E/2201F as PostgreSQL.
#include <cmath>
#include <numbers>
#include <random>

#include "common/float_compare.h"
#include "cairn/exception.h"
#include "common/numeric.h"
#include "common/decimal.h"
#include "function/cast.h"
#include "function/cast_families.h"
#include "function/function_registry.h"
#include "function/vector_executor.h"

namespace cairn::function {
namespace {

const LogicalType kDouble = TypeId::DOUBLE;
const LogicalType kInteger = TypeId::INTEGER;
const LogicalType kBigint = TypeId::BIGINT;
const LogicalType kAnyDecimal = LogicalType(TypeId::DECIMAL);
const LogicalType kNone = TypeId::INVALID;

template <class OP>
ScalarKernel UnaryDouble(OP op) {
  return [op](DataChunk& args, Vector& result) {
    executor::UnaryExecute<double, double>(args.data[0], result, args.size(), op);
  };
}

template <class OP>
ScalarKernel BinaryDouble(OP op) {
  return [op](DataChunk& args, Vector& result) {
    executor::BinaryExecute<double, double, double>(args.data[0], args.data[1], result, args.size(), op);
  };
}

enum class RoundMode { kRound, kFloor, kCeil, kTrunc };

// Rounds an unscaled decimal to a multiple of `divisor` (10^k) with the given mode.
template <class T>
T RoundUnscaled(T v, T divisor, RoundMode mode) {
  if (divisor <= 1) return v;
  T q = v / divisor, r = v % divisor;
  switch (mode) {
    case RoundMode::kRound:
      if (r * 2 >= divisor) q++;
      else if (r * 2 <= -divisor) q--;
      break;
    case RoundMode::kFloor:
      if (r < 0) q--;
      break;
    case RoundMode::kCeil:
      if (r > 0) q++;
      break;
    case RoundMode::kTrunc:
      break;
  }
  return q;
}

double RoundDouble(double v, RoundMode mode) {
  switch (mode) {
    case RoundMode::kRound: return std::nearbyint(v);  // PostgreSQL's dround is rint()
    case RoundMode::kFloor: return std::floor(v);
    case RoundMode::kCeil: return std::ceil(v);
    case RoundMode::kTrunc: return std::trunc(v);
  }
  return v;
}

// DECIMAL(w, s) -> DECIMAL(w, 0).
template <class T>
ScalarKernel DecimalRoundKernel(uint8_t scale, RoundMode mode) {
  T divisor = static_cast<T>(decimal::PowerOfTen(scale));
  return [divisor, mode](DataChunk& args, Vector& result) {
    executor::UnaryExecute<T, T>(args.data[0], result, args.size(), [&](T v) { return RoundUnscaled<T>(v, divisor, mode); });
  };
}

// DECIMAL(w, s), digits -> DECIMAL(w, s) rounded to `digits` fractional digits.
template <class T>
ScalarKernel DecimalRoundDigitsKernel(uint8_t scale, RoundMode mode) {
  return [scale, mode](DataChunk& args, Vector& result) {
    executor::BinaryExecute<T, int32_t, T>(args.data[0], args.data[1], result, args.size(), [&](T v, int32_t digits) {
      int64_t drop = static_cast<int64_t>(scale) - digits;  // 64 bits: digits may be INT_MIN
      if (drop <= 0) return v;
      if (drop > 38) return T(0);
      if (drop > 18 && sizeof(T) == 8) return T(0);
      T divisor = static_cast<T>(decimal::PowerOfTen(drop));
      T q = RoundUnscaled<T>(v, divisor, mode);
      T back;
      if (__builtin_mul_overflow(q, divisor, &back)) {
        throw Exception(sqlstate::kNumericValueOutOfRange, "numeric value out of range");
      }
      return back;
    });
  };
}

void AddRounding(FunctionRegistry& r, const char* name, RoundMode mode) {
  r.Add({name, {kDouble}, kNone, kDouble, UnaryDouble([mode](double v) { return RoundDouble(v, mode); })});
  // Integer arguments resolve to the double precision overload, as in PostgreSQL.
  for (TypeId id : {TypeId::SMALLINT, TypeId::INTEGER, TypeId::BIGINT}) {
    LogicalType t(id);
    ScalarKernel to_double = t.physical_type() == PhysicalType::INT32
                                 ? ScalarKernel([](DataChunk& args, Vector& result) {
                                     executor::UnaryExecute<int32_t, double>(args.data[0], result, args.size(), [](int32_t v) { return double(v); });
                                   })
                                 : ScalarKernel([](DataChunk& args, Vector& result) {
                                     executor::UnaryExecute<int64_t, double>(args.data[0], result, args.size(), [](int64_t v) { return double(v); });
                                   });
    r.Add({name, {t}, kNone, kDouble, to_double});
  }
  r.Add({name, {kAnyDecimal}, kNone, kAnyDecimal, nullptr}, [mode](ScalarFunction& bound, const std::vector<LogicalType>&) {
    const LogicalType& in = bound.arguments[0];
    uint8_t width = in.width() - in.scale() > 0 ? in.width() : 1;
    bound.return_type = LogicalType::Decimal(width, 0);
    if (bound.return_type.physical_type() != in.physical_type()) {
      // Keep the physical type of the input (a narrower width never changes it).
      bound.return_type = LogicalType::Decimal(in.width(), 0);
    }
    bound.kernel = in.physical_type() == PhysicalType::INT64 ? DecimalRoundKernel<int64_t>(in.scale(), mode)
                                                             : DecimalRoundKernel<hugeint_t>(in.scale(), mode);
  });
}

template <class T>
ScalarKernel AbsKernel(const LogicalType& type, hugeint_t min) {
  return [type, min](DataChunk& args, Vector& result) {
    executor::UnaryExecute<T, T>(args.data[0], result, args.size(), [&](T v) {
      if (static_cast<hugeint_t>(v) == min) throw Exception(sqlstate::kNumericValueOutOfRange, type.ToString() + " out of range");
      return v < 0 ? static_cast<T>(-v) : v;
    });
  };
}

/// sign(x) as O: -1, 0 or 1 (PostgreSQL: double precision for integers and floats, numeric
/// with scale 0 for numerics).
template <class T, class O>
ScalarKernel SignKernel() {
  return [](DataChunk& args, Vector& result) {
    executor::UnaryExecute<T, O>(args.data[0], result, args.size(), [](T v) { return O(int(v > 0) - int(v < 0)); });
  };
}

template <class T, bool GREATEST>
void ExtremeRows(DataChunk& args, Vector& result) {
  executor::NaryExecute<T>(args.data, args.size(), result, false, [](const std::vector<UnifiedFormat>& f, idx_t i, T& out) {
    bool found = false;
    for (const auto& format : f) {
      if (!executor::UnifiedValid(format, i)) continue;
      const T& v = executor::UnifiedValue<T>(format, i);
      bool better;
      if constexpr (std::is_same_v<T, double>) {
        better = GREATEST ? PostgresFloatCompare(out, v) < 0 : PostgresFloatCompare(v, out) < 0;  // NaN is greatest
      } else {
        better = GREATEST ? out < v : v < out;
      }
      if (!found || better) out = v;
      found = true;
    }
    return found;
  });
}

// greatest/least of NUMERIC: by value; the winner keeps its own scale.
template <bool GREATEST>
void NumericExtremeRows(DataChunk& args, Vector& result) {
  executor::NaryExecute<hugeint_t>(args.data, args.size(), result, false,
                                   [](const std::vector<UnifiedFormat>& formats, idx_t i, hugeint_t& out) {
                                     bool found = false;
                                     for (const auto& format : formats) {
                                       if (!executor::UnifiedValid(format, i)) continue;
                                       hugeint_t v = executor::UnifiedValue<hugeint_t>(format, i);
                                       int c = found ? numeric::Compare(out, v) : 0;
                                       if (!found || (GREATEST ? c < 0 : c > 0)) out = v;
                                       found = true;
                                     }
                                     return found;
                                   });
}

template <bool GREATEST>
ScalarKernel ExtremeKernel(const LogicalType& type) {
  if (type.id() == TypeId::NUMERIC) return NumericExtremeRows<GREATEST>;
  switch (type.physical_type()) {
    case PhysicalType::BOOL: return ExtremeRows<bool, GREATEST>;
    case PhysicalType::INT32: return ExtremeRows<int32_t, GREATEST>;
    case PhysicalType::INT64: return ExtremeRows<int64_t, GREATEST>;
    case PhysicalType::INT128: return ExtremeRows<hugeint_t, GREATEST>;
    case PhysicalType::DOUBLE: return ExtremeRows<double, GREATEST>;
    case PhysicalType::STRING:
      return [](DataChunk& args, Vector& result) {
        ExtremeRows<string_t, GREATEST>(args, result);
        for (const Vector& v : args.data) result.KeepHeapOf(v);
      };
    default:
      throw Exception(sqlstate::kUndefinedFunction, "greatest/least are not defined for this type");
  }
}

template <bool GREATEST>
void AddExtreme(FunctionRegistry& r, const char* name) {
  r.Add({name, {kAnyType}, kAnyType, kAnyType, nullptr}, [](ScalarFunction& bound, const std::vector<LogicalType>& types) {
    LogicalType common = types[0];
    for (size_t i = 1; i < types.size(); i++) common = MaxLogicalType(common, types[i]);
    if (common.id() == TypeId::SQLNULL) common = TypeId::INTEGER;
    bound.arguments = {common};
    bound.varargs = common;
    bound.return_type = common;
    bound.kernel = ExtremeKernel<GREATEST>(common);
  });
}

// abs, sign, round, trunc, ceil, floor, sqrt of NUMERIC as PostgreSQL's numeric_abs,
// numeric_sign (-1, 0 or 1 at scale 0), numeric_round / numeric_trunc (scale max(digits, 0)),
// numeric_ceil and numeric_floor (scale 0), numeric_sqrt (its result scale, rounded to
// nearest). Integer arguments of sqrt keep resolving to sqrt(double precision), as in
// PostgreSQL where float8 is the preferred numeric type.
void AddNumericMath(FunctionRegistry& r) {
  const LogicalType num = TypeId::NUMERIC;
  auto unary = [](hugeint_t (*f)(hugeint_t)) -> ScalarKernel {
    return [f](DataChunk& args, Vector& result) {
      executor::UnaryExecute<hugeint_t, hugeint_t>(args.data[0], result, args.size(), f);
    };
  };
  r.Add({"abs", {num}, kNone, num, unary([](hugeint_t v) { return numeric::Unscaled(v) < 0 ? numeric::Negate(v) : v; })});
  r.Add({"sign", {num}, kNone, num, unary([](hugeint_t v) {
           hugeint_t u = numeric::Unscaled(v);
           return numeric::PackUnchecked(u > 0 ? 1 : (u < 0 ? -1 : 0), 0);
         })});
  r.Add({"round", {num}, kNone, num, unary([](hugeint_t v) { return numeric::Round(v, 0); })});
  r.Add({"trunc", {num}, kNone, num, unary([](hugeint_t v) { return numeric::Truncate(v, 0); })});
  r.Add({"ceil", {num}, kNone, num, unary(numeric::Ceil)});
  r.Add({"ceiling", {num}, kNone, num, unary(numeric::Ceil)});
  r.Add({"floor", {num}, kNone, num, unary(numeric::Floor)});
  auto with_digits = [](hugeint_t (*f)(hugeint_t, int)) -> ScalarKernel {
    return [f](DataChunk& args, Vector& result) {
      executor::BinaryExecute<hugeint_t, int32_t, hugeint_t>(args.data[0], args.data[1], result, args.size(),
                                                              [f](hugeint_t v, int32_t digits) { return f(v, digits); });
    };
  };
  r.Add({"sqrt", {num}, kNone, num, unary(numeric::SquareRoot)});
  r.Add({"round", {num, kInteger}, kNone, num, with_digits(numeric::Round)});
  r.Add({"trunc", {num, kInteger}, kNone, num, with_digits(numeric::Truncate)});
}

double CheckedLog(double v, double (*fn)(double)) {
  if (v == 0) throw Exception("2201E", "cannot take logarithm of zero");
  if (v < 0) throw Exception("2201E", "cannot take logarithm of a negative number");
  return fn(v);
}

}  // namespace

void RegisterMathFunctions(FunctionRegistry& r) {
  for (TypeId id : {TypeId::TINYINT, TypeId::SMALLINT, TypeId::INTEGER, TypeId::BIGINT, TypeId::HUGEINT}) {
    LogicalType t(id);
    hugeint_t min = cast::IntegralMin(id);
    ScalarKernel abs = t.physical_type() == PhysicalType::INT32   ? AbsKernel<int32_t>(t, min)
                       : t.physical_type() == PhysicalType::INT64 ? AbsKernel<int64_t>(t, min)
                                                                  : AbsKernel<hugeint_t>(t, min);
    r.Add({"abs", {t}, kNone, t, abs});
    ScalarKernel sign = t.physical_type() == PhysicalType::INT32   ? SignKernel<int32_t, double>()
                        : t.physical_type() == PhysicalType::INT64 ? SignKernel<int64_t, double>()
                                                                   : SignKernel<hugeint_t, double>();
    r.Add({"sign", {t}, kNone, kDouble, sign});  // integers resolve to sign(float8) in PostgreSQL
  }
  r.Add({"abs", {kDouble}, kNone, kDouble, UnaryDouble([](double v) { return std::fabs(v); })});
  const LogicalType real = TypeId::FLOAT;  // stored as double; abs(real) stays real (PostgreSQL's float4abs)
  r.Add({"abs", {real}, kNone, real, UnaryDouble([](double v) { return std::fabs(v); })});
  r.Add({"abs", {kAnyDecimal}, kNone, kAnyDecimal, nullptr}, [](ScalarFunction& bound, const std::vector<LogicalType>&) {
    bound.return_type = bound.arguments[0];
    bound.kernel = bound.arguments[0].physical_type() == PhysicalType::INT64 ? AbsKernel<int64_t>(bound.arguments[0], INT64_MIN)
                                                                             : AbsKernel<hugeint_t>(bound.arguments[0], cast::IntegralMin(TypeId::HUGEINT));
  });
  r.Add({"sign", {kDouble}, kNone, kDouble, SignKernel<double, double>()});
  AddNumericMath(r);
  r.Add({"sign", {kAnyDecimal}, kNone, kAnyDecimal, nullptr}, [](ScalarFunction& bound, const std::vector<LogicalType>&) {
    bound.return_type = LogicalType::Decimal(1, 0);
    bound.kernel = bound.arguments[0].physical_type() == PhysicalType::INT64 ? SignKernel<int64_t, int64_t>()
                                                                             : SignKernel<hugeint_t, int64_t>();
  });
  AddRounding(r, "round", RoundMode::kRound);
  AddRounding(r, "floor", RoundMode::kFloor);
  AddRounding(r, "ceil", RoundMode::kCeil);
  AddRounding(r, "ceiling", RoundMode::kCeil);
  AddRounding(r, "trunc", RoundMode::kTrunc);
  r.Add({"round", {kDouble, kInteger}, kNone, kDouble, [](DataChunk& args, Vector& result) {
           executor::BinaryExecute<double, int32_t, double>(args.data[0], args.data[1], result, args.size(), [](double v, int32_t d) {
             if (!std::isfinite(v)) return v;
             double factor = std::pow(10.0, d);
             double scaled = v * factor;
             if (!std::isfinite(scaled)) return v;
             return std::round(scaled) / factor;
           });
         }});
  for (auto [name, mode] : {std::pair{"round", RoundMode::kRound}, std::pair{"trunc", RoundMode::kTrunc}}) {
    RoundMode digits_mode = mode;
    r.Add({name, {kAnyDecimal, kInteger}, kNone, kAnyDecimal, nullptr}, [digits_mode](ScalarFunction& bound, const std::vector<LogicalType>&) {
      const LogicalType& in = bound.arguments[0];
      bound.return_type = in;
      bound.kernel = in.physical_type() == PhysicalType::INT64 ? DecimalRoundDigitsKernel<int64_t>(in.scale(), digits_mode)
                                                               : DecimalRoundDigitsKernel<hugeint_t>(in.scale(), digits_mode);
    });
  }
  r.Add({"sqrt", {kDouble}, kNone, kDouble, UnaryDouble([](double v) {
           if (v < 0) throw Exception("2201F", "cannot take square root of a negative number");
           return std::sqrt(v);
         })});
  // sqrt(integer) is sqrt(double precision) in PostgreSQL (float8 is the preferred numeric type).
  for (TypeId id : {TypeId::SMALLINT, TypeId::INTEGER, TypeId::BIGINT}) {
    LogicalType t(id);
    r.Add({"sqrt", {t}, kNone, kDouble, [](DataChunk& args, Vector& result) {
             Vector as_double(TypeId::DOUBLE, kStandardVectorSize);
             CastVector(args.data[0], as_double, args.size());
             executor::UnaryExecute<double, double>(as_double, result, args.size(), [](double v) {
               if (v < 0) throw Exception("2201F", "cannot take square root of a negative number");
               return std::sqrt(v);
             });
           }});
  }
  r.Add({"cbrt", {kDouble}, kNone, kDouble, UnaryDouble([](double v) { return std::cbrt(v); })});
  auto power = BinaryDouble([](double a, double b) {
    if (a == 0 && b < 0) throw Exception("2201F", "zero raised to a negative power is undefined");
    if (a < 0 && b != std::floor(b)) throw Exception("2201F", "a negative number raised to a non-integer power yields a complex result");
    return std::pow(a, b);
  });
  r.Add({"power", {kDouble, kDouble}, kNone, kDouble, power});
  r.Add({"pow", {kDouble, kDouble}, kNone, kDouble, power});
  r.Add({"exp", {kDouble}, kNone, kDouble, UnaryDouble([](double v) { return std::exp(v); })});
  r.Add({"ln", {kDouble}, kNone, kDouble, UnaryDouble([](double v) { return CheckedLog(v, std::log); })});
  r.Add({"log10", {kDouble}, kNone, kDouble, UnaryDouble([](double v) { return CheckedLog(v, std::log10); })});
  r.Add({"log", {kDouble}, kNone, kDouble, UnaryDouble([](double v) { return CheckedLog(v, std::log10); })});
  r.Add({"log2", {kDouble}, kNone, kDouble, UnaryDouble([](double v) { return CheckedLog(v, std::log2); })});
  r.Add({"log", {kDouble, kDouble}, kNone, kDouble, BinaryDouble([](double base, double v) {
           double denominator = CheckedLog(base, std::log);
           if (denominator == 0) throw Exception(sqlstate::kDivisionByZero, "division by zero");
           return CheckedLog(v, std::log) / denominator;
         })});
  r.Add({"pi", {}, kNone, kDouble, [](DataChunk& args, Vector& result) {
           result.SetConstant(Value::Double(std::numbers::pi));
         }});
  r.Add({"degrees", {kDouble}, kNone, kDouble, UnaryDouble([](double v) { return v * 180.0 / std::numbers::pi; })});
  r.Add({"radians", {kDouble}, kNone, kDouble, UnaryDouble([](double v) { return v * std::numbers::pi / 180.0; })});
  for (auto [name, fn] : std::initializer_list<std::pair<const char*, double (*)(double)>>{
           {"sin", std::sin}, {"cos", std::cos}, {"tan", std::tan}, {"asin", std::asin}, {"acos", std::acos}, {"atan", std::atan}}) {
    r.Add({name, {kDouble}, kNone, kDouble, UnaryDouble(fn)});
  }
  r.Add({"atan2", {kDouble, kDouble}, kNone, kDouble, BinaryDouble([](double a, double b) { return std::atan2(a, b); })});
  // mod(a, b) is the % operator.
  if (const auto* modulo = r.Lookup("%")) {
    std::vector<FunctionOverload> copies = *modulo;
    for (auto& overload : copies) {
      overload.function.name = "mod";
      r.Add(overload.function, overload.bind);
    }
  }
  AddExtreme<true>(r, "greatest");
  AddExtreme<false>(r, "least");
  ScalarFunction random{"random", {}, kNone, kDouble, [](DataChunk& args, Vector& result) {
                          thread_local std::mt19937_64 engine{std::random_device{}()};
                          std::uniform_real_distribution<double> dist(0.0, 1.0);
                          double* out = result.data<double>();
                          for (idx_t i = 0; i < args.size(); i++) out[i] = dist(engine);
                        }};
  random.is_volatile = true;
  r.Add(random);
}

}  // namespace cairn::function
