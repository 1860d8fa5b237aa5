// ARRAY_AGG(value): the input values, NULLs included, as an array (NULL over no rows), as
// PostgreSQL. Within a thread values keep input order; merged partial states are concatenated,
// so the order across threads is unspecified without ORDER BY (ordered_aggregate.h sorts first).
//
// The state is the array's encoding so far (common/array_encoding.h) in a growable buffer of its
// own (no std::string: appending a 9-byte element is then a capacity check and two stores).
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>

#include "cairn/exception.h"
#include "common/array_encoding.h"
#include "function/aggregate/unary_aggregate.h"

namespace cairn::aggregate {
namespace {

/// The encoded elements so far; `data` is null until the first row (the array is then NULL).
struct ArrayAggState {
  char* data;
  uint64_t size;
  uint64_t capacity;
};

ArrayAggState& State(uint8_t* p) { return *reinterpret_cast<ArrayAggState*>(p); }
const ArrayAggState& State(const uint8_t* p) { return *reinterpret_cast<const ArrayAggState*>(p); }

/// Room for `extra` more bytes (at least 64 bytes at first, doubling after).
void Reserve(ArrayAggState& state, uint64_t extra) {
  if (state.data && state.capacity - state.size >= extra) return;
  uint64_t capacity = state.capacity ? state.capacity : 64;
  while (capacity - state.size < extra) capacity *= 2;
  char* grown = static_cast<char*>(std::realloc(state.data, capacity));
  if (!grown) throw std::bad_alloc();
  state.data = grown;
  state.capacity = capacity;
}

void Append(ArrayAggState& state, const char* bytes, uint64_t length) {
  Reserve(state, length);
  std::memcpy(state.data + state.size, bytes, length);
  state.size += length;
}

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
  fn.state_size = sizeof(ArrayAggState);
  fn.initialize = [](uint8_t* s) { State(s) = ArrayAggState{nullptr, 0, 0}; };
  const LogicalType element_type = element;
  if (element.physical_type() == PhysicalType::STRING) {
    fn.update = [element_type](Vector* inputs, idx_t, uint8_t** states, idx_t count) {
      UnifiedFormat format;
      inputs[0].ToUnified(count, format);
      std::string bytes;
      for (idx_t i = 0; i < count; i++) {
        bytes.clear();
        array::AppendElement(bytes, element_type, format, i);
        Append(State(states[i]), bytes.data(), bytes.size());
      }
    };
  } else {
    fn.update = [element_type](Vector* inputs, idx_t, uint8_t** states, idx_t count) {
      UnifiedFormat format;
      inputs[0].ToUnified(count, format);
      for (idx_t i = 0; i < count; i++) {
        ArrayAggState& state = State(states[i]);
        Reserve(state, array::kMaxFixedElementBytes);
        state.size += array::WriteFixedElement(state.data + state.size, element_type, format, i);
      }
    };
  }
  fn.combine = [](const uint8_t* source, uint8_t* target) {
    const ArrayAggState& src = State(source);
    if (!src.data) return;
    ArrayAggState& dst = State(target);
    Reserve(dst, src.size);  // allocates even for an empty source: the array is not NULL
    std::memcpy(dst.data + dst.size, src.data, src.size);
    dst.size += src.size;
  };
  fn.finalize = [](uint8_t** states, idx_t count, Vector& result, idx_t offset) {
    for (idx_t i = 0; i < count; i++) {
      const ArrayAggState& state = State(states[i]);
      if (!state.data) {
        result.validity().SetInvalid(offset + i);
      } else {
        result.data<string_t>()[offset + i] = result.AddString(std::string_view(state.data, state.size));
      }
    }
  };
  fn.destroy = [](uint8_t* s) {
    std::free(State(s).data);
    State(s) = ArrayAggState{nullptr, 0, 0};
  };
  return fn;
}

}  // namespace cairn::aggregate
