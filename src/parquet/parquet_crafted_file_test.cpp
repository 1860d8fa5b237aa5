// Crafted malicious Parquet files: valid DuckDB-written files with one structural field made
// wrong at the byte level (ParquetFileLayout locates it). Each must be rejected with a clean
// cairn::Exception XX001 naming the file, the column and what is wrong — never a crash, an
// out-of-bounds access (these tests also run under ASan+UBSan, see docs/fuzzing.md) or a
// wrong row count. Regression tests are named after what broke.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cairn/exception.h"
#include "parquet/encoding/level_decoder.h"
#include "parquet/test_support/parquet_file_layout.h"
#include "parquet/test_support/read_every_value.h"

namespace cairn::parquet {
namespace {

constexpr const char* kCraftedPath = "crafted.parquet";

std::string ReadFixture(const std::string& name) {
  std::ifstream in("test/data/parquet/" + name, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

/// Reads every value of the flat columns `column_ids` (all when empty) of every row group;
/// returns the cairn::Exception thrown, or fails the test if none (or another type) is thrown.
Exception ReadExpectingError(const std::string& bytes, std::vector<idx_t> column_ids = {}) {
  try {
    auto file = std::make_shared<ParquetFileReader>(std::make_unique<InMemoryFileHandle>(bytes, kCraftedPath));
    if (column_ids.empty()) {
      ReadEveryValue(bytes, 1000000, kCraftedPath);
    } else {
      std::vector<LogicalType> types;
      for (idx_t id : column_ids) types.push_back(file->columns()[id].type);
      for (idx_t g = 0; g < file->num_row_groups(); g++) {
        RowGroupReader reader(file, g, column_ids);
        DataChunk chunk;
        chunk.Initialize(types);
        while (reader.Next(chunk)) {
          for (idx_t c = 0; c < column_ids.size(); c++) {
            for (idx_t r = 0; r < chunk.size(); r++) chunk.data[c].GetValue(r).ToString();
          }
        }
      }
    }
  } catch (const Exception& e) {
    return e;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "unexpected exception type: " << e.what();
    return Exception(sqlstate::kInternalError, e.what());
  }
  ADD_FAILURE() << "the crafted file was read without an error";
  return Exception(sqlstate::kInternalError, "no error");
}

/// Expects XX001 with a message naming the file and containing every one of `parts`.
void ExpectCorrupt(const Exception& e, std::initializer_list<std::string> parts) {
  EXPECT_EQ(e.sqlstate(), sqlstate::kDataCorrupted) << e.what();
  std::string message = e.what();
  EXPECT_NE(message.find(kCraftedPath), std::string::npos) << message;
  for (const std::string& part : parts) EXPECT_NE(message.find(part), std::string::npos) << "\"" << part << "\" not in: " << message;
}

void Overwrite(std::string& data, size_t position, const std::string& bytes) {
  ASSERT_LE(position + bytes.size(), data.size());
  data.replace(position, bytes.size(), bytes);
}

/// The `n`th page (0-based) of column `column` in row group 0.
const PageLayout& Page(const ParquetFileLayout& layout, size_t column, size_t n) {
  for (const PageLayout& page : layout.pages) {
    if (page.row_group == 0 && page.column == column && n-- == 0) return page;
  }
  throw std::runtime_error("no such page in the fixture");
}

// codec_uncompressed.parquet: one row group of 1500 rows; columns id INTEGER, v BIGINT (PLAIN),
// s VARCHAR (dictionary of 11 entries, NULL every third row, 1000 values), d DOUBLE. Every
// column is OPTIONAL (max definition level 1, 1-bit levels), data pages v1, no compression.
constexpr size_t kColumnId = 0, kColumnV = 1, kColumnS = 2;

class CraftedFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    bytes_ = ReadFixture("codec_uncompressed.parquet");
    ASSERT_FALSE(bytes_.empty());
    ASSERT_NO_THROW(ReadEveryValue(bytes_, 1000000));
    layout_ = ParseParquetFileLayout(bytes_);
  }
  std::string bytes_;
  ParquetFileLayout layout_;
};

// The reported defect: an RLE run of definition level 255 for a 1-bit level was accepted; the
// present-row count was a popcount of the level bytes (8 per row), so 1500 rows counted 12000
// values and the dictionary indices were decoded past the 2048-entry buffer.
TEST_F(CraftedFileTest, DefinitionLevel255InRleRunOverflowedIndexBuffer) {
  const PageLayout& page = Page(layout_, kColumnS, 1);
  ASSERT_NE(page.levels_length_prefix, SIZE_MAX);
  // Two RLE runs (8 rows, then 1492 rows) of level 255: no single run covers the batch, so the
  // levels are decoded value by value.
  Overwrite(bytes_, page.levels_length_prefix + 4, std::string("\x10\xFF\xA8\x17\xFF", 5));
  // Enough dictionary indices for the overcount: one RLE run of 16000 zeros (bit width 4).
  Overwrite(bytes_, page.index_bit_width, std::string("\x04\x80\xFA\x01\x00", 5));
  ExpectCorrupt(ReadExpectingError(bytes_), {"column \"s\"", "page 1", "RLE run value 255", "bit width 1"});
}

// One RLE run covering the whole page (the "no NULLs" fast path) with level 2 > max level 1.
TEST_F(CraftedFileTest, DefinitionLevelOutOfRangeInSingleRleRun) {
  const PageLayout& page = Page(layout_, kColumnId, 0);
  ASSERT_EQ(page.definition_levels.rle_values.size(), 1u);
  Overwrite(bytes_, page.definition_levels.rle_values[0].begin, "\x02");
  ExpectCorrupt(ReadExpectingError(bytes_), {"column \"id\"", "page 0", "RLE run value 2"});
}

// Bit-packed levels all set to 1: more present rows than dictionary indices encoded.
TEST_F(CraftedFileTest, BitPackedLevelsClaimingMoreValuesThanEncoded) {
  const PageLayout& page = Page(layout_, kColumnS, 1);
  ASSERT_FALSE(page.definition_levels.packed_data.empty());
  for (const ByteRange& range : page.definition_levels.packed_data) {
    Overwrite(bytes_, range.begin, std::string(range.end - range.begin, '\xFF'));
  }
  ExpectCorrupt(ReadExpectingError(bytes_), {"column \"s\"", "page 1"});
}

TEST_F(CraftedFileTest, DictionaryIndexOutOfRange) {
  const PageLayout& page = Page(layout_, kColumnS, 1);
  ASSERT_NE(page.index_bit_width, SIZE_MAX);
  // Bit width 8, one RLE run of 1000 indices of value 200 (the dictionary has 11 entries).
  Overwrite(bytes_, page.index_bit_width, std::string("\x08\xD0\x0F\xC8", 4));
  ExpectCorrupt(ReadExpectingError(bytes_), {"column \"s\"", "page 1", "dictionary index 200 out of range", "11 entries"});
}

TEST_F(CraftedFileTest, DictionaryIndexBitWidthAbove32) {
  const PageLayout& page = Page(layout_, kColumnS, 1);
  Overwrite(bytes_, page.index_bit_width, "\x21");
  ExpectCorrupt(ReadExpectingError(bytes_), {"column \"s\"", "bit width 33 exceeds 32"});
}

TEST_F(CraftedFileTest, NumValuesLargerThanTheData) {
  // Every data page and the row group claim 100000 rows; the pages hold 1500.
  for (size_t column = 0; column < 4; column++) {
    layout_ = ParseParquetFileLayout(bytes_);
    const PageLayout& page = Page(layout_, column, column == kColumnS ? 1 : 0);
    ReplaceThriftInteger(bytes_, layout_, *FindHeaderInteger(page, {5, 1}), 100000);
  }
  layout_ = ParseParquetFileLayout(bytes_);
  ReplaceThriftInteger(bytes_, layout_, *FindFooterInteger(layout_, {4, 0, 3}), 100000);
  ExpectCorrupt(ReadExpectingError(bytes_), {"column \"id\"", "page 0", "ends before all values were read"});
  // Levels covering the first 2048 rows, values for 1500: the PLAIN decoder reports it.
  layout_ = ParseParquetFileLayout(bytes_);
  PatchVarintSameWidth(bytes_, Page(layout_, kColumnV, 0).definition_levels.run_headers.at(0), 2048 << 1);
  ExpectCorrupt(ReadExpectingError(bytes_, {kColumnV}), {"column \"v\"", "page 0", "PLAIN data ends"});
}

TEST_F(CraftedFileTest, NegativeByteArrayLengthInDictionary) {
  const PageLayout& page = Page(layout_, kColumnS, 0);
  ASSERT_FALSE(page.byte_array_lengths.empty());
  Overwrite(bytes_, page.byte_array_lengths[3], std::string("\xFF\xFF\xFF\xFF", 4));  // -1 as int32
  ExpectCorrupt(ReadExpectingError(bytes_), {"column \"s\"", "page 0", "4294967295 bytes cut off"});
}

TEST_F(CraftedFileTest, HugeByteArrayLengthInDictionary) {
  const PageLayout& page = Page(layout_, kColumnS, 0);
  Overwrite(bytes_, page.byte_array_lengths[0], std::string("\xF0\xFF\xFF\x7F", 4));
  ExpectCorrupt(ReadExpectingError(bytes_), {"column \"s\"", "bytes cut off"});
}

TEST_F(CraftedFileTest, UncompressedPageSizeLies) {
  const PageLayout& page = Page(layout_, kColumnV, 0);
  const auto* field = FindHeaderInteger(page, {2});
  ASSERT_NE(field, nullptr);
  ReplaceThriftInteger(bytes_, layout_, *field, field->value + 1);
  ExpectCorrupt(ReadExpectingError(bytes_), {"column \"v\"", "page 0", "header says " + std::to_string(field->value + 1)});
}

TEST(CraftedCompressedFileTest, UncompressedPageSizeLies) {
  for (const char* fixture : {"codec_snappy.parquet", "codec_zstd.parquet", "codec_gzip.parquet", "codec_lz4.parquet"}) {
    SCOPED_TRACE(fixture);
    std::string bytes = ReadFixture(fixture);
    ParquetFileLayout layout = ParseParquetFileLayout(bytes);
    const auto* field = FindHeaderInteger(Page(layout, kColumnV, 0), {2});
    ASSERT_NE(field, nullptr);
    std::string larger = bytes, huge = bytes;
    ReplaceThriftInteger(larger, layout, *field, field->value + 1);
    ExpectCorrupt(ReadExpectingError(larger), {"column \"v\"", "page header says " + std::to_string(field->value + 1)});
    ReplaceThriftInteger(huge, layout, *field, (int64_t(1) << 30) + 1);
    ExpectCorrupt(ReadExpectingError(huge), {"column \"v\"", "page 0", "is too large"});
  }
}

TEST_F(CraftedFileTest, CompressedPageSizePastTheChunk) {
  const PageLayout& page = Page(layout_, kColumnV, 0);
  ReplaceThriftInteger(bytes_, layout_, *FindHeaderInteger(page, {3}), 1 << 30);
  ExpectCorrupt(ReadExpectingError(bytes_), {"column \"v\"", "page extends past the end of the column chunk"});
}

// Rows read from a first dictionary kept their indices when a second, smaller dictionary page
// replaced it in the same column chunk; the batch then referred to entries past the new
// dictionary's end (out-of-bounds read, found while auditing the reader).
TEST_F(CraftedFileTest, SecondDictionaryPageInColumnChunk) {
  const PageLayout& dictionary = Page(layout_, kColumnS, 0);
  const PageLayout& data = Page(layout_, kColumnS, 1);
  // [dictionary][data] becomes [dictionary][data][dictionary'][data'].
  std::string copy = bytes_.substr(data.header_begin, data.body_end - data.header_begin) +
                     bytes_.substr(dictionary.header_begin, dictionary.body_end - dictionary.header_begin);
  SpliceBytes(bytes_, layout_, data.header_begin, data.header_begin, copy);
  layout_ = ParseParquetFileLayout(bytes_);
  // dictionary' has one entry, and data' uses only index 0 (bit width 0).
  ReplaceThriftInteger(bytes_, layout_, *FindHeaderInteger(Page(layout_, kColumnS, 2), {7, 1}), 1);
  layout_ = ParseParquetFileLayout(bytes_);
  Overwrite(bytes_, Page(layout_, kColumnS, 3).index_bit_width, std::string("\x00\xD0\x0F", 3));
  layout_ = ParseParquetFileLayout(bytes_);
  ReplaceThriftInteger(bytes_, layout_, *FindFooterInteger(layout_, {4, 0, 3}), 3000);
  ExpectCorrupt(ReadExpectingError(bytes_, {kColumnS}), {"column \"s\"", "page 2", "second dictionary page"});
}

// encodings_v2_uncompressed.parquet: 300 rows; id INTEGER DELTA_BINARY_PACKED, small INTEGER
// dictionary, s VARCHAR DELTA_LENGTH_BYTE_ARRAY with NULLs; uncompressed.
class CraftedDeltaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    bytes_ = ReadFixture("encodings_v2_uncompressed.parquet");
    ASSERT_FALSE(bytes_.empty());
    ASSERT_NO_THROW(ReadEveryValue(bytes_, 1000000));
    layout_ = ParseParquetFileLayout(bytes_);
    ASSERT_EQ(Page(layout_, 0, 0).delta_header.size(), 4u);
  }
  std::string bytes_;
  ParquetFileLayout layout_;
};

TEST_F(CraftedDeltaTest, DeltaBinaryPackedAbsurdMiniblockCount) {
  PatchVarintSameWidth(bytes_, Page(layout_, 0, 0).delta_header[1], 1000000);  // clamped to 127 in one byte
  ExpectCorrupt(ReadExpectingError(bytes_), {"column \"id\"", "page 0", "miniblock count 127 is invalid"});
}

TEST_F(CraftedDeltaTest, DeltaBinaryPackedAbsurdBlockSize) {
  PatchVarintSameWidth(bytes_, Page(layout_, 0, 0).delta_header[0], 1000000);
  ExpectCorrupt(ReadExpectingError(bytes_), {"column \"id\"", "block size", "is invalid"});
}

TEST_F(CraftedDeltaTest, DeltaBinaryPackedBitWidthAbove64) {
  const PageLayout& page = Page(layout_, 0, 0);
  // After the header: the first block's min delta (a varint), then one bit width per miniblock.
  size_t position = page.delta_header[3].end;
  while (static_cast<uint8_t>(bytes_[position]) & 0x80) position++;
  Overwrite(bytes_, position + 1, "\x41");
  ExpectCorrupt(ReadExpectingError(bytes_), {"column \"id\"", "bit width 65 exceeds 64"});
}

TEST_F(CraftedDeltaTest, DeltaBinaryPackedCountAbovePageNumValues) {
  PatchVarintSameWidth(bytes_, Page(layout_, 0, 0).delta_header[2], 1000000);
  ExpectCorrupt(ReadExpectingError(bytes_), {"column \"id\"", "the page header 300"});
}

TEST_F(CraftedDeltaTest, DeltaLengthByteArrayNegativeLength) {
  const PageLayout& page = Page(layout_, 2, 0);
  ASSERT_EQ(page.delta_header.size(), 4u);
  PatchVarintSameWidth(bytes_, page.delta_header[3], 1);  // zigzag 1: first length -1
  ExpectCorrupt(ReadExpectingError(bytes_), {"column \"s\"", "negative DELTA_LENGTH_BYTE_ARRAY length"});
}

TEST_F(CraftedDeltaTest, DefinitionLevelAboveMaximumInDictionaryColumn) {
  const PageLayout& page = Page(layout_, 1, 1);
  ASSERT_NE(page.levels_length_prefix, SIZE_MAX);
  Overwrite(bytes_, page.levels_length_prefix + 4, std::string("\x02\x80\xD6\x04\x01", 5));  // 1 row of 128, then 299 of 1
  ExpectCorrupt(ReadExpectingError(bytes_), {"column \"small\"", "page 1", "RLE run value 128"});
}

// Inputs on which the fuzz targets found a defect (test/fuzz/<target>/regression-*): each must
// read or throw cairn::Exception. Under ASan+UBSan this replays the finding.
TEST(FuzzRegressionTest, FindingsReadOrThrowCleanly) {
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator("test/fuzz/parquet_structure_fuzz")) {
    std::string name = entry.path().filename().string();
    if (name.rfind("regression-", 0) != 0) continue;
    SCOPED_TRACE(name);
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    try {
      ReadEveryValue(buffer.str(), 20000);
    } catch (const Exception&) {
    }
    files++;
  }
  EXPECT_GE(files, 1);
}

// For flat columns levels are 1 bit wide, so a bit-packed level cannot exceed the maximum; a
// column with maximum level 2 stores 2-bit levels, where a bit-packed 3 is out of range.
TEST(LevelDecoderTest, LevelAboveMaximumInBitPackedRun) {
  // One bit-packed group of eight 2-bit levels: 2,2,2,2, 2,3,2,2 (LSB first).
  const uint8_t data[] = {0x03, 0xAA, 0xAE};
  LevelDecoder decoder(data, sizeof(data), 2);
  uint8_t presence[8];
  try {
    decoder.GetPresence(presence, 8);
    FAIL() << "level 3 accepted";
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), sqlstate::kDataCorrupted);
    EXPECT_NE(std::string(e.what()).find("definition level 3 exceeds the column's maximum definition level 2"),
              std::string::npos)
        << e.what();
  }
}

TEST(LevelDecoderTest, PresenceCountsLevelsEqualToTheMaximum) {
  // Bit-packed 2-bit levels 0,1,2,2, 1,2,0,2: present where level == 2.
  const uint8_t data[] = {0x03, 0xA4, 0x89};
  LevelDecoder decoder(data, sizeof(data), 2);
  uint8_t presence[8];
  EXPECT_EQ(decoder.GetPresence(presence, 8), 4u);
  const uint8_t expected[] = {0, 0, 1, 1, 0, 1, 0, 1};
  for (int i = 0; i < 8; i++) EXPECT_EQ(presence[i], expected[i]) << i;
}

TEST(LevelDecoderTest, RepeatedRunAboveMaximumThrows) {
  const uint8_t data[] = {0x10, 0x03};  // RLE run of 8 levels of 3, max level 2
  LevelDecoder decoder(data, sizeof(data), 2);
  bool present;
  EXPECT_THROW(decoder.TryGetRepeated(8, present), Exception);
}

}  // namespace
}  // namespace cairn::parquet
