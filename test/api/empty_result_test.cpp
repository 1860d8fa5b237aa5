// The optimizer's empty_result rule, end to end: a query whose plan is known to be empty (LIMIT
// 0, WHERE false / NULL / 1 = 0, an inner join with such an input) answers with the right
// columns and no rows without reading the table's data — proven on a Parquet file whose data
// pages are overwritten after registration (its footer, hence its schema, stays intact): any scan
// of it fails with XX001, with the rule switched off too.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "cairn/cairn.h"
#include "scratch_directory.h"

namespace cairn {
namespace {

using testing::ScratchDirectory;

TEST(EmptyResultTest, ContradictionsAndLimitZeroAnswerWithoutReadingTheFile) {
  ScratchDirectory scratch;
  std::string file = scratch.Join("orders.parquet");
  std::filesystem::copy_file("test/data/events.parquet", file);  // id, ts, kind, value: 6 rows
  Database database(scratch.path());
  database.register_table("orders", file);
  Connection connection(database);
  {
    auto before = connection.query("SELECT sum(id) FROM orders");
    ASSERT_TRUE(before->Materialize()) << before->error_message();
    ASSERT_EQ(before->GetValue(0, 0).ToString(), "21");
  }
  // Overwrite everything between the leading magic and the footer (length, then "PAR1").
  {
    std::fstream bytes(file, std::ios::in | std::ios::out | std::ios::binary);
    bytes.seekg(-8, std::ios::end);
    uint32_t footer_length = 0;
    bytes.read(reinterpret_cast<char*>(&footer_length), 4);
    auto size = static_cast<std::streamoff>(std::filesystem::file_size(file));
    std::string garbage(static_cast<size_t>(size - 8 - footer_length - 4), '\xff');
    bytes.seekp(4);
    bytes.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }

  // Reading the rows now fails, also for an empty plan when the rule is off.
  auto scan = connection.query("SELECT sum(id) FROM orders");
  EXPECT_FALSE(scan->Materialize());
  ASSERT_TRUE(scan->has_error());
  EXPECT_EQ(scan->error().sqlstate(), "XX001") << scan->error_message();
  ASSERT_TRUE(connection.query("SET disabled_optimizers = 'empty_result'")->Materialize());
  auto unoptimized = connection.query("SELECT * FROM orders WHERE false");
  EXPECT_FALSE(unoptimized->Materialize());
  EXPECT_TRUE(unoptimized->has_error());
  ASSERT_TRUE(connection.query("RESET disabled_optimizers")->Materialize());

  for (const char* sql : {"SELECT * FROM orders WHERE false", "SELECT * FROM orders WHERE NULL",
                          "SELECT id FROM orders WHERE 1 = 0", "SELECT * FROM orders LIMIT 0",
                          "SELECT id, value FROM orders WHERE id > 1 AND false ORDER BY value LIMIT 0",
                          "SELECT * FROM orders a JOIN orders b ON a.id = b.id WHERE 2 < 1",
                          "SELECT id, count(*) FROM orders WHERE false GROUP BY id"}) {
    auto result = connection.query(sql);
    ASSERT_TRUE(result->Materialize()) << sql << ": " << result->error_message();
    EXPECT_EQ(result->RowCount(), 0u) << sql;
    EXPECT_GE(result->ColumnCount(), 1u) << sql;
  }
  // Aggregation without GROUP BY over no rows is still one row.
  auto count = connection.query("SELECT count(*), sum(value) FROM orders WHERE false");
  ASSERT_TRUE(count->Materialize()) << count->error_message();
  ASSERT_EQ(count->RowCount(), 1u);
  EXPECT_EQ(count->GetValue(0, 0).ToString(), "0");
  EXPECT_TRUE(count->GetValue(1, 0).IsNull());
}

}  // namespace
}  // namespace cairn
