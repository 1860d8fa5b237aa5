#include "pgwire/binary_format.h"

#include <fmt/format.h>

#include <bit>
#include <cstring>
#include <limits>
#include <vector>

#include "cairn/exception.h"
#include "pgwire/byte_order.h"
#include "pgwire/type_oid.h"

namespace cairn::pgwire {

namespace {

/// Days and microseconds from the Unix epoch to PostgreSQL's, 2000-01-01.
constexpr int64_t kEpochDays = 10957;
constexpr int64_t kEpochMicros = kEpochDays * 86400 * int64_t{1000000};
constexpr int64_t kMicrosPerDay = 86400 * int64_t{1000000};

/// numeric's sign words.
constexpr uint16_t kNumericPositive = 0x0000, kNumericNegative = 0x4000, kNumericNaN = 0xC000;
/// Largest display scale numeric_recv accepts (NUMERIC_DSCALE_MAX).
constexpr int kNumericMaxDscale = 0x3FFF;

using uhugeint_t = unsigned __int128;

std::string MagnitudeDigits(uhugeint_t magnitude) {
  if (magnitude == 0) return "0";
  std::string digits;
  while (magnitude > 0) {
    digits.push_back(static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  }
  return {digits.rbegin(), digits.rend()};
}

/// numeric_send of unscaled * 10^-scale.
void AppendNumeric(std::string& out, hugeint_t unscaled, int scale) {
  const bool negative = unscaled < 0;
  const uhugeint_t magnitude = negative ? uhugeint_t(0) - static_cast<uhugeint_t>(unscaled) : static_cast<uhugeint_t>(unscaled);
  // The decimal digits, with the fraction padded to whole base-10000 digits and the integer part
  // padded on the left to whole ones.
  std::string digits = MagnitudeDigits(magnitude);
  const int pad = (4 - scale % 4) % 4;
  digits.append(static_cast<size_t>(pad), '0');
  const size_t fraction_length = static_cast<size_t>(scale + pad);
  if (digits.size() < fraction_length) digits.insert(0, fraction_length - digits.size(), '0');
  const size_t integer_length = digits.size() - fraction_length;
  digits.insert(0, (4 - integer_length % 4) % 4, '0');
  std::vector<uint16_t> groups;
  for (size_t i = 0; i < digits.size(); i += 4) groups.push_back(static_cast<uint16_t>(std::stoi(digits.substr(i, 4))));
  int weight = static_cast<int>((integer_length + 3) / 4) - 1;
  size_t first = 0;
  while (first < groups.size() && groups[first] == 0) {
    first++;
    weight--;
  }
  size_t end = groups.size();
  while (end > first && groups[end - 1] == 0) end--;
  if (first == end) weight = 0;
  AppendBigEndian16(out, static_cast<uint16_t>(end - first));
  AppendBigEndian16(out, static_cast<uint16_t>(static_cast<int16_t>(weight)));
  AppendBigEndian16(out, first == end || !negative ? kNumericPositive : kNumericNegative);
  AppendBigEndian16(out, static_cast<uint16_t>(scale));
  for (size_t i = first; i < end; i++) AppendBigEndian16(out, groups[i]);
}

/// The 16 bytes of a UUID's canonical text (hex digits, dashes skipped).
void AppendUuid(std::string& out, const std::string& text) {
  int high = -1;
  for (char c : text) {
    int nibble;
    if (c >= '0' && c <= '9') nibble = c - '0';
    else if (c >= 'a' && c <= 'f') nibble = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') nibble = c - 'A' + 10;
    else continue;
    if (high < 0) {
      high = nibble;
    } else {
      out.push_back(static_cast<char>((high << 4) | nibble));
      high = -1;
    }
  }
}

void AppendValue(std::string& out, const Value& value);

void AppendArray(std::string& out, const Value& value) {
  const std::vector<Value> elements = value.GetArrayElements();
  bool has_nulls = false;
  for (const Value& element : elements) has_nulls = has_nulls || element.IsNull();
  AppendBigEndian32(out, elements.empty() ? 0 : 1);
  AppendBigEndian32(out, has_nulls ? 1 : 0);
  AppendBigEndian32(out, PgTypeOf(value.type().element_type()).oid);
  if (!elements.empty()) {
    AppendBigEndian32(out, static_cast<uint32_t>(elements.size()));
    AppendBigEndian32(out, 1);  // lower bound
  }
  for (const Value& element : elements) {
    if (element.IsNull()) {
      AppendBigEndian32(out, 0xffffffffu);
      continue;
    }
    const size_t length_at = out.size();
    AppendBigEndian32(out, 0);
    AppendValue(out, element);
    const auto length = static_cast<uint32_t>(out.size() - length_at - 4);
    for (int i = 0; i < 4; i++) out[length_at + i] = static_cast<char>(length >> (24 - 8 * i));
  }
}

void AppendValue(std::string& out, const Value& value) {
  const LogicalType& type = value.type();
  switch (type.id()) {
    case TypeId::BOOLEAN:
      out.push_back(value.GetBool() ? 1 : 0);
      return;
    case TypeId::TINYINT:
    case TypeId::SMALLINT:
    case TypeId::UTINYINT:
      AppendBigEndian16(out, static_cast<uint16_t>(value.GetInt64()));
      return;
    case TypeId::INTEGER:
    case TypeId::USMALLINT:
      AppendBigEndian32(out, static_cast<uint32_t>(value.GetInt64()));
      return;
    case TypeId::BIGINT:
    case TypeId::UINTEGER:
      AppendBigEndian64(out, static_cast<uint64_t>(value.GetInt64()));
      return;
    case TypeId::UBIGINT:
    case TypeId::HUGEINT:
      AppendNumeric(out, value.GetInt128(), 0);
      return;
    case TypeId::DECIMAL:
      AppendNumeric(out, type.width() <= 18 ? hugeint_t{value.GetInt64()} : value.GetInt128(), type.scale());
      return;
    case TypeId::NUMERIC:
      AppendNumeric(out, value.GetNumericUnscaled(), value.GetNumericScale());
      return;
    case TypeId::FLOAT:
      AppendBigEndian32(out, std::bit_cast<uint32_t>(static_cast<float>(value.GetDouble())));
      return;
    case TypeId::DOUBLE:
      AppendBigEndian64(out, std::bit_cast<uint64_t>(value.GetDouble()));
      return;
    case TypeId::VARCHAR:
    case TypeId::BLOB:
    case TypeId::JSON:
      out.append(value.GetString());
      return;
    case TypeId::JSONB:
      out.push_back(1);  // jsonb's binary format version
      out.append(value.GetString());
      return;
    case TypeId::UUID:
      AppendUuid(out, value.GetString());
      return;
    case TypeId::DATE:
      AppendBigEndian32(out, static_cast<uint32_t>(static_cast<int32_t>(value.GetInt64() - kEpochDays)));
      return;
    case TypeId::TIME:
      AppendBigEndian64(out, static_cast<uint64_t>(value.GetInt64()));
      return;
    case TypeId::TIMESTAMP:
    case TypeId::TIMESTAMP_TZ: {
      const int64_t micros = value.GetInt64();
      // ±infinity keep their sentinels; others shift to PostgreSQL's epoch.
      const bool infinite = micros == std::numeric_limits<int64_t>::max() || micros == std::numeric_limits<int64_t>::min();
      AppendBigEndian64(out, static_cast<uint64_t>(infinite ? micros : micros - kEpochMicros));
      return;
    }
    case TypeId::INTERVAL: {
      const interval_t interval = value.GetInterval();
      AppendBigEndian64(out, static_cast<uint64_t>(interval.micros));
      AppendBigEndian32(out, static_cast<uint32_t>(interval.days));
      AppendBigEndian32(out, static_cast<uint32_t>(interval.months));
      return;
    }
    case TypeId::ARRAY:
      if (PgTypeOf(type).oid != PgTypeOf(TypeId::VARCHAR).oid) {
        AppendArray(out, value);
        return;
      }
      break;
    case TypeId::SQLNULL:
    case TypeId::INVALID:
      break;
  }
  out.append(value.ToString());  // sent as text (RowDescription says text)
}

/// Reads a binary parameter's bytes, failing with 22P03 on a short or long value.
class BinaryReader {
 public:
  BinaryReader(std::string_view bytes, size_t number) : bytes_(bytes), number_(number) {}

  [[noreturn]] void Fail(std::string_view why = "") const {
    throw Exception(sqlstate::kInvalidBinaryRepresentation,
                    fmt::format("incorrect binary data format in bind parameter {}{}{}", number_,
                                why.empty() ? "" : ": ", why));
  }
  std::string_view Take(size_t count) {
    // PostgreSQL's pq_getmsgbytes: an ERROR (not FATAL) 08P01; the message itself was well formed.
    if (count > bytes_.size() - position_) {
      throw Exception(sqlstate::kProtocolViolation, "insufficient data left in message");
    }
    std::string_view taken = bytes_.substr(position_, count);
    position_ += count;
    return taken;
  }
  int16_t Int16() { return static_cast<int16_t>(ReadBigEndian16(Take(2).data())); }
  int32_t Int32() { return static_cast<int32_t>(ReadBigEndian32(Take(4).data())); }
  int64_t Int64() { return static_cast<int64_t>(ReadBigEndian64(Take(8).data())); }
  size_t remaining() const { return bytes_.size() - position_; }
  void ExpectEnd() const {
    if (position_ != bytes_.size()) Fail();
  }

 private:
  std::string_view bytes_;
  size_t position_ = 0;
  size_t number_;
};

/// numeric_recv, into NUMERIC (digits beyond the display scale are cut off, as PostgreSQL does).
Value ReadNumeric(BinaryReader& reader) {
  const int16_t ndigits = reader.Int16();
  const int16_t weight = reader.Int16();
  const auto sign = static_cast<uint16_t>(reader.Int16());
  const int16_t dscale = reader.Int16();
  if (ndigits < 0 || static_cast<size_t>(ndigits) * 2 != reader.remaining()) reader.Fail("invalid length in external \"numeric\" value");
  if (sign != kNumericPositive && sign != kNumericNegative) {
    if (sign == kNumericNaN || sign == 0xD000 || sign == 0xF000) {
      throw Exception(sqlstate::kFeatureNotSupported, "numeric NaN and infinity are not supported");
    }
    reader.Fail("invalid sign in external \"numeric\" value");
  }
  if (dscale < 0 || dscale > kNumericMaxDscale) reader.Fail("invalid scale in external \"numeric\" value");
  if (dscale > 38) throw Exception(sqlstate::kNumericValueOutOfRange, "numeric field overflow");
  // |unscaled| stays below 10^36 here, well inside hugeint_t; Value::Numeric checks Cairn's range.
  constexpr hugeint_t kLimit = [] {
    hugeint_t limit = 1;
    for (int i = 0; i < 36; i++) limit *= 10;
    return limit;
  }();
  hugeint_t unscaled = 0;
  for (int i = 0; i < ndigits; i++) {
    const int16_t digit = reader.Int16();
    if (digit < 0 || digit >= 10000) reader.Fail("invalid digit in external \"numeric\" value");
    if (digit == 0) continue;
    // The digit is worth digit * 10^(4 * (weight - i)); at scale dscale, * 10^exponent.
    const int exponent = 4 * (weight - i) + dscale;
    if (exponent > 36) throw Exception(sqlstate::kNumericValueOutOfRange, "numeric field overflow");
    if (exponent <= -4) continue;
    hugeint_t term = digit;
    if (exponent >= 0) {
      for (int e = 0; e < exponent; e++) term *= 10;
    } else {
      for (int e = 0; e < -exponent; e++) term /= 10;
    }
    unscaled += term;
    if (unscaled >= kLimit) throw Exception(sqlstate::kNumericValueOutOfRange, "numeric field overflow");
  }
  reader.ExpectEnd();
  return Value::Numeric(sign == kNumericNegative ? -unscaled : unscaled, static_cast<uint8_t>(dscale));
}

Value ReadValue(std::string_view bytes, const LogicalType& type, size_t number);

Value ReadArray(BinaryReader& reader, const LogicalType& type, size_t number) {
  const LogicalType element_type = type.element_type();
  const int32_t dimensions = reader.Int32();
  const int32_t flags = reader.Int32();
  const auto element_oid = static_cast<uint32_t>(reader.Int32());
  if (dimensions < 0 || dimensions > 6) reader.Fail("invalid number of dimensions");
  if (flags != 0 && flags != 1) reader.Fail("invalid array flags");
  if (element_oid != PgTypeOf(element_type).oid) {
    throw Exception(sqlstate::kDatatypeMismatch,
                    fmt::format("wrong element type in bind parameter {}: OID {}, expected {}", number, element_oid,
                                PgTypeOf(element_type).oid));
  }
  if (dimensions > 1) throw Exception(sqlstate::kFeatureNotSupported, "multidimensional arrays are not supported");
  std::vector<Value> elements;
  if (dimensions == 1) {
    const int32_t size = reader.Int32();
    const int32_t lower_bound = reader.Int32();
    if (size < 0 || static_cast<size_t>(size) > reader.remaining() / 4) reader.Fail("invalid array size");
    if (lower_bound != 1) throw Exception(sqlstate::kFeatureNotSupported, "array lower bounds other than 1 are not supported");
    elements.reserve(static_cast<size_t>(size));
    for (int32_t i = 0; i < size; i++) {
      const int32_t length = reader.Int32();
      if (length == -1) {
        elements.push_back(Value::Null(element_type));
        continue;
      }
      if (length < 0) reader.Fail("invalid array element length");
      elements.push_back(ReadValue(reader.Take(static_cast<size_t>(length)), element_type, number).CastAs(element_type));
    }
  }
  reader.ExpectEnd();
  return Value::Array(element_type, elements);
}

/// The value in the PostgreSQL type PgTypeOf(type) names, as the Cairn type closest to it; the
/// caller coerces it to `type`.
Value ReadValue(std::string_view bytes, const LogicalType& type, size_t number) {
  BinaryReader reader(bytes, number);
  auto finish = [&reader](Value value) {
    reader.ExpectEnd();
    return value;
  };
  switch (type.id()) {
    case TypeId::BOOLEAN: {
      const char byte = reader.Take(1)[0];
      return finish(Value::Boolean(byte != 0));
    }
    case TypeId::TINYINT:
    case TypeId::SMALLINT:
    case TypeId::UTINYINT:
      return finish(Value::SmallInt(reader.Int16()));
    case TypeId::INTEGER:
    case TypeId::USMALLINT:
      return finish(Value::Integer(reader.Int32()));
    case TypeId::BIGINT:
    case TypeId::UINTEGER:
      return finish(Value::BigInt(reader.Int64()));
    case TypeId::UBIGINT:
    case TypeId::HUGEINT:
    case TypeId::DECIMAL:
    case TypeId::NUMERIC:
      return ReadNumeric(reader);
    case TypeId::FLOAT:
      return finish(Value::Float(std::bit_cast<float>(static_cast<uint32_t>(reader.Int32()))));
    case TypeId::DOUBLE:
      return finish(Value::Double(std::bit_cast<double>(static_cast<uint64_t>(reader.Int64()))));
    case TypeId::BLOB:
      return Value::Blob(std::string(bytes));
    case TypeId::JSONB:
      if (bytes.empty() || bytes[0] != 1) reader.Fail("unsupported jsonb version number");
      return Value::Varchar(std::string(bytes.substr(1)));
    case TypeId::UUID: {
      std::string_view raw = reader.Take(16);
      reader.ExpectEnd();
      std::string text;
      for (size_t i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10) text.push_back('-');
        text += fmt::format("{:02x}", static_cast<unsigned char>(raw[i]));
      }
      return Value::Varchar(std::move(text));
    }
    case TypeId::DATE: {
      const int64_t days = int64_t{reader.Int32()} + kEpochDays;
      if (days > std::numeric_limits<int32_t>::max() || days < std::numeric_limits<int32_t>::min()) {
        throw Exception(sqlstate::kDatetimeFieldOverflow, "date out of range");
      }
      return finish(Value::Date(static_cast<int32_t>(days)));
    }
    case TypeId::TIME: {
      const int64_t micros = reader.Int64();
      if (micros < 0 || micros > kMicrosPerDay) throw Exception(sqlstate::kDatetimeFieldOverflow, "time out of range");
      return finish(Value::Time(micros));
    }
    case TypeId::TIMESTAMP:
    case TypeId::TIMESTAMP_TZ: {
      const int64_t micros = reader.Int64();
      int64_t unix_micros;
      if (micros == std::numeric_limits<int64_t>::max() || micros == std::numeric_limits<int64_t>::min()) {
        unix_micros = micros;
      } else if (__builtin_add_overflow(micros, kEpochMicros, &unix_micros)) {
        throw Exception(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
      }
      reader.ExpectEnd();
      return type.id() == TypeId::TIMESTAMP ? Value::Timestamp(unix_micros) : Value::TimestampTz(unix_micros);
    }
    case TypeId::INTERVAL: {
      interval_t interval;
      interval.micros = reader.Int64();
      interval.days = reader.Int32();
      interval.months = reader.Int32();
      return finish(Value::Interval(interval));
    }
    case TypeId::ARRAY:
      if (PgTypeOf(type).oid != PgTypeOf(TypeId::VARCHAR).oid) return ReadArray(reader, type, number);
      break;
    case TypeId::VARCHAR:
    case TypeId::JSON:
    case TypeId::SQLNULL:
    case TypeId::INVALID:
      break;
  }
  // text, varchar, json and types announced as text: the UTF-8 bytes, read in the type's
  // input syntax by the caller's coercion.
  return Value::Varchar(std::string(bytes));
}

}  // namespace

std::string EncodeBinary(const Value& value) {
  std::string out;
  AppendValue(out, value);
  return out;
}

Value DecodeBinary(std::string_view bytes, const LogicalType& type, size_t number) {
  return ReadValue(bytes, type, number);
}

}  // namespace cairn::pgwire
