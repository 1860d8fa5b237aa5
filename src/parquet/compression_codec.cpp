#include "parquet/compression_codec.h"

#include <brotli/decode.h>
#include <lz4.h>
#include <snappy-c.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <memory>
#include <new>
#include <string>

#include "cairn/exception.h"

namespace cairn::parquet {

namespace {

// One zstd context per thread and direction, reused for every page: ZSTD_decompress and
// ZSTD_compress would allocate and initialize a new one (about 100 KiB, and several MiB to
// compress) for each call.
struct ZstdContextDeleter {
  void operator()(ZSTD_DCtx* context) const { ZSTD_freeDCtx(context); }
  void operator()(ZSTD_CCtx* context) const { ZSTD_freeCCtx(context); }
};

ZSTD_DCtx* ThreadZstdDecompressor() {
  thread_local std::unique_ptr<ZSTD_DCtx, ZstdContextDeleter> context(ZSTD_createDCtx());
  if (!context) throw std::bad_alloc();
  return context.get();
}

ZSTD_CCtx* ThreadZstdCompressor() {
  thread_local std::unique_ptr<ZSTD_CCtx, ZstdContextDeleter> context(ZSTD_createCCtx());
  if (!context) throw std::bad_alloc();
  return context.get();
}

[[noreturn]] void Corrupt(std::string_view context, CompressionCodec codec, const std::string& what) {
  throw Exception(sqlstate::kDataCorrupted, std::string(context) + ": cannot decompress " +
                                                CompressionCodecName(codec) + " page: " + what);
}

void CheckSize(std::string_view context, CompressionCodec codec, size_t got, size_t expected) {
  if (got != expected) {
    Corrupt(context, codec,
            "decompressed to " + std::to_string(got) + " bytes, page header says " + std::to_string(expected));
  }
}

void DecompressGzip(const uint8_t* input, size_t input_size, uint8_t* output, size_t output_size,
                    std::string_view context) {
  z_stream stream;
  std::memset(&stream, 0, sizeof(stream));
  // 15 + 32: maximum window, automatic zlib/gzip header detection.
  if (inflateInit2(&stream, 15 + 32) != Z_OK) Corrupt(context, CompressionCodec::GZIP, "inflateInit2 failed");
  // zlib rejects a null next_out even when no output is due (an empty page).
  uint8_t empty_output = 0;
  if (output == nullptr) output = &empty_output;
  size_t produced = 0;
  const uint8_t* in = input;
  size_t in_left = input_size;
  int rc = Z_OK;
  while (true) {
    stream.next_in = const_cast<Bytef*>(in);
    stream.avail_in = static_cast<uInt>(std::min<size_t>(in_left, UINT_MAX));
    stream.next_out = output + produced;
    stream.avail_out = static_cast<uInt>(std::min<size_t>(output_size - produced, UINT_MAX));
    size_t in_before = stream.avail_in;
    size_t out_before = stream.avail_out;
    rc = inflate(&stream, Z_FINISH);
    in += in_before - stream.avail_in;
    in_left -= in_before - stream.avail_in;
    produced += out_before - stream.avail_out;
    if (rc == Z_STREAM_END) {
      // Concatenated gzip members: continue with the next one if input remains.
      if (in_left > 0 && produced < output_size) {
        if (inflateReset(&stream) != Z_OK) break;
        continue;
      }
      break;
    }
    if (rc == Z_BUF_ERROR && produced == output_size && in_left > 0 && stream.avail_out == 0) break;
    if (rc != Z_OK && rc != Z_BUF_ERROR) break;
    if (out_before == stream.avail_out && in_before == stream.avail_in) break;  // no progress
  }
  inflateEnd(&stream);
  if (rc != Z_STREAM_END) Corrupt(context, CompressionCodec::GZIP, "invalid or truncated deflate stream");
  CheckSize(context, CompressionCodec::GZIP, produced, output_size);
}

uint32_t ReadBigEndian32(const uint8_t* p) {
  return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | uint32_t(p[3]);
}

/// Hadoop LZ4 framing. Returns false if the input is not in that framing.
bool TryDecompressHadoopLz4(const uint8_t* input, size_t input_size, uint8_t* output, size_t output_size) {
  size_t in_pos = 0, out_pos = 0;
  while (in_pos < input_size) {
    if (input_size - in_pos < 8) return false;
    uint32_t block_uncompressed = ReadBigEndian32(input + in_pos);
    in_pos += 4;
    if (block_uncompressed > output_size - out_pos) return false;
    size_t block_end = out_pos + block_uncompressed;
    // One block may consist of several compressed chunks.
    do {
      if (input_size - in_pos < 4) return false;
      uint32_t chunk_compressed = ReadBigEndian32(input + in_pos);
      in_pos += 4;
      if (chunk_compressed > input_size - in_pos || chunk_compressed > INT_MAX) return false;
      int n = LZ4_decompress_safe(reinterpret_cast<const char*>(input + in_pos), reinterpret_cast<char*>(output + out_pos),
                                  static_cast<int>(chunk_compressed),
                                  static_cast<int>(std::min<size_t>(block_end - out_pos, INT_MAX)));
      if (n < 0) return false;
      in_pos += chunk_compressed;
      out_pos += static_cast<size_t>(n);
      if (n == 0 && block_end != out_pos) return false;
    } while (out_pos < block_end);
  }
  return out_pos == output_size;
}

}  // namespace

void DecompressPage(CompressionCodec codec, const uint8_t* input, size_t input_size, uint8_t* output,
                    size_t output_size, std::string_view context) {
  switch (codec) {
    case CompressionCodec::UNCOMPRESSED:
      CheckSize(context, codec, input_size, output_size);
      if (output_size) std::memcpy(output, input, output_size);
      return;
    case CompressionCodec::SNAPPY: {
      size_t length = 0;
      if (snappy_uncompressed_length(reinterpret_cast<const char*>(input), input_size, &length) != SNAPPY_OK) {
        Corrupt(context, codec, "invalid snappy header");
      }
      CheckSize(context, codec, length, output_size);
      size_t out_length = output_size;
      if (snappy_uncompress(reinterpret_cast<const char*>(input), input_size, reinterpret_cast<char*>(output),
                            &out_length) != SNAPPY_OK) {
        Corrupt(context, codec, "invalid snappy data");
      }
      CheckSize(context, codec, out_length, output_size);
      return;
    }
    case CompressionCodec::GZIP:
      DecompressGzip(input, input_size, output, output_size, context);
      return;
    case CompressionCodec::ZSTD: {
      size_t n = ZSTD_decompressDCtx(ThreadZstdDecompressor(), output, output_size, input, input_size);
      if (ZSTD_isError(n)) Corrupt(context, codec, ZSTD_getErrorName(n));
      CheckSize(context, codec, n, output_size);
      return;
    }
    case CompressionCodec::LZ4_RAW: {
      if (input_size > INT_MAX || output_size > INT_MAX) Corrupt(context, codec, "page too large");
      int n = LZ4_decompress_safe(reinterpret_cast<const char*>(input), reinterpret_cast<char*>(output),
                                  static_cast<int>(input_size), static_cast<int>(output_size));
      if (n < 0) Corrupt(context, codec, "invalid LZ4 block");
      CheckSize(context, codec, static_cast<size_t>(n), output_size);
      return;
    }
    case CompressionCodec::LZ4: {
      if (TryDecompressHadoopLz4(input, input_size, output, output_size)) return;
      if (input_size > INT_MAX || output_size > INT_MAX) Corrupt(context, codec, "page too large");
      int n = LZ4_decompress_safe(reinterpret_cast<const char*>(input), reinterpret_cast<char*>(output),
                                  static_cast<int>(input_size), static_cast<int>(output_size));
      if (n < 0) Corrupt(context, codec, "neither Hadoop-framed LZ4 nor a raw LZ4 block");
      CheckSize(context, codec, static_cast<size_t>(n), output_size);
      return;
    }
    case CompressionCodec::BROTLI: {
      size_t decoded = output_size;
      if (BrotliDecoderDecompress(input_size, input, &decoded, output) != BROTLI_DECODER_RESULT_SUCCESS) {
        Corrupt(context, codec, "invalid brotli stream");
      }
      CheckSize(context, codec, decoded, output_size);
      return;
    }
    case CompressionCodec::LZO:
      break;
  }
  throw Exception(sqlstate::kFeatureNotSupported,
                  std::string(context) + ": compression codec " + CompressionCodecName(codec) + " (" +
                      std::to_string(static_cast<int>(codec)) + ") is not supported");
}

namespace {

[[noreturn]] void CompressFailed(CompressionCodec codec, const std::string& what) {
  throw Exception(sqlstate::kInternalError,
                  std::string("cannot compress ") + CompressionCodecName(codec) + " page: " + what);
}

void CompressGzip(const uint8_t* input, size_t input_size, std::vector<uint8_t>& output) {
  z_stream stream;
  std::memset(&stream, 0, sizeof(stream));
  // 15 + 16: maximum window, gzip header and trailer (what the GZIP codec means in Parquet).
  if (deflateInit2(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    CompressFailed(CompressionCodec::GZIP, "deflateInit2 failed");
  }
  output.resize(deflateBound(&stream, static_cast<uLong>(input_size)) + 32);
  stream.next_in = const_cast<Bytef*>(input);
  stream.avail_in = static_cast<uInt>(input_size);
  stream.next_out = output.data();
  stream.avail_out = static_cast<uInt>(output.size());
  int rc = deflate(&stream, Z_FINISH);
  size_t produced = stream.total_out;
  deflateEnd(&stream);
  if (rc != Z_STREAM_END) CompressFailed(CompressionCodec::GZIP, "deflate did not finish");
  output.resize(produced);
}

}  // namespace

void CompressPage(CompressionCodec codec, const uint8_t* input, size_t input_size, std::vector<uint8_t>& output) {
  switch (codec) {
    case CompressionCodec::UNCOMPRESSED:
      output.assign(input, input + input_size);
      return;
    case CompressionCodec::SNAPPY: {
      size_t length = snappy_max_compressed_length(input_size);
      output.resize(length);
      if (snappy_compress(reinterpret_cast<const char*>(input), input_size, reinterpret_cast<char*>(output.data()),
                          &length) != SNAPPY_OK) {
        CompressFailed(codec, "snappy_compress failed");
      }
      output.resize(length);
      return;
    }
    case CompressionCodec::GZIP:
      if (input_size > UINT_MAX / 2) CompressFailed(codec, "page too large");
      CompressGzip(input, input_size, output);
      return;
    case CompressionCodec::ZSTD: {
      output.resize(ZSTD_compressBound(input_size));
      size_t n = ZSTD_compressCCtx(ThreadZstdCompressor(), output.data(), output.size(), input, input_size, 3);
      if (ZSTD_isError(n)) CompressFailed(codec, ZSTD_getErrorName(n));
      output.resize(n);
      return;
    }
    case CompressionCodec::LZ4_RAW: {
      if (input_size > LZ4_MAX_INPUT_SIZE) CompressFailed(codec, "page too large");
      output.resize(static_cast<size_t>(LZ4_compressBound(static_cast<int>(input_size))));
      int n = LZ4_compress_default(reinterpret_cast<const char*>(input), reinterpret_cast<char*>(output.data()),
                                   static_cast<int>(input_size), static_cast<int>(output.size()));
      if (n <= 0 && input_size > 0) CompressFailed(codec, "LZ4_compress_default failed");
      output.resize(static_cast<size_t>(std::max(n, 0)));
      return;
    }
    case CompressionCodec::LZ4:
    case CompressionCodec::BROTLI:
    case CompressionCodec::LZO:
      break;
  }
  throw Exception(sqlstate::kFeatureNotSupported,
                  std::string("writing compression codec ") + CompressionCodecName(codec) + " is not supported");
}

}  // namespace cairn::parquet
