// DeltaByteArrayDecoder: Parquet's DELTA_BYTE_ARRAY encoding, a.k.a. incremental or front
// coding (Encodings.md, "Delta Strings (DELTA_BYTE_ARRAY = 7)"): the prefix lengths of all
// values (DELTA_BINARY_PACKED), then the suffixes (DELTA_LENGTH_BYTE_ARRAY). Value i is the
// first prefix_length[i] bytes of value i-1 followed by suffix i.
//
// Values are rebuilt, so they are copied into the caller's StringHeap (short ones inline).
//
// Errors: a prefix longer than the previous value, count mismatches, or data cut off throw
// cairn::Exception(kDataCorrupted).
// Thread-safety: one decoder per thread; the data buffer must outlive it.
#pragma once

#include <cstdint>
#include <string>

#include "cairn/string_type.h"
#include "parquet/encoding/decoding_error.h"
#include "parquet/encoding/delta_binary_packed_decoder.h"
#include "parquet/encoding/delta_length_byte_array_decoder.h"

namespace cairn::parquet {

class DeltaByteArrayDecoder {
 public:
  DeltaByteArrayDecoder() = default;

  /// Parses `size` bytes at `data`; `max_values` bounds the declared value count.
  void Init(const uint8_t* data, size_t size, uint64_t max_values) {
    DeltaBinaryPackedDecoder scan;
    scan.Init(data, size);
    uint64_t count = scan.total_count();
    if (count > max_values) ThrowDecodingError("DELTA_BYTE_ARRAY declares more values than the page");
    int32_t prefixes[kBatch];
    for (uint64_t done = 0; done < count;) {
      size_t n = static_cast<size_t>(std::min<uint64_t>(kBatch, count - done));
      scan.GetBatch(prefixes, n);
      done += n;
    }
    const uint8_t* suffix_start = scan.EndPosition();
    suffixes_.Init(suffix_start, static_cast<size_t>(data + size - suffix_start), max_values);
    if (suffixes_.remaining_values() != count) ThrowDecodingError("DELTA_BYTE_ARRAY prefix and suffix counts differ");
    prefixes_.Init(data, size);
    previous_.clear();
  }

  /// The next `count` values, copied into `heap` when longer than string_t's inline size.
  void GetBatch(string_t* out, size_t count, StringHeap& heap) {
    int32_t prefixes[kBatch];
    string_t suffixes[kBatch];
    for (size_t done = 0; done < count;) {
      size_t n = std::min<size_t>(kBatch, count - done);
      prefixes_.GetBatch(prefixes, n);
      suffixes_.GetBatch(suffixes, n);
      for (size_t i = 0; i < n; i++) {
        if (prefixes[i] < 0 || static_cast<size_t>(prefixes[i]) > previous_.size()) {
          ThrowDecodingError("DELTA_BYTE_ARRAY prefix length " + std::to_string(prefixes[i]) +
                             " exceeds the previous value");
        }
        previous_.resize(static_cast<size_t>(prefixes[i]));
        previous_.append(suffixes[i].data(), suffixes[i].size());
        out[done + i] = previous_.size() <= string_t::kInlineLength
                            ? string_t(previous_.data(), static_cast<uint32_t>(previous_.size()))
                            : heap.AddString(previous_);
      }
      done += n;
    }
  }

 private:
  static constexpr size_t kBatch = 512;
  DeltaBinaryPackedDecoder prefixes_;
  DeltaLengthByteArrayDecoder suffixes_;
  std::string previous_;
};

}  // namespace cairn::parquet
