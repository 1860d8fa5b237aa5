// Registry tests over a real Parquet file (test/data/csv/users.parquet, written by DuckDB:
// user_id BIGINT, username VARCHAR, score DOUBLE; rows (1,'ann',1.5), (2,'bob',NULL),
// (3,'cy',2.25)). Tests run from the repository root.
#include <gtest/gtest.h>

#include <filesystem>

#include "cairn/exception.h"
#include "cairn/table_registry.h"
#include "function/table/table_source.h"
#include "formats/csv_test_fixture.h"

namespace cairn {
namespace {

using testing_csv::ReadAll;
using testing_csv::TempDir;
using Rows = std::vector<std::vector<std::string>>;

const char* kFixture = "test/data/csv/users.parquet";

TEST(TableRegistryParquetTest, DeclaredSchemaAgainstParquet) {
  ASSERT_TRUE(std::filesystem::exists(kFixture));
  TempDir dir;
  std::filesystem::copy_file(kFixture, dir.path() + "/users.parquet");
  TableRegistry registry(dir.path());
  ASSERT_NE(registry.resolve("users"), nullptr);  // fallback to users.parquet
  EXPECT_EQ(ReadAll(*registry.resolve("users")), (Rows{{"1", "ann", "1.5"}, {"2", "bob", "NULL"}, {"3", "cy", "2.25"}}));

  TableMapping m;
  m.table_name = "users";
  m.file_path = "users.parquet";
  m.schema = TableSchema{{{"user_id", "int64", false}, {"username", "string", false}, {"score", "float32", true}}};
  registry.register_table_with_schema(m);  // NOT NULL declared, optional in the file: accepted
  m.schema = TableSchema{{{"user_id", "int32", false}}};
  try {
    registry.register_table_with_schema(m);
    FAIL();
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), sqlstate::kDatatypeMismatch);
    EXPECT_EQ(std::string(e.what()), "table \"users\": declared column \"user_id\" int32 but file users.parquet has BIGINT");
  }
  m.schema = TableSchema{{{"username", "BIGINT", false}}};
  EXPECT_THROW(registry.register_table_with_schema(m), Exception);
}

// An unconstrained numeric declared for a Parquet decimal column accepts any precision and
// scale; a numeric(p,s) must match the file's.
TEST(TableRegistryParquetTest, DeclaredNumericAcceptsDecimalColumns) {
  const char* fixture = "test/data/parquet/types_zstd_v1.parquet";
  ASSERT_TRUE(std::filesystem::exists(fixture));
  TempDir dir;
  std::filesystem::copy_file(fixture, dir.path() + "/types.parquet");
  TableRegistry registry(dir.path());
  TableMapping m;
  m.table_name = "types";
  m.file_path = "types.parquet";
  m.schema = TableSchema{{{"dec9", "numeric", true}, {"dec38", "NUMERIC", true}}};
  registry.register_table_with_schema(m);
  m.schema = TableSchema{{{"dec9", "numeric(5,1)", true}}};
  EXPECT_THROW(registry.register_table_with_schema(m), Exception);
}

TEST(TableRegistryParquetTest, HivePartitionedParquet) {
  TempDir dir;
  std::filesystem::create_directories(dir.path() + "/t/region=eu");
  std::filesystem::create_directories(dir.path() + "/t/region=us");
  std::filesystem::copy_file(kFixture, dir.path() + "/t/region=eu/part-0.parquet");
  std::filesystem::copy_file(kFixture, dir.path() + "/t/region=us/part-0.parquet");
  TableRegistry registry(dir.path());
  registry.register_partitioned_table("t", {"t"});
  auto source = registry.resolve("t");
  ASSERT_EQ(source->columns().size(), 4u);
  EXPECT_EQ(source->columns()[3].name, "region");
  EXPECT_EQ(ReadAll(*source).size(), 6u);
  EXPECT_EQ(ReadAll(*source, {3, 1}, {TableFilter{3, TableFilter::Op::EQUAL, Value::Varchar("us")}}),
            (Rows{{"us", "ann"}, {"us", "bob"}, {"us", "cy"}}));
  EXPECT_EQ(source->ExactRowCount().value_or(0), 6u);
}

}  // namespace
}  // namespace cairn
