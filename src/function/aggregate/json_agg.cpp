// json_agg / jsonb_agg (one value per row, SQL NULL as JSON null) and json_object_agg /
// jsonb_object_agg (key, value pairs; a NULL key is 22023 "field name must not be null"), as
// PostgreSQL 15 spells their results: json_agg `[1, 2]`, json_object_agg `{ "a" : 1, "b" : 2 }`,
// the jsonb forms normalized (jsonb_object_agg keeps the last value of a repeated key). No rows:
// NULL. With ORDER BY inside the call the ordered-aggregate wrapper feeds rows in order
// (ordered_aggregate.h); without it, rows of one thread come in input order and partial states
// are concatenated.
#include <string>

#include "cairn/exception.h"
#include "function/aggregate/unary_aggregate.h"
#include "function/json/json_document.h"
#include "function/json/json_navigation.h"
#include "function/json/to_json.h"

namespace cairn::aggregate {
namespace {

struct JsonAggState {
  std::string* text;  // the elements or members written so far, ", "-separated; null until the first row
};

JsonAggState& State(uint8_t* p) { return *reinterpret_cast<JsonAggState*>(p); }

void AppendPart(JsonAggState& state, const std::string& part) {
  if (!state.text) {
    state.text = new std::string(part);
  } else {
    state.text->append(", ");
    state.text->append(part);
  }
}

/// The object key text of a json_object_agg key value.
std::string KeyText(const Value& key) {
  if (key.IsNull()) throw Exception(sqlstate::kInvalidParameterValue, "field name must not be null");
  std::string text;
  json::AppendValueAsJson(key, text);
  return json::KindOf(text) == json::JsonKind::kString ? json::DecodeString(text) : text;
}

}  // namespace

AggregateFunction BindJsonAgg(const std::string& name, const std::vector<LogicalType>& arguments) {
  const bool object = name == "json_object_agg" || name == "jsonb_object_agg";
  const bool jsonb = name.starts_with("jsonb");
  if (arguments.size() != (object ? 2u : 1u)) {
    throw Exception(sqlstate::kUndefinedFunction, "No function matches " + name + " with " + std::to_string(arguments.size()) + " arguments");
  }
  AggregateFunction fn;
  fn.name = name;
  fn.arguments = arguments;
  fn.return_type = jsonb ? TypeId::JSONB : TypeId::JSON;
  fn.state_size = 8;
  fn.initialize = [](uint8_t* s) { State(s) = JsonAggState{nullptr}; };
  fn.update = [object](Vector* inputs, idx_t input_count, uint8_t** states, idx_t count) {
    for (idx_t i = 0; i < count; i++) {
      std::string part;
      if (object) {
        json::AppendQuotedString(KeyText(inputs[0].GetValue(i)), part);
        part += " : ";
        json::AppendValueAsJson(inputs[1].GetValue(i), part);
      } else {
        json::AppendValueAsJson(inputs[0].GetValue(i), part);
      }
      AppendPart(State(states[i]), part);
    }
    (void)input_count;
  };
  fn.combine = [](const uint8_t* source, uint8_t* target) {
    const auto& src = *reinterpret_cast<const JsonAggState*>(source);
    if (src.text) AppendPart(State(target), *src.text);
  };
  fn.finalize = [object, jsonb](uint8_t** states, idx_t count, Vector& result, idx_t offset) {
    for (idx_t i = 0; i < count; i++) {
      auto& s = State(states[i]);
      if (!s.text) {
        result.validity().SetInvalid(offset + i);
        continue;
      }
      std::string text = object ? "{ " + *s.text + " }" : "[" + *s.text + "]";
      if (jsonb) text = json::WriteJsonb(json::ParseJson(text, true));
      result.data<string_t>()[offset + i] = result.AddString(text);
    }
  };
  fn.destroy = [](uint8_t* s) {
    delete State(s).text;
    State(s).text = nullptr;
  };
  return fn;
}

}  // namespace cairn::aggregate
