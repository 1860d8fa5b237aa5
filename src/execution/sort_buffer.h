// SortBuffer: a large, growable, uninitialized byte buffer for a sort's records and its radix
// sort's scratch space. Memory comes straight from mmap and grows with mremap (pages move,
// bytes are not copied: a run growing to gigabytes is never copied), is populated ahead of use
// in large steps (page faults were a third of a large sort's time), and is returned to the
// system when released. Contents are not zero-filled by the buffer (fresh pages are zero, as
// the kernel provides them). Transparent huge pages are deliberately not requested: with the
// usual `defrag=madvise` setting, faults on advised memory compact memory synchronously, which
// measured slower and far less predictable than small pages.
//
// Thread-safety: not thread-safe; one owner. Errors: std::bad_alloc when the kernel refuses
// (the query turns it into 53200). Callers charge the memory (MemoryReservation) themselves.
#pragma once

#include <cstddef>
#include <cstdint>

namespace cairn {

class SortBuffer {
 public:
  SortBuffer() = default;
  ~SortBuffer();
  SortBuffer(SortBuffer&& other) noexcept;
  SortBuffer& operator=(SortBuffer&& other) noexcept;
  SortBuffer(const SortBuffer&) = delete;
  SortBuffer& operator=(const SortBuffer&) = delete;

  uint8_t* data() { return data_; }
  const uint8_t* data() const { return data_; }
  /// Bytes usable (the mapping may be larger: rounded up to whole pages).
  size_t capacity() const { return capacity_; }
  /// Grows to at least `bytes` (keeping the contents); never shrinks.
  void Reserve(size_t bytes);
  /// Makes sure the first `bytes` (<= capacity()) are backed by memory, populating ahead in
  /// steps of at least kPopulateStep bytes (MADV_POPULATE_WRITE: one system call instead of a
  /// page fault per 4 KiB page; a no-op where the kernel lacks it — pages then fault in as
  /// they are touched).
  void Populate(size_t bytes);

  static constexpr size_t kPopulateStep = size_t(8) << 20;
  /// Unmaps the memory.
  void Release();

 private:
  uint8_t* data_ = nullptr;
  size_t capacity_ = 0;
  size_t populated_ = 0;  // bytes known to be backed
};

}  // namespace cairn
