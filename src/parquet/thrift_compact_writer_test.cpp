#include "parquet/thrift_compact_writer.h"

#include <gtest/gtest.h>

#include <cstring>
#include <limits>
#include <vector>

#include "parquet/thrift_compact_reader.h"

namespace cairn::parquet {
namespace {

// The same struct as ThriftCompactReaderTest's sample, byte for byte:
// struct { 1: i32 = 5; 2: binary = "ab"; 5: bool = true; 100: i64 = -1 (long field header);
//          101: list<i32> = [1,2,3]; 102: struct { 1: double = 1.5 } }
TEST(ThriftCompactWriterTest, ProducesTheSpecBytes) {
  ThriftCompactWriter w;
  w.BeginStruct();
  w.WriteFieldI32(1, 5);
  w.WriteFieldBinary(2, "ab");
  w.WriteFieldBool(5, true);
  w.WriteFieldI64(100, -1);
  w.WriteFieldListHeader(101, CompactType::I32, 3);
  w.WriteI32(1);
  w.WriteI32(2);
  w.WriteI32(3);
  w.BeginFieldStruct(102);
  w.WriteFieldHeader(1, CompactType::DOUBLE);
  w.WriteDouble(1.5);
  w.EndStruct();
  w.EndStruct();
  std::vector<uint8_t> expected = {0x15, 0x0A, 0x18, 0x02, 'a', 'b', 0x31, 0x06, 0xC8, 0x01, 0x01,
                                   0x19, 0x35, 0x02, 0x04, 0x06, 0x1C, 0x17};
  double d = 1.5;
  uint8_t raw[8];
  std::memcpy(raw, &d, 8);
  for (uint8_t byte : raw) expected.push_back(byte);
  expected.push_back(0x00);
  expected.push_back(0x00);
  EXPECT_EQ(w.buffer(), expected);
}

TEST(ThriftCompactWriterTest, RoundTripsThroughTheReader) {
  const int64_t kI64Values[] = {0, 1, -1, 63, -64, 64, std::numeric_limits<int64_t>::max(),
                                std::numeric_limits<int64_t>::min()};
  ThriftCompactWriter w;
  w.BeginStruct();
  w.WriteFieldBool(3, false);
  w.WriteFieldI8(4, -7);
  w.WriteFieldI32(20, std::numeric_limits<int32_t>::min());  // delta 16: long header
  w.WriteFieldListHeader(21, CompactType::I64, std::size(kI64Values));
  for (int64_t v : kI64Values) w.WriteI64(v);
  w.WriteFieldListHeader(22, CompactType::BINARY, 40);  // size >= 15: varint size
  for (int i = 0; i < 40; i++) w.WriteBinary(std::string(static_cast<size_t>(i) * 7, 'x'));
  w.WriteFieldListHeader(23, CompactType::BOOLEAN_TRUE, 2);
  w.WriteBoolElement(true);
  w.WriteBoolElement(false);
  w.BeginFieldStruct(24);
  w.WriteFieldI32(300, 42);  // nested struct: delta base restarts
  w.EndStruct();
  w.WriteFieldI64(25, 1234567890123);  // outer delta base continues after the nested struct
  w.EndStruct();

  const auto& bytes = w.buffer();
  ThriftCompactReader r(bytes.data(), bytes.size(), "test");
  r.BeginStruct();
  auto f = r.ReadFieldHeader();
  EXPECT_EQ(f.id, 3);
  EXPECT_FALSE(r.ReadBool(f));
  f = r.ReadFieldHeader();
  EXPECT_EQ(f.id, 4);
  EXPECT_EQ(r.ReadI8(), -7);
  f = r.ReadFieldHeader();
  EXPECT_EQ(f.id, 20);
  EXPECT_EQ(r.ReadI32(), std::numeric_limits<int32_t>::min());
  f = r.ReadFieldHeader();
  EXPECT_EQ(f.id, 21);
  auto list = r.ReadListHeader();
  ASSERT_EQ(list.size, std::size(kI64Values));
  for (int64_t v : kI64Values) EXPECT_EQ(r.ReadI64(), v);
  f = r.ReadFieldHeader();
  EXPECT_EQ(f.id, 22);
  list = r.ReadListHeader();
  ASSERT_EQ(list.size, 40u);
  for (int i = 0; i < 40; i++) EXPECT_EQ(r.ReadString(), std::string(static_cast<size_t>(i) * 7, 'x'));
  f = r.ReadFieldHeader();
  EXPECT_EQ(f.id, 23);
  list = r.ReadListHeader();
  ASSERT_EQ(list.size, 2u);
  EXPECT_TRUE(r.ReadBoolElement());
  EXPECT_FALSE(r.ReadBoolElement());
  f = r.ReadFieldHeader();
  EXPECT_EQ(f.id, 24);
  r.BeginStruct();
  f = r.ReadFieldHeader();
  EXPECT_EQ(f.id, 300);
  EXPECT_EQ(r.ReadI32(), 42);
  EXPECT_EQ(r.ReadFieldHeader().type, CompactType::STOP);
  r.EndStruct();
  f = r.ReadFieldHeader();
  EXPECT_EQ(f.id, 25);
  EXPECT_EQ(r.ReadI64(), 1234567890123);
  EXPECT_EQ(r.ReadFieldHeader().type, CompactType::STOP);
  r.EndStruct();
  EXPECT_EQ(r.remaining(), 0u);
}

}  // namespace
}  // namespace cairn::parquet
