// BitUnpacker: bulk extraction of fixed-width integers packed LSB-first, the bit order of
// Parquet's bit-packed runs (Encodings.md, "Run Length Encoding / Bit-Packing Hybrid": values
// are packed from the least significant bit of each byte to the most significant bit) and of
// DELTA_BINARY_PACKED miniblocks.
//
// Performance: the bit width is a template parameter (dispatched once per call through a
// table), values are extracted 8 at a time (8 values of width W span exactly W bytes) with
// one unaligned 64-bit load each and constant shifts, so the compiler fully unrolls the group.
// Only the last few values near the end of the buffer take a byte-wise path.
//
// Safety: never reads at or past `in + in_bytes`; the caller guarantees the buffer holds the
// requested bits (REQUIRES below), the functions do not check it again.
//
// Thread-safety: stateless, reentrant.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <utility>

namespace cairn::parquet {

namespace bit_unpacker_detail {

template <class T, int W>
inline T ExtractSlow(const uint8_t* in, size_t bit) {
  uint64_t v = 0;
  int done = 0;
  while (done < W) {
    size_t pos = bit + done;
    int offset = static_cast<int>(pos & 7);
    int take = 8 - offset < W - done ? 8 - offset : W - done;
    uint64_t bits = (static_cast<uint64_t>(in[pos >> 3]) >> offset) & ((uint64_t(1) << take) - 1);
    v |= bits << done;
    done += take;
  }
  return static_cast<T>(v);
}

template <class T, int W>
inline T ExtractFast(const uint8_t* in, size_t bit) {
  constexpr uint64_t kMask = W >= 64 ? ~uint64_t(0) : ((uint64_t(1) << W) - 1);
  uint64_t word;
  std::memcpy(&word, in + (bit >> 3), 8);
  return static_cast<T>((word >> (bit & 7)) & kMask);
}

template <class T, int W>
void UnpackWidth(const uint8_t* in, size_t in_bytes, size_t start, T* out, size_t count) {
  if constexpr (W == 0) {
    for (size_t i = 0; i < count; i++) out[i] = 0;
  } else if constexpr (W > 56) {
    for (size_t i = 0; i < count; i++) out[i] = ExtractSlow<T, W>(in, (start + i) * W);
  } else {
    // Value index v may use the 8-byte fast load iff (v*W)/8 + 8 <= in_bytes.
    size_t fast_end = in_bytes >= 8 ? ((in_bytes - 8) * 8) / W + 1 : 0;  // exclusive, in value indexes
    size_t i = 0;
    // Lead-in up to a multiple of 8 values.
    while (i < count && ((start + i) & 7) != 0) {
      size_t v = start + i;
      out[i] = v < fast_end ? ExtractFast<T, W>(in, v * W) : ExtractSlow<T, W>(in, v * W);
      i++;
    }
    // Whole groups of 8 values (W bytes each) entirely within the fast region.
    while (i + 8 <= count && start + i + 8 <= fast_end) {
      const uint8_t* group = in + ((start + i) / 8) * W;
#pragma GCC unroll 8
      for (int j = 0; j < 8; j++) out[i + j] = ExtractFast<T, W>(group, static_cast<size_t>(j) * W);
      i += 8;
    }
    for (; i < count; i++) {
      size_t v = start + i;
      out[i] = v < fast_end ? ExtractFast<T, W>(in, v * W) : ExtractSlow<T, W>(in, v * W);
    }
  }
}

template <class T>
using UnpackFunction = void (*)(const uint8_t*, size_t, size_t, T*, size_t);

template <class T, size_t... Ws>
constexpr std::array<UnpackFunction<T>, sizeof...(Ws)> MakeTable(std::index_sequence<Ws...>) {
  return {&UnpackWidth<T, static_cast<int>(Ws)>...};
}

}  // namespace bit_unpacker_detail

/// Unpacks values `start .. start+count-1` of width `bit_width` bits packed LSB-first at `in`
/// into `out`. REQUIRES: bit_width <= 8 * sizeof(T) (and <= 64); the buffer `in[0, in_bytes)`
/// holds at least ceil((start + count) * bit_width / 8) bytes.
template <class T>
inline void UnpackBits(const uint8_t* in, size_t in_bytes, uint32_t bit_width, size_t start, T* out, size_t count) {
  static constexpr auto kTable =
      bit_unpacker_detail::MakeTable<T>(std::make_index_sequence<sizeof(T) * 8 + 1>());
  kTable[bit_width](in, in_bytes, start, out, count);
}

/// Bytes needed to hold `count` values of `bit_width` bits.
constexpr size_t BitPackedBytes(size_t count, uint32_t bit_width) { return (count * bit_width + 7) / 8; }

}  // namespace cairn::parquet
