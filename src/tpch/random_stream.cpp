#include "tpch/random_stream.h"

namespace cairn::tpch {

int64_t RandomStream::SkipAhead(int64_t seed, int64_t count) {
  // Square-and-multiply over the bits of `count`; every product of two values below 2^31 fits
  // in 63 bits.
  int64_t power = kMultiplier;
  while (count > 0) {
    if (count & 1) seed = (seed * power) % kModulus;
    power = (power * power) % kModulus;
    count >>= 1;
  }
  return seed;
}

}  // namespace cairn::tpch
