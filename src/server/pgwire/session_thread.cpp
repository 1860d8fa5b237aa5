#include "pgwire/session_thread.h"

#include <pthread.h>

#include <system_error>

namespace cairn::pgwire {

static_assert(sizeof(pthread_t) <= sizeof(unsigned long), "pthread_t must fit the handle");

SessionThread::SessionThread(std::function<void()> body, size_t stack_bytes) : body_(std::move(body)) {
  pthread_attr_t attributes;
  int rc = pthread_attr_init(&attributes);
  if (rc != 0) throw std::system_error(rc, std::generic_category(), "pthread_attr_init");
  rc = pthread_attr_setstacksize(&attributes, stack_bytes);
  pthread_t thread{};
  if (rc == 0) rc = pthread_create(&thread, &attributes, &SessionThread::Entry, this);
  pthread_attr_destroy(&attributes);
  if (rc != 0) throw std::system_error(rc, std::generic_category(), "cannot start a session thread");
  handle_ = static_cast<unsigned long>(thread);
}

SessionThread::~SessionThread() { Join(); }

void* SessionThread::Entry(void* self) {
  static_cast<SessionThread*>(self)->body_();
  return nullptr;
}

void SessionThread::Join() {
  if (joined_) return;
  pthread_join(static_cast<pthread_t>(handle_), nullptr);
  joined_ = true;
}

}  // namespace cairn::pgwire
