// InListSet: the constant terms of `x IN (c1, ..., cn)` / `x NOT IN (...)` as one hash set, so
// each row costs one probe instead of n comparisons.
//
// Equality is the comparison operator's (PostgreSQL's `=`), made hashable by a canonical key:
//   - integers, dates, timestamps, DECIMAL (one scale per type), BOOLEAN: the stored value;
//   - DOUBLE / REAL: -0 and 0 are one key, every NaN is one key (PostgreSQL: NaN = NaN);
//   - NUMERIC (unconstrained): numeric::Normalize (1.0 = 1.00);
//   - INTERVAL: its span in microseconds (months as 30 days, days as 24 hours);
//   - text, bytea, uuid, arrays, json: the bytes (default collation: byte equality).
// Integer keys over a range of at most 64 bits per key are a bitmap over that range; other keys
// an open-addressing hash table at most a quarter full (Fibonacci hashing for fixed-width keys).
// Three-valued logic (SQL:2016 8.4 <in predicate>, PostgreSQL 9.24): a NULL probe gives NULL;
// a match gives TRUE (NOT IN: FALSE); no match gives NULL if some term is NULL, else FALSE
// (NOT IN: TRUE).
//
// Thread-safety: immutable after Make(); Evaluate/Select may run on many threads at once.
#pragma once

#include <memory>
#include <vector>

#include "cairn/data_chunk.h"
#include "cairn/value.h"

namespace cairn {

class InListSet {
 public:
  virtual ~InListSet() = default;

  /// A set of `terms`, each cast to `type` first (Value::CastAs) when its type differs; NULL
  /// terms are remembered, not stored. REQUIRES: type.physical_type() != INVALID. Throws the
  /// cast's cairn::Exception (e.g. 22P02) when a term does not convert, as evaluating the
  /// comparison would.
  static std::unique_ptr<InListSet> Make(const LogicalType& type, const std::vector<Value>& terms);

  /// Writes `probe IN set` (NOT IN when `negate`) for the first `count` rows of `probe` (of the
  /// set's type) into `result`, a flat BOOLEAN vector of capacity >= count whose validity is
  /// all valid on entry.
  virtual void Evaluate(const Vector& probe, idx_t count, bool negate, Vector& result) const = 0;

  /// Writes the rows among the first `count` of `probe` where `probe IN set` (NOT IN when
  /// `negate`) is TRUE into `true_sel` (capacity >= count); returns their number.
  virtual idx_t Select(const Vector& probe, idx_t count, bool negate, SelectionVector& true_sel) const = 0;

  /// True if some term is NULL.
  bool has_null() const { return has_null_; }
  /// Number of distinct non-NULL keys.
  idx_t size() const { return size_; }

 protected:
  bool has_null_ = false;
  idx_t size_ = 0;
};

}  // namespace cairn
