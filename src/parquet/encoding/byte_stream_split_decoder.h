// ByteStreamSplitDecoder: Parquet's BYTE_STREAM_SPLIT encoding (Encodings.md, "Byte Stream
// Split (BYTE_STREAM_SPLIT = 9)"): for values of K bytes, the page holds K streams of N bytes;
// stream k holds byte k (little-endian order) of every value. Defined for FLOAT, DOUBLE, INT32,
// INT64 and FIXED_LEN_BYTE_ARRAY.
//
// Errors: a value section whose size is not a multiple of K, or reading more than N values,
// throws cairn::Exception(kDataCorrupted).
// Thread-safety: one decoder per thread; the data buffer must outlive it.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>

#include "parquet/encoding/decoding_error.h"

namespace cairn::parquet {

class ByteStreamSplitDecoder {
 public:
  ByteStreamSplitDecoder() = default;
  /// `size` bytes at `data` holding values of `value_size` bytes each.
  ByteStreamSplitDecoder(const uint8_t* data, size_t size, size_t value_size) : data_(data), width_(value_size) {
    if (value_size == 0 || size % value_size != 0) {
      ThrowDecodingError("BYTE_STREAM_SPLIT data size " + std::to_string(size) + " is not a multiple of " +
                         std::to_string(value_size));
    }
    num_values_ = size / value_size;
  }

  size_t remaining_values() const { return num_values_ - position_; }

  /// The next `count` values as T (sizeof(T) must equal the value size).
  template <class T>
  void GetBatch(T* out, size_t count) {
    constexpr size_t K = sizeof(T);
    if (K != width_) ThrowDecodingError("BYTE_STREAM_SPLIT value size mismatch");
    Check(count);
    for (size_t i = 0; i < count; i++) {
      uint8_t bytes[K];
      for (size_t k = 0; k < K; k++) bytes[k] = data_[k * num_values_ + position_ + i];
      std::memcpy(&out[i], bytes, K);
    }
    position_ += count;
  }

  /// The next `count` values as raw bytes (value i at out[i*K .. i*K+K)).
  void GetBytes(uint8_t* out, size_t count) {
    Check(count);
    for (size_t k = 0; k < width_; k++) {
      const uint8_t* stream = data_ + k * num_values_ + position_;
      for (size_t i = 0; i < count; i++) out[i * width_ + k] = stream[i];
    }
    position_ += count;
  }

  size_t value_size() const { return width_; }

 private:
  void Check(size_t count) const {
    if (count > remaining_values()) ThrowDecodingError("BYTE_STREAM_SPLIT data holds fewer values than needed");
  }

  const uint8_t* data_ = nullptr;
  size_t width_ = 0;
  size_t num_values_ = 0;
  size_t position_ = 0;
};

}  // namespace cairn::parquet
