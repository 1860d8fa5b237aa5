// datasources.json (the seed's format) decides whether and how a data directory opens writable.
#include "main/datasources_file.h"

#include <gtest/gtest.h>

#include "cairn/cairn.h"
#include "io/in_memory_file_system.h"

namespace cairn {
namespace {

void Write(FileSystem& fs, const std::string& path, const std::string& data) {
  auto file = fs.OpenForWrite(path, WriteMode::kTruncate);
  file->Append(data.data(), data.size());
  file->Close();
}

class DatasourcesFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs_ = std::make_shared<InMemoryFileSystem>();
    fs_->CreateDirectories("/srv/analytics");
  }
  std::string ErrorOf(const std::string& json) {
    Write(*fs_, "/srv/analytics/datasources.json", json);
    try {
      ReadDatasourcesFile(*fs_, "/srv/analytics");
    } catch (const Exception& e) {
      EXPECT_EQ(e.sqlstate(), sqlstate::kConfigFileError) << e.what();
      return e.what();
    }
    return "no error";
  }
  std::shared_ptr<InMemoryFileSystem> fs_;
};

TEST_F(DatasourcesFileTest, DurationsAsTheSeedWritesThem) {
  EXPECT_EQ(ParseFlushInterval("10s"), std::chrono::milliseconds(10000));
  EXPECT_EQ(ParseFlushInterval("1m"), std::chrono::milliseconds(60000));
  EXPECT_EQ(ParseFlushInterval("5m"), std::chrono::milliseconds(300000));
  EXPECT_EQ(ParseFlushInterval("1h30m"), std::chrono::milliseconds(5400000));
  EXPECT_EQ(ParseFlushInterval("500ms"), std::chrono::milliseconds(500));
  EXPECT_EQ(ParseFlushInterval("1.5s"), std::chrono::milliseconds(1500));
  EXPECT_FALSE(ParseFlushInterval(""));
  EXPECT_FALSE(ParseFlushInterval("10"));
  EXPECT_FALSE(ParseFlushInterval("10 s"));
  EXPECT_FALSE(ParseFlushInterval("ten s"));
  EXPECT_FALSE(ParseFlushInterval("3d"));
}

TEST_F(DatasourcesFileTest, TheEntryNamingTheDirectoryApplies) {
  Write(*fs_, "/srv/analytics/datasources.json", R"({"datasources": [
      {"name": "cache", "type": "memory"},
      {"name": "analytics", "type": "parquet", "writable": true,
       "options": {"writable": true, "compression": "zstd", "flush_interval": "10s"}}]})");
  auto settings = ReadDatasourcesFile(*fs_, "/srv/analytics");
  ASSERT_TRUE(settings);
  EXPECT_EQ(settings->writable, true);
  EXPECT_EQ(settings->compression, "zstd");
  EXPECT_EQ(settings->flush_interval, std::chrono::milliseconds(10000));
  EXPECT_FALSE(ReadDatasourcesFile(*fs_, "/srv/other"));
}

TEST_F(DatasourcesFileTest, BadFilesNameTheEntry) {
  EXPECT_NE(ErrorOf("{").find("invalid JSON"), std::string::npos);
  EXPECT_NE(ErrorOf(R"({"sources": []})").find("\"datasources\" array"), std::string::npos);
  EXPECT_NE(ErrorOf(R"({"datasources": [{"type": "parquet"}]})").find("datasources[0]: needs a string \"name\""),
            std::string::npos);
  std::string bad_interval = ErrorOf(
      R"({"datasources": [{"name": "x", "type": "parquet"}, {"name": "analytics", "type": "parquet", "options": {"flush_interval": "soon"}}]})");
  EXPECT_NE(bad_interval.find("datasources[1] (\"analytics\")"), std::string::npos) << bad_interval;
  EXPECT_NE(bad_interval.find("\"soon\""), std::string::npos);
  EXPECT_NE(ErrorOf(R"({"datasources": [{"name": "analytics", "type": "parquet", "options": {"compression": "brotli"}}]})")
                .find("unknown compression \"brotli\""),
            std::string::npos);
  EXPECT_NE(ErrorOf(R"({"datasources": [{"name": "analytics", "type": "parquet", "writable": "yes"}]})")
                .find("\"writable\" must be true or false"),
            std::string::npos);
}

TEST_F(DatasourcesFileTest, ADatabaseOpensWritableFromTheFile) {
  DatabaseOptions options;
  options.file_system = fs_;
  options.threads = 1;
  {
    Database database("/srv/analytics", options);
    Connection connection(database);
    EXPECT_EQ(connection.query("CREATE TABLE t (x INT)")->error().sqlstate(), sqlstate::kReadOnlySqlTransaction);
  }
  Write(*fs_, "/srv/analytics/datasources.json",
        R"({"datasources": [{"name": "analytics", "type": "parquet", "writable": true, "options": {"flush_interval": "1m"}}]})");
  {
    Database database("/srv/analytics", options);
    Connection connection(database);
    auto created = connection.query("CREATE TABLE t (x INT)");
    EXPECT_FALSE(created->has_error()) << created->error_message();
    EXPECT_FALSE(connection.query("INSERT INTO t VALUES (1), (2)")->has_error());
  }
  Write(*fs_, "/srv/analytics/datasources.json", R"({"datasources": [{"name": "analytics", "type": "parquet", "options": {"flush_interval": 5}}]})");
  try {
    Database database("/srv/analytics", options);
    FAIL() << "a bad datasources.json opened";
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), sqlstate::kConfigFileError);
    EXPECT_NE(std::string(e.what()).find("datasources[0] (\"analytics\")"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace cairn
