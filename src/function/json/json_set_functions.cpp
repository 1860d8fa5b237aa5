// The set-returning json functions of PostgreSQL 15 (functions-json.html, table 9.47):
//   json_array_elements(json) / jsonb_array_elements(jsonb)   setof json(b), the elements
//   json_array_elements_text / jsonb_array_elements_text       setof text (->> of each element)
//   json_object_keys / jsonb_object_keys                       setof text, the top-level keys
//   json_each / jsonb_each, json_each_text / jsonb_each_text   (key, value) rows: in FROM only,
//     planned as the zip of __<name>_key and __<name>_value (two calls walking the object in
//     the same order; bind_set_function.cpp), as Cairn has no row type.
// json keeps written order and duplicate keys; jsonb walks its normalized text (sorted keys).
// A value of the wrong kind is 22023 with PostgreSQL's message; NULL input is no rows.
#include "cairn/exception.h"
#include "function/function_registry.h"
#include "function/json/json_navigation.h"
#include "function/value_list_iterator.h"

namespace cairn::function {
namespace {

enum class Produce { kElements, kElementsText, kKeys, kEachKey, kEachValue, kEachValueText };

std::vector<Value> Rows(std::string_view text, const LogicalType& type, Produce produce, const std::string& name) {
  const json::JsonKind kind = json::KindOf(text);
  std::vector<Value> rows;
  const bool elements = produce == Produce::kElements || produce == Produce::kElementsText;
  if (elements && kind != json::JsonKind::kArray) {
    throw Exception(sqlstate::kInvalidParameterValue,
                    std::string("cannot extract elements from ") + (kind == json::JsonKind::kObject ? "an object" : "a scalar"));
  }
  if (!elements && kind != json::JsonKind::kObject) {
    if (produce == Produce::kKeys) {
      throw Exception(sqlstate::kInvalidParameterValue,
                      "cannot call " + name + " on " + (kind == json::JsonKind::kArray ? "an array" : "a scalar"));
    }
    throw Exception(sqlstate::kInvalidParameterValue, kind == json::JsonKind::kArray
                                                          ? "cannot deconstruct an array as an object"
                                                          : "cannot deconstruct a scalar");
  }
  auto text_value = [](std::string_view value) {
    auto decoded = json::ValueAsText(value);
    return decoded ? Value::Varchar(*decoded) : Value::Null(TypeId::VARCHAR);
  };
  if (elements) {
    json::ForEachElement(text, [&](std::string_view element) {
      rows.push_back(produce == Produce::kElements ? Value::FromPhysicalString(type, std::string(element))
                                                   : text_value(element));
      return true;
    });
    return rows;
  }
  json::ForEachMember(text, [&](std::string_view key, std::string_view value) {
    switch (produce) {
      case Produce::kKeys:
      case Produce::kEachKey: rows.push_back(Value::Varchar(json::DecodeString(key))); break;
      case Produce::kEachValue: rows.push_back(Value::FromPhysicalString(type, std::string(value))); break;
      default: rows.push_back(text_value(value)); break;
    }
    return true;
  });
  return rows;
}

void Add(FunctionRegistry& registry, const std::string& name, const LogicalType& type, const LogicalType& returns,
         Produce produce) {
  ScalarFunction function{name, {type}, TypeId::INVALID, returns, nullptr};
  function.set_function = [type, produce, name](const std::vector<Value>& a) -> std::unique_ptr<SetFunctionIterator> {
    if (a[0].IsNull()) return nullptr;
    return std::make_unique<ValueListIterator>(Rows(a[0].GetString(), type, produce, name));
  };
  registry.Add(function);
}

}  // namespace

void RegisterJsonSetFunctions(FunctionRegistry& registry) {
  const LogicalType text = TypeId::VARCHAR;
  for (TypeId id : {TypeId::JSON, TypeId::JSONB}) {
    const LogicalType type = id;
    const std::string prefix = id == TypeId::JSON ? "json" : "jsonb";
    Add(registry, prefix + "_array_elements", type, type, Produce::kElements);
    Add(registry, prefix + "_array_elements_text", type, text, Produce::kElementsText);
    Add(registry, prefix + "_object_keys", type, text, Produce::kKeys);
    Add(registry, "__" + prefix + "_each_key", type, text, Produce::kEachKey);
    Add(registry, "__" + prefix + "_each_value", type, type, Produce::kEachValue);
    Add(registry, "__" + prefix + "_each_text_key", type, text, Produce::kEachKey);
    Add(registry, "__" + prefix + "_each_text_value", type, text, Produce::kEachValueText);
  }
}

}  // namespace cairn::function
