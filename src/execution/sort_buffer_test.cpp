// Tests for SortBuffer: growth keeps the contents (small and across the huge-page rounding),
// populating is idempotent and bounded by the capacity, moves transfer ownership, and a
// released buffer can grow again.
#include "execution/sort_buffer.h"

#include <gtest/gtest.h>

#include <cstring>

namespace cairn {
namespace {

TEST(SortBufferTest, GrowsKeepingContents) {
  SortBuffer buffer;
  EXPECT_EQ(buffer.capacity(), 0u);
  buffer.Reserve(100);
  ASSERT_GE(buffer.capacity(), 100u);
  buffer.Populate(100);
  for (size_t i = 0; i < 100; i++) buffer.data()[i] = uint8_t(i * 3);
  for (size_t size : {size_t(5000), size_t(3) << 20, size_t(20) << 20}) {
    buffer.Reserve(size);
    ASSERT_GE(buffer.capacity(), size);
    buffer.Populate(size);
    for (size_t i = 0; i < 100; i++) ASSERT_EQ(buffer.data()[i], uint8_t(i * 3)) << size;
    std::memset(buffer.data() + size - 10, 0xAB, 10);  // the whole range is writable
  }
  buffer.Populate(buffer.capacity());
  buffer.Populate(1);  // already populated: a no-op
  const size_t capacity = buffer.capacity();
  buffer.Reserve(10);  // never shrinks
  EXPECT_EQ(buffer.capacity(), capacity);
}

TEST(SortBufferTest, MoveAndRelease) {
  SortBuffer a;
  a.Reserve(4096);
  a.data()[0] = 42;
  SortBuffer b(std::move(a));
  EXPECT_EQ(a.data(), nullptr);
  EXPECT_EQ(a.capacity(), 0u);
  EXPECT_EQ(b.data()[0], 42);
  SortBuffer c;
  c = std::move(b);
  EXPECT_EQ(c.data()[0], 42);
  c.Release();
  EXPECT_EQ(c.data(), nullptr);
  c.Reserve(10);
  c.Populate(10);
  c.data()[9] = 1;
  EXPECT_EQ(c.data()[9], 1);
}

}  // namespace
}  // namespace cairn
