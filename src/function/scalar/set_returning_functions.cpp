// Set-returning functions callable in the SELECT list and in FROM with column arguments
// (PostgreSQL manual 9.25, 9.19): unnest(anyarray), generate_series over integers and
// timestamps, string_to_table. (The regexp_* ones live with the regular expressions;
// generate_series with constant arguments in FROM is also a parallel table function.)
#include <climits>

#include "cairn/exception.h"
#include "common/array_encoding.h"
#include "common/date_time.h"
#include "function/function_registry.h"
#include "function/value_list_iterator.h"

namespace cairn::function {
namespace {

const LogicalType kInteger = TypeId::INTEGER;
const LogicalType kBigint = TypeId::BIGINT;
const LogicalType kVarchar = TypeId::VARCHAR;
const LogicalType kNone = TypeId::INVALID;

bool AnyNull(const std::vector<Value>& arguments) {
  for (const auto& argument : arguments) {
    if (argument.IsNull()) return true;
  }
  return false;
}

class UnnestIterator : public SetFunctionIterator {
 public:
  UnnestIterator(std::string bytes, const LogicalType& element_type) : bytes_(std::move(bytes)), reader_(bytes_, element_type) {}
  idx_t Next(Vector& out, idx_t offset, idx_t capacity) override { return reader_.ReadInto(out, offset, capacity); }

 private:
  std::string bytes_;
  array::ArrayReader reader_;
};

// start, start + step, ... while not past stop (an integer series of INTEGER or BIGINT).
class IntegerSeriesIterator : public SetFunctionIterator {
 public:
  IntegerSeriesIterator(int64_t start, int64_t stop, int64_t step) : next_(start), stop_(stop), step_(step) {}
  idx_t Next(Vector& out, idx_t offset, idx_t capacity) override {
    const bool narrow = out.type().physical_type() == PhysicalType::INT32;
    idx_t n = 0;
    while (n < capacity && !done_ && (step_ > 0 ? next_ <= stop_ : next_ >= stop_)) {
      if (narrow) {
        out.data<int32_t>()[offset + n] = static_cast<int32_t>(next_);
      } else {
        out.data<int64_t>()[offset + n] = next_;
      }
      out.validity().SetValid(offset + n);
      n++;
      done_ = __builtin_add_overflow(next_, step_, &next_);
    }
    return n;
  }

 private:
  int64_t next_;
  int64_t stop_;
  int64_t step_;
  bool done_ = false;
};

class TimestampSeriesIterator : public SetFunctionIterator {
 public:
  TimestampSeriesIterator(int64_t start, int64_t stop, interval_t step, bool forward)
      : next_(start), stop_(stop), step_(step), forward_(forward) {}
  idx_t Next(Vector& out, idx_t offset, idx_t capacity) override {
    idx_t n = 0;
    while (n < capacity && !done_ && (forward_ ? next_ <= stop_ : next_ >= stop_)) {
      out.data<int64_t>()[offset + n] = next_;
      out.validity().SetValid(offset + n);
      n++;
      try {
        next_ = date_time::AddInterval(next_, step_);
      } catch (const Exception&) {
        done_ = true;  // the next value would be out of range: the series ends here
      }
    }
    return n;
  }

 private:
  int64_t next_;
  int64_t stop_;
  interval_t step_;
  bool forward_;
  bool done_ = false;
};

std::unique_ptr<SetFunctionIterator> StartIntegerSeries(const std::vector<Value>& a) {
  if (AnyNull(a)) return nullptr;
  const int64_t step = a.size() > 2 ? a[2].GetInt64() : 1;
  if (step == 0) throw Exception(sqlstate::kInvalidParameterValue, "step size cannot equal zero");
  return std::make_unique<IntegerSeriesIterator>(a[0].GetInt64(), a[1].GetInt64(), step);
}

std::unique_ptr<SetFunctionIterator> StartTimestampSeries(const std::vector<Value>& a) {
  if (AnyNull(a)) return nullptr;
  const interval_t step = a[2].GetInterval();
  const hugeint_t span = date_time::IntervalSpan(step);
  if (span == 0) throw Exception(sqlstate::kInvalidParameterValue, "step size cannot equal zero");
  return std::make_unique<TimestampSeriesIterator>(a[0].GetInt64(), a[1].GetInt64(), step, span > 0);
}

ScalarFunction SetFunction(std::string name, std::vector<LogicalType> arguments, LogicalType returns,
                           SetFunctionStart start) {
  ScalarFunction function{std::move(name), std::move(arguments), kNone, std::move(returns), nullptr};
  function.set_function = std::move(start);
  return function;
}

}  // namespace

void RegisterSetReturningFunctions(FunctionRegistry& r) {
  r.Add(SetFunction("unnest", {LogicalType::AnyArray()}, kNone,
                    [](const std::vector<Value>& a) -> std::unique_ptr<SetFunctionIterator> {
                      if (a[0].IsNull()) return nullptr;
                      return std::make_unique<UnnestIterator>(a[0].GetString(), a[0].type().element_type());
                    }),
        [](ScalarFunction& bound, const std::vector<LogicalType>& types) {
          bound.arguments[0] = types[0].IsArray() ? types[0] : LogicalType::Array(kVarchar);
          bound.return_type = bound.arguments[0].element_type();
        });
  for (const LogicalType& type : {kInteger, kBigint}) {
    r.Add(SetFunction("generate_series", {type, type}, type, StartIntegerSeries));
    r.Add(SetFunction("generate_series", {type, type, type}, type, StartIntegerSeries));
  }
  for (TypeId id : {TypeId::TIMESTAMP, TypeId::TIMESTAMP_TZ}) {
    r.Add(SetFunction("generate_series", {id, id, TypeId::INTERVAL}, id, StartTimestampSeries));
  }
  // string_to_table(s, delimiter [, null_string]): string_to_array's fields as rows.
  for (size_t count = 2; count <= 3; count++) {
    r.Add(SetFunction("string_to_table", std::vector<LogicalType>(count, kVarchar), kVarchar,
                      [](const std::vector<Value>& a) -> std::unique_ptr<SetFunctionIterator> {
                        if (a[0].IsNull()) return nullptr;
                        // The fields are string_to_array's, so both split alike.
                        ScalarFunction split = BindScalarFunction(
                            "string_to_array", std::vector<LogicalType>(a.size(), kVarchar));
                        DataChunk args;
                        std::vector<LogicalType> types(a.size(), kVarchar);
                        args.Initialize(types, 1);
                        for (size_t i = 0; i < a.size(); i++) args.data[i].SetValue(0, a[i]);
                        args.SetCardinality(1);
                        Vector result(LogicalType::Array(kVarchar), 1);
                        split.kernel(args, result);
                        Value array_value = result.GetValue(0);
                        if (array_value.IsNull()) return nullptr;
                        return std::make_unique<ValueListIterator>(array_value.GetArrayElements());
                      }));
  }
}

}  // namespace cairn::function
