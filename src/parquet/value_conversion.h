// Value conversions from Parquet physical representations to Cairn's (LogicalTypes.md):
// time units to microseconds, Impala INT96 timestamps, big-endian two's-complement DECIMAL
// bytes, IEEE half-precision FLOAT16 and UUID bytes to canonical text. Used per value by the
// column reader's conversion loops and by statistics decoding.
//
// Arithmetic on corrupt input wraps (unsigned arithmetic) instead of overflowing: garbage in,
// garbage values out, never undefined behaviour.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <cstring>

#include "cairn/types.h"
#include "parquet/encoding/plain_decoder.h"

namespace cairn::parquet {

/// Julian day number of 1970-01-01.
constexpr int64_t kJulianDayOfUnixEpoch = 2440588;

/// Floor division of nanoseconds to microseconds.
inline int64_t NanosToMicros(int64_t nanos) {
  int64_t q = nanos / 1000;
  if ((nanos % 1000) < 0) q--;
  return q;
}

/// Milliseconds to microseconds (wrapping on overflow).
inline int64_t MillisToMicros(int64_t millis) {
  return static_cast<int64_t>(static_cast<uint64_t>(millis) * 1000u);
}

/// INT96 (nanoseconds of day in the first 8 bytes, Julian day in the last 4) to epoch micros.
inline int64_t Int96ToMicros(const Int96& v) {
  uint64_t nanos = static_cast<uint64_t>(v.words[0]) | (static_cast<uint64_t>(v.words[1]) << 32);
  int64_t day = static_cast<int32_t>(v.words[2]);
  uint64_t micros = static_cast<uint64_t>(day - kJulianDayOfUnixEpoch) * 86400000000ull +
                    static_cast<uint64_t>(NanosToMicros(static_cast<int64_t>(nanos)));
  return static_cast<int64_t>(micros);
}

/// Big-endian two's-complement bytes to a signed integer (low 64/128 bits kept).
template <class T>
inline T BigEndianToInteger(const uint8_t* bytes, size_t size) {
  using U = std::conditional_t<sizeof(T) == 16, unsigned __int128, uint64_t>;
  U v = (size > 0 && (bytes[0] & 0x80)) ? ~U(0) : U(0);
  for (size_t i = 0; i < size; i++) v = (v << 8) | bytes[i];
  return static_cast<T>(v);
}

/// IEEE 754 binary16 (little-endian bytes) to double.
inline double HalfToDouble(const uint8_t* bytes) {
  uint16_t h = static_cast<uint16_t>(bytes[0] | (bytes[1] << 8));
  int sign = h >> 15;
  int exponent = (h >> 10) & 0x1F;
  int mantissa = h & 0x3FF;
  double value;
  if (exponent == 0) {
    value = mantissa * (1.0 / (1 << 24));  // subnormal: m * 2^-24
  } else if (exponent == 31) {
    value = mantissa ? __builtin_nan("") : __builtin_inf();
  } else {
    value = (1.0 + mantissa / 1024.0) * static_cast<double>(uint64_t(1) << exponent) / (1 << 15);
  }
  return sign ? -value : value;
}

/// Writes the 36-character canonical text of a 16-byte UUID to `out`.
inline void UuidToText(const uint8_t* bytes, char* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  int o = 0;
  for (int i = 0; i < 16; i++) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out[o++] = '-';
    out[o++] = kHex[bytes[i] >> 4];
    out[o++] = kHex[bytes[i] & 15];
  }
}

}  // namespace cairn::parquet
