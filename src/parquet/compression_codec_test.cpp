#include "parquet/compression_codec.h"

#include <brotli/encode.h>
#include <gtest/gtest.h>
#include <lz4.h>
#include <snappy-c.h>
#include <zlib.h>
#include <zstd.h>

#include <string>
#include <vector>

#include "cairn/exception.h"

namespace cairn::parquet {
namespace {

std::string Sample() {
  std::string s;
  for (int i = 0; i < 5000; i++) s += "value " + std::to_string(i % 97) + ";";
  return s;
}

std::vector<uint8_t> Snappy(const std::string& in) {
  size_t n = snappy_max_compressed_length(in.size());
  std::vector<uint8_t> out(n);
  EXPECT_EQ(snappy_compress(in.data(), in.size(), reinterpret_cast<char*>(out.data()), &n), SNAPPY_OK);
  out.resize(n);
  return out;
}

std::vector<uint8_t> Deflate(const std::string& in, int window_bits) {
  z_stream s{};
  EXPECT_EQ(deflateInit2(&s, 6, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::vector<uint8_t> out(deflateBound(&s, in.size()) + 32);
  s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  s.avail_in = static_cast<uInt>(in.size());
  s.next_out = out.data();
  s.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&s, Z_FINISH), Z_STREAM_END);
  out.resize(s.total_out);
  deflateEnd(&s);
  return out;
}

std::vector<uint8_t> Zstd(const std::string& in) {
  std::vector<uint8_t> out(ZSTD_compressBound(in.size()));
  size_t n = ZSTD_compress(out.data(), out.size(), in.data(), in.size(), 3);
  out.resize(n);
  return out;
}

std::vector<uint8_t> Lz4Block(const std::string& in) {
  std::vector<uint8_t> out(LZ4_compressBound(static_cast<int>(in.size())));
  int n = LZ4_compress_default(in.data(), reinterpret_cast<char*>(out.data()), static_cast<int>(in.size()),
                               static_cast<int>(out.size()));
  out.resize(n);
  return out;
}

void PutBigEndian(std::vector<uint8_t>& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<uint8_t>(v >> shift));
}

std::vector<uint8_t> Brotli(const std::string& in) {
  size_t n = BrotliEncoderMaxCompressedSize(in.size());
  std::vector<uint8_t> out(n);
  EXPECT_TRUE(BrotliEncoderCompress(5, 22, BROTLI_MODE_GENERIC, in.size(), reinterpret_cast<const uint8_t*>(in.data()),
                                    &n, out.data()));
  out.resize(n);
  return out;
}

std::string Decompress(CompressionCodec codec, const std::vector<uint8_t>& data, size_t size) {
  std::string out(size, '\0');
  DecompressPage(codec, data.data(), data.size(), reinterpret_cast<uint8_t*>(out.data()), size, "f.parquet");
  return out;
}

TEST(CompressionCodecTest, RoundTripsEveryCodec) {
  const std::string in = Sample();
  std::vector<uint8_t> raw(in.begin(), in.end());
  EXPECT_EQ(Decompress(CompressionCodec::UNCOMPRESSED, raw, in.size()), in);
  EXPECT_EQ(Decompress(CompressionCodec::SNAPPY, Snappy(in), in.size()), in);
  EXPECT_EQ(Decompress(CompressionCodec::GZIP, Deflate(in, 15 + 16), in.size()), in);  // gzip header
  EXPECT_EQ(Decompress(CompressionCodec::GZIP, Deflate(in, 15), in.size()), in);       // zlib header
  EXPECT_EQ(Decompress(CompressionCodec::ZSTD, Zstd(in), in.size()), in);
  EXPECT_EQ(Decompress(CompressionCodec::LZ4_RAW, Lz4Block(in), in.size()), in);
  EXPECT_EQ(Decompress(CompressionCodec::BROTLI, Brotli(in), in.size()), in);
  // LZ4 (Hadoop framing): two blocks, each [uncompressed size][compressed size][block].
  std::string first = in.substr(0, 10000), second = in.substr(10000);
  std::vector<uint8_t> framed;
  for (const std::string* part : {&first, &second}) {
    auto block = Lz4Block(*part);
    PutBigEndian(framed, static_cast<uint32_t>(part->size()));
    PutBigEndian(framed, static_cast<uint32_t>(block.size()));
    framed.insert(framed.end(), block.begin(), block.end());
  }
  EXPECT_EQ(Decompress(CompressionCodec::LZ4, framed, in.size()), in);
  // LZ4 falls back to a raw block when the framing does not parse.
  EXPECT_EQ(Decompress(CompressionCodec::LZ4, Lz4Block(in), in.size()), in);
}

TEST(CompressionCodecTest, SizeMismatchAndGarbageAreCorrupt) {
  const std::string in = Sample();
  std::vector<uint8_t> garbage(100, 0xAB);
  for (auto codec : {CompressionCodec::SNAPPY, CompressionCodec::GZIP, CompressionCodec::ZSTD, CompressionCodec::LZ4_RAW,
                     CompressionCodec::LZ4, CompressionCodec::BROTLI}) {
    try {
      Decompress(codec, garbage, 1000);
      ADD_FAILURE() << CompressionCodecName(codec) << " accepted garbage";
    } catch (const Exception& e) {
      EXPECT_EQ(e.sqlstate(), sqlstate::kDataCorrupted);
      EXPECT_NE(std::string(e.what()).find("f.parquet"), std::string::npos);
    }
  }
  EXPECT_THROW(Decompress(CompressionCodec::ZSTD, Zstd(in), in.size() + 1), Exception);
  EXPECT_THROW(Decompress(CompressionCodec::ZSTD, Zstd(in), in.size() - 1), Exception);
  EXPECT_THROW(Decompress(CompressionCodec::SNAPPY, Snappy(in), in.size() - 1), Exception);
  EXPECT_THROW(Decompress(CompressionCodec::GZIP, Deflate(in, 31), in.size() + 5), Exception);
  try {
    Decompress(CompressionCodec::LZO, garbage, 10);
    ADD_FAILURE();
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), sqlstate::kFeatureNotSupported);
  }
}

// CompressPage output decompresses to the input for every codec Cairn writes, over empty,
// tiny, compressible and incompressible pages.
TEST(CompressPageTest, RoundTripsThroughDecompressPage) {
  std::vector<std::string> inputs = {"", "x", Sample()};
  std::string noise;
  uint32_t state = 12345;
  for (int i = 0; i < 70000; i++) {
    state = state * 1103515245u + 12345u;
    noise.push_back(static_cast<char>(state >> 24));
  }
  inputs.push_back(noise);
  for (auto codec : {CompressionCodec::UNCOMPRESSED, CompressionCodec::SNAPPY, CompressionCodec::GZIP,
                     CompressionCodec::ZSTD, CompressionCodec::LZ4_RAW}) {
    for (const auto& input : inputs) {
      SCOPED_TRACE(std::string(CompressionCodecName(codec)) + " of " + std::to_string(input.size()) + " bytes");
      std::vector<uint8_t> compressed = {1, 2, 3};  // replaced, not appended to
      CompressPage(codec, reinterpret_cast<const uint8_t*>(input.data()), input.size(), compressed);
      if (codec != CompressionCodec::UNCOMPRESSED && input.size() == Sample().size()) {
        EXPECT_LT(compressed.size(), input.size() / 4);
      }
      std::vector<uint8_t> back(input.size());
      DecompressPage(codec, compressed.data(), compressed.size(), back.data(), back.size(), "test");
      EXPECT_EQ(std::string(back.begin(), back.end()), input);
    }
  }
}

TEST(CompressPageTest, GzipWritesAGzipStream) {
  std::string input = Sample();
  std::vector<uint8_t> compressed;
  CompressPage(CompressionCodec::GZIP, reinterpret_cast<const uint8_t*>(input.data()), input.size(), compressed);
  ASSERT_GE(compressed.size(), 2u);
  EXPECT_EQ(compressed[0], 0x1f);
  EXPECT_EQ(compressed[1], 0x8b);
}

TEST(CompressPageTest, CodecsNotWrittenAreRejected) {
  std::vector<uint8_t> out;
  const uint8_t byte = 0;
  for (auto codec : {CompressionCodec::LZO, CompressionCodec::LZ4, CompressionCodec::BROTLI}) {
    try {
      CompressPage(codec, &byte, 1, out);
      ADD_FAILURE() << CompressionCodecName(codec) << " compressed";
    } catch (const Exception& e) {
      EXPECT_EQ(e.sqlstate(), sqlstate::kFeatureNotSupported);
    }
  }
}

}  // namespace
}  // namespace cairn::parquet
