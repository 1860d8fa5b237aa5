// PostgreSQL text[] literal parsing (see text_array_literal.h).
#include "function/json/text_array_literal.h"

#include <cctype>

#include "cairn/exception.h"

namespace cairn::json {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

[[noreturn]] void Malformed(std::string_view text) {
  throw Exception(sqlstate::kInvalidTextRepresentation, "malformed array literal: \"" + std::string(text) + "\"");
}

}  // namespace

std::vector<std::optional<std::string>> ParseTextArrayLiteral(std::string_view text) {
  std::vector<std::optional<std::string>> elements;
  size_t pos = 0;
  while (pos < text.size() && IsSpace(text[pos])) pos++;
  if (pos >= text.size() || text[pos] != '{') Malformed(text);
  pos++;
  while (pos < text.size() && IsSpace(text[pos])) pos++;
  if (pos < text.size() && text[pos] == '}') {
    pos++;
  } else {
    while (true) {
      while (pos < text.size() && IsSpace(text[pos])) pos++;
      if (pos >= text.size()) Malformed(text);
      if (text[pos] == '{') {
        throw Exception(sqlstate::kFeatureNotSupported, "multidimensional arrays are not supported here: \"" + std::string(text) + "\"");
      }
      std::string element;
      bool quoted = false;
      bool any_escape = false;
      if (text[pos] == '"') {
        quoted = true;
        pos++;
        while (true) {
          if (pos >= text.size()) Malformed(text);
          char c = text[pos++];
          if (c == '"') break;
          if (c == '\\') {
            if (pos >= text.size()) Malformed(text);
            c = text[pos++];
          }
          element.push_back(c);
        }
        while (pos < text.size() && IsSpace(text[pos])) pos++;
      } else {
        size_t trailing_space_from = std::string::npos;
        while (pos < text.size() && text[pos] != ',' && text[pos] != '}') {
          char c = text[pos++];
          if (c == '"' || c == '{') Malformed(text);
          if (c == '\\') {
            if (pos >= text.size()) Malformed(text);
            c = text[pos++];
            any_escape = true;
            element.push_back(c);
            trailing_space_from = std::string::npos;
            continue;
          }
          if (IsSpace(c)) {
            if (trailing_space_from == std::string::npos) trailing_space_from = element.size();
          } else {
            trailing_space_from = std::string::npos;
          }
          element.push_back(c);
        }
        if (trailing_space_from != std::string::npos) element.resize(trailing_space_from);
        if (element.empty() && !any_escape) Malformed(text);
      }
      if (pos >= text.size()) Malformed(text);
      bool is_null = !quoted && !any_escape && element.size() == 4 &&
                     std::tolower(static_cast<unsigned char>(element[0])) == 'n' &&
                     std::tolower(static_cast<unsigned char>(element[1])) == 'u' &&
                     std::tolower(static_cast<unsigned char>(element[2])) == 'l' &&
                     std::tolower(static_cast<unsigned char>(element[3])) == 'l';
      if (is_null) {
        elements.push_back(std::nullopt);
      } else {
        elements.push_back(std::move(element));
      }
      char delimiter = text[pos++];
      if (delimiter == '}') break;
    }
  }
  while (pos < text.size() && IsSpace(text[pos])) pos++;
  if (pos != text.size()) Malformed(text);
  return elements;
}

}  // namespace cairn::json
