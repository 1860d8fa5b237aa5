// UTF-8 text validation as PostgreSQL applies it to text entering a UTF8 database (COPY FROM,
// client input): the bytes must be well-formed UTF-8 per RFC 3629 and the Unicode Standard's
// table 3-7 (no overlong forms such as 0xC0 0x80, no surrogates U+D800..U+DFFF such as
// 0xED 0xA0 0x80, nothing above U+10FFFF, no truncated sequence), and must not contain a NUL
// byte (PostgreSQL's text cannot hold U+0000).
//
// FindInvalidText takes an ASCII fast path: eight bytes at a time are checked for a set high bit
// or a zero byte, and only words that have one are decoded byte by byte.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

namespace cairn::utf8 {

/// Byte offset of the first byte of the first invalid sequence (or NUL byte) in
/// [data, data + size); `size` when the whole range is valid text. A sequence cut off by the end
/// of the range is invalid (callers validate whole rows or values, never arbitrary prefixes).
size_t FindInvalidTextSlow(const char* data, size_t size, size_t from);

/// See FindInvalidTextSlow; this inline part skips ASCII eight bytes at a time.
inline size_t FindInvalidText(const char* data, size_t size) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHighBits = 0x8080808080808080ULL;
  size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    uint64_t word;
    std::memcpy(&word, data + i, 8);
    // High bit set in some byte, or (when no high bit is set, exactly) some byte is zero.
    if ((word | ((word - kOnes) & ~word)) & kHighBits) return FindInvalidTextSlow(data, size, i);
  }
  for (; i < size; i++) {
    const auto byte = static_cast<uint8_t>(data[i]);
    if (byte == 0 || byte >= 0x80) return FindInvalidTextSlow(data, size, i);
  }
  return size;
}

/// PostgreSQL's text for the invalid sequence starting at `data` (report_invalid_encoding):
/// the bytes of the sequence the lead byte announces (1 for an impossible lead byte), at most
/// `available` of them, as "0xc3 0x28".
std::string DescribeInvalidSequence(const char* data, size_t available);

}  // namespace cairn::utf8
