// AVG with PostgreSQL 15's result types: avg of smallint, integer, bigint and numeric is
// NUMERIC, of real and double precision DOUBLE. Integers and decimals sum exactly in 128 bits
// and divide once at the end as PostgreSQL's numeric_div: the quotient's scale is chosen per
// group by select_div_scale() (at least 16 significant digits, at least the inputs' scale) and
// it is rounded half away from zero (docs/design/numeric.md).
#include <algorithm>

#include "cairn/exception.h"
#include "common/decimal.h"
#include "function/aggregate/numeric_sum.h"
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

/// avg of integers and DECIMAL(p,s): the exact sum divided by the count as PostgreSQL's
/// numeric_div does it (numeric::DivideUnscaled), the sum's display scale being the input's.
template <class INPUT>
struct IntegerAvgOp : AvgAccumulate<hugeint_t, INPUT> {
  static void FinalizeScaled(HugeAvgState& s, Vector& result, idx_t row, int input_scale) {
    if (s.count == 0) {
      result.validity().SetInvalid(row);
      return;
    }
    result.data<hugeint_t>()[row] = numeric::DivideUnscaled(s.sum, input_scale, s.count, 0);
  }
  static void Finalize(HugeAvgState& s, Vector& result, idx_t row) { FinalizeScaled(s, result, row, 0); }
};

/// avg(numeric): the exact sum at the largest scale seen, divided by the count.
struct NumericAvgOp {
  static constexpr bool kNeedsDestroy = false;
  static void Initialize(NumericSum& s) { s.Initialize(); }
  static void Operation(NumericSum& s, const hugeint_t& v) { s.AddPacked(v); }
  static void Combine(const NumericSum& src, NumericSum& dst) { dst.Combine(src); }
  static void Finalize(NumericSum& s, Vector& result, idx_t row) {
    if (s.count == 0) {
      result.validity().SetInvalid(row);
      return;
    }
    result.data<hugeint_t>()[row] = numeric::DivideUnscaled(s.sum, s.scale, s.count, 0);
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
  AggregateFunction fn = MakeUnary<HugeAvgState, INPUT, IntegerAvgOp<INPUT>>("avg", argument, TypeId::NUMERIC);
  int input_scale = argument.id() == TypeId::DECIMAL ? argument.scale() : 0;
  fn.finalize = [input_scale](uint8_t** states, idx_t count, Vector& result, idx_t offset) {
    for (idx_t i = 0; i < count; i++) {
      IntegerAvgOp<INPUT>::FinalizeScaled(*reinterpret_cast<HugeAvgState*>(states[i]), result, offset + i, input_scale);
    }
  };
  return fn;
}

}  // namespace

AggregateFunction BindAvg(const LogicalType& argument) {
  if (argument.id() == TypeId::NUMERIC) {
    return MakeUnary<NumericSum, hugeint_t, NumericAvgOp>("avg", argument, TypeId::NUMERIC);
  }
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
