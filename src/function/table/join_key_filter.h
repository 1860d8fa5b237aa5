// JoinKeyFilter: the key values of a hash join's build side, handed to the scan that feeds the
// join's probe side (a dynamic join filter, or "runtime filter": DuckDB's join filter pushdown,
// Spark's runtime filters). A probe row whose key is none of the build's keys cannot survive an
// INNER, SEMI or RIGHT join, so the scan may drop it before decoding the row's other columns,
// and skip row groups and pages whose min/max statistics lie outside the build keys' bounds
// (issue: "dynamic filters from hash-join builds ... pushed into probe-side scans").
//
// What it holds (chosen by PhysicalHashJoin once its build side is complete):
//   - integer-like keys (physical INT32/INT64: integers, DATE, TIME, TIMESTAMP[TZ], DECIMAL up to
//     18 digits): the bounds [min, max] of the build's non-NULL keys, and, when the range is at
//     most kMaxBitmapBits values, a bitmap of the keys present; otherwise, for builds of at most
//     kMaxSetValues rows, a hash set of them;
//   - VARCHAR keys: for builds of at most kMaxSetValues rows, the set of their bytes.
// Equality is the join's: integers by value, DECIMALs by unscaled value (the column and the
// key have the same type, so the same scale), strings by bytes. A NULL probe key matches
// nothing unless the join compares that key with IS NOT DISTINCT FROM and the build holds a
// NULL key (nulls_pass()). A filter with no key at all (empty build) passes no non-NULL row.
//
// Like every ScanRequest filter it is a hint: a source may ignore it or apply it partly; the
// join still checks every row.
//
// Thread-safety: AddToBitmap may run on many threads at once (atomic word updates) until the
// filter is published; after that (the join's finalize is done, which the pipeline order puts
// before any probe-side scan starts) every method is const and safe to call concurrently.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "cairn/types.h"
#include "cairn/value.h"
#include "cairn/vector.h"
#include "function/table/table_source.h"

namespace cairn {

class JoinKeyFilter {
 public:
  /// Largest bitmap: 2^24 values (2 MiB).
  static constexpr uint64_t kMaxBitmapBits = uint64_t(1) << 24;
  /// Largest build (in rows) whose keys are gathered into a hash set.
  static constexpr idx_t kMaxSetValues = 4096;

  /// Whether a key of `type` may have a filter: physical INT32/INT64 types other than
  /// BOOLEAN (bounds, bitmap or set) and VARCHAR (set).
  static bool Eligible(const LogicalType& type);
  /// Whether `type` is an eligible integer-like type (bounds apply).
  static bool IsIntegerLike(const LogicalType& type);
  /// Calls on_value(int64_t) for each non-NULL row and on_null() for each NULL row among the
  /// first `count` rows of `keys` (any vector kind, physical INT32 or INT64), in order.
  template <class OnValue, class OnNull>
  static void ForEachIntegerKey(const Vector& keys, idx_t count, OnValue&& on_value, OnNull&& on_null) {
    UnifiedFormat format;
    keys.ToUnified(count, format);
    const bool wide = keys.type().physical_type() == PhysicalType::INT64;
    for (idx_t i = 0; i < count; i++) {
      const idx_t row = format.sel->get_index(i);
      if (!format.validity->RowIsValid(row)) {
        on_null();
        continue;
      }
      on_value(wide ? reinterpret_cast<const int64_t*>(format.data)[row]
                    : static_cast<int64_t>(reinterpret_cast<const int32_t*>(format.data)[row]));
    }
  }

  /// A filter on source column `column` (an index into TableSource::columns()) of `type`,
  /// holding no key yet. `nulls_pass`: NULL rows pass.
  JoinKeyFilter(idx_t column, LogicalType type, bool nulls_pass)
      : column_(column), type_(std::move(type)), nulls_pass_(nulls_pass) {}

  // ---- building (PhysicalHashJoin), before the filter is published ----

  /// Integer-like keys: every non-NULL build key lies in [min, max] (min <= max). With
  /// `bitmap`, allocates the bitmap when the range allows (has_bitmap()); every key must then be
  /// added with AddToBitmap before the filter is published.
  void SetBounds(int64_t min, int64_t max, bool bitmap);
  bool has_bitmap() const { return !bitmap_.empty(); }
  /// Sets the bits of the non-NULL keys among the first `count` rows of `keys` (this filter's
  /// type; each within the bounds). Thread-safe while building.
  void AddToBitmap(const Vector& keys, idx_t count);
  /// Adds the non-NULL keys among the first `count` rows of `keys` to the hash set (created on
  /// first use). Single-threaded. Integer-like keys must lie within the bounds.
  void AddToSet(const Vector& keys, idx_t count);
  /// Ends building: a bitmap holding every value of the bounds says no more than the bounds, so
  /// it is released (evaluating it row by row would drop nothing).
  void Seal();

  // ---- reading (the scan) ----

  idx_t column() const { return column_; }
  const LogicalType& type() const { return type_; }
  bool nulls_pass() const { return nulls_pass_; }
  /// The build's non-NULL keys' bounds as values of type(); nullopt for VARCHAR keys.
  std::optional<Value> min() const;
  std::optional<Value> max() const;
  /// Whether the build held no non-NULL key: only NULL rows (when nulls_pass()) can pass.
  bool empty() const { return !has_bounds_ && set_size_ == 0 && strings_.empty(); }
  /// Whether row-level evaluation checks membership (a bitmap or set), not only the bounds.
  bool exact() const { return has_bitmap() || has_set_; }
  /// Whether the filter is worth evaluating row by row: it checks membership, or is empty.
  bool evaluates_rows() const { return exact() || empty(); }

  /// Clears keep[i] for each row i in [0, count) failing the filter: its value, data[sel[i]]
  /// (sel null: data[i]), of this filter's physical type, is not a build key (or is NULL and
  /// !nulls_pass()). Rows already cleared stay cleared.
  void Apply(const uint8_t* data, const ValidityMask& validity, const sel_t* sel, idx_t count, uint8_t* keep) const;
  /// One value: whether `v` (physical INT32/INT64 types) is a build key.
  bool ContainsInteger(int64_t v) const;
  bool ContainsString(std::string_view v) const;

 private:
  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  /// Open addressing over int64 keys (linear probing); `empty_slot_` marks a free slot.
  bool SetContains(int64_t v) const;
  void SetInsert(int64_t v);
  /// Throws XX000 when `v` lies outside the bounds (a build key the bounds missed).
  void CheckInBounds(int64_t v) const;

  const idx_t column_;
  const LogicalType type_;
  const bool nulls_pass_;
  bool has_bounds_ = false;
  int64_t min_ = 0, max_ = 0;
  std::vector<std::atomic<uint64_t>> bitmap_;  // bit (v - min_) set: v is a key
  bool has_set_ = false;
  std::vector<int64_t> slots_;                 // integer set: power-of-two size
  int64_t empty_slot_ = 0;
  idx_t set_size_ = 0;
  std::unordered_set<std::string, StringHash, std::equal_to<>> strings_;
};

}  // namespace cairn
