// RandomStream: one of dbgen's random number streams — the Park–Miller "minimal standard"
// generator (seed' = seed * 16807 mod (2^31 - 1); Park & Miller, CACM 31(10), 1988) with TPC-H's
// convention of a fixed number of draws per row.
//
// Every column of a TPC-H table that needs randomness draws from its own stream, started at a
// fixed seed (dbgen's seed table). A row may use fewer draws than its stream's budget; after the
// row the stream jumps to the next row boundary (FinishRow), so the state at row r is
// seed * 16807^(r * draws_per_row) and any row can be reached directly (SkipRows, by modular
// exponentiation). That is what lets Cairn generate a table's rows in independent ranges.
//
// Integers in [low, high] are drawn as dbgen's UnifInt does: low + trunc(seed / (2^31 - 1) *
// (high - low + 1)) in double precision, including its one quirk: for [0, 2^31 - 1] the range is
// computed in 32 bits and wraps to -2^31 (the alphanumeric columns depend on it).
//
// Thread-safety: a stream is used by one thread at a time; copies are independent.
#pragma once

#include <cstdint>

namespace cairn::tpch {

class RandomStream {
 public:
  /// The generator's modulus, 2^31 - 1.
  static constexpr int64_t kModulus = 2147483647;
  /// The generator's multiplier.
  static constexpr int64_t kMultiplier = 16807;

  /// A stream at row 0 starting from `seed` (1 <= seed < kModulus), whose rows each use
  /// `draws_per_row` draws (> 0).
  RandomStream(int64_t seed, int64_t draws_per_row) : seed_(seed), draws_per_row_(draws_per_row) {}

  /// The next raw value in [1, kModulus - 1].
  int64_t NextRaw() {
    seed_ = (seed_ * kMultiplier) % kModulus;
    draws_in_row_++;
    return seed_;
  }

  /// A uniform integer in [low, high] (both inclusive), as dbgen's UnifInt computes it.
  int64_t NextInt(int64_t low, int64_t high) {
    const double range = (low == 0 && high == kModulus)
                             ? -2147483648.0  // dbgen's 32-bit wrap of (2^31 - 1) - 0 + 1
                             : static_cast<double>(high - low + 1);
    const double fraction = static_cast<double>(NextRaw()) / static_cast<double>(kModulus);
    return low + static_cast<int64_t>(fraction * range);
  }

  /// Moves to the start of the next row, skipping the draws the current row did not use.
  void FinishRow() {
    Advance(draws_per_row_ - draws_in_row_);
    draws_in_row_ = 0;
  }

  /// Moves forward `rows` whole rows from the start of the current row's successor if the
  /// current row was started, else from the current row.
  void SkipRows(int64_t rows) {
    if (draws_in_row_ != 0) FinishRow();
    Advance(rows * draws_per_row_);
  }

  /// The current state (the last value drawn, or the seed).
  int64_t state() const { return seed_; }
  int64_t draws_per_row() const { return draws_per_row_; }

  /// seed * 16807^count mod (2^31 - 1): the state `count` draws after `seed`.
  static int64_t SkipAhead(int64_t seed, int64_t count);

 private:
  void Advance(int64_t count) { seed_ = SkipAhead(seed_, count); }

  int64_t seed_;
  int64_t draws_per_row_;
  int64_t draws_in_row_ = 0;
};

}  // namespace cairn::tpch
