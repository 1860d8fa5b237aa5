// VAR_POP, VAR_SAMP (VARIANCE), STDDEV_POP, STDDEV_SAMP (STDDEV) over double precision.
//
// The state is PostgreSQL's float8 transition state (N, Sx, Sxx), with Sxx the sum of squared
// deviations from the mean, updated one value at a time by the Youngs–Cramer formula
// (Youngs & Cramer, Technometrics 13(3), 1971) and merged across threads by the pairwise formula
// of Chan, Golub & LeVeque ("Algorithms for computing the sample variance", 1979/1983):
//   update:  N' = N + 1, Sx' = Sx + x, Sxx' = Sxx + (x·N' − Sx')² / (N'·N)
//   merge:   N = N1 + N2, Sx = Sx1 + Sx2, Sxx = Sxx1 + Sxx2 + N1·N2·(Sx1/N1 − Sx2/N2)² / N
// Both are numerically stable (no catastrophic cancellation of Σx² − (Σx)²/N) and are the
// operations PostgreSQL 15 performs, in the same order, so a single-threaded run gives the same
// bits as PostgreSQL for double precision input.
//
// Result type: double precision for real and double precision arguments; NUMERIC for integer,
// DECIMAL and NUMERIC arguments, computed exactly as PostgreSQL's numeric_stddev_internal from
// N, Σx and Σx² kept in 128 and 256 bits (ExactMomentState; 22003 past those), with its result
// scales (docs/sql/aggregates.md, docs/design/numeric.md). NULLs are skipped; no rows → NULL; the sample forms of one row → NULL,
// the population forms of one row → 0. A NaN or infinite input makes the result NaN; a sum that
// overflows from finite inputs is 22003.
#include <algorithm>
#include <cmath>
#include <string>

#include "common/decimal.h"
#include "common/numeric.h"
#include "common/uint256.h"
#include "function/aggregate/float_accumulation.h"
#include "function/aggregate/unary_aggregate.h"

namespace cairn::aggregate {
namespace {

struct MomentState {
  double n;
  double sx;
  double sxx;
};

enum class VarianceKind { VAR_POP, VAR_SAMP, STDDEV_POP, STDDEV_SAMP };

template <VarianceKind KIND>
struct VarianceOp {
  static constexpr bool kNeedsDestroy = false;
  static void Initialize(MomentState& s) { s = MomentState{0, 0, 0}; }
  static void Operation(MomentState& s, const double& x) {
    double previous_n = s.n, previous_sx = s.sx;
    s.n += 1.0;
    s.sx += x;
    if (previous_n > 0.0) {
      double t = x * s.n - s.sx;
      s.sxx += t * t / (s.n * previous_n);
      if (std::isinf(s.sx) || std::isinf(s.sxx)) {
        if (!std::isinf(previous_sx) && !std::isinf(x)) ThrowFloatOverflow();
        s.sxx = NAN;
      }
    } else if (std::isnan(x) || std::isinf(x)) {
      // A first input of NaN or ±Infinity: the deviation sum is undefined from here on.
      s.sxx = NAN;
    }
  }
  static void Combine(const MomentState& src, MomentState& dst) {
    if (src.n == 0.0) return;
    if (dst.n == 0.0) {
      dst = src;
      return;
    }
    double n = dst.n + src.n;
    double sx = CheckedFloatAdd(dst.sx, src.sx);
    double t = dst.sx / dst.n - src.sx / src.n;
    double sxx = dst.sxx + src.sxx + dst.n * src.n * t * t / n;
    if (std::isinf(sxx) && !std::isinf(dst.sxx) && !std::isinf(src.sxx)) ThrowFloatOverflow();
    dst = MomentState{n, sx, sxx};
  }
  static void Finalize(MomentState& s, Vector& result, idx_t row) {
    constexpr bool kSample = KIND == VarianceKind::VAR_SAMP || KIND == VarianceKind::STDDEV_SAMP;
    if (s.n == 0.0 || (kSample && s.n <= 1.0)) {
      result.validity().SetInvalid(row);
      return;
    }
    double variance = s.sxx / (kSample ? s.n - 1.0 : s.n);
    constexpr bool kRoot = KIND == VarianceKind::STDDEV_POP || KIND == VarianceKind::STDDEV_SAMP;
    result.data<double>()[row] = kRoot ? std::sqrt(variance) : variance;
  }
};

// ---- exact moments for integer, DECIMAL and NUMERIC input (PostgreSQL's numeric path) ----

[[noreturn]] void ThrowMomentOverflow() {
  throw Exception(sqlstate::kNumericValueOutOfRange, "value overflows numeric format in a variance");
}

using uhugeint_t = unsigned __int128;

uhugeint_t Magnitude(hugeint_t v) { return v < 0 ? uhugeint_t(0) - static_cast<uhugeint_t>(v) : static_cast<uhugeint_t>(v); }

UInt256 Square(hugeint_t v) {
  UInt256 out;
  if (!Multiply128(UInt256::From128(Magnitude(v)), Magnitude(v), out)) ThrowMomentOverflow();
  return out;
}

// this * 10^exponent, checked.
UInt256 ScaleUp256(UInt256 v, int exponent) {
  while (exponent > 0) {
    int step = std::min(exponent, 19);
    if (!Multiply64(v, static_cast<uint64_t>(decimal::PowerOfTen(step)), v)) ThrowMomentOverflow();
    exponent -= step;
  }
  return v;
}

// Decimal digits of a magnitude ("0" for zero).
std::string Digits(UInt256 v) {
  if (v.IsZero()) return "0";
  const UInt256 chunk = UInt256::From128(static_cast<uhugeint_t>(decimal::PowerOfTen(19)));
  std::string out;
  while (!v.IsZero()) {
    UInt256 q, r;
    DivideWithRemainder(v, chunk, q, r);
    std::string part = std::to_string(r.limb[0]);
    if (!q.IsZero()) part.insert(0, 19 - part.size(), '0');
    out.insert(0, part);
    v = q;
  }
  return out;
}

/// N, Σx and Σx² exactly, Σx at the largest display scale seen and Σx² at twice it (PostgreSQL's
/// numeric accumulation: do_numeric_accum).
struct ExactMomentState {
  int64_t n;
  hugeint_t sum;
  UInt256 sum_squares;
  int32_t scale;

  void Rescale(int new_scale) {
    if (new_scale <= scale) return;
    int d = new_scale - scale;
    if (d > 38 || __builtin_mul_overflow(sum, decimal::PowerOfTen(d), &sum)) ThrowMomentOverflow();
    sum_squares = ScaleUp256(sum_squares, 2 * d);
    scale = new_scale;
  }
  void Add(int64_t count, hugeint_t value_sum, const UInt256& value_squares, int value_scale) {
    Rescale(value_scale);
    hugeint_t aligned_sum = value_sum;
    UInt256 aligned_squares = value_squares;
    if (value_scale < scale) {
      int d = scale - value_scale;
      if (__builtin_mul_overflow(value_sum, decimal::PowerOfTen(d), &aligned_sum)) ThrowMomentOverflow();
      aligned_squares = ScaleUp256(value_squares, 2 * d);
    }
    if (__builtin_add_overflow(sum, aligned_sum, &sum)) ThrowMomentOverflow();
    if (!cairn::Add(sum_squares, aligned_squares, sum_squares)) ThrowMomentOverflow();
    n += count;
  }
};

// Finalizes as PostgreSQL's numeric_stddev_internal: numerator N·Σx² − (Σx)² (scale 2s), 0 when
// it is not positive; divided by N·(N−1) (sample) or N² (population) at select_div_scale,
// rounded half away from zero; the standard deviations take the square root of that rounded
// variance at the same scale.
template <VarianceKind KIND>
struct ExactVarianceOp {
  static constexpr bool kNeedsDestroy = false;
  static void Initialize(ExactMomentState& s) {
    s.n = 0;
    s.sum = 0;
    s.sum_squares = UInt256();
    s.scale = 0;
  }
  static void Operation(ExactMomentState& s, const hugeint_t& packed) {
    hugeint_t u = numeric::Unscaled(packed);
    s.Add(1, u, Square(u), numeric::Scale(packed));
  }
  static void Combine(const ExactMomentState& src, ExactMomentState& dst) {
    if (src.n > 0) dst.Add(src.n, src.sum, src.sum_squares, src.scale);
  }
  static void Finalize(ExactMomentState& s, Vector& result, idx_t row) {
    constexpr bool kSample = KIND == VarianceKind::VAR_SAMP || KIND == VarianceKind::STDDEV_SAMP;
    constexpr bool kRoot = KIND == VarianceKind::STDDEV_POP || KIND == VarianceKind::STDDEV_SAMP;
    if (s.n == 0 || (kSample && s.n <= 1)) {
      result.validity().SetInvalid(row);
      return;
    }
    UInt256 scaled_squares;
    if (!Multiply64(s.sum_squares, static_cast<uint64_t>(s.n), scaled_squares)) ThrowMomentOverflow();
    UInt256 square_of_sum = Square(s.sum);
    if (Compare(scaled_squares, square_of_sum) <= 0) {
      result.data<hugeint_t>()[row] = numeric::PackUnchecked(0, 0);
      return;
    }
    const UInt256 numerator = Subtract(scaled_squares, square_of_sum);
    const int numerator_scale = 2 * s.scale;
    const uhugeint_t n = static_cast<uhugeint_t>(s.n);
    const uhugeint_t denominator = kSample ? n * (n - 1) : n * n;
    const int scale = numeric::DivisionScaleOfDigits(Digits(numerator), numerator_scale,
                                                     decimal::HugeintToString(static_cast<hugeint_t>(denominator)), 0);
    if (scale > numeric::kMaxScale) ThrowMomentOverflow();
    // Quotient digits: the integer part, then one fractional digit at a time.
    const UInt256 divisor = UInt256::From128(denominator);
    UInt256 quotient, remainder;
    DivideWithRemainder(numerator, divisor, quotient, remainder);
    const UInt256 limit = UInt256::From128(static_cast<uhugeint_t>(decimal::PowerOfTen(numeric::kMaxDigits)));
    for (int i = numerator_scale; i < scale; i++) {
      UInt256 ten_r, digit, next;
      Multiply64(remainder, 10, ten_r);  // remainder < denominator < 2^126
      DivideWithRemainder(ten_r, divisor, digit, remainder);
      if (!Multiply64(quotient, 10, next) || !cairn::Add(next, digit, quotient)) ThrowMomentOverflow();
    }
    UInt256 twice_remainder;
    Multiply64(remainder, 2, twice_remainder);
    if (Compare(twice_remainder, divisor) >= 0) cairn::Add(quotient, UInt256::From128(1), quotient);
    if constexpr (!kRoot) {
      uhugeint_t variance;
      if (Compare(quotient, limit) >= 0 || !quotient.To128(variance)) ThrowMomentOverflow();
      result.data<hugeint_t>()[row] = numeric::PackUnchecked(static_cast<hugeint_t>(variance), scale);
    } else {
      // sqrt(variance * 10^-scale) * 10^scale = sqrt(variance * 10^scale), rounded half up. The
      // variance itself may pass 35 digits; only its root must fit.
      UInt256 radicand;
      if (!Multiply128(quotient, static_cast<uhugeint_t>(decimal::PowerOfTen(scale)), radicand)) ThrowMomentOverflow();
      UInt256 root = SquareRootFloor(radicand);
      uhugeint_t r;
      if (Compare(root, limit) >= 0 || !root.To128(r)) ThrowMomentOverflow();
      UInt256 root_squared;
      Multiply128(root, r, root_squared);
      if (Compare(Subtract(radicand, root_squared), root) > 0) r++;
      hugeint_t packed;
      if (!numeric::TryPack(static_cast<hugeint_t>(r), scale, packed)) ThrowMomentOverflow();
      result.data<hugeint_t>()[row] = packed;
    }
  }
};

template <VarianceKind KIND>
AggregateFunction Make(const std::string& name, const LogicalType& argument) {
  if (argument.IsIntegral() || argument.id() == TypeId::DECIMAL || argument.id() == TypeId::NUMERIC) {
    // Exact, as PostgreSQL's numeric path; the argument is cast to NUMERIC.
    return MakeUnary<ExactMomentState, hugeint_t, ExactVarianceOp<KIND>>(name, TypeId::NUMERIC, TypeId::NUMERIC);
  }
  return MakeUnary<MomentState, double, VarianceOp<KIND>>(name, TypeId::DOUBLE, TypeId::DOUBLE);
}

}  // namespace

AggregateFunction BindVariance(const std::string& name, const LogicalType& argument) {
  if (!argument.IsNumeric()) {
    throw Exception(sqlstate::kUndefinedFunction, "No function matches " + name + "(" + argument.ToString() + ")");
  }
  if (name == "var_pop") return Make<VarianceKind::VAR_POP>(name, argument);
  if (name == "var_samp" || name == "variance") return Make<VarianceKind::VAR_SAMP>(name, argument);
  if (name == "stddev_pop") return Make<VarianceKind::STDDEV_POP>(name, argument);
  if (name == "stddev_samp" || name == "stddev") return Make<VarianceKind::STDDEV_SAMP>(name, argument);
  throw Exception(sqlstate::kInternalError, "unknown variance aggregate " + name);
}

}  // namespace cairn::aggregate
