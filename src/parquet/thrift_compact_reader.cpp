#include "parquet/thrift_compact_reader.h"

#include "cairn/exception.h"

namespace cairn::parquet {

void ThriftCompactReader::Fail(const std::string& what) const {
  throw Exception(sqlstate::kDataCorrupted,
                  std::string(context_) + ": corrupt Parquet metadata: " + what + " (at byte " +
                      std::to_string(position()) + ")");
}

uint64_t ThriftCompactReader::ReadVarint() {
  uint64_t result = 0;
  for (int shift = 0; shift < 70; shift += 7) {
    uint8_t byte = ReadByte();
    if (shift == 63 && (byte & 0x7E)) Fail("varint overflows 64 bits");
    result |= static_cast<uint64_t>(byte & 0x7F) << shift;
    if (!(byte & 0x80)) return result;
  }
  Fail("varint longer than 10 bytes");
}

static int64_t ZigZagDecode(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

int16_t ThriftCompactReader::ReadI16() {
  int64_t v = ZigZagDecode(ReadVarint());
  if (v < INT16_MIN || v > INT16_MAX) Fail("i16 value out of range");
  return static_cast<int16_t>(v);
}

int32_t ThriftCompactReader::ReadI32() {
  int64_t v = ZigZagDecode(ReadVarint());
  if (v < INT32_MIN || v > INT32_MAX) Fail("i32 value out of range");
  return static_cast<int32_t>(v);
}

int64_t ThriftCompactReader::ReadI64() { return ZigZagDecode(ReadVarint()); }

double ThriftCompactReader::ReadDouble() {
  if (remaining() < 8) Fail("unexpected end of Thrift data in double");
  double d;
  std::memcpy(&d, pos_, 8);
  pos_ += 8;
  return d;
}

std::string_view ThriftCompactReader::ReadBinary() {
  uint64_t length = ReadVarint();
  if (length > remaining()) Fail("binary length " + std::to_string(length) + " exceeds remaining bytes");
  std::string_view view(reinterpret_cast<const char*>(pos_), length);
  pos_ += length;
  return view;
}

void ThriftCompactReader::BeginStruct() {
  if (depth_ >= kMaxDepth) Fail("nesting deeper than " + std::to_string(kMaxDepth));
  ++depth_;
  last_field_id_[depth_] = 0;
}

void ThriftCompactReader::EndStruct() {
  if (depth_ > 0) --depth_;
}

void ThriftCompactReader::CheckType(uint8_t nibble) const {
  if (nibble > static_cast<uint8_t>(CompactType::UUID)) Fail("invalid compact type " + std::to_string(nibble));
}

ThriftCompactReader::FieldHeader ThriftCompactReader::ReadFieldHeader() {
  FieldHeader header;
  uint8_t byte = ReadByte();
  uint8_t type = byte & 0x0F;
  CheckType(type);
  header.type = static_cast<CompactType>(type);
  if (header.type == CompactType::STOP) return header;
  uint8_t delta = byte >> 4;
  if (delta == 0) {
    header.id = ReadI16();
  } else {
    header.id = static_cast<int16_t>(last_field_id_[depth_] + delta);
  }
  last_field_id_[depth_] = header.id;
  header.bool_value = header.type == CompactType::BOOLEAN_TRUE;
  return header;
}

ThriftCompactReader::ListHeader ThriftCompactReader::ReadListHeader() {
  ListHeader header;
  uint8_t byte = ReadByte();
  uint8_t type = byte & 0x0F;
  CheckType(type);
  header.element_type = static_cast<CompactType>(type);
  uint64_t size = byte >> 4;
  if (size == 15) size = ReadVarint();
  // Every element takes at least one byte on the wire (bools in lists too), so a size larger
  // than the remaining bytes is corrupt. This bounds allocations by the input size.
  if (size > remaining()) Fail("list size " + std::to_string(size) + " exceeds remaining bytes");
  header.size = static_cast<uint32_t>(size);
  return header;
}

void ThriftCompactReader::Skip(CompactType type) {
  switch (type) {
    case CompactType::BOOLEAN_TRUE:
    case CompactType::BOOLEAN_FALSE:
    case CompactType::BYTE:
      ReadByte();  // a bool inside a collection is one byte
      return;
    case CompactType::I16:
    case CompactType::I32:
    case CompactType::I64:
      ReadVarint();
      return;
    case CompactType::DOUBLE:
      ReadDouble();
      return;
    case CompactType::BINARY:
      ReadBinary();
      return;
    case CompactType::UUID:
      if (remaining() < 16) Fail("unexpected end of Thrift data in uuid");
      pos_ += 16;
      return;
    case CompactType::LIST:
    case CompactType::SET: {
      ListHeader list = ReadListHeader();
      if (depth_ >= kMaxDepth) Fail("nesting deeper than " + std::to_string(kMaxDepth));
      ++depth_;
      for (uint32_t i = 0; i < list.size; i++) Skip(list.element_type);
      --depth_;
      return;
    }
    case CompactType::MAP: {
      uint64_t size = ReadVarint();
      if (size == 0) return;
      if (size > remaining()) Fail("map size exceeds remaining bytes");
      uint8_t types = ReadByte();
      CheckType(types >> 4);
      CheckType(types & 0x0F);
      if (depth_ >= kMaxDepth) Fail("nesting deeper than " + std::to_string(kMaxDepth));
      ++depth_;
      for (uint64_t i = 0; i < size; i++) {
        Skip(static_cast<CompactType>(types >> 4));
        Skip(static_cast<CompactType>(types & 0x0F));
      }
      --depth_;
      return;
    }
    case CompactType::STRUCT: {
      BeginStruct();
      while (true) {
        FieldHeader field = ReadFieldHeader();
        if (field.type == CompactType::STOP) break;
        SkipField(field);
      }
      EndStruct();
      return;
    }
    case CompactType::STOP:
      Fail("unexpected STOP type");
  }
  Fail("invalid compact type");
}

}  // namespace cairn::parquet
