// string_t: Cairn's 16-byte string reference (the "German string" of Umbra, DuckDB, Velox).
//
// Layout: 4-byte length, then either the bytes inline (length <= 12) or a 4-byte prefix and an
// 8-byte pointer to bytes owned elsewhere (a StringHeap or a buffer the owning Vector keeps
// alive). Equality and ordering look at the length and prefix before touching the pointer.
//
// Thread-safety: a string_t is a plain value; the bytes it points to must outlive it.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace cairn {

struct string_t {
  static constexpr uint32_t kInlineLength = 12;
  static constexpr uint32_t kPrefixLength = 4;

  string_t() { std::memset(this, 0, sizeof(*this)); }
  /// References `size` bytes at `data`; copies them inline when short. The caller keeps
  /// `data` alive for long strings.
  string_t(const char* data, uint32_t size) {
    value_.length = size;
    if (size <= kInlineLength) {
      std::memset(value_.inlined, 0, kInlineLength);
      if (size) std::memcpy(value_.inlined, data, size);
    } else {
      std::memcpy(value_.pointer.prefix, data, kPrefixLength);
      value_.pointer.ptr = data;
    }
  }
  explicit string_t(std::string_view view) : string_t(view.data(), static_cast<uint32_t>(view.size())) {}

  uint32_t size() const { return value_.length; }
  bool IsInlined() const { return value_.length <= kInlineLength; }
  const char* data() const { return IsInlined() ? value_.inlined : value_.pointer.ptr; }
  std::string_view view() const { return {data(), size()}; }
  std::string ToString() const { return std::string(data(), size()); }

  bool operator==(const string_t& other) const {
    // The first 8 bytes hold length + prefix (or the first 4 inline bytes).
    uint64_t a, b;
    std::memcpy(&a, this, 8);
    std::memcpy(&b, &other, 8);
    if (a != b) return false;
    if (IsInlined()) {
      uint64_t c, d;
      std::memcpy(&c, reinterpret_cast<const char*>(this) + 8, 8);
      std::memcpy(&d, reinterpret_cast<const char*>(&other) + 8, 8);
      return c == d;
    }
    return std::memcmp(data(), other.data(), size()) == 0;
  }
  bool operator!=(const string_t& other) const { return !(*this == other); }
  /// Byte-wise (memcmp) ordering, which is UTF-8 code point order.
  bool operator<(const string_t& other) const { return view() < other.view(); }
  bool operator>(const string_t& other) const { return other < *this; }
  bool operator<=(const string_t& other) const { return !(other < *this); }
  bool operator>=(const string_t& other) const { return !(*this < other); }

 private:
  union {
    struct {
      uint32_t length;
      char prefix[4];
      const char* ptr;
    } pointer;
    struct {
      uint32_t length;
      char inlined[12];
    };
  } value_;
};
static_assert(sizeof(string_t) == 16);

/// Arena owning the bytes of long strings. Append-only; freed all at once. It can also keep
/// foreign buffers alive (e.g. a decompressed Parquet page whose bytes string_t point into).
///
/// Thread-safety: not thread-safe; each Vector owns (or shares read-only) its heap.
class StringHeap {
 public:
  StringHeap() = default;
  StringHeap(const StringHeap&) = delete;
  StringHeap& operator=(const StringHeap&) = delete;

  /// Copies `size` bytes into the arena and returns a string_t referencing them.
  string_t AddString(const char* data, uint32_t size);
  string_t AddString(std::string_view view) { return AddString(view.data(), static_cast<uint32_t>(view.size())); }
  /// Returns `size` uninitialized bytes in the arena; fill them, then build a string_t.
  char* Allocate(size_t size);
  /// Keeps `buffer` alive as long as this heap.
  void KeepAlive(std::shared_ptr<const void> buffer) { kept_.push_back(std::move(buffer)); }
  /// Keeps another heap alive (strings referencing it stay valid).
  void KeepAlive(std::shared_ptr<StringHeap> heap) { kept_.push_back(std::move(heap)); }

  size_t allocated_bytes() const { return allocated_bytes_; }

 private:
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* current_ = nullptr;
  size_t remaining_ = 0;
  size_t allocated_bytes_ = 0;
  std::vector<std::shared_ptr<const void>> kept_;
};

}  // namespace cairn
