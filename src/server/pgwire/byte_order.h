// Network byte order (big-endian) integers as the PostgreSQL protocol carries them: every length,
// count and binary-format number on the wire (PostgreSQL 15 documentation, 55.7 "Message
// Formats": Int16, Int32; binary formats of int8, float8, timestamp are 8 bytes, big-endian).
//
// Thread-safety: stateless inline functions.
#pragma once

#include <cstdint>
#include <string>

namespace cairn::pgwire {

inline void AppendBigEndian16(std::string& out, uint16_t value) {
  out.push_back(static_cast<char>(value >> 8));
  out.push_back(static_cast<char>(value));
}

inline void AppendBigEndian32(std::string& out, uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>(value >> shift));
}

inline void AppendBigEndian64(std::string& out, uint64_t value) {
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>(value >> shift));
}

/// Reads `Bytes` big-endian bytes at `bytes`. REQUIRES: that many bytes are readable.
inline uint16_t ReadBigEndian16(const char* bytes) {
  return static_cast<uint16_t>((static_cast<unsigned char>(bytes[0]) << 8) | static_cast<unsigned char>(bytes[1]));
}

inline uint32_t ReadBigEndian32(const char* bytes) {
  uint32_t value = 0;
  for (int i = 0; i < 4; i++) value = (value << 8) | static_cast<unsigned char>(bytes[i]);
  return value;
}

inline uint64_t ReadBigEndian64(const char* bytes) {
  uint64_t value = 0;
  for (int i = 0; i < 8; i++) value = (value << 8) | static_cast<unsigned char>(bytes[i]);
  return value;
}

}  // namespace cairn::pgwire
