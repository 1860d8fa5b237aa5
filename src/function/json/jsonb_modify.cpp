// Changing a jsonb value along a text[] path (PostgreSQL 15, functions-json.html table 9.46 and
// 9.47; jsonfuncs.c setPath/deletePath):
//   jsonb_set(target, path, new_value [, create_missing = true])
//   jsonb_insert(target, path, new_value [, insert_after = false])
//   target #- path          delete the element or member the path names
//   target - keys (text[])  delete every top-level key listed
// A path walks objects by key and arrays by integer index (negative counts from the end); an
// intermediate step that does not exist (or reaches a scalar) leaves the value unchanged. The
// last step replaces, inserts or deletes: a missing object key is added (jsonb_set with
// create_missing, jsonb_insert); an array index past either end prepends or appends.
// Errors as PostgreSQL: 22023 on a scalar target, 22004 for a NULL path element, 22P02 for a
// path element that is not an integer where an array is indexed.
#include <charconv>

#include "cairn/exception.h"
#include "common/array_encoding.h"
#include "function/function_registry.h"
#include "function/json/json_document.h"
#include "function/json/json_kernel.h"

namespace cairn::function {
namespace {

using json::JsonKind;
using json::JsonNode;
using Readers = std::vector<json::ArgumentReader>;

const LogicalType kJsonb = TypeId::JSONB;
const LogicalType kTextArray = LogicalType::Array(TypeId::VARCHAR);
const LogicalType kBool = TypeId::BOOLEAN;

std::vector<std::string> Path(std::string_view bytes) {
  std::vector<std::string> path;
  array::ArrayReader reader(bytes, LogicalType(TypeId::VARCHAR));
  while (reader.Next()) {
    if (reader.IsNull()) {
      throw Exception("22004", "path element at position " + std::to_string(path.size() + 1) + " is null");
    }
    path.push_back(reader.GetString());
  }
  return path;
}

// The array index a path element names, as PostgreSQL reads it (22P02 when not an integer).
int64_t Index(const std::string& element, size_t position) {
  int64_t index = 0;
  const char* begin = element.data();
  const char* end = begin + element.size();
  auto [at, error] = std::from_chars(begin, end, index);
  if (element.empty() || error != std::errc() || at != end) {
    throw Exception(sqlstate::kInvalidTextRepresentation, "path element at position " + std::to_string(position + 1) +
                                                               " is not an integer: \"" + element + "\"");
  }
  return index;
}

enum class Change { kSet, kInsertBefore, kInsertAfter, kDelete };

// Applies `change` at path[depth..] inside `node`. `create` adds a missing object key (set).
void Modify(JsonNode& node, const std::vector<std::string>& path, size_t depth, Change change, bool create,
            const JsonNode* value) {
  const bool last = depth + 1 == path.size();
  const std::string& step = path[depth];
  if (node.kind == JsonKind::kObject) {
    for (size_t i = 0; i < node.keys.size(); i++) {
      if (node.keys[i] != step) continue;
      if (!last) return Modify(node.children[i], path, depth + 1, change, create, value);
      if (change == Change::kDelete) {
        node.keys.erase(node.keys.begin() + static_cast<std::ptrdiff_t>(i));
        node.children.erase(node.children.begin() + static_cast<std::ptrdiff_t>(i));
      } else if (change == Change::kSet) {
        node.children[i] = *value;
      } else {
        throw Exception(sqlstate::kInvalidParameterValue, "cannot replace existing key",
                        std::nullopt, "Try using the function jsonb_set to replace key value.");
      }
      return;
    }
    if (last && change != Change::kDelete && (create || change != Change::kSet)) {
      node.keys.push_back(step);
      node.children.push_back(*value);
      json::NormalizeObjectMembers(node);
    }
    return;
  }
  if (node.kind != JsonKind::kArray) return;  // a scalar below the top: nothing to change
  const int64_t count = static_cast<int64_t>(node.children.size());
  int64_t index = Index(step, depth);
  if (index < 0) index += count;
  const bool inside = index >= 0 && index < count;
  if (!last) {
    if (inside) Modify(node.children[static_cast<size_t>(index)], path, depth + 1, change, create, value);
    return;
  }
  auto at = [&](int64_t i) { return node.children.begin() + static_cast<std::ptrdiff_t>(i); };
  switch (change) {
    case Change::kDelete:
      if (inside) node.children.erase(at(index));
      return;
    case Change::kSet:
      if (inside) {
        node.children[static_cast<size_t>(index)] = *value;
      } else if (create) {
        node.children.insert(index < 0 ? node.children.begin() : node.children.end(), *value);
      }
      return;
    case Change::kInsertBefore:
    case Change::kInsertAfter: {
      int64_t position = index < 0 ? 0 : std::min(index, count);
      if (inside && change == Change::kInsertAfter) position = index + 1;
      node.children.insert(at(position), *value);
      return;
    }
  }
}

std::string Apply(std::string_view target, std::string_view path_bytes, Change change, bool create,
                  std::string_view value_text) {
  JsonNode node = json::ParseJson(target, true);
  if (node.IsScalar()) {
    throw Exception(sqlstate::kInvalidParameterValue,
                    change == Change::kDelete ? "cannot delete path in scalar" : "cannot set path in scalar");
  }
  const std::vector<std::string> path = Path(path_bytes);
  if (!path.empty()) {
    JsonNode value;
    if (change != Change::kDelete) value = json::ParseJson(value_text, true);
    Modify(node, path, 0, change, create, &value);
  }
  return json::WriteJsonb(node);
}

}  // namespace

void RegisterJsonbModifyFunctions(FunctionRegistry& registry) {
  const LogicalType none = TypeId::INVALID;
  auto set = [](bool has_flag, bool insert) {
    return json::RowKernel(true, [has_flag, insert](const Readers& in, idx_t row, Vector& result) {
      const bool flag = has_flag ? in[3].GetValue(row).GetBool() : !insert;  // create_missing / insert_after
      const Change change = insert ? (flag ? Change::kInsertAfter : Change::kInsertBefore) : Change::kSet;
      json::SetString(result, row, Apply(in[0].String(row), in[1].String(row), change, flag, in[2].String(row)));
    });
  };
  registry.Add(ScalarFunction{"jsonb_set", {kJsonb, kTextArray, kJsonb}, none, kJsonb, set(false, false)});
  registry.Add(ScalarFunction{"jsonb_set", {kJsonb, kTextArray, kJsonb, kBool}, none, kJsonb, set(true, false)});
  registry.Add(ScalarFunction{"jsonb_insert", {kJsonb, kTextArray, kJsonb}, none, kJsonb, set(false, true)});
  registry.Add(ScalarFunction{"jsonb_insert", {kJsonb, kTextArray, kJsonb, kBool}, none, kJsonb, set(true, true)});
  registry.Add(ScalarFunction{"#-", {kJsonb, kTextArray}, none, kJsonb,
                              json::RowKernel(true, [](const Readers& in, idx_t row, Vector& result) {
                                json::SetString(result, row, Apply(in[0].String(row), in[1].String(row),
                                                                   Change::kDelete, false, {}));
                              })});
  registry.Add(ScalarFunction{"-", {kJsonb, kTextArray}, none, kJsonb,
                              json::RowKernel(true, [](const Readers& in, idx_t row, Vector& result) {
                                JsonNode node = json::ParseJson(in[0].String(row), true);
                                if (node.IsScalar()) {
                                  throw Exception(sqlstate::kInvalidParameterValue, "cannot delete from scalar");
                                }
                                array::ArrayReader keys(in[1].String(row), LogicalType(TypeId::VARCHAR));
                                while (keys.Next()) {
                                  if (keys.IsNull()) continue;
                                  const std::string key = keys.GetString();
                                  for (size_t i = node.children.size(); i-- > 0;) {
                                    const bool drop = node.kind == JsonKind::kObject
                                                          ? node.keys[i] == key
                                                          : node.children[i].kind == JsonKind::kString &&
                                                                node.children[i].text == key;
                                    if (!drop) continue;
                                    if (node.kind == JsonKind::kObject) {
                                      node.keys.erase(node.keys.begin() + static_cast<std::ptrdiff_t>(i));
                                    }
                                    node.children.erase(node.children.begin() + static_cast<std::ptrdiff_t>(i));
                                  }
                                }
                                json::SetString(result, row, json::WriteJsonb(node));
                              })});
}

}  // namespace cairn::function
