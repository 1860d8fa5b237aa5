// APPROX_COUNT_DISTINCT(x) (DuckDB's name): an estimate of count(DISTINCT x) from a HyperLogLog
// sketch (Flajolet, Fusy, Gandouet & Meunier, "HyperLogLog: the analysis of a near-optimal
// cardinality estimation algorithm", AofA 2007) with 2^12 one-byte registers per group.
//
// Each non-NULL value is hashed to 64 bits (common/hash.h; values that compare equal hash
// equally: -0.0 = 0.0, every NaN alike, intervals by their PostgreSQL order key); the top 12
// bits pick a register, which keeps the maximum over its values of 1 + the number of leading
// zeros of the remaining 52 bits (53 when they are all zero). Sketches merge exactly by taking
// each register's maximum, so Combine gives the same sketch whatever the split across threads.
// The estimate uses Ertl's improved estimator ("New cardinality estimation algorithms for
// HyperLogLog sketches", 2017, section 4), which needs no empirical bias tables and is unbiased
// from 0 to far beyond 2^52 distinct values.
//
// Error bound: relative standard error 1.04 / sqrt(4096) ≈ 1.6%; in practice the estimate is
// within 5% (about three standard errors) of the true count, and exact-or-nearly for a few
// hundred distinct values. Result: BIGINT, 0 for no non-NULL values. Memory: 64 bytes per group
// while at most 13 registers are set (a dozen distinct values), 4 KiB more beyond.
#include <bit>
#include <cmath>
#include <cstring>

#include "common/hash.h"
#include "function/aggregate/physical_type_dispatch.h"
#include "function/aggregate/unary_aggregate.h"
#include "common/numeric.h"

namespace cairn::aggregate {
namespace {

constexpr int kPrecision = 12;                    // log2 of the register count
constexpr idx_t kRegisters = idx_t(1) << kPrecision;
constexpr int kRankBits = 64 - kPrecision;        // the hash bits that give the rank

/// The sketch of one group. Until more than kSparseEntries registers are non-zero, they are kept
/// inline as (index, value) entries (no allocation: groups with few distinct values cost 64
/// bytes); then as kRegisters bytes. Both forms hold exactly the same register values.
constexpr idx_t kSparseEntries = 13;

struct SketchState {
  uint8_t* registers;                // kRegisters bytes once dense, else null
  uint32_t sparse_count;             // entries used while sparse
  uint32_t sparse[kSparseEntries];   // index << 8 | value, one per non-zero register
};

void Densify(SketchState& s) {
  s.registers = new uint8_t[kRegisters]();
  for (idx_t i = 0; i < s.sparse_count; i++) s.registers[s.sparse[i] >> 8] = static_cast<uint8_t>(s.sparse[i] & 0xff);
  s.sparse_count = 0;
}

/// Raises register `index` to at least `value`.
void RaiseRegister(SketchState& s, uint32_t index, uint8_t value) {
  if (s.registers) {
    if (value > s.registers[index]) s.registers[index] = value;
    return;
  }
  for (idx_t i = 0; i < s.sparse_count; i++) {
    if ((s.sparse[i] >> 8) == index) {
      if (value > (s.sparse[i] & 0xff)) s.sparse[i] = index << 8 | value;
      return;
    }
  }
  if (s.sparse_count < kSparseEntries) {
    s.sparse[s.sparse_count++] = index << 8 | value;
    return;
  }
  Densify(s);
  s.registers[index] = value;
}

void AddHash(SketchState& s, uint64_t hash) {
  auto index = static_cast<uint32_t>(hash >> kRankBits);
  uint64_t rest = hash << kPrecision;
  auto rank = static_cast<uint8_t>(rest == 0 ? kRankBits + 1 : std::countl_zero(rest) + 1);
  RaiseRegister(s, index, rank);
}

template <class T>
uint64_t HashValue(const T& v) {
  if constexpr (std::is_same_v<T, string_t>) {
    return HashBytes(v.data(), v.size());
  } else if constexpr (std::is_same_v<T, double>) {
    double normalized = v == 0 ? 0.0 : (std::isnan(v) ? NAN : v);
    uint64_t bits;
    std::memcpy(&bits, &normalized, sizeof(bits));
    return HashInt64(bits);
  } else if constexpr (std::is_same_v<T, interval_t>) {
    hugeint_t key = IntervalOrderKey(v);
    return HashCombine(HashInt64(static_cast<uint64_t>(key)), HashInt64(static_cast<uint64_t>(key >> 64)));
  } else if constexpr (std::is_same_v<T, hugeint_t>) {
    return HashCombine(HashInt64(static_cast<uint64_t>(v)), HashInt64(static_cast<uint64_t>(v >> 64)));
  } else {
    return HashInt64(static_cast<uint64_t>(static_cast<int64_t>(v)));
  }
}

// Ertl (2017), algorithm 6: sigma and tau series.
double Sigma(double x) {
  if (x == 1.0) return INFINITY;
  double y = 1, z = x, previous;
  do {
    x *= x;
    previous = z;
    z += x * y;
    y += y;
  } while (z != previous);
  return z;
}

double Tau(double x) {
  if (x == 0.0 || x == 1.0) return 0.0;
  double y = 1, z = 1 - x, previous;
  do {
    x = std::sqrt(x);
    previous = z;
    y *= 0.5;
    z -= (1 - x) * (1 - x) * y;
  } while (z != previous);
  return z / 3;
}

/// The estimated number of distinct hashes added to `s`.
double Estimate(const SketchState& s) {
  idx_t histogram[kRankBits + 2] = {};
  if (s.registers) {
    for (idx_t i = 0; i < kRegisters; i++) histogram[s.registers[i]]++;
  } else {
    histogram[0] = kRegisters - s.sparse_count;
    for (idx_t i = 0; i < s.sparse_count; i++) histogram[s.sparse[i] & 0xff]++;
  }
  const double m = static_cast<double>(kRegisters);
  double z = m * Tau(1.0 - static_cast<double>(histogram[kRankBits + 1]) / m);
  for (int k = kRankBits; k >= 1; k--) z = 0.5 * (z + static_cast<double>(histogram[k]));
  z += m * Sigma(static_cast<double>(histogram[0]) / m);
  constexpr double kAlphaInfinity = 0.7213475204444817;  // 1 / (2 ln 2)
  return kAlphaInfinity * m * m / z;
}

template <class T>
struct ApproxCountDistinctOp {
  static constexpr bool kNeedsDestroy = true;
  /// NUMERIC values hash their canonical form, so 1.0 and 1.00 count once.
  static void OperationNumeric(SketchState& s, const hugeint_t& v) { AddHash(s, HashValue(numeric::Normalize(v))); }
  static void Initialize(SketchState& s) {
    s.registers = nullptr;
    s.sparse_count = 0;
  }
  static void Operation(SketchState& s, const T& v) { AddHash(s, HashValue(v)); }
  static void Combine(const SketchState& src, SketchState& dst) {
    if (!src.registers) {
      for (idx_t i = 0; i < src.sparse_count; i++) {
        RaiseRegister(dst, src.sparse[i] >> 8, static_cast<uint8_t>(src.sparse[i] & 0xff));
      }
      return;
    }
    if (!dst.registers) Densify(dst);
    for (idx_t i = 0; i < kRegisters; i++) dst.registers[i] = std::max(dst.registers[i], src.registers[i]);
  }
  static void Finalize(SketchState& s, Vector& result, idx_t row) {
    bool empty = !s.registers && s.sparse_count == 0;
    result.data<int64_t>()[row] = empty ? 0 : static_cast<int64_t>(std::llround(Estimate(s)));
  }
  static void Destroy(SketchState& s) {
    delete[] s.registers;
    s.registers = nullptr;
  }
};

struct NumericApproxCountDistinctOp : ApproxCountDistinctOp<hugeint_t> {
  static void Operation(SketchState& s, const hugeint_t& v) { OperationNumeric(s, v); }
};

}  // namespace

AggregateFunction BindApproxCountDistinct(const LogicalType& argument) {
  LogicalType type = argument.id() == TypeId::SQLNULL ? LogicalType(TypeId::VARCHAR) : argument;
  if (type.id() == TypeId::NUMERIC) {
    return MakeUnary<SketchState, hugeint_t, NumericApproxCountDistinctOp>("approx_count_distinct", type, TypeId::BIGINT);
  }
  return DispatchPhysical(type.physical_type(), [&](auto v) {
    using T = decltype(v);
    return MakeUnary<SketchState, T, ApproxCountDistinctOp<T>>("approx_count_distinct", type, TypeId::BIGINT);
  });
}

}  // namespace cairn::aggregate
