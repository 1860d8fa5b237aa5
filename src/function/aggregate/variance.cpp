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
// Result type: double precision for every numeric argument. PostgreSQL returns numeric (computed
// exactly) for integer and numeric arguments; Cairn converts them to double precision first
// (docs/sql/aggregates.md). NULLs are skipped; no rows → NULL; the sample forms of one row → NULL,
// the population forms of one row → 0. A NaN or infinite input makes the result NaN; a sum that
// overflows from finite inputs is 22003.
#include <cmath>

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

template <VarianceKind KIND>
AggregateFunction Make(const std::string& name) {
  return MakeUnary<MomentState, double, VarianceOp<KIND>>(name, TypeId::DOUBLE, TypeId::DOUBLE);
}

}  // namespace

AggregateFunction BindVariance(const std::string& name, const LogicalType& argument) {
  if (!argument.IsNumeric()) {
    throw Exception(sqlstate::kUndefinedFunction, "No function matches " + name + "(" + argument.ToString() + ")");
  }
  if (name == "var_pop") return Make<VarianceKind::VAR_POP>(name);
  if (name == "var_samp" || name == "variance") return Make<VarianceKind::VAR_SAMP>(name);
  if (name == "stddev_pop") return Make<VarianceKind::STDDEV_POP>(name);
  if (name == "stddev_samp" || name == "stddev") return Make<VarianceKind::STDDEV_SAMP>(name);
  throw Exception(sqlstate::kInternalError, "unknown variance aggregate " + name);
}

}  // namespace cairn::aggregate
