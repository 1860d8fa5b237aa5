// UInt256: 256-bit unsigned integers (four 64-bit limbs, little-endian), for the exact
// intermediate values of numeric statistics (sums of squares of 38-digit values, their
// products with row counts, square roots) that pass 128 bits. Only the operations those need:
// multiply by 64- and 128-bit factors, add, subtract, compare, long division by a value below
// 2^255, and the integer square root. Overflow is reported, never wrapped silently.
//
// Thread-safety: a value type; all functions are pure.
#pragma once

#include <cstdint>

namespace cairn {

struct UInt256 {
  uint64_t limb[4] = {0, 0, 0, 0};  // limb[0] least significant

  static UInt256 From128(unsigned __int128 v) {
    UInt256 r;
    r.limb[0] = static_cast<uint64_t>(v);
    r.limb[1] = static_cast<uint64_t>(v >> 64);
    return r;
  }
  bool IsZero() const { return (limb[0] | limb[1] | limb[2] | limb[3]) == 0; }
  /// True (and `out` set) when the value fits 128 bits.
  bool To128(unsigned __int128& out) const {
    if (limb[2] | limb[3]) return false;
    out = (static_cast<unsigned __int128>(limb[1]) << 64) | limb[0];
    return true;
  }

  /// Three-way comparison.
  friend int Compare(const UInt256& a, const UInt256& b) {
    for (int i = 3; i >= 0; i--) {
      if (a.limb[i] != b.limb[i]) return a.limb[i] < b.limb[i] ? -1 : 1;
    }
    return 0;
  }
  /// a + b; false on overflow past 2^256.
  friend bool Add(const UInt256& a, const UInt256& b, UInt256& out) {
    unsigned __int128 carry = 0;
    for (int i = 0; i < 4; i++) {
      unsigned __int128 s = static_cast<unsigned __int128>(a.limb[i]) + b.limb[i] + carry;
      out.limb[i] = static_cast<uint64_t>(s);
      carry = s >> 64;
    }
    return carry == 0;
  }
  /// a - b. REQUIRES: a >= b.
  friend UInt256 Subtract(const UInt256& a, const UInt256& b) {
    UInt256 out;
    uint64_t borrow = 0;
    for (int i = 0; i < 4; i++) {
      uint64_t x = a.limb[i], y = b.limb[i];
      uint64_t d = x - y - borrow;
      borrow = (x < y || (x == y && borrow)) ? 1 : 0;
      out.limb[i] = d;
    }
    return out;
  }
  /// a * m; false on overflow past 2^256.
  friend bool Multiply64(const UInt256& a, uint64_t m, UInt256& out) {
    unsigned __int128 carry = 0;
    for (int i = 0; i < 4; i++) {
      unsigned __int128 p = static_cast<unsigned __int128>(a.limb[i]) * m + carry;
      out.limb[i] = static_cast<uint64_t>(p);
      carry = p >> 64;
    }
    return carry == 0;
  }
  /// a * m for a 128-bit m; false on overflow past 2^256.
  friend bool Multiply128(const UInt256& a, unsigned __int128 m, UInt256& out) {
    UInt256 low, high;
    if (!Multiply64(a, static_cast<uint64_t>(m), low)) return false;
    if (!Multiply64(a, static_cast<uint64_t>(m >> 64), high)) return false;
    if (high.limb[3]) return false;
    UInt256 shifted;
    shifted.limb[1] = high.limb[0];
    shifted.limb[2] = high.limb[1];
    shifted.limb[3] = high.limb[2];
    return Add(low, shifted, out);
  }

  bool Bit(int i) const { return (limb[i / 64] >> (i % 64)) & 1; }
  void SetBit(int i) { limb[i / 64] |= uint64_t(1) << (i % 64); }
  /// this * 2 + bit; REQUIRES: the top bit is clear.
  void ShiftLeftInsert(bool bit) {
    for (int i = 3; i > 0; i--) limb[i] = (limb[i] << 1) | (limb[i - 1] >> 63);
    limb[0] = (limb[0] << 1) | (bit ? 1 : 0);
  }

  /// Long division: quotient and remainder of n / d. REQUIRES: d != 0, d < 2^255.
  friend void DivideWithRemainder(const UInt256& n, const UInt256& d, UInt256& quotient, UInt256& remainder) {
    quotient = UInt256();
    remainder = UInt256();
    for (int i = 255; i >= 0; i--) {
      remainder.ShiftLeftInsert(n.Bit(i));
      if (Compare(remainder, d) >= 0) {
        remainder = Subtract(remainder, d);
        quotient.SetBit(i);
      }
    }
  }

  /// floor(sqrt(n)) (bitwise method: one result bit per two input bits).
  friend UInt256 SquareRootFloor(const UInt256& n) {
    UInt256 remainder = n, root;
    UInt256 bit;
    bit.SetBit(254);
    while (Compare(bit, remainder) > 0) {
      // bit >>= 2
      for (int s = 0; s < 2; s++) {
        for (int i = 0; i < 3; i++) bit.limb[i] = (bit.limb[i] >> 1) | (bit.limb[i + 1] << 63);
        bit.limb[3] >>= 1;
      }
      if (bit.IsZero()) return root;
    }
    while (!bit.IsZero()) {
      UInt256 candidate;
      Add(root, bit, candidate);
      // root >>= 1
      for (int i = 0; i < 3; i++) root.limb[i] = (root.limb[i] >> 1) | (root.limb[i + 1] << 63);
      root.limb[3] >>= 1;
      if (Compare(remainder, candidate) >= 0) {
        remainder = Subtract(remainder, candidate);
        Add(root, bit, root);
      }
      for (int s = 0; s < 2; s++) {
        for (int i = 0; i < 3; i++) bit.limb[i] = (bit.limb[i] >> 1) | (bit.limb[i + 1] << 63);
        bit.limb[3] >>= 1;
      }
    }
    return root;
  }
};

// Namespace-scope declarations of the friends, so qualified calls (cairn::Add) find them too.
int Compare(const UInt256& a, const UInt256& b);
bool Add(const UInt256& a, const UInt256& b, UInt256& out);
UInt256 Subtract(const UInt256& a, const UInt256& b);
bool Multiply64(const UInt256& a, uint64_t m, UInt256& out);
bool Multiply128(const UInt256& a, unsigned __int128 m, UInt256& out);
void DivideWithRemainder(const UInt256& n, const UInt256& d, UInt256& quotient, UInt256& remainder);
UInt256 SquareRootFloor(const UInt256& n);

}  // namespace cairn
