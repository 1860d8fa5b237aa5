// Arithmetic operators: + - * / // % and unary -, for integers (overflow-checked, 22003),
// DOUBLE, DECIMAL (DuckDB's result-type rules), and date/time arithmetic (interval * and / by
// a number follow PostgreSQL's interval_mul/interval_div, fractions of months and days
// cascading down to days and microseconds).
//
// Result types: integer op integer keeps the type and `/` truncates toward zero, `%` takes the
// dividend's sign (PostgreSQL's int4div/int4mod; `//` is DuckDB's spelling of the same integer
// division, kept as an extension); every integer overflow, including MIN / -1, is 22003 and
// MIN % -1 is 0 as in PostgreSQL. DECIMAL + - give DECIMAL(max integer digits + max scale + 1, max
// scale) (kept at 18 digits when both inputs fit in 18), * adds widths and scales, % keeps the
// max scale. Division or modulo by zero raises 22012 (as PostgreSQL), also for DOUBLE.
#include <cmath>

#include "cairn/exception.h"
#include "common/constant_divisor.h"
#include "common/date_time.h"
#include "common/decimal.h"
#include "common/numeric.h"
#include "function/cast.h"
#include "function/cast_families.h"
#include "function/function_registry.h"
#include "function/vector_executor.h"

namespace cairn::function {
namespace {

[[noreturn]] void ThrowOverflow(const LogicalType& type) {
  throw Exception(sqlstate::kNumericValueOutOfRange, cast::ErrorTypeName(type) + " out of range");
}
[[noreturn]] void ThrowDivisionByZero() { throw Exception(sqlstate::kDivisionByZero, "division by zero"); }

enum class Op { kAdd, kSub, kMul, kDiv, kIntDiv, kMod };

// Overflow-checked integer op on physical type T, with the logical range [lo, hi] (narrow types
// and unsigned types are checked against their own range).
template <class T, Op OP>
struct CheckedOp {
  T lo, hi;
  LogicalType type;
  bool full_range;  // the logical range is the physical range: builtin checks suffice
  T operator()(T a, T b) const {
    T r;
    bool overflow = false;
    if constexpr (OP == Op::kAdd) {
      overflow = __builtin_add_overflow(a, b, &r);
    } else if constexpr (OP == Op::kSub) {
      overflow = __builtin_sub_overflow(a, b, &r);
    } else if constexpr (OP == Op::kMul) {
      overflow = __builtin_mul_overflow(a, b, &r);
    } else if constexpr (OP == Op::kIntDiv) {
      if (b == 0) ThrowDivisionByZero();
      if (b == -1) {
        overflow = __builtin_sub_overflow(T(0), a, &r);
      } else {
        r = a / b;
      }
    } else {
      if (b == 0) ThrowDivisionByZero();
      r = b == -1 ? 0 : a % b;
    }
    if (overflow || (!full_range && (r < lo || r > hi))) ThrowOverflow(type);
    return r;
  }
};

template <class T, Op OP>
ScalarKernel IntegerKernel(const LogicalType& type) {
  CheckedOp<T, OP> op;
  op.lo = static_cast<T>(cast::IntegralMin(type.id()));
  op.hi = static_cast<T>(cast::IntegralMax(type.id()));
  op.type = type;
  op.full_range = (std::is_same_v<T, int32_t> && type.id() == TypeId::INTEGER) ||
                  (std::is_same_v<T, int64_t> && type.id() == TypeId::BIGINT) ||
                  (std::is_same_v<T, hugeint_t> && type.id() == TypeId::HUGEINT);
  return [op](DataChunk& args, Vector& result) {
    if constexpr ((OP == Op::kIntDiv || OP == Op::kMod) && !std::is_same_v<T, hugeint_t>) {
      // A constant divisor of at least 2 (`id % 3000000`) divides through a multiplication. Its
      // quotient and remainder lie within the dividend's range: nothing to check.
      const Vector& right = args.data[1];
      if (right.kind() == VectorKind::CONSTANT && right.validity().RowIsValid(0) && right.data<T>()[0] >= 2 &&
          args.data[0].kind() != VectorKind::CONSTANT) {
        const ConstantDivisor divisor(static_cast<uint64_t>(right.data<T>()[0]));
        executor::UnaryExecute<T, T>(args.data[0], result, args.size(), [&divisor](T a) {
          return static_cast<T>(OP == Op::kMod ? divisor.Remainder(a) : divisor.Divide(a));
        });
        return;
      }
    }
    executor::BinaryExecute<T, T, T>(args.data[0], args.data[1], result, args.size(), op);
  };
}

template <Op OP>
void AddIntegerOverloads(FunctionRegistry& registry, const char* name) {
  static const TypeId kInts[] = {TypeId::TINYINT, TypeId::SMALLINT, TypeId::INTEGER, TypeId::BIGINT, TypeId::HUGEINT,
                                 TypeId::UTINYINT, TypeId::USMALLINT, TypeId::UINTEGER, TypeId::UBIGINT};
  for (TypeId id : kInts) {
    LogicalType type(id);
    ScalarKernel kernel;
    switch (type.physical_type()) {
      case PhysicalType::INT32: kernel = IntegerKernel<int32_t, OP>(type); break;
      case PhysicalType::INT64: kernel = IntegerKernel<int64_t, OP>(type); break;
      default: kernel = IntegerKernel<hugeint_t, OP>(type); break;
    }
    registry.Add(ScalarFunction{name, {type, type}, TypeId::INVALID, type, kernel});
  }
}

// DOUBLE op DOUBLE.
template <Op OP>
ScalarKernel DoubleKernel() {
  return [](DataChunk& args, Vector& result) {
    idx_t count = args.size();
    if constexpr (OP == Op::kAdd) {
      executor::BinaryExecute<double, double, double>(args.data[0], args.data[1], result, count, [](double a, double b) { return a + b; });
    } else if constexpr (OP == Op::kSub) {
      executor::BinaryExecute<double, double, double>(args.data[0], args.data[1], result, count, [](double a, double b) { return a - b; });
    } else if constexpr (OP == Op::kMul) {
      executor::BinaryExecute<double, double, double>(args.data[0], args.data[1], result, count, [](double a, double b) { return a * b; });
    } else if constexpr (OP == Op::kDiv) {
      executor::BinaryExecute<double, double, double>(args.data[0], args.data[1], result, count, [](double a, double b) {
        if (b == 0) ThrowDivisionByZero();
        return a / b;
      });
    } else if constexpr (OP == Op::kIntDiv) {
      executor::BinaryExecute<double, double, double>(args.data[0], args.data[1], result, count, [](double a, double b) {
        if (b == 0) ThrowDivisionByZero();
        return std::floor(a / b);
      });
    } else {
      executor::BinaryExecute<double, double, double>(args.data[0], args.data[1], result, count, [](double a, double b) {
        if (b == 0) ThrowDivisionByZero();
        return std::fmod(a, b);
      });
    }
  };
}

// DECIMAL op DECIMAL on a common physical type T; the result must fit `width` digits.
template <class T, Op OP>
ScalarKernel DecimalKernel(const LogicalType& result_type) {
  T limit = static_cast<T>(decimal::PowerOfTen(result_type.width()));
  return [limit, result_type](DataChunk& args, Vector& result) {
    // Out-of-range rows are noted and reported after the loop, which keeps the per-row
    // operation small enough to inline (the error names only the type, not the row).
    bool out_of_range = false;
    executor::BinaryExecute<T, T, T>(args.data[0], args.data[1], result, args.size(), [limit, &out_of_range](T a, T b) {
      T r;
      bool overflow = false;
      if constexpr (OP == Op::kAdd) {
        overflow = __builtin_add_overflow(a, b, &r);
      } else if constexpr (OP == Op::kSub) {
        overflow = __builtin_sub_overflow(a, b, &r);
      } else if constexpr (OP == Op::kMul) {
        overflow = __builtin_mul_overflow(a, b, &r);
      } else {
        if (b == 0) ThrowDivisionByZero();
        r = a % b;
      }
      out_of_range |= overflow | (r >= limit) | (r <= -limit);
      return r;
    });
    if (out_of_range) {
      throw Exception(sqlstate::kNumericValueOutOfRange, "numeric value out of range for type " + result_type.ToString());
    }
  };
}

int IntegerDigits(const LogicalType& t) { return t.width() - t.scale(); }

template <Op OP>
void BindDecimal(ScalarFunction& bound, const std::vector<LogicalType>& types) {
  const LogicalType& a = bound.arguments[0];
  const LogicalType& b = bound.arguments[1];
  int width, scale;
  bool both_small = a.width() <= decimal::kMaxInt64Width && b.width() <= decimal::kMaxInt64Width;
  if constexpr (OP == Op::kMul) {
    scale = a.scale() + b.scale();
    width = a.width() + b.width();
    if (scale > decimal::kMaxWidth) {
      throw Exception(sqlstate::kNumericValueOutOfRange, "DECIMAL multiplication result scale exceeds 38");
    }
  } else {
    scale = std::max(a.scale(), b.scale());
    width = std::max(IntegerDigits(a), IntegerDigits(b)) + scale + (OP == Op::kMod ? 0 : 1);
  }
  if (both_small && width > decimal::kMaxInt64Width) width = decimal::kMaxInt64Width;
  if (width > decimal::kMaxWidth) width = decimal::kMaxWidth;
  if (width < scale) width = scale;
  LogicalType result = LogicalType::Decimal(static_cast<uint8_t>(width), static_cast<uint8_t>(scale));
  bound.return_type = result;
  bool wide = result.physical_type() == PhysicalType::INT128;
  if constexpr (OP == Op::kMul) {
    // Inputs keep their scales; widen their storage to the result's physical type.
    if (wide) {
      bound.arguments[0] = LogicalType::Decimal(decimal::kMaxWidth, a.scale());
      bound.arguments[1] = LogicalType::Decimal(decimal::kMaxWidth, b.scale());
    }
  } else {
    bound.arguments[0] = result;
    bound.arguments[1] = result;
  }
  bound.kernel = wide ? DecimalKernel<hugeint_t, OP>(result) : DecimalKernel<int64_t, OP>(result);
}

template <Op OP>
void AddDecimalOverload(FunctionRegistry& registry, const char* name) {
  LogicalType any_decimal(TypeId::DECIMAL);
  registry.Add(ScalarFunction{name, {any_decimal, any_decimal}, TypeId::INVALID, any_decimal, nullptr},
               [](ScalarFunction& bound, const std::vector<LogicalType>& types) { BindDecimal<OP>(bound, types); });
}

template <class T>
ScalarKernel NegateKernel(const LogicalType& type) {
  hugeint_t lo = type.id() == TypeId::DECIMAL ? -decimal::PowerOfTen(type.width()) : cast::IntegralMin(type.id());
  return [lo, type](DataChunk& args, Vector& result) {
    executor::UnaryExecute<T, T>(args.data[0], result, args.size(), [&](T v) {
      if (static_cast<hugeint_t>(v) == lo) ThrowOverflow(type);
      return static_cast<T>(-v);
    });
  };
}

template <class L, class R, class O, class OP>
ScalarKernel Binary(OP op) {
  return [op](DataChunk& args, Vector& result) {
    executor::BinaryExecute<L, R, O>(args.data[0], args.data[1], result, args.size(), op);
  };
}

int32_t CheckedDays(int64_t days) {
  if (!date_time::IsValidDate(days)) throw Exception(sqlstate::kDatetimeFieldOverflow, "date out of range");
  return static_cast<int32_t>(days);
}

[[noreturn]] void ThrowIntervalOutOfRange() { throw Exception(sqlstate::kDatetimeFieldOverflow, "interval out of range"); }

interval_t NegateInterval(const interval_t& v) {
  if (v.months == INT32_MIN || v.days == INT32_MIN || v.micros == INT64_MIN) ThrowIntervalOutOfRange();
  return interval_t{-v.months, -v.days, -v.micros};
}

// interval +/- interval and interval * integer, field by field, as PostgreSQL (22008 on overflow).
interval_t AddIntervals(const interval_t& a, const interval_t& b) {
  interval_t out;
  if (__builtin_add_overflow(a.months, b.months, &out.months) || __builtin_add_overflow(a.days, b.days, &out.days) ||
      __builtin_add_overflow(a.micros, b.micros, &out.micros)) {
    ThrowIntervalOutOfRange();
  }
  return out;
}

interval_t SubtractIntervals(const interval_t& a, const interval_t& b) {
  interval_t out;
  if (__builtin_sub_overflow(a.months, b.months, &out.months) || __builtin_sub_overflow(a.days, b.days, &out.days) ||
      __builtin_sub_overflow(a.micros, b.micros, &out.micros)) {
    ThrowIntervalOutOfRange();
  }
  return out;
}

interval_t MultiplyInterval(const interval_t& a, int64_t n) {
  int64_t months, days;
  interval_t out;
  if (__builtin_mul_overflow(static_cast<int64_t>(a.months), n, &months) || months < INT32_MIN || months > INT32_MAX ||
      __builtin_mul_overflow(static_cast<int64_t>(a.days), n, &days) || days < INT32_MIN || days > INT32_MAX ||
      __builtin_mul_overflow(a.micros, n, &out.micros)) {
    ThrowIntervalOutOfRange();
  }
  out.months = static_cast<int32_t>(months);
  out.days = static_cast<int32_t>(days);
  return out;
}

// PostgreSQL's TSROUND: rounds to microsecond precision (1e-6) to absorb floating-point noise.
double RoundToMicros(double v) { return std::rint(v * 1e6) / 1e6; }
bool FitsInt32(double v) { return v >= -2147483648.0 && v < 2147483648.0; }
bool FitsInt64(double v) { return v >= -9223372036854775808.0 && v < 9223372036854775808.0; }

// interval * float8 as PostgreSQL 15's interval_mul: months and days are multiplied and
// truncated; their fractions cascade down (a month is 30 days, a day 86400 seconds) and never up.
// 22008 when a field leaves its range or the factor is NaN.
interval_t ScaleInterval(const interval_t& span, double factor) {
  double months = span.months * factor;
  double days = span.days * factor;
  if (std::isnan(months) || !FitsInt32(months) || std::isnan(days) || !FitsInt32(days)) ThrowIntervalOutOfRange();
  interval_t out;
  out.months = static_cast<int32_t>(months);
  out.days = static_cast<int32_t>(days);
  double month_remainder_days = RoundToMicros((span.months * factor - out.months) * 30.0);
  double sec_remainder = RoundToMicros(
      (span.days * factor - out.days + month_remainder_days - static_cast<int>(month_remainder_days)) * 86400.0);
  if (std::fabs(sec_remainder) >= 86400.0) {
    const int whole_days = static_cast<int>(sec_remainder / 86400.0);
    if (__builtin_add_overflow(out.days, whole_days, &out.days)) ThrowIntervalOutOfRange();
    sec_remainder -= whole_days * 86400.0;
  }
  if (__builtin_add_overflow(out.days, static_cast<int32_t>(month_remainder_days), &out.days)) ThrowIntervalOutOfRange();
  double micros = std::rint(static_cast<double>(span.micros) * factor + sec_remainder * 1e6);
  if (std::isnan(micros) || !FitsInt64(micros)) ThrowIntervalOutOfRange();
  out.micros = static_cast<int64_t>(micros);
  return out;
}

// interval / float8 as PostgreSQL 15's interval_div (the same cascade with span / factor);
// 22012 for a zero divisor, and 22008 where PostgreSQL would overflow a field.
interval_t DivideInterval(const interval_t& span, double factor) {
  if (factor == 0.0) ThrowDivisionByZero();
  double months = span.months / factor;
  double days = span.days / factor;
  if (std::isnan(months) || !FitsInt32(months) || std::isnan(days) || !FitsInt32(days)) ThrowIntervalOutOfRange();
  interval_t out;
  out.months = static_cast<int32_t>(months);
  out.days = static_cast<int32_t>(days);
  double month_remainder_days = RoundToMicros((span.months / factor - out.months) * 30.0);
  double sec_remainder = RoundToMicros(
      (span.days / factor - out.days + month_remainder_days - static_cast<int>(month_remainder_days)) * 86400.0);
  if (std::fabs(sec_remainder) >= 86400.0) {
    const int whole_days = static_cast<int>(sec_remainder / 86400.0);
    if (__builtin_add_overflow(out.days, whole_days, &out.days)) ThrowIntervalOutOfRange();
    sec_remainder -= whole_days * 86400.0;
  }
  if (__builtin_add_overflow(out.days, static_cast<int32_t>(month_remainder_days), &out.days)) ThrowIntervalOutOfRange();
  double micros = std::rint(static_cast<double>(span.micros) / factor + sec_remainder * 1e6);
  if (std::isnan(micros) || !FitsInt64(micros)) ThrowIntervalOutOfRange();
  out.micros = static_cast<int64_t>(micros);
  return out;
}

void RegisterTemporal(FunctionRegistry& r) {
  const LogicalType date = TypeId::DATE, integer = TypeId::INTEGER, bigint = TypeId::BIGINT;
  const LogicalType ts = TypeId::TIMESTAMP, tstz = TypeId::TIMESTAMP_TZ, interval = TypeId::INTERVAL, time = TypeId::TIME;
  const LogicalType none = TypeId::INVALID;
  r.Add({"+", {date, integer}, none, date, Binary<int32_t, int32_t, int32_t>([](int32_t d, int32_t n) { return CheckedDays(int64_t(d) + n); })});
  r.Add({"+", {integer, date}, none, date, Binary<int32_t, int32_t, int32_t>([](int32_t n, int32_t d) { return CheckedDays(int64_t(d) + n); })});
  r.Add({"-", {date, integer}, none, date, Binary<int32_t, int32_t, int32_t>([](int32_t d, int32_t n) { return CheckedDays(int64_t(d) - n); })});
  // date - date is integer in PostgreSQL; valid dates are less than 2^31 days apart.
  r.Add({"-", {date, date}, none, integer, Binary<int32_t, int32_t, int32_t>([](int32_t a, int32_t b) {
           int32_t diff;
           if (__builtin_sub_overflow(a, b, &diff)) throw Exception(sqlstate::kDatetimeFieldOverflow, "date out of range");
           return diff;
         })});
  for (const LogicalType& t : {ts, tstz}) {
    r.Add({"+", {t, interval}, none, t, Binary<int64_t, interval_t, int64_t>([](int64_t a, const interval_t& b) { return date_time::AddInterval(a, b); })});
    r.Add({"+", {interval, t}, none, t, Binary<interval_t, int64_t, int64_t>([](const interval_t& b, int64_t a) { return date_time::AddInterval(a, b); })});
    r.Add({"-", {t, interval}, none, t, Binary<int64_t, interval_t, int64_t>([](int64_t a, const interval_t& b) { return date_time::AddInterval(a, NegateInterval(b)); })});
    r.Add({"-", {t, t}, none, interval, Binary<int64_t, int64_t, interval_t>([](int64_t a, int64_t b) {
             int64_t diff;
             if (__builtin_sub_overflow(a, b, &diff)) throw Exception(sqlstate::kDatetimeFieldOverflow, "interval out of range");
             return interval_t{0, static_cast<int32_t>(diff / date_time::kMicrosPerDay), diff % date_time::kMicrosPerDay};
           })});
  }
  auto time_add = [](int64_t t, const interval_t& i) {
    int64_t v = (t + i.micros % date_time::kMicrosPerDay) % date_time::kMicrosPerDay;
    return v < 0 ? v + date_time::kMicrosPerDay : v;
  };
  r.Add({"+", {time, interval}, none, time, Binary<int64_t, interval_t, int64_t>(time_add)});
  r.Add({"-", {time, interval}, none, time, Binary<int64_t, interval_t, int64_t>([time_add](int64_t t, const interval_t& i) { return time_add(t, NegateInterval(i)); })});
  r.Add({"-", {time, time}, none, interval, Binary<int64_t, int64_t, interval_t>([](int64_t a, int64_t b) { return interval_t{0, 0, a - b}; })});
  r.Add({"+", {interval, interval}, none, interval, Binary<interval_t, interval_t, interval_t>(AddIntervals)});
  r.Add({"-", {interval, interval}, none, interval, Binary<interval_t, interval_t, interval_t>(SubtractIntervals)});
  r.Add({"*", {interval, bigint}, none, interval, Binary<interval_t, int64_t, interval_t>(MultiplyInterval)});
  r.Add({"*", {bigint, interval}, none, interval, Binary<int64_t, interval_t, interval_t>([](int64_t n, const interval_t& a) { return MultiplyInterval(a, n); })});
  const LogicalType dbl = TypeId::DOUBLE;
  r.Add({"*", {interval, dbl}, none, interval, Binary<interval_t, double, interval_t>(ScaleInterval)});
  r.Add({"*", {dbl, interval}, none, interval, Binary<double, interval_t, interval_t>([](double f, const interval_t& a) { return ScaleInterval(a, f); })});
  r.Add({"/", {interval, dbl}, none, interval, Binary<interval_t, double, interval_t>(DivideInterval)});
  r.Add({"-", {interval}, none, interval, [](DataChunk& args, Vector& result) {
           executor::UnaryExecute<interval_t, interval_t>(args.data[0], result, args.size(), NegateInterval);
         }});
}

// NUMERIC op NUMERIC (PostgreSQL's numeric_add/sub/mul/mod: scales per value, 22003 past
// NUMERIC's limits, 22012 for a zero divisor). Integers and DECIMALs meet NUMERIC here through
// implicit casts.
template <hugeint_t (*F)(hugeint_t, hugeint_t)>
void AddNumericOverload(FunctionRegistry& registry, const char* name) {
  const LogicalType num = TypeId::NUMERIC;
  registry.Add(ScalarFunction{name, {num, num}, TypeId::INVALID, num, [](DataChunk& args, Vector& result) {
                                executor::BinaryExecute<hugeint_t, hugeint_t, hugeint_t>(args.data[0], args.data[1], result,
                                                                                          args.size(), F);
                              }});
}

}  // namespace

void RegisterArithmeticFunctions(FunctionRegistry& registry) {

  AddIntegerOverloads<Op::kAdd>(registry, "+");
  AddIntegerOverloads<Op::kSub>(registry, "-");
  AddIntegerOverloads<Op::kMul>(registry, "*");
  AddIntegerOverloads<Op::kIntDiv>(registry, "/");
  AddIntegerOverloads<Op::kIntDiv>(registry, "//");
  AddIntegerOverloads<Op::kMod>(registry, "%");
  AddDecimalOverload<Op::kAdd>(registry, "+");
  AddDecimalOverload<Op::kSub>(registry, "-");
  AddDecimalOverload<Op::kMul>(registry, "*");
  AddDecimalOverload<Op::kMod>(registry, "%");
  const LogicalType dbl = TypeId::DOUBLE;
  registry.Add(ScalarFunction{"+", {dbl, dbl}, TypeId::INVALID, dbl, DoubleKernel<Op::kAdd>()});
  registry.Add(ScalarFunction{"-", {dbl, dbl}, TypeId::INVALID, dbl, DoubleKernel<Op::kSub>()});
  registry.Add(ScalarFunction{"*", {dbl, dbl}, TypeId::INVALID, dbl, DoubleKernel<Op::kMul>()});
  registry.Add(ScalarFunction{"/", {dbl, dbl}, TypeId::INVALID, dbl, DoubleKernel<Op::kDiv>()});
  registry.Add(ScalarFunction{"//", {dbl, dbl}, TypeId::INVALID, dbl, DoubleKernel<Op::kIntDiv>()});
  registry.Add(ScalarFunction{"%", {dbl, dbl}, TypeId::INVALID, dbl, DoubleKernel<Op::kMod>()});
  // Unary minus.
  static const TypeId kInts[] = {TypeId::TINYINT, TypeId::SMALLINT, TypeId::INTEGER, TypeId::BIGINT, TypeId::HUGEINT};
  for (TypeId id : kInts) {
    LogicalType t(id);
    ScalarKernel k = t.physical_type() == PhysicalType::INT32   ? NegateKernel<int32_t>(t)
                     : t.physical_type() == PhysicalType::INT64 ? NegateKernel<int64_t>(t)
                                                                : NegateKernel<hugeint_t>(t);
    registry.Add(ScalarFunction{"-", {t}, TypeId::INVALID, t, k});
  }
  registry.Add(ScalarFunction{"-", {LogicalType(TypeId::DECIMAL)}, TypeId::INVALID, LogicalType(TypeId::DECIMAL), nullptr},
               [](ScalarFunction& bound, const std::vector<LogicalType>&) {
                 bound.return_type = bound.arguments[0];
                 bound.kernel = bound.arguments[0].physical_type() == PhysicalType::INT64 ? NegateKernel<int64_t>(bound.arguments[0])
                                                                                          : NegateKernel<hugeint_t>(bound.arguments[0]);
               });
  registry.Add(ScalarFunction{"-", {dbl}, TypeId::INVALID, dbl, [](DataChunk& args, Vector& result) {
                                executor::UnaryExecute<double, double>(args.data[0], result, args.size(), [](double v) { return -v; });
                              }});
  // -real stays real (PostgreSQL's float4um); REAL is stored as double.
  const LogicalType real = TypeId::FLOAT;
  registry.Add(ScalarFunction{"-", {real}, TypeId::INVALID, real, [](DataChunk& args, Vector& result) {
                                executor::UnaryExecute<double, double>(args.data[0], result, args.size(), [](double v) { return -v; });
                              }});
  RegisterTemporal(registry);
  // After the other overloads, so ties (untyped NULLs) resolve as before.
  AddNumericOverload<numeric::Add>(registry, "+");
  AddNumericOverload<numeric::Subtract>(registry, "-");
  AddNumericOverload<numeric::Multiply>(registry, "*");
  AddNumericOverload<numeric::Modulo>(registry, "%");
  registry.Add(ScalarFunction{"-", {LogicalType(TypeId::NUMERIC)}, TypeId::INVALID, LogicalType(TypeId::NUMERIC),
                              [](DataChunk& args, Vector& result) {
                                executor::UnaryExecute<hugeint_t, hugeint_t>(args.data[0], result, args.size(), numeric::Negate);
                              }});
}

}  // namespace cairn::function
