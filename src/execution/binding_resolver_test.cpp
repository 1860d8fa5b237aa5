// Tests of BindingResolver (bindings → positions at physical planning) and of parameter
// evaluation: a resolved copy reads the right input column, a binding the input lacks (or
// holds twice) is an internal error rather than a wrong column, positional references pass
// through, subqueries are refused, and BoundParameter reads the current execution's values.
#include "execution/binding_resolver.h"

#include <gtest/gtest.h>

#include "cairn/exception.h"
#include "execution/expression_executor.h"
#include "execution/parameter_values.h"
#include "execution/test_support/plan_builder.h"

namespace cairn {
namespace {

using namespace cairn::testing;

const LogicalType kInt = TypeId::INTEGER;

ExpressionPtr Ref(idx_t table, idx_t column, std::string name) {
  return std::make_unique<BoundColumnRef>(ColumnBinding{table, column}, kInt, std::move(name));
}

/// Rows (a, b, c) = (i, 10 * i, 100 * i) for i in 0..count-1.
DataChunk ThreeColumns(idx_t count) {
  DataChunk chunk;
  chunk.Initialize({kInt, kInt, kInt});
  for (idx_t i = 0; i < count; i++) {
    for (idx_t c = 0; c < 3; c++) {
      chunk.data[c].SetValue(i, Value::Integer(static_cast<int32_t>(i * (c == 0 ? 1 : c == 1 ? 10 : 100))));
    }
  }
  chunk.SetCardinality(count);
  return chunk;
}

std::vector<int64_t> Evaluate(const Expression& expression, DataChunk& input) {
  ExpressionExecutor executor(expression);
  Vector result;
  executor.Execute(0, input, result);
  std::vector<int64_t> values;
  for (idx_t i = 0; i < input.size(); i++) values.push_back(result.GetValue(i).GetInt64());
  return values;
}

TEST(BindingResolverTest, ResolvesBindingsToInputPositions) {
  // The input's columns come from two tables, in an order unrelated to the binding numbers.
  BindingResolver resolver({ColumnBinding{7, 3}, ColumnBinding{2, 0}, ColumnBinding{7, 1}});
  EXPECT_EQ(resolver.PositionOf(ColumnBinding{7, 3}, "a"), 0u);
  EXPECT_EQ(resolver.PositionOf(ColumnBinding{2, 0}, "b"), 1u);
  EXPECT_EQ(resolver.PositionOf(ColumnBinding{7, 1}, "c"), 2u);

  ExpressionPtr sum = Fn("+", Ref(7, 1, "c"), Ref(2, 0, "b"));
  ExpressionPtr resolved = resolver.Resolve(*sum);
  EXPECT_EQ(resolved->ToString(), "(c + b)");  // names kept for EXPLAIN and messages
  bool all_positional = true;
  ForEachChild(*resolved, [&](ExpressionPtr& child) {
    all_positional = all_positional && child->expression_class == ExpressionClass::REFERENCE;
  });
  EXPECT_TRUE(all_positional);
  EXPECT_EQ(sum->expression_class, ExpressionClass::FUNCTION);  // the original is untouched
  DataChunk input = ThreeColumns(4);
  EXPECT_EQ(Evaluate(*resolved, input), (std::vector<int64_t>{0, 110, 220, 330}));
}

TEST(BindingResolverTest, MissingOrAmbiguousBindingIsAnInternalError) {
  BindingResolver resolver({ColumnBinding{1, 0}, ColumnBinding{1, 1}, ColumnBinding{1, 1}});
  try {
    resolver.Resolve(*Fn("+", Ref(1, 0, "x"), Ref(2, 0, "ghost")));
    FAIL() << "no error for a binding the input does not have";
  } catch (const Exception& error) {
    EXPECT_EQ(error.sqlstate(), sqlstate::kInternalError);
    EXPECT_NE(std::string(error.what()).find("ghost"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("#2.0"), std::string::npos) << error.what();
  }
  try {
    resolver.Resolve(*Ref(1, 1, "twice"));
    FAIL() << "no error for a binding the input holds twice";
  } catch (const Exception& error) {
    EXPECT_EQ(error.sqlstate(), sqlstate::kInternalError);
  }
  // An unresolved column reference never reaches evaluation silently either.
  DataChunk input = ThreeColumns(1);
  ExpressionPtr unresolved = Ref(1, 0, "x");  // outlives the executor, which points into it
  ExpressionExecutor executor(*unresolved);
  Vector result;
  try {
    executor.Execute(0, input, result);
    FAIL() << "an unresolved BoundColumnRef was evaluated";
  } catch (const Exception& error) {
    EXPECT_EQ(error.sqlstate(), sqlstate::kInternalError);
  }
}

TEST(BindingResolverTest, PositionalReferencesPassThroughAndSubqueriesAreRefused) {
  BindingResolver resolver({ColumnBinding{4, 4}});
  ExpressionPtr resolved = resolver.Resolve(*Col(2, kInt, "third"));
  ASSERT_EQ(resolved->expression_class, ExpressionClass::REFERENCE);
  EXPECT_EQ(static_cast<BoundReference&>(*resolved).index, 2u);

  BoundSubquery subquery(SubqueryType::EXISTS, TypeId::BOOLEAN, nullptr);
  try {
    resolver.Resolve(subquery);
    FAIL() << "a subquery expression was planned";
  } catch (const Exception& error) {
    EXPECT_EQ(error.sqlstate(), sqlstate::kFeatureNotSupported);
  }
}

TEST(BindingResolverTest, ParametersReadTheCurrentExecutionsValues) {
  ExpressionPtr plus = Fn("+", Col(0, kInt), std::make_unique<BoundParameter>(1, kInt));
  DataChunk input = ThreeColumns(3);
  ExpressionExecutor executor(*plus);
  for (int32_t parameter : {5, -1, 1000}) {
    ParameterValues values({Value::Integer(parameter)});
    ParameterValues::Scope scope(&values);
    Vector result;
    executor.Execute(0, input, result);  // the same executor state sees each execution's value
    for (idx_t i = 0; i < 3; i++) EXPECT_EQ(result.GetValue(i).GetInt64(), static_cast<int64_t>(i) + parameter);
  }
  // Outside an execution with parameters: an internal error, not a stale value.
  Vector result;
  try {
    executor.Execute(0, input, result);
    FAIL() << "a parameter was evaluated without values";
  } catch (const Exception& error) {
    EXPECT_EQ(error.sqlstate(), sqlstate::kInternalError);
  }
}

}  // namespace
}  // namespace cairn
