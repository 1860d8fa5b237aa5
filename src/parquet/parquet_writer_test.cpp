// ParquetWriter round trips: files written by Cairn read back by Cairn's ParquetFileReader with
// identical values, NULLs, types and statistics, for every type the writer supports, every
// codec and both data page versions.
#include "parquet/parquet_writer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "cairn/exception.h"
#include "io/in_memory_file_system.h"
#include "parquet/parquet_file_reader.h"
#include "parquet/parquet_page_index.h"
#include "parquet/parquet_statistics.h"

#include <unistd.h>

namespace cairn::parquet {
namespace {

constexpr idx_t kRows = 5000;

std::vector<LogicalType> AllTypes() {
  return {TypeId::BOOLEAN,   TypeId::TINYINT,  TypeId::SMALLINT,  TypeId::INTEGER,
          TypeId::BIGINT,    TypeId::UTINYINT, TypeId::USMALLINT, TypeId::UINTEGER,
          TypeId::UBIGINT,   TypeId::FLOAT,    TypeId::DOUBLE,    LogicalType::Decimal(4, 1),
          LogicalType::Decimal(9, 2), LogicalType::Decimal(18, 4), LogicalType::Decimal(20, 0),
          LogicalType::Decimal(38, 10), TypeId::VARCHAR, TypeId::BLOB, TypeId::JSON, TypeId::UUID,
          TypeId::DATE,      TypeId::TIME,     TypeId::TIMESTAMP, TypeId::TIMESTAMP_TZ, TypeId::JSONB};
}

hugeint_t Pow10(int n) {
  hugeint_t v = 1;
  for (int i = 0; i < n; i++) v *= 10;
  return v;
}

/// Row `row` of a column of `type` (column `column` decides where NULLs fall; every column has
/// some, none is all NULL). Edge values sit at the first rows.
Value Generate(const LogicalType& type, idx_t column, idx_t row) {
  if ((row * 7 + column) % 5 == 0) return Value::Null(type);
  uint64_t mix = (row + 1) * 0x9E3779B97F4A7C15ull ^ (column << 40);
  auto i64 = static_cast<int64_t>(mix);
  auto pick = [&](auto edge0, auto edge1, auto other) { return row == 1 ? edge0 : row == 2 ? edge1 : other; };
  switch (type.id()) {
    case TypeId::BOOLEAN: return Value::Boolean(mix % 3 == 0);
    case TypeId::TINYINT: return Value::FromPhysical(type, pick(-128, 127, static_cast<int8_t>(mix)));
    case TypeId::SMALLINT: return Value::FromPhysical(type, pick(-32768, 32767, static_cast<int16_t>(mix)));
    case TypeId::INTEGER:
      return Value::FromPhysical(type, pick(std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max(),
                                            static_cast<int32_t>(mix)));
    case TypeId::BIGINT:
      return Value::FromPhysical(type, pick(std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max(), i64));
    case TypeId::UTINYINT: return Value::FromPhysical(type, pick(0, 255, static_cast<uint8_t>(mix)));
    case TypeId::USMALLINT: return Value::FromPhysical(type, pick(0, 65535, static_cast<uint16_t>(mix)));
    case TypeId::UINTEGER: return Value::FromPhysical(type, pick(int64_t{0}, int64_t{4294967295}, int64_t{static_cast<uint32_t>(mix)}));
    case TypeId::UBIGINT:
      return Value::FromPhysical128(type, pick(hugeint_t{0}, hugeint_t{std::numeric_limits<uint64_t>::max()}, hugeint_t{mix}));
    case TypeId::FLOAT:
      return Value::FromPhysicalDouble(
          type, pick(-0.0, std::numeric_limits<double>::quiet_NaN(),
                     static_cast<double>(static_cast<float>(static_cast<double>(i64 % 100000) / 7.0))));
    case TypeId::DOUBLE:
      return Value::FromPhysicalDouble(type, pick(std::numeric_limits<double>::infinity(), -1e308,
                                                  static_cast<double>(i64) / 3.0));
    case TypeId::DECIMAL: {
      hugeint_t limit = Pow10(type.width()) - 1;
      hugeint_t value = pick(-limit, limit, static_cast<hugeint_t>(i64) % limit);
      if (type.width() <= 18) return Value::FromPhysical(type, static_cast<int64_t>(value));
      if (row > 2) value = value * static_cast<hugeint_t>(mix % 1000000007) % limit;
      return Value::FromPhysical128(type, value);
    }
    case TypeId::VARCHAR:
      return Value::Varchar(pick(std::string(), std::string(500, 'y') + "\xc3\xa9", "v" + std::to_string(mix % 997)));
    case TypeId::BLOB: return Value::Blob(pick(std::string("\0\xff", 2), std::string(), std::string(mix % 20, '\x80')));
    case TypeId::JSON:
    case TypeId::JSONB: return Value::FromPhysicalString(type, "{\"a\": " + std::to_string(mix % 1000) + "}");
    case TypeId::UUID: {
      char text[37];
      std::snprintf(text, sizeof(text), "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(mix >> 32),
                    static_cast<unsigned>(mix & 0xffff), static_cast<unsigned>(row & 0xffff),
                    static_cast<unsigned>(column), static_cast<unsigned long long>(mix & 0xffffffffffffull));
      return Value::FromPhysicalString(type, text);
    }
    case TypeId::DATE: return Value::FromPhysical(type, i64 % 700000);  // years 54..3886
    case TypeId::TIME: return Value::FromPhysical(type, static_cast<int64_t>(mix % 86400000000ull));
    case TypeId::TIMESTAMP:
    case TypeId::TIMESTAMP_TZ: return Value::FromPhysical(type, i64 % 9000000000000000);
    default: break;
  }
  ADD_FAILURE() << "no generator for " << type.ToString();
  return Value::Null(type);
}

/// The type a column reads back as (JSON and JSONB become VARCHAR).
LogicalType ReadType(const LogicalType& type) {
  return type.id() == TypeId::JSON || type.id() == TypeId::JSONB ? LogicalType(TypeId::VARCHAR) : type;
}

bool Same(const Value& expected, const Value& actual) {
  if (expected.IsNull() || actual.IsNull()) return expected.IsNull() && actual.IsNull();
  if (expected.type().physical_type() == PhysicalType::DOUBLE) {
    double a = expected.GetDouble(), b = actual.GetDouble();
    return std::memcmp(&a, &b, sizeof(double)) == 0 || (std::isnan(a) && std::isnan(b));
  }
  if (expected.type().id() == TypeId::JSON || expected.type().id() == TypeId::JSONB) {
    return actual.GetString() == expected.GetString();
  }
  return expected == actual;
}

void WriteFile(FileSystem& fs, const std::string& path, const std::vector<LogicalType>& types, idx_t rows,
               ParquetWriterOptions options) {
  std::vector<std::string> names;
  for (size_t c = 0; c < types.size(); c++) {
    std::string name = "c" + std::to_string(c) + "_" + types[c].ToString();
    for (char& ch : name) ch = std::isalnum(static_cast<unsigned char>(ch)) ? static_cast<char>(std::tolower(ch)) : '_';
    names.push_back(name);
  }
  ParquetWriter writer(fs, path, names, types, options);
  DataChunk chunk;
  for (idx_t start = 0; start < rows; start += kStandardVectorSize) {
    chunk.Initialize(types);
    idx_t n = std::min(kStandardVectorSize, rows - start);
    for (size_t c = 0; c < types.size(); c++) {
      for (idx_t r = 0; r < n; r++) chunk.data[c].SetValue(r, Generate(types[c], c, start + r));
    }
    chunk.SetCardinality(n);
    writer.Append(chunk);
  }
  EXPECT_EQ(writer.rows_written(), rows);
  writer.Finish();
}

struct Expected {
  int64_t nulls = 0;
  std::optional<Value> min, max;
};

/// The order of the Parquet statistics on Cairn values of one type (byte order for strings).
bool Less(const Value& a, const Value& b) {
  switch (a.type().physical_type()) {
    case PhysicalType::BOOL: return a.GetBool() < b.GetBool();
    case PhysicalType::INT32:
    case PhysicalType::INT64: return a.GetInt64() < b.GetInt64();
    case PhysicalType::INT128: return a.GetInt128() < b.GetInt128();
    case PhysicalType::DOUBLE: return a.GetDouble() < b.GetDouble();
    default: return a.GetString() < b.GetString();
  }
}

/// Null count and bounds (NaN left out) of rows [begin, end) of column `column`.
Expected ExpectedStatistics(const LogicalType& type, idx_t column, idx_t begin, idx_t end) {
  Expected result;
  auto less = Less;
  for (idx_t r = begin; r < end; r++) {
    Value v = Generate(type, column, r);
    if (v.IsNull()) {
      result.nulls++;
      continue;
    }
    if (v.type().physical_type() == PhysicalType::DOUBLE && std::isnan(v.GetDouble())) continue;
    if (!result.min || less(v, *result.min)) result.min = v;
    if (!result.max || less(*result.max, v)) result.max = v;
  }
  return result;
}

std::string ReadBytes(FileSystem& fs, const std::string& path, int64_t offset, int64_t length) {
  std::string bytes(static_cast<size_t>(length), '\0');
  fs.OpenForRead(path)->Read(bytes.data(), static_cast<idx_t>(length), static_cast<idx_t>(offset));
  return bytes;
}

/// The page index of column `c` in row group `g` (which starts at row `group_start`): the
/// offset index locates every data page header and its first row; the column index holds each
/// page's null count and bounds, as computed from the generated data.
void CheckPageIndex(FileSystem& fs, const ParquetFileReader& file, idx_t g, size_t c, idx_t group_start,
                    const LogicalType& type, size_t* page_count) {
  SCOPED_TRACE("page index of " + type.ToString() + " in row group " + std::to_string(g));
  const ColumnChunk& chunk = file.metadata().row_groups[g].columns[c];
  ASSERT_TRUE(chunk.offset_index_offset && chunk.offset_index_length);
  ASSERT_TRUE(chunk.column_index_offset && chunk.column_index_length);
  std::string offset_bytes = ReadBytes(fs, file.path(), *chunk.offset_index_offset, *chunk.offset_index_length);
  std::string column_bytes = ReadBytes(fs, file.path(), *chunk.column_index_offset, *chunk.column_index_length);
  OffsetIndex offsets =
      DecodeOffsetIndex(reinterpret_cast<const uint8_t*>(offset_bytes.data()), offset_bytes.size(), "offset index");
  ColumnIndex index =
      DecodeColumnIndex(reinterpret_cast<const uint8_t*>(column_bytes.data()), column_bytes.size(), "column index");
  const auto& pages = offsets.page_locations;
  ASSERT_GE(pages.size(), 1u);
  *page_count += pages.size();
  ASSERT_EQ(index.null_pages.size(), pages.size());
  ASSERT_EQ(index.min_values.size(), pages.size());
  ASSERT_EQ(index.max_values.size(), pages.size());
  ASSERT_TRUE(index.null_counts);
  ASSERT_EQ(index.null_counts->size(), pages.size());
  const ColumnMetaData& meta = *chunk.meta_data;
  EXPECT_EQ(pages[0].offset, meta.data_page_offset);
  EXPECT_EQ(pages[0].first_row_index, 0);
  int64_t chunk_end = meta.dictionary_page_offset.value_or(meta.data_page_offset) + meta.total_compressed_size;
  const ParquetColumn& column = file.columns()[c];
  std::vector<std::optional<Value>> mins, maxes;
  for (size_t p = 0; p < pages.size(); p++) {
    int64_t next_offset = p + 1 < pages.size() ? pages[p + 1].offset : chunk_end;
    EXPECT_EQ(pages[p].offset + pages[p].compressed_page_size, next_offset) << "page " << p;
    std::string page = ReadBytes(fs, file.path(), pages[p].offset, pages[p].compressed_page_size);
    size_t header_size = 0;
    PageHeader header =
        DecodePageHeader(reinterpret_cast<const uint8_t*>(page.data()), page.size(), "page", header_size);
    EXPECT_EQ(header_size + static_cast<size_t>(header.compressed_page_size), page.size());
    int64_t rows = header.data_page_header ? header.data_page_header->num_values
                                           : header.data_page_header_v2 ? header.data_page_header_v2->num_rows : -1;
    int64_t next_row = p + 1 < pages.size() ? pages[p + 1].first_row_index
                                            : static_cast<int64_t>(file.row_group_rows(g));
    EXPECT_EQ(pages[p].first_row_index + rows, next_row) << "page " << p;
    Expected expected = ExpectedStatistics(type, c, group_start + static_cast<idx_t>(pages[p].first_row_index),
                                           group_start + static_cast<idx_t>(next_row));
    EXPECT_EQ((*index.null_counts)[p], expected.nulls) << "page " << p;
    EXPECT_EQ(index.null_pages[p], !expected.min.has_value()) << "page " << p;
    Statistics page_statistics;
    page_statistics.min_value = index.min_values[p];
    page_statistics.max_value = index.max_values[p];
    ColumnStatistics bounds = DecodeColumnStatistics(column, page_statistics);
    mins.push_back(bounds.min);
    maxes.push_back(bounds.max);
    if (expected.min && type.id() != TypeId::UUID) {
      ASSERT_TRUE(bounds.min && bounds.max) << "page " << p;
      EXPECT_EQ(bounds.min->ToString(), expected.min->ToString()) << "page " << p;
      EXPECT_EQ(bounds.max->ToString(), expected.max->ToString()) << "page " << p;
    }
  }
  // A declared boundary order must hold (random data is mostly UNORDERED, which claims nothing).
  if (index.boundary_order != BoundaryOrder::UNORDERED && type.id() != TypeId::UUID) {
    bool ascending = index.boundary_order == BoundaryOrder::ASCENDING;
    std::optional<Value> previous_min, previous_max;
    for (size_t p = 0; p < mins.size(); p++) {
      if (!mins[p]) continue;  // a NULL page
      if (previous_min) {
        EXPECT_FALSE(ascending ? Less(*mins[p], *previous_min) : Less(*previous_min, *mins[p])) << "page " << p;
        EXPECT_FALSE(ascending ? Less(*maxes[p], *previous_max) : Less(*previous_max, *maxes[p])) << "page " << p;
      }
      previous_min = mins[p];
      previous_max = maxes[p];
    }
  }
}

/// Reads every row back and checks values, types, statistics and the page index; adds the
/// number of data pages to `*pages` when given.
void CheckFile(FileSystem& fs, const std::string& path, const std::vector<LogicalType>& types, idx_t rows,
               idx_t row_group_rows, size_t* pages = nullptr) {
  auto file = ParquetFileReader::Open(fs, path);
  ASSERT_EQ(file->columns().size(), types.size());
  for (size_t c = 0; c < types.size(); c++) {
    EXPECT_EQ(file->columns()[c].type, ReadType(types[c])) << file->columns()[c].name;
    EXPECT_TRUE(file->columns()[c].nullable);
  }
  ASSERT_EQ(file->num_rows(), rows);
  ASSERT_EQ(file->num_row_groups(), (rows + row_group_rows - 1) / row_group_rows);
  std::vector<idx_t> all(types.size());
  for (size_t c = 0; c < types.size(); c++) all[c] = c;
  idx_t row = 0;
  size_t page_count = 0;
  for (idx_t g = 0; g < file->num_row_groups(); g++) {
    idx_t group_start = row;
    EXPECT_EQ(file->row_group_rows(g), std::min(row_group_rows, rows - group_start));
    RowGroupReader reader(file, g, all);
    DataChunk out;
    while (reader.Next(out)) {
      for (idx_t r = 0; r < out.size(); r++, row++) {
        for (size_t c = 0; c < types.size(); c++) {
          Value expected = Generate(types[c], c, row);
          Value actual = out.GetValue(c, r);
          ASSERT_TRUE(Same(expected, actual)) << "row " << row << " column " << types[c].ToString() << ": expected "
                                              << expected.ToString() << ", read " << actual.ToString();
        }
      }
    }
    // Statistics of each column chunk: null count and the bounds of its non-null values.
    for (size_t c = 0; c < types.size(); c++) {
      Expected expected = ExpectedStatistics(types[c], c, group_start, row);
      ColumnStatistics stats = file->GetStatistics(g, c);
      EXPECT_EQ(stats.null_count, expected.nulls) << types[c].ToString();
      if (types[c].id() != TypeId::UUID) {  // the reader does not use UUID bounds
        ASSERT_TRUE(stats.min && stats.max) << types[c].ToString();
        EXPECT_EQ(stats.min->ToString(), expected.min->ToString()) << types[c].ToString() << " min";
        EXPECT_EQ(stats.max->ToString(), expected.max->ToString()) << types[c].ToString() << " max";
      }
      CheckPageIndex(fs, *file, g, c, group_start, types[c], &page_count);
    }
  }
  EXPECT_EQ(row, rows);
  if (pages) *pages += page_count;
}

struct Case {
  CompressionCodec codec;
  DataPageVersion version;
  bool dictionary = true;
};

/// The options of the round-trip files: 2000 + 2000 + 1000 rows, several pages per column
/// chunk, and a dictionary limit that the wide columns (strings, DECIMAL(38)) outgrow within
/// a row group (exercising the fallback to PLAIN) while the narrow ones do not.
ParquetWriterOptions CaseOptions(const Case& c) {
  ParquetWriterOptions options;
  options.codec = c.codec;
  options.page_version = c.version;
  options.dictionary = c.dictionary;
  options.row_group_rows = 2000;
  options.page_bytes = 3000;
  options.dictionary_page_bytes = 20000;
  return options;
}

class ParquetWriterRoundTripTest : public testing::TestWithParam<Case> {};

TEST_P(ParquetWriterRoundTripTest, EveryTypeReadsBackIdentically) {
  InMemoryFileSystem fs;
  ParquetWriterOptions options = CaseOptions(GetParam());
  auto types = AllTypes();
  WriteFile(fs, "/t.parquet", types, kRows, options);
  size_t pages = 0;
  CheckFile(fs, "/t.parquet", types, kRows, options.row_group_rows, &pages);
  EXPECT_GT(pages, 3 * types.size());  // the small page size splits some chunks into several pages
  auto file = ParquetFileReader::Open(fs, "/t.parquet");
  for (const auto& group : file->metadata().row_groups) {
    for (size_t c = 0; c < types.size(); c++) {
      const auto& meta = *group.columns[c].meta_data;
      EXPECT_EQ(meta.codec, GetParam().codec);
      bool dictionary = std::find(meta.encodings.begin(), meta.encodings.end(), Encoding::RLE_DICTIONARY) !=
                        meta.encodings.end();
      EXPECT_EQ(dictionary, GetParam().dictionary && types[c].id() != TypeId::BOOLEAN) << types[c].ToString();
      EXPECT_EQ(meta.dictionary_page_offset.has_value(), dictionary);
    }
  }
}

const Case kCases[] = {
    {CompressionCodec::UNCOMPRESSED, DataPageVersion::V1}, {CompressionCodec::SNAPPY, DataPageVersion::V1},
    {CompressionCodec::GZIP, DataPageVersion::V1},         {CompressionCodec::ZSTD, DataPageVersion::V1},
    {CompressionCodec::LZ4_RAW, DataPageVersion::V1},      {CompressionCodec::UNCOMPRESSED, DataPageVersion::V2},
    {CompressionCodec::SNAPPY, DataPageVersion::V2},       {CompressionCodec::GZIP, DataPageVersion::V2},
    {CompressionCodec::ZSTD, DataPageVersion::V2},         {CompressionCodec::LZ4_RAW, DataPageVersion::V2},
    {CompressionCodec::SNAPPY, DataPageVersion::V1, false}, {CompressionCodec::ZSTD, DataPageVersion::V2, false},
};

std::string CaseName(const Case& c) {
  std::string name = std::string(CompressionCodecName(c.codec)) + (c.version == DataPageVersion::V1 ? "_v1" : "_v2") +
                     (c.dictionary ? "_dictionary" : "_plain");
  for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return name;
}

// Writes one file per codec and page version to the local file system and reads each back.
// The directory is $CAIRN_PARQUET_WRITER_OUT when set (test/interop/parquet_writer.mjs then
// reads the files with DuckDB and Cairn and compares), else a temporary one removed afterwards.
TEST(ParquetWriterFilesTest, WritesOneLocalFilePerCodecAndPageVersion) {
  const char* out = std::getenv("CAIRN_PARQUET_WRITER_OUT");
  std::filesystem::path dir = out && *out ? std::filesystem::path(out)
                                          : std::filesystem::temp_directory_path() /
                                                ("cairn_parquet_writer_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  FileSystem& fs = FileSystem::Local();
  auto types = AllTypes();
  for (const Case& c : kCases) {
    ParquetWriterOptions options = CaseOptions(c);
    std::string path = (dir / (CaseName(c) + ".parquet")).string();
    WriteFile(fs, path, types, kRows, options);
    CheckFile(fs, path, types, kRows, options.row_group_rows);
  }
  if (!(out && *out)) std::filesystem::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(CodecsPageVersionsAndEncodings, ParquetWriterRoundTripTest, testing::ValuesIn(kCases),
                         [](const testing::TestParamInfo<Case>& info) { return CaseName(info.param); });

// Few distinct values: every page refers to the dictionary, which makes the file far smaller
// than PLAIN; a dictionary limit reached mid-chunk switches the rest of the chunk to PLAIN.
TEST(ParquetWriterTest, DictionaryEncodingAndFallback) {
  InMemoryFileSystem fs;
  auto write = [&](const std::string& path, bool dictionary, idx_t limit) {
    ParquetWriterOptions options;
    options.codec = CompressionCodec::UNCOMPRESSED;
    options.dictionary = dictionary;
    options.dictionary_page_bytes = limit;
    options.page_bytes = 2000;
    ParquetWriter writer(fs, path, {"s"}, {TypeId::VARCHAR}, options);
    DataChunk chunk;
    for (idx_t start = 0; start < 10000; start += 1000) {
      chunk.Initialize({TypeId::VARCHAR});
      for (idx_t r = 0; r < 1000; r++) {
        // The first 5000 rows repeat three strings; the rest are all distinct.
        idx_t row = start + r;
        chunk.data[0].SetValue(r, Value::Varchar(row < 5000 ? "category " + std::to_string(row % 3)
                                                            : "unique value " + std::to_string(row)));
      }
      chunk.SetCardinality(1000);
      writer.Append(chunk);
    }
    writer.Finish();
    return ParquetFileReader::Open(fs, path);
  };
  auto plain = write("/plain.parquet", false, 0);
  auto dictionary = write("/dictionary.parquet", true, 1000);  // overflows in the distinct half
  const auto& meta = *dictionary->metadata().row_groups[0].columns[0].meta_data;
  ASSERT_TRUE(meta.dictionary_page_offset);
  EXPECT_EQ(*meta.dictionary_page_offset, 4);
  EXPECT_GT(meta.data_page_offset, 4);
  EXPECT_LT(meta.total_compressed_size, plain->metadata().row_groups[0].columns[0].meta_data->total_compressed_size);
  for (const auto& file : {plain, dictionary}) {
    RowGroupReader reader(file, 0, {0});
    DataChunk out;
    idx_t row = 0;
    while (reader.Next(out)) {
      for (idx_t r = 0; r < out.size(); r++, row++) {
        std::string expected = row < 5000 ? "category " + std::to_string(row % 3) : "unique value " + std::to_string(row);
        ASSERT_EQ(out.GetValue(0, r).ToString(), expected) << file->path() << " row " << row;
      }
    }
    EXPECT_EQ(row, 10000u);
  }
}

TEST(ParquetWriterTest, EmptyFileHasTheSchemaAndNoRowGroups) {
  InMemoryFileSystem fs;
  auto types = AllTypes();
  WriteFile(fs, "/empty.parquet", types, 0, {});
  CheckFile(fs, "/empty.parquet", types, 0, 1);
}

TEST(ParquetWriterTest, AllNullChunkHasOnlyANullCount) {
  InMemoryFileSystem fs;
  {
    ParquetWriter writer(fs, "/nulls.parquet", {"x"}, {TypeId::INTEGER});
    DataChunk chunk;
    chunk.Initialize({TypeId::INTEGER});
    for (idx_t r = 0; r < 100; r++) chunk.data[0].SetValue(r, Value::Null(TypeId::INTEGER));
    chunk.SetCardinality(100);
    writer.Append(chunk);
    writer.Finish();
  }
  auto file = ParquetFileReader::Open(fs, "/nulls.parquet");
  ColumnStatistics stats = file->GetStatistics(0, 0);
  EXPECT_EQ(stats.null_count, 100);
  EXPECT_FALSE(stats.min);
  EXPECT_FALSE(stats.max);
  RowGroupReader reader(file, 0, {0});
  DataChunk out;
  idx_t rows = 0;
  while (reader.Next(out)) {
    for (idx_t r = 0; r < out.size(); r++, rows++) EXPECT_TRUE(out.GetValue(0, r).IsNull());
  }
  EXPECT_EQ(rows, 100u);
}

TEST(ParquetWriterTest, RequiredColumnsHaveNoDefinitionLevels) {
  for (DataPageVersion version : {DataPageVersion::V1, DataPageVersion::V2}) {
    InMemoryFileSystem fs;
    ParquetWriterOptions options;
    options.page_version = version;
    options.required_columns = {true, false};
    options.page_bytes = 4096;  // several pages per chunk
    {
      ParquetWriter writer(fs, "/required.parquet", {"id", "note"}, {TypeId::BIGINT, TypeId::VARCHAR}, options);
      for (idx_t start = 0; start < 5000; start += kStandardVectorSize) {
        DataChunk chunk;
        chunk.Initialize({TypeId::BIGINT, TypeId::VARCHAR});
        idx_t count = std::min<idx_t>(kStandardVectorSize, 5000 - start);
        for (idx_t r = 0; r < count; r++) {
          chunk.data[0].SetValue(r, Value::BigInt(static_cast<int64_t>(start + r)));
          chunk.data[1].SetValue(r, (start + r) % 3 ? Value::Varchar("n" + std::to_string(start + r))
                                                    : Value::Null(TypeId::VARCHAR));
        }
        chunk.SetCardinality(count);
        writer.Append(chunk);
      }
      writer.Finish();
    }
    auto file = ParquetFileReader::Open(fs, "/required.parquet");
    EXPECT_EQ(file->metadata().schema[1].repetition_type, FieldRepetitionType::REQUIRED);
    EXPECT_EQ(file->metadata().schema[2].repetition_type, FieldRepetitionType::OPTIONAL);
    idx_t rows = 0;
    for (idx_t g = 0; g < file->num_row_groups(); g++) {
      RowGroupReader reader(file, g, {0, 1});
      DataChunk out;
      while (reader.Next(out)) {
        for (idx_t r = 0; r < out.size(); r++, rows++) {
          EXPECT_EQ(out.GetValue(0, r).GetInt64(), static_cast<int64_t>(rows));
          EXPECT_EQ(out.GetValue(1, r).IsNull(), rows % 3 == 0);
        }
      }
    }
    EXPECT_EQ(rows, 5000u);
    // A NULL in a REQUIRED column is the caller's bug, never a file that lies.
    ParquetWriter bad(fs, "/bad.parquet", {"id"}, {TypeId::BIGINT},
                      ParquetWriterOptions{.required_columns = {true}});
    DataChunk chunk;
    chunk.Initialize({TypeId::BIGINT});
    chunk.data[0].SetValue(0, Value::Null(TypeId::BIGINT));
    chunk.SetCardinality(1);
    EXPECT_THROW(bad.Append(chunk), Exception);
  }
}

/// The encoding of each data page of column `c` in row group 0, in order (via the offset index).
std::vector<Encoding> PageEncodings(FileSystem& fs, const ParquetFileReader& file, size_t c) {
  const ColumnChunk& chunk = file.metadata().row_groups[0].columns[c];
  std::string bytes = ReadBytes(fs, file.path(), *chunk.offset_index_offset, *chunk.offset_index_length);
  OffsetIndex offsets = DecodeOffsetIndex(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), "index");
  std::vector<Encoding> encodings;
  for (const auto& page : offsets.page_locations) {
    std::string header_bytes = ReadBytes(fs, file.path(), page.offset, page.compressed_page_size);
    size_t used = 0;
    PageHeader header = DecodePageHeader(reinterpret_cast<const uint8_t*>(header_bytes.data()), header_bytes.size(),
                                         "page", used);
    encodings.push_back(header.data_page_header->encoding);
  }
  return encodings;
}

// A near-unique column stops dictionary encoding after its trial values; a column of few
// distinct values keeps it for the whole chunk.
TEST(ParquetWriterTest, HighCardinalityChunkFallsBackToPlain) {
  InMemoryFileSystem fs;
  constexpr idx_t kTotal = 60000;
  {
    ParquetWriterOptions options;
    options.page_bytes = 8192;
    ParquetWriter writer(fs, "/cardinality.parquet", {"id", "kind"}, {TypeId::BIGINT, TypeId::INTEGER}, options);
    DataChunk chunk;
    for (idx_t start = 0; start < kTotal; start += kStandardVectorSize) {
      chunk.Initialize({TypeId::BIGINT, TypeId::INTEGER});
      idx_t n = std::min(kStandardVectorSize, kTotal - start);
      for (idx_t r = 0; r < n; r++) {
        chunk.data[0].SetValue(r, Value::BigInt(static_cast<int64_t>((start + r) * 7919 % 1000003)));
        chunk.data[1].SetValue(r, Value::Integer(static_cast<int32_t>((start + r) % 4)));
      }
      chunk.SetCardinality(n);
      writer.Append(chunk);
    }
    writer.Finish();
  }
  auto file = ParquetFileReader::Open(fs, "/cardinality.parquet");
  auto id = PageEncodings(fs, *file, 0);
  ASSERT_GE(id.size(), 3u);
  EXPECT_EQ(id.front(), Encoding::RLE_DICTIONARY);
  EXPECT_EQ(id.back(), Encoding::PLAIN);
  EXPECT_TRUE(std::is_partitioned(id.begin(), id.end(), [](Encoding e) { return e == Encoding::RLE_DICTIONARY; }));
  for (Encoding e : PageEncodings(fs, *file, 1)) EXPECT_EQ(e, Encoding::RLE_DICTIONARY);
  RowGroupReader reader(file, 0, {0, 1});
  DataChunk out;
  idx_t row = 0;
  while (reader.Next(out)) {
    for (idx_t r = 0; r < out.size(); r++, row++) {
      ASSERT_EQ(out.GetValue(0, r), Value::BigInt(static_cast<int64_t>(row * 7919 % 1000003))) << row;
      ASSERT_EQ(out.GetValue(1, r), Value::Integer(static_cast<int32_t>(row % 4))) << row;
    }
  }
  EXPECT_EQ(row, kTotal);
}

// A page whose values are all NaN has no bounds: the chunk gets an offset index but no column
// index (a column index would have to claim bounds for it).
TEST(ParquetWriterTest, NanOnlyPageLeavesOutTheColumnIndex) {
  InMemoryFileSystem fs;
  {
    ParquetWriterOptions options;
    options.page_bytes = 100;  // a page per 256 rows: the first ones all NaN
    options.dictionary = false;
    ParquetWriter writer(fs, "/nan.parquet", {"x"}, {TypeId::DOUBLE}, options);
    DataChunk chunk;
    chunk.Initialize({TypeId::DOUBLE});
    for (idx_t r = 0; r < 1000; r++) {
      double v = r < 500 ? std::numeric_limits<double>::quiet_NaN() : static_cast<double>(r);
      chunk.data[0].SetValue(r, Value::Double(v));
    }
    chunk.SetCardinality(1000);
    writer.Append(chunk);
    writer.Finish();
  }
  auto file = ParquetFileReader::Open(fs, "/nan.parquet");
  const ColumnChunk& chunk = file->metadata().row_groups[0].columns[0];
  EXPECT_TRUE(chunk.offset_index_offset);
  EXPECT_FALSE(chunk.column_index_offset);
  ColumnStatistics stats = file->GetStatistics(0, 0);
  ASSERT_TRUE(stats.min && stats.max);
  EXPECT_EQ(stats.min->GetDouble(), 500.0);
  EXPECT_EQ(stats.max->GetDouble(), 999.0);
}

// Finish makes the file durable: after a simulated power loss it is still whole.
TEST(ParquetWriterTest, FinishedFileSurvivesACrash) {
  InMemoryFileSystem fs;
  fs.CreateDirectories("/data");
  fs.SyncDirectory("/");
  auto types = AllTypes();
  WriteFile(fs, "/data/durable.parquet", types, 3000, {});
  fs.SimulateCrash();
  CheckFile(fs, "/data/durable.parquet", types, 3000, ParquetWriterOptions().row_group_rows);
}

// row_group_bytes ends row groups before row_group_rows when the pages grow large.
TEST(ParquetWriterTest, RowGroupsEndAtTheByteLimit) {
  InMemoryFileSystem fs;
  ParquetWriterOptions options;
  options.row_group_bytes = 20000;
  options.page_bytes = 4000;
  options.dictionary = false;
  ParquetWriter writer(fs, "/groups.parquet", {"s"}, {TypeId::VARCHAR}, options);
  DataChunk chunk;
  for (int part = 0; part < 5; part++) {
    chunk.Initialize({TypeId::VARCHAR});
    for (idx_t r = 0; r < 1000; r++) chunk.data[0].SetValue(r, Value::Varchar(std::string(40, 'a' + part)));
    chunk.SetCardinality(1000);
    writer.Append(chunk);
  }
  writer.Finish();
  auto file = ParquetFileReader::Open(fs, "/groups.parquet");
  // 45 bytes per row (value, length, level bit): a row group passes 20000 bytes within the
  // 256 rows after which the size is checked.
  EXPECT_EQ(file->num_rows(), 5000u);
  ASSERT_GE(file->num_row_groups(), 8u);
  idx_t row = 0;
  for (idx_t g = 0; g < file->num_row_groups(); g++) {
    int64_t bytes = file->metadata().row_groups[g].total_byte_size;
    if (g + 1 < file->num_row_groups()) {
      EXPECT_GE(bytes, 20000);
    }
    EXPECT_LT(bytes, 20000 + 256 * 45 + 1000);
    RowGroupReader reader(file, g, {0});
    DataChunk out;
    while (reader.Next(out)) {
      for (idx_t r = 0; r < out.size(); r++, row++) {
        ASSERT_EQ(out.GetValue(0, r).ToString(), std::string(40, static_cast<char>('a' + row / 1000))) << row;
      }
    }
  }
  EXPECT_EQ(row, 5000u);
}

TEST(ParquetWriterTest, ConstantAndSlicedVectorsAreWrittenByValue) {
  InMemoryFileSystem fs;
  {
    ParquetWriter writer(fs, "/kinds.parquet", {"k", "s"}, {TypeId::BIGINT, TypeId::VARCHAR});
    DataChunk chunk;
    chunk.Initialize({TypeId::BIGINT, TypeId::VARCHAR});
    for (idx_t r = 0; r < 10; r++) {
      chunk.data[0].SetValue(r, Value::BigInt(static_cast<int64_t>(r)));
      chunk.data[1].SetValue(r, Value::Varchar("row " + std::to_string(r)));
    }
    chunk.SetCardinality(10);
    SelectionVector sel(kStandardVectorSize);
    for (idx_t r = 0; r < 5; r++) sel.set_index(r, static_cast<sel_t>(9 - 2 * r));  // 9 7 5 3 1
    chunk.Slice(sel, 5);
    writer.Append(chunk);
    DataChunk constant;
    constant.Initialize({TypeId::BIGINT, TypeId::VARCHAR});
    constant.data[0] = Vector(Value::BigInt(42));
    constant.data[1] = Vector(Value::Null(TypeId::VARCHAR));
    constant.SetCardinality(3);
    writer.Append(constant);
    writer.Finish();
  }
  auto file = ParquetFileReader::Open(fs, "/kinds.parquet");
  RowGroupReader reader(file, 0, {0, 1});
  DataChunk out;
  ASSERT_TRUE(reader.Next(out));
  ASSERT_EQ(out.size(), 8u);
  std::vector<std::string> got;
  for (idx_t r = 0; r < out.size(); r++) got.push_back(out.GetValue(0, r).ToString() + "|" + out.GetValue(1, r).ToString());
  EXPECT_EQ(got, (std::vector<std::string>{"9|row 9", "7|row 7", "5|row 5", "3|row 3", "1|row 1", "42|NULL",
                                           "42|NULL", "42|NULL"}));
}

TEST(ParquetWriterTest, UnsupportedTypesAndCodecsAreRejected) {
  InMemoryFileSystem fs;
  for (LogicalType type : {LogicalType(TypeId::HUGEINT), LogicalType(TypeId::INTERVAL), LogicalType(TypeId::NUMERIC)}) {
    try {
      ParquetWriter writer(fs, "/bad.parquet", {"x"}, {type});
      ADD_FAILURE() << type.ToString() << " accepted";
    } catch (const Exception& e) {
      EXPECT_EQ(e.sqlstate(), sqlstate::kFeatureNotSupported);
      EXPECT_NE(std::string(e.what()).find("/bad.parquet"), std::string::npos) << e.what();
    }
  }
  ParquetWriterOptions options;
  options.codec = CompressionCodec::BROTLI;
  try {
    ParquetWriter writer(fs, "/bad.parquet", {"x"}, {TypeId::INTEGER}, options);
    ADD_FAILURE() << "BROTLI accepted";
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), sqlstate::kFeatureNotSupported);
  }
}

}  // namespace
}  // namespace cairn::parquet
