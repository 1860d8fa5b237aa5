// The catalog through the public API (docs/design/catalog.md): namespaces, views and file
// tables survive reopening with their ids and schema versions; re-registering a table with
// other columns adds a version; a broken entry (vanished file, mismatched declared schema)
// leaves the directory openable, is listed, fails its own queries with the reason and shows
// in system.tables; a corrupt catalog.json is an F0000 error naming the file and the entry.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <thread>
#include <string>
#include <vector>

#include "cairn/cairn.h"
#include "one_thread.h"
#include "scratch_directory.h"

namespace cairn {
namespace {

using testing::OneThread;
using testing::ScratchDirectory;
namespace fs = std::filesystem;

std::vector<std::string> Cells(Connection& connection, const std::string& sql) {
  std::vector<std::string> cells;
  std::unique_ptr<QueryResult> result = connection.query(sql);
  EXPECT_FALSE(result->has_error()) << sql << ": " << result->error_message();
  EXPECT_TRUE(result->Materialize()) << sql << ": " << result->error_message();
  for (idx_t row = 0; row < result->RowCount(); ++row) {
    for (idx_t column = 0; column < result->ColumnCount(); ++column) cells.push_back(result->GetValue(column, row).ToString());
  }
  return cells;
}

void Execute(Connection& connection, const std::string& sql) {
  std::unique_ptr<QueryResult> result = connection.query(sql);
  ASSERT_FALSE(result->has_error()) << sql << ": " << result->error_message();
}

std::string ErrorOf(Connection& connection, const std::string& sql) {
  std::unique_ptr<QueryResult> result = connection.query(sql);
  if (!result->has_error()) result->Materialize();
  return result->has_error() ? result->error_message() : "no error";
}

TEST(CatalogTest, NamespacesViewsAndIdsSurviveReopening) {
  ScratchDirectory dir;
  dir.Write("a.csv", "x,y\n1,one\n2,two\n");
  std::vector<std::string> before;
  {
    Database db(dir.path(), OneThread());
    Connection con(db);
    Execute(con, "CREATE SCHEMA sales");
    Execute(con, "CREATE FOREIGN TABLE sales.a () SERVER files OPTIONS (location 'a.csv')");
    Execute(con, "CREATE FOREIGN TABLE a () SERVER files OPTIONS (location 'a.csv')");
    Execute(con, "CREATE VIEW sales.big AS SELECT x FROM sales.a WHERE x > 1");
    before = Cells(con, "SELECT table_id, namespace, table_name, table_type FROM system.tables WHERE table_type <> 'SYSTEM' ORDER BY 1");
    ASSERT_EQ(before.size(), 12u);
  }
  EXPECT_TRUE(fs::exists(dir.Join("catalog.json")));
  Database db(dir.path(), OneThread());
  Connection con(db);
  EXPECT_EQ(Cells(con, "SELECT table_id, namespace, table_name, table_type FROM system.tables WHERE table_type <> 'SYSTEM' ORDER BY 1"),
            before);
  EXPECT_EQ(Cells(con, "SELECT * FROM sales.big"), (std::vector<std::string>{"2"}));
  EXPECT_TRUE(db.broken_tables().empty());
  // The registry's API sees file tables of every namespace, by qualified name.
  EXPECT_TRUE(db.registry().has_table("sales.a"));
  EXPECT_TRUE(db.catalog().has_namespace("sales"));
  EXPECT_FALSE(db.catalog().has_namespace("SALES"));  // a quoted "SALES" would be another namespace
}

TEST(CatalogTest, ReRegisteringWithOtherColumnsAddsASchemaVersion) {
  ScratchDirectory dir;
  dir.Write("v1.csv", "x\n1\n");
  dir.Write("v2.csv", "x,y\n1,2\n");
  Database db(dir.path(), OneThread());
  Connection con(db);
  Execute(con, "CREATE FOREIGN TABLE t () SERVER files OPTIONS (location 'v1.csv')");
  db.register_table("t", "v2.csv");  // the registry's C++ API, as ByteDB's users call it
  EXPECT_EQ(Cells(con, "SELECT schema_version, is_current, json_array_length(columns) FROM system.schemas WHERE table_name = 't' ORDER BY 1"),
            (std::vector<std::string>{"1", "false", "1", "2", "true", "2"}));
  db.register_table("t", "v2.csv");  // the same columns again: no new version
  EXPECT_EQ(Cells(con, "SELECT schema_version FROM system.tables WHERE table_name = 't'"), (std::vector<std::string>{"2"}));
  // The history is persisted with the next change.
  Execute(con, "CREATE SCHEMA other");
  Database reopened(dir.path(), OneThread());
  Connection again(reopened);
  EXPECT_EQ(Cells(again, "SELECT count(*) FROM system.schemas WHERE table_name = 't'"), (std::vector<std::string>{"2"}));
}

TEST(CatalogTest, ABrokenEntryLeavesTheRestUsable) {
  ScratchDirectory dir;
  dir.Write("good.csv", "x\n1\n");
  dir.Write("gone.csv", "x\n1\n");
  dir.Write("typed.csv", "x\n1\n");
  {
    Database db(dir.path(), OneThread());
    Connection con(db);
    Execute(con, "CREATE FOREIGN TABLE good () SERVER files OPTIONS (location 'good.csv')");
    Execute(con, "CREATE FOREIGN TABLE gone () SERVER files OPTIONS (location 'gone.csv')");
    Execute(con, "CREATE FOREIGN TABLE typed (x BIGINT) SERVER files OPTIONS (location 'typed.csv')");
  }
  fs::remove(dir.Join("gone.csv"));
  dir.Write("typed.csv", "y\n1\n");  // the declared column x no longer exists
  Database db(dir.path(), OneThread());
  Connection con(db);
  std::vector<std::string> broken = db.broken_tables();
  ASSERT_EQ(broken.size(), 2u);
  EXPECT_NE(broken[0].find("public.gone"), std::string::npos) << broken[0];
  EXPECT_NE(broken[1].find("public.typed"), std::string::npos) << broken[1];
  EXPECT_EQ(Cells(con, "SELECT count(*) FROM good"), (std::vector<std::string>{"1"}));
  EXPECT_NE(ErrorOf(con, "SELECT * FROM gone").find("gone.csv"), std::string::npos);
  EXPECT_NE(ErrorOf(con, "SELECT * FROM typed").find("\"x\""), std::string::npos);
  EXPECT_EQ(Cells(con, "SELECT table_name, state FROM system.tables WHERE namespace = 'public' ORDER BY 1"),
            (std::vector<std::string>{"gone", "broken", "good", "ok", "typed", "broken"}));
  // Dropping the broken entry works, and the file is gone from the catalog.
  Execute(con, "DROP FOREIGN TABLE gone");
  EXPECT_EQ(Cells(con, "SELECT count(*) FROM system.tables WHERE table_name = 'gone'"), (std::vector<std::string>{"0"}));
}

TEST(CatalogTest, ConnectionsOnManyThreadsChangeAndReadTheCatalogAtOnce) {
  // Each thread creates, reads and drops its own views and file tables while reading the
  // system tables; every statement succeeds and nothing is left (run under TSan by make sanitize).
  ScratchDirectory dir;
  dir.Write("a.csv", "x\n1\n2\n");
  DatabaseOptions options;
  options.threads = 2;
  Database db(dir.path(), options);
  Execute(*std::make_unique<Connection>(db), "CREATE SCHEMA shared");
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; t++) {
    threads.emplace_back([&, t] {
      Connection con(db);
      auto run = [&](const std::string& sql) {
        auto result = con.query(sql);
        if (!result->has_error()) result->Materialize();
        if (result->has_error()) {
          failures++;
          ADD_FAILURE() << sql << ": " << result->error_message();
        }
      };
      for (int i = 0; i < 15; i++) {
        std::string n = std::to_string(t) + "_" + std::to_string(i);
        run("CREATE FOREIGN TABLE shared.t" + n + " () SERVER files OPTIONS (location 'a.csv')");
        run("CREATE VIEW shared.v" + n + " AS SELECT sum(x) AS s FROM shared.t" + n);
        run("SELECT s FROM shared.v" + n);
        run("SELECT count(*) FROM system.tables t JOIN system.columns c ON c.table_id = t.table_id");
        run("DROP VIEW shared.v" + n);
        run("DROP FOREIGN TABLE shared.t" + n);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  Connection con(db);
  EXPECT_EQ(Cells(con, "SELECT count(*) FROM system.tables WHERE namespace = 'shared'"), (std::vector<std::string>{"0"}));
  Database reopened(dir.path(), OneThread());
  Connection again(reopened);
  EXPECT_EQ(Cells(again, "SELECT count(*) FROM system.tables WHERE namespace = 'shared'"), (std::vector<std::string>{"0"}));
}

TEST(CatalogTest, APreparedQueryOfASystemTableSeesLaterChanges) {
  ScratchDirectory dir;
  dir.Write("a.csv", "x\n1\n");
  Database db(dir.path(), OneThread());
  Connection con(db);
  auto statement = con.prepare("SELECT count(*) FROM system.tables WHERE table_type = 'FILE'");
  ASSERT_FALSE(statement->has_error()) << statement->error_message();
  auto count = [&] {
    auto result = statement->execute({});
    EXPECT_TRUE(result->Materialize()) << result->error_message();
    return result->GetValue(0, 0).ToString();
  };
  EXPECT_EQ(count(), "0");
  Execute(con, "CREATE FOREIGN TABLE a () SERVER files OPTIONS (location 'a.csv')");
  EXPECT_EQ(count(), "1");
}

TEST(CatalogTest, ACorruptCatalogFileNamesTheFileAndTheEntry) {
  ScratchDirectory dir;
  dir.Write("catalog.json",
            R"({"format": "cairn-catalog", "format_version": 1, "next_table_id": 16385, "namespaces": [],
                "tables": [{"id": 16384, "namespace": "public", "name": "v", "type": "VIEW", "created_at": 0,
                            "view": {"sql": "SELECT 1"}, "versions": "none"}]})");
  try {
    Database db(dir.path(), OneThread());
    FAIL() << "opened a corrupt catalog";
  } catch (const Exception& error) {
    EXPECT_EQ(error.sqlstate(), "F0000");
    std::string message = error.what();
    EXPECT_NE(message.find("catalog.json: tables[0] (\"v\")"), std::string::npos) << message;
    EXPECT_NE(message.find("versions"), std::string::npos) << message;
  }
  dir.Write("catalog.json", "{\"format\": \"cairn-catalog\", ");
  try {
    Database db(dir.path(), OneThread());
    FAIL() << "opened a truncated catalog";
  } catch (const Exception& error) {
    EXPECT_EQ(error.sqlstate(), "F0000");
    EXPECT_NE(std::string(error.what()).find("catalog.json: invalid JSON"), std::string::npos) << error.what();
  }
}

TEST(CatalogTest, MetadataWithoutAMappingIsDroppedAndAMappingWithoutMetadataGetsAnId) {
  // What a process killed between writing catalog.json and table_mappings.json leaves.
  ScratchDirectory dir;
  dir.Write("a.csv", "x\n1\n");
  dir.Write("table_mappings.json", R"({"tables": [{"table_name": "a", "file_path": "a.csv"}]})");
  dir.Write("catalog.json",
            R"({"format": "cairn-catalog", "format_version": 1, "next_table_id": 16390, "namespaces": [],
                "tables": [{"id": 16385, "namespace": "public", "name": "b", "type": "FILE", "created_at": 0,
                            "registered_as": {"table_name": "b", "file_path": "b.csv"},
                            "versions": [{"version": 1, "created_at": 0, "columns": []}]}]})");
  Database db(dir.path(), OneThread());
  Connection con(db);
  EXPECT_EQ(Cells(con, "SELECT table_id, table_name FROM system.tables WHERE namespace = 'public'"),
            (std::vector<std::string>{"16390", "a"}));
}

}  // namespace
}  // namespace cairn
