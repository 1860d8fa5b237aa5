// TextPool: the 300 MiB of pseudo-English from which dbgen cuts every comment column (TPC-H
// specification clause 4.2.2.10; dbgen's text.c). Sentences are drawn from one random stream
// (seed 933588178) by the grammar in distribution_data.h: a sentence form, then for each of its
// parts a noun phrase, verb phrase, "preposition the noun-phrase" or terminator, each word
// followed by a space and a terminator replacing the space before it; every sentence is followed
// by a space, and the text is cut at exactly 300 MiB.
//
// A comment of average length L is pool[offset, offset + length) with offset uniform in
// [0, size - 1.6 L] and length uniform in [0.4 L, 1.6 L] (CommentStream in value_streams.h), so
// the pool must be dbgen's byte for byte for the comments to be.
//
// Memory: `size` bytes (300 MiB by default), built once per generation and shared read-only.
// Build time: about a second (it is one sequential stream).
//
// Thread-safety: immutable after construction.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

namespace cairn::tpch {

class TextPool {
 public:
  /// dbgen's pool size: 300 MiB.
  static constexpr int64_t kDefaultSize = int64_t{300} * 1024 * 1024;

  /// Generates the first `size` bytes of dbgen's text (a smaller size gives a prefix of the
  /// default pool, for tests). REQUIRES: size > 0.
  explicit TextPool(int64_t size = kDefaultSize);

  int64_t size() const { return size_; }
  /// The bytes [offset, offset + length). REQUIRES: the range lies inside the pool.
  std::string_view Slice(int64_t offset, int64_t length) const {
    return std::string_view(text_.get() + offset, static_cast<size_t>(length));
  }

 private:
  std::unique_ptr<char[]> text_;
  int64_t size_;
};

}  // namespace cairn::tpch
