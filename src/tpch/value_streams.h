// The random columns of TPC-H that take more than one draw: comments cut from the text pool,
// alphanumeric addresses, phone numbers, and part names (TPC-H specification clause 4.2.2; the
// draw order and per-row draw budgets are dbgen's, so every value matches its output).
//
// Each wraps a RandomStream with the right draws per row; `rows_per_unit` is how many values one
// generation unit (a part for PARTSUPP, an order for LINEITEM) uses, so that FinishRow skips to
// the next unit's boundary.
//
// Thread-safety: one thread at a time per object; the TextPool is shared read-only.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "tpch/distribution.h"
#include "tpch/random_stream.h"
#include "tpch/text_pool.h"

namespace cairn::tpch {

/// A comment (clause 4.2.2.10, "text appropriate to the column" of average length L): a slice
/// of the text pool, offset uniform in [0, size - max], length uniform in [0.4 L, 1.6 L].
/// Two draws per value.
class CommentStream {
 public:
  CommentStream(int64_t seed, const TextPool& pool, int average_length, int rows_per_unit = 1)
      : stream_(seed, 2 * rows_per_unit),
        pool_(pool),
        min_length_(static_cast<int64_t>(average_length * 0.4)),
        max_length_(static_cast<int64_t>(average_length * 1.6)) {}

  /// The next comment: a view into the pool (valid as long as the pool).
  std::string_view Next() {
    const int64_t offset = stream_.NextInt(0, pool_.size() - max_length_);
    const int64_t length = stream_.NextInt(min_length_, max_length_);
    return pool_.Slice(offset, length);
  }
  void FinishRow() { stream_.FinishRow(); }
  void SkipRows(int64_t rows) { stream_.SkipRows(rows); }

 private:
  RandomStream stream_;
  const TextPool& pool_;
  int64_t min_length_;
  int64_t max_length_;
};

/// A random alphanumeric string of length uniform in [0.4 L, 1.6 L] (clause 4.2.2.7, the
/// addresses): a length draw, then one draw per 5 characters, each character taking 6 bits of
/// it from the 64-symbol alphabet. Nine draws per value.
class AlphanumericStream {
 public:
  /// The longest value for average length L is 1.6 L; `kMaxLength` bounds the buffers.
  static constexpr int kMaxLength = 64;

  AlphanumericStream(int64_t seed, int average_length)
      : stream_(seed, 9),
        min_length_(static_cast<int64_t>(average_length * 0.4)),
        max_length_(static_cast<int64_t>(average_length * 1.6)) {}

  /// Writes the next value into `out` (room for kMaxLength bytes); returns its length.
  int Next(char* out);
  void FinishRow() { stream_.FinishRow(); }
  void SkipRows(int64_t rows) { stream_.SkipRows(rows); }

 private:
  RandomStream stream_;
  int64_t min_length_;
  int64_t max_length_;
};

/// A phone number "CC-LLL-LLL-LLLL" with country code 10 + nation key (clause 4.2.2.9). Three
/// draws per value.
class PhoneStream {
 public:
  /// Length of every phone number.
  static constexpr int kLength = 15;

  explicit PhoneStream(int64_t seed) : stream_(seed, 3) {}
  /// Writes the next number for `nation_key` (0..89) into `out` (kLength bytes).
  void Next(int32_t nation_key, char* out);
  void FinishRow() { stream_.FinishRow(); }
  void SkipRows(int64_t rows) { stream_.SkipRows(rows); }

 private:
  RandomStream stream_;
};

/// `count` distinct words of a distribution in random order, joined by spaces (p_name: five
/// colours, clause 4.2.3): a Fisher–Yates shuffle of the whole list's first `count` positions.
/// dbgen budgets one draw per list entry per value.
class WordSequenceStream {
 public:
  WordSequenceStream(int64_t seed, const Distribution& words, int count)
      : stream_(seed, static_cast<int64_t>(words.size())), words_(words), count_(count) {}

  /// Writes the next value into `out` (room for count * (longest word + 1) bytes); returns its
  /// length.
  int Next(char* out);
  void FinishRow() { stream_.FinishRow(); }
  void SkipRows(int64_t rows) { stream_.SkipRows(rows); }

 private:
  RandomStream stream_;
  const Distribution& words_;
  int count_;
};

}  // namespace cairn::tpch
