// The json and jsonb operators of PostgreSQL 15 (functions-json.html, tables 9.45 and 9.46):
//   -> (text key or integer index, negative from the end), ->>, #> and #>> (path), for json and
//   jsonb; jsonb's = <> < <= > >= (jsonb_order.h), @>, <@, ? ?| ?& (key exists), || and -.
// json's `->` returns the member's exact source text; jsonb's returns normalized text (a span
// of the stored normalized text is itself normalized). json has no comparison operators (as
// PostgreSQL: 42883). Path and key-list arguments are text[] (an untyped literal '{a,1}' is one).
#include "cairn/exception.h"
#include "function/function_registry.h"
#include "function/json/json_document.h"
#include "function/json/json_kernel.h"
#include "function/json/json_navigation.h"
#include "function/json/jsonb_order.h"
#include "common/array_encoding.h"

namespace cairn::function {
namespace {

using json::ArgumentReader;
using json::JsonKind;
using Readers = std::vector<ArgumentReader>;

const LogicalType kText = TypeId::VARCHAR;
const LogicalType kBigInt = TypeId::BIGINT;
const LogicalType kBool = TypeId::BOOLEAN;
const LogicalType kJsonb = TypeId::JSONB;
const LogicalType kTextArray = LogicalType::Array(TypeId::VARCHAR);

/// The elements of a text[] argument (nullopt for NULL elements).
std::vector<std::optional<std::string>> TextArray(std::string_view bytes) {
  std::vector<std::optional<std::string>> elements;
  array::ArrayReader reader(bytes, LogicalType(TypeId::VARCHAR));
  while (reader.Next()) elements.push_back(reader.IsNull() ? std::nullopt : std::optional<std::string>(reader.GetString()));
  return elements;
}

/// Follows a text[] path: object members by key, array elements by integer text (negative from
/// the end); a path element that is not an integer finds nothing in an array.
std::optional<std::string_view> FollowPath(std::string_view text, const std::vector<std::optional<std::string>>& path) {
  std::optional<std::string_view> current = json::TrimJsonSpace(text);
  for (const auto& step : path) {
    if (!step) return std::nullopt;
    JsonKind kind = json::KindOf(*current);
    if (kind == JsonKind::kObject) {
      current = json::FindMember(*current, *step);
    } else if (kind == JsonKind::kArray) {
      const std::string& s = *step;
      size_t i = s.size() > 0 && s[0] == '-' ? 1 : 0;
      if (i == s.size() || s.size() > 18) return std::nullopt;
      int64_t index = 0;
      for (; i < s.size(); i++) {
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
        index = index * 10 + (s[i] - '0');
      }
      current = json::FindElement(*current, s[0] == '-' ? -index : index);
    } else {
      return std::nullopt;
    }
    if (!current) return std::nullopt;
  }
  return current;
}

/// `->` / `->>` with an integer: element `index` of an array. A jsonb scalar is PostgreSQL's
/// one-element "raw scalar" array there: element 0 (or -1) is the scalar itself.
std::optional<std::string_view> ElementOf(std::string_view text, int64_t index, bool jsonb) {
  JsonKind kind = json::KindOf(text);
  if (jsonb && kind != JsonKind::kArray && kind != JsonKind::kObject) {
    if (index == 0 || index == -1) return json::TrimJsonSpace(text);
    return std::nullopt;
  }
  return json::FindElement(text, index);
}

void AddAccessOperators(FunctionRegistry& registry, const LogicalType& type) {
  // -> key / index
  registry.Add(ScalarFunction{"->", {type, kText}, TypeId::INVALID, type,
                              json::RowKernel(true, [](const Readers& in, idx_t row, Vector& result) {
                                auto found = json::FindMember(in[0].String(row), in[1].String(row));
                                found ? json::SetString(result, row, *found) : json::SetNull(result, row);
                              })});
  const bool jsonb = type.id() == TypeId::JSONB;
  registry.Add(ScalarFunction{"->", {type, kBigInt}, TypeId::INVALID, type,
                              json::RowKernel(true, [jsonb](const Readers& in, idx_t row, Vector& result) {
                                auto found = ElementOf(in[0].String(row), in[1].GetValue(row).GetInt64(), jsonb);
                                found ? json::SetString(result, row, *found) : json::SetNull(result, row);
                              })});
  registry.Add(ScalarFunction{"->>", {type, kText}, TypeId::INVALID, kText,
                              json::RowKernel(true, [](const Readers& in, idx_t row, Vector& result) {
                                auto found = json::FindMember(in[0].String(row), in[1].String(row));
                                auto text = found ? json::ValueAsText(*found) : std::nullopt;
                                text ? json::SetString(result, row, *text) : json::SetNull(result, row);
                              })});
  registry.Add(ScalarFunction{"->>", {type, kBigInt}, TypeId::INVALID, kText,
                              json::RowKernel(true, [jsonb](const Readers& in, idx_t row, Vector& result) {
                                auto found = ElementOf(in[0].String(row), in[1].GetValue(row).GetInt64(), jsonb);
                                auto text = found ? json::ValueAsText(*found) : std::nullopt;
                                text ? json::SetString(result, row, *text) : json::SetNull(result, row);
                              })});
  registry.Add(ScalarFunction{"#>", {type, kTextArray}, TypeId::INVALID, type,
                              json::RowKernel(true, [](const Readers& in, idx_t row, Vector& result) {
                                auto found = FollowPath(in[0].String(row), TextArray(in[1].String(row)));
                                found ? json::SetString(result, row, *found) : json::SetNull(result, row);
                              })});
  registry.Add(ScalarFunction{"#>>", {type, kTextArray}, TypeId::INVALID, kText,
                              json::RowKernel(true, [](const Readers& in, idx_t row, Vector& result) {
                                auto found = FollowPath(in[0].String(row), TextArray(in[1].String(row)));
                                auto text = found ? json::ValueAsText(*found) : std::nullopt;
                                text ? json::SetString(result, row, *text) : json::SetNull(result, row);
                              })});
  // json_extract_path(from_json, VARIADIC path_elems text[]) and its _text form.
  const std::string prefix = type.id() == TypeId::JSON ? "json" : "jsonb";
  auto variadic_path = [](const Readers& in, idx_t row) {
    std::vector<std::optional<std::string>> path;
    for (size_t i = 1; i < in.size(); i++) {
      if (in[i].IsNull(row)) {
        path.push_back(std::nullopt);
      } else {
        path.push_back(std::string(in[i].String(row)));
      }
    }
    return FollowPath(in[0].String(row), path);
  };
  registry.Add(ScalarFunction{prefix + "_extract_path", {type}, kText, type,
                              json::RowKernel(false, [variadic_path](const Readers& in, idx_t row, Vector& result) {
                                auto found = in[0].IsNull(row) ? std::nullopt : variadic_path(in, row);
                                found ? json::SetString(result, row, *found) : json::SetNull(result, row);
                              })});
  registry.Add(ScalarFunction{prefix + "_extract_path_text", {type}, kText, kText,
                              json::RowKernel(false, [variadic_path](const Readers& in, idx_t row, Vector& result) {
                                auto found = in[0].IsNull(row) ? std::nullopt : variadic_path(in, row);
                                auto text = found ? json::ValueAsText(*found) : std::nullopt;
                                text ? json::SetString(result, row, *text) : json::SetNull(result, row);
                              })});
}

json::JsonNode Jsonb(const ArgumentReader& reader, idx_t row) { return json::ParseJson(reader.String(row), true); }

enum class Cmp { kEq, kNe, kLt, kLe, kGt, kGe };

template <Cmp C>
void AddJsonbComparison(FunctionRegistry& registry, const char* name) {
  registry.Add(ScalarFunction{name, {kJsonb, kJsonb}, TypeId::INVALID, kBool,
                              json::RowKernel(true, [](const Readers& in, idx_t row, Vector& result) {
                                std::string a = json::JsonbSortKey(Jsonb(in[0], row));
                                std::string b = json::JsonbSortKey(Jsonb(in[1], row));
                                int c = a.compare(b);
                                bool value = C == Cmp::kEq ? c == 0 : C == Cmp::kNe ? c != 0 : C == Cmp::kLt ? c < 0
                                           : C == Cmp::kLe ? c <= 0 : C == Cmp::kGt ? c > 0 : c >= 0;
                                json::SetBool(result, row, value);
                              })});
}

/// jsonb `?`: `key` is a top-level key, or a string element of a top-level array.
bool KeyExists(std::string_view text, std::string_view key) {
  JsonKind kind = json::KindOf(text);
  if (kind == JsonKind::kObject) return json::FindMember(text, key).has_value();
  bool found = false;
  if (kind == JsonKind::kArray) {
    json::ForEachElement(text, [&](std::string_view element) {
      found = json::KindOf(element) == JsonKind::kString && json::DecodeString(element) == key;
      return !found;
    });
  } else if (kind == JsonKind::kString) {
    found = json::DecodeString(json::TrimJsonSpace(text)) == key;
  }
  return found;
}

/// jsonb `||` (PostgreSQL's IteratorConcat): two objects merge (the right side's keys win);
/// otherwise both sides become arrays (a non-array as a one-element array) and concatenate.
json::JsonNode Concatenate(json::JsonNode a, json::JsonNode b) {
  if (a.kind == JsonKind::kObject && b.kind == JsonKind::kObject) {
    for (size_t i = 0; i < b.keys.size(); i++) {
      a.keys.push_back(std::move(b.keys[i]));
      a.children.push_back(std::move(b.children[i]));
    }
    json::NormalizeObjectMembers(a);
    return a;
  }
  json::JsonNode out;
  out.kind = JsonKind::kArray;
  for (json::JsonNode* side : {&a, &b}) {
    if (side->kind == JsonKind::kArray) {
      for (auto& child : side->children) out.children.push_back(std::move(child));
    } else {
      out.children.push_back(std::move(*side));
    }
  }
  return out;
}

void AddJsonbOperators(FunctionRegistry& registry) {
  // ORDER BY a jsonb value sorts by this key (the binder adds the call).
  registry.Add(ScalarFunction{"__jsonb_sort_key", {kJsonb}, TypeId::INVALID, TypeId::BLOB,
                              json::RowKernel(true, [](const Readers& in, idx_t row, Vector& result) {
                                json::SetString(result, row, json::JsonbSortKey(Jsonb(in[0], row)));
                              })});
  AddJsonbComparison<Cmp::kEq>(registry, "=");
  AddJsonbComparison<Cmp::kNe>(registry, "<>");
  AddJsonbComparison<Cmp::kNe>(registry, "!=");
  AddJsonbComparison<Cmp::kLt>(registry, "<");
  AddJsonbComparison<Cmp::kLe>(registry, "<=");
  AddJsonbComparison<Cmp::kGt>(registry, ">");
  AddJsonbComparison<Cmp::kGe>(registry, ">=");
  registry.Add(ScalarFunction{"@>", {kJsonb, kJsonb}, TypeId::INVALID, kBool,
                              json::RowKernel(true, [](const Readers& in, idx_t row, Vector& result) {
                                json::SetBool(result, row, json::JsonbContains(Jsonb(in[0], row), Jsonb(in[1], row)));
                              })});
  registry.Add(ScalarFunction{"<@", {kJsonb, kJsonb}, TypeId::INVALID, kBool,
                              json::RowKernel(true, [](const Readers& in, idx_t row, Vector& result) {
                                json::SetBool(result, row, json::JsonbContains(Jsonb(in[1], row), Jsonb(in[0], row)));
                              })});
  registry.Add(ScalarFunction{"?", {kJsonb, kText}, TypeId::INVALID, kBool,
                              json::RowKernel(true, [](const Readers& in, idx_t row, Vector& result) {
                                json::SetBool(result, row, KeyExists(in[0].String(row), in[1].String(row)));
                              })});
  for (bool any : {true, false}) {
    registry.Add(ScalarFunction{any ? "?|" : "?&", {kJsonb, kTextArray}, TypeId::INVALID, kBool,
                                json::RowKernel(true, [any](const Readers& in, idx_t row, Vector& result) {
                                  bool value = !any;
                                  for (const auto& key : TextArray(in[1].String(row))) {
                                    if (!key) continue;  // PostgreSQL skips NULL keys
                                    bool exists = KeyExists(in[0].String(row), *key);
                                    if (any && exists) value = true;
                                    if (!any && !exists) value = false;
                                  }
                                  json::SetBool(result, row, value);
                                })});
  }
  registry.Add(ScalarFunction{"||", {kJsonb, kJsonb}, TypeId::INVALID, kJsonb,
                              json::RowKernel(true, [](const Readers& in, idx_t row, Vector& result) {
                                json::SetString(result, row, json::WriteJsonb(Concatenate(Jsonb(in[0], row), Jsonb(in[1], row))));
                              })});
  registry.Add(ScalarFunction{"-", {kJsonb, kText}, TypeId::INVALID, kJsonb,
                              json::RowKernel(true, [](const Readers& in, idx_t row, Vector& result) {
                                json::JsonNode node = Jsonb(in[0], row);
                                std::string_view key = in[1].String(row);
                                if (node.IsScalar()) throw Exception(sqlstate::kInvalidParameterValue, "cannot delete from scalar");
                                json::JsonNode out;
                                out.kind = node.kind;
                                for (size_t i = 0; i < node.children.size(); i++) {
                                  bool drop = node.kind == JsonKind::kObject
                                                  ? node.keys[i] == key
                                                  : node.children[i].kind == JsonKind::kString && node.children[i].text == key;
                                  if (drop) continue;
                                  if (node.kind == JsonKind::kObject) out.keys.push_back(std::move(node.keys[i]));
                                  out.children.push_back(std::move(node.children[i]));
                                }
                                json::SetString(result, row, json::WriteJsonb(out));
                              })});
  registry.Add(ScalarFunction{"-", {kJsonb, kBigInt}, TypeId::INVALID, kJsonb,
                              json::RowKernel(true, [](const Readers& in, idx_t row, Vector& result) {
                                json::JsonNode node = Jsonb(in[0], row);
                                if (node.IsScalar()) throw Exception(sqlstate::kInvalidParameterValue, "cannot delete from scalar");
                                if (node.kind == JsonKind::kObject) {
                                  throw Exception(sqlstate::kInvalidParameterValue, "cannot delete from object using integer index");
                                }
                                int64_t index = in[1].GetValue(row).GetInt64();
                                int64_t count = static_cast<int64_t>(node.children.size());
                                if (index < 0) index += count;
                                if (index >= 0 && index < count) node.children.erase(node.children.begin() + index);
                                json::SetString(result, row, json::WriteJsonb(node));
                              })});
}

}  // namespace

void RegisterJsonOperators(FunctionRegistry& registry) {
  AddAccessOperators(registry, TypeId::JSON);
  AddAccessOperators(registry, TypeId::JSONB);
  AddJsonbOperators(registry);
}

}  // namespace cairn::function
