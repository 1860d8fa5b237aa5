// SUM with PostgreSQL 15's result types: sum(smallint | integer) is BIGINT (22003 "bigint out
// of range" past 2^63), sum(bigint) is NUMERIC — DECIMAL(38,0) here, 22003 past 38 digits
// where PostgreSQL's numeric keeps going (docs/design/postgresql-semantics.md) —, sum(numeric)
// is DECIMAL(38,s) for a DECIMAL(p,s) argument and NUMERIC (the largest scale of its values)
// for an unconstrained NUMERIC, sum(real) REAL and sum(double precision) DOUBLE. Every integer and decimal
// sum accumulates exactly in 128 bits; 128-bit inputs check each addition for overflow.
#include "cairn/exception.h"
#include "common/decimal.h"
#include "function/aggregate/numeric_sum.h"
#include "function/aggregate/unary_aggregate.h"

namespace cairn::aggregate {
namespace {

struct HugeSumState {
  hugeint_t sum;
  bool has;
};

/// Stores an exact sum into a BIGINT or DECIMAL(38,s) result; 22003 when it does not fit.
void WriteSum(hugeint_t sum, Vector& result, idx_t row) {
  if (result.type().id() == TypeId::BIGINT) {
    if (sum > INT64_MAX || sum < INT64_MIN) throw Exception(sqlstate::kNumericValueOutOfRange, "bigint out of range");
    result.data<int64_t>()[row] = static_cast<int64_t>(sum);
    return;
  }
  if (!decimal::FitsWidth(sum, decimal::kMaxWidth)) {
    throw Exception(sqlstate::kNumericValueOutOfRange, "numeric value out of range: sum exceeds 38 digits");
  }
  result.data<hugeint_t>()[row] = sum;
}

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
    WriteSum(s.sum, result, row);
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
    WriteSum(s.sum, result, row);
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

// sum(numeric): exact, at the largest scale seen (PostgreSQL's numeric sum).
struct NumericSumOp {
  static constexpr bool kNeedsDestroy = false;
  static void Initialize(NumericSum& s) { s.Initialize(); }
  static void Operation(NumericSum& s, const hugeint_t& v) { s.AddPacked(v); }
  static void Combine(const NumericSum& src, NumericSum& dst) { dst.Combine(src); }
  static void Finalize(NumericSum& s, Vector& result, idx_t row) {
    if (s.count == 0) {
      result.validity().SetInvalid(row);
      return;
    }
    result.data<hugeint_t>()[row] = numeric::Pack(s.sum, s.scale);
  }
};

}  // namespace

AggregateFunction BindSum(const LogicalType& argument) {
  if (argument.id() == TypeId::NUMERIC) {
    return MakeUnary<NumericSum, hugeint_t, NumericSumOp>("sum", argument, argument);
  }
  if (argument.id() == TypeId::DECIMAL) {
    LogicalType result = LogicalType::Decimal(decimal::kMaxWidth, argument.scale());
    if (argument.physical_type() == PhysicalType::INT64) {
      return MakeUnary<HugeSumState, int64_t, IntegerSumOp<int64_t>>("sum", argument, result);
    }
    return MakeUnary<HugeSumState, hugeint_t, CheckedHugeSumOp>("sum", argument, result);
  }
  if (argument.IsIntegral()) {
    // 64-bit and wider integers sum to NUMERIC as PostgreSQL's sum(int8); narrower ones to BIGINT.
    bool wide = argument.id() == TypeId::BIGINT || argument.id() == TypeId::UBIGINT || argument.id() == TypeId::HUGEINT;
    LogicalType result = wide ? LogicalType::Decimal(decimal::kMaxWidth, 0) : LogicalType(TypeId::BIGINT);
    switch (argument.physical_type()) {
      case PhysicalType::INT32: return MakeUnary<HugeSumState, int32_t, IntegerSumOp<int32_t>>("sum", argument, result);
      case PhysicalType::INT64: return MakeUnary<HugeSumState, int64_t, IntegerSumOp<int64_t>>("sum", argument, result);
      case PhysicalType::INT128: return MakeUnary<HugeSumState, hugeint_t, CheckedHugeSumOp>("sum", argument, result);
      default: break;
    }
  }
  if (argument.id() == TypeId::DOUBLE || argument.id() == TypeId::FLOAT) {
    // sum(real) is real in PostgreSQL (float4pl); Cairn's REAL is stored as double.
    return MakeUnary<DoubleSumState, double, DoubleSumOp>("sum", argument, argument.id());
  }
  throw Exception(sqlstate::kUndefinedFunction, "No function matches sum(" + argument.ToString() + ")");
}

}  // namespace cairn::aggregate
