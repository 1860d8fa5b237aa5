// Comparison operators = <> < <= > >= for every type, returning BOOLEAN (NULL if either side
// is NULL). The binder casts both sides to a common type first; DECIMALs are compared after
// casting both to their common DECIMAL type, NUMERICs by value whatever their scales. Intervals compare as PostgreSQL does (months as
// 30 days, days as 24 hours); floats in PostgreSQL's order (NaN = NaN, NaN above all others;
// common/float_compare.h).
#include "common/date_time.h"
#include "common/float_compare.h"
#include "common/numeric.h"
#include "function/cast.h"
#include "function/function_registry.h"
#include "function/vector_executor.h"

namespace cairn::function {
namespace {

enum class Cmp { kEq, kNe, kLt, kLe, kGt, kGe };

template <class T, Cmp C>
struct Compare {
  bool operator()(const T& a, const T& b) const {
    if constexpr (std::is_same_v<T, interval_t>) {
      return Compare<hugeint_t, C>()(date_time::IntervalSpan(a), date_time::IntervalSpan(b));
    } else if constexpr (std::is_same_v<T, double>) {
      // PostgreSQL's float order: NaN = NaN, and NaN above every other value.
      if (a != a || b != b) return Compare<int, C>()(PostgresFloatCompare(a, b), 0);
      if constexpr (C == Cmp::kEq) return a == b;
      if constexpr (C == Cmp::kNe) return a != b;
      if constexpr (C == Cmp::kLt) return a < b;
      if constexpr (C == Cmp::kLe) return a <= b;
      if constexpr (C == Cmp::kGt) return a > b;
      if constexpr (C == Cmp::kGe) return a >= b;
    } else {
      if constexpr (C == Cmp::kEq) return a == b;
      if constexpr (C == Cmp::kNe) return a != b;
      if constexpr (C == Cmp::kLt) return a < b;
      if constexpr (C == Cmp::kLe) return a <= b;
      if constexpr (C == Cmp::kGt) return a > b;
      if constexpr (C == Cmp::kGe) return a >= b;
    }
  }
};

template <class T, Cmp C>
ScalarKernel CompareKernel() {
  return [](DataChunk& args, Vector& result) {
    executor::BinaryExecute<T, T, bool>(args.data[0], args.data[1], result, args.size(), Compare<T, C>());
  };
}

template <Cmp C>
ScalarKernel KernelFor(PhysicalType physical) {
  switch (physical) {
    case PhysicalType::BOOL: return CompareKernel<bool, C>();
    case PhysicalType::INT32: return CompareKernel<int32_t, C>();
    case PhysicalType::INT64: return CompareKernel<int64_t, C>();
    case PhysicalType::INT128: return CompareKernel<hugeint_t, C>();
    case PhysicalType::DOUBLE: return CompareKernel<double, C>();
    case PhysicalType::STRING: return CompareKernel<string_t, C>();
    case PhysicalType::INTERVAL: return CompareKernel<interval_t, C>();
    default: return nullptr;
  }
}

// NUMERIC compares values, not packed bits: 1.0 = 1.00.
template <Cmp C>
struct NumericCompare {
  bool operator()(hugeint_t a, hugeint_t b) const { return Compare<int, C>()(numeric::Compare(a, b), 0); }
};

template <Cmp C>
void AddComparison(FunctionRegistry& registry, const char* name) {
  static const TypeId kTypes[] = {TypeId::BOOLEAN,  TypeId::TINYINT,  TypeId::SMALLINT,  TypeId::INTEGER,
                                  TypeId::BIGINT,   TypeId::HUGEINT,  TypeId::UTINYINT,  TypeId::USMALLINT,
                                  TypeId::UINTEGER, TypeId::UBIGINT,  TypeId::FLOAT,     TypeId::DOUBLE,
                                  TypeId::VARCHAR,  TypeId::BLOB,     TypeId::UUID,      TypeId::DATE,
                                  TypeId::TIME,     TypeId::TIMESTAMP, TypeId::TIMESTAMP_TZ, TypeId::INTERVAL};
  const LogicalType boolean = TypeId::BOOLEAN;
  for (TypeId id : kTypes) {
    LogicalType t(id);
    registry.Add(ScalarFunction{name, {t, t}, TypeId::INVALID, boolean, KernelFor<C>(t.physical_type())});
  }
  LogicalType any_decimal(TypeId::DECIMAL);
  registry.Add(ScalarFunction{name, {any_decimal, any_decimal}, TypeId::INVALID, boolean, nullptr},
               [](ScalarFunction& bound, const std::vector<LogicalType>&) {
                 LogicalType common = MaxLogicalType(bound.arguments[0], bound.arguments[1]);
                 bound.arguments[0] = common;
                 bound.arguments[1] = common;
                 bound.kernel = KernelFor<C>(common.physical_type());
               });
  const LogicalType num = TypeId::NUMERIC;
  registry.Add(ScalarFunction{name, {num, num}, TypeId::INVALID, boolean, [](DataChunk& args, Vector& result) {
                                executor::BinaryExecute<hugeint_t, hugeint_t, bool>(args.data[0], args.data[1], result,
                                                                                     args.size(), NumericCompare<C>());
                              }});
}

}  // namespace

void RegisterComparisonFunctions(FunctionRegistry& registry) {
  AddComparison<Cmp::kEq>(registry, "=");
  AddComparison<Cmp::kNe>(registry, "<>");
  AddComparison<Cmp::kNe>(registry, "!=");
  AddComparison<Cmp::kLt>(registry, "<");
  AddComparison<Cmp::kLe>(registry, "<=");
  AddComparison<Cmp::kGt>(registry, ">");
  AddComparison<Cmp::kGe>(registry, ">=");
}

}  // namespace cairn::function
