// ARRAY storage encoding, element access and PostgreSQL's array text form (see
// array_encoding.h; the text rules are PostgreSQL's array_in/array_out).
#include "common/array_encoding.h"

#include <bit>
#include <cmath>
#include <cstring>

#include "cairn/exception.h"
#include "cairn/string_type.h"
#include "common/numeric.h"

namespace cairn::array {
namespace {

constexpr uint8_t kValueTag = 0x01;
constexpr uint8_t kNullTag = 0x02;

using uint128_t = unsigned __int128;

/// `bits` with its bytes reversed (big-endian <-> this machine's little-endian).
template <class U>
U ByteSwap(U bits) {
  if constexpr (sizeof(U) == 4) {
    return __builtin_bswap32(bits);
  } else if constexpr (sizeof(U) == 8) {
    return __builtin_bswap64(bits);
  } else {
    static_assert(sizeof(U) == 16);
    return (static_cast<uint128_t>(__builtin_bswap64(static_cast<uint64_t>(bits))) << 64) |
           __builtin_bswap64(static_cast<uint64_t>(bits >> 64));
  }
}

/// Stores `bits` big-endian at `out`.
template <class U>
void StoreBigEndian(char* out, U bits) {
  static_assert(std::endian::native == std::endian::little);
  const U swapped = ByteSwap(bits);
  std::memcpy(out, &swapped, sizeof(U));
}

template <class U>
void AppendBigEndian(std::string& out, U bits) {
  char buffer[sizeof(U)];
  StoreBigEndian(buffer, bits);
  out.append(buffer, sizeof(U));
}

template <class U>
U ReadBigEndian(const char* data) {
  U bits;
  std::memcpy(&bits, data, sizeof(U));
  return ByteSwap(bits);
}

// The stored bits of each fixed-width kind (see array_encoding.h).
inline uint32_t Int32Bits(int32_t v) { return static_cast<uint32_t>(v) ^ 0x80000000u; }
inline uint64_t Int64Bits(int64_t v) { return static_cast<uint64_t>(v) ^ 0x8000000000000000ull; }
inline uint128_t Int128Bits(hugeint_t v) { return static_cast<uint128_t>(v) ^ (static_cast<uint128_t>(1) << 127); }
inline uint64_t DoubleBits(double v) {
  if (v == 0) v = 0;  // -0.0 == 0.0
  if (std::isnan(v)) v = std::numeric_limits<double>::quiet_NaN();
  uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  return (bits >> 63) ? ~bits : bits ^ 0x8000000000000000ull;
}

void AppendInt32(std::string& out, int32_t v) { AppendBigEndian<uint32_t>(out, Int32Bits(v)); }
void AppendInt64(std::string& out, int64_t v) { AppendBigEndian<uint64_t>(out, Int64Bits(v)); }
void AppendInt128(std::string& out, hugeint_t v) { AppendBigEndian<uint128_t>(out, Int128Bits(v)); }
void AppendDouble(std::string& out, double v) { AppendBigEndian<uint64_t>(out, DoubleBits(v)); }
void AppendString(std::string& out, std::string_view s) {
  size_t begin = 0;
  for (size_t i = 0; i < s.size(); i++) {
    if (s[i] != '\0') continue;
    out.append(s.data() + begin, i - begin);
    out.push_back('\0');
    out.push_back('\xFF');
    begin = i + 1;
  }
  out.append(s.data() + begin, s.size() - begin);
  out.push_back('\0');
  out.push_back('\x01');
}
void AppendInterval(std::string& out, const interval_t& v) {
  AppendInt32(out, v.months);
  AppendInt32(out, v.days);
  AppendInt64(out, v.micros);
}

[[noreturn]] void Malformed() {
  throw Exception(sqlstate::kInternalError, "corrupt array value: its encoding ends early or has an unknown tag");
}

size_t FixedSize(PhysicalType physical) {
  switch (physical) {
    case PhysicalType::BOOL: return 1;
    case PhysicalType::INT32: return 4;
    case PhysicalType::INT64: return 8;
    case PhysicalType::INT128: return 16;
    case PhysicalType::DOUBLE: return 8;
    case PhysicalType::INTERVAL: return 16;
    default: return 0;
  }
}

}  // namespace

void AppendNull(std::string& out) { out.push_back(static_cast<char>(kNullTag)); }

void AppendElement(std::string& out, const LogicalType& element, const UnifiedFormat& format, idx_t row) {
  const PhysicalType physical = element.physical_type();
  idx_t index = format.sel->get_index(row);
  if (!format.validity->RowIsValid(index)) {
    AppendNull(out);
    return;
  }
  out.push_back(static_cast<char>(kValueTag));
  switch (physical) {
    case PhysicalType::BOOL:
      out.push_back(reinterpret_cast<const bool*>(format.data)[index] ? '\1' : '\0');
      return;
    case PhysicalType::INT32: AppendInt32(out, reinterpret_cast<const int32_t*>(format.data)[index]); return;
    case PhysicalType::INT64: AppendInt64(out, reinterpret_cast<const int64_t*>(format.data)[index]); return;
    case PhysicalType::INT128: {
      const hugeint_t value = reinterpret_cast<const hugeint_t*>(format.data)[index];
      if (element.id() == TypeId::NUMERIC) AppendInt128(out, numeric::OrderKey(value));
      AppendInt128(out, value);
      return;
    }
    case PhysicalType::DOUBLE: AppendDouble(out, reinterpret_cast<const double*>(format.data)[index]); return;
    case PhysicalType::STRING: AppendString(out, reinterpret_cast<const string_t*>(format.data)[index].view()); return;
    case PhysicalType::INTERVAL:
      AppendInterval(out, reinterpret_cast<const interval_t*>(format.data)[index]);
      return;
    case PhysicalType::INVALID:
      break;
  }
  throw Exception(sqlstate::kInternalError, "array element of an invalid physical type");
}

size_t WriteFixedElement(char* out, const LogicalType& element, const UnifiedFormat& format, idx_t row) {
  const idx_t index = format.sel->get_index(row);
  if (!format.validity->RowIsValid(index)) {
    out[0] = static_cast<char>(kNullTag);
    return 1;
  }
  out[0] = static_cast<char>(kValueTag);
  switch (element.physical_type()) {
    case PhysicalType::BOOL:
      out[1] = reinterpret_cast<const bool*>(format.data)[index] ? '\1' : '\0';
      return 2;
    case PhysicalType::INT32:
      StoreBigEndian<uint32_t>(out + 1, Int32Bits(reinterpret_cast<const int32_t*>(format.data)[index]));
      return 5;
    case PhysicalType::INT64:
      StoreBigEndian<uint64_t>(out + 1, Int64Bits(reinterpret_cast<const int64_t*>(format.data)[index]));
      return 9;
    case PhysicalType::INT128: {
      const hugeint_t value = reinterpret_cast<const hugeint_t*>(format.data)[index];
      if (element.id() != TypeId::NUMERIC) {
        StoreBigEndian<uint128_t>(out + 1, Int128Bits(value));
        return 17;
      }
      StoreBigEndian<uint128_t>(out + 1, Int128Bits(numeric::OrderKey(value)));
      StoreBigEndian<uint128_t>(out + 17, Int128Bits(value));
      return 33;
    }
    case PhysicalType::DOUBLE:
      StoreBigEndian<uint64_t>(out + 1, DoubleBits(reinterpret_cast<const double*>(format.data)[index]));
      return 9;
    case PhysicalType::INTERVAL: {
      const interval_t& v = reinterpret_cast<const interval_t*>(format.data)[index];
      StoreBigEndian<uint32_t>(out + 1, Int32Bits(v.months));
      StoreBigEndian<uint32_t>(out + 5, Int32Bits(v.days));
      StoreBigEndian<uint64_t>(out + 9, Int64Bits(v.micros));
      return 17;
    }
    case PhysicalType::STRING:
    case PhysicalType::INVALID: break;
  }
  throw Exception(sqlstate::kInternalError, "WriteFixedElement of a variable-length or invalid type");
}

void AppendValue(std::string& out, const Value& value) {
  if (value.IsNull()) {
    AppendNull(out);
    return;
  }
  out.push_back(static_cast<char>(kValueTag));
  switch (value.type().physical_type()) {
    case PhysicalType::BOOL: out.push_back(value.GetBool() ? '\1' : '\0'); return;
    case PhysicalType::INT32: AppendInt32(out, static_cast<int32_t>(value.GetInt64())); return;
    case PhysicalType::INT64: AppendInt64(out, value.GetInt64()); return;
    case PhysicalType::INT128:
      if (value.type().id() == TypeId::NUMERIC) AppendInt128(out, numeric::OrderKey(value.GetInt128()));
      AppendInt128(out, value.GetInt128());
      return;
    case PhysicalType::DOUBLE: AppendDouble(out, value.GetDouble()); return;
    case PhysicalType::STRING: AppendString(out, value.GetString()); return;
    case PhysicalType::INTERVAL: AppendInterval(out, value.GetInterval()); return;
    case PhysicalType::INVALID: break;
  }
  throw Exception(sqlstate::kInternalError, "array element of an invalid physical type");
}

bool ArrayReader::Next() {
  if (position_ >= bytes_.size()) return false;
  start_ = position_;
  uint8_t tag = static_cast<uint8_t>(bytes_[position_++]);
  if (tag == kNullTag) {
    null_ = true;
    return true;
  }
  if (tag != kValueTag) Malformed();
  null_ = false;
  payload_ = position_;
  if (physical_ == PhysicalType::STRING) {
    while (true) {
      size_t zero = bytes_.find('\0', position_);
      if (zero == std::string_view::npos || zero + 1 >= bytes_.size()) Malformed();
      position_ = zero + 2;
      if (bytes_[zero + 1] == '\x01') return true;
      if (bytes_[zero + 1] != '\xFF') Malformed();
    }
  }
  size_t size = FixedSize(physical_);
  if (numeric_) {
    size = 32;
    payload_ += 16;  // past the order key
  }
  if (size == 0 || bytes_.size() - position_ < size) Malformed();
  position_ += size;
  return true;
}

bool ArrayReader::GetBool() const { return bytes_[payload_] != 0; }
int32_t ArrayReader::GetInt32() const {
  return static_cast<int32_t>(ReadBigEndian<uint32_t>(bytes_.data() + payload_) ^ 0x80000000u);
}
int64_t ArrayReader::GetInt64() const {
  return static_cast<int64_t>(ReadBigEndian<uint64_t>(bytes_.data() + payload_) ^ 0x8000000000000000ull);
}
hugeint_t ArrayReader::GetInt128() const {
  return static_cast<hugeint_t>(ReadBigEndian<uint128_t>(bytes_.data() + payload_) ^ (static_cast<uint128_t>(1) << 127));
}
double ArrayReader::GetDouble() const {
  uint64_t bits = ReadBigEndian<uint64_t>(bytes_.data() + payload_);
  bits = (bits >> 63) ? bits ^ 0x8000000000000000ull : ~bits;
  double v;
  std::memcpy(&v, &bits, sizeof v);
  return v;
}
std::string ArrayReader::GetString() const {
  std::string out;
  size_t end = position_ - 2;  // before the terminator
  for (size_t i = payload_; i < end; i++) {
    out.push_back(bytes_[i]);
    if (bytes_[i] == '\0') i++;  // skip the escape's 0xFF
  }
  return out;
}
interval_t ArrayReader::GetInterval() const {
  interval_t v;
  v.months = static_cast<int32_t>(ReadBigEndian<uint32_t>(bytes_.data() + payload_) ^ 0x80000000u);
  v.days = static_cast<int32_t>(ReadBigEndian<uint32_t>(bytes_.data() + payload_ + 4) ^ 0x80000000u);
  v.micros = static_cast<int64_t>(ReadBigEndian<uint64_t>(bytes_.data() + payload_ + 8) ^ 0x8000000000000000ull);
  return v;
}

idx_t Count(std::string_view bytes, const LogicalType& element) {
  ArrayReader reader(bytes, element);
  idx_t count = 0;
  while (reader.Next()) count++;
  return count;
}

Value ReadValue(const ArrayReader& reader, const LogicalType& element) {
  if (reader.IsNull()) return Value::Null(element);
  switch (element.physical_type()) {
    case PhysicalType::BOOL: return Value::FromPhysical(element, reader.GetBool() ? 1 : 0);
    case PhysicalType::INT32: return Value::FromPhysical(element, reader.GetInt32());
    case PhysicalType::INT64: return Value::FromPhysical(element, reader.GetInt64());
    case PhysicalType::INT128: return Value::FromPhysical128(element, reader.GetInt128());
    case PhysicalType::DOUBLE: return Value::FromPhysicalDouble(element, reader.GetDouble());
    case PhysicalType::STRING: return Value::FromPhysicalString(element, reader.GetString());
    case PhysicalType::INTERVAL: {
      Value value = Value::Interval(reader.GetInterval());
      return value;
    }
    case PhysicalType::INVALID: break;
  }
  throw Exception(sqlstate::kInternalError, "array element of an invalid physical type");
}

Value ElementAt(std::string_view bytes, const LogicalType& element, idx_t index) {
  ArrayReader reader(bytes, element);
  for (idx_t i = 0; reader.Next(); i++) {
    if (i == index) return ReadValue(reader, element);
  }
  return Value::Null(element);
}

std::vector<Value> Elements(std::string_view bytes, const LogicalType& element) {
  std::vector<Value> values;
  ArrayReader reader(bytes, element);
  while (reader.Next()) values.push_back(ReadValue(reader, element));
  return values;
}

void WriteElement(const ArrayReader& reader, Vector& out, idx_t row) {
  if (reader.IsNull()) {
    out.validity().SetInvalid(row);
    return;
  }
  out.validity().SetValid(row);
  switch (out.type().physical_type()) {
    case PhysicalType::BOOL: out.data<bool>()[row] = reader.GetBool(); return;
    case PhysicalType::INT32: out.data<int32_t>()[row] = reader.GetInt32(); return;
    case PhysicalType::INT64: out.data<int64_t>()[row] = reader.GetInt64(); return;
    case PhysicalType::INT128: out.data<hugeint_t>()[row] = reader.GetInt128(); return;
    case PhysicalType::DOUBLE: out.data<double>()[row] = reader.GetDouble(); return;
    case PhysicalType::STRING: {
      std::string text = reader.GetString();
      out.data<string_t>()[row] = text.size() <= string_t::kInlineLength ? string_t(std::string_view(text))
                                                                          : out.AddString(text);
      return;
    }
    case PhysicalType::INTERVAL: out.data<interval_t>()[row] = reader.GetInterval(); return;
    case PhysicalType::INVALID: break;
  }
  Malformed();
}

namespace {

/// ArrayReader::ReadInto for elements of `width` stored bytes decoded by `decode` into T.
template <class T, class Decode>
idx_t ReadFixedInto(std::string_view bytes, size_t& position, size_t width, Vector& out, idx_t offset,
                    idx_t capacity, Decode decode) {
  T* data = out.data<T>();
  ValidityMask& validity = out.validity();
  const char* p = bytes.data();
  const size_t end = bytes.size();
  size_t pos = position;
  idx_t n = 0;
  for (; n < capacity && pos < end; n++) {
    const uint8_t tag = static_cast<uint8_t>(p[pos++]);
    if (tag == kNullTag) {
      validity.SetInvalid(offset + n);
      continue;
    }
    if (tag != kValueTag || end - pos < width) Malformed();
    data[offset + n] = decode(p + pos);
    validity.SetValid(offset + n);
    pos += width;
  }
  position = pos;
  return n;
}

}  // namespace

idx_t ArrayReader::ReadInto(Vector& out, idx_t offset, idx_t capacity) {
  switch (numeric_ ? PhysicalType::INVALID : physical_) {
    case PhysicalType::INT32:
      return ReadFixedInto<int32_t>(bytes_, position_, 4, out, offset, capacity, [](const char* p) {
        return static_cast<int32_t>(ReadBigEndian<uint32_t>(p) ^ 0x80000000u);
      });
    case PhysicalType::INT64:
      return ReadFixedInto<int64_t>(bytes_, position_, 8, out, offset, capacity, [](const char* p) {
        return static_cast<int64_t>(ReadBigEndian<uint64_t>(p) ^ 0x8000000000000000ull);
      });
    case PhysicalType::DOUBLE:
      return ReadFixedInto<double>(bytes_, position_, 8, out, offset, capacity, [](const char* p) {
        uint64_t bits = ReadBigEndian<uint64_t>(p);
        bits = (bits >> 63) ? bits ^ 0x8000000000000000ull : ~bits;
        double v;
        std::memcpy(&v, &bits, sizeof v);
        return v;
      });
    default: {
      idx_t n = 0;
      while (n < capacity && Next()) WriteElement(*this, out, offset + n++);
      return n;
    }
  }
}

idx_t DecodeInto(std::string_view bytes, Vector& out, idx_t offset) {
  ArrayReader reader(bytes, out.type());
  idx_t row = offset;
  while (reader.Next()) WriteElement(reader, out, row++);
  return row - offset;
}

std::string Encode(const Vector& elements, idx_t begin, idx_t end) {
  UnifiedFormat format;
  elements.ToUnified(end, format);
  std::string out;
  for (idx_t row = begin; row < end; row++) AppendElement(out, elements.type(), format, row);
  return out;
}

namespace {

bool IsArraySpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

bool NeedsQuotes(std::string_view text) {
  if (text.empty()) return true;
  if (text.size() == 4 && (text[0] | 0x20) == 'n' && (text[1] | 0x20) == 'u' && (text[2] | 0x20) == 'l' &&
      (text[3] | 0x20) == 'l') {
    return true;
  }
  for (char c : text) {
    if (c == '"' || c == '\\' || c == '{' || c == '}' || c == ',' || IsArraySpace(c)) return true;
  }
  return false;
}

[[noreturn]] void MalformedLiteral(std::string_view text, const std::string& detail) {
  throw Exception(sqlstate::kInvalidTextRepresentation,
                  "malformed array literal: \"" + std::string(text) + "\" (" + detail + ")");
}

// An element's text as PostgreSQL's output function writes it (booleans as t/f in arrays).
std::string ElementText(const ArrayReader& reader, const LogicalType& element) {
  if (element.id() == TypeId::BOOLEAN) return reader.GetBool() ? "t" : "f";
  return ReadValue(reader, element).ToString();
}

}  // namespace

std::string ToText(std::string_view bytes, const LogicalType& element) {
  std::string out = "{";
  ArrayReader reader(bytes, element);
  bool first = true;
  while (reader.Next()) {
    if (!first) out.push_back(',');
    first = false;
    if (reader.IsNull()) {
      out += "NULL";
      continue;
    }
    std::string text = ElementText(reader, element);
    if (!NeedsQuotes(text)) {
      out += text;
      continue;
    }
    out.push_back('"');
    for (char c : text) {
      if (c == '"' || c == '\\') out.push_back('\\');
      out.push_back(c);
    }
    out.push_back('"');
  }
  out.push_back('}');
  return out;
}

std::vector<std::optional<std::string>> ParseText(std::string_view text) {
  size_t i = 0;
  while (i < text.size() && IsArraySpace(text[i])) i++;
  if (i < text.size() && text[i] == '[') {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "array bounds other than the default are not supported: \"" + std::string(text) + "\"");
  }
  if (i >= text.size() || text[i] != '{') {
    MalformedLiteral(text, "Array value must start with \"{\" or dimension information.");
  }
  i++;
  std::vector<std::optional<std::string>> elements;
  while (i < text.size() && IsArraySpace(text[i])) i++;
  if (i < text.size() && text[i] == '}') {
    i++;
  } else {
    while (true) {
      while (i < text.size() && IsArraySpace(text[i])) i++;
      if (i >= text.size()) MalformedLiteral(text, "Unexpected end of input.");
      if (text[i] == '{') {
        throw Exception(sqlstate::kFeatureNotSupported,
                        "multidimensional arrays are not supported: \"" + std::string(text) + "\"");
      }
      if (text[i] == ',' || text[i] == '}') MalformedLiteral(text, std::string("Unexpected \"") + text[i] + "\" character.");
      std::string value;
      bool quoted = false;
      bool escaped = false;
      if (text[i] == '"') {
        quoted = true;
        i++;
        while (true) {
          if (i >= text.size()) MalformedLiteral(text, "Unexpected end of input.");
          char c = text[i++];
          if (c == '"') break;
          if (c == '\\') {
            if (i >= text.size()) MalformedLiteral(text, "Unexpected end of input.");
            c = text[i++];
          }
          value.push_back(c);
        }
        while (i < text.size() && IsArraySpace(text[i])) i++;
      } else {
        size_t kept = 0;  // length up to the last character that is not trailing whitespace
        while (i < text.size() && text[i] != ',' && text[i] != '}') {
          char c = text[i++];
          if (c == '"' || c == '{') MalformedLiteral(text, "Unexpected array element.");
          if (c == '\\') {
            if (i >= text.size()) MalformedLiteral(text, "Unexpected end of input.");
            value.push_back(text[i++]);
            escaped = true;
            kept = value.size();
            continue;
          }
          value.push_back(c);
          if (!IsArraySpace(c)) kept = value.size();
        }
        value.resize(kept);
      }
      if (i >= text.size()) MalformedLiteral(text, "Unexpected end of input.");
      bool is_null = !quoted && !escaped && value.size() == 4 && (value[0] | 0x20) == 'n' &&
                     (value[1] | 0x20) == 'u' && (value[2] | 0x20) == 'l' && (value[3] | 0x20) == 'l';
      if (is_null) {
        elements.push_back(std::nullopt);
      } else {
        elements.push_back(std::move(value));
      }
      if (text[i] == '}') {
        i++;
        break;
      }
      if (text[i] != ',') MalformedLiteral(text, "Unexpected array element.");
      i++;
    }
  }
  while (i < text.size() && IsArraySpace(text[i])) i++;
  if (i != text.size()) MalformedLiteral(text, "Junk after closing right brace.");
  return elements;
}

}  // namespace cairn::array
