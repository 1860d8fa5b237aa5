// DeltaLengthByteArrayDecoder: Parquet's DELTA_LENGTH_BYTE_ARRAY encoding (Encodings.md,
// "Delta-length byte array (DELTA_LENGTH_BYTE_ARRAY = 6)"): the lengths of all values encoded
// with DELTA_BINARY_PACKED, followed by the concatenated bytes of all values.
//
// Init makes one pass over the lengths (in batches, no allocation proportional to the value
// count) to find where the bytes start and to check they fit; GetBatch then decodes lengths
// lazily and returns string_t referencing the data (no copy).
//
// Errors: negative lengths, bytes past the end, or more values requested than encoded throw
// cairn::Exception(kDataCorrupted).
// Thread-safety: one decoder per thread; the data buffer must outlive it and its strings.
#pragma once

#include <cstdint>
#include <string>

#include "cairn/string_type.h"
#include "parquet/encoding/decoding_error.h"
#include "parquet/encoding/delta_binary_packed_decoder.h"

namespace cairn::parquet {

class DeltaLengthByteArrayDecoder {
 public:
  DeltaLengthByteArrayDecoder() = default;

  /// Parses `size` bytes at `data`. `max_values` bounds the declared value count (the page's
  /// value count). Returns the position just after the encoded data.
  const uint8_t* Init(const uint8_t* data, size_t size, uint64_t max_values) {
    DeltaBinaryPackedDecoder scan;
    scan.Init(data, size);
    uint64_t count = scan.total_count();
    if (count > max_values) ThrowDecodingError("DELTA_LENGTH_BYTE_ARRAY declares more values than the page");
    int32_t lengths[kBatch];
    uint64_t total_bytes = 0;
    for (uint64_t done = 0; done < count;) {
      size_t n = static_cast<size_t>(std::min<uint64_t>(kBatch, count - done));
      scan.GetBatch(lengths, n);
      for (size_t i = 0; i < n; i++) {
        if (lengths[i] < 0) ThrowDecodingError("negative DELTA_LENGTH_BYTE_ARRAY length");
        total_bytes += static_cast<uint32_t>(lengths[i]);
      }
      done += n;
    }
    bytes_ = scan.EndPosition();
    const uint8_t* end = data + size;
    if (total_bytes > static_cast<uint64_t>(end - bytes_)) ThrowDecodingError("DELTA_LENGTH_BYTE_ARRAY bytes cut off");
    lengths_.Init(data, size);
    return bytes_ + total_bytes;
  }

  uint64_t remaining_values() const { return lengths_.remaining_values(); }

  /// The next `count` values as string_t referencing the data.
  void GetBatch(string_t* out, size_t count) {
    // Init checked the lengths of the declared values only; never go past them.
    if (count > remaining_values()) ThrowDecodingError("DELTA_LENGTH_BYTE_ARRAY data holds fewer values than needed");
    int32_t lengths[kBatch];
    for (size_t done = 0; done < count;) {
      size_t n = std::min<size_t>(kBatch, count - done);
      lengths_.GetBatch(lengths, n);  // validated by Init
      for (size_t i = 0; i < n; i++) {
        out[done + i] = string_t(reinterpret_cast<const char*>(bytes_), static_cast<uint32_t>(lengths[i]));
        bytes_ += lengths[i];
      }
      done += n;
    }
  }

 private:
  static constexpr size_t kBatch = 512;
  DeltaBinaryPackedDecoder lengths_;
  const uint8_t* bytes_ = nullptr;
};

}  // namespace cairn::parquet
