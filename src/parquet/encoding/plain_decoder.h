// PlainDecoder: Parquet's PLAIN encoding (Encodings.md, "Plain (PLAIN = 0)").
//
//   BOOLEAN               bit-packed, LSB first, 1 bit per value
//   INT32 / INT64         4 / 8 bytes little endian
//   INT96                 12 bytes little endian (Impala timestamps: 8-byte nanos + 4-byte day)
//   FLOAT / DOUBLE        IEEE 754, little endian
//   BYTE_ARRAY            4-byte little-endian length, then the bytes
//   FIXED_LEN_BYTE_ARRAY  the bytes (length from the schema)
//
// Strings are produced as string_t referencing the page buffer (no copy for values longer than
// 12 bytes): the caller keeps the buffer alive as long as the strings.
//
// Errors: reading past the end of the data throws cairn::Exception(kDataCorrupted).
// Thread-safety: one decoder per thread; the data buffer must outlive it and its strings.
#pragma once

#include <cstdint>
#include <cstring>

#include "cairn/string_type.h"
#include "parquet/encoding/bit_unpacker.h"
#include "parquet/encoding/decoding_error.h"

namespace cairn::parquet {

/// Impala/Hive INT96 timestamp as stored: nanoseconds within the day, then the Julian day.
struct Int96 {
  uint32_t words[3];
};

class PlainDecoder {
 public:
  PlainDecoder() = default;
  PlainDecoder(const uint8_t* data, size_t size) : pos_(data), end_(data + size) {}

  /// Fixed-width values (int32_t, int64_t, float, double, Int96): `count` values into `out`.
  template <class T>
  void ReadFixed(T* out, size_t count) {
    size_t bytes = count * sizeof(T);
    if (bytes > remaining()) ThrowDecodingError("PLAIN data ends before all values were read");
    std::memcpy(out, pos_, bytes);
    pos_ += bytes;
  }

  /// BOOLEAN values (bit-packed) into `out` (0 or 1 bytes, i.e. bool).
  void ReadBooleans(uint8_t* out, size_t count) {
    size_t total_bits = bool_bit_ + count;
    if ((total_bits + 7) / 8 > remaining()) ThrowDecodingError("PLAIN boolean data ends before all values were read");
    UnpackBits<uint8_t>(pos_, remaining(), 1, bool_bit_, out, count);
    pos_ += total_bits / 8;
    bool_bit_ = total_bits % 8;
  }

  /// BYTE_ARRAY values as string_t referencing the data.
  void ReadByteArrays(string_t* out, size_t count) {
    for (size_t i = 0; i < count; i++) {
      if (remaining() < 4) ThrowDecodingError("PLAIN BYTE_ARRAY length cut off");
      uint32_t length;
      std::memcpy(&length, pos_, 4);
      pos_ += 4;
      if (length > remaining()) ThrowDecodingError("PLAIN BYTE_ARRAY value of " + std::to_string(length) + " bytes cut off");
      out[i] = string_t(reinterpret_cast<const char*>(pos_), length);
      pos_ += length;
    }
  }

  /// FIXED_LEN_BYTE_ARRAY values of `length` bytes as string_t referencing the data.
  void ReadFixedLenByteArrays(string_t* out, size_t count, uint32_t length) {
    if (length != 0 && count > remaining() / length) ThrowDecodingError("PLAIN FIXED_LEN_BYTE_ARRAY data cut off");
    for (size_t i = 0; i < count; i++) {
      out[i] = string_t(reinterpret_cast<const char*>(pos_), length);
      pos_ += length;
    }
  }

  /// The next `bytes` bytes, without consuming them (fixed-width values read selectively).
  /// Throws if fewer remain.
  const uint8_t* Peek(size_t bytes) const {
    if (bytes > remaining()) ThrowDecodingError("PLAIN data ends before all values were read");
    return pos_;
  }

  /// Skips `count` fixed-width values of `width` bytes each. Throws if fewer remain.
  void SkipFixed(size_t count, size_t width) {
    if (width != 0 && count > remaining() / width) ThrowDecodingError("PLAIN data ends before all values were read");
    pos_ += count * width;
  }

  /// Skips `count` BOOLEAN values. Throws if fewer remain.
  void SkipBooleans(size_t count) {
    size_t total_bits = bool_bit_ + count;
    if ((total_bits + 7) / 8 > remaining()) ThrowDecodingError("PLAIN boolean data ends before all values were read");
    pos_ += total_bits / 8;
    bool_bit_ = total_bits % 8;
  }

  /// Skips `count` BYTE_ARRAY values (walks their length prefixes). Throws if fewer remain.
  void SkipByteArrays(size_t count) {
    for (size_t i = 0; i < count; i++) {
      if (remaining() < 4) ThrowDecodingError("PLAIN BYTE_ARRAY length cut off");
      uint32_t length;
      std::memcpy(&length, pos_, 4);
      pos_ += 4;
      if (length > remaining()) ThrowDecodingError("PLAIN BYTE_ARRAY value of " + std::to_string(length) + " bytes cut off");
      pos_ += length;
    }
  }

  size_t remaining() const { return static_cast<size_t>(end_ - pos_); }

 private:
  const uint8_t* pos_ = nullptr;
  const uint8_t* end_ = nullptr;
  size_t bool_bit_ = 0;  // bit offset within *pos_ for BOOLEAN
};

}  // namespace cairn::parquet
