// SUM: integers and DECIMAL(<=18) accumulate in 128 bits (result HUGEINT / DECIMAL(38,s), as
// DuckDB); HUGEINT-backed inputs check for 128-bit overflow (22003); DOUBLE sums in double.
#include "cairn/exception.h"
#include "common/decimal.h"
#include "function/aggregate/unary_aggregate.h"

namespace cairn::aggregate {
namespace {

struct HugeSumState {
  hugeint_t sum;
  bool has;
};

template <class INPUT>
struct IntegerSumOp {
  static constexpr bool kNeedsDestroy = false;
  static void Initialize(HugeSumState& s) { s.sum = 0; s.has = false; }
  static void Operation(HugeSumState& s, const INPUT& v) {
    s.sum += v;
    s.has = true;
  }
  static void SimpleBatch(HugeSumState& s, const INPUT* data, idx_t count) {
    if (count == 0) return;
    if constexpr (std::is_same_v<INPUT, int32_t>) {
      int64_t acc = 0;  // 2048 * 2^31 fits easily
      for (idx_t i = 0; i < count; i++) acc += data[i];
      s.sum += acc;
    } else {
      hugeint_t acc = 0;
      for (idx_t i = 0; i < count; i++) acc += data[i];
      s.sum += acc;
    }
    s.has = true;
  }
  static void Combine(const HugeSumState& src, HugeSumState& dst) {
    dst.sum += src.sum;
    dst.has |= src.has;
  }
  static void Finalize(HugeSumState& s, Vector& result, idx_t row) {
    if (!s.has) {
      result.validity().SetInvalid(row);
      return;
    }
    result.data<hugeint_t>()[row] = s.sum;
  }
};

void ThrowSumOverflow() { throw Exception(sqlstate::kNumericValueOutOfRange, "Overflow in SUM: result exceeds 128 bits"); }

struct CheckedHugeSumOp {
  static constexpr bool kNeedsDestroy = false;
  static void Initialize(HugeSumState& s) { s.sum = 0; s.has = false; }
  static void Operation(HugeSumState& s, const hugeint_t& v) {
    if (__builtin_add_overflow(s.sum, v, &s.sum)) ThrowSumOverflow();
    s.has = true;
  }
  static void Combine(const HugeSumState& src, HugeSumState& dst) {
    if (__builtin_add_overflow(dst.sum, src.sum, &dst.sum)) ThrowSumOverflow();
    dst.has |= src.has;
  }
  static void Finalize(HugeSumState& s, Vector& result, idx_t row) {
    if (!s.has) {
      result.validity().SetInvalid(row);
      return;
    }
    if (result.type().id() == TypeId::DECIMAL && !decimal::FitsWidth(s.sum, decimal::kMaxWidth)) {
      throw Exception(sqlstate::kNumericValueOutOfRange, "Overflow in SUM: result does not fit DECIMAL(38)");
    }
    result.data<hugeint_t>()[row] = s.sum;
  }
};

struct DoubleSumState {
  double sum;
  bool has;
};

struct DoubleSumOp {
  static constexpr bool kNeedsDestroy = false;
  static void Initialize(DoubleSumState& s) { s.sum = 0; s.has = false; }
  static void Operation(DoubleSumState& s, const double& v) {
    s.sum += v;
    s.has = true;
  }
  static void SimpleBatch(DoubleSumState& s, const double* data, idx_t count) {
    if (count == 0) return;
    double acc = 0;
    for (idx_t i = 0; i < count; i++) acc += data[i];
    s.sum += acc;
    s.has = true;
  }
  static void Combine(const DoubleSumState& src, DoubleSumState& dst) {
    dst.sum += src.sum;
    dst.has |= src.has;
  }
  static void Finalize(DoubleSumState& s, Vector& result, idx_t row) {
    if (!s.has) {
      result.validity().SetInvalid(row);
      return;
    }
    result.data<double>()[row] = s.sum;
  }
};

}  // namespace

AggregateFunction BindSum(const LogicalType& argument) {
  if (argument.id() == TypeId::DECIMAL) {
    LogicalType result = LogicalType::Decimal(decimal::kMaxWidth, argument.scale());
    if (argument.physical_type() == PhysicalType::INT64) {
      return MakeUnary<HugeSumState, int64_t, IntegerSumOp<int64_t>>("sum", argument, result);
    }
    return MakeUnary<HugeSumState, hugeint_t, CheckedHugeSumOp>("sum", argument, result);
  }
  if (argument.IsIntegral()) {
    switch (argument.physical_type()) {
      case PhysicalType::INT32: return MakeUnary<HugeSumState, int32_t, IntegerSumOp<int32_t>>("sum", argument, TypeId::HUGEINT);
      case PhysicalType::INT64: return MakeUnary<HugeSumState, int64_t, IntegerSumOp<int64_t>>("sum", argument, TypeId::HUGEINT);
      case PhysicalType::INT128: return MakeUnary<HugeSumState, hugeint_t, CheckedHugeSumOp>("sum", argument, TypeId::HUGEINT);
      default: break;
    }
  }
  if (argument.id() == TypeId::DOUBLE || argument.id() == TypeId::FLOAT) {
    return MakeUnary<DoubleSumState, double, DoubleSumOp>("sum", argument, TypeId::DOUBLE);
  }
  throw Exception(sqlstate::kUndefinedFunction, "No function matches sum(" + argument.ToString() + ")");
}

}  // namespace cairn::aggregate
