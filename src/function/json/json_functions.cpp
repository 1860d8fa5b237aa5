// The json and jsonb functions of PostgreSQL 15 (functions-json.html, tables 9.47 and 9.48):
// to_json/to_jsonb, json[b]_build_object, json[b]_build_array, json[b]_array_length,
// json[b]_typeof, json[b]_strip_nulls, jsonb_pretty; and DuckDB's json_extract /
// json_extract_string with its JSONPath subset (json_path.h).
#include "cairn/exception.h"
#include "function/function_registry.h"
#include "function/json/json_document.h"
#include "function/json/json_kernel.h"
#include "function/json/json_navigation.h"
#include "function/json/json_path.h"
#include "function/json/to_json.h"
#include "common/stack_depth.h"

namespace cairn::function {
namespace {

using json::ArgumentReader;
using json::JsonKind;
using Readers = std::vector<ArgumentReader>;

const LogicalType kText = TypeId::VARCHAR;
const LogicalType kJson = TypeId::JSON;
const LogicalType kJsonb = TypeId::JSONB;

std::string ToJsonb(const std::string& json_text) { return json::WriteJsonb(json::ParseJson(json_text, true)); }

/// The object key text of a build_object argument (PostgreSQL: scalar values only).
std::string ObjectKey(const Value& value, size_t position) {
  if (value.IsNull()) {
    throw Exception(sqlstate::kInvalidParameterValue, "argument " + std::to_string(position) + " cannot be null", std::nullopt,
                    "Object keys should be text.");
  }
  if (value.type().id() == TypeId::JSON || value.type().id() == TypeId::JSONB) {
    throw Exception(sqlstate::kInvalidParameterValue, "key value must be scalar, not array, composite, or json");
  }
  std::string text;
  json::AppendValueAsJson(value, text);
  // A key is the value's text: strings decoded back, numbers and booleans as written.
  return json::KindOf(text) == JsonKind::kString ? json::DecodeString(text) : text;
}

void AddBuilders(FunctionRegistry& registry, bool jsonb) {
  const std::string prefix = jsonb ? "jsonb" : "json";
  const LogicalType type = jsonb ? kJsonb : kJson;
  registry.Add(ScalarFunction{"to_" + prefix, {kAnyType}, TypeId::INVALID, type,
                              json::RowKernel(true, [jsonb](const Readers& in, idx_t row, Vector& result) {
                                std::string text;
                                json::AppendValueAsJson(in[0].GetValue(row), text);
                                json::SetString(result, row, jsonb ? ToJsonb(text) : text);
                              })});
  registry.Add(ScalarFunction{prefix + "_build_array", {}, kAnyType, type,
                              json::RowKernel(false, [jsonb](const Readers& in, idx_t row, Vector& result) {
                                std::string text = "[";
                                for (size_t i = 0; i < in.size(); i++) {
                                  if (i) text += ", ";
                                  json::AppendValueAsJson(in[i].GetValue(row), text);
                                }
                                text += "]";
                                json::SetString(result, row, jsonb ? ToJsonb(text) : text);
                              })});
  registry.Add(ScalarFunction{prefix + "_build_object", {}, kAnyType, type,
                              json::RowKernel(false, [jsonb, prefix](const Readers& in, idx_t row, Vector& result) {
                                if (in.size() % 2 != 0) {
                                  throw Exception(sqlstate::kInvalidParameterValue, "argument list must have even number of elements",
                                                  std::nullopt, "The arguments of " + prefix + "_build_object() must consist of alternating keys and values.");
                                }
                                std::string text = "{";
                                for (size_t i = 0; i < in.size(); i += 2) {
                                  if (i) text += ", ";
                                  json::AppendQuotedString(ObjectKey(in[i].GetValue(row), i + 1), text);
                                  text += " : ";
                                  json::AppendValueAsJson(in[i + 1].GetValue(row), text);
                                }
                                text += "}";
                                json::SetString(result, row, jsonb ? ToJsonb(text) : text);
                              })});
}

/// json_strip_nulls: object members whose value is null removed at every level; json's output
/// has no whitespace, jsonb's is normalized.
void StripNulls(json::JsonNode& node) {
  CheckStackDepth();
  if (node.kind == JsonKind::kObject) {
    json::JsonNode kept;
    kept.kind = JsonKind::kObject;
    for (size_t i = 0; i < node.children.size(); i++) {
      if (node.children[i].kind == JsonKind::kNull) continue;
      kept.keys.push_back(std::move(node.keys[i]));
      kept.children.push_back(std::move(node.children[i]));
    }
    node = std::move(kept);
  }
  for (auto& child : node.children) StripNulls(child);
}

void AppendCompact(const json::JsonNode& node, std::string& out) {
  CheckStackDepth();
  switch (node.kind) {
    case JsonKind::kArray:
      out.push_back('[');
      for (size_t i = 0; i < node.children.size(); i++) {
        if (i) out.push_back(',');
        AppendCompact(node.children[i], out);
      }
      out.push_back(']');
      return;
    case JsonKind::kObject:
      out.push_back('{');
      for (size_t i = 0; i < node.children.size(); i++) {
        if (i) out.push_back(',');
        json::AppendQuotedString(node.keys[i], out);
        out.push_back(':');
        AppendCompact(node.children[i], out);
      }
      out.push_back('}');
      return;
    default:
      json::AppendJsonb(node, out);
  }
}

const char* TypeofName(JsonKind kind) {
  switch (kind) {
    case JsonKind::kNull: return "null";
    case JsonKind::kTrue:
    case JsonKind::kFalse: return "boolean";
    case JsonKind::kNumber: return "number";
    case JsonKind::kString: return "string";
    case JsonKind::kArray: return "array";
    case JsonKind::kObject: return "object";
  }
  return "null";
}

void AddInspection(FunctionRegistry& registry, bool jsonb) {
  const std::string prefix = jsonb ? "jsonb" : "json";
  const LogicalType type = jsonb ? kJsonb : kJson;
  registry.Add(ScalarFunction{prefix + "_array_length", {type}, TypeId::INVALID, TypeId::INTEGER,
                              json::RowKernel(true, [](const Readers& in, idx_t row, Vector& result) {
                                std::string_view text = in[0].String(row);
                                JsonKind kind = json::KindOf(text);
                                if (kind == JsonKind::kObject) {
                                  throw Exception(sqlstate::kInvalidParameterValue, "cannot get array length of a non-array");
                                }
                                if (kind != JsonKind::kArray) {
                                  throw Exception(sqlstate::kInvalidParameterValue, "cannot get array length of a scalar");
                                }
                                result.validity().SetValid(row);
                                result.data<int32_t>()[row] = static_cast<int32_t>(json::CountElements(text));
                              })});
  registry.Add(ScalarFunction{prefix + "_typeof", {type}, TypeId::INVALID, kText,
                              json::RowKernel(true, [](const Readers& in, idx_t row, Vector& result) {
                                json::SetString(result, row, TypeofName(json::KindOf(in[0].String(row))));
                              })});
  registry.Add(ScalarFunction{prefix + "_strip_nulls", {type}, TypeId::INVALID, type,
                              json::RowKernel(true, [jsonb](const Readers& in, idx_t row, Vector& result) {
                                json::JsonNode node = json::ParseJson(in[0].String(row), jsonb);
                                StripNulls(node);
                                std::string out;
                                if (jsonb) {
                                  json::AppendJsonb(node, out);
                                } else {
                                  AppendCompact(node, out);
                                }
                                json::SetString(result, row, out);
                              })});
}

void AddDuckDbExtract(FunctionRegistry& registry) {
  for (const LogicalType& type : {kJson, kJsonb, kText}) {
    const LogicalType returned = type.id() == TypeId::JSONB ? kJsonb : kJson;
    const bool validate = type.id() == TypeId::VARCHAR;
    registry.Add(ScalarFunction{"json_extract", {type, kText}, TypeId::INVALID, returned,
                                json::RowKernel(true, [validate](const Readers& in, idx_t row, Vector& result) {
                                  if (validate) json::ValidateJson(in[0].String(row));
                                  auto found = json::FollowJsonPath(in[0].String(row), json::ParseJsonPath(in[1].String(row)));
                                  found ? json::SetString(result, row, *found) : json::SetNull(result, row);
                                })});
    registry.Add(ScalarFunction{"json_extract_string", {type, kText}, TypeId::INVALID, kText,
                                json::RowKernel(true, [validate](const Readers& in, idx_t row, Vector& result) {
                                  if (validate) json::ValidateJson(in[0].String(row));
                                  auto found = json::FollowJsonPath(in[0].String(row), json::ParseJsonPath(in[1].String(row)));
                                  auto text = found ? json::ValueAsText(*found) : std::nullopt;
                                  text ? json::SetString(result, row, *text) : json::SetNull(result, row);
                                })});
  }
}

}  // namespace

void RegisterJsonFunctions(FunctionRegistry& registry) {
  AddBuilders(registry, false);
  AddBuilders(registry, true);
  AddInspection(registry, false);
  AddInspection(registry, true);
  registry.Add(ScalarFunction{"jsonb_pretty", {kJsonb}, TypeId::INVALID, kText,
                              json::RowKernel(true, [](const Readers& in, idx_t row, Vector& result) {
                                json::SetString(result, row, json::WriteJsonbPretty(json::ParseJson(in[0].String(row), true)));
                              })});
  AddDuckDbExtract(registry);
}

}  // namespace cairn::function
