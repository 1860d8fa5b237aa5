// Tests of PLAIN and BYTE_STREAM_SPLIT decoding.
#include "parquet/encoding/plain_decoder.h"

#include <gtest/gtest.h>

#include <vector>

#include "cairn/exception.h"
#include "parquet/encoding/byte_stream_split_decoder.h"

namespace cairn::parquet {
namespace {

TEST(PlainDecoderTest, BooleansAcrossCalls) {
  std::vector<uint8_t> data = {0x35, 0x01};  // 1 0 1 0 1 1 0 0 | 1
  PlainDecoder d(data.data(), data.size());
  uint8_t out[9];
  d.ReadBooleans(out, 3);
  d.ReadBooleans(out + 3, 6);
  EXPECT_EQ(std::vector<uint8_t>(out, out + 9), (std::vector<uint8_t>{1, 0, 1, 0, 1, 1, 0, 0, 1}));
  EXPECT_THROW(d.ReadBooleans(out, 8), Exception);
}

TEST(PlainDecoderTest, FixedWidthAndByteArrays) {
  std::vector<uint8_t> data = {0x01, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF,  // int32 1, -1
                               0x02, 0x00, 0x00, 0x00, 'h', 'i',                // "hi"
                               0x0E, 0x00, 0x00, 0x00};
  std::string long_value = "fourteen bytes";
  data.insert(data.end(), long_value.begin(), long_value.end());
  PlainDecoder d(data.data(), data.size());
  int32_t ints[2];
  d.ReadFixed(ints, 2);
  EXPECT_EQ(ints[0], 1);
  EXPECT_EQ(ints[1], -1);
  string_t strings[2];
  d.ReadByteArrays(strings, 2);
  EXPECT_EQ(strings[0].ToString(), "hi");
  EXPECT_EQ(strings[1].ToString(), long_value);
  EXPECT_FALSE(strings[1].IsInlined());
  EXPECT_EQ(d.remaining(), 0u);
  EXPECT_THROW(d.ReadFixed(ints, 1), Exception);

  std::vector<uint8_t> lying = {0xFF, 0x00, 0x00, 0x00, 'x'};
  PlainDecoder e(lying.data(), lying.size());
  EXPECT_THROW(e.ReadByteArrays(strings, 1), Exception);
  PlainDecoder f(lying.data(), lying.size());
  f.ReadFixedLenByteArrays(strings, 1, 5);
  EXPECT_EQ(strings[0].size(), 5u);
  EXPECT_THROW(f.ReadFixedLenByteArrays(strings, 1, 5), Exception);
}

TEST(ByteStreamSplitDecoderTest, FloatsAndFixedLenBytes) {
  std::vector<float> values = {1.0f, -2.5f, 3.25f};
  std::vector<uint8_t> data(12);
  for (size_t i = 0; i < 3; i++) {
    const auto* b = reinterpret_cast<const uint8_t*>(&values[i]);
    for (size_t k = 0; k < 4; k++) data[k * 3 + i] = b[k];
  }
  ByteStreamSplitDecoder d(data.data(), data.size(), 4);
  float out[3];
  d.GetBatch(out, 1);
  d.GetBatch(out + 1, 2);
  EXPECT_EQ(std::vector<float>(out, out + 3), values);
  EXPECT_THROW(d.GetBatch(out, 1), Exception);

  std::vector<uint8_t> split = {'a', 'c', 'b', 'd'};  // two 2-byte values "ab", "cd"
  ByteStreamSplitDecoder e(split.data(), split.size(), 2);
  uint8_t bytes[4];
  e.GetBytes(bytes, 2);
  EXPECT_EQ(std::string(reinterpret_cast<char*>(bytes), 4), "abcd");
  EXPECT_THROW(ByteStreamSplitDecoder(split.data(), 3, 2), Exception);
  double wrong[1];
  ByteStreamSplitDecoder f(data.data(), data.size(), 4);
  EXPECT_THROW(f.GetBatch(wrong, 1), Exception);
}

}  // namespace
}  // namespace cairn::parquet
