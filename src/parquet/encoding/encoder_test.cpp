// Round trips of the PLAIN and RLE/bit-packed hybrid encoders through the existing decoders.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "parquet/encoding/plain_decoder.h"
#include "parquet/encoding/plain_encoder.h"
#include "parquet/encoding/rle_bit_packed_decoder.h"
#include "parquet/encoding/rle_bit_packed_encoder.h"

namespace cairn::parquet {
namespace {

std::vector<uint32_t> Decode(const std::vector<uint8_t>& bytes, size_t count, uint32_t bit_width) {
  RleBitPackedDecoder decoder(bytes.data(), bytes.size(), bit_width);
  std::vector<uint32_t> out(count);
  decoder.GetBatch(out.data(), count);
  return out;
}

TEST(RleBitPackedEncoderTest, MixedRunsRoundTripAtEveryWidth) {
  for (uint32_t width = 1; width <= 32; width++) {
    uint64_t limit = width == 32 ? 0xFFFFFFFFull : (1ull << width) - 1;
    std::vector<uint32_t> values;
    uint32_t state = width;
    for (int block = 0; block < 40; block++) {
      state = state * 1664525u + 1013904223u;
      auto v = static_cast<uint32_t>(state % (limit + 1));
      size_t length = (state >> 7) % 23;  // runs of 0..22: some RLE, some literal
      for (size_t k = 0; k < length; k++) values.push_back(v);
      values.push_back(static_cast<uint32_t>((state >> 3) % (limit + 1)));
    }
    std::vector<uint8_t> bytes;
    RleBitPackedEncoder::Encode(values.data(), values.size(), width, bytes);
    EXPECT_EQ(Decode(bytes, values.size(), width), values) << "width " << width;
  }
}

TEST(RleBitPackedEncoderTest, LongRunsBecomeRleRuns) {
  std::vector<uint8_t> levels(10000, 1);
  std::vector<uint8_t> bytes;
  RleBitPackedEncoder::Encode(levels.data(), levels.size(), 1, bytes);
  // varint(10000 << 1) is 3 bytes, then the 1-byte value.
  EXPECT_EQ(bytes.size(), 4u);
  RleBitPackedDecoder decoder(bytes.data(), bytes.size(), 1);
  std::vector<uint8_t> out(levels.size());
  decoder.GetBatch(out.data(), out.size());
  EXPECT_EQ(out, levels);
}

TEST(RleBitPackedEncoderTest, EdgeCounts) {
  for (size_t count : {0, 1, 7, 8, 9, 15, 16, 17}) {
    std::vector<uint32_t> values(count);
    for (size_t i = 0; i < count; i++) values[i] = i % 3 == 0 ? 5 : 2;
    std::vector<uint8_t> bytes;
    RleBitPackedEncoder::Encode(values.data(), values.size(), 3, bytes);
    EXPECT_EQ(Decode(bytes, count, 3), values) << count;
  }
}

TEST(PlainEncoderTest, EveryPhysicalTypeRoundTrips) {
  PlainEncoder booleans;
  std::vector<uint8_t> bools;
  for (int i = 0; i < 77; i++) bools.push_back(i % 3 == 0 || i % 7 == 0);
  for (uint8_t b : bools) booleans.WriteBoolean(b);
  std::vector<uint8_t> bools_back(bools.size());
  PlainDecoder(booleans.buffer().data(), booleans.size()).ReadBooleans(bools_back.data(), bools_back.size());
  EXPECT_EQ(bools_back, bools);

  PlainEncoder fixed;
  std::vector<int32_t> i32 = {0, -1, std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()};
  std::vector<int64_t> i64 = {0, -1, std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max()};
  std::vector<float> f32 = {0.0f, -0.0f, 1.5f, std::numeric_limits<float>::infinity()};
  std::vector<double> f64 = {0.0, -2.25, 1e300, -std::numeric_limits<double>::infinity()};
  for (auto v : i32) fixed.WriteFixed(v);
  for (auto v : i64) fixed.WriteFixed(v);
  for (auto v : f32) fixed.WriteFixed(v);
  for (auto v : f64) fixed.WriteFixed(v);
  PlainDecoder decoder(fixed.buffer().data(), fixed.size());
  std::vector<int32_t> i32_back(i32.size());
  std::vector<int64_t> i64_back(i64.size());
  std::vector<float> f32_back(f32.size());
  std::vector<double> f64_back(f64.size());
  decoder.ReadFixed(i32_back.data(), i32_back.size());
  decoder.ReadFixed(i64_back.data(), i64_back.size());
  decoder.ReadFixed(f32_back.data(), f32_back.size());
  decoder.ReadFixed(f64_back.data(), f64_back.size());
  EXPECT_EQ(i32_back, i32);
  EXPECT_EQ(i64_back, i64);
  EXPECT_EQ(f32_back, f32);
  EXPECT_TRUE(std::signbit(f32_back[1]));
  EXPECT_EQ(f64_back, f64);
  EXPECT_EQ(decoder.remaining(), 0u);

  PlainEncoder bytes;
  std::vector<std::string> strings = {"", "a", std::string(300, 'z'), std::string("\0\xff", 2)};
  for (const auto& s : strings) bytes.WriteByteArray(s);
  bytes.WriteFixedLenByteArray("0123456789abcdef");
  PlainDecoder bytes_decoder(bytes.buffer().data(), bytes.size());
  std::vector<string_t> back(strings.size());
  bytes_decoder.ReadByteArrays(back.data(), back.size());
  for (size_t i = 0; i < strings.size(); i++) EXPECT_EQ(std::string(back[i].view()), strings[i]);
  string_t flba;
  bytes_decoder.ReadFixedLenByteArrays(&flba, 1, 16);
  EXPECT_EQ(std::string(flba.view()), "0123456789abcdef");
  EXPECT_EQ(bytes_decoder.remaining(), 0u);
}

}  // namespace
}  // namespace cairn::parquet
