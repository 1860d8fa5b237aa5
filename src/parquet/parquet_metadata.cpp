#include "parquet/parquet_metadata.h"

#include "parquet/thrift_compact_reader.h"

namespace cairn::parquet {

namespace {

using Field = ThriftCompactReader::FieldHeader;


bool IsBool(const Field& f) { return f.type == CompactType::BOOLEAN_TRUE || f.type == CompactType::BOOLEAN_FALSE; }

void Expect(ThriftCompactReader& r, const Field& f, CompactType type, const char* name) {
  bool ok = type == CompactType::BOOLEAN_TRUE ? IsBool(f) : f.type == type;
  if (!ok) r.Fail(std::string("field '") + name + "' has wrong Thrift type");
}

int32_t ReadI32(ThriftCompactReader& r, const Field& f, const char* name) {
  Expect(r, f, CompactType::I32, name);
  return r.ReadI32();
}
int64_t ReadI64(ThriftCompactReader& r, const Field& f, const char* name) {
  Expect(r, f, CompactType::I64, name);
  return r.ReadI64();
}
std::string ReadString(ThriftCompactReader& r, const Field& f, const char* name) {
  Expect(r, f, CompactType::BINARY, name);
  return r.ReadString();
}
bool ReadBool(ThriftCompactReader& r, const Field& f, const char* name) {
  Expect(r, f, CompactType::BOOLEAN_TRUE, name);
  return f.bool_value;
}

/// Reads a list<T> field with `read_element` per element.
template <class F>
void ReadList(ThriftCompactReader& r, const Field& f, CompactType element_type, const char* name, F&& read_element) {
  Expect(r, f, CompactType::LIST, name);
  auto header = r.ReadListHeader();
  bool ok = header.element_type == element_type ||
            (element_type == CompactType::BOOLEAN_TRUE && header.element_type == CompactType::BOOLEAN_FALSE);
  if (!ok) {
    if (header.size == 0) return;
    r.Fail(std::string("list '") + name + "' has wrong element type");
  }
  for (uint32_t i = 0; i < header.size; i++) read_element();
}

void Require(ThriftCompactReader& r, bool present, const char* struct_name, const char* field) {
  if (!present) r.Fail(std::string(struct_name) + "." + field + " is missing");
}

Type ReadType(ThriftCompactReader& r, const Field& f) {
  int32_t v = ReadI32(r, f, "type");
  if (v < 0 || v > 7) r.Fail("invalid physical type " + std::to_string(v));
  return static_cast<Type>(v);
}

TimeUnit ReadTimeUnit(ThriftCompactReader& r) {
  TimeUnit unit = TimeUnit::MICROS;
  bool seen = false;
  ReadStruct(r, [&](const Field& f) {
    if (f.type != CompactType::STRUCT) return false;
    if (f.id == 1) unit = TimeUnit::MILLIS, seen = true;
    else if (f.id == 2) unit = TimeUnit::MICROS, seen = true;
    else if (f.id == 3) unit = TimeUnit::NANOS, seen = true;
    else return false;
    r.Skip(CompactType::STRUCT);
    return true;
  });
  if (!seen) r.Fail("TimeUnit has no member set");
  return unit;
}

LogicalTypeAnnotation ReadLogicalType(ThriftCompactReader& r) {
  using Kind = LogicalTypeAnnotation::Kind;
  LogicalTypeAnnotation result;
  ReadStruct(r, [&](const Field& f) {
    if (f.type != CompactType::STRUCT) return false;
    switch (f.id) {
      case 1: result.kind = Kind::STRING; break;
      case 2: result.kind = Kind::MAP; break;
      case 3: result.kind = Kind::LIST; break;
      case 4: result.kind = Kind::ENUM; break;
      case 5: {
        result.kind = Kind::DECIMAL;
        bool has_scale = false, has_precision = false;
        ReadStruct(r, [&](const Field& g) {
          if (g.id == 1) result.decimal_scale = ReadI32(r, g, "scale"), has_scale = true;
          else if (g.id == 2) result.decimal_precision = ReadI32(r, g, "precision"), has_precision = true;
          else return false;
          return true;
        });
        Require(r, has_scale && has_precision, "DecimalType", "scale/precision");
        return true;
      }
      case 6: result.kind = Kind::DATE; break;
      case 7:
      case 8: {
        result.kind = f.id == 7 ? Kind::TIME : Kind::TIMESTAMP;
        bool has_unit = false;
        ReadStruct(r, [&](const Field& g) {
          if (g.id == 1) result.is_adjusted_to_utc = ReadBool(r, g, "isAdjustedToUTC");
          else if (g.id == 2) {
            Expect(r, g, CompactType::STRUCT, "unit");
            result.unit = ReadTimeUnit(r);
            has_unit = true;
          } else return false;
          return true;
        });
        Require(r, has_unit, "TimeType/TimestampType", "unit");
        return true;
      }
      case 10: {
        result.kind = Kind::INTEGER;
        bool has_width = false;
        ReadStruct(r, [&](const Field& g) {
          if (g.id == 1) {
            Expect(r, g, CompactType::BYTE, "bitWidth");
            result.bit_width = r.ReadI8();
            has_width = true;
          } else if (g.id == 2) {
            result.is_signed = ReadBool(r, g, "isSigned");
          } else return false;
          return true;
        });
        Require(r, has_width, "IntType", "bitWidth");
        return true;
      }
      case 11: result.kind = Kind::UNKNOWN; break;
      case 12: result.kind = Kind::JSON; break;
      case 13: result.kind = Kind::BSON; break;
      case 14: result.kind = Kind::UUID; break;
      case 15: result.kind = Kind::FLOAT16; break;
      default: result.kind = Kind::OTHER; break;
    }
    r.Skip(CompactType::STRUCT);  // the empty member struct
    return true;
  });
  return result;
}

SchemaElement ReadSchemaElement(ThriftCompactReader& r) {
  SchemaElement e;
  bool has_name = false;
  ReadStruct(r, [&](const Field& f) {
    switch (f.id) {
      case 1: e.type = ReadType(r, f); return true;
      case 2: e.type_length = ReadI32(r, f, "type_length"); return true;
      case 3: {
        int32_t v = ReadI32(r, f, "repetition_type");
        if (v < 0 || v > 2) r.Fail("invalid repetition type " + std::to_string(v));
        e.repetition_type = static_cast<FieldRepetitionType>(v);
        return true;
      }
      case 4: e.name = ReadString(r, f, "name"); has_name = true; return true;
      case 5: e.num_children = ReadI32(r, f, "num_children"); return true;
      case 6: e.converted_type = static_cast<ConvertedType>(ReadI32(r, f, "converted_type")); return true;
      case 7: e.scale = ReadI32(r, f, "scale"); return true;
      case 8: e.precision = ReadI32(r, f, "precision"); return true;
      case 9: e.field_id = ReadI32(r, f, "field_id"); return true;
      case 10:
        Expect(r, f, CompactType::STRUCT, "logicalType");
        e.logicalType = ReadLogicalType(r);
        return true;
      default: return false;
    }
  });
  Require(r, has_name, "SchemaElement", "name");
  return e;
}

Statistics ReadStatistics(ThriftCompactReader& r) {
  Statistics s;
  ReadStruct(r, [&](const Field& f) {
    switch (f.id) {
      case 1: s.max = ReadString(r, f, "max"); return true;
      case 2: s.min = ReadString(r, f, "min"); return true;
      case 3: s.null_count = ReadI64(r, f, "null_count"); return true;
      case 4: s.distinct_count = ReadI64(r, f, "distinct_count"); return true;
      case 5: s.max_value = ReadString(r, f, "max_value"); return true;
      case 6: s.min_value = ReadString(r, f, "min_value"); return true;
      default: return false;
    }
  });
  return s;
}

KeyValue ReadKeyValue(ThriftCompactReader& r) {
  KeyValue kv;
  bool has_key = false;
  ReadStruct(r, [&](const Field& f) {
    if (f.id == 1) kv.key = ReadString(r, f, "key"), has_key = true;
    else if (f.id == 2) kv.value = ReadString(r, f, "value");
    else return false;
    return true;
  });
  Require(r, has_key, "KeyValue", "key");
  return kv;
}

ColumnMetaData ReadColumnMetaData(ThriftCompactReader& r) {
  ColumnMetaData m;
  bool seen[10] = {};
  ReadStruct(r, [&](const Field& f) {
    if (f.id >= 1 && f.id <= 9) seen[f.id] = true;
    switch (f.id) {
      case 1: m.type = ReadType(r, f); return true;
      case 2:
        ReadList(r, f, CompactType::I32, "encodings", [&] { m.encodings.push_back(static_cast<Encoding>(r.ReadI32())); });
        return true;
      case 3:
        ReadList(r, f, CompactType::BINARY, "path_in_schema", [&] { m.path_in_schema.push_back(r.ReadString()); });
        return true;
      case 4: m.codec = static_cast<CompressionCodec>(ReadI32(r, f, "codec")); return true;
      case 5: m.num_values = ReadI64(r, f, "num_values"); return true;
      case 6: m.total_uncompressed_size = ReadI64(r, f, "total_uncompressed_size"); return true;
      case 7: m.total_compressed_size = ReadI64(r, f, "total_compressed_size"); return true;
      case 9: m.data_page_offset = ReadI64(r, f, "data_page_offset"); return true;
      case 10: m.index_page_offset = ReadI64(r, f, "index_page_offset"); return true;
      case 11: m.dictionary_page_offset = ReadI64(r, f, "dictionary_page_offset"); return true;
      case 12:
        Expect(r, f, CompactType::STRUCT, "statistics");
        m.statistics = ReadStatistics(r);
        return true;
      default: return false;
    }
  });
  Require(r, seen[1], "ColumnMetaData", "type");
  Require(r, seen[4], "ColumnMetaData", "codec");
  Require(r, seen[5], "ColumnMetaData", "num_values");
  Require(r, seen[7], "ColumnMetaData", "total_compressed_size");
  Require(r, seen[9], "ColumnMetaData", "data_page_offset");
  return m;
}

ColumnChunk ReadColumnChunk(ThriftCompactReader& r) {
  ColumnChunk c;
  ReadStruct(r, [&](const Field& f) {
    switch (f.id) {
      case 1: c.file_path = ReadString(r, f, "file_path"); return true;
      case 2: c.file_offset = ReadI64(r, f, "file_offset"); return true;
      case 3:
        Expect(r, f, CompactType::STRUCT, "meta_data");
        c.meta_data = ReadColumnMetaData(r);
        return true;
      // The page index location: unused by the reader, so a mistyped field is skipped, not an error.
      case 4: return f.type == CompactType::I64 && (c.offset_index_offset = r.ReadI64(), true);
      case 5: return f.type == CompactType::I32 && (c.offset_index_length = r.ReadI32(), true);
      case 6: return f.type == CompactType::I64 && (c.column_index_offset = r.ReadI64(), true);
      case 7: return f.type == CompactType::I32 && (c.column_index_length = r.ReadI32(), true);
      case 8:
      case 9:
        c.encrypted = true;
        return false;
      default: return false;
    }
  });
  return c;
}

RowGroup ReadRowGroup(ThriftCompactReader& r) {
  RowGroup g;
  bool has_columns = false, has_rows = false;
  ReadStruct(r, [&](const Field& f) {
    switch (f.id) {
      case 1:
        has_columns = true;
        ReadList(r, f, CompactType::STRUCT, "columns", [&] { g.columns.push_back(ReadColumnChunk(r)); });
        return true;
      case 2: g.total_byte_size = ReadI64(r, f, "total_byte_size"); return true;
      case 3: g.num_rows = ReadI64(r, f, "num_rows"); has_rows = true; return true;
      case 5: g.file_offset = ReadI64(r, f, "file_offset"); return true;
      case 6: g.total_compressed_size = ReadI64(r, f, "total_compressed_size"); return true;
      default: return false;
    }
  });
  Require(r, has_columns, "RowGroup", "columns");
  Require(r, has_rows, "RowGroup", "num_rows");
  if (g.num_rows < 0) r.Fail("negative RowGroup.num_rows");
  return g;
}

Encoding ReadEncoding(ThriftCompactReader& r, const Field& f, const char* name) {
  return static_cast<Encoding>(ReadI32(r, f, name));
}

}  // namespace

FileMetaData DecodeFileMetaData(const uint8_t* data, size_t size, std::string_view context) {
  ThriftCompactReader r(data, size, context);
  FileMetaData m;
  bool has_schema = false, has_rows = false, has_groups = false;
  ReadStruct(r, [&](const Field& f) {
    switch (f.id) {
      case 1: m.version = ReadI32(r, f, "version"); return true;
      case 2:
        has_schema = true;
        ReadList(r, f, CompactType::STRUCT, "schema", [&] { m.schema.push_back(ReadSchemaElement(r)); });
        return true;
      case 3: m.num_rows = ReadI64(r, f, "num_rows"); has_rows = true; return true;
      case 4:
        has_groups = true;
        ReadList(r, f, CompactType::STRUCT, "row_groups", [&] { m.row_groups.push_back(ReadRowGroup(r)); });
        return true;
      case 5:
        ReadList(r, f, CompactType::STRUCT, "key_value_metadata", [&] { m.key_value_metadata.push_back(ReadKeyValue(r)); });
        return true;
      case 6: m.created_by = ReadString(r, f, "created_by"); return true;
      case 7:
        ReadList(r, f, CompactType::STRUCT, "column_orders", [&] {
          bool type_order = false;
          ReadStruct(r, [&](const Field& g) {
            if (g.id == 1 && g.type == CompactType::STRUCT) type_order = true;
            return false;
          });
          m.column_orders.push_back(type_order);
        });
        return true;
      case 8: m.encryption_algorithm = true; return false;
      default: return false;
    }
  });
  Require(r, has_schema, "FileMetaData", "schema");
  Require(r, has_rows, "FileMetaData", "num_rows");
  Require(r, has_groups, "FileMetaData", "row_groups");
  return m;
}

PageHeader DecodePageHeader(const uint8_t* data, size_t size, std::string_view context, size_t& header_size) {
  ThriftCompactReader r(data, size, context);
  PageHeader h;
  bool has_type = false, has_uncompressed = false, has_compressed = false;
  ReadStruct(r, [&](const Field& f) {
    switch (f.id) {
      case 1: {
        int32_t v = ReadI32(r, f, "type");
        if (v < 0 || v > 3) r.Fail("invalid page type " + std::to_string(v));
        h.type = static_cast<PageType>(v);
        has_type = true;
        return true;
      }
      case 2: h.uncompressed_page_size = ReadI32(r, f, "uncompressed_page_size"); has_uncompressed = true; return true;
      case 3: h.compressed_page_size = ReadI32(r, f, "compressed_page_size"); has_compressed = true; return true;
      case 4: h.crc = ReadI32(r, f, "crc"); return true;
      case 5: {
        Expect(r, f, CompactType::STRUCT, "data_page_header");
        DataPageHeader d;
        bool seen[5] = {};
        ReadStruct(r, [&](const Field& g) {
          if (g.id >= 1 && g.id <= 4) seen[g.id] = true;
          switch (g.id) {
            case 1: d.num_values = ReadI32(r, g, "num_values"); return true;
            case 2: d.encoding = ReadEncoding(r, g, "encoding"); return true;
            case 3: d.definition_level_encoding = ReadEncoding(r, g, "definition_level_encoding"); return true;
            case 4: d.repetition_level_encoding = ReadEncoding(r, g, "repetition_level_encoding"); return true;
            default: return false;
          }
        });
        Require(r, seen[1] && seen[2], "DataPageHeader", "num_values/encoding");
        h.data_page_header = d;
        return true;
      }
      case 7: {
        Expect(r, f, CompactType::STRUCT, "dictionary_page_header");
        DictionaryPageHeader d;
        bool seen[3] = {};
        ReadStruct(r, [&](const Field& g) {
          switch (g.id) {
            case 1: d.num_values = ReadI32(r, g, "num_values"); seen[1] = true; return true;
            case 2: d.encoding = ReadEncoding(r, g, "encoding"); seen[2] = true; return true;
            case 3: d.is_sorted = ReadBool(r, g, "is_sorted"); return true;
            default: return false;
          }
        });
        Require(r, seen[1] && seen[2], "DictionaryPageHeader", "num_values/encoding");
        h.dictionary_page_header = d;
        return true;
      }
      case 8: {
        Expect(r, f, CompactType::STRUCT, "data_page_header_v2");
        DataPageHeaderV2 d;
        bool seen[7] = {};
        ReadStruct(r, [&](const Field& g) {
          if (g.id >= 1 && g.id <= 6) seen[g.id] = true;
          switch (g.id) {
            case 1: d.num_values = ReadI32(r, g, "num_values"); return true;
            case 2: d.num_nulls = ReadI32(r, g, "num_nulls"); return true;
            case 3: d.num_rows = ReadI32(r, g, "num_rows"); return true;
            case 4: d.encoding = ReadEncoding(r, g, "encoding"); return true;
            case 5: d.definition_levels_byte_length = ReadI32(r, g, "definition_levels_byte_length"); return true;
            case 6: d.repetition_levels_byte_length = ReadI32(r, g, "repetition_levels_byte_length"); return true;
            case 7: d.is_compressed = ReadBool(r, g, "is_compressed"); return true;
            default: return false;
          }
        });
        Require(r, seen[1] && seen[2] && seen[3] && seen[4] && seen[5] && seen[6], "DataPageHeaderV2",
                "required field");
        h.data_page_header_v2 = d;
        return true;
      }
      default: return false;
    }
  });
  Require(r, has_type, "PageHeader", "type");
  Require(r, has_uncompressed, "PageHeader", "uncompressed_page_size");
  Require(r, has_compressed, "PageHeader", "compressed_page_size");
  if (h.uncompressed_page_size < 0 || h.compressed_page_size < 0) r.Fail("negative page size");
  header_size = r.position();
  return h;
}

const char* TypeName(Type type) {
  switch (type) {
    case Type::BOOLEAN: return "BOOLEAN";
    case Type::INT32: return "INT32";
    case Type::INT64: return "INT64";
    case Type::INT96: return "INT96";
    case Type::FLOAT: return "FLOAT";
    case Type::DOUBLE: return "DOUBLE";
    case Type::BYTE_ARRAY: return "BYTE_ARRAY";
    case Type::FIXED_LEN_BYTE_ARRAY: return "FIXED_LEN_BYTE_ARRAY";
  }
  return "UNKNOWN";
}

const char* EncodingName(Encoding encoding) {
  switch (encoding) {
    case Encoding::PLAIN: return "PLAIN";
    case Encoding::PLAIN_DICTIONARY: return "PLAIN_DICTIONARY";
    case Encoding::RLE: return "RLE";
    case Encoding::BIT_PACKED: return "BIT_PACKED";
    case Encoding::DELTA_BINARY_PACKED: return "DELTA_BINARY_PACKED";
    case Encoding::DELTA_LENGTH_BYTE_ARRAY: return "DELTA_LENGTH_BYTE_ARRAY";
    case Encoding::DELTA_BYTE_ARRAY: return "DELTA_BYTE_ARRAY";
    case Encoding::RLE_DICTIONARY: return "RLE_DICTIONARY";
    case Encoding::BYTE_STREAM_SPLIT: return "BYTE_STREAM_SPLIT";
  }
  return "UNKNOWN";
}

const char* CompressionCodecName(CompressionCodec codec) {
  switch (codec) {
    case CompressionCodec::UNCOMPRESSED: return "UNCOMPRESSED";
    case CompressionCodec::SNAPPY: return "SNAPPY";
    case CompressionCodec::GZIP: return "GZIP";
    case CompressionCodec::LZO: return "LZO";
    case CompressionCodec::BROTLI: return "BROTLI";
    case CompressionCodec::LZ4: return "LZ4";
    case CompressionCodec::ZSTD: return "ZSTD";
    case CompressionCodec::LZ4_RAW: return "LZ4_RAW";
  }
  return "UNKNOWN";
}

}  // namespace cairn::parquet
