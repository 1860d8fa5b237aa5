// Unicode case mapping of UTF-8 text (utf8proc's simple, one-code-point-to-one mappings, as
// PostgreSQL's upper()/lower()/initcap() produce under a UTF-8 libc locale such as C.UTF-8).
//
// Bytes that are not valid UTF-8 are copied unchanged. ASCII-only text takes a fast path.
// Thread-safety: reentrant.
#pragma once

#include <string>
#include <string_view>

namespace cairn::unicode {

/// Appends `text` with every letter mapped to upper case to `out`.
void AppendUpper(std::string_view text, std::string& out);
/// Appends `text` with every letter mapped to lower case to `out`.
void AppendLower(std::string_view text, std::string& out);
/// PostgreSQL's initcap: a letter after a non-alphanumeric character (or at the start) is
/// upper-cased (title case), every other letter lower-cased.
void AppendInitcap(std::string_view text, std::string& out);

/// True when every byte is ASCII (< 0x80).
bool IsAscii(std::string_view text);

}  // namespace cairn::unicode
