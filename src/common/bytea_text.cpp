#include "common/bytea_text.h"

#include "cairn/exception.h"

namespace cairn::bytea {

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsOctal(char c) { return c >= '0' && c <= '7'; }

}  // namespace

std::string ToText(std::string_view bytes) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  out.reserve(2 + 2 * bytes.size());
  out.append("\\x");
  for (unsigned char c : bytes) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

std::string FromText(std::string_view text) {
  std::string out;
  if (text.size() >= 2 && text[0] == '\\' && text[1] == 'x') {
    for (size_t i = 2; i < text.size();) {
      char c = text[i];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        i++;
        continue;
      }
      int high = HexValue(c);
      if (high < 0) {
        throw Exception(sqlstate::kInvalidParameterValue, "invalid hexadecimal digit: \"" + std::string(1, c) + "\"");
      }
      if (i + 1 >= text.size()) {
        throw Exception(sqlstate::kInvalidParameterValue, "invalid hexadecimal data: odd number of digits");
      }
      int low = HexValue(text[i + 1]);
      if (low < 0) {
        throw Exception(sqlstate::kInvalidParameterValue, "invalid hexadecimal digit: \"" + std::string(1, text[i + 1]) + "\"");
      }
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    }
    return out;
  }
  for (size_t i = 0; i < text.size(); i++) {
    if (text[i] != '\\') {
      out.push_back(text[i]);
    } else if (i + 1 < text.size() && text[i + 1] == '\\') {
      out.push_back('\\');
      i++;
    } else if (i + 3 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '3' && IsOctal(text[i + 2]) && IsOctal(text[i + 3])) {
      out.push_back(static_cast<char>((text[i + 1] - '0') * 64 + (text[i + 2] - '0') * 8 + (text[i + 3] - '0')));
      i += 3;
    } else {
      throw Exception(sqlstate::kInvalidTextRepresentation, "invalid input syntax for type bytea: \"" + std::string(text) + "\"");
    }
  }
  return out;
}

}  // namespace cairn::bytea
