// Unit tests for UInt256 (src/common/uint256.h): carries across limbs, overflow reporting, long
// division and the integer square root, checked against 128-bit arithmetic and known squares.
#include "common/uint256.h"

#include <gtest/gtest.h>

namespace cairn {
namespace {

using u128 = unsigned __int128;

TEST(UInt256Test, MultiplyAddSubtractCarry) {
  const u128 big = ~u128(0);  // 2^128 - 1
  UInt256 square;
  ASSERT_TRUE(Multiply128(UInt256::From128(big), big, square));  // 2^256 - 2^129 + 1
  EXPECT_EQ(square.limb[0], 1u);
  EXPECT_EQ(square.limb[1], 0u);
  EXPECT_EQ(square.limb[2], ~uint64_t(0) - 1);
  EXPECT_EQ(square.limb[3], ~uint64_t(0));
  UInt256 out;
  EXPECT_FALSE(Multiply64(square, 2, out));
  EXPECT_FALSE(Add(square, square, out));
  UInt256 one = UInt256::From128(1), sum;
  ASSERT_TRUE(Add(UInt256::From128(big), one, sum));
  EXPECT_EQ(sum.limb[2], 1u);
  EXPECT_EQ(Compare(Subtract(sum, one), UInt256::From128(big)), 0);
  EXPECT_LT(Compare(one, sum), 0);
}

TEST(UInt256Test, DivisionAndSquareRoot) {
  const u128 a = (u128(123456789) << 64) | 987654321u, b = u128(1000000007) * 1000000009u;
  UInt256 product;
  ASSERT_TRUE(Multiply128(UInt256::From128(a), b, product));
  UInt256 plus_seven;
  ASSERT_TRUE(Add(product, UInt256::From128(7), plus_seven));
  UInt256 q, r;
  DivideWithRemainder(plus_seven, UInt256::From128(b), q, r);
  EXPECT_EQ(Compare(q, UInt256::From128(a)), 0);
  EXPECT_EQ(Compare(r, UInt256::From128(7)), 0);

  UInt256 square;
  ASSERT_TRUE(Multiply128(UInt256::From128(a), a, square));
  EXPECT_EQ(Compare(SquareRootFloor(square), UInt256::From128(a)), 0);
  EXPECT_EQ(Compare(SquareRootFloor(Subtract(square, UInt256::From128(1))), UInt256::From128(a - 1)), 0);
  EXPECT_TRUE(SquareRootFloor(UInt256()).IsZero());
  EXPECT_EQ(Compare(SquareRootFloor(UInt256::From128(15)), UInt256::From128(3)), 0);
}

}  // namespace
}  // namespace cairn
