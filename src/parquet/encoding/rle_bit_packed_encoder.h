// RleBitPackedEncoder: the RLE / bit-packing hybrid encoding of Parquet (Encodings.md, "Run
// Length Encoding / Bit-Packing Hybrid (RLE = 3)"), the counterpart of RleBitPackedDecoder.
// Used for definition levels and dictionary indices.
//
//   bit-packed-run := varint(number_of_groups_of_8 << 1 | 1) then groups*bit_width bytes, LSB first
//   rle-run        := varint(run_length << 1) then the value in ceil(bit_width / 8) bytes, LE
//
// Runs of 8 or more equal values become RLE runs; everything else is bit-packed in groups of
// 8. A final bit-packed group is padded with zeros (readers stop at the value count they know).
// Only the runs are written: callers add the length prefix where the page format needs one
// (data page v1 levels), or the bit-width byte (dictionary indices).
//
// Errors: none; REQUIRES bit_width <= 32 and every value < 2^bit_width.
// Thread-safety: stateless (a pure function).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace cairn::parquet {

class RleBitPackedEncoder {
 public:
  /// Appends the encoding of `count` values of `bit_width` bits at `values` to `out`.
  template <class T>
  static void Encode(const T* values, size_t count, uint32_t bit_width, std::vector<uint8_t>& out) {
    size_t literal_start = 0;  // values [literal_start, i) wait to be bit-packed
    size_t i = 0;
    while (i < count) {
      size_t run_end = i + 1;
      while (run_end < count && values[run_end] == values[i]) run_end++;
      size_t run = run_end - i;
      // Literals go out in whole groups of 8: the run first tops up the pending literals.
      size_t pending = i - literal_start;
      size_t top_up = (8 - pending % 8) % 8;
      if (run >= top_up + 8) {
        size_t rle_start = i + top_up;
        if (rle_start > literal_start) WriteBitPacked(values + literal_start, rle_start - literal_start, bit_width, out);
        WriteRle(values[i], run_end - rle_start, bit_width, out);
        literal_start = run_end;
      }
      i = run_end;
    }
    if (count > literal_start) WriteBitPacked(values + literal_start, count - literal_start, bit_width, out);
  }

 private:
  static void WriteVarint(uint64_t value, std::vector<uint8_t>& out) {
    while (value >= 0x80) {
      out.push_back(static_cast<uint8_t>(value) | 0x80);
      value >>= 7;
    }
    out.push_back(static_cast<uint8_t>(value));
  }

  template <class T>
  static void WriteRle(T value, size_t run, uint32_t bit_width, std::vector<uint8_t>& out) {
    WriteVarint(static_cast<uint64_t>(run) << 1, out);
    auto v = static_cast<uint32_t>(value);
    for (uint32_t b = 0; b < (bit_width + 7) / 8; b++) out.push_back(static_cast<uint8_t>(v >> (8 * b)));
  }

  /// Bit-packs `count` values (padded with zeros to a multiple of 8).
  template <class T>
  static void WriteBitPacked(const T* values, size_t count, uint32_t bit_width, std::vector<uint8_t>& out) {
    size_t groups = (count + 7) / 8;
    WriteVarint((static_cast<uint64_t>(groups) << 1) | 1, out);
    size_t start = out.size();
    out.resize(start + groups * bit_width, 0);
    uint8_t* bytes = out.data() + start;
    size_t bit = 0;
    for (size_t k = 0; k < count; k++) {
      auto v = static_cast<uint64_t>(values[k]);
      for (uint32_t b = 0; b < bit_width; b++, bit++) {
        if ((v >> b) & 1) bytes[bit / 8] |= static_cast<uint8_t>(1u << (bit % 8));
      }
    }
  }
};

}  // namespace cairn::parquet
