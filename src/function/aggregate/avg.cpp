// AVG: returns DOUBLE. Integers and decimals sum exactly in 128 bits and divide at the end
// (decimals are unscaled by 10^scale); DOUBLE inputs sum in double.
#include "cairn/exception.h"
#include "common/decimal.h"
#include "function/aggregate/unary_aggregate.h"

namespace cairn::aggregate {
namespace {

/// A running sum (in SUM) and count; the parts every AVG shares. INPUT values are added as SUM.
template <class SUM>
struct AvgState {
  SUM sum;
  int64_t count;
};

template <class SUM, class INPUT>
struct AvgAccumulate {
  static constexpr bool kNeedsDestroy = false;
  static void Initialize(AvgState<SUM>& s) { s.sum = 0; s.count = 0; }
  static void Operation(AvgState<SUM>& s, const INPUT& v) {
    s.sum += v;
    s.count++;
  }
  static void SimpleBatch(AvgState<SUM>& s, const INPUT* data, idx_t count) {
    SUM acc = 0;
    for (idx_t i = 0; i < count; i++) acc += data[i];
    s.sum += acc;
    s.count += static_cast<int64_t>(count);
  }
  static void Combine(const AvgState<SUM>& src, AvgState<SUM>& dst) {
    dst.sum += src.sum;
    dst.count += src.count;
  }
};

using HugeAvgState = AvgState<hugeint_t>;
using DoubleAvgState = AvgState<double>;

template <class INPUT>
struct IntegerAvgOp : AvgAccumulate<hugeint_t, INPUT> {
  static void Finalize(HugeAvgState& s, Vector& result, idx_t row) {
    if (s.count == 0) {
      result.validity().SetInvalid(row);
      return;
    }
    // Integer part and remainder separately keeps precision for huge sums.
    hugeint_t q = s.sum / s.count, r = s.sum % s.count;
    double value = static_cast<double>(q) + static_cast<double>(r) / static_cast<double>(s.count);
    result.data<double>()[row] = value;
  }
};

struct DoubleAvgOp : AvgAccumulate<double, double> {
  static void Finalize(DoubleAvgState& s, Vector& result, idx_t row) {
    if (s.count == 0) {
      result.validity().SetInvalid(row);
      return;
    }
    result.data<double>()[row] = s.sum / static_cast<double>(s.count);
  }
};

template <class INPUT>
AggregateFunction MakeIntegerAvg(const LogicalType& argument) {
  AggregateFunction fn = MakeUnary<HugeAvgState, INPUT, IntegerAvgOp<INPUT>>("avg", argument, TypeId::DOUBLE);
  if (argument.id() == TypeId::DECIMAL && argument.scale() > 0) {
    // Divide by 10^scale after the integer average.
    double divisor = static_cast<double>(decimal::PowerOfTen(argument.scale()));
    auto base = fn.finalize;
    fn.finalize = [base, divisor](uint8_t** states, idx_t count, Vector& result, idx_t offset) {
      base(states, count, result, offset);
      auto* out = result.data<double>();
      for (idx_t i = 0; i < count; i++) out[offset + i] /= divisor;
    };
  }
  return fn;
}

}  // namespace

AggregateFunction BindAvg(const LogicalType& argument) {
  if (argument.IsIntegral() || argument.id() == TypeId::DECIMAL) {
    switch (argument.physical_type()) {
      case PhysicalType::INT32: return MakeIntegerAvg<int32_t>(argument);
      case PhysicalType::INT64: return MakeIntegerAvg<int64_t>(argument);
      case PhysicalType::INT128: return MakeIntegerAvg<hugeint_t>(argument);
      default: break;
    }
  }
  if (argument.id() == TypeId::DOUBLE || argument.id() == TypeId::FLOAT) {
    return MakeUnary<DoubleAvgState, double, DoubleAvgOp>("avg", argument, TypeId::DOUBLE);
  }
  throw Exception(sqlstate::kUndefinedFunction, "No function matches avg(" + argument.ToString() + ")");
}

}  // namespace cairn::aggregate
