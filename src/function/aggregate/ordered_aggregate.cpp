// MakeOrderedAggregate: `agg(args ORDER BY keys)` as a buffering wrapper around the plain
// aggregate (ordered_aggregate.h).
#include "function/aggregate/ordered_aggregate.h"

#include <cstddef>
#include <memory>

#include "function/aggregate/aggregate_input_buffer.h"

namespace cairn::aggregate {
namespace {

struct OrderedState {
  AggregateInputBuffer* rows;  // null until the first row
};

OrderedState& State(uint8_t* p) { return *reinterpret_cast<OrderedState*>(p); }

/// One state of the plain aggregate, initialized on construction and destroyed with the object.
class InnerState {
 public:
  explicit InnerState(const AggregateFunction& function)
      : function_(function), storage_((function.state_size + sizeof(std::max_align_t) - 1) / sizeof(std::max_align_t) + 1) {
    function_.initialize(data());
  }
  ~InnerState() {
    if (function_.destroy) function_.destroy(data());
  }
  InnerState(const InnerState&) = delete;
  InnerState& operator=(const InnerState&) = delete;
  uint8_t* data() { return reinterpret_cast<uint8_t*>(storage_.data()); }

 private:
  const AggregateFunction& function_;
  std::vector<std::max_align_t> storage_;
};

std::string OrderText(const std::vector<AggregateOrder>& orders, idx_t first_key) {
  std::string text = "[ORDER BY ";
  for (size_t k = 0; k < orders.size(); k++) {
    if (k) text += ", ";
    text += "#" + std::to_string(first_key + k + 1) + (orders[k].descending ? " DESC" : " ASC");
    text += orders[k].nulls_first ? " NULLS FIRST" : " NULLS LAST";
  }
  return text + "]";
}

}  // namespace

AggregateFunction MakeOrderedAggregate(const AggregateFunction& inner, const std::vector<LogicalType>& key_types,
                                       const std::vector<AggregateOrder>& orders) {
  AggregateFunction fn;
  idx_t argument_count = inner.arguments.size();
  fn.name = inner.name + OrderText(orders, argument_count);
  fn.arguments = inner.arguments;
  fn.arguments.insert(fn.arguments.end(), key_types.begin(), key_types.end());
  fn.return_type = inner.return_type;
  fn.state_size = 16;
  std::vector<BufferSortKey> keys;
  for (size_t k = 0; k < orders.size(); k++) {
    keys.push_back(BufferSortKey{argument_count + k, orders[k].descending, orders[k].nulls_first});
  }
  std::vector<LogicalType> column_types = fn.arguments;
  fn.initialize = [](uint8_t* s) { State(s).rows = nullptr; };
  fn.update = [column_types](Vector* inputs, idx_t input_count, uint8_t** states, idx_t count) {
    std::vector<UnifiedFormat> formats(input_count);
    for (idx_t c = 0; c < input_count; c++) inputs[c].ToUnified(count, formats[c]);
    for (idx_t i = 0; i < count; i++) {
      auto& state = State(states[i]);
      if (!state.rows) state.rows = new AggregateInputBuffer(column_types);
      state.rows->Append(formats.data(), i);
    }
  };
  fn.combine = [column_types](const uint8_t* source, uint8_t* target) {
    const auto& src = *reinterpret_cast<const OrderedState*>(source);
    if (!src.rows || src.rows->size() == 0) return;
    auto& dst = State(target);
    if (!dst.rows) dst.rows = new AggregateInputBuffer(column_types);
    dst.rows->AppendBuffer(*src.rows);
  };
  fn.finalize = [inner, keys, argument_count](uint8_t** states, idx_t count, Vector& result, idx_t offset) {
    for (idx_t i = 0; i < count; i++) {
      InnerState inner_state(inner);
      uint8_t* inner_pointer = inner_state.data();
      const AggregateInputBuffer* rows = State(states[i]).rows;
      if (rows && rows->size() > 0) {
        std::vector<idx_t> order = rows->Order(keys);
        std::vector<uint8_t*> pointers(kStandardVectorSize, inner_pointer);
        for (idx_t start = 0; start < order.size(); start += kStandardVectorSize) {
          idx_t n = std::min<idx_t>(kStandardVectorSize, order.size() - start);
          std::vector<Vector> arguments;
          for (idx_t c = 0; c < argument_count; c++) {
            arguments.emplace_back(rows->type(c), kStandardVectorSize);
            rows->Gather(c, order.data() + start, n, arguments.back());
          }
          inner.update(arguments.data(), argument_count, pointers.data(), n);
        }
      }
      inner.finalize(&inner_pointer, 1, result, offset + i);
    }
  };
  fn.destroy = [](uint8_t* s) {
    delete State(s).rows;
    State(s).rows = nullptr;
  };
  return fn;
}

}  // namespace cairn::aggregate
