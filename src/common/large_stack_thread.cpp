#include "common/large_stack_thread.h"

#include <pthread.h>

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <new>
#include <system_error>

namespace cairn {

static_assert(sizeof(pthread_t) <= sizeof(unsigned long), "pthread_t must fit the handle");

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

namespace {

/// Parked threads with kLargeThreadStackBytes stacks that RunOnLargeStack hands its bodies to, so
/// a statement's planning does not create (and map the stack of) a thread each time. A thread
/// idle for a while exits. A body that calls RunOnLargeStack again runs inline (it is on a large
/// stack already), so pool threads never wait on each other. After fork() the child starts with
/// an empty pool (pthread_atfork), since the parent's threads do not exist there.
class LargeStackPool {
 public:
  static LargeStackPool& Instance() {
    // Never destroyed: parked threads may outlive static destruction at exit.
    static LargeStackPool* pool = new LargeStackPool();
    return *pool;
  }

  static bool OnPoolThread() { return t_on_pool_thread; }

  void Run(const std::function<void()>& body) {
    Task task;
    task.body = &body;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      queue_.push_back(&task);
      if (idle_ > queued_for_idle_) {
        queued_for_idle_++;
        work_.notify_one();
      } else {
        Spawn();  // no parked thread is free for this task
      }
    }
    std::unique_lock<std::mutex> lock(task.mutex);
    task.finished.wait(lock, [&] { return task.done; });
    if (task.error) std::rethrow_exception(task.error);
  }

 private:
  struct Task {
    const std::function<void()>* body = nullptr;
    std::mutex mutex;
    std::condition_variable finished;
    bool done = false;
    std::exception_ptr error;
  };

  LargeStackPool() {
    pthread_atfork([] { Instance().mutex_.lock(); }, [] { Instance().mutex_.unlock(); },
                   [] {
                     // The child has none of the parent's threads: forget them, and start with a
                     // fresh mutex and condition variable (the parent's may record waiters that
                     // do not exist here).
                     LargeStackPool& pool = Instance();
                     pool.idle_ = 0;
                     pool.queued_for_idle_ = 0;
                     pool.queue_.clear();
                     new (&pool.work_) std::condition_variable();
                     new (&pool.mutex_) std::mutex();
                   });
  }

  /// Starts a detached pool thread. REQUIRES: mutex_ held.
  void Spawn() {
    pthread_attr_t attributes;
    if (pthread_attr_init(&attributes) != 0) throw std::bad_alloc();
    int rc = pthread_attr_setstacksize(&attributes, kLargeThreadStackBytes);
    if (rc == 0) rc = pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    pthread_t thread{};
    if (rc == 0) rc = pthread_create(&thread, &attributes, &LargeStackPool::Entry, this);
    pthread_attr_destroy(&attributes);
    if (rc == ENOMEM || rc == EAGAIN) throw std::bad_alloc();
    if (rc != 0) throw std::system_error(rc, std::generic_category(), "pthread_create");
  }

  static void* Entry(void* self) {
    t_on_pool_thread = true;
    static_cast<LargeStackPool*>(self)->Loop();
    return nullptr;
  }

  void Loop() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      if (queue_.empty()) {
        idle_++;
        bool woken = work_.wait_for(lock, std::chrono::seconds(30), [&] { return !queue_.empty(); });
        idle_--;
        if (queued_for_idle_ > 0) queued_for_idle_--;
        if (!woken) return;  // idle for long: exit
      }
      Task* task = queue_.front();
      queue_.pop_front();
      lock.unlock();
      try {
        (*task->body)();
      } catch (...) {
        task->error = std::current_exception();
      }
      {
        std::lock_guard<std::mutex> done(task->mutex);
        task->done = true;
      }
      task->finished.notify_one();
      lock.lock();
    }
  }

  static thread_local bool t_on_pool_thread;
  std::mutex mutex_;
  std::condition_variable work_;
  std::deque<Task*> queue_;
  int idle_ = 0;             // parked threads
  int queued_for_idle_ = 0;  // tasks handed to parked threads not yet woken
};

thread_local bool LargeStackPool::t_on_pool_thread = false;

}  // namespace

void RunOnLargeStack(const std::function<void()>& body, size_t stack_bytes) {
  if (stack_bytes == kLargeThreadStackBytes) {
    if (LargeStackPool::OnPoolThread()) {
      body();  // already on a large stack
      return;
    }
    LargeStackPool::Instance().Run(body);
    return;
  }
  LargeStackThread thread(body, stack_bytes);
  thread.Join();
}

}  // namespace cairn
