// CheckStackDepth and LargeStackThread: a runaway recursion ends in 54001 on threads of any
// stack size, never in a crash; exceptions cross LargeStackThread::Join.
#include "common/stack_depth.h"

#include <gtest/gtest.h>

#include <thread>

#include "cairn/exception.h"
#include "common/large_stack_thread.h"

namespace cairn {
namespace {

// Recurses until CheckStackDepth throws; returns the depth reached (never, in practice).
[[gnu::noinline]] int Recurse(int depth) {
  CheckStackDepth();
  volatile char frame[256];
  frame[0] = static_cast<char>(depth);
  return Recurse(depth + 1) + frame[0];
}

void ExpectStackDepthError() {
  try {
    Recurse(0);
    ADD_FAILURE() << "recursion did not stop";
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), "54001");
    EXPECT_EQ(std::string(e.what()), "stack depth limit exceeded");
    EXPECT_FALSE(e.hint().empty());
  }
}

TEST(StackDepthTest, RunawayRecursionFailsCleanlyOnTheMainThread) { ExpectStackDepthError(); }

TEST(StackDepthTest, RunawayRecursionFailsCleanlyOnSmallAndLargeStacks) {
#if defined(__SANITIZE_THREAD__)
  // ThreadSanitizer's bounded shadow call stack cannot follow recursion this deep.
  GTEST_SKIP() << "deep recursion is beyond ThreadSanitizer's shadow stack";
#endif
  for (size_t stack : {size_t(256) << 10, size_t(1) << 20, kLargeThreadStackBytes}) {
    RunOnLargeStack([] { ExpectStackDepthError(); }, stack);
  }
  std::thread plain([] { ExpectStackDepthError(); });
  plain.join();
}

TEST(StackDepthTest, LargeStackThreadsHaveMoreRoom) {
  size_t remaining = 0;
  RunOnLargeStack([&] { remaining = RemainingStackBytes(); });
  EXPECT_GT(remaining, kLargeThreadStackBytes / 2);
  EXPECT_LT(remaining, kLargeThreadStackBytes);
}

TEST(StackDepthTest, ExceptionsCrossJoin) {
  EXPECT_THROW(RunOnLargeStack([] { throw Exception("XX000", "boom"); }), Exception);
}

}  // namespace
}  // namespace cairn
