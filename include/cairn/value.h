// Value: one SQL value of any LogicalType, or NULL. Used for constants, statistics, results
// read one cell at a time, and tests — never on a hot path (vectors hold data in bulk).
//
// Thread-safety: immutable value type.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "cairn/types.h"

namespace cairn {

class Value {
 public:
  /// A NULL of type SQLNULL.
  Value() : type_(TypeId::SQLNULL) {}
  /// A NULL of the given type.
  static Value Null(LogicalType type) { Value v; v.type_ = type; return v; }

  static Value Boolean(bool v);
  static Value TinyInt(int8_t v);
  static Value SmallInt(int16_t v);
  static Value Integer(int32_t v);
  static Value BigInt(int64_t v);
  static Value HugeInt(hugeint_t v);
  static Value UBigInt(uint64_t v);
  static Value Float(float v);
  static Value Double(double v);
  /// DECIMAL(width, scale) from its unscaled integer (123.45 in DECIMAL(5,2) is 12345).
  static Value Decimal(hugeint_t unscaled, uint8_t width, uint8_t scale);
  /// NUMERIC (PostgreSQL's unconstrained numeric) worth unscaled * 10^-scale, printed with
  /// `scale` fractional digits. Throws cairn::Exception 22003 unless |unscaled| < 10^35 and
  /// scale <= 38.
  static Value Numeric(hugeint_t unscaled, uint8_t scale);
  static Value Varchar(std::string v);
  static Value Blob(std::string bytes);
  static Value Date(int32_t days_since_epoch);
  static Value Time(int64_t micros_since_midnight);
  static Value Timestamp(int64_t micros_since_epoch);
  static Value TimestampTz(int64_t micros_since_epoch);
  static Value Interval(interval_t v);
  /// An ARRAY of `element` holding `elements` (each NULL or already of type `element`).
  /// Throws 0A000 when `element` is itself an array.
  static Value Array(const LogicalType& element, const std::vector<Value>& elements);
  /// A value of `type` whose physical payload is given directly (used by Vector::GetValue).
  static Value FromPhysical(LogicalType type, int64_t v);
  static Value FromPhysical128(LogicalType type, hugeint_t v);
  static Value FromPhysicalDouble(LogicalType type, double v);
  static Value FromPhysicalString(LogicalType type, std::string v);

  const LogicalType& type() const { return type_; }
  bool IsNull() const { return std::holds_alternative<std::monostate>(payload_); }

  // Physical accessors. REQUIRES: !IsNull() and a matching physical type.
  bool GetBool() const { return std::get<bool>(payload_); }
  /// INT32 and INT64 physical types (and DECIMAL <= 18 digits: the unscaled value).
  int64_t GetInt64() const { return std::get<int64_t>(payload_); }
  hugeint_t GetInt128() const { return std::get<hugeint_t>(payload_); }
  double GetDouble() const { return std::get<double>(payload_); }
  const std::string& GetString() const { return std::get<std::string>(payload_); }
  interval_t GetInterval() const { return std::get<interval_t>(payload_); }
  /// ARRAY: the elements, in order (NULL elements as typed NULLs). REQUIRES: !IsNull().
  std::vector<Value> GetArrayElements() const;
  /// NUMERIC only: the unscaled integer and the display scale (1.50 is 150 and 2). GetInt128()
  /// holds them packed (unscaled * 256 + scale).
  hugeint_t GetNumericUnscaled() const;
  uint8_t GetNumericScale() const;

  /// Text form as DuckDB and PostgreSQL print it: "NULL" for NULL, dates "2024-01-31",
  /// timestamps "2024-01-31 12:00:00.5", decimals with exactly `scale` fractional digits,
  /// doubles in the shortest form that round-trips, arrays as PostgreSQL prints them
  /// (`{1,NULL,"a b"}`).
  std::string ToString() const;

  /// Converts to `target` with SQL CAST semantics. Throws cairn::Exception (22P02, 22003, ...)
  /// when the value does not fit or does not parse.
  Value CastAs(const LogicalType& target) const;

  /// Structural equality (same type, both NULL or same payload).
  bool operator==(const Value& other) const { return type_ == other.type_ && payload_ == other.payload_; }

 private:
  LogicalType type_;
  std::variant<std::monostate, bool, int64_t, hugeint_t, double, std::string, interval_t> payload_;
};

}  // namespace cairn
