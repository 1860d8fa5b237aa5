// ConstantDivisor: truncating division and remainder of 64-bit integers by a divisor fixed in
// advance, through a multiplication and shifts instead of a hardware division (Granlund &
// Montgomery, "Division by Invariant Integers using Multiplication", PLDI 1994, figure 4.1:
// unsigned N-bit division with l = ceil(log2 d) and m' = floor(2^N (2^l - d) / d) + 1). Used
// where one divisor divides a whole vector (`id % 3000000`): a 64-bit division costs tens of
// cycles, the multiplication a few.
//
// Results equal C++'s `/` and `%` (and PostgreSQL's integer / and %): the quotient is truncated
// toward zero and the remainder has the dividend's sign, for every int64 dividend including
// INT64_MIN.
//
// Thread-safety: immutable after construction.
#pragma once

#include <cstdint>

namespace cairn {

class ConstantDivisor {
 public:
  /// REQUIRES: divisor >= 2 (1 and non-positive divisors are the caller's: they need no
  /// division or a sign rule of their own).
  explicit ConstantDivisor(uint64_t divisor) : divisor_(divisor) {
    const unsigned l = 64 - static_cast<unsigned>(__builtin_clzll(divisor - 1));  // ceil(log2 d), 1..64
    const unsigned __int128 numerator = (static_cast<unsigned __int128>(1) << l) - divisor;  // < 2^63
    multiplier_ = static_cast<uint64_t>((numerator << 64) / divisor + 1);
    shift_ = l - 1;
  }

  /// floor(n / divisor) for an unsigned dividend.
  uint64_t DivideUnsigned(uint64_t n) const {
    const uint64_t t = static_cast<uint64_t>((static_cast<unsigned __int128>(multiplier_) * n) >> 64);
    return (t + ((n - t) >> 1)) >> shift_;
  }
  /// a / divisor, truncated toward zero.
  int64_t Divide(int64_t a) const {
    const uint64_t q = DivideUnsigned(Magnitude(a));
    return a < 0 ? -static_cast<int64_t>(q) : static_cast<int64_t>(q);
  }
  /// a % divisor: the sign of a, magnitude below the divisor.
  int64_t Remainder(int64_t a) const {
    const uint64_t n = Magnitude(a);
    const uint64_t r = n - DivideUnsigned(n) * divisor_;
    return a < 0 ? -static_cast<int64_t>(r) : static_cast<int64_t>(r);
  }

 private:
  static uint64_t Magnitude(int64_t a) { return a < 0 ? 0 - static_cast<uint64_t>(a) : static_cast<uint64_t>(a); }

  uint64_t divisor_;
  uint64_t multiplier_;
  unsigned shift_;
};

}  // namespace cairn
