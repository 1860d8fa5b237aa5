// ColumnStatistics: a column chunk's Statistics (parquet.thrift) decoded into cairn::Values of
// the column's Cairn type, for row-group pruning.
//
// min_value/max_value (type-defined sort order) are used when present; the deprecated min/max
// (signed byte-wise order) only for types whose order they get right (booleans, signed
// integers, floating point). Types without a usable order (INT96, UUID, FLOAT16, INTERVAL) and
// NaN bounds yield no min/max. Malformed statistics are ignored, never an error: statistics
// only ever let a reader skip data, so "unknown" is always safe.
//
// Thread-safety: pure function / value type.
#pragma once

#include <cstdint>
#include <optional>

#include "cairn/value.h"
#include "parquet/parquet_metadata.h"
#include "parquet/parquet_schema.h"

namespace cairn::parquet {

struct ColumnStatistics {
  std::optional<Value> min;  // inclusive lower bound of the non-null values
  std::optional<Value> max;  // inclusive upper bound of the non-null values
  std::optional<int64_t> null_count;
  std::optional<int64_t> distinct_count;  // distinct non-null values, when the writer recorded them
};

/// Decodes `statistics` of flat column `column`.
ColumnStatistics DecodeColumnStatistics(const ParquetColumn& column, const Statistics& statistics);

}  // namespace cairn::parquet
