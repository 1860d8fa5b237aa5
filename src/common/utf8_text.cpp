#include "common/utf8_text.h"

#include <fmt/format.h>

#include <algorithm>

namespace cairn::utf8 {
namespace {

/// Length of the well-formed sequence at data[i] (Unicode table 3-7), or 0 if it is not one.
size_t WellFormedLength(const uint8_t* s, size_t i, size_t size) {
  const uint8_t lead = s[i];
  const size_t left = size - i;
  auto continuation = [&](size_t k, uint8_t low = 0x80, uint8_t high = 0xBF) {
    return k < left && s[i + k] >= low && s[i + k] <= high;
  };
  if (lead >= 0x01 && lead <= 0x7F) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return continuation(1) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    const uint8_t low = lead == 0xE0 ? 0xA0 : 0x80;   // E0: no overlong forms
    const uint8_t high = lead == 0xED ? 0x9F : 0xBF;  // ED: no surrogates
    return continuation(1, low, high) && continuation(2) ? 3 : 0;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    const uint8_t low = lead == 0xF0 ? 0x90 : 0x80;   // F0: no overlong forms
    const uint8_t high = lead == 0xF4 ? 0x8F : 0xBF;  // F4: nothing above U+10FFFF
    return continuation(1, low, high) && continuation(2) && continuation(3) ? 4 : 0;
  }
  return 0;  // NUL, a continuation byte, C0/C1 (overlong), F5..FF
}

}  // namespace

size_t FindInvalidTextSlow(const char* data, size_t size, size_t from) {
  const auto* s = reinterpret_cast<const uint8_t*>(data);
  size_t i = from;
  while (i < size) {
    if (s[i] >= 0x01 && s[i] <= 0x7F) {
      i++;
      continue;
    }
    size_t length = WellFormedLength(s, i, size);
    if (length == 0) return i;
    i += length;
  }
  return size;
}

std::string DescribeInvalidSequence(const char* data, size_t available) {
  const auto lead = static_cast<uint8_t>(data[0]);
  size_t length = 1;  // PostgreSQL's pg_utf_mblen
  if ((lead & 0xE0) == 0xC0) {
    length = 2;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
  }
  length = std::max<size_t>(1, std::min(length, available));
  std::string out;
  for (size_t k = 0; k < length; k++) {
    if (k) out += ' ';
    out += fmt::format("0x{:02x}", static_cast<uint8_t>(data[k]));
  }
  return out;
}

}  // namespace cairn::utf8
