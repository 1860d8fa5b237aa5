// StringHeap: block arena for long strings (see include/cairn/string_type.h).
#include <algorithm>

#include "cairn/string_type.h"

namespace cairn {

namespace {
constexpr size_t kMinimumBlockSize = 16 * 1024;
}

char* StringHeap::Allocate(size_t size) {
  if (size > remaining_) {
    size_t block_size = std::max(kMinimumBlockSize, size);
    // Grow block sizes geometrically so heaps of big vectors need few blocks.
    if (!blocks_.empty()) block_size = std::max(block_size, std::min<size_t>(allocated_bytes_, 4 << 20));
    blocks_.emplace_back(new char[block_size]);
    current_ = blocks_.back().get();
    remaining_ = block_size;
    allocated_bytes_ += block_size;
  }
  char* result = current_;
  current_ += size;
  remaining_ -= size;
  return result;
}

string_t StringHeap::AddString(const char* data, uint32_t size) {
  if (size <= string_t::kInlineLength) return string_t(data, size);
  char* target = Allocate(size);
  std::memcpy(target, data, size);
  return string_t(target, size);
}

}  // namespace cairn
