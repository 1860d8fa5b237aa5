#include "common/ascii.h"
#include "function/function_registry.h"

#include <algorithm>
#include <optional>

#include <cctype>

#include "cairn/exception.h"
#include "function/cast.h"

namespace cairn::function {
namespace {

bool IsWildcardDecimal(const LogicalType& t) { return t.id() == TypeId::DECIMAL && t.width() == 0; }

// Cost of passing `actual` where `declared` is expected, or -1.
int ArgumentCost(const LogicalType& actual, const LogicalType& declared) {
  // An array prefers an anyarray parameter to an "any" one (array || x is not text || text).
  if (declared.id() == TypeId::SQLNULL) return actual.IsArray() ? 2 : 1;
  return ImplicitCastCost(actual, declared);
}

// Cost of passing an untyped string literal (of type `actual`, VARCHAR) where `declared` is
// expected: text itself best, then the preferred type of a category, then any type text casts
// to; -1 for wildcards (PostgreSQL cannot choose a type for them either).
int UnknownArgumentCost(const LogicalType& actual, const LogicalType& declared) {
  if (actual.id() != TypeId::VARCHAR) return ArgumentCost(actual, declared);
  switch (declared.id()) {
    case TypeId::VARCHAR: return 0;
    case TypeId::SQLNULL: return 1;
    case TypeId::DECIMAL: return IsWildcardDecimal(declared) ? -1 : 3;
    case TypeId::TIMESTAMP_TZ:
    case TypeId::DOUBLE:
    case TypeId::INTERVAL:
    case TypeId::BOOLEAN:
      return 2;
    case TypeId::INVALID:
      return -1;
    default:
      return 3;
  }
}

enum class TypeCategory { kString, kNumeric, kDateTime, kTimespan, kBoolean, kOther };

// PostgreSQL's type categories (pg_type.typcategory) of Cairn's types.
TypeCategory CategoryOf(const LogicalType& type) {
  if (type.id() == TypeId::VARCHAR) return TypeCategory::kString;
  if (type.IsNumeric()) return TypeCategory::kNumeric;
  switch (type.id()) {
    case TypeId::DATE:
    case TypeId::TIME:
    case TypeId::TIMESTAMP:
    case TypeId::TIMESTAMP_TZ:
      return TypeCategory::kDateTime;
    case TypeId::INTERVAL: return TypeCategory::kTimespan;
    case TypeId::BOOLEAN: return TypeCategory::kBoolean;
    default: return TypeCategory::kOther;
  }
}

// The preferred type of its category (text, double precision, timestamptz, interval, boolean).
bool IsPreferredType(const LogicalType& type) {
  switch (type.id()) {
    case TypeId::VARCHAR:
    case TypeId::DOUBLE:
    case TypeId::TIMESTAMP_TZ:
    case TypeId::INTERVAL:
    case TypeId::BOOLEAN:
      return true;
    default:
      return false;
  }
}

// The concrete type a wildcard declaration takes for `actual`.
LogicalType ResolveWildcard(const LogicalType& actual, const LogicalType& declared) {
  if (declared.id() == TypeId::SQLNULL) return actual;
  if (declared.IsArray() && declared.element_type().id() == TypeId::INVALID) {
    return actual.IsArray() ? actual : LogicalType::Array(TypeId::VARCHAR);
  }
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
    RegisterArrayFunctions(r);
    RegisterSetReturningFunctions(r);
    RegisterJsonOperators(r);
    RegisterJsonFunctions(r);
    RegisterJsonSetFunctions(r);
    RegisterJsonbModifyFunctions(r);
    return r;
  }();
  return registry;
}

void FunctionRegistry::Add(ScalarFunction function, BindHook bind) {
  std::string key = Lower(function.name);
  functions_[key].push_back(FunctionOverload{std::move(function), std::move(bind)});
}

std::vector<std::string> FunctionRegistry::Names() const {
  std::vector<std::string> names;
  names.reserve(functions_.size());
  for (const auto& [name, overloads] : functions_) names.push_back(name);
  std::sort(names.begin(), names.end());
  return names;
}

const std::vector<FunctionOverload>* FunctionRegistry::Lookup(std::string_view name) const {
  auto it = functions_.find(Lower(name));
  return it == functions_.end() ? nullptr : &it->second;
}

}  // namespace cairn::function

namespace cairn {

ScalarFunction BindScalarFunction(const std::string& name, const std::vector<LogicalType>& argument_types) {
  return BindScalarFunction(name, argument_types, std::vector<bool>(argument_types.size(), false));
}

ScalarFunction BindScalarFunction(const std::string& name, const std::vector<LogicalType>& argument_types,
                                  const std::vector<bool>& unknown) {
  const auto* overloads = function::FunctionRegistry::Get().Lookup(name);
  if (!overloads) {
    throw Exception(sqlstate::kUndefinedFunction, "function " + name + "(" + function::TypeList(argument_types) + ") does not exist");
  }
  const function::FunctionOverload* best = nullptr;
  int best_cost = 0;
  struct Candidate {
    const function::FunctionOverload* overload;
    int cost;
  };
  std::vector<Candidate> candidates;
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
      int c = i < unknown.size() && unknown[i] && argument_types[i].id() == TypeId::VARCHAR
                  ? function::UnknownArgumentCost(argument_types[i], declared)
                                                : function::ArgumentCost(argument_types[i], declared);
      if (c < 0) ok = false;
      cost += c;
    }
    if (!ok) continue;
    candidates.push_back({&overload, cost});
  }
  // Untyped literals: PostgreSQL's resolution by type category at each such position — the
  // string category if a candidate takes it, else the one category all candidates take (else
  // the call is ambiguous: 42725), and within it the preferred type if a candidate takes it.
  for (size_t i = 0; i < argument_types.size() && candidates.size() > 1; i++) {
    if (i >= unknown.size() || !unknown[i] || argument_types[i].id() != TypeId::VARCHAR) continue;
    auto declared_at = [&](const Candidate& c) -> const LogicalType& {
      const ScalarFunction& fn = c.overload->function;
      return i < fn.arguments.size() ? fn.arguments[i] : fn.varargs;
    };
    std::optional<function::TypeCategory> selected;
    bool string = false;
    bool same = true;
    for (const auto& candidate : candidates) {
      function::TypeCategory category = function::CategoryOf(declared_at(candidate));
      string = string || category == function::TypeCategory::kString;
      if (selected && *selected != category) same = false;
      if (!selected) selected = category;
    }
    if (string) {
      selected = function::TypeCategory::kString;
    } else if (!same) {
      throw Exception("42725", "function " + name + "(" + function::TypeList(argument_types) +
                                   ") is not unique: an untyped literal could be of several types",
                      std::nullopt, "Could not choose a best candidate function. You might need to add explicit type casts.");
    }
    std::vector<Candidate> kept;
    bool preferred = false;
    for (const auto& candidate : candidates) {
      if (function::CategoryOf(declared_at(candidate)) != *selected) continue;
      preferred = preferred || function::IsPreferredType(declared_at(candidate));
      kept.push_back(candidate);
    }
    if (preferred) {
      std::vector<Candidate> preferred_only;
      for (const auto& candidate : kept) {
        if (function::IsPreferredType(declared_at(candidate))) preferred_only.push_back(candidate);
      }
      kept = std::move(preferred_only);
    }
    if (!kept.empty()) candidates = std::move(kept);
  }
  for (const auto& candidate : candidates) {
    if (!best || candidate.cost < best_cost) {
      best = candidate.overload;
      best_cost = candidate.cost;
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
