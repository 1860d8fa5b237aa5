// ParseTextArrayLiteral: PostgreSQL's array input syntax for a one-dimensional text[]
// ('{a,b,"c d",NULL}'), for the path and key-list arguments of the json operators (#>, #>>,
// ?|, ?&, #-) while Cairn has no array type: such an argument is an unknown or text literal in
// this syntax. When text[] exists, binding these arguments to it replaces this function.
//
// Rules (PostgreSQL's array_in): the value is enclosed in braces; elements are separated by
// commas; an element is double-quoted (backslash escapes any character) or unquoted (backslash
// escapes too; surrounding whitespace is dropped); an unquoted NULL (any case) is a null
// element; '{}' is empty.
//
// Thread-safety: pure function.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cairn::json {

/// Elements of the text[] literal `text` (nullopt for NULL elements). Throws cairn::Exception
/// 22P02 `malformed array literal: "<text>"` for bad syntax, 0A000 for nested (multidimensional)
/// arrays.
std::vector<std::optional<std::string>> ParseTextArrayLiteral(std::string_view text);

}  // namespace cairn::json
