// The text forms of BYTEA (Cairn's BLOB) as PostgreSQL 15 reads and writes them (manual 8.4,
// "Binary Data Types"): output in the hex format (bytea_output = hex, the default): "\x" and two
// lower-case hex digits per byte; input in the hex format ("\x" then pairs of hex digits,
// whitespace allowed between pairs) or, for text not starting with "\x", the escape format
// (bytes as is; "\\" is a backslash, "\nnn" three octal digits a byte).
//
// Thread-safety: reentrant functions.
#pragma once

#include <string>
#include <string_view>

namespace cairn::bytea {

/// PostgreSQL's hex output: ByteaToText("AB\x00") == "\\x414200".
std::string ToText(std::string_view bytes);

/// The bytes `text` denotes (PostgreSQL's byteain). Throws cairn::Exception as PostgreSQL:
/// 22023 "invalid hexadecimal digit" / "invalid hexadecimal data: odd number of digits" in the
/// hex format, 22P02 "invalid input syntax for type bytea" for a backslash not followed by a
/// backslash or three octal digits.
std::string FromText(std::string_view text);

}  // namespace cairn::bytea
