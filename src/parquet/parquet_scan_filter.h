// ParquetScanFilter: one TableFilter (column op constant, IS [NOT] NULL), or the membership test
// of a hash join's build keys (JoinKeyFilter), compiled for its column's type and evaluated row
// by row inside the Parquet scan, so that rows failing it are dropped before the scan decodes
// the other columns (late materialization, docs/design/scan-filters.md).
//
// Semantics are exactly those of the engine's comparison operators over the column's type
// (src/function/scalar/comparison.cpp): integers, dates, times and timestamps by value,
// DECIMALs as their unscaled integers (same scale: the constant has the column's type), DOUBLEs
// by IEEE comparison (NaN compares false, -0.0 = 0.0), strings and BLOBs by unsigned bytes, and
// a NULL row passes no comparison. Types the engine compares otherwise (NUMERIC, INTERVAL,
// arrays, JSON) are not compiled (Make returns nullopt) and stay with the FILTER above the scan.
//
// Dictionary-aware: on a DICTIONARY vector (a dictionary-encoded Parquet chunk) the predicate
// is evaluated once per dictionary entry into a bitmap, cached for as long as the same
// dictionary is seen, and then looked up per row by index.
//
// Thread-safety: one instance per scan partition (it caches the last dictionary's bitmap).
#pragma once

#include <optional>
#include <vector>

#include "cairn/vector.h"
#include "function/table/join_key_filter.h"
#include "function/table/table_source.h"

namespace cairn::parquet {

class ParquetScanFilter {
 public:
  /// `filter` compiled for a column of `type`; nullopt when it cannot be evaluated exactly as
  /// the engine would (unsupported type, or a constant of another type that does not convert to
  /// `type` without loss). With `nulls_pass`, a comparison lets NULL rows through (a top-N
  /// cut-off whose NULLs sort first).
  static std::optional<ParquetScanFilter> Make(const TableFilter& filter, const LogicalType& type,
                                               bool nulls_pass = false);

  /// Membership in a hash join's build keys (JoinKeyFilter::Apply), for a column of the
  /// filter's type. op() is EQUAL.
  static ParquetScanFilter ForJoinKeys(std::shared_ptr<const JoinKeyFilter> keys);

  /// Clears keep[i] (0/1 flags) for each row i in [0, count) of `vector` that fails the filter;
  /// rows already cleared stay cleared. `vector` has the type given to Make.
  void Apply(const Vector& vector, idx_t count, uint8_t* keep);

  TableFilter::Op op() const { return op_; }
  /// Whether this is a membership test of join keys (ForJoinKeys).
  bool membership() const { return join_keys_ != nullptr; }

 private:
  ParquetScanFilter(TableFilter::Op op, LogicalType type, Value constant)
      : op_(op), type_(std::move(type)), constant_(std::move(constant)) {}

  /// Evaluates rows sel[0..count) of flat data (`sel` null: rows 0..count) into keep.
  void ApplyFlat(const uint8_t* data, const ValidityMask& validity, const sel_t* sel, idx_t count, uint8_t* keep) const;

  TableFilter::Op op_;
  bool nulls_pass_ = false;
  LogicalType type_;
  Value constant_;
  std::string string_constant_;  // STRING types: the constant's bytes
  std::shared_ptr<const JoinKeyFilter> join_keys_;  // ForJoinKeys: the keys (else null)
  // The last dictionary seen (kept alive so its address cannot be reused) and its entries' results.
  Vector dictionary_;
  bool has_dictionary_ = false;
  std::vector<uint8_t> dictionary_keep_;
};

}  // namespace cairn::parquet
