#include "parquet/parquet_schema.h"

#include "cairn/exception.h"

namespace cairn::parquet {

namespace {

using Kind = LogicalTypeAnnotation::Kind;

[[noreturn]] void Corrupt(const std::string& file, const std::string& what) {
  throw Exception(sqlstate::kDataCorrupted, file + ": corrupt Parquet schema: " + what);
}

bool IsGroup(const SchemaElement& e) { return !e.type.has_value() || e.num_children.value_or(0) > 0; }

/// The element's logical annotation, derived from the legacy ConvertedType when absent.
LogicalTypeAnnotation Annotation(const SchemaElement& e) {
  if (e.logicalType && e.logicalType->kind != Kind::NONE && e.logicalType->kind != Kind::OTHER) return *e.logicalType;
  LogicalTypeAnnotation a;
  if (!e.converted_type) return a;
  auto integer = [&](int8_t width, bool is_signed) {
    a.kind = Kind::INTEGER;
    a.bit_width = width;
    a.is_signed = is_signed;
  };
  switch (*e.converted_type) {
    case ConvertedType::UTF8: a.kind = Kind::STRING; break;
    case ConvertedType::ENUM: a.kind = Kind::ENUM; break;
    case ConvertedType::JSON: a.kind = Kind::JSON; break;
    case ConvertedType::BSON: a.kind = Kind::BSON; break;
    case ConvertedType::MAP:
    case ConvertedType::MAP_KEY_VALUE: a.kind = Kind::MAP; break;
    case ConvertedType::LIST: a.kind = Kind::LIST; break;
    case ConvertedType::DECIMAL:
      if (e.precision) {
        a.kind = Kind::DECIMAL;
        a.decimal_precision = *e.precision;
        a.decimal_scale = e.scale.value_or(0);
      }
      break;
    case ConvertedType::DATE: a.kind = Kind::DATE; break;
    case ConvertedType::TIME_MILLIS: a.kind = Kind::TIME, a.unit = TimeUnit::MILLIS; break;
    case ConvertedType::TIME_MICROS: a.kind = Kind::TIME, a.unit = TimeUnit::MICROS; break;
    // Legacy timestamps map to TIMESTAMP (without time zone), as DuckDB reads them.
    case ConvertedType::TIMESTAMP_MILLIS: a.kind = Kind::TIMESTAMP, a.unit = TimeUnit::MILLIS; break;
    case ConvertedType::TIMESTAMP_MICROS: a.kind = Kind::TIMESTAMP, a.unit = TimeUnit::MICROS; break;
    case ConvertedType::UINT_8: integer(8, false); break;
    case ConvertedType::UINT_16: integer(16, false); break;
    case ConvertedType::UINT_32: integer(32, false); break;
    case ConvertedType::UINT_64: integer(64, false); break;
    case ConvertedType::INT_8: integer(8, true); break;
    case ConvertedType::INT_16: integer(16, true); break;
    case ConvertedType::INT_32: integer(32, true); break;
    case ConvertedType::INT_64: integer(64, true); break;
    case ConvertedType::INTERVAL: break;
  }
  return a;
}

bool ValidDecimal(const LogicalTypeAnnotation& a) {
  return a.kind == Kind::DECIMAL && a.decimal_precision >= 1 && a.decimal_precision <= 38 && a.decimal_scale >= 0 &&
         a.decimal_scale <= a.decimal_precision;
}

/// Fills type, conversion and statistics flags of a flat column.
void MapLeaf(const SchemaElement& e, ParquetColumn& c) {
  LogicalTypeAnnotation a = Annotation(e);
  c.physical_type = *e.type;
  c.type_length = e.type_length.value_or(0);
  c.conversion = ValueConversion::NONE;
  c.stats_usable = true;
  c.legacy_stats_usable = false;
  bool decimal = ValidDecimal(a);
  auto set_decimal = [&](ValueConversion narrow, ValueConversion wide) {
    c.type = LogicalType::Decimal(static_cast<uint8_t>(a.decimal_precision), static_cast<uint8_t>(a.decimal_scale));
    c.conversion = a.decimal_precision <= 18 ? narrow : wide;
  };
  switch (*e.type) {
    case Type::BOOLEAN:
      c.type = TypeId::BOOLEAN;
      c.legacy_stats_usable = true;
      return;
    case Type::INT32:
      c.legacy_stats_usable = true;
      if (decimal) return set_decimal(ValueConversion::INT32_TO_INT64, ValueConversion::INT32_TO_INT128);
      if (a.kind == Kind::DATE) {
        c.type = TypeId::DATE;
      } else if (a.kind == Kind::TIME) {
        c.type = TypeId::TIME;
        c.conversion = ValueConversion::INT32_MILLIS_TO_MICROS;
      } else if (a.kind == Kind::INTEGER) {
        if (a.is_signed) {
          c.type = a.bit_width == 8 ? TypeId::TINYINT : a.bit_width == 16 ? TypeId::SMALLINT : TypeId::INTEGER;
        } else {
          c.legacy_stats_usable = false;
          if (a.bit_width == 8) c.type = TypeId::UTINYINT;
          else if (a.bit_width == 16) c.type = TypeId::USMALLINT;
          else c.type = TypeId::UINTEGER, c.conversion = ValueConversion::UINT32_TO_INT64;
        }
      } else {
        c.type = TypeId::INTEGER;
      }
      return;
    case Type::INT64:
      c.legacy_stats_usable = true;
      if (decimal) return set_decimal(ValueConversion::NONE, ValueConversion::INT64_TO_INT128);
      if (a.kind == Kind::TIMESTAMP || a.kind == Kind::TIME) {
        if (a.kind == Kind::TIME) c.type = TypeId::TIME;
        else c.type = a.is_adjusted_to_utc ? TypeId::TIMESTAMP_TZ : TypeId::TIMESTAMP;
        c.conversion = a.unit == TimeUnit::MILLIS  ? ValueConversion::INT64_MILLIS_TO_MICROS
                       : a.unit == TimeUnit::NANOS ? ValueConversion::INT64_NANOS_TO_MICROS
                                                   : ValueConversion::NONE;
      } else if (a.kind == Kind::INTEGER && !a.is_signed && a.bit_width == 64) {
        c.type = TypeId::UBIGINT;
        c.conversion = ValueConversion::UINT64_TO_INT128;
        c.legacy_stats_usable = false;
      } else {
        c.type = TypeId::BIGINT;
      }
      return;
    case Type::INT96:
      c.type = TypeId::TIMESTAMP;
      c.conversion = ValueConversion::INT96_TO_MICROS;
      c.stats_usable = false;  // INT96 sort order is undefined
      return;
    case Type::FLOAT:
      c.type = TypeId::FLOAT;
      c.conversion = ValueConversion::FLOAT_TO_DOUBLE;
      c.legacy_stats_usable = true;
      return;
    case Type::DOUBLE:
      c.type = TypeId::DOUBLE;
      c.legacy_stats_usable = true;
      return;
    case Type::BYTE_ARRAY:
      if (decimal) return set_decimal(ValueConversion::BYTES_TO_DECIMAL64, ValueConversion::BYTES_TO_DECIMAL128);
      c.type = (a.kind == Kind::STRING || a.kind == Kind::ENUM || a.kind == Kind::JSON) ? TypeId::VARCHAR
                                                                                         : TypeId::BLOB;
      return;
    case Type::FIXED_LEN_BYTE_ARRAY:
      if (decimal) return set_decimal(ValueConversion::BYTES_TO_DECIMAL64, ValueConversion::BYTES_TO_DECIMAL128);
      if (a.kind == Kind::UUID && c.type_length == 16) {
        c.type = TypeId::UUID;
        c.conversion = ValueConversion::BYTES_TO_UUID;
        c.stats_usable = false;
      } else if (a.kind == Kind::FLOAT16 && c.type_length == 2) {
        c.type = TypeId::FLOAT;
        c.conversion = ValueConversion::HALF_TO_DOUBLE;
        c.stats_usable = false;
      } else if (a.kind == Kind::STRING) {
        c.type = TypeId::VARCHAR;
      } else {
        c.type = TypeId::BLOB;
        if (e.converted_type == ConvertedType::INTERVAL) c.stats_usable = false;
      }
      return;
  }
}

}  // namespace

ParquetSchema::ParquetSchema(const FileMetaData& metadata, const std::string& file) {
  const auto& schema = metadata.schema;
  if (schema.empty()) Corrupt(file, "empty schema");
  const SchemaElement& root = schema[0];
  int32_t top_level = root.num_children.value_or(0);
  if (top_level < 0 || static_cast<size_t>(top_level) > schema.size() - 1) Corrupt(file, "invalid root num_children");
  size_t i = 1;
  for (int32_t field = 0; field < top_level; field++) {
    if (i >= schema.size()) Corrupt(file, "schema ends before all fields were listed");
    const SchemaElement& e = schema[i];
    ParquetColumn column;
    column.name = e.name;
    auto repetition = e.repetition_type.value_or(FieldRepetitionType::OPTIONAL);
    column.nullable = repetition != FieldRepetitionType::REQUIRED;
    if (IsGroup(e) || repetition == FieldRepetitionType::REPEATED) {
      column.nested = true;
      column.nullable = true;
      column.type = TypeId::VARCHAR;
      column.leaf_index = num_leaves_;
      // Walk the subtree to count its leaves.
      uint64_t pending = IsGroup(e) ? static_cast<uint64_t>(std::max(e.num_children.value_or(0), 0)) : 0;
      if (e.num_children.value_or(0) < 0) Corrupt(file, "negative num_children for \"" + e.name + "\"");
      if (!IsGroup(e)) num_leaves_++;
      i++;
      while (pending > 0) {
        if (pending > schema.size() - i) Corrupt(file, "num_children of \"" + e.name + "\" runs past the schema");
        const SchemaElement& child = schema[i];
        pending--;
        int32_t children = child.num_children.value_or(0);
        if (children < 0) Corrupt(file, "negative num_children for \"" + child.name + "\"");
        if (IsGroup(child)) pending += static_cast<uint64_t>(children);
        else num_leaves_++;
        i++;
      }
    } else {
      column.leaf_index = num_leaves_++;
      column.max_definition_level = repetition == FieldRepetitionType::OPTIONAL ? 1 : 0;
      MapLeaf(e, column);
      i++;
    }
    columns_.push_back(std::move(column));
  }
  if (i != schema.size()) Corrupt(file, "schema has elements outside the root's children");
}

}  // namespace cairn::parquet
