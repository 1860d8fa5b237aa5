// End-to-end tests of the table registry through the public API: registration, lookups,
// partitioned (Hive) tables, and table_mappings.json persistence across Database instances.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "cairn/cairn.h"
#include "scratch_directory.h"

namespace cairn {
namespace {

using testing::ScratchDirectory;
namespace fs = std::filesystem;

std::unique_ptr<QueryResult> MustQuery(Connection& connection, const std::string& sql) {
  std::unique_ptr<QueryResult> result = connection.query(sql);
  EXPECT_FALSE(result->has_error()) << sql << ": " << result->error_message();
  EXPECT_TRUE(result->Materialize()) << sql << ": " << result->error_message();
  return result;
}

// Runs `sql` and returns every cell as text, row-major, "NULL" for NULL.
std::vector<std::string> Cells(Connection& connection, const std::string& sql) {
  std::vector<std::string> cells;
  auto result = MustQuery(connection, sql);
  for (idx_t row = 0; row < result->RowCount(); ++row) {
    for (idx_t column = 0; column < result->ColumnCount(); ++column) {
      cells.push_back(result->GetValue(column, row).ToString());
    }
  }
  return cells;
}

template <class F>
std::string SqlstateOf(F&& f) {
  try {
    f();
  } catch (const Exception& error) {
    return error.sqlstate();
  }
  return "no exception";
}

bool SameFile(const std::string& a, const std::string& b) {
  std::error_code error;
  return fs::equivalent(a, b, error);
}

TEST(TableRegistryApiTest, RegistersAndLooksUpTables) {
  ScratchDirectory scratch;
  std::string orders = scratch.Write("orders.csv", "id,amount\n1,10\n2,20\n");
  std::string users = scratch.Write("users.csv", "id,name\n1,ann\n");
  Database database(scratch.path());
  TableRegistry& registry = database.registry();

  EXPECT_TRUE(registry.list_tables().empty());
  database.register_table("users", users);
  database.register_table("orders", orders);
  EXPECT_EQ(registry.list_tables(), (std::vector<std::string>{"orders", "users"}));
  EXPECT_TRUE(registry.has_table("orders"));
  EXPECT_FALSE(registry.has_table("nope"));

  EXPECT_TRUE(SameFile(registry.get_table_path("orders"), orders)) << registry.get_table_path("orders");
  TableMapping mapping = registry.get_table_mapping("orders");
  EXPECT_EQ(mapping.table_name, "orders");
  EXPECT_EQ(mapping.file_path, orders);
  EXPECT_TRUE(mapping.partitions.empty());
  EXPECT_FALSE(mapping.schema.has_value());

  std::vector<std::string> partitions = registry.get_all_partitions("orders");
  ASSERT_EQ(partitions.size(), 1u);
  EXPECT_TRUE(SameFile(partitions[0], orders));

  EXPECT_TRUE(registry.unregister_table("users"));
  EXPECT_FALSE(registry.unregister_table("users"));
  EXPECT_EQ(registry.list_tables(), (std::vector<std::string>{"orders"}));

  registry.clear();
  EXPECT_TRUE(registry.list_tables().empty());
  EXPECT_FALSE(registry.has_table("orders"));
}

TEST(TableRegistryApiTest, LookupErrorsCarrySqlstates) {
  ScratchDirectory scratch;
  Database database(scratch.path());
  TableRegistry& registry = database.registry();
  EXPECT_EQ(SqlstateOf([&] { registry.get_table_mapping("missing"); }), sqlstate::kUndefinedTable);
  EXPECT_EQ(SqlstateOf([&] { registry.get_table_path("missing"); }), sqlstate::kUndefinedTable);
  EXPECT_EQ(SqlstateOf([&] { database.register_table("t", scratch.Join("does_not_exist.csv")); }),
            sqlstate::kUndefinedFile);
  EXPECT_FALSE(registry.has_table("t"));
}

TEST(TableRegistryApiTest, UnmappedNameFallsBackToParquetFileName) {
  ScratchDirectory scratch;
  Database database(scratch.path());
  // No file: the fallback does not exist either.
  EXPECT_EQ(SqlstateOf([&] { database.registry().get_table_path("lineitem"); }), sqlstate::kUndefinedTable);
  EXPECT_EQ(database.registry().resolve("lineitem"), nullptr);
}

TEST(TableRegistryApiTest, OpeningAMissingDirectoryThrows) {
  ScratchDirectory scratch;
  EXPECT_THROW(Database(scratch.Join("no/such/dir")), Exception);
}

TEST(TableRegistryApiTest, HivePartitionedDirectoryBecomesOneTable) {
  ScratchDirectory scratch;
  scratch.Write("sales/year=2023/part0.csv", "amount\n10\n20\n");
  scratch.Write("sales/year=2024/part0.csv", "amount\n5\n");
  Database database(scratch.path());
  database.register_partitioned_table("sales", {"sales"});
  Connection connection(database);

  EXPECT_EQ(Cells(connection, "SELECT count(*), sum(amount) FROM sales"), (std::vector<std::string>{"3", "35"}));
  EXPECT_EQ(Cells(connection, "SELECT year, sum(amount) FROM sales GROUP BY year ORDER BY year"),
            (std::vector<std::string>{"2023", "30", "2024", "5"}));
  EXPECT_EQ(Cells(connection, "SELECT amount FROM sales WHERE year = '2024'"), (std::vector<std::string>{"5"}));

  std::vector<std::string> partitions = database.registry().get_all_partitions("sales");
  ASSERT_EQ(partitions.size(), 2u);
  EXPECT_TRUE(SameFile(partitions[0], scratch.Join("sales/year=2023/part0.csv")));
  EXPECT_TRUE(SameFile(partitions[1], scratch.Join("sales/year=2024/part0.csv")));
  TableMapping mapping = database.registry().get_table_mapping("sales");
  EXPECT_EQ(mapping.partitions, (std::vector<std::string>{"sales"}));
  EXPECT_TRUE(mapping.file_path.empty());
}

TEST(TableRegistryApiTest, PartitionsMayBeFilesAndGlobs) {
  ScratchDirectory scratch;
  scratch.Write("logs/a.csv", "v\n1\n");
  scratch.Write("logs/b.csv", "v\n2\n");
  scratch.Write("logs/c.csv", "v\n4\n");
  Database database(scratch.path());
  database.register_partitioned_table("two", {"logs/a.csv", scratch.Join("logs/b.csv")});
  database.register_partitioned_table("everything", {"logs/*.csv"});
  Connection connection(database);
  EXPECT_EQ(Cells(connection, "SELECT sum(v) FROM two"), (std::vector<std::string>{"3"}));
  EXPECT_EQ(Cells(connection, "SELECT sum(v) FROM everything"), (std::vector<std::string>{"7"}));
  EXPECT_EQ(database.registry().get_all_partitions("everything").size(), 3u);
}

TEST(TableRegistryApiTest, NewFilesInAPartitionedDirectoryAreSeen) {
  ScratchDirectory scratch;
  scratch.Write("events/day=1/x.csv", "n\n1\n");
  Database database(scratch.path());
  database.register_partitioned_table("events", {"events"});
  Connection connection(database);
  EXPECT_EQ(Cells(connection, "SELECT count(*) FROM events"), (std::vector<std::string>{"1"}));
  scratch.Write("events/day=2/x.csv", "n\n2\n3\n");
  EXPECT_EQ(Cells(connection, "SELECT count(*) FROM events"), (std::vector<std::string>{"3"}));
}

TEST(TableRegistryApiTest, SavedMappingsLoadInANewDatabase) {
  ScratchDirectory scratch;
  scratch.Write("data/orders.csv", "id,amount\n1,10\n2,20\n");
  scratch.Write("sales/region=eu/p.csv", "amount\n7\n");
  scratch.Write("sales/region=us/p.csv", "amount\n3\n");
  std::string config = scratch.Join("table_mappings.json");
  {
    Database database(scratch.path());
    database.register_table("orders", "data/orders.csv");
    database.register_partitioned_table("sales", {"sales"});
    database.save_table_mappings(config);
  }
  ASSERT_TRUE(fs::exists(config));
  {
    Database reopened(scratch.path());
    EXPECT_EQ(reopened.registry().list_tables(), (std::vector<std::string>{"orders", "sales"}));
    EXPECT_EQ(reopened.registry().get_table_mapping("orders").file_path, "data/orders.csv");
    Connection connection(reopened);
    EXPECT_EQ(Cells(connection, "SELECT sum(amount) FROM orders"), (std::vector<std::string>{"30"}));
    EXPECT_EQ(Cells(connection, "SELECT region FROM sales ORDER BY amount"), (std::vector<std::string>{"us", "eu"}));
  }
  {
    DatabaseOptions options;
    options.load_table_mappings = false;
    Database without(scratch.path(), options);
    EXPECT_TRUE(without.registry().list_tables().empty());
    without.load_table_mappings(config);
    EXPECT_TRUE(without.registry().has_table("orders"));
  }
}

TEST(TableRegistryApiTest, InvalidMappingsFileIsAConfigError) {
  ScratchDirectory scratch;
  std::string config = scratch.Write("table_mappings.json", "{ this is not json");
  EXPECT_EQ(SqlstateOf([&] { Database database(scratch.path()); }), sqlstate::kConfigFileError);
  DatabaseOptions options;
  options.load_table_mappings = false;
  Database database(scratch.path(), options);
  EXPECT_EQ(SqlstateOf([&] { database.load_table_mappings(config); }), sqlstate::kConfigFileError);
  EXPECT_TRUE(database.registry().list_tables().empty());
}

TEST(TableRegistryApiTest, DeclaredSchemaIsCheckedAgainstTheFile) {
  ScratchDirectory scratch;
  std::string file = scratch.Write("t.csv", "id,name\n1,a\n");
  Database database(scratch.path());

  TableMapping good;
  good.table_name = "good";
  good.file_path = file;
  good.schema = TableSchema{{{"id", "int64"}, {"name", "string"}}};
  database.register_table_with_schema(good);
  EXPECT_EQ(database.registry().get_table_mapping("good").schema, good.schema);

  TableMapping bad = good;
  bad.table_name = "bad";
  bad.schema = TableSchema{{{"id", "int64"}, {"missing_column", "string"}}};
  std::string state = SqlstateOf([&] { database.register_table_with_schema(bad); });
  EXPECT_NE(state, "no exception");
  EXPECT_FALSE(database.registry().has_table("bad"));
}

}  // namespace
}  // namespace cairn
