#include "parquet/thrift_compact_writer.h"

#include <cstring>

namespace cairn::parquet {

void ThriftCompactWriter::WriteFieldHeader(int16_t id, CompactType type) {
  int16_t& last = last_field_id_.back();
  int delta = static_cast<int>(id) - static_cast<int>(last);
  auto type_nibble = static_cast<uint8_t>(type);
  if (delta > 0 && delta <= 15) {
    PutByte(static_cast<uint8_t>(delta << 4) | type_nibble);
  } else {
    PutByte(type_nibble);
    WriteI16(id);
  }
  last = id;
}

void ThriftCompactWriter::WriteListHeader(CompactType element_type, uint32_t size) {
  auto type_nibble = static_cast<uint8_t>(element_type);
  if (size < 15) {
    PutByte(static_cast<uint8_t>(size << 4) | type_nibble);
  } else {
    PutByte(0xF0 | type_nibble);
    WriteVarint(size);
  }
}

void ThriftCompactWriter::WriteDouble(double value) {
  uint8_t raw[8];
  std::memcpy(raw, &value, 8);  // little-endian hosts only (as the reader)
  buffer_.insert(buffer_.end(), raw, raw + 8);
}

void ThriftCompactWriter::WriteBinary(std::string_view value) {
  WriteVarint(value.size());
  buffer_.insert(buffer_.end(), value.begin(), value.end());
}

void ThriftCompactWriter::WriteVarint(uint64_t value) {
  while (value >= 0x80) {
    PutByte(static_cast<uint8_t>(value) | 0x80);
    value >>= 7;
  }
  PutByte(static_cast<uint8_t>(value));
}

}  // namespace cairn::parquet
