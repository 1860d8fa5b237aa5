// Navigation over JSON text that is already known to be valid (the stored text of a json or
// jsonb value): find a member or an element without building a tree, returning the exact
// source span (so json's `->` returns the sub-value's text verbatim, as PostgreSQL does, and
// jsonb's stays in jsonb's output form). Also the iteration API set-returning functions
// (json_each, json_array_elements, json_object_keys) build on.
//
// All functions are iterative (no recursion: nesting depth does not matter). REQUIRES: the
// text is valid JSON; on invalid text the results are unspecified but memory-safe.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "function/json/json_document.h"

namespace cairn::json {

/// `text` without leading and trailing JSON whitespace (space, tab, newline, carriage return).
std::string_view TrimJsonSpace(std::string_view text);

/// The kind of the value `text` holds (its first non-space character decides).
JsonKind KindOf(std::string_view text);

/// Calls `visit(element)` for each element of the array `text`, in order, until it returns
/// false. Elements are exact source spans without surrounding whitespace.
void ForEachElement(std::string_view text, const std::function<bool(std::string_view element)>& visit);

/// Calls `visit(key, value)` for each member of the object `text`, in written order, until it
/// returns false. `key` is the raw string literal with its quotes (decode it with
/// DecodeString); `value` is the exact source span.
void ForEachMember(std::string_view text, const std::function<bool(std::string_view key, std::string_view value)>& visit);

/// The decoded text of the JSON string literal `literal` (with its quotes): escapes resolved,
/// \uXXXX surrogate pairs combined into UTF-8.
std::string DecodeString(std::string_view literal);

/// The value of member `key` of the object `text` (the last one when the key repeats, as
/// PostgreSQL's json `->`), or nullopt if `text` is not an object or has no such member.
std::optional<std::string_view> FindMember(std::string_view text, std::string_view key);

/// Element `index` of the array `text` (negative: counted from the end), or nullopt.
std::optional<std::string_view> FindElement(std::string_view text, int64_t index);

/// Number of elements of the array `text` (REQUIRES: KindOf(text) == kArray).
int64_t CountElements(std::string_view text);

/// PostgreSQL's `->>` text of a value: a string decoded, null as SQL NULL (nullopt), anything
/// else its text.
std::optional<std::string> ValueAsText(std::string_view value);

}  // namespace cairn::json
