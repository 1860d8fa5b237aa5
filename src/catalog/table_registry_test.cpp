#include "cairn/table_registry.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cairn/exception.h"
#include "function/table/table_source.h"
#include "formats/csv_test_fixture.h"

namespace cairn {
namespace {

using testing_csv::ReadAll;
using testing_csv::TempDir;
using Rows = std::vector<std::vector<std::string>>;

std::vector<std::string> ColumnNames(const TableSource& s) {
  std::vector<std::string> out;
  for (const auto& c : s.columns()) out.push_back(c.name + ":" + c.type.ToString());
  return out;
}

std::string SqlStateOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const Exception& e) {
    return e.sqlstate();
  }
  return "none";
}

TEST(TableRegistryTest, FallsBackToFilesNamedAfterTheTable) {
  TempDir dir;
  dir.Write("users.csv", "id,name\n1,ann\n2,bob\n");
  TableRegistry registry(dir.path());
  auto source = registry.resolve("users");
  ASSERT_NE(source, nullptr);
  EXPECT_EQ(ReadAll(*source), (Rows{{"1", "ann"}, {"2", "bob"}}));
  EXPECT_NE(registry.resolve("USERS"), nullptr);  // names are case-insensitive
  EXPECT_EQ(registry.resolve("missing"), nullptr);
  EXPECT_EQ(registry.get_table_path("users"), dir.path() + "/users.csv");
  EXPECT_EQ(SqlStateOf([&] { registry.get_table_path("missing"); }), sqlstate::kUndefinedTable);
  EXPECT_FALSE(registry.has_table("users"));  // a fallback is not a mapping
}

// Regression: with a relative data directory the fallback path was resolved against it twice
// ("db/db/users.csv") and the table could not be read.
TEST(TableRegistryTest, FallbackWorksWithARelativeDataDirectory) {
  TempDir dir;
  dir.Write("db/users.csv", "id\n1\n");
  std::filesystem::path previous = std::filesystem::current_path();
  std::filesystem::current_path(dir.path());
  TableRegistry registry("db");
  auto source = registry.resolve("users");
  std::string path = registry.get_table_path("users");
  std::vector<std::string> partitions = registry.get_all_partitions("users");
  Rows rows = source ? ReadAll(*source) : Rows{};
  std::filesystem::current_path(previous);
  ASSERT_NE(source, nullptr);
  EXPECT_EQ(rows, (Rows{{"1"}}));
  EXPECT_EQ(path, "db/users.csv");
  EXPECT_EQ(partitions, (std::vector<std::string>{"db/users.csv"}));
}

TEST(TableRegistryTest, RegisterResolvesRelativeAndDotDotPaths) {
  TempDir dir;
  dir.Write("common/t.csv", "a\n1\n");
  std::filesystem::create_directories(dir.path() + "/db");
  TableRegistry registry(dir.path() + "/db");
  registry.register_table("T", "../common/t.csv");
  EXPECT_TRUE(registry.has_table("t"));
  EXPECT_EQ(registry.list_tables(), (std::vector<std::string>{"t"}));
  EXPECT_EQ(registry.get_table_mapping("t").table_name, "T");
  EXPECT_EQ(registry.get_table_path("t"), dir.path() + "/common/t.csv");
  EXPECT_EQ(ReadAll(*registry.resolve("t")), (Rows{{"1"}}));
  EXPECT_EQ(SqlStateOf([&] { registry.register_table("x", "nope.csv"); }), sqlstate::kUndefinedFile);
  EXPECT_FALSE(registry.has_table("x"));
  EXPECT_TRUE(registry.unregister_table("T"));
  EXPECT_FALSE(registry.unregister_table("T"));
  EXPECT_EQ(SqlStateOf([&] { registry.get_table_mapping("t"); }), sqlstate::kUndefinedTable);
}

TEST(TableRegistryTest, CachesSourcesUntilFilesOrMappingsChange) {
  TempDir dir;
  std::string a = dir.Write("a.csv", "v\n1\n");
  dir.Write("b.csv", "v\n2\n");
  TableRegistry registry(dir.path());
  registry.register_table("t", "a.csv");
  auto first = registry.resolve("t");
  EXPECT_EQ(first, registry.resolve("t"));  // cached
  // Rewritten in place: picked up by the next resolve.
  dir.Write("a.csv", "v\n10\n20\n");
  std::filesystem::last_write_time(a, std::filesystem::last_write_time(a) + std::chrono::seconds(5));
  auto second = registry.resolve("t");
  EXPECT_NE(first, second);
  EXPECT_EQ(ReadAll(*second), (Rows{{"10"}, {"20"}}));
  // Re-registered: the new file.
  registry.register_table("t", "b.csv");
  EXPECT_EQ(ReadAll(*registry.resolve("t")), (Rows{{"2"}}));
  registry.clear();
  EXPECT_TRUE(registry.list_tables().empty());
}

TEST(TableRegistryTest, GlobPartitions) {
  TempDir dir;
  dir.Write("parts/p2.csv", "k,v\n2,b\n");
  dir.Write("parts/p1.csv", "k,v\n1,a\n");
  dir.Write("parts/readme.txt", "not data");
  TableRegistry registry(dir.path());
  registry.register_partitioned_table("p", {"parts/*.csv"});
  EXPECT_EQ(registry.get_all_partitions("p"),
            (std::vector<std::string>{dir.path() + "/parts/p1.csv", dir.path() + "/parts/p2.csv"}));
  EXPECT_EQ(ReadAll(*registry.resolve("p")), (Rows{{"1", "a"}, {"2", "b"}}));
  EXPECT_EQ(SqlStateOf([&] { registry.register_partitioned_table("q", {"parts/*.parquet"}); }), sqlstate::kUndefinedFile);
}

TEST(TableRegistryTest, HivePartitionedDirectoriesWithPruning) {
  TempDir dir;
  dir.Write("events/year=2023/month=12/a.csv", "id,name\n1,x\n");
  dir.Write("events/year=2024/month=1/b.csv", "id,name\n2,y\n3,z\n");
  dir.Write("events/year=2024/month=__HIVE_DEFAULT_PARTITION__/c.csv", "id,name\n4,w\n");
  dir.Write("events/_SUCCESS", "");
  TableRegistry registry(dir.path());
  registry.register_partitioned_table("events", {"events"});
  EXPECT_EQ(registry.get_all_partitions("events").size(), 3u);
  auto source = registry.resolve("events");
  ASSERT_NE(source, nullptr);
  EXPECT_EQ(ColumnNames(*source), (std::vector<std::string>{"id:BIGINT", "name:VARCHAR", "year:BIGINT", "month:BIGINT"}));
  EXPECT_EQ(ReadAll(*source), (Rows{{"1", "x", "2023", "12"}, {"2", "y", "2024", "1"}, {"3", "z", "2024", "1"},
                                    {"4", "w", "2024", "NULL"}}));
  // year = 2024 AND name <> 'q': the 2023 directory is not read.
  std::vector<TableFilter> filters = {TableFilter{2, TableFilter::Op::EQUAL, Value::BigInt(2024)},
                                      TableFilter{1, TableFilter::Op::NOT_EQUAL, Value::Varchar("q")}};
  EXPECT_EQ(ReadAll(*source, {3, 0}, filters), (Rows{{"1", "2"}, {"1", "3"}, {"NULL", "4"}}));
  EXPECT_EQ(ReadAll(*source, {2}, {TableFilter{3, TableFilter::Op::IS_NULL, Value()}}), (Rows{{"2024"}}));
  // Only partition columns requested: row counts come from the files.
  EXPECT_EQ(ReadAll(*source, {2}, {TableFilter{2, TableFilter::Op::LESS, Value::BigInt(2024)}}), (Rows{{"2023"}}));
  // The same through a glob.
  registry.register_partitioned_table("g", {"events/*/*/*.csv"});
  EXPECT_EQ(ColumnNames(*registry.resolve("g")).size(), 4u);
}

TEST(TableRegistryTest, FilesWithoutKeyValueSegmentsAreAPlainMultiFileTable) {
  TempDir dir;
  dir.Write("events/2024/01/events.csv", "id\n1\n");
  dir.Write("events/2024/02/events.csv", "id\n2\n");
  TableRegistry registry(dir.path());
  registry.register_partitioned_table("events", {"events/2024/01/events.csv", "events/2024/02/events.csv"});
  EXPECT_EQ(ColumnNames(*registry.resolve("events")), (std::vector<std::string>{"id:BIGINT"}));
  EXPECT_EQ(ReadAll(*registry.resolve("events")), (Rows{{"1"}, {"2"}}));
}

TEST(TableRegistryTest, DeclaredSchemaIsValidatedAndTypesCsv) {
  TempDir dir;
  dir.Write("users.csv", "user_id,username\n1,ann\n");
  TableRegistry registry(dir.path());
  TableMapping m;
  m.table_name = "users";
  m.file_path = "users.csv";
  m.schema = TableSchema{{{"user_id", "int32", false}, {"USERNAME", "string", false}}};
  registry.register_table_with_schema(m);
  EXPECT_EQ(ColumnNames(*registry.resolve("users")), (std::vector<std::string>{"user_id:INTEGER", "username:VARCHAR"}));
  EXPECT_EQ(registry.get_table_mapping("users"), m);

  TableMapping bad = m;
  bad.table_name = "bad";
  bad.schema = TableSchema{{{"email", "string", true}}};
  try {
    registry.register_table_with_schema(bad);
    FAIL();
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), sqlstate::kDatatypeMismatch);
    EXPECT_NE(std::string(e.what()).find("table \"bad\": declared column \"email\""), std::string::npos) << e.what();
  }
  EXPECT_FALSE(registry.has_table("bad"));
  bad.schema = TableSchema{{{"user_id", "int65", true}}};
  EXPECT_EQ(SqlStateOf([&] { registry.register_table_with_schema(bad); }), sqlstate::kDatatypeMismatch);
}

TEST(TableRegistryTest, LoadAndSaveMappings) {
  TempDir dir;
  dir.Write("u.csv", "id\n1\n");
  dir.Write("e/1.csv", "id\n2\n");
  std::string config = dir.Write("table_mappings.json", R"({"tables": [
    {"table_name": "users", "file_path": "u.csv", "schema": {"columns": [{"name": "id", "type": "int64", "nullable": false}]}},
    {"table_name": "events", "partitions": ["e/*.csv"]},
    {"table_name": "later", "file_path": "not_yet.csv"}]})");
  TableRegistry registry(dir.path());
  registry.load_table_mappings(config);
  EXPECT_EQ(registry.list_tables(), (std::vector<std::string>{"events", "later", "users"}));
  EXPECT_EQ(ReadAll(*registry.resolve("events")), (Rows{{"2"}}));
  EXPECT_EQ(SqlStateOf([&] { registry.resolve("later"); }), sqlstate::kUndefinedFile);
  std::string saved = dir.path() + "/saved.json";
  registry.save_table_mappings(saved);
  TableRegistry again(dir.path());
  again.load_table_mappings(saved);
  EXPECT_EQ(again.get_table_mapping("users"), registry.get_table_mapping("users"));
  EXPECT_EQ(again.get_table_mapping("events"), registry.get_table_mapping("events"));
  std::string resaved = dir.path() + "/resaved.json";
  again.save_table_mappings(resaved);
  std::ifstream a(saved), b(resaved);
  std::string sa((std::istreambuf_iterator<char>(a)), {}), sb((std::istreambuf_iterator<char>(b)), {});
  EXPECT_EQ(sa, sb);
}

TEST(TableRegistryTest, BadMappingsFileRegistersNothing) {
  TempDir dir;
  dir.Write("u.csv", "id\n1\n");
  std::string config = dir.Write("table_mappings.json", R"({"tables": [
    {"table_name": "users", "file_path": "u.csv"},
    {"table_name": "events", "file_path": "x.csv", "partitions": ["y.csv"]}]})");
  TableRegistry registry(dir.path());
  try {
    registry.load_table_mappings(config);
    FAIL();
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), sqlstate::kConfigFileError);
    EXPECT_NE(std::string(e.what()).find("tables[1] (\"events\")"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(registry.list_tables().empty());
  // A declared schema that does not match an existing file also rejects the whole file.
  std::string config2 = dir.Write("m2.json", R"({"tables": [
    {"table_name": "ok", "file_path": "u.csv"},
    {"table_name": "users", "file_path": "u.csv", "schema": {"columns": [{"name": "nope", "type": "int64"}]}}]})");
  try {
    registry.load_table_mappings(config2);
    FAIL();
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), sqlstate::kDatatypeMismatch);
    EXPECT_NE(std::string(e.what()).find("tables[1] (\"users\")"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(registry.list_tables().empty());
}

}  // namespace
}  // namespace cairn
