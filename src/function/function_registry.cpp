#include "common/ascii.h"
#include "function/function_registry.h"

#include <cctype>

#include "cairn/exception.h"
#include "function/cast.h"

namespace cairn::function {
namespace {

bool IsWildcardDecimal(const LogicalType& t) { return t.id() == TypeId::DECIMAL && t.width() == 0; }

// Cost of passing `actual` where `declared` is expected, or -1.
int ArgumentCost(const LogicalType& actual, const LogicalType& declared) {
  if (declared.id() == TypeId::SQLNULL) return 1;
  return ImplicitCastCost(actual, declared);
}

// The concrete type a wildcard declaration takes for `actual`.
LogicalType ResolveWildcard(const LogicalType& actual, const LogicalType& declared) {
  if (declared.id() == TypeId::SQLNULL) return actual;
  if (IsWildcardDecimal(declared)) {
    if (actual.id() == TypeId::DECIMAL) return actual;
    // An integer (or NULL) as the narrowest DECIMAL holding it: MaxLogicalType does the mapping.
    if (actual.id() == TypeId::SQLNULL) return LogicalType::Decimal(18, 3);
    return MaxLogicalType(actual, LogicalType::Decimal(1, 0));
  }
  return declared;
}

std::string TypeList(const std::vector<LogicalType>& types) {
  std::string out;
  for (size_t i = 0; i < types.size(); i++) {
    if (i) out += ", ";
    out += types[i].ToString();
  }
  return out;
}

}  // namespace

const FunctionRegistry& FunctionRegistry::Get() {
  static const FunctionRegistry registry = [] {
    FunctionRegistry r;
    RegisterArithmeticFunctions(r);
    RegisterDecimalDivision(r);
    RegisterComparisonFunctions(r);
    RegisterStringFunctions(r);
    RegisterRegexFunctions(r);
    RegisterCharacterFunctions(r);
    RegisterFormatFunctions(r);
    RegisterHashFunctions(r);
    RegisterLikeFunctions(r);
    RegisterMathFunctions(r);
    RegisterDateFunctions(r);
    RegisterTimeZoneFunctions(r);
    RegisterIntervalFunctions(r);
    RegisterDateTimeFormatFunctions(r);
    RegisterDateTimeParseFunctions(r);
    RegisterNullFunctions(r);
    return r;
  }();
  return registry;
}

void FunctionRegistry::Add(ScalarFunction function, BindHook bind) {
  std::string key = Lower(function.name);
  functions_[key].push_back(FunctionOverload{std::move(function), std::move(bind)});
}

const std::vector<FunctionOverload>* FunctionRegistry::Lookup(std::string_view name) const {
  auto it = functions_.find(Lower(name));
  return it == functions_.end() ? nullptr : &it->second;
}

}  // namespace cairn::function

namespace cairn {

ScalarFunction BindScalarFunction(const std::string& name, const std::vector<LogicalType>& argument_types) {
  const auto* overloads = function::FunctionRegistry::Get().Lookup(name);
  if (!overloads) {
    throw Exception(sqlstate::kUndefinedFunction, "function " + name + "(" + function::TypeList(argument_types) + ") does not exist");
  }
  const function::FunctionOverload* best = nullptr;
  int best_cost = 0;
  for (const auto& overload : *overloads) {
    const ScalarFunction& fn = overload.function;
    bool variadic = fn.varargs.id() != TypeId::INVALID;
    size_t fixed = fn.arguments.size();
    if (argument_types.size() < fixed) continue;
    if (argument_types.size() > fixed && !variadic) continue;
    int cost = 0;
    bool ok = true;
    for (size_t i = 0; i < argument_types.size() && ok; i++) {
      const LogicalType& declared = i < fixed ? fn.arguments[i] : fn.varargs;
      int c = function::ArgumentCost(argument_types[i], declared);
      if (c < 0) ok = false;
      cost += c;
    }
    if (!ok) continue;
    if (!best || cost < best_cost) {
      best = &overload;
      best_cost = cost;
    }
  }
  if (!best) {
    throw Exception(sqlstate::kUndefinedFunction,
                    "function " + name + "(" + function::TypeList(argument_types) + ") does not exist");
  }
  ScalarFunction bound = best->function;
  for (size_t i = 0; i < bound.arguments.size(); i++) {
    bound.arguments[i] = function::ResolveWildcard(argument_types[i], bound.arguments[i]);
  }
  if (best->bind) best->bind(bound, argument_types);
  return bound;
}

bool ScalarFunctionExists(const std::string& name) {
  return function::FunctionRegistry::Get().Lookup(name) != nullptr;
}

}  // namespace cairn
