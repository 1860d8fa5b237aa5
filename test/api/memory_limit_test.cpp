// Memory limit through the public API: a GROUP BY, ORDER BY or join over generated data that
// needs more than SET memory_limit fails with 53200 naming the operator, the same query under a
// larger limit answers, the connection stays usable, and every byte charged is released when
// the query ends. Also SHOW/RESET memory_limit and DatabaseOptions::memory_limit.
#include <gtest/gtest.h>

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

TEST_F(MemoryLimitTest, GroupByOverTheLimitFailsNamingHashAggregate) {
  ExpectLimitError("SELECT count(*) FROM (SELECT k, count(*) FROM big GROUP BY k) s", "HASH_AGGREGATE");
}

TEST_F(MemoryLimitTest, OrderByOverTheLimitFailsNamingOrderBy) {
  ExpectLimitError("SELECT count(*) FROM (SELECT k FROM big ORDER BY k DESC) s", "ORDER_BY");
}

TEST_F(MemoryLimitTest, JoinOverTheLimitFailsNamingHashJoin) {
  ExpectLimitError("SELECT count(*) FROM big a JOIN big b ON a.k = b.k", "HASH_JOIN");
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
  auto result = connection.query("SELECT count(*) FROM (SELECT k FROM big GROUP BY k) s");
  result->Materialize();
  ASSERT_TRUE(result->has_error());
  EXPECT_EQ(result->error().sqlstate(), "53200");
  EXPECT_EQ(database.memory_usage().used, 0u);
}

}  // namespace
}  // namespace cairn
