// PlainEncoder: Parquet's PLAIN encoding (Encodings.md, "Plain (PLAIN = 0)"), the counterpart of
// PlainDecoder.
//
//   BOOLEAN               bit-packed, LSB first, 1 bit per value
//   INT32 / INT64         4 / 8 bytes little endian
//   FLOAT / DOUBLE        IEEE 754, little endian
//   BYTE_ARRAY            4-byte little-endian length, then the bytes
//   FIXED_LEN_BYTE_ARRAY  the bytes (length from the schema)
//
// Values are appended to a growing buffer (little-endian hosts, as the decoder).
// Errors: none. Thread-safety: one encoder per thread.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace cairn::parquet {

class PlainEncoder {
 public:
  /// Appends one fixed-width value (int32_t, int64_t, float, double).
  template <class T>
  void WriteFixed(T value) {
    size_t at = buffer_.size();
    buffer_.resize(at + sizeof(T));
    std::memcpy(buffer_.data() + at, &value, sizeof(T));
  }
  /// Appends one BOOLEAN (bits fill bytes LSB first).
  void WriteBoolean(bool value) {
    if (bool_bit_ == 0) buffer_.push_back(0);
    if (value) buffer_.back() |= static_cast<uint8_t>(1u << bool_bit_);
    bool_bit_ = (bool_bit_ + 1) % 8;
  }
  /// Appends one BYTE_ARRAY (length-prefixed).
  void WriteByteArray(std::string_view value) {
    WriteFixed(static_cast<uint32_t>(value.size()));
    WriteFixedLenByteArray(value);
  }
  /// Appends one FIXED_LEN_BYTE_ARRAY (the caller guarantees the schema's length).
  void WriteFixedLenByteArray(std::string_view value) { buffer_.insert(buffer_.end(), value.begin(), value.end()); }

  const std::vector<uint8_t>& buffer() const { return buffer_; }
  size_t size() const { return buffer_.size(); }
  /// Empties the buffer (keeping its capacity) for the next page.
  void Clear() {
    buffer_.clear();
    bool_bit_ = 0;
  }

 private:
  std::vector<uint8_t> buffer_;
  uint32_t bool_bit_ = 0;  // next bit of the last byte for BOOLEAN values (0: start a new byte)
};

}  // namespace cairn::parquet
