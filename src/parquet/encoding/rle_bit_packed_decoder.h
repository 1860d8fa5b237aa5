// RleBitPackedDecoder: the RLE / bit-packing hybrid encoding of Parquet (Encodings.md, "Run
// Length Encoding / Bit-Packing Hybrid (RLE = 3)"), used for definition/repetition levels,
// dictionary indices (RLE_DICTIONARY / PLAIN_DICTIONARY data pages) and RLE-encoded BOOLEAN.
//
//   encoded-data := run*
//   run          := bit-packed-run | rle-run
//   bit-packed   := varint(number_of_groups_of_8 << 1 | 1) then groups*bit_width bytes, LSB first
//   rle-run      := varint(run_length << 1) then the value in ceil(bit_width / 8) bytes, LE
//
// The caller strips any length prefix (4-byte LE in data page v1 levels and RLE booleans; none
// in v2 levels; dictionary indices are preceded by one byte holding the bit width).
//
// Performance: GetBatch fills whole runs at once (std::fill for RLE runs, BitUnpacker for
// bit-packed runs); there is no per-value branch on the run kind.
//
// Errors: decoding past the end of the data, a bit width above 32, an RLE run value wider than
// the bit width or a malformed varint throws cairn::Exception(kDataCorrupted) via
// ThrowDecodingError. Every value returned therefore fits in bit_width bits; callers with a
// tighter bound (levels against the column's maximum level, dictionary indices against the
// dictionary size) check it per batch. A final bit-packed run cut short by
// the end of the buffer is accepted up to the values it actually holds.
//
// Thread-safety: one decoder per thread; the data buffer must outlive it.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>

#include "parquet/encoding/bit_unpacker.h"
#include "parquet/encoding/decoding_error.h"

namespace cairn::parquet {

class RleBitPackedDecoder {
 public:
  RleBitPackedDecoder() = default;
  /// Decodes `size` bytes at `data` holding values of `bit_width` bits (0..32).
  RleBitPackedDecoder(const uint8_t* data, size_t size, uint32_t bit_width)
      : pos_(data), end_(data + size), bit_width_(bit_width) {
    if (bit_width > 32) ThrowDecodingError("RLE/bit-packed bit width " + std::to_string(bit_width) + " exceeds 32");
    value_bytes_ = (bit_width + 7) / 8;
  }

  /// Decodes exactly `count` values into `out`. T is uint8_t (levels, booleans; bit_width <= 8)
  /// or uint32_t. Throws if the data holds fewer values.
  template <class T>
  void GetBatch(T* out, size_t count) {
    if (bit_width_ > sizeof(T) * 8) ThrowDecodingError("bit width too large for the value type");
    while (count > 0) {
      if (rle_remaining_ == 0 && packed_remaining_ == 0) NextRun();
      if (rle_remaining_ > 0) {
        size_t n = std::min<size_t>(count, rle_remaining_);
        std::fill(out, out + n, static_cast<T>(rle_value_));
        rle_remaining_ -= n;
        out += n;
        count -= n;
      } else {
        size_t n = std::min<size_t>(count, packed_remaining_);
        UnpackBits<T>(packed_data_, packed_bytes_, bit_width_, packed_index_, out, n);
        packed_index_ += n;
        packed_remaining_ -= n;
        out += n;
        count -= n;
      }
    }
  }

  /// If the next `count` values all lie in one RLE run, consumes them, stores their value in
  /// `value` and returns true (the common "no NULLs in this batch" case costs O(1)); otherwise
  /// consumes nothing and returns false.
  bool TryGetRepeated(size_t count, uint32_t& value) {
    if (rle_remaining_ == 0 && packed_remaining_ == 0) {
      if (pos_ >= end_) return false;
      NextRun();
    }
    if (rle_remaining_ < count) return false;
    rle_remaining_ -= count;
    value = rle_value_;
    return true;
  }

  /// Skips `count` values.
  void Skip(size_t count) {
    while (count > 0) {
      if (rle_remaining_ == 0 && packed_remaining_ == 0) NextRun();
      if (rle_remaining_ > 0) {
        size_t n = std::min<size_t>(count, rle_remaining_);
        rle_remaining_ -= n;
        count -= n;
      } else {
        size_t n = std::min<size_t>(count, packed_remaining_);
        packed_index_ += n;
        packed_remaining_ -= n;
        count -= n;
      }
    }
  }

 private:
  uint64_t ReadVarint() {
    uint64_t result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= end_) ThrowDecodingError("RLE/bit-packed run header cut off");
      uint8_t byte = *pos_++;
      result |= static_cast<uint64_t>(byte & 0x7F) << shift;
      if (!(byte & 0x80)) return result;
    }
    ThrowDecodingError("RLE/bit-packed run header varint too long");
  }

  void NextRun() {
    if (pos_ >= end_) ThrowDecodingError("RLE/bit-packed data ends before all values were read");
    uint64_t header = ReadVarint();
    uint64_t length = header >> 1;
    if (header & 1) {
      // Bit-packed: `length` groups of 8 values.
      if (length == 0 || length > (uint64_t(1) << 40)) ThrowDecodingError("invalid bit-packed run length");
      size_t available = static_cast<size_t>(end_ - pos_);
      uint64_t bytes = length * bit_width_;
      uint64_t values = length * 8;
      if (bytes > available) {
        bytes = available;
        values = bit_width_ == 0 ? values : (available * 8) / bit_width_;
        if (values == 0) ThrowDecodingError("bit-packed run cut off");
      }
      packed_data_ = pos_;
      packed_bytes_ = static_cast<size_t>(bytes);
      packed_index_ = 0;
      packed_remaining_ = values;
      pos_ += bytes;
    } else {
      if (length == 0) ThrowDecodingError("empty RLE run");
      if (static_cast<size_t>(end_ - pos_) < value_bytes_) ThrowDecodingError("RLE run value cut off");
      uint32_t value = 0;
      for (uint32_t i = 0; i < value_bytes_; i++) value |= static_cast<uint32_t>(pos_[i]) << (8 * i);
      pos_ += value_bytes_;
      // The value is stored in whole bytes; bits above bit_width would let a 1-bit level or
      // boolean carry 255. Checked once per run, so GetBatch never sees an out-of-range value.
      if (bit_width_ < 32 && (value >> bit_width_) != 0) {
        ThrowDecodingError("RLE run value " + std::to_string(value) + " does not fit in bit width " +
                           std::to_string(bit_width_));
      }
      rle_value_ = value;
      rle_remaining_ = length;
    }
  }

  const uint8_t* pos_ = nullptr;
  const uint8_t* end_ = nullptr;
  uint32_t bit_width_ = 0;
  uint32_t value_bytes_ = 0;
  uint64_t rle_remaining_ = 0;
  uint32_t rle_value_ = 0;
  const uint8_t* packed_data_ = nullptr;
  size_t packed_bytes_ = 0;
  size_t packed_index_ = 0;
  uint64_t packed_remaining_ = 0;
};

}  // namespace cairn::parquet
