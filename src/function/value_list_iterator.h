// ValueListIterator: a set-returning function's rows computed up front (the matches of one
// regular expression over one string, the fields of one split), handed out in order.
//
// Thread-safety: used by one thread (one call of one function).
#pragma once

#include <vector>

#include "function/scalar_function.h"

namespace cairn::function {

class ValueListIterator : public SetFunctionIterator {
 public:
  /// `values` are of the function's return type (or NULL).
  explicit ValueListIterator(std::vector<Value> values) : values_(std::move(values)) {}

  idx_t Next(Vector& out, idx_t offset, idx_t capacity) override {
    idx_t n = 0;
    while (n < capacity && next_ < values_.size()) out.SetValue(offset + n++, values_[next_++]);
    return n;
  }

 private:
  std::vector<Value> values_;
  size_t next_ = 0;
};

}  // namespace cairn::function
