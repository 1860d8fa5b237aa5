#include "parquet/parquet_source.h"

#include <gtest/gtest.h>

#include "io/file_system.h"

#include <atomic>
#include <filesystem>
#include <thread>

#include "cairn/exception.h"

namespace cairn {
namespace {

const std::string kDir = "test/data/parquet/";

idx_t Column(const TableSource& source, const std::string& name) {
  for (idx_t i = 0; i < source.columns().size(); i++) {
    if (source.columns()[i].name == name) return i;
  }
  ADD_FAILURE() << "no column " << name;
  return 0;
}

struct ScanResult {
  idx_t partitions = 0;
  idx_t rows = 0;
  int64_t sum = 0;  // of the first requested column, if it is an integer column
};

/// Runs a scan with `threads` workers pulling partitions.
ScanResult RunScan(const TableSource& source, const ScanRequest& request, int threads = 1) {
  auto scan = source.Scan(request);
  std::atomic<idx_t> partitions{0}, rows{0};
  std::atomic<int64_t> sum{0};
  std::vector<LogicalType> types;
  for (idx_t id : request.column_ids) types.push_back(source.columns()[id].type);
  auto worker = [&] {
    while (auto partition = scan->NextPartition()) {
      partitions++;
      DataChunk chunk;
      chunk.Initialize(types);
      while (partition->Next(chunk)) {
        EXPECT_GT(chunk.size(), 0u);
        EXPECT_EQ(chunk.ColumnCount(), types.size());
        rows += chunk.size();
        if (!types.empty() && types[0].physical_type() == PhysicalType::INT64) {
          int64_t local = 0;
          for (idx_t r = 0; r < chunk.size(); r++) {
            Value v = chunk.GetValue(0, r);
            if (!v.IsNull()) local += v.GetInt64();
          }
          sum += local;
        }
      }
      EXPECT_EQ(chunk.size(), 0u);
    }
  };
  std::vector<std::thread> pool;
  for (int i = 0; i < threads; i++) pool.emplace_back(worker);
  for (auto& t : pool) t.join();
  return {partitions.load(), rows.load(), sum.load()};
}

TEST(ParquetSourceTest, DescribeCountAndColumns) {
  auto source = CreateParquetSource(FileSystem::Local(), {kDir + "types_zstd_v2.parquet"});
  EXPECT_EQ(source->Describe(), "PARQUET types_zstd_v2.parquet (2 row groups)");
  EXPECT_EQ(source->ExactRowCount(), 2300u);
  EXPECT_EQ(source->columns().size(), 26u);
  EXPECT_EQ(source->columns()[Column(*source, "dec18")].type, LogicalType::Decimal(18, 4));
  ScanRequest count_star;  // no columns: row counts only
  auto result = RunScan(*source, count_star);
  EXPECT_EQ(result.rows, 2300u);
  EXPECT_EQ(result.partitions, 2u);
}

TEST(ParquetSourceTest, StatisticsPruneRowGroups) {
  auto source = CreateParquetSource(FileSystem::Local(), {kDir + "types_zstd_v2.parquet"});
  const idx_t id = Column(*source, "id");
  const idx_t bi = Column(*source, "bi");
  auto partitions_for = [&](TableFilter::Op op, Value constant) {
    ScanRequest request;
    request.column_ids = {bi};
    request.filters.push_back(TableFilter{id, op, std::move(constant)});
    return RunScan(*source, request).partitions;
  };
  EXPECT_EQ(partitions_for(TableFilter::Op::EQUAL, Value::Integer(5)), 1u);
  EXPECT_EQ(partitions_for(TableFilter::Op::EQUAL, Value::Integer(99999)), 0u);
  EXPECT_EQ(partitions_for(TableFilter::Op::GREATER, Value::Integer(2047)), 1u);
  EXPECT_EQ(partitions_for(TableFilter::Op::GREATER_EQUAL, Value::Integer(2047)), 2u);
  EXPECT_EQ(partitions_for(TableFilter::Op::LESS, Value::Integer(0)), 0u);
  EXPECT_EQ(partitions_for(TableFilter::Op::LESS_EQUAL, Value::Integer(0)), 1u);
  EXPECT_EQ(partitions_for(TableFilter::Op::NOT_EQUAL, Value::Integer(0)), 2u);
  EXPECT_EQ(partitions_for(TableFilter::Op::IS_NULL, Value()), 0u);
  EXPECT_EQ(partitions_for(TableFilter::Op::IS_NOT_NULL, Value()), 2u);
  // A constant of another type is cast to the column's type first.
  EXPECT_EQ(partitions_for(TableFilter::Op::EQUAL, Value::BigInt(2100)), 1u);
  // Strings compare byte-wise.
  ScanRequest request;
  request.column_ids = {id};
  request.filters.push_back(TableFilter{Column(*source, "c"), TableFilter::Op::EQUAL, Value::Varchar("zzz")});
  EXPECT_EQ(RunScan(*source, request).partitions, 0u);
  request.filters[0].constant = Value::Varchar("const");
  EXPECT_EQ(RunScan(*source, request).partitions, 2u);
}

TEST(ParquetSourceTest, ColumnStatisticsMergeRowGroupsAndFiles) {
  // Expected values from DuckDB over the same file: min(id) 0, max(id) 2299, no NULL ids;
  // bi from -3000000000000 to -701999983914 with 329 NULLs.
  auto source = CreateParquetSource(FileSystem::Local(), {kDir + "types_zstd_v2.parquet"});
  auto id = source->GetColumnStatistics(Column(*source, "id"));
  ASSERT_TRUE(id && id->min && id->max);
  EXPECT_EQ(id->min->GetInt64(), 0);
  EXPECT_EQ(id->max->GetInt64(), 2299);
  EXPECT_EQ(id->null_count, 0u);
  auto bi = source->GetColumnStatistics(Column(*source, "bi"));
  ASSERT_TRUE(bi && bi->min && bi->max);
  EXPECT_EQ(bi->min->GetInt64(), -3000000000000);
  EXPECT_EQ(bi->max->GetInt64(), -701999983914);
  EXPECT_EQ(bi->null_count, 329u);
  // UUIDs have no usable order: no bounds, but the NULL count is still known.
  auto uuid = source->GetColumnStatistics(Column(*source, "u"));
  ASSERT_TRUE(uuid);
  EXPECT_FALSE(uuid->min);
  EXPECT_TRUE(uuid->null_count);
  EXPECT_FALSE(source->GetColumnStatistics(source->columns().size()));
  // Two files: the bounds cover both, the NULLs add up.
  auto twice = CreateParquetSource(FileSystem::Local(), {kDir + "types_zstd_v2.parquet", kDir + "types_zstd_v2.parquet"});
  auto both = twice->GetColumnStatistics(Column(*twice, "bi"));
  ASSERT_TRUE(both && both->min && both->max);
  EXPECT_EQ(both->min->GetInt64(), -3000000000000);
  EXPECT_EQ(both->null_count, 658u);
}

TEST(ParquetSourceTest, ManyFilesAndThreads) {
  std::vector<std::string> files;
  for (const char* codec : {"uncompressed", "snappy", "gzip", "brotli", "lz4", "zstd"}) {
    files.push_back(kDir + "codec_" + codec + ".parquet");
  }
  auto source = CreateParquetSource(FileSystem::Local(), files);
  EXPECT_EQ(source->Describe(), "PARQUET 6 files (6 row groups)");
  EXPECT_EQ(source->ExactRowCount(), 9000u);
  ScanRequest request;
  request.column_ids = {Column(*source, "v"), Column(*source, "s")};
  auto result = RunScan(*source, request, 3);
  EXPECT_EQ(result.rows, 9000u);
  EXPECT_EQ(result.sum, 6 * 3 * (1499 * 1500 / 2));
}

TEST(ParquetSourceTest, SchemaMismatchNamesBothFiles) {
  try {
    CreateParquetSource(FileSystem::Local(), {kDir + "codec_zstd.parquet", kDir + "nested.parquet"});
    FAIL();
  } catch (const Exception& e) {
    std::string message = e.what();
    EXPECT_NE(message.find("codec_zstd.parquet"), std::string::npos) << message;
    EXPECT_NE(message.find("nested.parquet"), std::string::npos) << message;
  }
  // Same columns in both: fine.
  auto source = CreateParquetSource(FileSystem::Local(), {kDir + "types_zstd_v1.parquet", kDir + "types_zstd_v2.parquet"});
  EXPECT_EQ(source->ExactRowCount(), 2900u);
}

TEST(ParquetSourceTest, NestedColumnSelectionThrowsFlatColumnsWork) {
  auto source = CreateParquetSource(FileSystem::Local(), {kDir + "nested.parquet"});
  ScanRequest request;
  request.column_ids = {Column(*source, "st")};
  try {
    source->Scan(request);
    FAIL();
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), sqlstate::kFeatureNotSupported);
    EXPECT_EQ(std::string(e.what()),
              "column \"st\" of nested.parquet is a nested (LIST/MAP/STRUCT) column, which Cairn does not read yet");
  }
  request.column_ids = {Column(*source, "name"), Column(*source, "id")};
  EXPECT_EQ(RunScan(*source, request).rows, 100u);
}

TEST(ParquetSourceTest, Flights3mBothWays) {
  const char* path = "node_modules/vega-datasets/data/flights-3m.parquet";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " not present";
  auto source = CreateParquetSource(FileSystem::Local(), {path});
  EXPECT_EQ(source->ExactRowCount(), 3000000u);
  EXPECT_EQ(source->Describe(), "PARQUET flights-3m.parquet (11 row groups)");
  ScanRequest request;
  request.column_ids = {Column(*source, "distance")};
  auto sequential = RunScan(*source, request, 1);
  auto parallel = RunScan(*source, request, 2);
  EXPECT_EQ(sequential.rows, 3000000u);
  EXPECT_EQ(parallel.rows, 3000000u);
  EXPECT_EQ(sequential.sum, parallel.sum);
  EXPECT_GT(sequential.sum, 0);
  EXPECT_EQ(RunScan(*source, ScanRequest{}).rows, 3000000u);
}

}  // namespace
}  // namespace cairn
