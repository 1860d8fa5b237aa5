#include "execution/sort_buffer.h"

#include <cstring>

#include <sys/mman.h>

#include <algorithm>
#include <new>
#include <utility>

namespace cairn {

namespace {

constexpr size_t kPageBytes = 4096;
constexpr size_t kHugePageBytes = size_t(2) << 20;

size_t RoundUp(size_t bytes) {
  const size_t unit = bytes >= kHugePageBytes ? kHugePageBytes : kPageBytes;
  return (bytes + unit - 1) / unit * unit;
}

}  // namespace

SortBuffer::~SortBuffer() { Release(); }

SortBuffer::SortBuffer(SortBuffer&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)),
      capacity_(std::exchange(other.capacity_, 0)),
      populated_(std::exchange(other.populated_, 0)) {}

SortBuffer& SortBuffer::operator=(SortBuffer&& other) noexcept {
  if (this != &other) {
    Release();
    data_ = std::exchange(other.data_, nullptr);
    capacity_ = std::exchange(other.capacity_, 0);
    populated_ = std::exchange(other.populated_, 0);
  }
  return *this;
}

void SortBuffer::Reserve(size_t bytes) {
  if (bytes <= capacity_) return;
  const size_t size = RoundUp(bytes);
  void* memory;
  if (data_ == nullptr) {
    memory = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  } else {
#if defined(__SANITIZE_THREAD__)
    // ThreadSanitizer does not see mremap: the range a move leaves would keep its shadow
    // state, and another thread's later mapping there would look like a race with these
    // writes. Under TSan the buffer moves by mmap + copy + munmap, which it does see.
    memory = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (memory != MAP_FAILED) {
      std::memcpy(memory, data_, capacity_);
      munmap(data_, capacity_);
    }
#else
    memory = mremap(data_, capacity_, size, MREMAP_MAYMOVE);
#endif
  }
  if (memory == MAP_FAILED) throw std::bad_alloc();
  data_ = static_cast<uint8_t*>(memory);
  capacity_ = size;
}

void SortBuffer::Populate(size_t bytes) {
  if (bytes <= populated_) return;
  size_t end = std::min(capacity_, std::max(bytes, populated_ + kPopulateStep));
  end = std::min(capacity_, (end + kPageBytes - 1) / kPageBytes * kPageBytes);
  // populated_ is page-aligned (it starts at 0 and only takes page-aligned values or capacity_).
  if (end > populated_) madvise(data_ + populated_, end - populated_, MADV_POPULATE_WRITE);
  populated_ = end;
}

void SortBuffer::Release() {
  if (data_ != nullptr) munmap(data_, capacity_);
  data_ = nullptr;
  capacity_ = 0;
  populated_ = 0;
}

}  // namespace cairn
