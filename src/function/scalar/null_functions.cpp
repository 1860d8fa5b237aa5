// NULL-related functions: nullif(a, b) returns NULL when a = b, else a. (COALESCE / IFNULL
// are special forms evaluated by the engine.)
#include "common/numeric.h"
#include "function/cast.h"
#include "function/function_registry.h"
#include "function/vector_executor.h"

namespace cairn::function {
namespace {

template <class T>
void NullIfRows(DataChunk& args, Vector& result) {
  executor::NaryExecute<T>(args.data, args.size(), result, false, [](const std::vector<UnifiedFormat>& f, idx_t i, T& out) {
    if (!executor::UnifiedValid(f[0], i)) return false;
    const T& a = executor::UnifiedValue<T>(f[0], i);
    if (executor::UnifiedValid(f[1], i) && a == executor::UnifiedValue<T>(f[1], i)) return false;
    out = a;
    return true;
  });
  if constexpr (std::is_same_v<T, string_t>) result.KeepHeapOf(args.data[0]);
}

// NUMERIC: equal by value (nullif(1.0, 1.00) is NULL).
void NumericNullIfRows(DataChunk& args, Vector& result) {
  executor::NaryExecute<hugeint_t>(args.data, args.size(), result, false,
                                   [](const std::vector<UnifiedFormat>& f, idx_t i, hugeint_t& out) {
                                     if (!executor::UnifiedValid(f[0], i)) return false;
                                     hugeint_t a = executor::UnifiedValue<hugeint_t>(f[0], i);
                                     if (executor::UnifiedValid(f[1], i) &&
                                         numeric::Compare(a, executor::UnifiedValue<hugeint_t>(f[1], i)) == 0) {
                                       return false;
                                     }
                                     out = a;
                                     return true;
                                   });
}

ScalarKernel NullIfKernel(const LogicalType& type) {
  if (type.id() == TypeId::NUMERIC) return NumericNullIfRows;
  switch (type.physical_type()) {
    case PhysicalType::BOOL: return NullIfRows<bool>;
    case PhysicalType::INT32: return NullIfRows<int32_t>;
    case PhysicalType::INT64: return NullIfRows<int64_t>;
    case PhysicalType::INT128: return NullIfRows<hugeint_t>;
    case PhysicalType::DOUBLE: return NullIfRows<double>;
    case PhysicalType::STRING: return NullIfRows<string_t>;
    case PhysicalType::INTERVAL: return NullIfRows<interval_t>;
    default: return [](DataChunk&, Vector& result) { result.SetConstant(Value::Null(result.type())); };
  }
}

}  // namespace

void RegisterNullFunctions(FunctionRegistry& r) {
  r.Add({"nullif", {kAnyType, kAnyType}, TypeId::INVALID, kAnyType, nullptr},
        [](ScalarFunction& bound, const std::vector<LogicalType>& types) {
          LogicalType common = MaxLogicalType(types[0], types[1]);
          if (common.id() == TypeId::SQLNULL) common = TypeId::INTEGER;
          bound.arguments = {common, common};
          bound.return_type = common;
          bound.kernel = NullIfKernel(common);
        });
}

}  // namespace cairn::function
