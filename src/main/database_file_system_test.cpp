// A Database reads and writes every file through the FileSystem of its options: here an
// in-memory one, with no file of the data directory on disk.
#include <gtest/gtest.h>

#include "cairn/cairn.h"
#include "io/in_memory_file_system.h"

namespace cairn {
namespace {

std::string QueryText(Connection& connection, const std::string& sql) {
  auto result = connection.query(sql);
  if (result->has_error()) return "error: " + result->error_message();
  std::string text;
  while (auto chunk = result->fetch()) {
    for (idx_t row = 0; row < chunk->size(); row++) {
      for (idx_t column = 0; column < chunk->ColumnCount(); column++) {
        text += (column ? "|" : "") + chunk->GetValue(column, row).ToString();
      }
      text += "\n";
    }
  }
  return text;
}

void WriteMemoryFile(FileSystem& fs, const std::string& path, const std::string& data) {
  auto file = fs.OpenForWrite(path, WriteMode::kTruncate);
  file->Append(data.data(), data.size());
  file->Close();
}

class DatabaseFileSystemTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs_ = std::make_shared<InMemoryFileSystem>();
    fs_->CreateDirectories("/db/events/year=2024");
    fs_->CreateDirectories("/db/events/year=2025");
    WriteMemoryFile(*fs_, "/db/cities.csv", "name,population\nOslo,709000\nBergen,291000\n");
    WriteMemoryFile(*fs_, "/db/events/year=2024/a.csv", "id,kind\n1,x\n2,y\n");
    WriteMemoryFile(*fs_, "/db/events/year=2025/b.csv", "id,kind\n3,x\n");
    // A Parquet file written by DuckDB, copied from the repository into memory.
    WriteMemoryFile(*fs_, "/db/types.parquet", FileSystem::Local().ReadFile("test/data/parquet/types_zstd_v1.parquet"));
    WriteMemoryFile(*fs_, "/db/table_mappings.json",
                    R"({"tables": [{"table_name": "cities", "file_path": "cities.csv"},
                                  {"table_name": "events", "partitions": ["events/"]}]})");
  }
  std::shared_ptr<InMemoryFileSystem> fs_;
};

TEST_F(DatabaseFileSystemTest, QueriesMappedTablesAndTableFunctionsFromMemory) {
  DatabaseOptions options;
  options.file_system = fs_;
  Database database("/db", options);
  Connection connection(database);
  EXPECT_EQ(QueryText(connection, "SELECT name, population FROM cities ORDER BY population"),
            "Bergen|291000\nOslo|709000\n");
  EXPECT_EQ(QueryText(connection, "SELECT year, count(*) FROM events GROUP BY year ORDER BY year"), "2024|2\n2025|1\n");
  EXPECT_EQ(QueryText(connection, "SELECT count(*) FROM read_csv('events/*/*.csv')"), "3\n");
  auto local = QueryText(connection, "SELECT count(*) FROM read_parquet('types.parquet')");
  EXPECT_EQ(local.rfind("error", 0), std::string::npos) << local;
  EXPECT_EQ(QueryText(connection, "SELECT count(*) FROM 'cities.csv'"), "2\n");
}

TEST_F(DatabaseFileSystemTest, RegistryDdlPersistsThroughTheFileSystem) {
  DatabaseOptions options;
  options.file_system = fs_;
  {
    Database database("/db", options);
    Connection connection(database);
    auto result = connection.query("CREATE FOREIGN TABLE types () SERVER files OPTIONS (location 'types.parquet')");
    ASSERT_FALSE(result->has_error()) << result->error_message();
  }
  EXPECT_NE(fs_->ReadFile("/db/table_mappings.json").find("types.parquet"), std::string::npos);
  Database reopened("/db", options);
  Connection connection(reopened);
  auto count = QueryText(connection, "SELECT count(*) > 0 FROM types");
  EXPECT_EQ(count, "true\n");
}

TEST_F(DatabaseFileSystemTest, MissingFileInMemoryIsUndefinedFile) {
  DatabaseOptions options;
  options.file_system = fs_;
  Database database("/db", options);
  Connection connection(database);
  auto result = connection.query("SELECT * FROM read_csv('absent.csv')");
  ASSERT_TRUE(result->has_error());
  EXPECT_EQ(result->error().sqlstate(), "58P01");
}

}  // namespace
}  // namespace cairn
