// ThriftCompactReader: a bounded decoder for the Thrift Compact Protocol, the encoding of every
// Parquet footer and page header.
//
// Source: Apache Thrift "Thrift Compact protocol encoding" (doc/specs/thrift-compact-protocol.md):
//   - integers i16/i32/i64 are zigzag ULEB128 varints, i8 is one byte, double is 8 bytes LE;
//   - binary/string is a varint length followed by the bytes;
//   - a field header is one byte: high nibble = field id delta (1..15) from the previous field,
//     low nibble = compact type; delta 0 means a zigzag i16 field id follows. Booleans carry
//     their value in the type nibble (1 = true, 2 = false);
//   - list/set header: high nibble = size (15 means a varint size follows), low nibble = element
//     type; map header: varint size, then (if size > 0) one byte key type << 4 | value type.
//
// Safety: every read is checked against the remaining bytes, declared lengths and element
// counts are bounded by the input size, and struct/list nesting is limited (kMaxDepth). Any
// violation throws cairn::Exception(sqlstate::kDataCorrupted) with `context` (typically the
// file path) in the message. Never reads out of bounds, never allocates more than the input
// could justify.
//
// Thread-safety: a reader is used by one thread; it does not own the bytes it decodes.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace cairn::parquet {

/// Compact protocol type codes (field header low nibble and collection element types).
enum class CompactType : uint8_t {
  STOP = 0,
  BOOLEAN_TRUE = 1,
  BOOLEAN_FALSE = 2,
  BYTE = 3,
  I16 = 4,
  I32 = 5,
  I64 = 6,
  DOUBLE = 7,
  BINARY = 8,
  LIST = 9,
  SET = 10,
  MAP = 11,
  STRUCT = 12,
  UUID = 13,
};

class ThriftCompactReader {
 public:
  /// Maximum struct/collection nesting depth accepted.
  static constexpr int kMaxDepth = 64;

  /// Decodes `size` bytes at `data`; `context` names the input in error messages.
  ThriftCompactReader(const uint8_t* data, size_t size, std::string_view context)
      : pos_(data), end_(data + size), begin_(data), context_(context) {}

  /// A struct field header. `type` STOP ends the struct.
  struct FieldHeader {
    CompactType type = CompactType::STOP;
    int16_t id = 0;
    /// For BOOLEAN_TRUE/BOOLEAN_FALSE fields: the value.
    bool bool_value = false;
  };
  struct ListHeader {
    CompactType element_type = CompactType::STOP;
    uint32_t size = 0;
  };

  /// Enters a struct (resets the field-id delta base; checks nesting depth).
  void BeginStruct();
  /// Leaves a struct entered with BeginStruct.
  void EndStruct();
  /// Reads the next field header of the current struct.
  FieldHeader ReadFieldHeader();
  /// Reads a list or set header; the size is checked against the remaining bytes.
  ListHeader ReadListHeader();

  bool ReadBool(const FieldHeader& header) const { return header.bool_value; }
  /// A bool stored as a list element (one byte: 1 = true).
  bool ReadBoolElement() { return ReadByte() == 1; }
  int8_t ReadI8() { return static_cast<int8_t>(ReadByte()); }
  int16_t ReadI16();
  int32_t ReadI32();
  int64_t ReadI64();
  double ReadDouble();
  /// Binary/string: a view into the input buffer (valid as long as the buffer).
  std::string_view ReadBinary();
  std::string ReadString() { return std::string(ReadBinary()); }

  /// Skips a value of `type` (any type, including nested structs and collections).
  void Skip(CompactType type);
  /// Skips the value of a field just read with ReadFieldHeader.
  void SkipField(const FieldHeader& header) {
    if (header.type != CompactType::BOOLEAN_TRUE && header.type != CompactType::BOOLEAN_FALSE) Skip(header.type);
  }

  /// Bytes consumed so far.
  size_t position() const { return static_cast<size_t>(pos_ - begin_); }
  size_t remaining() const { return static_cast<size_t>(end_ - pos_); }

  /// Throws cairn::Exception(kDataCorrupted) "<context>: <what>".
  [[noreturn]] void Fail(const std::string& what) const;

  uint64_t ReadVarint();

 private:
  uint8_t ReadByte() {
    if (pos_ >= end_) Fail("unexpected end of Thrift data");
    return *pos_++;
  }
  void CheckType(uint8_t nibble) const;

  const uint8_t* pos_;
  const uint8_t* end_;
  const uint8_t* begin_;
  std::string_view context_;
  int depth_ = 0;
  // Last field id of each open struct (the delta base).
  int16_t last_field_id_[kMaxDepth + 1] = {};
};

/// Reads a struct from `r`, calling `on_field(header)` for each field; fields it does not
/// consume (returns false) are skipped. Throws what the reader throws on malformed input.
template <class F>
void ReadStruct(ThriftCompactReader& r, F&& on_field) {
  r.BeginStruct();
  while (true) {
    ThriftCompactReader::FieldHeader field = r.ReadFieldHeader();
    if (field.type == CompactType::STOP) break;
    if (!on_field(field)) r.SkipField(field);
  }
  r.EndStruct();
}

}  // namespace cairn::parquet
