#include "parquet/parquet_page_index.h"

#include "parquet/thrift_compact_reader.h"
#include "parquet/thrift_compact_writer.h"

namespace cairn::parquet {

namespace {

using Field = ThriftCompactReader::FieldHeader;


/// Reads a list field whose elements are `element_type`, calling `read_element` per element.
template <class F>
void ReadList(ThriftCompactReader& r, const Field& f, CompactType element_type, const char* name, F&& read_element) {
  if (f.type != CompactType::LIST) r.Fail(std::string("field '") + name + "' is not a list");
  auto header = r.ReadListHeader();
  bool ok = header.element_type == element_type ||
            (element_type == CompactType::BOOLEAN_TRUE && header.element_type == CompactType::BOOLEAN_FALSE);
  if (!ok && header.size > 0) r.Fail(std::string("list '") + name + "' has wrong element type");
  for (uint32_t i = 0; i < header.size; i++) read_element();
}

void Expect(ThriftCompactReader& r, const Field& f, CompactType type, const char* name) {
  if (f.type != type) r.Fail(std::string("field '") + name + "' has wrong Thrift type");
}

void EndOfInput(ThriftCompactReader& r, const char* what) {
  if (r.remaining() != 0) r.Fail(std::string(what) + " is followed by stray bytes");
}

}  // namespace

void EncodeOffsetIndex(const OffsetIndex& index, std::vector<uint8_t>& out) {
  ThriftCompactWriter w;
  w.BeginStruct();
  w.WriteFieldListHeader(1, CompactType::STRUCT, static_cast<uint32_t>(index.page_locations.size()));
  for (const auto& page : index.page_locations) {
    w.BeginStruct();
    w.WriteFieldI64(1, page.offset);
    w.WriteFieldI32(2, page.compressed_page_size);
    w.WriteFieldI64(3, page.first_row_index);
    w.EndStruct();
  }
  w.EndStruct();
  out.insert(out.end(), w.buffer().begin(), w.buffer().end());
}

void EncodeColumnIndex(const ColumnIndex& index, std::vector<uint8_t>& out) {
  ThriftCompactWriter w;
  w.BeginStruct();
  w.WriteFieldListHeader(1, CompactType::BOOLEAN_TRUE, static_cast<uint32_t>(index.null_pages.size()));
  for (bool null_page : index.null_pages) w.WriteBoolElement(null_page);
  w.WriteFieldListHeader(2, CompactType::BINARY, static_cast<uint32_t>(index.min_values.size()));
  for (const auto& v : index.min_values) w.WriteBinary(v);
  w.WriteFieldListHeader(3, CompactType::BINARY, static_cast<uint32_t>(index.max_values.size()));
  for (const auto& v : index.max_values) w.WriteBinary(v);
  w.WriteFieldI32(4, static_cast<int32_t>(index.boundary_order));
  if (index.null_counts) {
    w.WriteFieldListHeader(5, CompactType::I64, static_cast<uint32_t>(index.null_counts->size()));
    for (int64_t n : *index.null_counts) w.WriteI64(n);
  }
  w.EndStruct();
  out.insert(out.end(), w.buffer().begin(), w.buffer().end());
}

OffsetIndex DecodeOffsetIndex(const uint8_t* data, size_t size, std::string_view context) {
  ThriftCompactReader r(data, size, context);
  OffsetIndex index;
  ReadStruct(r, [&](const Field& f) {
    if (f.id != 1) return false;
    ReadList(r, f, CompactType::STRUCT, "page_locations", [&] {
      PageLocation page;
      ReadStruct(r, [&](const Field& g) {
        if (g.id == 1) Expect(r, g, CompactType::I64, "offset"), page.offset = r.ReadI64();
        else if (g.id == 2) Expect(r, g, CompactType::I32, "compressed_page_size"), page.compressed_page_size = r.ReadI32();
        else if (g.id == 3) Expect(r, g, CompactType::I64, "first_row_index"), page.first_row_index = r.ReadI64();
        else return false;
        return true;
      });
      index.page_locations.push_back(page);
    });
    return true;
  });
  EndOfInput(r, "OffsetIndex");
  return index;
}

ColumnIndex DecodeColumnIndex(const uint8_t* data, size_t size, std::string_view context) {
  ThriftCompactReader r(data, size, context);
  ColumnIndex index;
  ReadStruct(r, [&](const Field& f) {
    switch (f.id) {
      case 1:
        ReadList(r, f, CompactType::BOOLEAN_TRUE, "null_pages", [&] { index.null_pages.push_back(r.ReadBoolElement()); });
        return true;
      case 2:
        ReadList(r, f, CompactType::BINARY, "min_values", [&] { index.min_values.push_back(r.ReadString()); });
        return true;
      case 3:
        ReadList(r, f, CompactType::BINARY, "max_values", [&] { index.max_values.push_back(r.ReadString()); });
        return true;
      case 4: {
        Expect(r, f, CompactType::I32, "boundary_order");
        int32_t order = r.ReadI32();
        if (order < 0 || order > 2) r.Fail("invalid boundary_order " + std::to_string(order));
        index.boundary_order = static_cast<BoundaryOrder>(order);
        return true;
      }
      case 5:
        index.null_counts.emplace();
        ReadList(r, f, CompactType::I64, "null_counts", [&] { index.null_counts->push_back(r.ReadI64()); });
        return true;
      default: return false;
    }
  });
  EndOfInput(r, "ColumnIndex");
  return index;
}

}  // namespace cairn::parquet
