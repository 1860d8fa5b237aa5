#include "parquet/parquet_metadata_writer.h"

#include "parquet/thrift_compact_writer.h"

namespace cairn::parquet {

namespace {

int32_t I32(auto e) { return static_cast<int32_t>(e); }

void WriteTimeUnit(ThriftCompactWriter& w, int16_t id, TimeUnit unit) {
  w.BeginFieldStruct(id);
  w.BeginFieldStruct(unit == TimeUnit::MILLIS ? 1 : unit == TimeUnit::MICROS ? 2 : 3);
  w.EndStruct();
  w.EndStruct();
}

void WriteLogicalType(ThriftCompactWriter& w, const LogicalTypeAnnotation& a) {
  using Kind = LogicalTypeAnnotation::Kind;
  w.BeginFieldStruct(10);
  auto empty_member = [&](int16_t id) {
    w.BeginFieldStruct(id);
    w.EndStruct();
  };
  switch (a.kind) {
    case Kind::STRING: empty_member(1); break;
    case Kind::MAP: empty_member(2); break;
    case Kind::LIST: empty_member(3); break;
    case Kind::ENUM: empty_member(4); break;
    case Kind::DECIMAL:
      w.BeginFieldStruct(5);
      w.WriteFieldI32(1, a.decimal_scale);
      w.WriteFieldI32(2, a.decimal_precision);
      w.EndStruct();
      break;
    case Kind::DATE: empty_member(6); break;
    case Kind::TIME:
    case Kind::TIMESTAMP:
      w.BeginFieldStruct(a.kind == Kind::TIME ? 7 : 8);
      w.WriteFieldBool(1, a.is_adjusted_to_utc);
      WriteTimeUnit(w, 2, a.unit);
      w.EndStruct();
      break;
    case Kind::INTEGER:
      w.BeginFieldStruct(10);
      w.WriteFieldI8(1, a.bit_width);
      w.WriteFieldBool(2, a.is_signed);
      w.EndStruct();
      break;
    case Kind::UNKNOWN: empty_member(11); break;
    case Kind::JSON: empty_member(12); break;
    case Kind::BSON: empty_member(13); break;
    case Kind::UUID: empty_member(14); break;
    case Kind::FLOAT16: empty_member(15); break;
    case Kind::NONE:
    case Kind::OTHER: break;  // not written (callers leave logicalType unset)
  }
  w.EndStruct();
}

void WriteSchemaElement(ThriftCompactWriter& w, const SchemaElement& e) {
  w.BeginStruct();
  if (e.type) w.WriteFieldI32(1, I32(*e.type));
  if (e.type_length) w.WriteFieldI32(2, *e.type_length);
  if (e.repetition_type) w.WriteFieldI32(3, I32(*e.repetition_type));
  w.WriteFieldBinary(4, e.name);
  if (e.num_children) w.WriteFieldI32(5, *e.num_children);
  if (e.converted_type) w.WriteFieldI32(6, I32(*e.converted_type));
  if (e.scale) w.WriteFieldI32(7, *e.scale);
  if (e.precision) w.WriteFieldI32(8, *e.precision);
  if (e.field_id) w.WriteFieldI32(9, *e.field_id);
  if (e.logicalType && e.logicalType->kind != LogicalTypeAnnotation::Kind::NONE &&
      e.logicalType->kind != LogicalTypeAnnotation::Kind::OTHER) {
    WriteLogicalType(w, *e.logicalType);
  }
  w.EndStruct();
}

void WriteStatistics(ThriftCompactWriter& w, int16_t id, const Statistics& s) {
  w.BeginFieldStruct(id);
  if (s.max) w.WriteFieldBinary(1, *s.max);
  if (s.min) w.WriteFieldBinary(2, *s.min);
  if (s.null_count) w.WriteFieldI64(3, *s.null_count);
  if (s.distinct_count) w.WriteFieldI64(4, *s.distinct_count);
  if (s.max_value) w.WriteFieldBinary(5, *s.max_value);
  if (s.min_value) w.WriteFieldBinary(6, *s.min_value);
  w.EndStruct();
}

void WriteColumnMetaData(ThriftCompactWriter& w, const ColumnMetaData& m) {
  w.BeginFieldStruct(3);
  w.WriteFieldI32(1, I32(m.type));
  w.WriteFieldListHeader(2, CompactType::I32, static_cast<uint32_t>(m.encodings.size()));
  for (Encoding e : m.encodings) w.WriteI32(I32(e));
  w.WriteFieldListHeader(3, CompactType::BINARY, static_cast<uint32_t>(m.path_in_schema.size()));
  for (const auto& p : m.path_in_schema) w.WriteBinary(p);
  w.WriteFieldI32(4, I32(m.codec));
  w.WriteFieldI64(5, m.num_values);
  w.WriteFieldI64(6, m.total_uncompressed_size);
  w.WriteFieldI64(7, m.total_compressed_size);
  w.WriteFieldI64(9, m.data_page_offset);
  if (m.index_page_offset) w.WriteFieldI64(10, *m.index_page_offset);
  if (m.dictionary_page_offset) w.WriteFieldI64(11, *m.dictionary_page_offset);
  if (m.statistics) WriteStatistics(w, 12, *m.statistics);
  w.EndStruct();
}

void WriteRowGroup(ThriftCompactWriter& w, const RowGroup& g) {
  w.BeginStruct();
  w.WriteFieldListHeader(1, CompactType::STRUCT, static_cast<uint32_t>(g.columns.size()));
  for (const auto& c : g.columns) {
    w.BeginStruct();
    if (c.file_path) w.WriteFieldBinary(1, *c.file_path);
    w.WriteFieldI64(2, c.file_offset);
    if (c.meta_data) WriteColumnMetaData(w, *c.meta_data);
    if (c.offset_index_offset) w.WriteFieldI64(4, *c.offset_index_offset);
    if (c.offset_index_length) w.WriteFieldI32(5, *c.offset_index_length);
    if (c.column_index_offset) w.WriteFieldI64(6, *c.column_index_offset);
    if (c.column_index_length) w.WriteFieldI32(7, *c.column_index_length);
    w.EndStruct();
  }
  w.WriteFieldI64(2, g.total_byte_size);
  w.WriteFieldI64(3, g.num_rows);
  if (g.file_offset) w.WriteFieldI64(5, *g.file_offset);
  if (g.total_compressed_size) w.WriteFieldI64(6, *g.total_compressed_size);
  w.EndStruct();
}

}  // namespace

void EncodeFileMetaData(const FileMetaData& metadata, std::vector<uint8_t>& out) {
  ThriftCompactWriter w;
  w.BeginStruct();
  w.WriteFieldI32(1, metadata.version);
  w.WriteFieldListHeader(2, CompactType::STRUCT, static_cast<uint32_t>(metadata.schema.size()));
  for (const auto& e : metadata.schema) WriteSchemaElement(w, e);
  w.WriteFieldI64(3, metadata.num_rows);
  w.WriteFieldListHeader(4, CompactType::STRUCT, static_cast<uint32_t>(metadata.row_groups.size()));
  for (const auto& g : metadata.row_groups) WriteRowGroup(w, g);
  if (!metadata.key_value_metadata.empty()) {
    w.WriteFieldListHeader(5, CompactType::STRUCT, static_cast<uint32_t>(metadata.key_value_metadata.size()));
    for (const auto& kv : metadata.key_value_metadata) {
      w.BeginStruct();
      w.WriteFieldBinary(1, kv.key);
      if (kv.value) w.WriteFieldBinary(2, *kv.value);
      w.EndStruct();
    }
  }
  if (metadata.created_by) w.WriteFieldBinary(6, *metadata.created_by);
  if (!metadata.column_orders.empty()) {
    w.WriteFieldListHeader(7, CompactType::STRUCT, static_cast<uint32_t>(metadata.column_orders.size()));
    for (bool type_order : metadata.column_orders) {
      w.BeginStruct();
      if (type_order) {
        w.BeginFieldStruct(1);  // TYPE_ORDER: TypeDefinedOrder (empty)
        w.EndStruct();
      }
      w.EndStruct();
    }
  }
  w.EndStruct();
  out.insert(out.end(), w.buffer().begin(), w.buffer().end());
}

void EncodePageHeader(const PageHeader& header, std::vector<uint8_t>& out) {
  ThriftCompactWriter w;
  w.BeginStruct();
  w.WriteFieldI32(1, I32(header.type));
  w.WriteFieldI32(2, header.uncompressed_page_size);
  w.WriteFieldI32(3, header.compressed_page_size);
  if (header.crc) w.WriteFieldI32(4, *header.crc);
  if (const auto& d = header.data_page_header) {
    w.BeginFieldStruct(5);
    w.WriteFieldI32(1, d->num_values);
    w.WriteFieldI32(2, I32(d->encoding));
    w.WriteFieldI32(3, I32(d->definition_level_encoding));
    w.WriteFieldI32(4, I32(d->repetition_level_encoding));
    w.EndStruct();
  }
  if (const auto& d = header.dictionary_page_header) {
    w.BeginFieldStruct(7);
    w.WriteFieldI32(1, d->num_values);
    w.WriteFieldI32(2, I32(d->encoding));
    if (d->is_sorted) w.WriteFieldBool(3, *d->is_sorted);
    w.EndStruct();
  }
  if (const auto& d = header.data_page_header_v2) {
    w.BeginFieldStruct(8);
    w.WriteFieldI32(1, d->num_values);
    w.WriteFieldI32(2, d->num_nulls);
    w.WriteFieldI32(3, d->num_rows);
    w.WriteFieldI32(4, I32(d->encoding));
    w.WriteFieldI32(5, d->definition_levels_byte_length);
    w.WriteFieldI32(6, d->repetition_levels_byte_length);
    w.WriteFieldBool(7, d->is_compressed);
    w.EndStruct();
  }
  w.EndStruct();
  out.insert(out.end(), w.buffer().begin(), w.buffer().end());
}

}  // namespace cairn::parquet
