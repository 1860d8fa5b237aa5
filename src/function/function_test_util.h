// Test helpers for src/function tests: build vectors from Values and run a bound scalar
// function the way the executor does (bind, cast arguments, run the kernel).
#pragma once

#include <string>
#include <vector>

#include "cairn/data_chunk.h"
#include "function/cast.h"
#include "function/scalar_function.h"

namespace cairn::testing {

/// A flat vector of `type` holding `values` (NULL Values become NULL rows).
inline Vector MakeFlat(const LogicalType& type, const std::vector<Value>& values) {
  Vector v(type, std::max<idx_t>(values.size(), 1));
  for (idx_t i = 0; i < values.size(); i++) v.SetValue(i, values[i].IsNull() ? Value::Null(type) : values[i].CastAs(type));
  return v;
}

/// A dictionary vector over `dictionary` selecting rows `indices`.
inline Vector MakeDictionary(const LogicalType& type, const std::vector<Value>& dictionary, const std::vector<sel_t>& indices) {
  Vector v = MakeFlat(type, dictionary);
  SelectionVector sel(indices.size());
  for (idx_t i = 0; i < indices.size(); i++) sel.set_index(i, indices[i]);
  v.Slice(sel, indices.size());
  return v;
}

/// Binds `name` for the inputs' types, casts the inputs, runs the kernel over `count` rows and
/// returns the result vector.
inline Vector RunFunction(const std::string& name, const std::vector<Vector>& inputs, idx_t count, LogicalType* return_type = nullptr) {
  std::vector<LogicalType> types;
  for (const auto& v : inputs) types.push_back(v.type());
  ScalarFunction fn = BindScalarFunction(name, types);
  DataChunk args;
  for (size_t i = 0; i < inputs.size(); i++) {
    LogicalType target = i < fn.arguments.size() ? fn.arguments[i] : fn.varargs;
    if (inputs[i].type() == target) {
      args.data.push_back(inputs[i]);
    } else {
      Vector cast(target, std::max<idx_t>(count, 1));
      CastVector(inputs[i], cast, count);
      args.data.push_back(cast);
    }
  }
  args.SetCardinality(count);
  Vector result(fn.return_type, std::max<idx_t>(count, 1));
  fn.kernel(args, result);
  if (return_type) *return_type = fn.return_type;
  return result;
}

/// Text of each result row ("NULL" for NULL).
inline std::vector<std::string> Texts(const Vector& v, idx_t count) {
  std::vector<std::string> out;
  for (idx_t i = 0; i < count; i++) out.push_back(v.GetValue(i).ToString());
  return out;
}

}  // namespace cairn::testing
