// Tests of the three delta encodings: DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY and
// DELTA_BYTE_ARRAY (which are built on it).
#include "parquet/encoding/delta_binary_packed_decoder.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "cairn/exception.h"
#include "parquet/encoding/delta_byte_array_decoder.h"
#include "parquet/encoding/delta_length_byte_array_decoder.h"

namespace cairn::parquet {
namespace {

void PutVarint(std::vector<uint8_t>& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<uint8_t>(v));
}
void PutZigZag(std::vector<uint8_t>& out, int64_t v) {
  PutVarint(out, (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
}

/// A straightforward DELTA_BINARY_PACKED encoder (block 128, 4 miniblocks of 32).
std::vector<uint8_t> EncodeDelta(const std::vector<int64_t>& values) {
  std::vector<uint8_t> out;
  PutVarint(out, 128);
  PutVarint(out, 4);
  PutVarint(out, values.size());
  PutZigZag(out, values.empty() ? 0 : values[0]);
  for (size_t start = 1; start < values.size(); start += 128) {
    size_t end = std::min(values.size(), start + 128);
    std::vector<uint64_t> deltas;
    for (size_t i = start; i < end; i++) deltas.push_back(static_cast<uint64_t>(values[i]) - static_cast<uint64_t>(values[i - 1]));
    int64_t min_delta = INT64_MAX;
    for (uint64_t d : deltas) min_delta = std::min(min_delta, static_cast<int64_t>(d));
    PutZigZag(out, min_delta);
    uint8_t widths[4] = {0, 0, 0, 0};
    for (size_t m = 0; m < 4; m++) {
      for (size_t j = m * 32; j < std::min(deltas.size(), m * 32 + 32); j++) {
        uint64_t rel = deltas[j] - static_cast<uint64_t>(min_delta);
        while (widths[m] < 64 && (rel >> widths[m]) != 0) widths[m]++;
      }
    }
    out.insert(out.end(), widths, widths + 4);
    for (size_t m = 0; m < 4 && m * 32 < deltas.size(); m++) {
      std::vector<uint8_t> bytes(4 * widths[m], 0);  // 32 values * width / 8
      for (size_t j = 0; j < 32 && m * 32 + j < deltas.size(); j++) {
        uint64_t rel = deltas[m * 32 + j] - static_cast<uint64_t>(min_delta);
        for (uint32_t b = 0; b < widths[m]; b++) {
          if ((rel >> b) & 1) bytes[(j * widths[m] + b) / 8] |= uint8_t(1) << ((j * widths[m] + b) % 8);
        }
      }
      out.insert(out.end(), bytes.begin(), bytes.end());
    }
  }
  return out;
}

TEST(DeltaBinaryPackedDecoderTest, SpecExamples) {
  // Encodings.md example 1: 1 2 3 4 5 (all deltas 1, bit width 0).
  std::vector<uint8_t> one = {0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00};
  DeltaBinaryPackedDecoder a;
  a.Init(one.data(), one.size());
  int32_t out[8];
  a.GetBatch(out, 5);
  EXPECT_EQ(std::vector<int32_t>(out, out + 5), (std::vector<int32_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(a.EndPosition(), one.data() + one.size());
  // Example 2: 7 5 3 1 2 3 4 5 (min delta -2, relative 0 0 0 3 3 3 3, width 2).
  std::vector<uint8_t> two = {0x80, 0x01, 0x04, 0x08, 0x0E, 0x03, 0x02, 0x00, 0x00, 0x00,
                              0xC0, 0x3F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
  DeltaBinaryPackedDecoder b;
  b.Init(two.data(), two.size());
  b.GetBatch(out, 3);
  b.GetBatch(out + 3, 5);
  EXPECT_EQ(std::vector<int32_t>(out, out + 8), (std::vector<int32_t>{7, 5, 3, 1, 2, 3, 4, 5}));
  EXPECT_THROW(b.GetBatch(out, 1), Exception);
}

TEST(DeltaBinaryPackedDecoderTest, RandomRoundTripIncludingWrapAround) {
  std::mt19937_64 rng(7);
  std::vector<int64_t> values = {INT64_MIN, INT64_MAX, 0, -1, INT64_MAX, INT64_MIN};
  for (int i = 0; i < 1000; i++) values.push_back(static_cast<int64_t>(rng() >> (rng() % 64)) - (i % 3 ? 0 : 12345));
  auto data = EncodeDelta(values);
  DeltaBinaryPackedDecoder d;
  d.Init(data.data(), data.size());
  std::vector<int64_t> out(values.size());
  size_t pos = 0, step = 1;
  while (pos < values.size()) {
    size_t n = std::min(step, values.size() - pos);
    d.GetBatch(out.data() + pos, n);
    pos += n;
    step = step * 5 % 97 + 1;
  }
  EXPECT_EQ(out, values);
  EXPECT_EQ(d.EndPosition(), data.data() + data.size());
}

TEST(DeltaBinaryPackedDecoderTest, MalformedHeadersThrow) {
  DeltaBinaryPackedDecoder d;
  std::vector<uint8_t> bad_block = {0x64, 0x04, 0x01, 0x00};  // block size 100
  EXPECT_THROW(d.Init(bad_block.data(), bad_block.size()), Exception);
  std::vector<uint8_t> bad_mini = {0x80, 0x01, 0x03, 0x01, 0x00};  // 3 miniblocks
  EXPECT_THROW(d.Init(bad_mini.data(), bad_mini.size()), Exception);
  std::vector<uint8_t> cut = {0x80, 0x01, 0x04, 0x08, 0x0E, 0x03, 0x02, 0x00, 0x00, 0x00, 0xC0};
  d.Init(cut.data(), cut.size());
  int64_t out[8];
  EXPECT_THROW(d.GetBatch(out, 8), Exception);
}

/// DELTA_LENGTH_BYTE_ARRAY of `strings`.
std::vector<uint8_t> EncodeDeltaLength(const std::vector<std::string>& strings) {
  std::vector<int64_t> lengths;
  for (const auto& s : strings) lengths.push_back(static_cast<int64_t>(s.size()));
  auto out = EncodeDelta(lengths);
  for (const auto& s : strings) out.insert(out.end(), s.begin(), s.end());
  return out;
}

TEST(DeltaLengthByteArrayDecoderTest, SpecExample) {
  std::vector<std::string> strings = {"Hello", "World", "Foobar", "ABCDEF", "a somewhat longer string"};
  auto data = EncodeDeltaLength(strings);
  DeltaLengthByteArrayDecoder d;
  EXPECT_EQ(d.Init(data.data(), data.size(), 100), data.data() + data.size());
  string_t out[5];
  d.GetBatch(out, 2);
  d.GetBatch(out + 2, 3);
  for (int i = 0; i < 5; i++) EXPECT_EQ(out[i].ToString(), strings[i]);
  data.pop_back();  // bytes cut off
  EXPECT_THROW(d.Init(data.data(), data.size(), 100), Exception);
}

TEST(DeltaByteArrayDecoderTest, SpecExample) {
  // Encodings.md: axis axle babble babyhood -> prefixes 0 2 0 3, suffixes axis le babble yhood.
  auto data = EncodeDelta({0, 2, 0, 3, 8});
  auto suffixes = EncodeDeltaLength({"axis", "le", "babble", "yhood", "-and-a-long-tail"});
  data.insert(data.end(), suffixes.begin(), suffixes.end());
  DeltaByteArrayDecoder d;
  d.Init(data.data(), data.size(), 5);
  StringHeap heap;
  string_t out[5];
  d.GetBatch(out, 3, heap);
  d.GetBatch(out + 3, 2, heap);
  std::vector<std::string> expected = {"axis", "axle", "babble", "babyhood", "babyhood-and-a-long-tail"};
  for (int i = 0; i < 5; i++) EXPECT_EQ(out[i].ToString(), expected[i]);

  auto bad = EncodeDelta({0, 7});  // prefix longer than the previous value
  auto bad_suffixes = EncodeDeltaLength({"ab", "c"});
  bad.insert(bad.end(), bad_suffixes.begin(), bad_suffixes.end());
  DeltaByteArrayDecoder e;
  e.Init(bad.data(), bad.size(), 2);
  EXPECT_THROW(e.GetBatch(out, 2, heap), Exception);
  EXPECT_THROW(e.Init(bad.data(), bad.size(), 1), Exception);  // more values than the page
}

}  // namespace
}  // namespace cairn::parquet
