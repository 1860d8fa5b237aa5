#include "sql/planner.h"
#include "io/file_system.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "cairn/exception.h"
#include "sql/statement_preprocessor.h"

namespace cairn {
namespace {

class PlannerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("cairn_planner_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    Write("people.csv", "id,name,age,city\n1,Ann,34,Oslo\n2,Bob,28,Rome\n3,Cid,,Oslo\n");
    Write("orders.csv", "order_id,person_id,amount\n10,1,5.5\n11,1,7.25\n12,2,3.0\n13,4,1.0\n14,3,2.0\n");
    registry_ = std::make_unique<TableRegistry>(dir_.string());
    catalog_ = std::make_unique<Catalog>(*registry_, FileSystem::Local());
    catalog_->open(false);
    planner_ = std::make_unique<Planner>(*catalog_, settings_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void Write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }

  std::string Explain(const std::string& sql) {
    PlannedStatement prepared = planner_->Plan(sql);
    return prepared.plan->ToString();
  }

  /// Runs `sql` expecting an error; returns it.
  Exception Error(const std::string& sql) {
    try {
      planner_->Plan(sql);
    } catch (const Exception& error) {
      return error;
    }
    ADD_FAILURE() << "no error for: " << sql;
    return Exception("", "");
  }

  std::filesystem::path dir_;
  ClientSettings settings_;
  std::unique_ptr<TableRegistry> registry_;
  std::unique_ptr<Catalog> catalog_;
  std::unique_ptr<Planner> planner_;
};

TEST_F(PlannerTest, SplitsStatementsAndDropsEmptyOnes) {
  auto statements = Planner::SplitStatements("SELECT 1; SELECT 'a;b' ;  -- only a comment\n");
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[0].first, "SELECT 1");
  EXPECT_EQ(statements[0].second, 0);
  EXPECT_EQ(statements[1].second, 10);
  EXPECT_EQ(statements[1].first, "SELECT 'a;b'");
}

TEST_F(PlannerTest, SyntaxErrorCarriesPosition) {
  Exception error = Error("SELECT 1 FROM WHERE");
  EXPECT_EQ(error.sqlstate(), sqlstate::kSyntaxError);
  EXPECT_EQ(error.position(), 15);
}

TEST_F(PlannerTest, SelectWithoutFrom) {
  PlannedStatement prepared = planner_->Plan("SELECT 1 + 2 AS x, 'hi', 1.5, NULL");
  ASSERT_TRUE(prepared.plan);
  EXPECT_EQ(prepared.command_tag, "SELECT");
  EXPECT_EQ(prepared.names, (std::vector<std::string>{"x", "?column?", "?column?", "?column?"}));
  EXPECT_EQ(prepared.plan->types[0], LogicalType(TypeId::INTEGER));
  EXPECT_EQ(prepared.plan->types[1], LogicalType(TypeId::VARCHAR));
  EXPECT_EQ(prepared.plan->types[2], LogicalType::Decimal(2, 1));
  EXPECT_EQ(prepared.plan->types[3], LogicalType(TypeId::VARCHAR));  // unknown → text, as PostgreSQL
  EXPECT_EQ(prepared.plan->type, LogicalOperatorType::PROJECTION);
  EXPECT_EQ(prepared.plan->children[0]->type, LogicalOperatorType::DUMMY_SCAN);
}

TEST_F(PlannerTest, ValuesBecomeLogicalValuesWithCommonTypes) {
  PlannedStatement prepared = planner_->Plan("VALUES (1, 'a'), (3000000000, NULL)");
  ASSERT_EQ(prepared.plan->type, LogicalOperatorType::VALUES);
  auto& values = static_cast<LogicalValues&>(*prepared.plan);
  ASSERT_EQ(values.rows.size(), 2u);
  EXPECT_EQ(values.types[0], LogicalType(TypeId::BIGINT));
  EXPECT_EQ(values.types[1], LogicalType(TypeId::VARCHAR));
  EXPECT_EQ(values.rows[0][0].type(), LogicalType(TypeId::BIGINT));
  EXPECT_TRUE(values.rows[1][1].IsNull());
}

TEST_F(PlannerTest, UnknownColumnAndTableReportPositions) {
  Exception column = Error("SELECT nope FROM people");
  EXPECT_EQ(column.sqlstate(), sqlstate::kUndefinedColumn);
  EXPECT_EQ(column.position(), 8);
  Exception table = Error("SELECT * FROM missing_table");
  EXPECT_EQ(table.sqlstate(), sqlstate::kUndefinedTable);
  EXPECT_EQ(table.position(), 15);
  EXPECT_EQ(std::string(table.what()), "relation \"missing_table\" does not exist");
}

TEST_F(PlannerTest, AmbiguousColumn) {
  Exception error = Error("SELECT id FROM people a, people b");
  EXPECT_EQ(error.sqlstate(), sqlstate::kAmbiguousColumn);
}

TEST_F(PlannerTest, UngroupedColumnIsAnError) {
  Exception error = Error("SELECT name, count(*) FROM people");
  EXPECT_EQ(error.sqlstate(), sqlstate::kGroupingError);
  EXPECT_NE(std::string(error.what()).find("must appear in the GROUP BY clause"), std::string::npos);
  Exception in_where = Error("SELECT 1 FROM people WHERE sum(age) > 1");
  EXPECT_EQ(in_where.sqlstate(), sqlstate::kGroupingError);
}

TEST_F(PlannerTest, OperatorTypeErrorIs42883) {
  Exception error = Error("SELECT age + name FROM people");
  EXPECT_EQ(error.sqlstate(), sqlstate::kUndefinedFunction);
}

TEST_F(PlannerTest, FilterPushdownAddsScanHintsAndTopN) {
  std::string plan = Explain("SELECT name FROM people WHERE age > 30 ORDER BY name LIMIT 2");
  EXPECT_NE(plan.find("TOP_N 2"), std::string::npos) << plan;
  EXPECT_NE(plan.find("FILTER (age > 30)"), std::string::npos) << plan;
  EXPECT_NE(plan.find("filters: age > 30"), std::string::npos) << plan;
  EXPECT_NE(plan.find("[name, age]"), std::string::npos) << plan;  // projection pushdown
}

TEST_F(PlannerTest, WhereEqualityBecomesHashJoinWithSmallerSideOnTheRight) {
  std::string plan = Explain("SELECT p.name, o.amount FROM people p, orders o WHERE p.id = o.person_id");
  EXPECT_NE(plan.find("HASH_JOIN INNER"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("CROSS_PRODUCT"), std::string::npos) << plan;
}

TEST_F(PlannerTest, OptimizerRulesCanBeDisabled) {
  planner_->Plan("SET disabled_optimizers = 'filter_pushdown,top_n'");
  std::string plan = Explain("SELECT p.name FROM people p, orders o WHERE p.id = o.person_id ORDER BY 1 LIMIT 1");
  EXPECT_NE(plan.find("CROSS_PRODUCT"), std::string::npos) << plan;
  EXPECT_NE(plan.find("LIMIT 1"), std::string::npos) << plan;
  planner_->Plan("RESET disabled_optimizers");
  planner_->Plan("SET enable_optimizer = false");
  EXPECT_NE(Explain("SELECT name FROM people ORDER BY 1 LIMIT 1").find("ORDER_BY"), std::string::npos);
  EXPECT_EQ(Error("SET disabled_optimizers = 'nope'").sqlstate(), sqlstate::kInvalidParameterValue);
  EXPECT_EQ(Error("SET threads = 4").sqlstate(), "42704");
}

TEST_F(PlannerTest, JoinOnSplitsKeysAndResidual) {
  PlannedStatement prepared =
      planner_->Plan("SELECT * FROM people p LEFT JOIN orders o ON p.id = o.person_id AND o.amount > p.id");
  std::string plan = prepared.plan->ToString();
  // The smaller preserved input (people) is built on: the LEFT join is turned into a RIGHT one.
  EXPECT_NE(plan.find("HASH_JOIN RIGHT person_id = id residual"), std::string::npos) << plan;
  EXPECT_EQ(prepared.names.size(), 7u);
  // A condition over the right input alone filters that input before the join.
  plan = planner_->Plan("SELECT * FROM people p LEFT JOIN orders o ON p.id = o.person_id AND o.amount > 2").plan->ToString();
  EXPECT_EQ(plan.find("residual"), std::string::npos) << plan;
  EXPECT_NE(plan.find("FILTER (amount > 2"), std::string::npos) << plan;
}

TEST_F(PlannerTest, JoinUsingShowsTheColumnOnce) {
  Write("a.csv", "k,x\n1,2\n");
  Write("b.csv", "k,y\n1,3\n");
  PlannedStatement prepared = planner_->Plan("SELECT * FROM a JOIN b USING (k)");
  EXPECT_EQ(prepared.names, (std::vector<std::string>{"k", "x", "y"}));
}

TEST_F(PlannerTest, OrderByHiddenColumnIsProjectedAway) {
  PlannedStatement prepared = planner_->Plan("SELECT name FROM people ORDER BY age DESC");
  EXPECT_EQ(prepared.names, (std::vector<std::string>{"name"}));
  EXPECT_EQ(prepared.plan->type, LogicalOperatorType::PROJECTION);
}

TEST_F(PlannerTest, AggregatesAndHaving) {
  PlannedStatement prepared =
      planner_->Plan("SELECT city, count(*), sum(age) AS total FROM people GROUP BY city HAVING count(*) > 1");
  EXPECT_EQ(prepared.names, (std::vector<std::string>{"city", "count", "total"}));
  std::string plan = prepared.plan->ToString();
  EXPECT_NE(plan.find("AGGREGATE groups: city aggregates: count_star(), sum(age)"), std::string::npos) << plan;
}

TEST_F(PlannerTest, FilePathsAndTableFunctions) {
  PlannedStatement prepared = planner_->Plan("SELECT people.name FROM 'people.csv' WHERE id = 1");
  EXPECT_EQ(prepared.names, (std::vector<std::string>{"name"}));
  prepared = planner_->Plan("SELECT * FROM read_csv('orders.csv', header => true, delim => ',')");
  EXPECT_EQ(prepared.names.size(), 3u);
  Exception missing = Error("SELECT * FROM read_csv('nope_*.csv')");
  EXPECT_EQ(missing.sqlstate(), sqlstate::kUndefinedFile);
}

TEST_F(PlannerTest, DescribeAndShowTables) {
  PlannedStatement prepared = planner_->Plan("DESCRIBE people");
  ASSERT_EQ(prepared.plan->type, LogicalOperatorType::VALUES);
  auto& values = static_cast<LogicalValues&>(*prepared.plan);
  ASSERT_EQ(values.rows.size(), 4u);
  EXPECT_EQ(values.rows[1][0].GetString(), "name");
  EXPECT_EQ(values.rows[1][1].GetString(), "VARCHAR");
  EXPECT_EQ(prepared.names[0], "column_name");
  prepared = planner_->Plan("SHOW TABLES");
  EXPECT_EQ(prepared.names, (std::vector<std::string>{"name"}));
}

TEST_F(PlannerTest, CreateAndDropForeignTablePersistMappings) {
  PlannedStatement created =
      planner_->Plan("CREATE FOREIGN TABLE folks () SERVER files OPTIONS (location 'people.csv')");
  EXPECT_EQ(created.command_tag, "CREATE FOREIGN TABLE");
  EXPECT_FALSE(created.plan);
  EXPECT_TRUE(registry_->has_table("folks"));
  EXPECT_TRUE(std::filesystem::exists(dir_ / "table_mappings.json"));
  EXPECT_EQ(Error("CREATE FOREIGN TABLE folks () SERVER files OPTIONS (location 'people.csv')").sqlstate(),
            sqlstate::kDuplicateTable);
  EXPECT_EQ(planner_->Plan("SELECT name FROM folks").names, (std::vector<std::string>{"name"}));
  EXPECT_EQ(planner_->Plan("DROP FOREIGN TABLE folks").command_tag, "DROP FOREIGN TABLE");
  EXPECT_FALSE(registry_->has_table("folks"));
  // Dropping the last mapping writes an empty list: deleting the file would also delete the
  // entries another process may have added meanwhile.
  std::ifstream mappings(dir_ / "table_mappings.json");
  std::string text((std::istreambuf_iterator<char>(mappings)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text, "{\n  \"tables\": []\n}\n");
  EXPECT_EQ(Error("DROP FOREIGN TABLE folks").sqlstate(), sqlstate::kUndefinedTable);
  planner_->Plan("DROP FOREIGN TABLE IF EXISTS folks");
}

TEST_F(PlannerTest, ExplainProducesOneRowPerLine) {
  PlannedStatement prepared = planner_->Plan("EXPLAIN SELECT name FROM people WHERE age > 1");
  EXPECT_TRUE(prepared.is_explain);
  EXPECT_EQ(prepared.names, (std::vector<std::string>{"explain"}));
  auto& values = static_cast<LogicalValues&>(*prepared.plan);
  EXPECT_GE(values.rows.size(), 3u);
}

TEST_F(PlannerTest, UnsupportedStatementsAreCleanErrors) {
  EXPECT_EQ(Error("INSERT INTO people VALUES (1)").sqlstate(), sqlstate::kUndefinedTable);  // no writable table "people"
  EXPECT_EQ(Error("WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 3) SEARCH BREADTH FIRST BY n SET s SELECT n FROM t").sqlstate(),
            sqlstate::kFeatureNotSupported);
  EXPECT_EQ(Error("SELECT name FROM people WHERE row_number() OVER () > 1").sqlstate(), "42P20");  // windows: SELECT list and ORDER BY only
  EXPECT_EQ(Error("USE other").sqlstate(), sqlstate::kInvalidSchemaName);
  EXPECT_EQ(planner_->Plan("USE main").command_tag, "USE");
}

TEST_F(PlannerTest, StringLiteralsAdaptToTheOtherOperand) {
  Write("events.csv", "d,n\n2024-01-02,1\n2024-03-04,2\n");
  std::string plan = Explain("SELECT n FROM events WHERE d > '2024-02-01' AND n IN ('1', 2)");
  EXPECT_NE(plan.find("filters: d > 2024-02-01"), std::string::npos) << plan;
  EXPECT_EQ(Error("SELECT n FROM events WHERE n = 'abc'").sqlstate(), sqlstate::kInvalidTextRepresentation);
}

TEST_F(PlannerTest, CommonTableExpressionsAndUnion) {
  PlannedStatement prepared = planner_->Plan(
      "WITH adults AS (SELECT name, age FROM people WHERE age >= 30) SELECT name FROM adults UNION SELECT 'x'");
  EXPECT_EQ(prepared.names, (std::vector<std::string>{"name"}));
  EXPECT_NE(prepared.plan->ToString().find("UNION ALL"), std::string::npos);
}

TEST(StatementPreprocessorTest, RewritesFileReferencesOnlyInFromClauses) {
  PreprocessedStatement rewritten = PreprocessStatement("SELECT extract(year FROM '2024-01-01'::date) FROM 'x.csv'");
  EXPECT_EQ(rewritten.sql, "SELECT extract(year FROM '2024-01-01'::date) FROM __cairn_file('x.csv')");
  // A position after the rewrite maps back onto the original text.
  EXPECT_EQ(rewritten.MapPosition(static_cast<int>(rewritten.sql.size())), 58);
  PreprocessedStatement describe = PreprocessStatement("DESCRIBE people");
  EXPECT_EQ(describe.kind, PreprocessedStatement::Kind::DESCRIBE);
  EXPECT_EQ(describe.sql, "SELECT * FROM people");
  EXPECT_EQ(describe.MapPosition(15), 10);
}

}  // namespace
}  // namespace cairn

namespace cairn {
namespace {

// Default column names follow PostgreSQL's FigureColname (src/sql/column_name.h): operators are
// ?column?, a cast of a column keeps the column's name, a cast of a literal takes the type's name.
TEST_F(PlannerTest, DefaultColumnNamesFollowPostgres) {
  PlannedStatement prepared =
      planner_->Plan("SELECT p.age + o.amount, CAST(o.amount AS INTEGER), age * 2 FROM people p JOIN orders o ON p.id = o.person_id");
  ASSERT_EQ(prepared.names.size(), 3u);
  EXPECT_EQ(prepared.names[0], "?column?");
  EXPECT_EQ(prepared.names[1], "amount");
  EXPECT_EQ(prepared.names[2], "?column?");
  prepared = planner_->Plan("SELECT 1::int, lower(name), CASE WHEN age > 1 THEN 1 END, coalesce(age, 0) FROM people");
  EXPECT_EQ(prepared.names, (std::vector<std::string>{"int4", "lower", "case", "coalesce"}));
}

/// Checks that every column reference of every operator in `plan` names a binding its
/// children provide (for a join's keys: the matching side), and that each operator lists one
/// binding per output column. Returns the number of references checked.
size_t CheckBindings(LogicalOperator& op) {
  size_t checked = 0;
  for (auto& child : op.children) checked += CheckBindings(*child);
  EXPECT_EQ(op.GetColumnBindings().size(), op.types.size()) << op.ParamsToString();
  std::vector<ColumnBinding> available;
  for (auto& child : op.children) {
    auto bindings = child->GetColumnBindings();
    available.insert(available.end(), bindings.begin(), bindings.end());
  }
  auto check = [&](ExpressionPtr& expression, const std::vector<ColumnBinding>& input) {
    ForEachColumnRef(*expression, [&](BoundColumnRef& ref) {
      checked++;
      EXPECT_NE(std::find(input.begin(), input.end(), ref.binding), input.end())
          << ref.name << " " << ref.binding.ToString() << " in " << op.ParamsToString();
    });
  };
  if (op.type == LogicalOperatorType::JOIN) {
    auto& join = static_cast<LogicalJoin&>(op);
    auto left = op.children[0]->GetColumnBindings();
    auto right = op.children[1]->GetColumnBindings();
    for (auto& key : join.left_keys) check(key, left);
    for (auto& key : join.right_keys) check(key, right);
    if (join.residual) check(join.residual, available);
  } else {
    op.ForEachExpression([&](ExpressionPtr& expression) { check(expression, available); });
  }
  return checked;
}

TEST_F(PlannerTest, EveryColumnReferenceNamesABindingOfItsInput) {
  for (const char* sql : {
           "SELECT name, age FROM people WHERE age > 30 ORDER BY age DESC LIMIT 2",
           "SELECT p.name, sum(o.amount) FROM people p, orders o WHERE p.id = o.person_id AND o.amount > 1 "
           "GROUP BY p.name HAVING count(*) > 0 ORDER BY 2 DESC",
           "SELECT * FROM orders o JOIN people p ON p.id = o.person_id",
           "SELECT city, count(*) FROM people JOIN orders ON id = person_id GROUP BY city",
           "SELECT * FROM people LEFT JOIN orders ON id = person_id AND amount > 2.0 WHERE name <> 'x'",
           "SELECT x FROM (SELECT age + 1 AS x, name FROM people) t WHERE x > 3",
           "SELECT DISTINCT city FROM people ORDER BY city",
           "SELECT name FROM people UNION SELECT CAST(order_id AS VARCHAR) FROM orders",
           "WITH a AS (SELECT id FROM people) SELECT * FROM a a1, a a2 WHERE a1.id = a2.id",
           "SELECT count(*) FROM people",
           "SELECT name FROM people ORDER BY age",
       }) {
    for (bool optimize : {true, false}) {
      settings_.enable_optimizer = optimize;
      PlannedStatement planned = planner_->Plan(sql);
      SCOPED_TRACE(std::string(sql) + (optimize ? " (optimized)" : ""));
      CheckBindings(*planned.plan);
    }
  }
  settings_.enable_optimizer = true;
}

TEST_F(PlannerTest, JoinReorderingKeepsTheBindingsItsParentUses) {
  // big.csv is the larger input, so join_order swaps the inputs (the smaller one builds); the
  // projection above reads its columns by binding: no order-restoring projection is added.
  std::string big = "k\n";
  for (int i = 1; i <= 2000; i++) big += std::to_string(i) + "\n";
  Write("big.csv", big);
  const std::string sql = "SELECT p.name, b.k FROM people p JOIN 'big.csv' b ON b.k = p.id";
  std::string plan = Explain(sql);
  EXPECT_LT(plan.find("GET big.csv"), plan.find("GET people")) << plan;  // swapped
  size_t projections = 0;
  for (size_t at = plan.find("PROJECTION"); at != std::string::npos; at = plan.find("PROJECTION", at + 1)) projections++;
  EXPECT_EQ(projections, 1u) << plan;
  PlannedStatement planned = planner_->Plan(sql);
  EXPECT_GT(CheckBindings(*planned.plan), 0u);
  EXPECT_EQ(planned.names, (std::vector<std::string>{"name", "k"}));
}

}  // namespace
}  // namespace cairn
