// ASCII case folding and whitespace trimming, as SQL uses them for identifiers, keywords,
// option names and the text forms of values (PostgreSQL folds unquoted identifiers with ASCII
// rules; bytes >= 0x80 are left as they are).
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace cairn {

/// `text` with A-Z mapped to a-z.
inline std::string Lower(std::string_view text) {
  std::string result(text);
  for (char& c : result) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return result;
}

/// True for the C locale's white space: space, \t, \n, \v, \f, \r.
inline bool IsAsciiSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

/// `text` without leading and trailing white space.
inline std::string_view TrimAsciiSpace(std::string_view text) {
  while (!text.empty() && IsAsciiSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsAsciiSpace(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace cairn
