#include "execution/parameter_values.h"

#include <atomic>
#include <string>

#include "cairn/exception.h"

namespace cairn {

namespace {

thread_local const ParameterValues* current_parameters = nullptr;
std::atomic<uint64_t> next_id{1};

}  // namespace

ParameterValues::ParameterValues(std::vector<Value> values)
    : values_(std::move(values)), id_(next_id.fetch_add(1, std::memory_order_relaxed)) {}

const Value& ParameterValues::Get(idx_t index) const {
  if (index < 1 || index > values_.size()) {
    throw Exception(sqlstate::kInternalError, "no value for parameter $" + std::to_string(index) + " in this execution");
  }
  return values_[index - 1];
}

const ParameterValues* ParameterValues::Current() { return current_parameters; }

ParameterValues::Scope::Scope(const ParameterValues* values) : previous_(current_parameters) {
  current_parameters = values;
}

ParameterValues::Scope::~Scope() { current_parameters = previous_; }

}  // namespace cairn
