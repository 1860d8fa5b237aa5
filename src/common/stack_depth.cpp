#include "common/stack_depth.h"

#include <pthread.h>

#include <algorithm>

#include "cairn/exception.h"

namespace cairn {

namespace stack_depth_internal {

constinit thread_local uintptr_t t_stack_limit = 0;

namespace {

thread_local size_t t_reserve = 0;

// Sanitizer builds have several times larger frames, and their runtimes (interceptors, the
// symbolizer, exception unwinding through instrumented code) need stack of their own.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr size_t kReserveFactor = 4;
#else
constexpr size_t kReserveFactor = 1;
#endif

size_t ReserveFor(size_t stack_size) {
  size_t reserve = std::clamp<size_t>(stack_size / 8, size_t(256) << 10, size_t(1) << 20) * kReserveFactor;
  return std::max(std::min(reserve, stack_size / 2), std::min<size_t>(size_t(256) << 10, stack_size));
}

}  // namespace

uintptr_t InitializeStackLimit() {
  const auto frame = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  uintptr_t low = 0;
  size_t size = 0;
  pthread_attr_t attributes;
  if (pthread_getattr_np(pthread_self(), &attributes) == 0) {
    void* address = nullptr;
    if (pthread_attr_getstack(&attributes, &address, &size) == 0 && address != nullptr) {
      low = reinterpret_cast<uintptr_t>(address);
    }
    pthread_attr_destroy(&attributes);
  }
  if (low == 0 || low >= frame) {
    // Bounds unknown: assume the smallest stack a Linux thread is commonly given (2 MiB)
    // below the first frame that checks.
    size = size_t(2) << 20;
    low = frame > size ? frame - size : 1;
  }
  t_reserve = ReserveFor(size);
  t_stack_limit = low + t_reserve;
  if (t_stack_limit == 0) t_stack_limit = 1;
  return t_stack_limit;
}

void ThrowStackDepthExceeded() {
  throw Exception(sqlstate::kStatementTooComplex, "stack depth limit exceeded", std::nullopt,
                  "the statement is nested too deeply (long chains of operators, UNION arms or joins nest); "
                  "split it into smaller statements or use fewer nested terms");
}

}  // namespace stack_depth_internal

size_t RemainingStackBytes() {
  const auto frame = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  uintptr_t limit = stack_depth_internal::t_stack_limit;
  if (limit == 0) limit = stack_depth_internal::InitializeStackLimit();
  return frame > limit ? frame - limit : 0;
}

size_t StackReserveBytes() {
  if (stack_depth_internal::t_stack_limit == 0) stack_depth_internal::InitializeStackLimit();
  return stack_depth_internal::t_reserve;
}

}  // namespace cairn
