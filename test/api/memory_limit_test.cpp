// Memory limit through the public API: DISTINCT aggregates over different arguments (the
// operator's distinct sets, which do not spill) over generated data that need more than SET
// memory_limit fail with 53200 naming the operator, the same query under a
// larger limit answers, the connection stays usable, and every byte charged is released when
// the query ends. GROUP BY, ORDER BY and joins of the same data spill to temporary files
// instead and give the exact answer under a limit their in-memory forms exceed (SET
// temp_directory). Also SHOW/RESET
// memory_limit and DatabaseOptions::memory_limit.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "cairn/cairn.h"
#include "scratch_directory.h"

namespace cairn {
namespace {

using testing::ScratchDirectory;

class MemoryLimitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string csv = "k\n";
    for (int64_t i = 0; i < 400000; i++) csv += std::to_string(i * 7919 % 400000) + "\n";
    scratch_.Write("big.csv", csv);
    database_ = std::make_unique<Database>(scratch_.path());
    connection_ = std::make_unique<Connection>(*database_);
  }

  std::unique_ptr<QueryResult> Run(const std::string& sql) {
    auto result = connection_->query(sql);
    result->Materialize();
    return result;
  }

  void ExpectLimitError(const std::string& sql, const std::string& operator_name) {
    ASSERT_FALSE(Run("SET memory_limit = '4MB'")->has_error());
    auto result = Run(sql);
    ASSERT_TRUE(result->has_error()) << sql;
    EXPECT_EQ(result->error().sqlstate(), "53200");
    EXPECT_NE(std::string(result->error().what()).find(operator_name + ": memory limit of 4.0 MiB exceeded"),
              std::string::npos)
        << result->error().what();
    EXPECT_EQ(database_->memory_usage().used, 0u);
    ASSERT_FALSE(Run("SET memory_limit = '1GB'")->has_error());
    auto ok = Run(sql);
    ASSERT_FALSE(ok->has_error()) << ok->error().what();
    EXPECT_EQ(ok->GetValue(0, 0).ToString(), "400000");
    EXPECT_GT(database_->memory_usage().peak, uint64_t(4) << 20);
    EXPECT_EQ(database_->memory_usage().used, 0u);
    auto after = Run("SELECT count(*) FROM big");
    ASSERT_FALSE(after->has_error());
    EXPECT_EQ(after->GetValue(0, 0).ToString(), "400000");
  }

  ScratchDirectory scratch_;
  std::unique_ptr<Database> database_;
  std::unique_ptr<Connection> connection_;
};

TEST_F(MemoryLimitTest, DistinctAggregateOverTheLimitFailsNamingHashAggregate) {
  ExpectLimitError("SELECT count(*) FROM (SELECT k, count(DISTINCT k), count(DISTINCT k + 1) FROM big GROUP BY k) s",
                   "HASH_AGGREGATE");
}

TEST_F(MemoryLimitTest, DistinctAggregatesOverOneArgumentSpillAndAnswerExactly) {
  // distinct_aggregates plans these as GROUP BY (g, k) then GROUP BY g: plain aggregates that spill.
  const std::string sql =
      "SELECT count(*), sum(n), sum(s), max(n) FROM "
      "(SELECT k % 10 AS g, count(DISTINCT k) AS n, sum(DISTINCT k) AS s FROM "
      "(SELECT k FROM big UNION ALL SELECT k FROM big) AS twice GROUP BY k % 10) AS x";
  auto unlimited = Run(sql);
  ASSERT_FALSE(unlimited->has_error()) << unlimited->error().what();
  ASSERT_GT(database_->memory_usage().peak, uint64_t(12) << 20);
  database_ = std::make_unique<Database>(scratch_.path());  // a fresh peak
  connection_ = std::make_unique<Connection>(*database_);
  ASSERT_FALSE(Run("SET memory_limit = '12MB'")->has_error());
  auto limited = Run(sql);
  ASSERT_FALSE(limited->has_error()) << limited->error().what();
  // 10 groups of 40,000 distinct keys each; the keys are 0..399,999 once each.
  EXPECT_EQ(limited->GetValue(0, 0).ToString(), "10");
  EXPECT_EQ(limited->GetValue(1, 0).ToString(), "400000");
  EXPECT_EQ(limited->GetValue(2, 0).ToString(), "79999800000");
  EXPECT_EQ(limited->GetValue(3, 0).ToString(), "40000");
  EXPECT_LE(database_->memory_usage().peak, uint64_t(12) << 20);
  EXPECT_EQ(database_->memory_usage().used, 0u);
}

TEST_F(MemoryLimitTest, GroupByOverTheLimitSpillsAndAnswersExactly) {
  const std::string sql =
      "SELECT count(*), sum(c), sum(k), sum(t), max(k) FROM (SELECT k, count(*) c, sum(k * 2) t FROM big GROUP BY k) s";
  // In memory, the groups take more than the limit used below.
  auto unlimited = Run(sql);
  ASSERT_FALSE(unlimited->has_error()) << unlimited->error().what();
  ASSERT_GT(database_->memory_usage().peak, uint64_t(12) << 20);
  database_ = std::make_unique<Database>(scratch_.path());  // a fresh peak
  connection_ = std::make_unique<Connection>(*database_);
  ASSERT_FALSE(Run("SET temp_directory = '" + scratch_.path() + "/spill'")->has_error());
  ASSERT_FALSE(Run("SET memory_limit = '12MB'")->has_error());
  auto result = Run(sql);
  ASSERT_FALSE(result->has_error()) << result->error().what();
  EXPECT_EQ(result->GetValue(0, 0).ToString(), "400000");
  EXPECT_EQ(result->GetValue(1, 0).ToString(), "400000");
  EXPECT_EQ(result->GetValue(2, 0).ToString(), "79999800000");
  EXPECT_EQ(result->GetValue(3, 0).ToString(), "159999600000");
  EXPECT_EQ(result->GetValue(4, 0).ToString(), "399999");
  EXPECT_LE(database_->memory_usage().peak, uint64_t(12) << 20);
  EXPECT_EQ(database_->memory_usage().used, 0u);
  // The temporary files are gone (they never had a name).
  EXPECT_TRUE(std::filesystem::is_empty(scratch_.path() + "/spill"));
}

TEST_F(MemoryLimitTest, OrderByOverTheLimitSpillsAndMergesInOrder) {
  // 1.5 million rows: in memory the sort takes more than the limit used below, which
  // still leaves room for the result queue (up to 64 chunks) next to the merge.
  const std::string sql =
      "SELECT i, 'row number ' || i AS s FROM generate_series(1, 1500000) t(i) ORDER BY i % 3, i DESC";
  ASSERT_FALSE(Run("SELECT count(*) FROM (" + sql + ") s")->has_error());
  ASSERT_GT(database_->memory_usage().peak, uint64_t(40) << 20);
  database_ = std::make_unique<Database>(scratch_.path());  // a fresh peak
  connection_ = std::make_unique<Connection>(*database_);
  ASSERT_FALSE(Run("SET memory_limit = '32MB'")->has_error());
  // Streamed (a materialized result would itself hold more than the limit).
  auto result = connection_->query(sql);
  int64_t previous = 0;
  idx_t rows = 0;
  while (auto chunk = result->fetch()) {
    for (idx_t row = 0; row < chunk->size(); row++, rows++) {
      const int64_t i = chunk->data[0].GetValue(row).GetInt64();
      ASSERT_EQ(chunk->data[1].GetValue(row).ToString(), "row number " + std::to_string(i));
      ASSERT_TRUE(rows == 0 || previous % 3 < i % 3 || (previous % 3 == i % 3 && previous > i)) << rows;
      previous = i;
    }
  }
  ASSERT_FALSE(result->has_error()) << result->error().what();
  EXPECT_EQ(rows, 1500000u);
  // A string key longer than the normalized prefix, ascending, ties broken by a second key.
  auto strings = connection_->query(
      "SELECT 'a long common prefix of text ' || (i % 1000) AS s, i FROM generate_series(1, 1000000) t(i) "
      "ORDER BY s, i");
  std::string previous_s;
  int64_t previous_i = -1;
  rows = 0;
  while (auto chunk = strings->fetch()) {
    for (idx_t row = 0; row < chunk->size(); row++, rows++) {
      const std::string s = chunk->data[0].GetValue(row).ToString();
      const int64_t i = chunk->data[1].GetValue(row).GetInt64();
      ASSERT_EQ(s, "a long common prefix of text " + std::to_string(i % 1000));
      ASSERT_TRUE(rows == 0 || previous_s < s || (previous_s == s && previous_i < i)) << rows;
      previous_s = s;
      previous_i = i;
    }
  }
  ASSERT_FALSE(strings->has_error()) << strings->error().what();
  EXPECT_EQ(rows, 1000000u);
  EXPECT_LE(database_->memory_usage().peak, uint64_t(32) << 20);
  EXPECT_EQ(database_->memory_usage().used, 0u);
}

TEST_F(MemoryLimitTest, TempDirectoryIsASetting) {
  EXPECT_EQ(Run("SHOW temp_directory")->GetValue(0, 0).ToString(), "");
  // A directory below a regular file cannot be created, not even by root.
  scratch_.Write("not_a_directory", "x");
  const std::string unusable = scratch_.path() + "/not_a_directory/spill";
  ASSERT_FALSE(Run("SET temp_directory = '" + unusable + "'")->has_error());
  EXPECT_EQ(Run("SHOW temp_directory")->GetValue(0, 0).ToString(), unusable);
  ASSERT_FALSE(Run("SET memory_limit = '8MB'")->has_error());
  // Spilling needs the directory: the error names it (58030), and nothing stays charged.
  auto failed = Run("SELECT count(*) FROM (SELECT k FROM big ORDER BY k DESC) s");
  ASSERT_TRUE(failed->has_error());
  EXPECT_EQ(failed->error().sqlstate(), "58030");
  EXPECT_NE(std::string(failed->error().what()).find(unusable), std::string::npos);
  EXPECT_EQ(database_->memory_usage().used, 0u);
  ASSERT_FALSE(Run("RESET temp_directory")->has_error());
  EXPECT_EQ(Run("SHOW temp_directory")->GetValue(0, 0).ToString(), "");
  auto ok = Run("SELECT count(*) FROM (SELECT k FROM big ORDER BY k DESC) s");
  ASSERT_FALSE(ok->has_error()) << ok->error().what();
  EXPECT_EQ(ok->GetValue(0, 0).ToString(), "400000");
}

TEST_F(MemoryLimitTest, JoinsOverTheLimitSpillAndAnswerExactly) {
  // Inner, outer (both sides), semi and anti joins and a residual, each compared with its
  // in-memory answer; in memory the inner join takes more than the limit used below.
  const std::vector<std::string> queries = {
      "SELECT count(*), sum(a.k), sum(b.k) FROM big a JOIN big b ON a.k = b.k",
      "SELECT count(*), sum(a.k), count(b.k) FROM big a LEFT JOIN (SELECT k FROM big WHERE k % 3 = 0) b ON a.k = b.k",
      "SELECT count(*), count(a.k), sum(b.k) FROM (SELECT k FROM big WHERE k % 5 = 0) a RIGHT JOIN big b ON a.k = b.k",
      "SELECT count(*), count(a.k), count(b.k) FROM (SELECT k FROM big WHERE k % 5 = 0) a "
      "FULL JOIN (SELECT k + 7 AS k FROM big WHERE k % 3 = 0) b ON a.k = b.k",
      "SELECT count(*), sum(k) FROM big a WHERE EXISTS (SELECT 1 FROM big b WHERE b.k = a.k + 3)",
      "SELECT count(*), sum(k) FROM big a WHERE NOT EXISTS (SELECT 1 FROM big b WHERE b.k = a.k * 2)",
      "SELECT count(*), sum(a.k) FROM big a JOIN big b ON a.k = b.k AND a.k % 7 <> b.k % 11",
  };
  std::vector<std::string> expected;
  for (const auto& sql : queries) {
    auto result = Run(sql);
    ASSERT_FALSE(result->has_error()) << sql << ": " << result->error().what();
    expected.push_back(result->ToString());
  }
  ASSERT_GT(database_->memory_usage().peak, uint64_t(4) << 20);
  database_ = std::make_unique<Database>(scratch_.path());  // a fresh peak
  connection_ = std::make_unique<Connection>(*database_);
  ASSERT_FALSE(Run("SET memory_limit = '4MB'")->has_error());
  for (idx_t q = 0; q < queries.size(); q++) {
    auto result = Run(queries[q]);
    ASSERT_FALSE(result->has_error()) << queries[q] << ": " << result->error().what();
    EXPECT_EQ(result->ToString(), expected[q]) << queries[q];
  }
  EXPECT_LE(database_->memory_usage().peak, uint64_t(4) << 20);
  EXPECT_EQ(database_->memory_usage().used, 0u);
}

TEST_F(MemoryLimitTest, ShowSetAndResetMemoryLimit) {
  auto shown = Run("SHOW memory_limit");
  ASSERT_FALSE(shown->has_error());
  const std::string default_limit = shown->GetValue(0, 0).ToString();
  EXPECT_FALSE(default_limit.empty());
  ASSERT_FALSE(Run("SET memory_limit = '2GB'")->has_error());
  EXPECT_EQ(Run("SHOW memory_limit")->GetValue(0, 0).ToString(), "2GB");
  ASSERT_FALSE(Run("SET memory_limit = '512MiB'")->has_error());
  EXPECT_EQ(Run("SHOW memory_limit")->GetValue(0, 0).ToString(), "512MB");
  ASSERT_FALSE(Run("RESET memory_limit")->has_error());
  EXPECT_EQ(Run("SHOW memory_limit")->GetValue(0, 0).ToString(), default_limit);
  auto bad = Run("SET memory_limit = '2 parsecs'");
  ASSERT_TRUE(bad->has_error());
  EXPECT_EQ(bad->error().sqlstate(), "22023");
}

TEST(MemoryLimitOptionTest, DatabaseOptionLimitsEveryQuery) {
  ScratchDirectory scratch;
  std::string csv = "k\n";
  for (int i = 0; i < 300000; i++) csv += std::to_string(i) + "\n";
  scratch.Write("big.csv", csv);
  DatabaseOptions options;
  options.memory_limit = uint64_t(3) << 20;
  Database database(scratch.path(), options);
  Connection connection(database);
  auto shown = connection.query("SHOW memory_limit");
  shown->Materialize();
  EXPECT_EQ(shown->GetValue(0, 0).ToString(), "3MB");
  // Two DISTINCT aggregates stay one aggregate with DISTINCT sets, which cannot spill: its
  // 300,000 groups and sets exceed 3 MB whatever the threads do. (A plain GROUP BY, or a single
  // DISTINCT aggregate, which becomes two plain ones, spills its way under the limit.)
  auto result = connection.query(
      "SELECT count(*) FROM (SELECT k, count(DISTINCT k), count(DISTINCT k + 1) FROM big GROUP BY k) s");
  result->Materialize();
  ASSERT_TRUE(result->has_error());
  EXPECT_EQ(result->error().sqlstate(), "53200");
  EXPECT_EQ(database.memory_usage().used, 0u);
}

}  // namespace
}  // namespace cairn
