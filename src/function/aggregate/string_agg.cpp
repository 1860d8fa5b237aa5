// STRING_AGG(value, separator): concatenation of the non-NULL values in input order within a
// thread (order across threads is unspecified without ORDER BY, as in DuckDB; with ORDER BY see
// ordered_aggregate.h). As in PostgreSQL, each value is preceded by the separator of its own row
// and the first value's separator is dropped: the state keeps that first separator (the text's
// first `prefix_length` bytes), so that merging two partial states puts the right separator
// between them.
#include <string>

#include "cairn/exception.h"
#include "function/aggregate/unary_aggregate.h"

namespace cairn::aggregate {
namespace {

struct StringAggState {
  std::string* text;     // separator of the first value, then values and separators; null until the first value
  uint64_t prefix_length;  // bytes of the first value's separator at the start of `text`
};

StringAggState& State(uint8_t* p) { return *reinterpret_cast<StringAggState*>(p); }

void Append(StringAggState& s, std::string_view value, std::string_view separator) {
  if (!s.text) {
    s.text = new std::string();
    s.prefix_length = separator.size();
  }
  s.text->append(separator);
  s.text->append(value);
}

}  // namespace

AggregateFunction BindStringAgg(const std::vector<LogicalType>& arguments) {
  if (arguments.empty() || arguments.size() > 2 || arguments[0].id() != TypeId::VARCHAR ||
      (arguments.size() == 2 && arguments[1].id() != TypeId::VARCHAR)) {
    throw Exception(sqlstate::kUndefinedFunction, "No function matches string_agg with these argument types");
  }
  AggregateFunction fn;
  fn.name = "string_agg";
  fn.arguments = arguments;
  fn.return_type = TypeId::VARCHAR;
  fn.state_size = 16;
  fn.initialize = [](uint8_t* s) { State(s) = StringAggState{nullptr, 0}; };
  fn.update = [](Vector* inputs, idx_t input_count, uint8_t** states, idx_t count) {
    UnifiedFormat v, sep;
    inputs[0].ToUnified(count, v);
    if (input_count > 1) inputs[1].ToUnified(count, sep);
    const auto* values = reinterpret_cast<const string_t*>(v.data);
    for (idx_t i = 0; i < count; i++) {
      idx_t vi = v.sel->get_index(i);
      if (!v.validity->RowIsValid(vi)) continue;
      std::string_view separator = ",";
      if (input_count > 1) {
        idx_t si = sep.sel->get_index(i);
        separator = sep.validity->RowIsValid(si) ? reinterpret_cast<const string_t*>(sep.data)[si].view() : std::string_view();
      }
      Append(State(states[i]), values[vi].view(), separator);
    }
  };
  fn.combine = [](const uint8_t* source, uint8_t* target) {
    const auto& src = *reinterpret_cast<const StringAggState*>(source);
    if (!src.text) return;
    auto& dst = State(target);
    if (!dst.text) {
      dst.text = new std::string(*src.text);
      dst.prefix_length = src.prefix_length;
    } else {
      dst.text->append(*src.text);
    }
  };
  fn.finalize = [](uint8_t** states, idx_t count, Vector& result, idx_t offset) {
    for (idx_t i = 0; i < count; i++) {
      auto& s = State(states[i]);
      if (!s.text) {
        result.validity().SetInvalid(offset + i);
      } else {
        result.data<string_t>()[offset + i] = result.AddString(std::string_view(*s.text).substr(s.prefix_length));
      }
    }
  };
  fn.destroy = [](uint8_t* s) {
    delete State(s).text;
    State(s).text = nullptr;
  };
  return fn;
}

}  // namespace cairn::aggregate
