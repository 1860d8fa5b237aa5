// Fast non-cryptographic 64-bit hashing for hash tables (aggregation groups, join keys,
// DISTINCT sets).
//
// The mixing follows the public multiply-xorshift finalizers (as in SplitMix64 and the
// wyhash family's "mum" step: 64x64->128 multiply, fold high and low halves). Bytes are read
// eight at a time with memcpy (unaligned-safe, little-endian assumed as on x86-64/ARM64).
// Quality target: good avalanche on the low bits (tables index with `hash & mask`).
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <cstring>

namespace cairn {

/// 64x64 -> 128 multiply, folded to 64 bits by xor of the halves.
inline uint64_t HashMum(uint64_t a, uint64_t b) {
  __uint128_t r = static_cast<__uint128_t>(a) * b;
  return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
}

/// Finalizer with full avalanche (SplitMix64's constants).
inline uint64_t HashInt64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

/// Combines two hashes (order-sensitive).
inline uint64_t HashCombine(uint64_t a, uint64_t b) { return HashMum(a ^ 0xa0761d6478bd642fULL, b ^ 0xe7037ed1a0b428dbULL); }

/// Hash of `size` bytes at `data`.
inline uint64_t HashBytes(const void* data, size_t size, uint64_t seed = 0x8ebc6af09c88c6e3ULL) {
  const auto* p = static_cast<const uint8_t*>(data);
  constexpr uint64_t k1 = 0xa0761d6478bd642fULL, k2 = 0xe7037ed1a0b428dbULL;
  uint64_t h = seed ^ (size * k1);
  while (size >= 16) {
    uint64_t a, b;
    std::memcpy(&a, p, 8);
    std::memcpy(&b, p + 8, 8);
    h = HashMum(a ^ k1 ^ h, b ^ k2);
    p += 16;
    size -= 16;
  }
  uint64_t a = 0, b = 0;
  if (size >= 8) {
    std::memcpy(&a, p, 8);
    if (size > 8) std::memcpy(&b, p + size - 8, 8);  // overlapping tail read
  } else if (size >= 4) {
    uint32_t x, y;
    std::memcpy(&x, p, 4);
    std::memcpy(&y, p + size - 4, 4);
    a = (static_cast<uint64_t>(x) << 32) | y;
  } else if (size > 0) {
    a = (static_cast<uint64_t>(p[0]) << 16) | (static_cast<uint64_t>(p[size >> 1]) << 8) | p[size - 1];
  }
  return HashMum(HashMum(a ^ k1, b ^ h ^ k2) ^ k1, h ^ size);
}

}  // namespace cairn
