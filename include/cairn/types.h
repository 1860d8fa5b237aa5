// Cairn's SQL type system.
//
// A LogicalType is what SQL sees (INTEGER, DECIMAL(18,3), TIMESTAMP, VARCHAR, ...). Each logical
// type is stored in memory as one PhysicalType, the C++ representation a Vector holds:
//
//   logical                                   physical   C++ type     unit / encoding
//   BOOLEAN                                   BOOL       bool
//   TINYINT SMALLINT INTEGER UTINYINT USMALLINT INT32    int32_t
//   BIGINT UINTEGER                           INT64      int64_t
//   UBIGINT HUGEINT                           INT128     __int128
//   DECIMAL(p<=18, s)                         INT64      int64_t      unscaled value * 10^-s
//   DECIMAL(19<=p<=38, s)                     INT128     __int128     unscaled value * 10^-s
//   NUMERIC (unconstrained, a scale per value) INT128    __int128     unscaled * 256 + scale
//                                                                     (src/common/numeric.h)
//   FLOAT DOUBLE                              DOUBLE     double       (FLOAT prints as float)
//   VARCHAR BLOB UUID                         STRING     string_t     UUID as canonical text
//   JSON JSONB                                STRING     string_t     JSON text (jsonb normalized)
//   DATE                                      INT32      int32_t      days since 1970-01-01
//   TIME                                      INT64      int64_t      microseconds since 00:00
//   TIMESTAMP TIMESTAMP_TZ                    INT64      int64_t      microseconds since epoch
//   INTERVAL                                  INTERVAL   interval_t   months, days, micros
//   ARRAY (element[])                         STRING     string_t     order-preserving element
//                                                                      encoding (common/array_encoding.h)
//
// Narrow integers share a physical type so kernels are instantiated for few C++ types; the
// logical type still governs printing, overflow checks and the type a client sees.
//
// Thread-safety: LogicalType is an immutable value type.
#pragma once

#include <cstdint>
#include <string>

namespace cairn {

using idx_t = uint64_t;
using hugeint_t = __int128;

/// Number of rows a DataChunk holds at most (DuckDB's STANDARD_VECTOR_SIZE).
constexpr idx_t kStandardVectorSize = 2048;

enum class TypeId : uint8_t {
  INVALID = 0,
  SQLNULL,  // the type of an untyped NULL literal
  BOOLEAN,
  TINYINT,
  SMALLINT,
  INTEGER,
  BIGINT,
  UTINYINT,
  USMALLINT,
  UINTEGER,
  UBIGINT,
  HUGEINT,
  FLOAT,
  DOUBLE,
  DECIMAL,
  VARCHAR,
  BLOB,
  UUID,
  DATE,
  TIME,
  TIMESTAMP,
  TIMESTAMP_TZ,
  INTERVAL,
  ARRAY,  // PostgreSQL's one-dimensional array of a scalar element type (`integer[]`)
  JSON,   // PostgreSQL's json: the input text, validated, kept verbatim
  JSONB,  // PostgreSQL's jsonb: stored as its normalized output text (src/function/json/)
  /// PostgreSQL's unconstrained numeric: each value carries its own display scale
  /// (docs/design/numeric.md). DECIMAL(p,s) is the fixed-scale form.
  NUMERIC,
};

enum class PhysicalType : uint8_t { INVALID = 0, BOOL, INT32, INT64, INT128, DOUBLE, STRING, INTERVAL };

/// An interval as PostgreSQL keeps it: months, days and microseconds are independent fields.
struct interval_t {
  int32_t months = 0;
  int32_t days = 0;
  int64_t micros = 0;
  bool operator==(const interval_t&) const = default;
};

class LogicalType {
 public:
  constexpr LogicalType() = default;
  constexpr LogicalType(TypeId id) : id_(id) {}  // NOLINT: implicit on purpose

  /// DECIMAL(width, scale). REQUIRES: 1 <= width <= 38, 0 <= scale <= width.
  static LogicalType Decimal(uint8_t width, uint8_t scale);
  /// An array of `element` (PostgreSQL's `element[]`). Throws 0A000 when `element` is an array
  /// (multidimensional arrays are one type in PostgreSQL; Cairn has one dimension) or not a
  /// concrete type.
  static LogicalType Array(const LogicalType& element);
  /// The polymorphic "anyarray" of function signatures: matches an array of any element type.
  static constexpr LogicalType AnyArray() { LogicalType type(TypeId::ARRAY); return type; }

  TypeId id() const { return id_; }
  uint8_t width() const { return width_; }  // DECIMAL, or an ARRAY's DECIMAL element
  uint8_t scale() const { return scale_; }  // DECIMAL, or an ARRAY's DECIMAL element
  /// ARRAY only: the element type (INVALID for AnyArray()).
  LogicalType element_type() const {
    LogicalType element(element_id_);
    element.width_ = width_;
    element.scale_ = scale_;
    return element;
  }
  bool IsArray() const { return id_ == TypeId::ARRAY; }

  PhysicalType physical_type() const;

  bool IsNumeric() const;   // integer, decimal, numeric or floating point
  bool IsIntegral() const;  // TINYINT..HUGEINT (signed and unsigned)
  bool IsTemporal() const;  // DATE, TIME, TIMESTAMP, TIMESTAMP_TZ, INTERVAL
  bool IsString() const { return id_ == TypeId::VARCHAR; }

  /// SQL name as DuckDB prints it: "INTEGER", "DECIMAL(18,3)", "TIMESTAMP WITH TIME ZONE",
  /// "INTEGER[]".
  std::string ToString() const;

  /// Size in bytes of one value of the physical type (string_t is 16 bytes).
  idx_t PhysicalSize() const;

  bool operator==(const LogicalType& other) const {
    return id_ == other.id_ && width_ == other.width_ && scale_ == other.scale_ && element_id_ == other.element_id_;
  }
  bool operator!=(const LogicalType& other) const { return !(*this == other); }

 private:
  TypeId id_ = TypeId::INVALID;
  uint8_t width_ = 0;
  uint8_t scale_ = 0;
  TypeId element_id_ = TypeId::INVALID;  // ARRAY: the element type (with width_/scale_)
};

}  // namespace cairn
