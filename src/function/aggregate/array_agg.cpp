// ARRAY_AGG(value): the input values, NULLs included, as an array (NULL over no rows), as
// PostgreSQL. Within a thread values keep input order; merged partial states are concatenated,
// so the order across threads is unspecified without ORDER BY (ordered_aggregate.h sorts first).
#include <string>

#include "cairn/exception.h"
#include "common/array_encoding.h"
#include "function/aggregate/unary_aggregate.h"

namespace cairn::aggregate {
namespace {

// The encoded elements so far; null until the first row.
std::string*& State(uint8_t* p) { return *reinterpret_cast<std::string**>(p); }

}  // namespace

AggregateFunction BindArrayAgg(const LogicalType& argument) {
  if (argument.IsArray()) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "array_agg of arrays (a multidimensional array) is not supported");
  }
  LogicalType element = argument.id() == TypeId::SQLNULL ? LogicalType(TypeId::VARCHAR) : argument;
  AggregateFunction fn;
  fn.name = "array_agg";
  fn.arguments = {element};
  fn.return_type = LogicalType::Array(element);
  fn.state_size = 8;
  fn.initialize = [](uint8_t* s) { State(s) = nullptr; };
  const LogicalType element_type = element;
  fn.update = [element_type](Vector* inputs, idx_t, uint8_t** states, idx_t count) {
    UnifiedFormat format;
    inputs[0].ToUnified(count, format);
    for (idx_t i = 0; i < count; i++) {
      std::string*& bytes = State(states[i]);
      if (!bytes) bytes = new std::string();
      array::AppendElement(*bytes, element_type, format, i);
    }
  };
  fn.combine = [](const uint8_t* source, uint8_t* target) {
    const std::string* src = *reinterpret_cast<std::string* const*>(source);
    if (!src) return;
    std::string*& dst = State(target);
    if (!dst) {
      dst = new std::string(*src);
    } else {
      dst->append(*src);
    }
  };
  fn.finalize = [](uint8_t** states, idx_t count, Vector& result, idx_t offset) {
    for (idx_t i = 0; i < count; i++) {
      const std::string* bytes = State(states[i]);
      if (!bytes) {
        result.validity().SetInvalid(offset + i);
      } else {
        result.data<string_t>()[offset + i] = result.AddString(*bytes);
      }
    }
  };
  fn.destroy = [](uint8_t* s) {
    delete State(s);
    State(s) = nullptr;
  };
  return fn;
}

}  // namespace cairn::aggregate
