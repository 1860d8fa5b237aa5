// ValidityMask and SelectionVector helpers (see include/cairn/vector.h).
#include <bit>

#include "cairn/vector.h"

namespace cairn {

void ValidityMask::EnsureWritable(idx_t capacity) {
  if (bits_ && capacity <= capacity_) return;
  idx_t words = (capacity + 63) / 64;
  std::shared_ptr<uint64_t[]> fresh(new uint64_t[words]);
  for (idx_t i = 0; i < words; i++) fresh[i] = ~uint64_t(0);
  if (bits_) {
    idx_t old_words = (capacity_ + 63) / 64;
    for (idx_t i = 0; i < old_words; i++) fresh[i] = bits_[i];
  }
  buffer_ = std::move(fresh);
  bits_ = buffer_.get();
  capacity_ = words * 64;
}

idx_t ValidityMask::CountInvalid(idx_t count) const {
  if (!bits_) return 0;
  idx_t valid = 0;
  idx_t full_words = count / 64;
  for (idx_t i = 0; i < full_words; i++) valid += std::popcount(bits_[i]);
  idx_t rest = count % 64;
  if (rest) valid += std::popcount(bits_[full_words] & ((uint64_t(1) << rest) - 1));
  return count - valid;
}

const SelectionVector& SelectionVector::Incremental() {
  // A SelectionVector without indices is the identity.
  static const SelectionVector identity;
  return identity;
}

}  // namespace cairn
