// Name → aggregate function binding (BindAggregateFunction / IsAggregateFunction).
#include <algorithm>
#include <cctype>

#include "common/ascii.h"
#include "cairn/exception.h"
#include "function/aggregate/ordered_aggregate.h"
#include "function/aggregate/unary_aggregate.h"

namespace cairn {
namespace {

std::string Signature(const std::string& name, const std::vector<LogicalType>& types) {
  std::string text = name + "(";
  for (size_t i = 0; i < types.size(); i++) text += (i ? ", " : "") + types[i].ToString();
  return text + ")";
}

}  // namespace

bool IsAggregateFunction(const std::string& name) {
  static const char* kNames[] = {"count_star", "count", "sum", "avg", "mean", "min", "max", "any_value",
                                 "first", "arbitrary", "bool_and", "bool_or", "every", "string_agg",
                                 "var_pop", "var_samp", "variance", "stddev_pop", "stddev_samp", "stddev",
                                 "corr", "covar_pop", "covar_samp", "regr_slope", "regr_intercept", "regr_r2",
                                 "regr_count", "regr_avgx", "regr_avgy", "regr_sxx", "regr_syy", "regr_sxy",
                                 "bit_and", "bit_or", "bit_xor", "approx_count_distinct", "array_agg",
                                 "percentile_cont", "percentile_disc", "mode",
                                 "json_agg", "jsonb_agg", "json_object_agg", "jsonb_object_agg"};
  std::string lower = Lower(name);
  return std::any_of(std::begin(kNames), std::end(kNames), [&](const char* n) { return lower == n; });
}

AggregateFunction BindAggregateFunction(const std::string& name, const std::vector<LogicalType>& argument_types) {
  std::string lower = Lower(name);
  auto expect = [&](size_t n) {
    if (argument_types.size() != n) {
      throw Exception(sqlstate::kUndefinedFunction, "No function matches " + Signature(lower, argument_types));
    }
  };
  if (lower == "count_star" || (lower == "count" && argument_types.empty())) return aggregate::BindCountStar();
  if (lower == "count") {
    expect(1);
    return aggregate::BindCount(argument_types[0]);
  }
  if (lower == "sum") {
    expect(1);
    return aggregate::BindSum(argument_types[0]);
  }
  if (lower == "avg" || lower == "mean") {
    expect(1);
    return aggregate::BindAvg(argument_types[0]);
  }
  if (lower == "min" || lower == "max") {
    expect(1);
    return aggregate::BindMinMax(lower, argument_types[0]);
  }
  if (lower == "any_value" || lower == "first" || lower == "arbitrary") {
    expect(1);
    auto fn = aggregate::BindMinMax("any_value", argument_types[0]);
    fn.name = lower;
    return fn;
  }
  if (lower == "bool_and" || lower == "every" || lower == "bool_or") {
    expect(1);
    auto fn = aggregate::BindBoolAgg(lower == "bool_or" ? "bool_or" : "bool_and", argument_types[0]);
    fn.name = lower;
    return fn;
  }
  if (lower == "string_agg") return aggregate::BindStringAgg(argument_types);
  if (lower == "array_agg") {
    expect(1);
    return aggregate::BindArrayAgg(argument_types[0]);
  }
  if (lower == "json_agg" || lower == "jsonb_agg" || lower == "json_object_agg" || lower == "jsonb_object_agg") {
    return aggregate::BindJsonAgg(lower, argument_types);
  }
  if (lower == "var_pop" || lower == "var_samp" || lower == "variance" || lower == "stddev_pop" ||
      lower == "stddev_samp" || lower == "stddev") {
    expect(1);
    return aggregate::BindVariance(lower, argument_types[0]);
  }
  if (lower == "corr" || lower == "covar_pop" || lower == "covar_samp" || lower.starts_with("regr_")) {
    return aggregate::BindRegression(lower, argument_types);
  }
  if (lower == "bit_and" || lower == "bit_or" || lower == "bit_xor") {
    expect(1);
    return aggregate::BindBitAgg(lower, argument_types[0]);
  }
  if (lower == "approx_count_distinct") {
    expect(1);
    return aggregate::BindApproxCountDistinct(argument_types[0]);
  }
  if (aggregate::IsOrderedSetAggregate(lower)) {
    throw Exception(sqlstate::kUndefinedFunction, "WITHIN GROUP is required for ordered-set aggregate " + lower);
  }
  throw Exception(sqlstate::kUndefinedFunction, "No function matches " + Signature(lower, argument_types));
}

}  // namespace cairn
