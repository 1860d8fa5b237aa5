// End-to-end tests of querying through the public API: Database + Connection + QueryResult
// over CSV files registered in a scratch data directory.
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "cairn/cairn.h"
#include "scratch_directory.h"

namespace cairn {
namespace {

using testing::ScratchDirectory;

constexpr const char* kPeopleCsv =
    "id,name,score\n"
    "1,alice,9.5\n"
    "2,bob,7.25\n"
    "3,carol,\n";

class QueryApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    scratch_.Write("people.csv", kPeopleCsv);
    database_ = std::make_unique<Database>(scratch_.path());
    database_->register_table("people", scratch_.Join("people.csv"));
    connection_ = std::make_unique<Connection>(*database_);
  }

  // Runs `sql`, which must succeed, and returns its materialized result.
  std::unique_ptr<QueryResult> Query(const std::string& sql) {
    std::unique_ptr<QueryResult> result = connection_->query(sql);
    EXPECT_NE(result, nullptr);
    if (!result) return result;
    EXPECT_FALSE(result->has_error()) << sql << ": " << result->error_message();
    EXPECT_TRUE(result->Materialize()) << sql << ": " << result->error_message();
    return result;
  }

  ScratchDirectory scratch_;
  std::unique_ptr<Database> database_;
  std::unique_ptr<Connection> connection_;
};

TEST_F(QueryApiTest, SelectsRowsFromRegisteredCsv) {
  auto result = Query("SELECT id, name FROM people ORDER BY id");
  ASSERT_EQ(result->ColumnCount(), 2u);
  EXPECT_EQ(result->names(), (std::vector<std::string>{"id", "name"}));
  EXPECT_TRUE(result->types()[0].IsIntegral()) << result->types()[0].ToString();
  EXPECT_EQ(result->types()[1].id(), TypeId::VARCHAR);
  ASSERT_EQ(result->RowCount(), 3u);
  EXPECT_EQ(result->GetValue(0, 0).ToString(), "1");
  EXPECT_EQ(result->GetValue(1, 0).ToString(), "alice");
  EXPECT_EQ(result->GetValue(0, 2).ToString(), "3");
  EXPECT_EQ(result->GetValue(1, 2).ToString(), "carol");
  EXPECT_EQ(result->GetValue(0, 1).GetInt64(), 2);
}

TEST_F(QueryApiTest, FiltersAndAggregates) {
  auto result = Query("SELECT count(*), sum(id) FROM people WHERE id >= 2");
  ASSERT_EQ(result->RowCount(), 1u);
  EXPECT_EQ(result->GetValue(0, 0).ToString(), "2");
  EXPECT_EQ(result->GetValue(1, 0).ToString(), "5");
}

// An unconstrained numeric keeps each value's own scale: the API reads unscaled value and scale.
TEST_F(QueryApiTest, NumericValuesCarryTheirScale) {
  auto result = Query("SELECT '1.50'::numeric, avg(score::numeric), max(score::numeric) FROM people WHERE id = 2");
  ASSERT_EQ(result->types()[0].id(), TypeId::NUMERIC);
  EXPECT_EQ(result->types()[0].ToString(), "NUMERIC");
  Value value = result->GetValue(0, 0);
  EXPECT_EQ(value.ToString(), "1.50");
  EXPECT_EQ(static_cast<int64_t>(value.GetNumericUnscaled()), 150);
  EXPECT_EQ(value.GetNumericScale(), 2);
  EXPECT_EQ(result->GetValue(1, 0).ToString(), "7.2500000000000000");
  EXPECT_EQ(result->GetValue(2, 0).ToString(), "7.25");
  EXPECT_EQ(Value::Numeric(-5, 3).ToString(), "-0.005");
  EXPECT_THROW(Value::Numeric(static_cast<hugeint_t>(1) << 120, 0), Exception);
}

TEST_F(QueryApiTest, EmptyCsvFieldIsNull) {
  auto result = Query("SELECT score FROM people WHERE id = 3");
  ASSERT_EQ(result->RowCount(), 1u);
  EXPECT_TRUE(result->GetValue(0, 0).IsNull());
  auto present = Query("SELECT score FROM people WHERE id = 2");
  ASSERT_EQ(present->RowCount(), 1u);
  EXPECT_EQ(present->GetValue(0, 0).ToString(), "7.25");
}

TEST_F(QueryApiTest, SelectWithoutTable) {
  auto result = Query("SELECT 1 + 2 AS three, 'x' AS letter");
  ASSERT_EQ(result->RowCount(), 1u);
  EXPECT_EQ(result->names(), (std::vector<std::string>{"three", "letter"}));
  EXPECT_EQ(result->GetValue(0, 0).ToString(), "3");
  EXPECT_EQ(result->GetValue(1, 0).ToString(), "x");
}

TEST_F(QueryApiTest, UnknownTableIsUndefinedTable) {
  auto result = connection_->query("SELECT * FROM no_such_table");
  ASSERT_NE(result, nullptr);
  ASSERT_TRUE(result->has_error());
  EXPECT_EQ(result->error().sqlstate(), sqlstate::kUndefinedTable) << result->error_message();
  EXPECT_NE(result->error_message().find("no_such_table"), std::string::npos) << result->error_message();
}

TEST_F(QueryApiTest, UnknownColumnIsUndefinedColumn) {
  auto result = connection_->query("SELECT no_such_column FROM people");
  ASSERT_TRUE(result->has_error());
  EXPECT_EQ(result->error().sqlstate(), sqlstate::kUndefinedColumn) << result->error_message();
}

TEST_F(QueryApiTest, SyntaxErrorHasSqlstateAndPosition) {
  const std::string sql = "SELECT id FROM people WHERE";
  auto result = connection_->query(sql);
  ASSERT_TRUE(result->has_error());
  EXPECT_EQ(result->error().sqlstate(), sqlstate::kSyntaxError) << result->error_message();
  ASSERT_TRUE(result->error().position().has_value());
  EXPECT_GE(*result->error().position(), 1);
  EXPECT_LE(*result->error().position(), static_cast<int>(sql.size()) + 1);

  auto misspelled = connection_->query("SELEC 1");
  ASSERT_TRUE(misspelled->has_error());
  EXPECT_EQ(misspelled->error().sqlstate(), sqlstate::kSyntaxError);
  ASSERT_TRUE(misspelled->error().position().has_value());
  EXPECT_EQ(*misspelled->error().position(), 1);
}

TEST_F(QueryApiTest, ErrorResultHasNoRows) {
  auto result = connection_->query("SELECT * FROM no_such_table");
  ASSERT_TRUE(result->has_error());
  EXPECT_EQ(result->fetch(), nullptr);
  EXPECT_FALSE(result->Materialize());
  EXPECT_FALSE(result->error_message().empty());
}

TEST_F(QueryApiTest, SeveralStatementsReturnTheLastResult) {
  auto result = Query("SELECT 1 AS a; SELECT 2 AS b");
  EXPECT_EQ(result->names(), (std::vector<std::string>{"b"}));
  ASSERT_EQ(result->RowCount(), 1u);
  EXPECT_EQ(result->GetValue(0, 0).ToString(), "2");
}

TEST_F(QueryApiTest, FirstFailingStatementStopsTheRest) {
  auto result = connection_->query("SELECT * FROM no_such_table; SELECT 1");
  ASSERT_TRUE(result->has_error());
  EXPECT_EQ(result->error().sqlstate(), sqlstate::kUndefinedTable);
}

TEST_F(QueryApiTest, ConnectionSurvivesErrors) {
  ASSERT_TRUE(connection_->query("SELECT FROM WHERE")->has_error());
  auto result = Query("SELECT count(*) FROM people");
  ASSERT_EQ(result->RowCount(), 1u);
  EXPECT_EQ(result->GetValue(0, 0).ToString(), "3");
}

TEST_F(QueryApiTest, ResultsStreamInChunks) {
  std::string csv = "n\n";
  constexpr int kRows = 5000;
  for (int i = 0; i < kRows; ++i) csv += std::to_string(i) + "\n";
  database_->register_table("numbers", scratch_.Write("numbers.csv", csv));
  auto result = connection_->query("SELECT n FROM numbers");
  ASSERT_FALSE(result->has_error()) << result->error_message();
  idx_t rows = 0;
  int64_t sum = 0;
  int chunks = 0;
  while (auto chunk = result->fetch()) {
    ASSERT_GT(chunk->size(), 0u);
    ASSERT_LE(chunk->size(), kStandardVectorSize);
    ASSERT_EQ(chunk->ColumnCount(), 1u);
    for (idx_t row = 0; row < chunk->size(); ++row) sum += chunk->GetValue(0, row).GetInt64();
    rows += chunk->size();
    ++chunks;
  }
  EXPECT_FALSE(result->has_error()) << result->error_message();
  EXPECT_EQ(rows, static_cast<idx_t>(kRows));
  EXPECT_EQ(sum, int64_t{kRows} * (kRows - 1) / 2);
  EXPECT_GE(chunks, 3);
}

TEST_F(QueryApiTest, ReRegisteringANameChangesTheNextAnswer) {
  database_->register_table("t", scratch_.Write("one.csv", "x\n1\n"));
  auto first = Query("SELECT count(*) FROM t");
  EXPECT_EQ(first->GetValue(0, 0).ToString(), "1");
  database_->register_table("t", scratch_.Write("two.csv", "x\n1\n2\n"));
  auto second = Query("SELECT count(*) FROM t");
  EXPECT_EQ(second->GetValue(0, 0).ToString(), "2");
}

TEST_F(QueryApiTest, RelativePathsResolveAgainstTheDataDirectory) {
  scratch_.Write("nested/items.csv", "k,v\na,1\nb,2\n");
  database_->register_table("items", "nested/items.csv");
  auto result = Query("SELECT v FROM items WHERE k = 'b'");
  ASSERT_EQ(result->RowCount(), 1u);
  EXPECT_EQ(result->GetValue(0, 0).ToString(), "2");
}

TEST_F(QueryApiTest, ConnectionsOnManyThreadsShareADatabase) {
  constexpr int kThreads = 4;
  std::atomic<int> correct{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      Connection connection(*database_);
      for (int i = 0; i < 5; ++i) {
        auto result = connection.query("SELECT sum(id) FROM people");
        if (result->has_error() || !result->Materialize() || result->RowCount() != 1) return;
        if (result->GetValue(0, 0).ToString() != "6") return;
      }
      ++correct;
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(correct.load(), kThreads);
}

TEST_F(QueryApiTest, ToStringRendersResultOrError) {
  auto result = connection_->query("SELECT name FROM people WHERE id = 1");
  std::string text = result->ToString();
  EXPECT_NE(text.find("alice"), std::string::npos) << text;
  auto error = connection_->query("SELECT * FROM no_such_table");
  EXPECT_NE(error->ToString().find("no_such_table"), std::string::npos);
}

}  // namespace
}  // namespace cairn
