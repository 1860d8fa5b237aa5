// JsonNode: a parsed JSON value (RFC 8259) as a tree, and the parser and writers the json and
// jsonb types use.
//
// Parsing uses nlohmann::json's SAX interface (non-recursive) and is bounded: nesting deeper
// than kMaxJsonDepth fails with 54001 as PostgreSQL's stack check does (PostgreSQL 15 accepts
// depth 10000 and fails before 20000 with its default max_stack_depth). Functions that walk a
// tree recursively call CheckStackDepth() at every level.
//
// jsonb normalization (PostgreSQL's jsonb_in): object keys ordered by length, then bytes;
// duplicate keys keep the last value; numbers as numeric text (json_number.h); strings decoded
// (escapes resolved), \u0000 rejected with 22P05.
//
// Thread-safety: pure functions over values owned by the caller.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cairn::json {

/// Deepest nesting of arrays and objects accepted by json and jsonb input.
inline constexpr int kMaxJsonDepth = 10000;

enum class JsonKind : uint8_t { kNull, kFalse, kTrue, kNumber, kString, kArray, kObject };

struct JsonNode {
  JsonKind kind = JsonKind::kNull;
  /// kString: the decoded UTF-8 text; kNumber: the number's text (numeric text for jsonb).
  std::string text;
  /// kObject: member keys, decoded, parallel to `children`.
  std::vector<std::string> keys;
  /// kArray: elements; kObject: member values.
  std::vector<JsonNode> children;

  bool IsScalar() const { return kind != JsonKind::kArray && kind != JsonKind::kObject; }
};

/// Checks that `text` is one JSON value (surrounding whitespace allowed). Throws
/// cairn::Exception 22P02 "invalid input syntax for type json" naming the problem and its
/// character position, 54001 beyond kMaxJsonDepth.
void ValidateJson(std::string_view text);

/// Parses `text` into a tree. With `jsonb`, normalizes it as jsonb_in does (see above); 22003
/// for numbers beyond numeric's range, 22P05 for \u0000. Errors as ValidateJson.
JsonNode ParseJson(std::string_view text, bool jsonb);

/// Orders and deduplicates the members of one object node (not its children) as jsonb does.
void NormalizeObjectMembers(JsonNode& object);

/// Appends `text` as a JSON string literal, escaped as PostgreSQL's escape_json does (\" \\ \b
/// \f \n \r \t, other control characters as \u00XX, everything else verbatim).
void AppendQuotedString(std::string_view text, std::string& out);

/// jsonb's output text of `node`: `{"a": 1, "b": [1, 2]}` (", " and ": " separators).
std::string WriteJsonb(const JsonNode& node);
void AppendJsonb(const JsonNode& node, std::string& out);

/// jsonb_pretty's text: four-space indentation, one member or element per line.
std::string WriteJsonbPretty(const JsonNode& node);

}  // namespace cairn::json
