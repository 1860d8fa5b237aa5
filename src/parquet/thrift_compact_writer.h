// ThriftCompactWriter: an encoder for the Thrift Compact Protocol, the encoding of every Parquet
// footer and page header; the counterpart of ThriftCompactReader.
//
// Source: Apache Thrift "Thrift Compact protocol encoding" (doc/specs/thrift-compact-protocol.md):
//   - i16/i32/i64 are zigzag ULEB128 varints, i8 is one byte, double is 8 bytes little endian;
//   - binary/string is a varint length followed by the bytes;
//   - a field header is one byte (field id delta 1..15 << 4 | compact type) when the id is above
//     the previous one by at most 15, else the type byte followed by the zigzag i16 field id.
//     A boolean field carries its value in the type nibble (1 = true, 2 = false);
//   - list header: size << 4 | element type when size < 15, else 0xF0 | type then a varint size.
//
// Usage: BeginStruct(); WriteFieldI32(1, v); ...; EndStruct() (writes the STOP byte). Fields of
// one struct must be written in increasing id order (as the Parquet structs are).
//
// Errors: none (the output grows in memory). Thread-safety: one writer per thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parquet/thrift_compact_reader.h"

namespace cairn::parquet {

class ThriftCompactWriter {
 public:
  /// Starts a struct (nested structs included): the field-id delta base restarts at 0.
  void BeginStruct() { last_field_id_.push_back(0); }
  /// Ends the current struct with a STOP byte.
  void EndStruct() {
    PutByte(static_cast<uint8_t>(CompactType::STOP));
    last_field_id_.pop_back();
  }

  /// Writes a field header of `type` with id `id` (greater than the struct's previous field id).
  void WriteFieldHeader(int16_t id, CompactType type);
  /// A boolean field (header only: the value is in the type nibble).
  void WriteFieldBool(int16_t id, bool value) {
    WriteFieldHeader(id, value ? CompactType::BOOLEAN_TRUE : CompactType::BOOLEAN_FALSE);
  }
  void WriteFieldI8(int16_t id, int8_t value) { WriteFieldHeader(id, CompactType::BYTE); WriteI8(value); }
  void WriteFieldI32(int16_t id, int32_t value) { WriteFieldHeader(id, CompactType::I32); WriteI32(value); }
  void WriteFieldI64(int16_t id, int64_t value) { WriteFieldHeader(id, CompactType::I64); WriteI64(value); }
  void WriteFieldBinary(int16_t id, std::string_view value) {
    WriteFieldHeader(id, CompactType::BINARY);
    WriteBinary(value);
  }
  /// A struct-typed field: writes the header and begins the nested struct (end it with EndStruct).
  void BeginFieldStruct(int16_t id) { WriteFieldHeader(id, CompactType::STRUCT); BeginStruct(); }
  /// A list-typed field: writes the header and the list header; write `size` elements next.
  void WriteFieldListHeader(int16_t id, CompactType element_type, uint32_t size) {
    WriteFieldHeader(id, CompactType::LIST);
    WriteListHeader(element_type, size);
  }

  /// A list or set header.
  void WriteListHeader(CompactType element_type, uint32_t size);
  void WriteI8(int8_t value) { PutByte(static_cast<uint8_t>(value)); }
  void WriteI16(int16_t value) { WriteVarint(ZigZag(value)); }
  void WriteI32(int32_t value) { WriteVarint(ZigZag(value)); }
  void WriteI64(int64_t value) { WriteVarint(ZigZag(value)); }
  void WriteDouble(double value);
  void WriteBinary(std::string_view value);
  /// A bool as a list element (one byte: 1 = true, 2 = false).
  void WriteBoolElement(bool value) { PutByte(value ? 1 : 2); }
  /// Unsigned LEB128.
  void WriteVarint(uint64_t value);

  /// The bytes written so far.
  const std::vector<uint8_t>& buffer() const { return buffer_; }
  std::vector<uint8_t>& buffer() { return buffer_; }

 private:
  static uint64_t ZigZag(int64_t value) {
    return (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
  }
  void PutByte(uint8_t byte) { buffer_.push_back(byte); }

  std::vector<uint8_t> buffer_;
  std::vector<int16_t> last_field_id_{0};
};

}  // namespace cairn::parquet
