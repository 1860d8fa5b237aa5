// MemoryTracker: the accounting of the memory Cairn's operators hold — one tracker per database
// (limit: DatabaseOptions::memory_limit, by default 80 % of the memory available to the
// process) and one per query (limit: the session's memory_limit setting) whose charges also go
// to the database's. Operators never call the tracker per row: each large structure (hash
// tables, row collections, sort runs, the result queue) owns a MemoryReservation that it
// resizes as it grows, and the reservation charges in blocks of kMemoryChargeBlock bytes.
//
// A charge that would take a tracker past its limit throws cairn::Exception 53200
// (out_of_memory) naming the operator, and charges nothing. Operators that can spill ask
// ShouldSpill() as they grow and move their data to temporary files before the limit is
// reached. See docs/design/memory-limit.md and docs/design/spilling.md.
//
// Thread-safety: MemoryTracker is thread-safe (atomic counters); a MemoryReservation is used by
// one thread at a time, like the structure that owns it.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace cairn {

/// Reservations grow and shrink in multiples of this many bytes (256 KiB).
inline constexpr size_t kMemoryChargeBlock = size_t(256) << 10;
/// The step of a structure kept in many small pieces with a reservation each (an aggregate's
/// radix partitions, their deferred rows): 32 KiB, so the rounding of all of them stays small.
inline constexpr size_t kFineMemoryChargeBlock = size_t(32) << 10;

class MemoryTracker {
 public:
  /// `name`: "query" or "database", used in errors. `limit`: bytes, 0 = no limit. Charges to
  /// this tracker are also charged to `parent` (kept alive by this tracker).
  MemoryTracker(std::string name, uint64_t limit, std::shared_ptr<MemoryTracker> parent = nullptr);
  ~MemoryTracker();
  MemoryTracker(const MemoryTracker&) = delete;
  MemoryTracker& operator=(const MemoryTracker&) = delete;

  /// Charges `bytes` on behalf of `owner` (an operator name, e.g. "HASH_AGGREGATE"). Throws
  /// cairn::Exception 53200 if this tracker or an ancestor would exceed its limit; then nothing
  /// is charged.
  void Charge(uint64_t bytes, const char* owner);
  /// Returns `bytes` previously charged (to this tracker and its ancestors).
  void Release(uint64_t bytes);

  /// Bytes currently charged.
  uint64_t used() const { return used_.load(std::memory_order_relaxed); }
  /// Highest value used() has reached.
  uint64_t peak() const { return peak_.load(std::memory_order_relaxed); }
  /// Limit in bytes (0 = none).
  uint64_t limit() const { return limit_.load(std::memory_order_relaxed); }
  void set_limit(uint64_t limit) { limit_.store(limit, std::memory_order_relaxed); }
  const std::shared_ptr<MemoryTracker>& parent() const { return parent_; }

  /// Spilling operators (hash aggregation, ORDER BY) move their data to temporary files once
  /// a tracker holds more than this fraction of its limit, leaving the rest of the limit for
  /// merging what they wrote back and for the query's other operators.
  static constexpr double kSpillFraction = 0.6;
  /// True when this tracker or an ancestor would hold more than kSpillFraction of its limit
  /// with `extra` more bytes (e.g. the scratch space sorting a run needs).
  bool ShouldSpill(uint64_t extra = 0) const;
  /// The directory spilling operators of this query create their temporary files in (SET
  /// temp_directory); empty: the system's ($TMPDIR, else /tmp). Set before the query runs.
  const std::string& temporary_directory() const { return temporary_directory_; }
  void set_temporary_directory(std::string directory) { temporary_directory_ = std::move(directory); }

  /// The tracker of the query the calling thread works for (set by a Scope), or null.
  static const std::shared_ptr<MemoryTracker>& Current();

  /// Makes `tracker` the calling thread's Current() until destroyed (restores the previous one).
  class Scope {
   public:
    explicit Scope(std::shared_ptr<MemoryTracker> tracker);
    ~Scope();
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    std::shared_ptr<MemoryTracker> previous_;
  };

 private:
  void ChargeLocal(uint64_t bytes, uint64_t requested, const char* owner);

  std::string name_;
  std::atomic<uint64_t> limit_;
  std::atomic<uint64_t> used_{0};
  std::atomic<uint64_t> peak_{0};
  std::shared_ptr<MemoryTracker> parent_;
  std::string temporary_directory_;
};

/// The bytes one data structure holds, charged to a MemoryTracker in steps of a block
/// (kMemoryChargeBlock unless given).
/// The tracker is the one given, or else the thread's MemoryTracker::Current() at the first
/// charge (none: nothing is charged — structures used outside a query). Released on
/// destruction. Movable, not copyable.
class MemoryReservation {
 public:
  /// `owner`: the operator named in errors (a string literal: kept by pointer). `block`: the
  /// charging step in bytes; a structure kept in many small pieces, each with its own
  /// reservation (an aggregate's radix partitions), charges in smaller steps so the rounding
  /// does not add up.
  explicit MemoryReservation(const char* owner, std::shared_ptr<MemoryTracker> tracker = nullptr,
                             uint64_t block = kMemoryChargeBlock)
      : owner_(owner), tracker_(std::move(tracker)), block_(block) {}
  ~MemoryReservation() { Clear(); }
  MemoryReservation(MemoryReservation&& other) noexcept;
  MemoryReservation& operator=(MemoryReservation&& other) noexcept;
  MemoryReservation(const MemoryReservation&) = delete;
  MemoryReservation& operator=(const MemoryReservation&) = delete;

  /// Declares that the owner now holds `bytes`. Charges when it grows past the reserved blocks,
  /// releases when it shrinks by more than two blocks. Throws 53200 (see MemoryTracker::Charge);
  /// the reservation is then unchanged.
  void Resize(uint64_t bytes) {
    if (bytes == 0) return Clear();
    if (bytes <= reserved_ && bytes + 2 * block_ > reserved_) return;
    ResizeSlow(bytes);
  }
  /// Releases everything reserved.
  void Clear() {
    if (reserved_ > 0) ResizeSlow(0);
  }
  /// Bytes charged now (a multiple of block()).
  uint64_t reserved() const { return reserved_; }
  uint64_t block() const { return block_; }
  const char* owner() const { return owner_; }
  void set_owner(const char* owner) { owner_ = owner; }

 private:
  void ResizeSlow(uint64_t bytes);

  const char* owner_;
  std::shared_ptr<MemoryTracker> tracker_;
  uint64_t block_;
  uint64_t reserved_ = 0;
};

/// "2.0 GiB", "512.0 MiB", "12.5 KiB", "100 bytes": a byte count for messages.
std::string FormatBytes(uint64_t bytes);

}  // namespace cairn
