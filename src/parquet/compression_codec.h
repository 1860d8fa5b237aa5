// Page compression and decompression. Decompression for every Parquet CompressionCodec Cairn reads (parquet-format
// Compression.md): UNCOMPRESSED, SNAPPY (raw snappy), GZIP (zlib/gzip, header auto-detected),
// ZSTD, LZ4_RAW (LZ4 block), LZ4 (the deprecated Hadoop framing: repeated [4-byte BE
// uncompressed size][4-byte BE compressed size][LZ4 block]..., falling back to one raw LZ4
// block when the framing does not parse) and BROTLI. LZO is not supported.
//
// The decompressed size must equal the page header's uncompressed size exactly; anything else
// is a corrupt file.
//
// Compression (the writer): UNCOMPRESSED, SNAPPY (raw snappy), GZIP (a gzip stream, deflate
// level 6), ZSTD (level 3) and LZ4_RAW (one LZ4 block), the codecs Parquet writers use today.
//
// Errors: cairn::Exception(kDataCorrupted) "<context>: ..." for undecodable data or a size
// mismatch; cairn::Exception(kFeatureNotSupported) for LZO and unknown codecs.
// Thread-safety: reentrant (no shared state).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "parquet/parquet_metadata.h"

namespace cairn::parquet {

/// Decompresses `input_size` bytes at `input` into exactly `output_size` bytes at `output`.
/// `context` (file and column) prefixes error messages.
void DecompressPage(CompressionCodec codec, const uint8_t* input, size_t input_size, uint8_t* output,
                    size_t output_size, std::string_view context);

/// Compresses `input_size` bytes at `input` with `codec` into `output` (replacing its contents).
/// Throws cairn::Exception(kFeatureNotSupported) for codecs Cairn does not write (LZO, LZ4 with
/// Hadoop framing, BROTLI) and kInternalError if the compression library fails.
void CompressPage(CompressionCodec codec, const uint8_t* input, size_t input_size, std::vector<uint8_t>& output);

}  // namespace cairn::parquet
