// FunctionRegistry: the catalog of scalar functions and operators, a case-insensitive map from
// name to overloads (PostgreSQL's pg_proc). Built once, on first use, by the Register*
// functions of src/function/scalar/ (one per family); immutable afterwards.
//
// Overload matching (BindScalarFunction): an overload whose declared argument is
//   - a concrete type matches with cost ImplicitCastCost(actual, declared);
//   - `LogicalType(TypeId::DECIMAL)` (width 0) matches any DECIMAL or integer;
//   - `LogicalType::AnyArray()` matches any array (and NULL; an untyped literal as text[]);
//   - `kAnyType` (TypeId::SQLNULL used as a marker) matches any type at cost 1; as `varargs`
//     it makes the function variadic over any types (the bind hook must then set `varargs`
//     to the concrete type the caller casts further arguments to).
// The lowest total cost wins (ties: first registered). Then wildcards are resolved to the
// actual types and the overload's bind hook, if any, may rewrite argument types (what the
// caller casts to), the return type and the kernel (e.g. DECIMAL result scales).
//
// Thread-safety: Get() builds the registry with thread-safe static initialization; after that
// it is read-only.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "function/scalar_function.h"

namespace cairn::function {

/// Argument type matching anything (resolved to the actual type at bind time).
inline const LogicalType kAnyType = LogicalType(TypeId::SQLNULL);

/// Rewrites `bound` (arguments already resolved to the actual types where declared as
/// wildcards) for the actual `argument_types`. Throws cairn::Exception on unsupported input.
using BindHook = std::function<void(ScalarFunction& bound, const std::vector<LogicalType>& argument_types)>;

struct FunctionOverload {
  ScalarFunction function;
  BindHook bind;  // may be empty
};

class FunctionRegistry {
 public:
  /// The process-wide registry with every built-in function.
  static const FunctionRegistry& Get();

  void Add(ScalarFunction function, BindHook bind = nullptr);
  /// Overloads of `name` (case-insensitive), or nullptr.
  const std::vector<FunctionOverload>* Lookup(std::string_view name) const;
  /// Every registered name (lower case, operators included), sorted.
  std::vector<std::string> Names() const;

 private:
  std::unordered_map<std::string, std::vector<FunctionOverload>> functions_;
};

// Family registration (src/function/scalar/*.cpp).
void RegisterArithmeticFunctions(FunctionRegistry& registry);
void RegisterDecimalDivision(FunctionRegistry& registry);
void RegisterComparisonFunctions(FunctionRegistry& registry);
void RegisterStringFunctions(FunctionRegistry& registry);
void RegisterRegexFunctions(FunctionRegistry& registry);
void RegisterCharacterFunctions(FunctionRegistry& registry);
void RegisterFormatFunctions(FunctionRegistry& registry);
void RegisterHashFunctions(FunctionRegistry& registry);
void RegisterLikeFunctions(FunctionRegistry& registry);
void RegisterMathFunctions(FunctionRegistry& registry);
void RegisterDateFunctions(FunctionRegistry& registry);
void RegisterTimeZoneFunctions(FunctionRegistry& registry);
void RegisterIntervalFunctions(FunctionRegistry& registry);
void RegisterDateTimeFormatFunctions(FunctionRegistry& registry);
void RegisterDateTimeParseFunctions(FunctionRegistry& registry);
void RegisterNullFunctions(FunctionRegistry& registry);
void RegisterArrayFunctions(FunctionRegistry& registry);
void RegisterSetReturningFunctions(FunctionRegistry& registry);
void RegisterJsonOperators(FunctionRegistry& registry);   // src/function/json/json_operators.cpp
void RegisterJsonFunctions(FunctionRegistry& registry);   // src/function/json/json_functions.cpp
void RegisterJsonSetFunctions(FunctionRegistry& registry);  // src/function/json/json_set_functions.cpp
void RegisterJsonbModifyFunctions(FunctionRegistry& registry);  // src/function/json/jsonb_modify.cpp

}  // namespace cairn::function

namespace cairn::function {
/// SQL LIKE: true if `text` matches `pattern` (% _ and backslash escape). Exposed for tests
/// and for the planner's constant folding.
bool LikeMatches(std::string_view text, std::string_view pattern);
}  // namespace cairn::function
