// ParquetSchema: the schema tree of a Parquet file (the flattened depth-first list of
// SchemaElements in FileMetaData.schema, parquet-format "Nested Encoding" / LogicalTypes.md)
// turned into the top-level columns Cairn exposes, with each flat column's Cairn LogicalType and
// the conversion from its Parquet physical representation.
//
// Type mapping (LogicalType annotation first, then the legacy ConvertedType):
//   BOOLEAN -> BOOLEAN; INT32 -> INTEGER, INT(8/16/32, signed/unsigned) -> TINYINT, SMALLINT,
//   INTEGER, UTINYINT, USMALLINT, UINTEGER; INT64 -> BIGINT, INT(64, unsigned) -> UBIGINT;
//   INT96 -> TIMESTAMP (Impala); FLOAT -> FLOAT; DOUBLE -> DOUBLE; BYTE_ARRAY -> VARCHAR when
//   STRING/UTF8/ENUM/JSON, else BLOB; FIXED_LEN_BYTE_ARRAY -> BLOB, UUID -> UUID (text),
//   FLOAT16 -> FLOAT; DECIMAL(p,s) on INT32/INT64/FIXED_LEN_BYTE_ARRAY/BYTE_ARRAY ->
//   DECIMAL(p,s) (p <= 38); DATE -> DATE; TIME(ms/us/ns) -> TIME; TIMESTAMP(ms/us/ns) ->
//   TIMESTAMP, or TIMESTAMP_TZ when isAdjustedToUTC.
// A top-level field that is a group (LIST, MAP, STRUCT) or REPEATED is "nested": it is listed
// (type VARCHAR as a placeholder) but cannot be read.
//
// Errors: a malformed tree (num_children running past the end, a leaf without a physical type,
// trailing elements) throws cairn::Exception(kDataCorrupted) naming the file.
// Thread-safety: immutable after construction.
#pragma once

#include <string>
#include <vector>

#include "cairn/types.h"
#include "parquet/parquet_metadata.h"

namespace cairn::parquet {

/// How a column's physical values become the Cairn physical representation.
enum class ValueConversion : uint8_t {
  NONE,              // same C++ type: bool, int32, int64, double, string_t
  INT32_TO_INT64,    // sign-extend (DECIMAL(p<=18) on INT32)
  UINT32_TO_INT64,   // zero-extend (UINTEGER)
  INT32_TO_INT128,   // sign-extend (wide DECIMAL on INT32)
  INT64_TO_INT128,   // sign-extend (wide DECIMAL on INT64)
  UINT64_TO_INT128,  // zero-extend (UBIGINT)
  INT32_MILLIS_TO_MICROS,  // TIME(MILLIS) on INT32
  INT64_MILLIS_TO_MICROS,  // TIMESTAMP/TIME(MILLIS)
  INT64_NANOS_TO_MICROS,   // TIMESTAMP/TIME(NANOS), floor division
  INT96_TO_MICROS,         // Impala timestamp
  FLOAT_TO_DOUBLE,
  HALF_TO_DOUBLE,          // FLOAT16 on FIXED_LEN_BYTE_ARRAY(2)
  BYTES_TO_DECIMAL64,      // big-endian two's complement, DECIMAL(p<=18)
  BYTES_TO_DECIMAL128,     // big-endian two's complement, DECIMAL(19..38)
  BYTES_TO_UUID,           // 16 bytes -> "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
};

/// One top-level column of a Parquet file.
struct ParquetColumn {
  std::string name;
  LogicalType type;       // Cairn type (VARCHAR placeholder for nested columns)
  bool nullable = true;   // OPTIONAL (or nested)
  bool nested = false;    // LIST/MAP/STRUCT or repeated: not readable yet
  // Flat columns only:
  idx_t leaf_index = 0;   // index of its ColumnChunk in every RowGroup
  Type physical_type = Type::BOOLEAN;
  int32_t type_length = 0;  // FIXED_LEN_BYTE_ARRAY length
  uint8_t max_definition_level = 0;  // 0 (REQUIRED) or 1 (OPTIONAL)
  ValueConversion conversion = ValueConversion::NONE;
  /// Statistics ordering: true when min_value/max_value/min/max are usable for pruning.
  bool stats_usable = true;
  /// Whether the deprecated min/max fields (signed order) may be used.
  bool legacy_stats_usable = false;
};

class ParquetSchema {
 public:
  /// Builds the columns from `metadata.schema`. `file` names the file in errors.
  ParquetSchema(const FileMetaData& metadata, const std::string& file);

  const std::vector<ParquetColumn>& columns() const { return columns_; }
  /// Number of leaf columns (ColumnChunks per RowGroup).
  idx_t num_leaves() const { return num_leaves_; }

 private:
  std::vector<ParquetColumn> columns_;
  idx_t num_leaves_ = 0;
};

}  // namespace cairn::parquet
