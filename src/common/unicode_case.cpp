#include "common/unicode_case.h"

#include <utf8proc.h>

#include <cstring>

namespace cairn::unicode {
namespace {

template <class MAP>
void AppendMapped(std::string_view text, std::string& out, MAP map) {
  size_t pos = 0;
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  while (pos < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[pos]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(map(static_cast<utf8proc_int32_t>(c))));
      pos++;
      continue;
    }
    utf8proc_int32_t code_point;
    utf8proc_ssize_t length = utf8proc_iterate(bytes + pos, static_cast<utf8proc_ssize_t>(text.size() - pos), &code_point);
    if (length <= 0) {  // not UTF-8: keep the byte
      out.push_back(text[pos]);
      pos++;
      continue;
    }
    utf8proc_uint8_t encoded[4];
    utf8proc_ssize_t written = utf8proc_encode_char(map(code_point), encoded);
    out.append(reinterpret_cast<const char*>(encoded), static_cast<size_t>(written));
    pos += static_cast<size_t>(length);
  }
}

bool IsAlphanumeric(utf8proc_int32_t code_point) {
  switch (utf8proc_category(code_point)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

// utf8proc upper-cases U+00DF (sharp s) to U+1E9E; PostgreSQL under glibc's UTF-8 locales keeps
// it (the only difference over all code points, checked against PostgreSQL 15 with C.UTF-8).
utf8proc_int32_t ToUpper(utf8proc_int32_t c) { return c == 0xDF ? c : utf8proc_toupper(c); }

}  // namespace

bool IsAscii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

void AppendUpper(std::string_view text, std::string& out) {
  AppendMapped(text, out, [](utf8proc_int32_t c) { return ToUpper(c); });
}

void AppendLower(std::string_view text, std::string& out) {
  AppendMapped(text, out, [](utf8proc_int32_t c) { return utf8proc_tolower(c); });
}

void AppendInitcap(std::string_view text, std::string& out) {
  bool after_alphanumeric = false;
  AppendMapped(text, out, [&](utf8proc_int32_t c) {
    utf8proc_int32_t mapped = after_alphanumeric ? utf8proc_tolower(c) : ToUpper(c);
    after_alphanumeric = IsAlphanumeric(c);
    return mapped;
  });
}

}  // namespace cairn::unicode
