#include "common/memory_tracker.h"

#include <cstdio>

#include "cairn/exception.h"

namespace cairn {

namespace {

thread_local std::shared_ptr<MemoryTracker> t_current;

}  // namespace

MemoryTracker::MemoryTracker(std::string name, uint64_t limit, std::shared_ptr<MemoryTracker> parent)
    : name_(std::move(name)), limit_(limit), parent_(std::move(parent)) {}

MemoryTracker::~MemoryTracker() {
  // Whatever is still charged here (a structure that outlived its query) leaves the parent too.
  uint64_t remaining = used_.load();
  if (parent_ && remaining > 0) parent_->Release(remaining);
}

void MemoryTracker::ChargeLocal(uint64_t bytes, uint64_t requested, const char* owner) {
  uint64_t limit = limit_.load(std::memory_order_relaxed);
  // Compare-and-swap, never add-then-undo: used() must never be seen above the limit, or a
  // concurrent charge that would fit could fail on another thread's transient overshoot.
  uint64_t before = used_.load(std::memory_order_relaxed);
  uint64_t after;
  do {
    after = before + bytes;
    if (limit != 0 && after > limit) break;
  } while (!used_.compare_exchange_weak(before, after, std::memory_order_relaxed));
  if (limit != 0 && after > limit) {
    std::string what = name_ == "query" ? "memory limit" : name_ + " memory limit";
    throw Exception(sqlstate::kOutOfMemory,
                    std::string(owner ? owner : "query") + ": " + what + " of " + FormatBytes(limit) + " exceeded (" +
                        FormatBytes(before) + " in use, " + FormatBytes(requested) + " more requested)",
                    std::nullopt,
                    name_ == "query" ? "raise it with SET memory_limit = '...', or make the query hold less "
                                       "(fewer groups, a filter, a LIMIT)"
                                     : "other queries of the database hold memory too; raise "
                                       "DatabaseOptions::memory_limit or run fewer large queries at once");
  }
  uint64_t peak = peak_.load(std::memory_order_relaxed);
  while (after > peak && !peak_.compare_exchange_weak(peak, after, std::memory_order_relaxed)) {
  }
}

bool MemoryTracker::ShouldSpill(uint64_t extra) const {
  for (const MemoryTracker* t = this; t != nullptr; t = t->parent_.get()) {
    const uint64_t limit = t->limit();
    if (limit != 0 && static_cast<double>(t->used() + extra) > kSpillFraction * static_cast<double>(limit)) return true;
  }
  return false;
}

void MemoryTracker::Charge(uint64_t bytes, const char* owner) {
  if (bytes == 0) return;
  ChargeLocal(bytes, bytes, owner);
  if (parent_) {
    try {
      parent_->Charge(bytes, owner);
    } catch (...) {
      used_.fetch_sub(bytes, std::memory_order_relaxed);
      throw;
    }
  }
}

void MemoryTracker::Release(uint64_t bytes) {
  if (bytes == 0) return;
  used_.fetch_sub(bytes, std::memory_order_relaxed);
  if (parent_) parent_->Release(bytes);
}

const std::shared_ptr<MemoryTracker>& MemoryTracker::Current() { return t_current; }

MemoryTracker::Scope::Scope(std::shared_ptr<MemoryTracker> tracker) : previous_(std::move(t_current)) {
  t_current = std::move(tracker);
}

MemoryTracker::Scope::~Scope() { t_current = std::move(previous_); }

MemoryReservation::MemoryReservation(MemoryReservation&& other) noexcept
    : owner_(other.owner_), tracker_(std::move(other.tracker_)), block_(other.block_), reserved_(other.reserved_) {
  other.reserved_ = 0;
}

MemoryReservation& MemoryReservation::operator=(MemoryReservation&& other) noexcept {
  if (this != &other) {
    Clear();
    owner_ = other.owner_;
    tracker_ = std::move(other.tracker_);
    block_ = other.block_;
    reserved_ = other.reserved_;
    other.reserved_ = 0;
  }
  return *this;
}

void MemoryReservation::ResizeSlow(uint64_t bytes) {
  uint64_t target = (bytes + block_ - 1) / block_ * block_;
  if (target == reserved_) return;
  if (!tracker_) {
    if (target < reserved_) return;  // cannot happen: nothing was charged without a tracker
    tracker_ = MemoryTracker::Current();
    if (!tracker_) return;
  }
  if (target > reserved_) {
    tracker_->Charge(target - reserved_, owner_);
  } else {
    tracker_->Release(reserved_ - target);
  }
  reserved_ = target;
}

std::string FormatBytes(uint64_t bytes) {
  static const char* const kUnits[] = {"KiB", "MiB", "GiB", "TiB", "PiB"};
  if (bytes < 1024) return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
  double value = static_cast<double>(bytes) / 1024;
  int unit = 0;
  while (value >= 1024 && unit < 4) {
    value /= 1024;
    unit++;
  }
  char text[32];
  std::snprintf(text, sizeof text, "%.1f %s", value, kUnits[unit]);
  return text;
}

}  // namespace cairn
