// COPY ... TO through the database's FileSystem (an in-memory one): the command tag, the bytes
// written, durability across a simulated crash (fsync, rename, directory sync), and that a
// failing COPY leaves the target as it was and no temporary file.
#include <gtest/gtest.h>

#include "cairn/cairn.h"
#include "io/in_memory_file_system.h"

namespace cairn {
namespace {

class CopyToTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs_ = std::make_shared<InMemoryFileSystem>();
    fs_->CreateDirectories("/db");
    fs_->CreateDirectories("/out");
    fs_->SyncDirectory("/");
    DatabaseOptions options;
    options.file_system = fs_;
    database_ = std::make_unique<Database>("/db", options);
    connection_ = std::make_unique<Connection>(*database_);
  }

  /// Runs `sql`; returns its command tag, or "error SQLSTATE: message".
  std::string Run(const std::string& sql) {
    auto result = connection_->query(sql);
    if (!result->has_error()) result->Materialize();
    if (result->has_error()) return "error " + result->error().sqlstate() + ": " + result->error_message();
    EXPECT_EQ(result->ColumnCount(), 0u);
    return result->command_tag();
  }

  std::vector<std::string> Entries(const std::string& directory) {
    std::vector<std::string> names;
    for (const auto& entry : fs_->ListDirectory(directory)) names.push_back(entry.name);
    return names;
  }

  std::shared_ptr<InMemoryFileSystem> fs_;
  std::unique_ptr<Database> database_;
  std::unique_ptr<Connection> connection_;
};

TEST_F(CopyToTest, CommandTagCountsRowsAndFileHoldsThem) {
  EXPECT_EQ(Run("COPY (SELECT i, i % 2 = 0 AS even FROM generate_series(1, 3) t(i)) TO '/out/a.csv' (HEADER)"), "COPY 3");
  EXPECT_EQ(fs_->ReadFile("/out/a.csv"), "i,even\n1,f\n2,t\n3,f\n");
  EXPECT_EQ(Run("COPY (SELECT 1 WHERE false) TO '/out/empty.txt'"), "COPY 0");
  EXPECT_EQ(fs_->ReadFile("/out/empty.txt"), "");
  EXPECT_EQ(Run("COPY (SELECT i FROM generate_series(1, 5000) t(i)) TO '/out/a.parquet' (ROW_GROUP_SIZE 1000)"),
            "COPY 5000");
  auto result = connection_->query("SELECT count(*), sum(i) FROM read_parquet('/out/a.parquet')");
  ASSERT_FALSE(result->has_error()) << result->error_message();
  ASSERT_TRUE(result->Materialize());
  EXPECT_EQ(result->GetValue(0, 0).ToString(), "5000");
  EXPECT_EQ(result->GetValue(1, 0).ToString(), "12502500");
  EXPECT_EQ(Entries("/out"), (std::vector<std::string>{"a.csv", "a.parquet", "empty.txt"}));
}

TEST_F(CopyToTest, FinishedCopySurvivesACrash) {
  ASSERT_EQ(Run("COPY (SELECT 'kept' AS v) TO '/out/kept.csv'"), "COPY 1");
  ASSERT_EQ(Run("COPY (SELECT i FROM generate_series(1, 100) t(i)) TO '/out/kept.parquet'"), "COPY 100");
  const std::string parquet = fs_->ReadFile("/out/kept.parquet");
  fs_->SimulateCrash();
  EXPECT_EQ(fs_->ReadFile("/out/kept.csv"), "kept\n");
  EXPECT_EQ(fs_->ReadFile("/out/kept.parquet"), parquet);
  EXPECT_EQ(Entries("/out"), (std::vector<std::string>{"kept.csv", "kept.parquet"}));
}

TEST_F(CopyToTest, FailedCopyLeavesTargetAndNoTemporary) {
  ASSERT_EQ(Run("COPY (SELECT 'old' AS v) TO '/out/t.csv'"), "COPY 1");
  ASSERT_EQ(Run("COPY (SELECT 'old' AS v) TO '/out/t.parquet'"), "COPY 1");
  const std::string parquet = fs_->ReadFile("/out/t.parquet");
  // The error comes from the query after many rows were written.
  const std::string failing = "COPY (SELECT 10 / (i - 4000) AS v FROM generate_series(1, 10000) t(i)) TO ";
  EXPECT_EQ(Run(failing + "'/out/t.csv'").substr(0, 11), "error 22012");
  EXPECT_EQ(Run(failing + "'/out/t.parquet'").substr(0, 11), "error 22012");
  EXPECT_EQ(fs_->ReadFile("/out/t.csv"), "old\n");
  EXPECT_EQ(fs_->ReadFile("/out/t.parquet"), parquet);
  EXPECT_EQ(Entries("/out"), (std::vector<std::string>{"t.csv", "t.parquet"}));
}

TEST_F(CopyToTest, MissingDirectoryNamesThePath) {
  EXPECT_EQ(Run("COPY (SELECT 1) TO '/missing/x.csv'").substr(0, 11), "error 58P01");
  EXPECT_NE(Run("COPY (SELECT 1) TO '/missing/x.parquet'").find("/missing/x.parquet"), std::string::npos);
  EXPECT_EQ(Run("COPY (SELECT 1) TO '/missing/x.parquet'").find(".tmp."), std::string::npos);
}

TEST_F(CopyToTest, UnsupportedParquetTypeNamesColumnAndWritesNothing) {
  const std::string error = Run("COPY (SELECT INTERVAL '1 day' AS span) TO '/out/i.parquet'");
  EXPECT_EQ(error.substr(0, 11), "error 0A000");
  EXPECT_NE(error.find("\"span\""), std::string::npos) << error;
  EXPECT_NE(error.find("INTERVAL"), std::string::npos) << error;
  EXPECT_TRUE(Entries("/out").empty());
  // An unconstrained numeric (a quotient, avg) has no fixed scale: the hint says what to cast to.
  auto result = connection_->query("COPY (SELECT 1.5 / 3 AS q) TO '/out/q.parquet'");
  ASSERT_TRUE(result->has_error());
  EXPECT_EQ(result->error().sqlstate(), "0A000");
  EXPECT_NE(result->error().hint().find("numeric(p,s)"), std::string::npos) << result->error().hint();
  EXPECT_TRUE(Entries("/out").empty());
}

}  // namespace
}  // namespace cairn
