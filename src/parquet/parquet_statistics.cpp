#include "parquet/parquet_statistics.h"

#include <cmath>
#include <cstring>

#include "parquet/value_conversion.h"

namespace cairn::parquet {

namespace {

/// One PLAIN-encoded value (without length prefix for byte arrays) to a Value.
std::optional<Value> DecodeBound(const ParquetColumn& column, const std::string& bytes) {
  const LogicalType& type = column.type;
  const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
  switch (column.physical_type) {
    case Type::BOOLEAN:
      if (bytes.size() != 1) return std::nullopt;
      return Value::Boolean(data[0] != 0);
    case Type::INT32: {
      if (bytes.size() != 4) return std::nullopt;
      int32_t v;
      std::memcpy(&v, data, 4);
      switch (column.conversion) {
        case ValueConversion::NONE:
        case ValueConversion::INT32_TO_INT64: return Value::FromPhysical(type, v);
        case ValueConversion::UINT32_TO_INT64: return Value::FromPhysical(type, static_cast<uint32_t>(v));
        case ValueConversion::INT32_TO_INT128: return Value::FromPhysical128(type, v);
        case ValueConversion::INT32_MILLIS_TO_MICROS: return Value::FromPhysical(type, int64_t(v) * 1000);
        default: return std::nullopt;
      }
    }
    case Type::INT64: {
      if (bytes.size() != 8) return std::nullopt;
      int64_t v;
      std::memcpy(&v, data, 8);
      switch (column.conversion) {
        case ValueConversion::NONE: return Value::FromPhysical(type, v);
        case ValueConversion::INT64_TO_INT128: return Value::FromPhysical128(type, v);
        case ValueConversion::UINT64_TO_INT128:
          return Value::FromPhysical128(type, static_cast<hugeint_t>(static_cast<uint64_t>(v)));
        case ValueConversion::INT64_MILLIS_TO_MICROS: return Value::FromPhysical(type, MillisToMicros(v));
        case ValueConversion::INT64_NANOS_TO_MICROS: return Value::FromPhysical(type, NanosToMicros(v));
        default: return std::nullopt;
      }
    }
    case Type::FLOAT: {
      if (bytes.size() != 4) return std::nullopt;
      float v;
      std::memcpy(&v, data, 4);
      if (std::isnan(v)) return std::nullopt;
      return Value::FromPhysicalDouble(type, v);
    }
    case Type::DOUBLE: {
      if (bytes.size() != 8) return std::nullopt;
      double v;
      std::memcpy(&v, data, 8);
      if (std::isnan(v)) return std::nullopt;
      return Value::FromPhysicalDouble(type, v);
    }
    case Type::BYTE_ARRAY:
    case Type::FIXED_LEN_BYTE_ARRAY:
      if (column.physical_type == Type::FIXED_LEN_BYTE_ARRAY && bytes.size() != static_cast<size_t>(column.type_length)) {
        return std::nullopt;
      }
      switch (column.conversion) {
        case ValueConversion::NONE: return Value::FromPhysicalString(type, bytes);
        case ValueConversion::BYTES_TO_DECIMAL64:
          if (bytes.size() > 8) return std::nullopt;
          return Value::FromPhysical(type, BigEndianToInteger<int64_t>(data, bytes.size()));
        case ValueConversion::BYTES_TO_DECIMAL128:
          if (bytes.size() > 16) return std::nullopt;
          return Value::FromPhysical128(type, BigEndianToInteger<hugeint_t>(data, bytes.size()));
        default: return std::nullopt;
      }
    case Type::INT96:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

ColumnStatistics DecodeColumnStatistics(const ParquetColumn& column, const Statistics& statistics) {
  ColumnStatistics result;
  if (statistics.null_count && *statistics.null_count >= 0) result.null_count = statistics.null_count;
  if (statistics.distinct_count && *statistics.distinct_count >= 0) result.distinct_count = statistics.distinct_count;
  if (column.nested || !column.stats_usable) return result;
  const std::optional<std::string>* min = nullptr;
  const std::optional<std::string>* max = nullptr;
  if (statistics.min_value && statistics.max_value) {
    min = &statistics.min_value;
    max = &statistics.max_value;
  } else if (column.legacy_stats_usable && statistics.min && statistics.max) {
    min = &statistics.min;
    max = &statistics.max;
  } else {
    return result;
  }
  auto lo = DecodeBound(column, **min);
  auto hi = DecodeBound(column, **max);
  if (lo && hi) {
    result.min = std::move(lo);
    result.max = std::move(hi);
  }
  return result;
}

}  // namespace cairn::parquet
