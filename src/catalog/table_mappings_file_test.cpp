#include "catalog/table_mappings_file.h"

#include <gtest/gtest.h>

#include "cairn/exception.h"

namespace cairn {
namespace {

// The seed's example, exactly as save_table_mappings writes it.
const char* kSeedExample = R"({
  "tables": [
    {
      "table_name": "users",
      "file_path": "user_data_2024.parquet",
      "schema": {
        "columns": [
          {
            "name": "user_id",
            "type": "int64",
            "nullable": false
          },
          {
            "name": "username",
            "type": "string",
            "nullable": false
          }
        ]
      }
    },
    {
      "table_name": "events",
      "partitions": [
        "events/2024/01/events.parquet",
        "events/2024/02/events.parquet"
      ]
    }
  ]
}
)";

TEST(TableMappingsFileTest, SeedExampleRoundTripsByteForByte) {
  auto mappings = ParseTableMappings(kSeedExample, "table_mappings.json");
  ASSERT_EQ(mappings.size(), 2u);
  EXPECT_EQ(mappings[0].table_name, "users");
  EXPECT_EQ(mappings[0].file_path, "user_data_2024.parquet");
  ASSERT_TRUE(mappings[0].schema.has_value());
  EXPECT_EQ(mappings[0].schema->columns[1], (ColumnSchema{"username", "string", false}));
  EXPECT_EQ(mappings[1].partitions.size(), 2u);
  EXPECT_FALSE(mappings[1].schema.has_value());
  EXPECT_EQ(SerializeTableMappings(mappings), kSeedExample);
}

TEST(TableMappingsFileTest, CompactInputAndDefaults) {
  auto mappings = ParseTableMappings(
      R"({"tables": [{"table_name": "t", "file_path": "t.csv", "extra": 1, "schema": {"columns": [{"name": "a", "type": "BIGINT"}]}}]})",
      "m.json");
  ASSERT_EQ(mappings.size(), 1u);
  EXPECT_TRUE(mappings[0].schema->columns[0].nullable);
  EXPECT_EQ(ParseTableMappings(R"({"tables": []})", "m.json").size(), 0u);
}

std::string ErrorOf(const std::string& text) {
  try {
    ParseTableMappings(text, "table_mappings.json");
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), sqlstate::kConfigFileError);
    return e.what();
  }
  return "no error";
}

TEST(TableMappingsFileTest, BadFilesNameTheEntry) {
  EXPECT_NE(ErrorOf("{\"tables\": [").find("table_mappings.json: invalid JSON"), std::string::npos);
  EXPECT_NE(ErrorOf("[]").find("\"tables\""), std::string::npos);
  EXPECT_NE(ErrorOf(R"({"tables": {}})").find("must be an array"), std::string::npos);
  EXPECT_EQ(ErrorOf(R"({"tables": [{"table_name": "a", "file_path": "a"}, {"file_path": "b"}]})"),
            "table_mappings.json: tables[1]: missing \"table_name\"");
  EXPECT_EQ(ErrorOf(R"({"tables": [{"table_name": "a", "file_path": "a"}, {"table_name": "b", "file_path": "b"},
      {"table_name": "c", "file_path": "c"}, {"table_name": "events", "file_path": "x", "partitions": ["y"]}]})"),
            "table_mappings.json: tables[3] (\"events\"): needs exactly one of \"file_path\" and \"partitions\"");
  EXPECT_NE(ErrorOf(R"({"tables": [{"table_name": "e"}]})").find("tables[0] (\"e\"): needs exactly one"), std::string::npos);
  EXPECT_NE(ErrorOf(R"({"tables": [{"table_name": 5, "file_path": "x"}]})").find("must be a string"), std::string::npos);
  EXPECT_NE(ErrorOf(R"({"tables": [{"table_name": "e", "file_path": 3}]})").find("\"file_path\" must be a string"),
            std::string::npos);
  EXPECT_NE(ErrorOf(R"({"tables": [{"table_name": "e", "partitions": "x"}]})").find("\"partitions\" must be an array"),
            std::string::npos);
  EXPECT_NE(ErrorOf(R"({"tables": [{"table_name": "e", "partitions": ["a", 1]}]})").find("partitions[1]"),
            std::string::npos);
  EXPECT_NE(ErrorOf(R"({"tables": [{"table_name": "u", "file_path": "u", "schema": {"columns": [{"name": "id", "type": "int65"}]}}]})")
                .find("tables[0] (\"u\"): schema.columns[0] (\"id\"): unknown column type \"int65\""),
            std::string::npos);
  EXPECT_NE(ErrorOf(R"({"tables": [{"table_name": "u", "file_path": "u", "schema": {"columns": [{"name": "id", "type": "int64", "nullable": "no"}]}}]})")
                .find("nullable"),
            std::string::npos);
  EXPECT_NE(ErrorOf(R"({"tables": [{"table_name": "u", "file_path": "u"}, {"table_name": "U", "file_path": "v"}]})")
                .find("given twice"),
            std::string::npos);
}

}  // namespace
}  // namespace cairn
