// Stack depth checking: the guard every recursive step of Cairn's SQL pipeline calls, so a
// statement nested too deeply for the thread's stack fails with SQLSTATE 54001 ("stack depth
// limit exceeded", PostgreSQL's statement_too_complex) instead of overflowing the stack.
//
// Like PostgreSQL's check_stack_depth() (src/backend/tcop/postgres.c), the check compares the
// current frame address with the thread's own stack bounds rather than counting recursion
// levels: it is exact whatever the frame sizes of the recursive functions are, and holds on any
// thread (the large-stack planning thread, the workers, an embedder's thread). Each thread reads
// its bounds once (pthread_getattr_np) into a thread_local; a check is then a frame-address
// load and one comparison.
//
// Thread-safety: every function acts on the calling thread only; all are safe to call from any
// thread.
#pragma once

#include <cstddef>
#include <cstdint>

namespace cairn {

namespace stack_depth_internal {
/// Lowest frame address the calling thread may reach before checks fail; 0 = not read yet.
/// constinit: no dynamic initializer, so other translation units read it directly instead of
/// through a TLS wrapper function (which UBSan flags as a null load).
extern constinit thread_local uintptr_t t_stack_limit;
/// Reads the calling thread's stack bounds and sets t_stack_limit; returns it.
uintptr_t InitializeStackLimit();
/// Throws the 54001 exception. Kept out of line so the check stays small.
[[noreturn]] void ThrowStackDepthExceeded();
}  // namespace stack_depth_internal

/// Throws cairn::Exception 54001 "stack depth limit exceeded" (with a hint to simplify the
/// statement) when the calling thread has less than StackReserveBytes() of stack left. Call it
/// at the top of every function that recurses over a parse tree, plan or expression.
inline void CheckStackDepth() {
  const auto frame = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  uintptr_t limit = stack_depth_internal::t_stack_limit;
  if (limit == 0) [[unlikely]] limit = stack_depth_internal::InitializeStackLimit();
  if (frame < limit) [[unlikely]] stack_depth_internal::ThrowStackDepthExceeded();
}

/// Bytes of stack the calling thread may still use before CheckStackDepth() throws (0 if it
/// would throw now). For code that cannot check as it recurses (a C library) and must bound its
/// input beforehand.
size_t RemainingStackBytes();

/// Bytes kept free below the check's limit for the code that runs between two checks (leaf
/// functions, libraries, exception unwinding). Depends on the thread's stack size: 1/8 of it,
/// between 256 KiB and 1 MiB.
size_t StackReserveBytes();

/// Stack size of the thread that plans statements (parse, bind, optimize, physical planning)
/// and of the query workers: large, so that realistic deeply nested statements succeed. Only
/// the pages a statement touches are committed.
/// (The same as the public cairn::kStatementThreadStackBytes, include/cairn/connection.h.)
inline constexpr size_t kLargeThreadStackBytes = size_t(64) << 20;

}  // namespace cairn
