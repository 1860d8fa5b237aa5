// Tests of the TPC-H generator: the random stream's skip-ahead, rows dbgen is known to write at
// SF 1 (published in the TPC-H specification's samples and countless dbgen outputs), row counts,
// and that any split of a table into ranges gives the same rows as one pass.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>

#include "cairn/tpch.h"
#include "io/file_system.h"
#include "parquet/parquet_file_reader.h"
#include "tpch/distribution_data.h"
#include "tpch/parallel_writer.h"
#include "tpch/random_stream.h"
#include "tpch/table_generator.h"
#include "tpch/text_pool.h"

namespace cairn::tpch {
namespace {

// The full 300 MiB pool, built once for the whole binary (comments depend on all of it).
const TextPool& SharedPool() {
  static const TextPool pool;
  return pool;
}

// A row as dbgen's .tbl line: values joined by '|', with a trailing '|'.
std::string TblLine(const DataChunk& chunk, idx_t row) {
  std::string line;
  for (idx_t column = 0; column < chunk.ColumnCount(); column++)
    line += chunk.GetValue(column, row).ToString() + "|";
  return line;
}

// The first `rows` rows of `table` at `scale_factor`, as .tbl lines.
std::vector<std::string> FirstRows(TpchTable table, double scale_factor, size_t rows,
                                   int64_t begin_unit = 0) {
  const GenerationContext context{scale_factor, SharedPool(), GetTpchDistributions()};
  auto cursor = OpenTableCursor(table, context, begin_unit, UnitCount(table, scale_factor));
  DataChunk chunk;
  chunk.Initialize(GetTableSpec(table).column_types);
  std::vector<std::string> lines;
  while (lines.size() < rows) {
    chunk.Reset();
    if (!cursor->Fill(chunk)) break;
    for (idx_t row = 0; row < chunk.size() && lines.size() < rows; row++)
      lines.push_back(TblLine(chunk, row));
  }
  return lines;
}

// Every row of units [begin, end), as .tbl lines.
std::vector<std::string> RangeRows(TpchTable table, double scale_factor, int64_t begin, int64_t end) {
  const GenerationContext context{scale_factor, SharedPool(), GetTpchDistributions()};
  auto cursor = OpenTableCursor(table, context, begin, end);
  DataChunk chunk;
  chunk.Initialize(GetTableSpec(table).column_types);
  std::vector<std::string> lines;
  while (true) {
    chunk.Reset();
    if (!cursor->Fill(chunk)) break;
    for (idx_t row = 0; row < chunk.size(); row++) lines.push_back(TblLine(chunk, row));
  }
  return lines;
}

TEST(TpchRandomStream, SkipAheadEqualsStepping) {
  for (int64_t draws_per_row : {1, 2, 7, 9, 92}) {
    RandomStream stepped(1066728069, draws_per_row);
    RandomStream skipped(1066728069, draws_per_row);
    for (int row = 0; row < 1000; row++) {
      stepped.NextInt(1, 7);  // rows use fewer draws than their budget
      stepped.FinishRow();
    }
    skipped.SkipRows(1000);
    EXPECT_EQ(stepped.state(), skipped.state()) << "draws per row " << draws_per_row;
    // Raw stepping agrees with the closed form.
    RandomStream raw(19620718, 1);
    for (int i = 0; i < 12345; i++) raw.NextRaw();
    EXPECT_EQ(raw.state(), RandomStream::SkipAhead(19620718, 12345));
  }
}

TEST(TpchRandomStream, ParkMillerSequence) {
  // Park & Miller's check: from seed 1, the 10,000th value is 1043618065.
  RandomStream stream(1, 1);
  for (int i = 0; i < 10000; i++) stream.NextRaw();
  EXPECT_EQ(stream.state(), 1043618065);
}

TEST(TpchRandomStream, BoundedDrawsStayInRange) {
  RandomStream stream(46831694, 1);
  std::set<int64_t> seen;
  for (int i = 0; i < 10000; i++) {
    const int64_t value = stream.NextInt(1, 5);
    ASSERT_GE(value, 1);
    ASSERT_LE(value, 5);
    seen.insert(value);
  }
  EXPECT_EQ(seen.size(), 5u);
}

TEST(TpchTextPool, IsDbgensLengthAndVocabulary) {
  const TextPool& pool = SharedPool();
  EXPECT_EQ(pool.size(), 300 * 1024 * 1024);
  // Sentences: words, then a terminator abutting the last word and a space.
  const std::string_view start = pool.Slice(0, 200);
  EXPECT_NE(start.find(". "), std::string_view::npos) << start;
  // A prefix pool equals the full pool's prefix.
  TextPool small(4096);
  EXPECT_EQ(small.Slice(0, 4096), pool.Slice(0, 4096));
}

// Rows of the SF 1 data everyone who has run dbgen knows (TPC-H specification and dbgen output).
TEST(TpchAnchors, Customer1) {
  EXPECT_EQ(FirstRows(TpchTable::kCustomer, 1, 1)[0],
            "1|Customer#000000001|IVhzIApeRb ot,c,E|15|25-989-741-2988|711.56|BUILDING|to the even, regular "
            "platelets. "
            "regular, ironic epitaphs nag e|");
}

TEST(TpchAnchors, Orders1) {
  EXPECT_EQ(FirstRows(TpchTable::kOrders, 1, 1)[0],
            "1|36901|O|173665.47|1996-01-02|5-LOW|Clerk#000000951|0|nstructions sleep furiously among |");
}

TEST(TpchAnchors, Lineitem1) {
  EXPECT_EQ(
      FirstRows(TpchTable::kLineitem, 1, 1)[0],
      "1|155190|7706|1|17.00|21168.23|0.04|0.02|N|O|1996-03-13|1996-02-12|1996-03-22|DELIVER IN PERSON|TRUCK|"
      "egular courts above the|");
}

TEST(TpchAnchors, NationAndRegion) {
  const auto nations = FirstRows(TpchTable::kNation, 1, 25);
  ASSERT_EQ(nations.size(), 25u);
  EXPECT_EQ(nations[0], "0|ALGERIA|0| haggle. carefully final deposits detect slyly agai|");
  EXPECT_EQ(nations[24].substr(0, 19), "24|UNITED STATES|1|");
  const auto regions = FirstRows(TpchTable::kRegion, 1, 5);
  ASSERT_EQ(regions.size(), 5u);
  EXPECT_EQ(regions[0].substr(0, 9), "0|AFRICA|");
  EXPECT_EQ(regions[4].substr(0, 14), "4|MIDDLE EAST|");
}

TEST(TpchAnchors, Part1Supplier1Partsupp1) {
  EXPECT_EQ(
      FirstRows(TpchTable::kPart, 1, 1)[0],
      "1|goldenrod lavender spring chocolate lace|Manufacturer#1|Brand#13|PROMO BURNISHED COPPER|7|JUMBO PKG|"
      "901.00|ly. slyly ironi|");
  EXPECT_EQ(
      FirstRows(TpchTable::kSupplier, 1, 1)[0],
      "1|Supplier#000000001| N kD4on9OM Ipw3,gf0JBoQDd7tgrzrddZ|17|27-918-335-1736|5755.94|each slyly above "
      "the careful|");
  const auto partsupp = FirstRows(TpchTable::kPartSupp, 1, 4);
  ASSERT_EQ(partsupp.size(), 4u);
  EXPECT_EQ(partsupp[0].substr(0, 16), "1|2|3325|771.64|");
  EXPECT_EQ(partsupp[1].substr(0, 7), "1|2502|");
  EXPECT_EQ(partsupp[2].substr(0, 7), "1|5002|");
  EXPECT_EQ(partsupp[3].substr(0, 7), "1|7502|");
}

TEST(TpchCounts, ScaleFactorOneHundredth) {
  EXPECT_EQ(UnitCount(TpchTable::kCustomer, 0.01), 1500);
  EXPECT_EQ(UnitCount(TpchTable::kOrders, 0.01), 15000);
  EXPECT_EQ(UnitCount(TpchTable::kSupplier, 0.01), 100);
  EXPECT_EQ(UnitCount(TpchTable::kPart, 0.01), 2000);
  EXPECT_EQ(RangeRows(TpchTable::kPartSupp, 0.01, 0, 2000).size(), 8000u);
  EXPECT_EQ(RangeRows(TpchTable::kLineitem, 0.01, 0, 15000).size(), 60175u);
  EXPECT_EQ(UnitCount(TpchTable::kOrders, 1), 1500000);
}

// Generating a table in ranges (any split) gives the rows of one pass, in order.
TEST(TpchRanges, SplitsAgreeWithOnePass) {
  for (TpchTable table : {TpchTable::kSupplier, TpchTable::kCustomer, TpchTable::kPart, TpchTable::kPartSupp,
                          TpchTable::kOrders, TpchTable::kLineitem}) {
    const int64_t units = UnitCount(table, 0.01);
    const auto whole = RangeRows(table, 0.01, 0, units);
    std::vector<std::string> pieces;
    const int64_t cuts[] = {0, 7, units / 3, units - 1, units};
    for (size_t i = 0; i + 1 < std::size(cuts); i++) {
      auto rows = RangeRows(table, 0.01, cuts[i], cuts[i + 1]);
      pieces.insert(pieces.end(), rows.begin(), rows.end());
    }
    EXPECT_EQ(pieces, whole) << GetTableSpec(table).name;
  }
}

TEST(TpchGenerate, RejectsBadOptions) {
  TpchOptions options;
  options.output_directory = ::testing::TempDir() + "/tpch_bad";
  options.scale_factor = 0;
  try {
    GenerateTpch(options);
    FAIL() << "scale factor 0 accepted";
  } catch (const Exception& error) {
    EXPECT_EQ(error.sqlstate(), "22023");
  }
  options.scale_factor = 10001;  // p_partkey would overflow INTEGER
  try {
    GenerateTpch(options);
    FAIL() << "scale factor 10001 accepted";
  } catch (const Exception& error) {
    EXPECT_EQ(error.sqlstate(), "22023");
  }
  options.scale_factor = 0.01;
  options.tables = {"lineitems"};
  try {
    GenerateTpch(options);
    FAIL() << "unknown table accepted";
  } catch (const Exception& error) {
    EXPECT_EQ(error.sqlstate(), "22023");
    EXPECT_NE(std::string(error.what()).find("lineitems"), std::string::npos);
  }
}

std::string ReadBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The files are the same whatever the thread count, and hold the planned row counts.
TEST(TpchGenerate, FilesDoNotDependOnThreads) {
  namespace fs = std::filesystem;
  const fs::path root = fs::path(::testing::TempDir()) / "tpch_threads";
  fs::remove_all(root);
  std::vector<TpchTableResult> results[2];
  for (unsigned threads : {1u, 2u}) {
    TpchOptions options;
    options.scale_factor = 0.01;
    options.threads = threads;
    options.output_directory = (root / std::to_string(threads)).string();
    results[threads - 1] = GenerateTpch(options);
  }
  ASSERT_EQ(results[0].size(), 8u);
  const uint64_t expected[] = {5, 25, 100, 1500, 2000, 8000, 15000, 60175};
  for (size_t t = 0; t < 8; t++) {
    EXPECT_EQ(results[0][t].rows, expected[t]) << results[0][t].name;
    EXPECT_EQ(results[1][t].rows, expected[t]) << results[1][t].name;
    ASSERT_EQ(results[0][t].files, results[1][t].files);
    for (const auto& file : results[0][t].files) {
      const std::string one = ReadBytes(root / "1" / file);
      EXPECT_FALSE(one.empty());
      EXPECT_TRUE(one == ReadBytes(root / "2" / file)) << file;
    }
  }
  const std::string mappings = ReadBytes(root / "1" / "table_mappings.json");
  EXPECT_NE(mappings.find("\"lineitem.parquet\""), std::string::npos) << mappings;
  fs::remove_all(root);
}

// Regenerating a table at a smaller SF leaves no part of the larger one behind, and the mapping
// names exactly the files written.
TEST(TpchGenerate, RegeneratingRemovesStaleParts) {
  namespace fs = std::filesystem;
  const fs::path root = fs::path(::testing::TempDir()) / "tpch_stale";
  fs::remove_all(root);
  TpchOptions options;
  options.output_directory = root.string();
  options.tables = {"lineitem"};
  options.scale_factor = 0.2;  // 300,000 orders: two parts
  auto results = GenerateTpch(options);
  ASSERT_EQ(results[0].files.size(), 2u);
  EXPECT_TRUE(fs::exists(root / "lineitem" / "lineitem-0002.parquet"));
  EXPECT_NE(ReadBytes(root / "table_mappings.json").find("\"partitions\""), std::string::npos);
  options.scale_factor = 0.01;
  results = GenerateTpch(options);
  ASSERT_EQ(results[0].files, std::vector<std::string>{"lineitem.parquet"});
  EXPECT_EQ(results[0].rows, 60175u);
  EXPECT_FALSE(fs::exists(root / "lineitem" / "lineitem-0001.parquet"));
  EXPECT_FALSE(fs::exists(root / "lineitem" / "lineitem-0002.parquet"));
  const std::string mappings = ReadBytes(root / "table_mappings.json");
  EXPECT_EQ(mappings.find("partitions"), std::string::npos) << mappings;
  EXPECT_NE(mappings.find("\"lineitem.parquet\""), std::string::npos) << mappings;
  fs::remove_all(root);
}

// Tables larger than a part are split into numbered files under a folder.
TEST(TpchParts, LargeTablesSplitByUnits) {
  const auto parts = PlanParts(TpchTable::kLineitem, 1);
  ASSERT_EQ(parts.size(), 6u);
  EXPECT_EQ(parts[0].path, "lineitem/lineitem-0001.parquet");
  EXPECT_EQ(parts[0].begin, 0);
  EXPECT_EQ(parts[5].end, 1500000);
  EXPECT_EQ(PlanParts(TpchTable::kCustomer, 1).size(), 1u);
  EXPECT_EQ(PlanParts(TpchTable::kCustomer, 1)[0].path, "customer.parquet");
}

}  // namespace
}  // namespace cairn::tpch
