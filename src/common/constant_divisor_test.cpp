#include "common/constant_divisor.h"

#include <gtest/gtest.h>

#include <limits>
#include <random>
#include <vector>

namespace cairn {
namespace {

constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();

// Divisors of every magnitude: small ones, powers of two and their neighbours, the largest.
std::vector<uint64_t> Divisors() {
  std::vector<uint64_t> divisors = {2, 3, 5, 6, 7, 10, 12, 60, 100, 641, 1000, 3000000, 1000000007,
                                    (uint64_t(1) << 31) - 1, (uint64_t(1) << 32) + 1, 6700417, 274177,
                                    uint64_t(kMax) - 1, uint64_t(kMax), uint64_t(kMax) + 1};
  for (unsigned b = 1; b < 64; b++) {
    const uint64_t p = uint64_t(1) << b;
    for (uint64_t d : {p - 1, p, p + 1}) {
      if (d >= 2) divisors.push_back(d);
    }
  }
  std::mt19937_64 random(20261201);
  for (int i = 0; i < 300; i++) {
    const uint64_t d = random() >> (random() % 63);
    if (d >= 2) divisors.push_back(d);
  }
  return divisors;
}

// Dividends near the edges and near multiples of the divisor, where a wrong multiplier or
// shift shows first, and random ones of every magnitude.
std::vector<int64_t> Dividends(uint64_t d, std::mt19937_64& random) {
  std::vector<int64_t> values = {0, 1, -1, 2, -2, kMin, kMin + 1, kMax, kMax - 1};
  for (int64_t k : {int64_t(1), int64_t(2), int64_t(3), int64_t(1000), int64_t(kMax / int64_t(d))}) {
    if (d > uint64_t(kMax) || k > kMax / int64_t(d)) continue;
    const int64_t m = k * int64_t(d);
    for (int64_t base : {m, -m}) {
      for (int64_t delta : {int64_t(-1), int64_t(0), int64_t(1)}) {
        int64_t v;
        if (!__builtin_add_overflow(base, delta, &v)) values.push_back(v);
      }
    }
  }
  for (int i = 0; i < 200; i++) values.push_back(static_cast<int64_t>(random() >> (random() % 64)) * (i % 2 ? -1 : 1));
  return values;
}

TEST(ConstantDivisorTest, EqualsHardwareDivisionForEveryKindOfOperand) {
  std::mt19937_64 random(7);
  for (uint64_t d : Divisors()) {
    const ConstantDivisor divisor(d);
    for (int64_t a : Dividends(d, random)) {
      if (d > uint64_t(kMax)) {
        // Beyond int64: only the unsigned form applies; |a| <= 2^63 < d except INT64_MIN at 2^63.
        const uint64_t n = a < 0 ? 0 - uint64_t(a) : uint64_t(a);
        ASSERT_EQ(divisor.DivideUnsigned(n), n / d) << n << " / " << d;
        continue;
      }
      const int64_t sd = static_cast<int64_t>(d);
      ASSERT_EQ(divisor.Divide(a), a / sd) << a << " / " << d;
      ASSERT_EQ(divisor.Remainder(a), a % sd) << a << " % " << d;
    }
    for (uint64_t n : {uint64_t(0), uint64_t(1), d - 1, d, d + 1, ~uint64_t(0), ~uint64_t(0) - 1, uint64_t(1) << 63}) {
      ASSERT_EQ(divisor.DivideUnsigned(n), n / d) << n << " / " << d;
    }
  }
}

TEST(ConstantDivisorTest, ExhaustiveOverSmallDividendsAndDivisors) {
  for (uint64_t d = 2; d <= 300; d++) {
    const ConstantDivisor divisor(d);
    for (int64_t a = -70000; a <= 70000; a++) {
      ASSERT_EQ(divisor.Divide(a), a / int64_t(d)) << a << " / " << d;
      ASSERT_EQ(divisor.Remainder(a), a % int64_t(d)) << a << " % " << d;
    }
  }
}

}  // namespace
}  // namespace cairn
