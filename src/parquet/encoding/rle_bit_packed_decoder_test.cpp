#include "parquet/encoding/rle_bit_packed_decoder.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "cairn/exception.h"

namespace cairn::parquet {
namespace {

/// Packs values LSB-first with `width` bits each (the spec's bit-packed order).
std::vector<uint8_t> Pack(const std::vector<uint64_t>& values, uint32_t width) {
  std::vector<uint8_t> out(BitPackedBytes(values.size(), width), 0);
  for (size_t i = 0; i < values.size(); i++) {
    for (uint32_t b = 0; b < width; b++) {
      if ((values[i] >> b) & 1) out[(i * width + b) / 8] |= uint8_t(1) << ((i * width + b) % 8);
    }
  }
  return out;
}

TEST(RleBitPackedDecoderTest, SpecExampleBitPackedThenRle) {
  // Encodings.md: values 0..7 with bit width 3 pack to 10001000 11000110 11111010.
  std::vector<uint8_t> data = {0x03, 0x88, 0xC6, 0xFA, /* RLE: 5 x 4 */ 0x0A, 0x04};
  RleBitPackedDecoder decoder(data.data(), data.size(), 3);
  uint32_t out[13];
  decoder.GetBatch(out, 3);
  decoder.GetBatch(out + 3, 7);
  decoder.GetBatch(out + 10, 3);
  std::vector<uint32_t> expected = {0, 1, 2, 3, 4, 5, 6, 7, 4, 4, 4, 4, 4};
  EXPECT_EQ(std::vector<uint32_t>(out, out + 13), expected);
  EXPECT_THROW(decoder.GetBatch(out, 1), Exception);  // no more runs
}

TEST(RleBitPackedDecoderTest, EveryWidthAndOffsetRoundTrips) {
  std::mt19937_64 rng(42);
  for (uint32_t width = 0; width <= 32; width++) {
    std::vector<uint64_t> values(8 * 37);
    for (auto& v : values) v = width == 0 ? 0 : rng() & ((uint64_t(1) << width) - 1);
    std::vector<uint8_t> data = {static_cast<uint8_t>((37 << 1) | 1)};
    auto packed = Pack(values, width);
    data.insert(data.end(), packed.begin(), packed.end());
    RleBitPackedDecoder decoder(data.data(), data.size(), width);
    std::vector<uint32_t> out(values.size());
    size_t pos = 0, step = 1;
    while (pos < values.size()) {
      size_t n = std::min(step, values.size() - pos);
      decoder.GetBatch(out.data() + pos, n);
      pos += n;
      step = step * 3 % 29 + 1;  // odd batch sizes cross group boundaries
    }
    for (size_t i = 0; i < values.size(); i++) ASSERT_EQ(out[i], values[i]) << "width " << width << " index " << i;
  }
}

TEST(RleBitPackedDecoderTest, LevelsAsBytesAndSkip) {
  // RLE run of 300 ones, then a bit-packed group 0,1,0,1,1,0,0,1.
  std::vector<uint8_t> data = {0xD8, 0x04, 0x01, 0x03, 0x9A};
  RleBitPackedDecoder decoder(data.data(), data.size(), 1);
  decoder.Skip(299);
  uint8_t out[9];
  decoder.GetBatch(out, 9);
  std::vector<uint8_t> expected = {1, 0, 1, 0, 1, 1, 0, 0, 1};
  EXPECT_EQ(std::vector<uint8_t>(out, out + 9), expected);
}

TEST(RleBitPackedDecoderTest, CorruptInputThrows) {
  std::vector<uint8_t> too_wide = {0x02, 0x01};
  EXPECT_THROW(RleBitPackedDecoder(too_wide.data(), too_wide.size(), 33), Exception);
  uint32_t out[16];
  std::vector<uint8_t> cut_value = {0x0A};  // RLE run without its value byte
  RleBitPackedDecoder a(cut_value.data(), cut_value.size(), 8);
  EXPECT_THROW(a.GetBatch(out, 1), Exception);
  std::vector<uint8_t> empty_run = {0x00};
  RleBitPackedDecoder b(empty_run.data(), empty_run.size(), 8);
  EXPECT_THROW(b.GetBatch(out, 1), Exception);
  // A bit-packed run cut short keeps the values it holds, then throws.
  std::vector<uint8_t> short_run = {0x05, 0xFF};  // 2 groups of width 8 announced, 1 byte present
  RleBitPackedDecoder c(short_run.data(), short_run.size(), 8);
  c.GetBatch(out, 1);
  EXPECT_EQ(out[0], 255u);
  EXPECT_THROW(c.GetBatch(out, 1), Exception);
  uint8_t bytes[4];
  std::vector<uint8_t> wide = {0x02, 0x01, 0x01};
  RleBitPackedDecoder d(wide.data(), wide.size(), 16);
  EXPECT_THROW(d.GetBatch(bytes, 1), Exception);  // 16-bit values into bytes
}

}  // namespace
}  // namespace cairn::parquet
