// Tests of ExpressionExecutor: three-valued logic, IN / NOT IN with NULLs, CASE evaluated only
// on the rows its WHEN selects, COALESCE, and Select() on flat and dictionary vectors.
#include "execution/expression_executor.h"

#include <gtest/gtest.h>

#include "execution/test_support/plan_builder.h"

namespace cairn {
namespace {

using namespace cairn::testing;

const LogicalType kInt = TypeId::INTEGER;
const LogicalType kBool = TypeId::BOOLEAN;

// One INTEGER column with values `values` (nullopt = NULL).
DataChunk MakeChunk(const std::vector<std::optional<int>>& values) {
  DataChunk chunk;
  chunk.Initialize({kInt});
  for (idx_t i = 0; i < values.size(); i++) {
    chunk.data[0].SetValue(i, values[i] ? Value::Integer(*values[i]) : Value::Null(kInt));
  }
  chunk.SetCardinality(values.size());
  return chunk;
}

std::vector<std::string> Evaluate(const Expression& e, DataChunk& chunk) {
  ExpressionExecutor executor(e);
  Vector result;
  executor.Execute(0, chunk, result);
  std::vector<std::string> out;
  for (idx_t i = 0; i < chunk.size(); i++) {
    Value v = result.GetValue(i);
    out.push_back(v.IsNull() ? "NULL" : v.ToString());
  }
  return out;
}

ExpressionPtr Gt(ExpressionPtr a, int v) { return Fn(">", std::move(a), Const(Value::Integer(v))); }

TEST(ExpressionExecutorTest, ThreeValuedAndOrNot) {
  DataChunk chunk = MakeChunk({1, 5, std::nullopt});
  std::vector<ExpressionPtr> and_children;
  and_children.push_back(Gt(Col(0, kInt), 2));
  and_children.push_back(Gt(Col(0, kInt), 0));
  BoundConjunction conj(ConjunctionType::AND, std::move(and_children));
  EXPECT_EQ(Evaluate(conj, chunk), (std::vector<std::string>{"false", "true", "NULL"}));

  // NULL OR TRUE = TRUE; NULL AND FALSE = FALSE.
  std::vector<ExpressionPtr> or_children;
  or_children.push_back(Gt(Col(0, kInt), 2));
  or_children.push_back(Const(Value::Boolean(true)));
  BoundConjunction disj(ConjunctionType::OR, std::move(or_children));
  EXPECT_EQ(Evaluate(disj, chunk), (std::vector<std::string>{"true", "true", "true"}));
  std::vector<ExpressionPtr> and2;
  and2.push_back(Gt(Col(0, kInt), 2));
  and2.push_back(Const(Value::Boolean(false)));
  BoundConjunction conj2(ConjunctionType::AND, std::move(and2));
  EXPECT_EQ(Evaluate(conj2, chunk), (std::vector<std::string>{"false", "false", "false"}));

  std::vector<ExpressionPtr> not_child;
  not_child.push_back(Gt(Col(0, kInt), 2));
  BoundOperator negation(OperatorType::NOT, kBool, std::move(not_child));
  EXPECT_EQ(Evaluate(negation, chunk), (std::vector<std::string>{"true", "false", "NULL"}));
}

TEST(ExpressionExecutorTest, InAndNotInWithNulls) {
  DataChunk chunk = MakeChunk({1, 2, std::nullopt});
  auto make = [](OperatorType type, bool with_null) {
    std::vector<ExpressionPtr> children;
    children.push_back(Col(0, kInt));
    children.push_back(Const(Value::Integer(1)));
    if (with_null) children.push_back(Const(Value::Null(kInt)));
    return BoundOperator(type, kBool, std::move(children));
  };
  EXPECT_EQ(Evaluate(make(OperatorType::IN, false), chunk), (std::vector<std::string>{"true", "false", "NULL"}));
  EXPECT_EQ(Evaluate(make(OperatorType::IN, true), chunk), (std::vector<std::string>{"true", "NULL", "NULL"}));
  EXPECT_EQ(Evaluate(make(OperatorType::NOT_IN, false), chunk), (std::vector<std::string>{"false", "true", "NULL"}));
  EXPECT_EQ(Evaluate(make(OperatorType::NOT_IN, true), chunk), (std::vector<std::string>{"false", "NULL", "NULL"}));
}

TEST(ExpressionExecutorTest, CaseEvaluatesThenOnlyOnSelectedRows) {
  // CASE WHEN x <> 0 THEN 100 % x ELSE -1 END: never computes 100 % 0.
  DataChunk chunk = MakeChunk({0, 3, std::nullopt, 7});
  std::vector<BoundCase::Check> checks;
  checks.push_back({Fn("<>", Col(0, kInt), Const(Value::Integer(0))), Fn("%", Const(Value::Integer(100)), Col(0, kInt))});
  LogicalType type = checks[0].then->return_type;
  BoundCase expr(type, std::move(checks), Const(Value::Integer(-1)));
  auto values = Evaluate(expr, chunk);
  EXPECT_EQ(values, (std::vector<std::string>{"-1", "1", "-1", "2"}));
}

TEST(ExpressionExecutorTest, Coalesce) {
  DataChunk chunk = MakeChunk({std::nullopt, 4});
  std::vector<ExpressionPtr> children;
  children.push_back(Col(0, kInt));
  children.push_back(Const(Value::Integer(9)));
  BoundOperator coalesce(OperatorType::COALESCE, kInt, std::move(children));
  EXPECT_EQ(Evaluate(coalesce, chunk), (std::vector<std::string>{"9", "4"}));
}

TEST(ExpressionExecutorTest, SelectFlatAndDictionary) {
  std::vector<std::optional<int>> values;
  for (int i = 0; i < 100; i++) values.push_back(i % 10 == 0 ? std::nullopt : std::optional<int>(i));
  DataChunk chunk = MakeChunk(values);
  auto predicate = Gt(Col(0, kInt), 50);
  ExpressionExecutor executor(*predicate);
  SelectionVector sel(kStandardVectorSize);
  EXPECT_EQ(executor.Select(0, chunk, sel), 45u);  // 51..99 minus 60,70,80,90
  EXPECT_EQ(sel.get_index(0), 51u);

  // Dictionary: 4 entries, 1000 rows cycling through them.
  auto dict = std::make_shared<Vector>(kInt, 4);
  for (int i = 0; i < 4; i++) dict->SetValue(i, Value::Integer(i * 30));  // 0 30 60 90
  SelectionVector indices(kStandardVectorSize);
  for (idx_t i = 0; i < 1000; i++) indices.set_index(i, i % 4);
  DataChunk dchunk;
  dchunk.data.resize(1);
  dchunk.data[0].SetDictionary(dict, indices);
  dchunk.SetCardinality(1000);
  EXPECT_EQ(executor.Select(0, dchunk, sel), 500u);
  EXPECT_EQ(sel.get_index(0), 2u);
  EXPECT_EQ(sel.get_index(1), 3u);
  // Same dictionary again (cached), different rows.
  for (idx_t i = 0; i < 1000; i++) indices.set_index(i, i % 3);
  dchunk.data[0].SetDictionary(dict, indices);
  EXPECT_EQ(executor.Select(0, dchunk, sel), 333u);
}

}  // namespace
}  // namespace cairn
