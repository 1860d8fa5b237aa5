// Two-variable statistics over double precision pairs (Y, X) — the argument order is the SQL
// standard's, dependent variable first: CORR, COVAR_POP, COVAR_SAMP, REGR_SLOPE,
// REGR_INTERCEPT, REGR_R2, REGR_COUNT, REGR_AVGX, REGR_AVGY, REGR_SXX, REGR_SYY, REGR_SXY.
//
// A row counts only when both Y and X are non-NULL. The state is PostgreSQL's float8 regression
// transition state (N, Sx, Sxx, Sy, Syy, Sxy), updated by the Youngs–Cramer formulas and merged
// by Chan et al.'s pairwise formulas (variance.cpp explains both), in the order PostgreSQL 15
// computes them; final functions as PostgreSQL 15's float8_regr_* / float8_corr / float8_covar_*:
// no rows → NULL (regr_count → 0); covar_samp of one row → NULL; corr, regr_slope,
// regr_intercept and regr_r2 of a vertical line (Sxx = 0) → NULL; corr of a horizontal line
// (Syy = 0) → NULL, regr_r2 → 1. Result types: double precision (regr_count: bigint); integer
// and numeric arguments are converted to double precision, as PostgreSQL's implicit casts do.
#include <cmath>
#include <optional>

#include "function/aggregate/float_accumulation.h"
#include "function/aggregate/unary_aggregate.h"

namespace cairn::aggregate {
namespace {

struct RegressionState {
  double n, sx, sxx, sy, syy, sxy;
};

void Accumulate(RegressionState& s, double y, double x) {
  RegressionState old = s;
  s.n += 1.0;
  s.sx += x;
  s.sy += y;
  if (old.n > 0.0) {
    double tx = x * s.n - s.sx;
    double ty = y * s.n - s.sy;
    double scale = 1.0 / (s.n * old.n);
    s.sxx += tx * tx * scale;
    s.syy += ty * ty * scale;
    s.sxy += tx * ty * scale;
    if (std::isinf(s.sx) || std::isinf(s.sxx) || std::isinf(s.sy) || std::isinf(s.syy) || std::isinf(s.sxy)) {
      if (((std::isinf(s.sx) || std::isinf(s.sxx)) && !std::isinf(old.sx) && !std::isinf(x)) ||
          ((std::isinf(s.sy) || std::isinf(s.syy)) && !std::isinf(old.sy) && !std::isinf(y)) ||
          (std::isinf(s.sxy) && !std::isinf(old.sx) && !std::isinf(x) && !std::isinf(old.sy) && !std::isinf(y))) {
        ThrowFloatOverflow();
      }
      if (std::isinf(s.sxx)) s.sxx = NAN;
      if (std::isinf(s.syy)) s.syy = NAN;
      if (std::isinf(s.sxy)) s.sxy = NAN;
    }
  } else {
    if (std::isnan(x) || std::isinf(x)) s.sxx = s.sxy = NAN;
    if (std::isnan(y) || std::isinf(y)) s.syy = s.sxy = NAN;
  }
}

void Merge(const RegressionState& src, RegressionState& dst) {
  if (src.n == 0.0) return;
  if (dst.n == 0.0) {
    dst = src;
    return;
  }
  RegressionState out;
  out.n = dst.n + src.n;
  out.sx = CheckedFloatAdd(dst.sx, src.sx);
  double tx = dst.sx / dst.n - src.sx / src.n;
  out.sxx = dst.sxx + src.sxx + dst.n * src.n * tx * tx / out.n;
  if (std::isinf(out.sxx) && !std::isinf(dst.sxx) && !std::isinf(src.sxx)) ThrowFloatOverflow();
  out.sy = CheckedFloatAdd(dst.sy, src.sy);
  double ty = dst.sy / dst.n - src.sy / src.n;
  out.syy = dst.syy + src.syy + dst.n * src.n * ty * ty / out.n;
  if (std::isinf(out.syy) && !std::isinf(dst.syy) && !std::isinf(src.syy)) ThrowFloatOverflow();
  out.sxy = dst.sxy + src.sxy + dst.n * src.n * tx * ty / out.n;
  if (std::isinf(out.sxy) && !std::isinf(dst.sxy) && !std::isinf(src.sxy)) ThrowFloatOverflow();
  dst = out;
}

enum class RegressionKind {
  CORR, COVAR_POP, COVAR_SAMP, REGR_SLOPE, REGR_INTERCEPT, REGR_R2, REGR_COUNT,
  REGR_AVGX, REGR_AVGY, REGR_SXX, REGR_SYY, REGR_SXY
};

/// The final value of `s` for KIND, or nothing for NULL.
std::optional<double> Final(RegressionKind kind, const RegressionState& s) {
  if (s.n < 1.0) return std::nullopt;
  switch (kind) {
    case RegressionKind::CORR:
      if (s.sxx == 0 || s.syy == 0) return std::nullopt;
      return s.sxy / std::sqrt(s.sxx * s.syy);
    case RegressionKind::COVAR_POP: return s.sxy / s.n;
    case RegressionKind::COVAR_SAMP:
      if (s.n < 2.0) return std::nullopt;
      return s.sxy / (s.n - 1.0);
    case RegressionKind::REGR_SLOPE:
      if (s.sxx == 0) return std::nullopt;
      return s.sxy / s.sxx;
    case RegressionKind::REGR_INTERCEPT:
      if (s.sxx == 0) return std::nullopt;
      return (s.sy - s.sx * s.sxy / s.sxx) / s.n;
    case RegressionKind::REGR_R2:
      if (s.sxx == 0) return std::nullopt;
      if (s.syy == 0) return 1.0;
      return (s.sxy * s.sxy) / (s.sxx * s.syy);
    case RegressionKind::REGR_AVGX: return s.sx / s.n;
    case RegressionKind::REGR_AVGY: return s.sy / s.n;
    case RegressionKind::REGR_SXX: return s.sxx;
    case RegressionKind::REGR_SYY: return s.syy;
    case RegressionKind::REGR_SXY: return s.sxy;
    case RegressionKind::REGR_COUNT: return s.n;
  }
  return std::nullopt;
}

RegressionState& State(uint8_t* p) { return *reinterpret_cast<RegressionState*>(p); }

/// Feeds rows 0..count-1 of (inputs[0] = Y, inputs[1] = X) whose values are both non-NULL into
/// `state_of(i)`.
template <class STATE_OF>
void UpdatePairs(Vector* inputs, idx_t count, STATE_OF&& state_of) {
  UnifiedFormat fy, fx;
  inputs[0].ToUnified(count, fy);
  inputs[1].ToUnified(count, fx);
  const auto* ys = reinterpret_cast<const double*>(fy.data);
  const auto* xs = reinterpret_cast<const double*>(fx.data);
  for (idx_t i = 0; i < count; i++) {
    idx_t iy = fy.sel->get_index(i), ix = fx.sel->get_index(i);
    if (!fy.validity->RowIsValid(iy) || !fx.validity->RowIsValid(ix)) continue;
    Accumulate(state_of(i), ys[iy], xs[ix]);
  }
}

}  // namespace

AggregateFunction BindRegression(const std::string& name, const std::vector<LogicalType>& arguments) {
  static const std::pair<const char*, RegressionKind> kKinds[] = {
      {"corr", RegressionKind::CORR},           {"covar_pop", RegressionKind::COVAR_POP},
      {"covar_samp", RegressionKind::COVAR_SAMP}, {"regr_slope", RegressionKind::REGR_SLOPE},
      {"regr_intercept", RegressionKind::REGR_INTERCEPT}, {"regr_r2", RegressionKind::REGR_R2},
      {"regr_count", RegressionKind::REGR_COUNT}, {"regr_avgx", RegressionKind::REGR_AVGX},
      {"regr_avgy", RegressionKind::REGR_AVGY}, {"regr_sxx", RegressionKind::REGR_SXX},
      {"regr_syy", RegressionKind::REGR_SYY},   {"regr_sxy", RegressionKind::REGR_SXY}};
  const RegressionKind* found = nullptr;
  for (const auto& [n, k] : kKinds) {
    if (name == n) found = &k;
  }
  if (!found) throw Exception(sqlstate::kUndefinedFunction, "function " + name + " does not exist");
  if (arguments.size() != 2 || !arguments[0].IsNumeric() || !arguments[1].IsNumeric()) {
    std::string types;
    for (size_t i = 0; i < arguments.size(); i++) types += (i ? ", " : "") + arguments[i].ToString();
    throw Exception(sqlstate::kUndefinedFunction, "No function matches " + name + "(" + types + ")");
  }
  RegressionKind kind = *found;
  AggregateFunction fn;
  fn.name = name;
  fn.arguments = {TypeId::DOUBLE, TypeId::DOUBLE};
  fn.return_type = kind == RegressionKind::REGR_COUNT ? LogicalType(TypeId::BIGINT) : LogicalType(TypeId::DOUBLE);
  fn.state_size = (sizeof(RegressionState) + 15) & ~size_t(15);
  fn.initialize = [](uint8_t* s) { State(s) = RegressionState{0, 0, 0, 0, 0, 0}; };
  fn.update = [](Vector* inputs, idx_t, uint8_t** states, idx_t count) {
    UpdatePairs(inputs, count, [&](idx_t i) -> RegressionState& { return State(states[i]); });
  };
  fn.simple_update = [](Vector* inputs, idx_t, uint8_t* state, idx_t count) {
    UpdatePairs(inputs, count, [&](idx_t) -> RegressionState& { return State(state); });
  };
  fn.combine = [](const uint8_t* source, uint8_t* target) {
    Merge(*reinterpret_cast<const RegressionState*>(source), State(target));
  };
  fn.finalize = [kind](uint8_t** states, idx_t count, Vector& result, idx_t offset) {
    for (idx_t i = 0; i < count; i++) {
      const RegressionState& s = State(states[i]);
      if (kind == RegressionKind::REGR_COUNT) {
        result.data<int64_t>()[offset + i] = static_cast<int64_t>(s.n);
        continue;
      }
      auto value = Final(kind, s);
      if (value) {
        result.data<double>()[offset + i] = *value;
      } else {
        result.validity().SetInvalid(offset + i);
      }
    }
  };
  return fn;
}

}  // namespace cairn::aggregate
