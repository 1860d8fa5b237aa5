// AVG with PostgreSQL 15's result types: avg of smallint, integer, bigint and numeric is
// NUMERIC, of real and double precision DOUBLE. Integers and decimals sum exactly in 128 bits
// and divide once at the end, rounding half away from zero as PostgreSQL's numeric division.
//
// PostgreSQL's numeric carries a display scale per value: avg divides with select_div_scale(),
// which gives 16 fractional digits when the quotient's leading base-10000 digit group is the
// units group (averages from about 1 to 9999, the common case), more for smaller averages and
// fewer for larger ones. Cairn's DECIMAL has one scale per column, so avg(integer types) is
// DECIMAL(38,16) and avg(DECIMAL(p,s)) is DECIMAL(38, max(s, min(16, 38 - (p - s)))): the same
// digits as PostgreSQL in the common case, otherwise the same value rounded to (or padded to)
// 16 digits (docs/design/postgresql-semantics.md).
#include <algorithm>

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

/// The scale avg gives a DECIMAL(width, scale) (or integer, scale 0) argument.
uint8_t AvgScale(const LogicalType& argument) {
  constexpr int kDivisionScale = 16;  // PostgreSQL's NUMERIC_MIN_SIG_DIGITS
  int width = argument.id() == TypeId::DECIMAL ? argument.width() : decimal::kMaxWidth;
  int scale = argument.id() == TypeId::DECIMAL ? argument.scale() : 0;
  if (argument.id() != TypeId::DECIMAL) {
    width = argument.physical_type() == PhysicalType::INT128 ? decimal::kMaxWidth : 19;  // 19 digits hold any int64
  }
  int integer_digits = width - scale;
  return static_cast<uint8_t>(std::max(scale, std::min(kDivisionScale, decimal::kMaxWidth - integer_digits)));
}

template <class INPUT>
struct IntegerAvgOp : AvgAccumulate<hugeint_t, INPUT> {
  /// Finalizes to a DECIMAL(38, S) result from inputs unscaled at `input_scale`; `factor` is
  /// 10^(S - input_scale). Quotient and remainder are scaled separately so that neither
  /// overflows 128 bits: |sum / count| <= the largest input, and remainder < count < 2^63.
  static void FinalizeScaled(HugeAvgState& s, Vector& result, idx_t row, hugeint_t factor) {
    if (s.count == 0) {
      result.validity().SetInvalid(row);
      return;
    }
    hugeint_t q = s.sum / s.count, r = s.sum % s.count;
    hugeint_t scaled_remainder = r * factor;
    hugeint_t fraction = scaled_remainder / s.count, rest = scaled_remainder % s.count;
    // Half away from zero: |rest| * 2 >= count rounds the magnitude up.
    hugeint_t twice = rest < 0 ? -rest * 2 : rest * 2;
    if (twice >= s.count) fraction += s.sum < 0 ? -1 : 1;
    result.data<hugeint_t>()[row] = q * factor + fraction;
  }
  static void Finalize(HugeAvgState& s, Vector& result, idx_t row) {
    FinalizeScaled(s, result, row, decimal::PowerOfTen(result.type().scale()));
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
  uint8_t scale = AvgScale(argument);
  LogicalType result = LogicalType::Decimal(decimal::kMaxWidth, scale);
  AggregateFunction fn = MakeUnary<HugeAvgState, INPUT, IntegerAvgOp<INPUT>>("avg", argument, result);
  int input_scale = argument.id() == TypeId::DECIMAL ? argument.scale() : 0;
  hugeint_t factor = decimal::PowerOfTen(scale - input_scale);
  fn.finalize = [factor](uint8_t** states, idx_t count, Vector& result, idx_t offset) {
    for (idx_t i = 0; i < count; i++) {
      IntegerAvgOp<INPUT>::FinalizeScaled(*reinterpret_cast<HugeAvgState*>(states[i]), result, offset + i, factor);
    }
  };
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
