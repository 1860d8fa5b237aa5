#include "common/large_stack_thread.h"

#include <pthread.h>

#include <cerrno>
#include <new>
#include <system_error>

namespace cairn {

static_assert(sizeof(pthread_t) <= sizeof(unsigned long), "pthread_t must fit the handle");

/// How much less than the asked-for stack a thread may have left and still run a body inline:
/// a fresh thread's own reserve (StackReserveBytes(), at most 1 MiB) plus room for its callers.
static constexpr size_t kInlineStackSlackBytes = size_t(2) << 20;

LargeStackThread::LargeStackThread(std::function<void()> body, size_t stack_bytes) : body_(std::move(body)) {
  pthread_attr_t attributes;
  int rc = pthread_attr_init(&attributes);
  if (rc != 0) throw std::system_error(rc, std::generic_category(), "pthread_attr_init");
  rc = pthread_attr_setstacksize(&attributes, stack_bytes);
  pthread_t thread{};
  if (rc == 0) rc = pthread_create(&thread, &attributes, &LargeStackThread::Entry, this);
  pthread_attr_destroy(&attributes);
  if (rc == ENOMEM || rc == EAGAIN) throw std::bad_alloc();
  if (rc != 0) throw std::system_error(rc, std::generic_category(), "pthread_create");
  handle_ = static_cast<unsigned long>(thread);
}

LargeStackThread::~LargeStackThread() {
  if (!joined_) pthread_join(static_cast<pthread_t>(handle_), nullptr);
}

void* LargeStackThread::Entry(void* self) {
  auto* thread = static_cast<LargeStackThread*>(self);
  try {
    thread->body_();
  } catch (...) {
    thread->error_ = std::current_exception();
  }
  return nullptr;
}

void LargeStackThread::Join() {
  if (!joined_) {
    pthread_join(static_cast<pthread_t>(handle_), nullptr);
    joined_ = true;
  }
  if (error_) {
    std::exception_ptr error = std::move(error_);
    error_ = nullptr;
    std::rethrow_exception(error);
  }
}

void RunOnLargeStack(const std::function<void()>& body, size_t stack_bytes) {
  // A thread that already has about that much stack left (a server session's thread, a query
  // worker) runs `body` itself: no thread is created, and no thread switch is paid per statement.
  if (RemainingStackBytes() + kInlineStackSlackBytes >= stack_bytes) {
    body();
    return;
  }
  LargeStackThread thread(body, stack_bytes);
  thread.Join();
}

}  // namespace cairn
