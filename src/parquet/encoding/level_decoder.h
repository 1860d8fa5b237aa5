// LevelDecoder: definition (or repetition) levels of a data page (parquet-format README,
// "Nested Encoding"; Encodings.md "Run Length Encoding / Bit-Packing Hybrid"), decoded with
// RleBitPackedDecoder at bit width BitWidth(max_level), checked against the column's maximum
// level and turned into presence flags: a row holds a value iff its definition level equals
// the maximum definition level; lower levels are NULLs.
//
// Safety: the RLE/bit-packed hybrid can encode levels above max_level (an RLE run value of 255
// for a 1-bit level, a bit-packed 3 for a 2-bit level whose maximum is 2). Such a page is
// corrupt; counting present rows by popcount of the raw bytes would overcount and let callers
// decode more values than the batch holds. Here the maximum of each batch is computed once
// (a max-reduction the compiler vectorizes, no per-value branch) and compared to max_level, and
// present rows are counted by value (level == max_level), so the count never exceeds the batch.
//
// Errors: a level above max_level, or level data ending early, throws
// cairn::Exception(kDataCorrupted) "corrupt page data: ..." (ThrowDecodingError).
// Thread-safety: one decoder per thread; the data buffer must outlive it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "parquet/encoding/decoding_error.h"
#include "parquet/encoding/rle_bit_packed_decoder.h"

namespace cairn::parquet {

/// Bits needed to store levels 0..max_level (0 for max_level 0).
constexpr uint32_t LevelBitWidth(uint32_t max_level) {
  uint32_t width = 0;
  while (max_level >> width) width++;
  return width;
}

class LevelDecoder {
 public:
  LevelDecoder() = default;
  /// Levels at `data` (`size` bytes, no length prefix) of a column whose maximum level is
  /// `max_level` (1..255).
  LevelDecoder(const uint8_t* data, size_t size, uint8_t max_level)
      : levels_(data, size, LevelBitWidth(max_level)), max_level_(max_level) {}

  /// If the next `count` levels all lie in one RLE run, consumes them, sets `present` to
  /// whether they denote values (level == max_level) and returns true; otherwise consumes
  /// nothing and returns false. Throws if the run's level exceeds max_level.
  bool TryGetRepeated(size_t count, bool& present) {
    uint32_t level;
    if (!levels_.TryGetRepeated(count, level)) return false;
    if (level > max_level_) Reject(level);
    present = level == max_level_;
    return true;
  }

  /// Decodes the next `count` levels into `presence` as 1 (value present) or 0 (NULL) and
  /// returns the number of 1s (at most `count`). Throws if a level exceeds max_level.
  size_t GetPresence(uint8_t* presence, size_t count) {
    levels_.GetBatch(presence, count);
    uint8_t highest = 0;
    size_t present = 0;
    const uint8_t max_level = max_level_;
    for (size_t i = 0; i < count; i++) {
      uint8_t level = presence[i];
      highest = level > highest ? level : highest;
      uint8_t is_present = level == max_level;
      present += is_present;
      presence[i] = is_present;
    }
    if (highest > max_level) Reject(highest);
    return present;
  }

 private:
  [[noreturn]] void Reject(uint32_t level) const {
    ThrowDecodingError("definition level " + std::to_string(level) + " exceeds the column's maximum definition level " +
                       std::to_string(max_level_));
  }

  RleBitPackedDecoder levels_;
  uint8_t max_level_ = 0;
};

}  // namespace cairn::parquet
