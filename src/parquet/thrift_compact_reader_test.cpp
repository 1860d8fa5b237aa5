#include "parquet/thrift_compact_reader.h"

#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "cairn/exception.h"
#include "parquet/parquet_metadata.h"

namespace cairn::parquet {
namespace {

// struct { 1: i32 = 5; 2: binary = "ab"; 5: bool = true; 100: i64 = -1 (long field header);
//          101: list<i32> = [1,2,3]; 102: struct { 1: double = 1.5 } }
std::vector<uint8_t> Sample() {
  std::vector<uint8_t> b = {0x15, 0x0A, 0x18, 0x02, 'a', 'b', 0x31, 0x06, 0xC8, 0x01, 0x01,
                            0x19, 0x35, 0x02, 0x04, 0x06, 0x1C, 0x17};
  double d = 1.5;
  uint8_t raw[8];
  std::memcpy(raw, &d, 8);
  for (uint8_t byte : raw) b.push_back(byte);
  b.push_back(0x00);  // inner STOP
  b.push_back(0x00);  // outer STOP
  return b;
}

TEST(ThriftCompactReaderTest, DecodesFieldsOfEveryKind) {
  auto bytes = Sample();
  ThriftCompactReader r(bytes.data(), bytes.size(), "test");
  r.BeginStruct();
  auto f = r.ReadFieldHeader();
  EXPECT_EQ(f.id, 1);
  EXPECT_EQ(f.type, CompactType::I32);
  EXPECT_EQ(r.ReadI32(), 5);
  f = r.ReadFieldHeader();
  EXPECT_EQ(f.id, 2);
  EXPECT_EQ(r.ReadBinary(), "ab");
  f = r.ReadFieldHeader();
  EXPECT_EQ(f.id, 5);
  EXPECT_TRUE(r.ReadBool(f));
  f = r.ReadFieldHeader();
  EXPECT_EQ(f.id, 100);
  EXPECT_EQ(f.type, CompactType::I64);
  EXPECT_EQ(r.ReadI64(), -1);
  f = r.ReadFieldHeader();
  EXPECT_EQ(f.id, 101);
  auto list = r.ReadListHeader();
  EXPECT_EQ(list.size, 3u);
  EXPECT_EQ(list.element_type, CompactType::I32);
  EXPECT_EQ(r.ReadI32(), 1);
  EXPECT_EQ(r.ReadI32(), 2);
  EXPECT_EQ(r.ReadI32(), 3);
  f = r.ReadFieldHeader();
  EXPECT_EQ(f.id, 102);
  r.BeginStruct();
  f = r.ReadFieldHeader();
  EXPECT_EQ(f.id, 1);
  EXPECT_EQ(r.ReadDouble(), 1.5);
  EXPECT_EQ(r.ReadFieldHeader().type, CompactType::STOP);
  r.EndStruct();
  // Field ids continue from the outer struct's last id after the nested struct.
  EXPECT_EQ(r.ReadFieldHeader().type, CompactType::STOP);
  r.EndStruct();
  EXPECT_EQ(r.remaining(), 0u);
}

TEST(ThriftCompactReaderTest, SkipsWholeStructs) {
  auto bytes = Sample();
  ThriftCompactReader r(bytes.data(), bytes.size(), "test");
  r.Skip(CompactType::STRUCT);
  EXPECT_EQ(r.remaining(), 0u);
}

TEST(ThriftCompactReaderTest, EveryTruncationThrowsDataCorrupted) {
  auto bytes = Sample();
  for (size_t n = 0; n < bytes.size(); n++) {
    ThriftCompactReader r(bytes.data(), n, "file.parquet");
    try {
      r.Skip(CompactType::STRUCT);
      ADD_FAILURE() << "prefix of " << n << " bytes decoded";
    } catch (const Exception& e) {
      EXPECT_EQ(e.sqlstate(), sqlstate::kDataCorrupted);
      EXPECT_NE(std::string(e.what()).find("file.parquet"), std::string::npos);
    }
  }
}

TEST(ThriftCompactReaderTest, DepthAndSizeLimits) {
  std::vector<uint8_t> deep(200, 0x1C);  // field 1: struct, nested 200 times
  ThriftCompactReader r(deep.data(), deep.size(), "deep");
  EXPECT_THROW(r.Skip(CompactType::STRUCT), Exception);

  std::vector<uint8_t> big_list = {0xF5, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F};  // list<i32> of 2^32-1
  ThriftCompactReader l(big_list.data(), big_list.size(), "list");
  EXPECT_THROW(l.ReadListHeader(), Exception);

  std::vector<uint8_t> big_binary = {0xFF, 0xFF, 0x03, 'x'};
  ThriftCompactReader b(big_binary.data(), big_binary.size(), "binary");
  EXPECT_THROW(b.ReadBinary(), Exception);

  std::vector<uint8_t> long_varint(12, 0xFF);
  ThriftCompactReader v(long_varint.data(), long_varint.size(), "varint");
  EXPECT_THROW(v.ReadVarint(), Exception);
}

TEST(ParquetMetadataTest, DecodesPageHeaderAndSkipsUnknownFields) {
  std::vector<uint8_t> b = {0x15, 0x00,              // 1: type = DATA_PAGE
                            0x15, 0xC8, 0x01,        // 2: uncompressed_page_size = 100
                            0x15, 0x64,              // 3: compressed_page_size = 50
                            0x2C,                    // 5: data_page_header
                            0x15, 0x14, 0x15, 0x10, 0x15, 0x06, 0x15, 0x06, 0x00,
                            0x45, 0x02,              // 9: unknown i32
                            0x1B, 0x01, 0x55, 0x02, 0x04,  // 10: unknown map<i32,i32> {1: 2}
                            0x00, 0xEE};             // STOP, then bytes of the next page
  size_t used = 0;
  PageHeader h = DecodePageHeader(b.data(), b.size(), "f", used);
  EXPECT_EQ(used, b.size() - 1);
  EXPECT_EQ(h.type, PageType::DATA_PAGE);
  EXPECT_EQ(h.uncompressed_page_size, 100);
  EXPECT_EQ(h.compressed_page_size, 50);
  ASSERT_TRUE(h.data_page_header);
  EXPECT_EQ(h.data_page_header->num_values, 10);
  EXPECT_EQ(h.data_page_header->encoding, Encoding::RLE_DICTIONARY);
  EXPECT_EQ(h.data_page_header->definition_level_encoding, Encoding::RLE);

  std::vector<uint8_t> missing = {0x15, 0x00, 0x00};  // sizes missing
  EXPECT_THROW(DecodePageHeader(missing.data(), missing.size(), "f", used), Exception);
  std::vector<uint8_t> wrong_type = {0x18, 0x00, 0x00};  // type as binary
  EXPECT_THROW(DecodePageHeader(wrong_type.data(), wrong_type.size(), "f", used), Exception);
}

}  // namespace
}  // namespace cairn::parquet
