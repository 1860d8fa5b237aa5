// Reader tests against real files written by DuckDB (test/data/parquet/generate_fixtures.js
// holds the generating SQL; the expected values below follow it) and, when present on the
// machine, vega-datasets' flights-3m.parquet written by Polars.
#include "parquet/parquet_file_reader.h"

#include <gtest/gtest.h>

#include "io/file_system.h"

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "cairn/exception.h"
#include "common/date_time.h"

namespace cairn::parquet {
namespace {

const std::string kDir = "test/data/parquet/";

/// Reads every row of the given columns (all row groups), column-major.
std::vector<std::vector<Value>> ReadAll(const std::shared_ptr<ParquetFileReader>& file, const std::vector<idx_t>& ids,
                                        std::vector<VectorKind>* kinds = nullptr) {
  std::vector<std::vector<Value>> result(ids.size());
  std::vector<LogicalType> types;
  for (idx_t id : ids) types.push_back(file->columns()[id].type);
  for (idx_t g = 0; g < file->num_row_groups(); g++) {
    RowGroupReader reader(file, g, ids);
    DataChunk chunk;
    chunk.Initialize(types);
    while (reader.Next(chunk)) {
      for (idx_t c = 0; c < ids.size(); c++) {
        if (kinds) kinds->push_back(chunk.data[c].kind());
        for (idx_t r = 0; r < chunk.size(); r++) result[c].push_back(chunk.data[c].GetValue(r));
      }
    }
    EXPECT_EQ(chunk.size(), 0u);
  }
  return result;
}

idx_t ColumnIndex(const ParquetFileReader& file, const std::string& name) {
  for (idx_t i = 0; i < file.columns().size(); i++) {
    if (file.columns()[i].name == name) return i;
  }
  ADD_FAILURE() << "no column " << name;
  return 0;
}

int64_t Micros(int y, int mo, int d, int h, int mi, int s) {
  return int64_t(date_time::DaysFromCivil(y, mo, d)) * date_time::kMicrosPerDay +
         (int64_t(h) * 3600 + mi * 60 + s) * date_time::kMicrosPerSecond;
}

std::string Uuid(int64_t i) {
  char digits[16];
  std::snprintf(digits, sizeof(digits), "%012lld", static_cast<long long>(i));
  return std::string("00000000-0000-4000-8000-") + digits;
}

class TypesFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(TypesFixture, SchemaAndEveryValue) {
  auto file = ParquetFileReader::Open(FileSystem::Local(), kDir + GetParam());
  const idx_t expected_rows = GetParam() == "types_zstd_v1.parquet" ? 600 : 2300;
  ASSERT_EQ(file->num_rows(), expected_rows);
  struct Expect {
    const char* name;
    LogicalType type;
  };
  std::vector<Expect> schema = {
      {"id", TypeId::INTEGER},        {"b", TypeId::BOOLEAN},
      {"ti", TypeId::TINYINT},        {"si", TypeId::SMALLINT},
      {"ii", TypeId::INTEGER},        {"bi", TypeId::BIGINT},
      {"uti", TypeId::UTINYINT},      {"usi", TypeId::USMALLINT},
      {"ui", TypeId::UINTEGER},       {"ubi", TypeId::UBIGINT},
      {"f", TypeId::FLOAT},           {"d", TypeId::DOUBLE},
      {"dec9", LogicalType::Decimal(9, 2)}, {"dec18", LogicalType::Decimal(18, 4)},
      {"dec38", LogicalType::Decimal(38, 10)}, {"s", TypeId::VARCHAR},
      {"bl", TypeId::BLOB},           {"dt", TypeId::DATE},
      {"tm", TypeId::TIME},           {"ts", TypeId::TIMESTAMP},
      {"tstz", TypeId::TIMESTAMP_TZ}, {"tsms", TypeId::TIMESTAMP},
      {"tsns", TypeId::TIMESTAMP},    {"u", TypeId::UUID},
      {"c", TypeId::VARCHAR},         {"r", TypeId::BIGINT},
  };
  ASSERT_EQ(file->columns().size(), schema.size());
  std::vector<idx_t> ids;
  for (idx_t i = 0; i < schema.size(); i++) {
    EXPECT_EQ(file->columns()[i].name, schema[i].name);
    EXPECT_EQ(file->columns()[i].type, schema[i].type) << schema[i].name << " is " << file->columns()[i].type.ToString();
    EXPECT_FALSE(file->columns()[i].nested);
    ids.push_back(i);
  }
  auto values = ReadAll(file, ids);
  const int32_t day0 = date_time::DaysFromCivil(2020, 1, 1);
  const int64_t ts0 = Micros(2021, 6, 1, 12, 0, 0);
  const int64_t ts1 = Micros(2001, 2, 3, 4, 5, 6);
  for (int64_t i = 0; i < static_cast<int64_t>(expected_rows); i++) {
    SCOPED_TRACE("row " + std::to_string(i));
    auto at = [&](const char* name) -> const Value& { return values[ColumnIndex(*file, name)][i]; };
    ASSERT_EQ(at("id").GetInt64(), i);
    EXPECT_EQ(at("c").GetString(), "const");
    EXPECT_EQ(at("r").GetInt64(), i % 5);
    const bool null = i % 7 == 3;
    for (idx_t c = 1; c < schema.size() - 2; c++) ASSERT_EQ(values[c][i].IsNull(), null) << schema[c].name;
    if (null) continue;
    EXPECT_EQ(at("b").GetBool(), i % 2 == 0);
    EXPECT_EQ(at("ti").GetInt64(), i % 200 - 100);
    EXPECT_EQ(at("si").GetInt64(), i * 13 - 10000);
    EXPECT_EQ(at("ii").GetInt64(), i * 1000 - 500000);
    EXPECT_EQ(at("bi").GetInt64(), i * 1000000007 - 3000000000000);
    EXPECT_EQ(at("uti").GetInt64(), i % 250);
    EXPECT_EQ(at("usi").GetInt64(), i * 20);
    EXPECT_EQ(at("ui").GetInt64(), 4000000000 - i);
    EXPECT_TRUE(at("ubi").GetInt128() == static_cast<hugeint_t>(UINT64_MAX - static_cast<uint64_t>(i)));
    EXPECT_EQ(at("f").GetDouble(), static_cast<double>(static_cast<float>(i / 4.0)));
    EXPECT_EQ(at("d").GetDouble(), i / 8.0 - 100);
    EXPECT_EQ(at("dec9").GetInt64(), i * 125 - 100000);
    EXPECT_EQ(at("dec18").GetInt64(), i * 1234567890 - 99990000);
    hugeint_t dec38 = static_cast<hugeint_t>(i) * ((static_cast<hugeint_t>(1234567890123LL) * 10000000000LL) + 123456789) -
                      50000000000LL;
    EXPECT_TRUE(at("dec38").GetInt128() == dec38);
    EXPECT_EQ(at("s").GetString(), "str_" + std::to_string(i) + std::string(i % 9, 'x'));
    EXPECT_EQ(at("bl").GetString(), "blob" + std::to_string(i));
    EXPECT_EQ(at("dt").GetInt64(), day0 + i - 1000);
    EXPECT_EQ(at("tm").GetInt64(), i * 37 * 1000000);
    EXPECT_EQ(at("ts").GetInt64(), ts0 + i * 1000003);
    EXPECT_EQ(at("tstz").GetInt64(), ts0 + i * 3600 * 1000000);
    EXPECT_EQ(at("tsms").GetInt64(), ts1 + i * 1001 * 1000);
    EXPECT_EQ(at("tsns").GetInt64(), ts1 + i * 7);
    EXPECT_EQ(at("u").GetString(), Uuid(i));
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, TypesFixture,
                         ::testing::Values("types_zstd_v1.parquet", "types_zstd_v2.parquet"));

TEST(ParquetFileReaderTest, StatisticsOfTheFirstRowGroup) {
  auto file = ParquetFileReader::Open(FileSystem::Local(), kDir + "types_zstd_v2.parquet");
  ASSERT_EQ(file->num_row_groups(), 2u);
  EXPECT_EQ(file->row_group_rows(0), 2048u);
  EXPECT_EQ(file->row_group_rows(1), 252u);
  auto id = file->GetStatistics(0, ColumnIndex(*file, "id"));
  ASSERT_TRUE(id.min && id.max);
  EXPECT_EQ(*id.min, Value::Integer(0));
  EXPECT_EQ(*id.max, Value::Integer(2047));
  EXPECT_EQ(id.null_count, 0);
  auto s = file->GetStatistics(0, ColumnIndex(*file, "s"));
  ASSERT_TRUE(s.min && s.max);
  EXPECT_EQ(s.min->GetString(), "str_0");
  EXPECT_EQ(s.null_count, 2048 / 7 + (2048 % 7 > 3 ? 1 : 0));
  auto d = file->GetStatistics(1, ColumnIndex(*file, "dec9"));
  ASSERT_TRUE(d.min && d.max);
  EXPECT_EQ(d.min->type(), LogicalType::Decimal(9, 2));
  EXPECT_EQ(d.min->GetInt64(), 2048 * 125 - 100000);
  auto ts = file->GetStatistics(0, ColumnIndex(*file, "tsms"));
  ASSERT_TRUE(ts.min);
  EXPECT_EQ(*ts.min, Value::Timestamp(Micros(2001, 2, 3, 4, 5, 6)));
}

class CodecFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(CodecFixture, ReadsEveryValue) {
  auto file = ParquetFileReader::Open(FileSystem::Local(), kDir + "codec_" + GetParam() + ".parquet");
  ASSERT_EQ(file->num_rows(), 1500u);
  ASSERT_EQ(file->columns().size(), 4u);
  EXPECT_EQ(file->columns()[2].type, LogicalType(TypeId::VARCHAR));
  std::vector<VectorKind> kinds;
  auto values = ReadAll(file, {0, 1, 2, 3}, &kinds);
  for (int64_t i = 0; i < 1500; i++) {
    ASSERT_EQ(values[0][i].GetInt64(), i);
    ASSERT_EQ(values[1][i].GetInt64(), i * 3);
    if (i % 3 == 0) {
      ASSERT_TRUE(values[2][i].IsNull());
    } else {
      ASSERT_EQ(values[2][i].GetString(), "k" + std::to_string(i % 11) + "_long_string_value");
    }
    ASSERT_DOUBLE_EQ(values[3][i].GetDouble(), i / 3.0);
  }
  // The string column is dictionary-encoded: it must come out as DICTIONARY vectors.
  bool saw_dictionary = false;
  for (idx_t k = 2; k < kinds.size(); k += 4) saw_dictionary |= kinds[k] == VectorKind::DICTIONARY;
  EXPECT_TRUE(saw_dictionary);
}

INSTANTIATE_TEST_SUITE_P(Codecs, CodecFixture,
                         ::testing::Values("uncompressed", "snappy", "gzip", "brotli", "lz4", "zstd"));

TEST(ParquetFileReaderTest, NestedColumnsAreListedButNotReadable) {
  auto file = ParquetFileReader::Open(FileSystem::Local(), kDir + "nested.parquet");
  ASSERT_EQ(file->columns().size(), 5u);
  EXPECT_FALSE(file->columns()[0].nested);
  EXPECT_TRUE(file->columns()[1].nested);  // LIST
  EXPECT_TRUE(file->columns()[2].nested);  // STRUCT
  EXPECT_TRUE(file->columns()[3].nested);  // MAP
  EXPECT_FALSE(file->columns()[4].nested);
  auto values = ReadAll(file, {0, 4});
  ASSERT_EQ(values[0].size(), 100u);
  EXPECT_EQ(values[1][42].GetString(), "flat42");
  try {
    RowGroupReader reader(file, 0, {2});
    FAIL() << "expected an exception";
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), sqlstate::kFeatureNotSupported);
    EXPECT_NE(std::string(e.what()).find("column \"st\""), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("nested"), std::string::npos) << e.what();
  }
}

TEST(ParquetFileReaderTest, NotParquetAndMissingFiles) {
  try {
    ParquetFileReader::Open(FileSystem::Local(), kDir + "generate_fixtures.js");
    FAIL();
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), sqlstate::kDataCorrupted);
    EXPECT_NE(std::string(e.what()).find("generate_fixtures.js"), std::string::npos);
  }
  EXPECT_THROW(ParquetFileReader::Open(FileSystem::Local(), kDir + "does_not_exist.parquet"), Exception);
}

TEST(ParquetFileReaderTest, EncryptedFooterIsRejectedClearly) {
  std::string path = ::testing::TempDir() + "cairn_encrypted.parquet";
  {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    std::string bytes = std::string("PARE") + std::string(32, '\x01') + std::string("\x20\0\0\0", 4) + "PARE";
    std::fwrite(bytes.data(), 1, bytes.size(), f);
    std::fclose(f);
  }
  try {
    ParquetFileReader::Open(FileSystem::Local(), path);
    FAIL();
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), sqlstate::kFeatureNotSupported);
    EXPECT_NE(std::string(e.what()).find("encrypted Parquet files are not supported"), std::string::npos);
  }
  std::remove(path.c_str());
}

const char* kFlights = "node_modules/vega-datasets/data/flights-3m.parquet";

TEST(ParquetFileReaderTest, Flights3m) {
  if (!std::filesystem::exists(kFlights)) GTEST_SKIP() << kFlights << " not present";
  auto file = ParquetFileReader::Open(FileSystem::Local(), kFlights);
  EXPECT_EQ(file->num_rows(), 3000000u);
  EXPECT_EQ(file->num_row_groups(), 11u);
  std::vector<idx_t> ids;
  std::vector<LogicalType> types;
  for (idx_t i = 0; i < file->columns().size(); i++) {
    ids.push_back(i);
    types.push_back(file->columns()[i].type);
  }
  const idx_t distance = ColumnIndex(*file, "distance");
  const idx_t origin = ColumnIndex(*file, "origin");
  EXPECT_EQ(file->columns()[ColumnIndex(*file, "date")].type.id(), TypeId::TIMESTAMP);
  EXPECT_EQ(file->columns()[origin].type, LogicalType(TypeId::VARCHAR));
  auto start = std::chrono::steady_clock::now();
  int64_t sum_flat = 0;
  idx_t rows = 0;
  idx_t origin_bytes = 0;
  for (idx_t g = 0; g < file->num_row_groups(); g++) {
    RowGroupReader reader(file, g, ids);
    DataChunk chunk;
    chunk.Initialize(types);
    while (reader.Next(chunk)) {
      const Vector& v = chunk.data[distance];
      UnifiedFormat format;
      v.ToUnified(chunk.size(), format);
      auto* data = reinterpret_cast<const int64_t*>(format.data);
      for (idx_t r = 0; r < chunk.size(); r++) {
        idx_t k = format.sel->get_index(r);
        if (format.validity->RowIsValid(k)) sum_flat += data[k];
      }
      UnifiedFormat strings;
      chunk.data[origin].ToUnified(chunk.size(), strings);
      for (idx_t r = 0; r < chunk.size(); r++) {
        origin_bytes += reinterpret_cast<const string_t*>(strings.data)[strings.sel->get_index(r)].size();
      }
      rows += chunk.size();
    }
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("flights-3m: %zu rows x %zu columns in %.3f s (%.0f M values/s)\n", static_cast<size_t>(rows),
              ids.size(), seconds, rows * ids.size() / seconds / 1e6);
  EXPECT_EQ(rows, 3000000u);
  EXPECT_EQ(origin_bytes, 3000000u * 3);  // IATA codes
  // The same sum through Value, one row group only, as a cross-check of the fast path.
  auto values = ReadAll(file, {distance});
  int64_t sum_values = 0;
  for (const Value& v : values[0]) {
    if (!v.IsNull()) sum_values += v.GetInt64();
  }
  EXPECT_EQ(sum_flat, sum_values);
  EXPECT_GT(sum_flat, 0);
}

}  // namespace
}  // namespace cairn::parquet
