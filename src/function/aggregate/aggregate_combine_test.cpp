// Combine of every statistical, bitwise, ordered, ordered-set and HyperLogLog aggregate state:
// the input is split at random into parts, each part is aggregated into its own state, the
// states are merged (in a random order, into an empty state first) and the result must equal a
// single pass over the input (exactly, or for the floating-point moment merges to 1e-12
// relative). Also the HyperLogLog error bound documented in approx_count_distinct.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <random>

#include "function/aggregate/ordered_aggregate.h"
#include "function/function_test_util.h"

namespace cairn {
namespace {

/// One aggregate state, initialized on construction, destroyed with the object.
class State {
 public:
  explicit State(const AggregateFunction& fn) : fn_(fn), memory_(fn.state_size / sizeof(std::max_align_t) + 1) {
    fn_.initialize(data());
  }
  ~State() {
    if (fn_.destroy) fn_.destroy(data());
  }
  uint8_t* data() { return reinterpret_cast<uint8_t*>(memory_.data()); }

 private:
  const AggregateFunction& fn_;
  std::vector<std::max_align_t> memory_;
};

/// Columns of input values (one vector of Values per argument) and their types.
struct Input {
  std::vector<LogicalType> types;
  std::vector<std::vector<Value>> columns;
  idx_t rows() const { return columns.empty() ? 0 : columns[0].size(); }
};

/// Feeds rows [begin, end) of `input` into `state`, in chunks of at most 2048 rows.
void Update(const AggregateFunction& fn, const Input& input, idx_t begin, idx_t end, State& state) {
  for (idx_t start = begin; start < end; start += kStandardVectorSize) {
    idx_t n = std::min<idx_t>(kStandardVectorSize, end - start);
    std::vector<Vector> vectors;
    for (size_t c = 0; c < input.types.size(); c++) {
      std::vector<Value> slice(input.columns[c].begin() + start, input.columns[c].begin() + start + n);
      vectors.push_back(testing::MakeFlat(input.types[c], slice));
    }
    std::vector<uint8_t*> states(n, state.data());
    fn.update(vectors.data(), vectors.size(), states.data(), n);
  }
}

Value Finalize(const AggregateFunction& fn, State& state) {
  Vector result(fn.return_type, 1);
  uint8_t* pointer = state.data();
  fn.finalize(&pointer, 1, result, 0);
  return result.GetValue(0);
}

Value OnePass(const AggregateFunction& fn, const Input& input) {
  State state(fn);
  Update(fn, input, 0, input.rows(), state);
  return Finalize(fn, state);
}

/// Splits the rows into `parts` random contiguous ranges, aggregates each, merges the partial
/// states into an empty state in a random order (keeping the ranges' order when `keep_order`).
Value Split(const AggregateFunction& fn, const Input& input, idx_t parts, std::mt19937_64& rng, bool keep_order) {
  std::vector<idx_t> cuts = {0, input.rows()};
  std::uniform_int_distribution<idx_t> position(0, input.rows());
  for (idx_t i = 1; i < parts; i++) cuts.push_back(position(rng));
  std::sort(cuts.begin(), cuts.end());
  std::vector<std::unique_ptr<State>> partial;
  for (size_t i = 0; i + 1 < cuts.size(); i++) {
    partial.push_back(std::make_unique<State>(fn));
    Update(fn, input, cuts[i], cuts[i + 1], *partial.back());
  }
  if (!keep_order) std::shuffle(partial.begin(), partial.end(), rng);
  State merged(fn);
  for (auto& p : partial) fn.combine(p->data(), merged.data());
  return Finalize(fn, merged);
}

void ExpectSame(const Value& expected, const Value& actual, bool approximate, const std::string& what) {
  ASSERT_EQ(expected.IsNull(), actual.IsNull()) << what << ": " << expected.ToString() << " vs " << actual.ToString();
  if (expected.IsNull()) return;
  if (approximate && expected.type().id() == TypeId::DOUBLE) {
    double e = expected.GetDouble(), a = actual.GetDouble();
    if (std::isnan(e)) {
      EXPECT_TRUE(std::isnan(a)) << what;
      return;
    }
    EXPECT_NEAR(e, a, 1e-12 * std::max(1.0, std::fabs(e))) << what;
  } else {
    EXPECT_EQ(expected.ToString(), actual.ToString()) << what;
  }
}

/// Checks Split against OnePass for several part counts and seeds.
void CheckCombine(const AggregateFunction& fn, const Input& input, bool approximate, bool keep_order = false) {
  Value expected = OnePass(fn, input);
  std::mt19937_64 rng(42);
  for (idx_t parts : {1, 2, 3, 7, 50}) {
    for (int round = 0; round < 3; round++) {
      ExpectSame(expected, Split(fn, input, parts, rng, keep_order), approximate,
                 fn.name + " split into " + std::to_string(parts));
    }
  }
}

Input DoubleColumn(idx_t rows, uint64_t seed, double null_fraction = 0.1) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal(1000.0, 250.0);
  std::uniform_real_distribution<double> unit(0, 1);
  Input input{{TypeId::DOUBLE}, {{}}};
  for (idx_t i = 0; i < rows; i++) {
    input.columns[0].push_back(unit(rng) < null_fraction ? Value::Null(TypeId::DOUBLE) : Value::Double(normal(rng)));
  }
  return input;
}

TEST(AggregateCombineTest, VarianceFamily) {
  for (const char* name : {"var_pop", "var_samp", "variance", "stddev_pop", "stddev_samp", "stddev"}) {
    AggregateFunction fn = BindAggregateFunction(name, {TypeId::DOUBLE});
    CheckCombine(fn, DoubleColumn(10000, 1), true);
    CheckCombine(fn, DoubleColumn(3, 2, 0), true);
    CheckCombine(fn, DoubleColumn(1, 3, 0), true);  // one row: NULL for the sample forms, 0 for the population
    CheckCombine(fn, DoubleColumn(0, 4), true);
  }
  // A merge of two one-row states is the two-row variance.
  AggregateFunction var_pop = BindAggregateFunction("var_pop", {TypeId::DOUBLE});
  Input two{{TypeId::DOUBLE}, {{Value::Double(1.0), Value::Double(4.0)}}};
  State a(var_pop), b(var_pop);
  Update(var_pop, two, 0, 1, a);
  Update(var_pop, two, 1, 2, b);
  var_pop.combine(a.data(), b.data());
  EXPECT_EQ(Finalize(var_pop, b).GetDouble(), 2.25);
}

TEST(AggregateCombineTest, VarianceIsStableForLargeOffsets) {
  // Values 1e9 + {4, 7, 13, 16}: the naive sum-of-squares formula loses every digit here.
  AggregateFunction fn = BindAggregateFunction("var_samp", {TypeId::DOUBLE});
  Input input{{TypeId::DOUBLE}, {{}}};
  for (int repeat = 0; repeat < 1000; repeat++) {
    for (double d : {4.0, 7.0, 13.0, 16.0}) input.columns[0].push_back(Value::Double(1e9 + d));
  }
  std::mt19937_64 rng(7);
  double expected = 22.5 * 4000.0 / 3999.0;  // population variance 22.5, sample correction
  EXPECT_NEAR(OnePass(fn, input).GetDouble(), expected, 1e-6);
  EXPECT_NEAR(Split(fn, input, 16, rng, false).GetDouble(), expected, 1e-6);
}

TEST(AggregateCombineTest, RegressionFamily) {
  std::mt19937_64 rng(11);
  std::normal_distribution<double> noise(0, 3);
  std::uniform_real_distribution<double> unit(0, 1);
  Input input{{TypeId::DOUBLE, TypeId::DOUBLE}, {{}, {}}};
  for (int i = 0; i < 5000; i++) {
    double x = i * 0.01;
    input.columns[0].push_back(unit(rng) < 0.05 ? Value::Null(TypeId::DOUBLE) : Value::Double(2.5 * x + 1 + noise(rng)));
    input.columns[1].push_back(unit(rng) < 0.05 ? Value::Null(TypeId::DOUBLE) : Value::Double(x));
  }
  for (const char* name : {"corr", "covar_pop", "covar_samp", "regr_slope", "regr_intercept", "regr_r2", "regr_count",
                           "regr_avgx", "regr_avgy", "regr_sxx", "regr_syy", "regr_sxy"}) {
    AggregateFunction fn = BindAggregateFunction(name, {TypeId::DOUBLE, TypeId::DOUBLE});
    CheckCombine(fn, input, true);
  }
  AggregateFunction slope = BindAggregateFunction("regr_slope", {TypeId::DOUBLE, TypeId::DOUBLE});
  EXPECT_NEAR(OnePass(slope, input).GetDouble(), 2.5, 0.05);
}

TEST(AggregateCombineTest, BitAggregates) {
  std::mt19937_64 rng(5);
  Input input{{TypeId::BIGINT}, {{}}};
  for (int i = 0; i < 3000; i++) {
    input.columns[0].push_back(i % 17 == 0 ? Value::Null(TypeId::BIGINT) : Value::BigInt(static_cast<int64_t>(rng() | 0x100)));
  }
  for (const char* name : {"bit_and", "bit_or", "bit_xor"}) {
    CheckCombine(BindAggregateFunction(name, {TypeId::BIGINT}), input, false);
  }
}

TEST(AggregateCombineTest, OrderedStringAgg) {
  // string_agg(s, sep ORDER BY k DESC) with unique keys: any split gives the same text.
  std::mt19937_64 rng(9);
  Input input{{TypeId::VARCHAR, TypeId::VARCHAR, TypeId::INTEGER}, {{}, {}, {}}};
  std::vector<int32_t> keys(4000);
  for (int i = 0; i < 4000; i++) keys[i] = i;
  std::shuffle(keys.begin(), keys.end(), rng);
  for (int i = 0; i < 4000; i++) {
    input.columns[0].push_back(i % 11 == 0 ? Value::Null(TypeId::VARCHAR)
                                           : Value::Varchar("value number " + std::to_string(keys[i])));
    input.columns[1].push_back(Value::Varchar(i % 2 ? ";" : ","));
    input.columns[2].push_back(Value::Integer(keys[i]));
  }
  AggregateFunction inner = BindAggregateFunction("string_agg", {TypeId::VARCHAR, TypeId::VARCHAR});
  AggregateFunction fn = aggregate::MakeOrderedAggregate(inner, {TypeId::INTEGER}, {{true, true}});
  CheckCombine(fn, input, false);
  std::string text = OnePass(fn, input).GetString();
  EXPECT_EQ(text.substr(0, 17), "value number 3999");
}

TEST(AggregateCombineTest, StringAggKeepsEachRowsSeparator) {
  // Plain string_agg merged in range order: each value keeps its own row's separator.
  AggregateFunction fn = BindAggregateFunction("string_agg", {TypeId::VARCHAR, TypeId::VARCHAR});
  Input input{{TypeId::VARCHAR, TypeId::VARCHAR}, {{}, {}}};
  for (int i = 0; i < 500; i++) {
    input.columns[0].push_back(Value::Varchar(std::to_string(i)));
    input.columns[1].push_back(Value::Varchar(i % 3 ? "-" : "+"));
  }
  CheckCombine(fn, input, false, /*keep_order=*/true);
}

TEST(AggregateCombineTest, OrderedSetAggregates) {
  Input input = DoubleColumn(5000, 21);
  input.types.push_back(TypeId::DOUBLE);
  input.columns.emplace_back(input.rows(), Value::Double(0.37));
  for (bool descending : {false, true}) {
    CheckCombine(aggregate::BindOrderedSetAggregate("percentile_cont", TypeId::DOUBLE, {descending, false}, {TypeId::DOUBLE}),
                 input, false);
    CheckCombine(aggregate::BindOrderedSetAggregate("percentile_disc", TypeId::DOUBLE, {descending, false}, {TypeId::DOUBLE}),
                 input, false);
  }
  Input modes{{TypeId::INTEGER}, {{}}};
  std::mt19937_64 rng(3);
  for (int i = 0; i < 5000; i++) modes.columns[0].push_back(Value::Integer(static_cast<int32_t>(rng() % 40)));
  CheckCombine(aggregate::BindOrderedSetAggregate("mode", TypeId::INTEGER, {}, {}), modes, false);
  CheckCombine(aggregate::BindOrderedSetAggregate("mode", TypeId::INTEGER, {true, true}, {}), modes, false);
}

TEST(AggregateCombineTest, ApproxCountDistinctMergesExactly) {
  Input input{{TypeId::BIGINT}, {{}}};
  for (int i = 0; i < 20000; i++) input.columns[0].push_back(Value::BigInt(i % 7000));
  CheckCombine(BindAggregateFunction("approx_count_distinct", {TypeId::BIGINT}), input, false);
  // Few distinct values: partial sketches stay sparse, or some turn dense while merging.
  for (int distinct : {1, 5, 13, 14, 20, 60}) {
    Input small{{TypeId::VARCHAR}, {{}}};
    for (int i = 0; i < 400; i++) small.columns[0].push_back(Value::Varchar("v" + std::to_string(i % distinct)));
    AggregateFunction fn = BindAggregateFunction("approx_count_distinct", {TypeId::VARCHAR});
    CheckCombine(fn, small, false);
    EXPECT_EQ(OnePass(fn, small).GetInt64(), distinct) << "few distinct values are counted exactly";
  }
}

/// approx_count_distinct over `distinct` values given by `make(i)` (each repeated twice).
double RelativeError(const LogicalType& type, idx_t distinct, const std::function<Value(idx_t)>& make) {
  AggregateFunction fn = BindAggregateFunction("approx_count_distinct", {type});
  State state(fn);
  for (int copy = 0; copy < 2; copy++) {
    for (idx_t start = 0; start < distinct; start += kStandardVectorSize) {
      idx_t n = std::min<idx_t>(kStandardVectorSize, distinct - start);
      std::vector<Value> values;
      for (idx_t i = 0; i < n; i++) values.push_back(make(start + i));
      Vector vector = testing::MakeFlat(type, values);
      std::vector<uint8_t*> states(n, state.data());
      fn.update(&vector, 1, states.data(), n);
    }
  }
  double estimate = static_cast<double>(Finalize(fn, state).GetInt64());
  return std::fabs(estimate - static_cast<double>(distinct)) / static_cast<double>(distinct);
}

TEST(AggregateCombineTest, ApproxCountDistinctErrorBound) {
  // Documented bound: within 5% (about three standard errors of 1.04 / sqrt(4096)).
  EXPECT_LT(RelativeError(TypeId::BIGINT, 1000000, [](idx_t i) { return Value::BigInt(static_cast<int64_t>(i) * 7919); }), 0.05);
  EXPECT_LT(RelativeError(TypeId::VARCHAR, 1000000, [](idx_t i) { return Value::Varchar("user-" + std::to_string(i)); }), 0.05);
  EXPECT_LT(RelativeError(TypeId::DOUBLE, 200000, [](idx_t i) { return Value::Double(static_cast<double>(i) / 3); }), 0.05);
  for (idx_t n : {1, 10, 100, 1000, 10000, 30000}) {
    EXPECT_LT(RelativeError(TypeId::INTEGER, n, [](idx_t i) { return Value::Integer(static_cast<int32_t>(i)); }), 0.05) << n;
  }
}

}  // namespace
}  // namespace cairn
