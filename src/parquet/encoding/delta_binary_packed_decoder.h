// DeltaBinaryPackedDecoder: Parquet's DELTA_BINARY_PACKED encoding (Encodings.md, "Delta
// Encoding (DELTA_BINARY_PACKED = 5)"), for INT32 and INT64 values and for the lengths inside
// DELTA_LENGTH_BYTE_ARRAY / DELTA_BYTE_ARRAY.
//
//   header := varint(block size in values) varint(miniblocks per block)
//             varint(total value count) zigzag-varint(first value)
//   block  := zigzag-varint(min delta) byte[miniblocks](bit widths) miniblock*
//   Each miniblock holds (block size / miniblocks) deltas minus min_delta, bit-packed LSB first.
//   value[i] = value[i-1] + min_delta + packed[i]; arithmetic wraps (two's complement).
// The last block may stop after the miniblock holding the last value; its remaining bit-width
// bytes are present but meaningless.
//
// Performance: each miniblock is unpacked in bulk and prefix-summed into a buffer; GetBatch
// copies from it. Arithmetic is done in uint64_t and truncated to T (correct for INT32 too).
//
// Errors: malformed headers (block size not a multiple of 128, miniblock size not a multiple of
// 32, widths above 64), data cut off, or asking for more values than the header declares throw
// cairn::Exception(kDataCorrupted).
// Thread-safety: one decoder per thread; the data buffer must outlive it.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "parquet/encoding/bit_unpacker.h"
#include "parquet/encoding/decoding_error.h"

namespace cairn::parquet {

class DeltaBinaryPackedDecoder {
 public:
  DeltaBinaryPackedDecoder() = default;

  /// Parses the header of the data at `data` (`size` bytes).
  void Init(const uint8_t* data, size_t size) {
    pos_ = data;
    end_ = data + size;
    uint64_t block_size = ReadVarint();
    uint64_t miniblocks = ReadVarint();
    total_count_ = ReadVarint();
    uint64_t first = ReadZigZag();
    if (block_size == 0 || block_size % 128 != 0 || block_size > (1u << 16)) {
      ThrowDecodingError("DELTA_BINARY_PACKED block size " + std::to_string(block_size) + " is invalid");
    }
    if (miniblocks == 0 || block_size % miniblocks != 0 || (block_size / miniblocks) % 32 != 0) {
      ThrowDecodingError("DELTA_BINARY_PACKED miniblock count " + std::to_string(miniblocks) + " is invalid");
    }
    block_size_ = static_cast<uint32_t>(block_size);
    miniblocks_per_block_ = static_cast<uint32_t>(miniblocks);
    values_per_miniblock_ = block_size_ / miniblocks_per_block_;
    miniblock_.resize(values_per_miniblock_);
    bit_widths_.resize(miniblocks_per_block_);
    last_value_ = first;
    emitted_ = 0;
    first_pending_ = total_count_ > 0;
    miniblock_pos_ = miniblock_size_ = 0;
    miniblock_index_ = miniblocks_per_block_;  // forces a new block
  }

  /// Number of values the header declares.
  uint64_t total_count() const { return total_count_; }
  /// Values not yet returned.
  uint64_t remaining_values() const { return total_count_ - emitted_; }

  /// Decodes the next `count` values into `out` (T = int32_t, int64_t or uint32_t...).
  template <class T>
  void GetBatch(T* out, size_t count) {
    if (count > remaining_values()) ThrowDecodingError("DELTA_BINARY_PACKED data holds fewer values than needed");
    size_t i = 0;
    if (count > 0 && first_pending_) {
      out[i++] = static_cast<T>(last_value_);
      first_pending_ = false;
      emitted_++;
    }
    while (i < count) {
      if (miniblock_pos_ == miniblock_size_) LoadMiniblock();
      size_t n = std::min<size_t>(count - i, miniblock_size_ - miniblock_pos_);
      const uint64_t* src = miniblock_.data() + miniblock_pos_;
      for (size_t j = 0; j < n; j++) out[i + j] = static_cast<T>(src[j]);
      miniblock_pos_ += n;
      i += n;
      emitted_ += n;
    }
  }

  /// The position just after the data consumed so far; once every value has been read, the
  /// end of the encoded data (where DELTA_LENGTH_BYTE_ARRAY's bytes start).
  const uint8_t* EndPosition() const { return pos_; }

 private:
  uint64_t ReadVarint() {
    uint64_t result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= end_) ThrowDecodingError("DELTA_BINARY_PACKED varint cut off");
      uint8_t byte = *pos_++;
      result |= static_cast<uint64_t>(byte & 0x7F) << shift;
      if (!(byte & 0x80)) return result;
    }
    ThrowDecodingError("DELTA_BINARY_PACKED varint too long");
  }
  uint64_t ReadZigZag() {
    uint64_t v = ReadVarint();
    return (v >> 1) ^ (~(v & 1) + 1);
  }

  void LoadMiniblock() {
    if (miniblock_index_ == miniblocks_per_block_) {
      min_delta_ = ReadZigZag();
      if (static_cast<size_t>(end_ - pos_) < miniblocks_per_block_) ThrowDecodingError("DELTA_BINARY_PACKED bit widths cut off");
      for (uint32_t m = 0; m < miniblocks_per_block_; m++) bit_widths_[m] = pos_[m];
      pos_ += miniblocks_per_block_;
      miniblock_index_ = 0;
    }
    uint32_t width = bit_widths_[miniblock_index_++];
    if (width > 64) ThrowDecodingError("DELTA_BINARY_PACKED bit width " + std::to_string(width) + " exceeds 64");
    size_t bytes = BitPackedBytes(values_per_miniblock_, width);
    size_t available = static_cast<size_t>(end_ - pos_);
    // Values still to come; the last miniblock must hold at least those.
    uint64_t needed = std::min<uint64_t>(values_per_miniblock_, remaining_values());
    if (bytes > available) {
      if (BitPackedBytes(needed, width) > available) ThrowDecodingError("DELTA_BINARY_PACKED miniblock cut off");
      bytes = available;  // tolerate an unpadded final miniblock
    }
    UnpackBits<uint64_t>(pos_, bytes, width, 0, miniblock_.data(), needed);
    pos_ += bytes;
    uint64_t value = last_value_;
    for (size_t j = 0; j < needed; j++) {
      value += min_delta_ + miniblock_[j];
      miniblock_[j] = value;
    }
    last_value_ = value;
    miniblock_pos_ = 0;
    miniblock_size_ = needed;
  }

  const uint8_t* pos_ = nullptr;
  const uint8_t* end_ = nullptr;
  uint32_t block_size_ = 0;
  uint32_t miniblocks_per_block_ = 0;
  uint32_t values_per_miniblock_ = 0;
  uint64_t total_count_ = 0;
  uint64_t emitted_ = 0;
  bool first_pending_ = false;
  uint64_t last_value_ = 0;
  uint64_t min_delta_ = 0;
  std::vector<uint8_t> bit_widths_;
  uint32_t miniblock_index_ = 0;
  std::vector<uint64_t> miniblock_;
  size_t miniblock_pos_ = 0;
  size_t miniblock_size_ = 0;
};

}  // namespace cairn::parquet
