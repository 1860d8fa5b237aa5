// ChunkSerializer (see src/vector/chunk_serializer.h for the byte format).
#include "vector/chunk_serializer.h"

#include <bit>
#include <cstring>

#include "cairn/exception.h"
#include "common/array_encoding.h"
#include "common/decimal.h"
#include "common/numeric.h"
#include "common/utf8_text.h"

namespace cairn {

static_assert(std::endian::native == std::endian::little, "the chunk codec writes integers in native order");

namespace {

constexpr auto kLastTypeId = static_cast<uint8_t>(TypeId::NUMERIC);

template <class T>
void Put(std::string& out, T value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof(T));
}

// ---- encoding ----

void SerializeType(const LogicalType& type, std::string& out) {
  if (type.id() == TypeId::INVALID || (type.IsArray() && type.element_type().id() == TypeId::INVALID)) {
    throw Exception(sqlstate::kInternalError, "cannot serialize a column of type " + type.ToString());
  }
  const bool has_width = type.id() == TypeId::DECIMAL || (type.IsArray() && type.element_type().id() == TypeId::DECIMAL);
  Put<uint8_t>(out, static_cast<uint8_t>(type.id()));
  Put<uint8_t>(out, has_width ? type.width() : 0);
  Put<uint8_t>(out, has_width ? type.scale() : 0);
  Put<uint8_t>(out, type.IsArray() ? static_cast<uint8_t>(type.element_type().id()) : 0);
}

template <class T>
void SerializeFixed(const UnifiedFormat& format, idx_t count, const std::vector<bool>& valid, bool all_valid,
                    bool identity, std::string& out) {
  const size_t start = out.size();
  out.resize(start + count * sizeof(T));
  char* dst = out.data() + start;
  const T* src = reinterpret_cast<const T*>(format.data);
  if (all_valid && identity) {
    if (count) std::memcpy(dst, src, count * sizeof(T));
    return;
  }
  for (idx_t i = 0; i < count; i++) {
    T value{};
    if (valid[i]) value = src[format.sel->get_index(i)];
    std::memcpy(dst + i * sizeof(T), &value, sizeof(T));
  }
}

void SerializeColumn(const Vector& vector, idx_t count, std::string& out) {
  const LogicalType& type = vector.type();
  UnifiedFormat format;
  vector.ToUnified(count, format);
  const bool untyped_null = type.id() == TypeId::SQLNULL;
  std::vector<bool> valid(count, true);
  bool all_valid = !untyped_null;
  for (idx_t i = 0; i < count; i++) {
    valid[i] = !untyped_null && format.validity->RowIsValid(format.sel->get_index(i));
    all_valid &= valid[i];
  }
  if (all_valid || count == 0) {
    Put<uint8_t>(out, 0);
  } else {
    Put<uint8_t>(out, 1);
    const size_t start = out.size();
    out.resize(start + (count + 7) / 8, '\0');
    for (idx_t i = 0; i < count; i++) {
      if (valid[i]) out[start + i / 8] = static_cast<char>(out[start + i / 8] | (1 << (i % 8)));
    }
  }
  const bool identity = vector.kind() == VectorKind::FLAT;
  switch (type.physical_type()) {
    case PhysicalType::BOOL: {
      const bool* src = reinterpret_cast<const bool*>(format.data);
      for (idx_t i = 0; i < count; i++) Put<uint8_t>(out, valid[i] && src[format.sel->get_index(i)] ? 1 : 0);
      break;
    }
    case PhysicalType::INT32:
      SerializeFixed<int32_t>(format, count, valid, all_valid, identity, out);
      break;
    case PhysicalType::INT64:
      SerializeFixed<int64_t>(format, count, valid, all_valid, identity, out);
      break;
    case PhysicalType::INT128:
      SerializeFixed<hugeint_t>(format, count, valid, all_valid, identity, out);
      break;
    case PhysicalType::DOUBLE:
      SerializeFixed<double>(format, count, valid, all_valid, identity, out);
      break;
    case PhysicalType::INTERVAL: {
      const interval_t* src = reinterpret_cast<const interval_t*>(format.data);
      for (idx_t i = 0; i < count; i++) {
        interval_t value;
        if (valid[i]) value = src[format.sel->get_index(i)];
        Put<int32_t>(out, value.months);
        Put<int32_t>(out, value.days);
        Put<int64_t>(out, value.micros);
      }
      break;
    }
    case PhysicalType::STRING: {
      const string_t* src = reinterpret_cast<const string_t*>(format.data);
      for (idx_t i = 0; i < count; i++) Put<uint32_t>(out, valid[i] ? src[format.sel->get_index(i)].size() : 0);
      for (idx_t i = 0; i < count; i++) {
        if (valid[i]) out.append(src[format.sel->get_index(i)].view());
      }
      break;
    }
    case PhysicalType::INVALID:
      throw Exception(sqlstate::kInternalError, "cannot serialize a column of type " + type.ToString());
  }
}

// ---- decoding ----

/// Reads the untrusted bytes of one chunk; every read is bounds-checked.
class ChunkReader {
 public:
  explicit ChunkReader(std::string_view bytes) : bytes_(bytes) {}

  idx_t position() const { return position_; }
  idx_t remaining() const { return bytes_.size() - position_; }

  [[noreturn]] void Malformed(const std::string& what) const { MalformedAt(position_, what); }
  [[noreturn]] static void MalformedAt(idx_t offset, const std::string& what) {
    throw Exception(sqlstate::kDataCorrupted, "malformed serialized chunk at byte " + std::to_string(offset) + ": " + what);
  }

  /// The next `length` bytes; XX001 naming `what` when fewer remain.
  const char* Take(idx_t length, const char* what) {
    if (length > remaining()) {
      Malformed(std::string(what) + " needs " + std::to_string(length) + " bytes, " + std::to_string(remaining()) +
                " remain");
    }
    const char* data = bytes_.data() + position_;
    position_ += length;
    return data;
  }

  template <class T>
  T Read(const char* what) {
    T value;
    std::memcpy(&value, Take(sizeof(T), what), sizeof(T));
    return value;
  }

 private:
  std::string_view bytes_;
  idx_t position_ = 0;
};

bool ValidDecimal(uint8_t width, uint8_t scale) { return width >= 1 && width <= decimal::kMaxWidth && scale <= width; }

LogicalType DeserializeType(ChunkReader& reader, idx_t column) {
  const idx_t at = reader.position();
  const char* bytes = reader.Take(4, "a column type");
  const auto id = static_cast<uint8_t>(bytes[0]);
  const auto width = static_cast<uint8_t>(bytes[1]);
  const auto scale = static_cast<uint8_t>(bytes[2]);
  const auto element = static_cast<uint8_t>(bytes[3]);
  auto bad = [&]() {
    ChunkReader::MalformedAt(at, "column " + std::to_string(column) + " has an invalid type (id " + std::to_string(id) +
                                     ", width " + std::to_string(width) + ", scale " + std::to_string(scale) +
                                     ", element " + std::to_string(element) + ")");
  };
  if (id == 0 || id > kLastTypeId) bad();
  const auto type_id = static_cast<TypeId>(id);
  if (type_id == TypeId::DECIMAL) {
    if (element != 0 || !ValidDecimal(width, scale)) bad();
    return LogicalType::Decimal(width, scale);
  }
  if (type_id == TypeId::ARRAY) {
    if (element == 0 || element > kLastTypeId) bad();
    const auto element_id = static_cast<TypeId>(element);
    if (element_id == TypeId::SQLNULL || element_id == TypeId::ARRAY) bad();
    if (element_id == TypeId::DECIMAL) {
      if (!ValidDecimal(width, scale)) bad();
      return LogicalType::Array(LogicalType::Decimal(width, scale));
    }
    if (width != 0 || scale != 0) bad();
    return LogicalType::Array(LogicalType(element_id));
  }
  if (width != 0 || scale != 0 || element != 0) bad();
  return LogicalType(type_id);
}

/// The range a valid value of `type` stored as int64 / int128 must lie in; false if unchecked.
bool IntegerRange(const LogicalType& type, hugeint_t& low, hugeint_t& high) {
  switch (type.id()) {
    case TypeId::TINYINT:
      low = INT8_MIN, high = INT8_MAX;
      return true;
    case TypeId::SMALLINT:
      low = INT16_MIN, high = INT16_MAX;
      return true;
    case TypeId::UTINYINT:
      low = 0, high = UINT8_MAX;
      return true;
    case TypeId::USMALLINT:
      low = 0, high = UINT16_MAX;
      return true;
    case TypeId::UINTEGER:
      low = 0, high = UINT32_MAX;
      return true;
    case TypeId::UBIGINT:
      low = 0, high = static_cast<hugeint_t>(UINT64_MAX);
      return true;
    case TypeId::DECIMAL:
      high = decimal::PowerOfTen(type.width()) - 1;
      low = -high;
      return true;
    default:
      return false;
  }
}

template <class T>
void DeserializeFixed(ChunkReader& reader, Vector& vector, idx_t count, idx_t column) {
  const idx_t at = reader.position();
  std::memcpy(vector.raw_data(), reader.Take(count * sizeof(T), "the column's values"), count * sizeof(T));
  const LogicalType& type = vector.type();
  const T* values = vector.data<T>();
  const ValidityMask& validity = vector.validity();
  auto bad = [&](idx_t row) {
    ChunkReader::MalformedAt(at + row * sizeof(T), "column " + std::to_string(column) + " (" + type.ToString() +
                                                       ") row " + std::to_string(row) + " holds a value outside the type");
  };
  if constexpr (std::is_integral_v<T> || std::is_same_v<T, hugeint_t>) {
    hugeint_t low, high;
    if (IntegerRange(type, low, high)) {
      for (idx_t row = 0; row < count; row++) {
        if (validity.RowIsValid(row) && (values[row] < low || values[row] > high)) bad(row);
      }
    } else if (type.id() == TypeId::NUMERIC) {
      for (idx_t row = 0; row < count; row++) {
        if (!validity.RowIsValid(row)) continue;
        hugeint_t repacked;
        const hugeint_t packed = static_cast<hugeint_t>(values[row]);
        if (!numeric::TryPack(numeric::Unscaled(packed), numeric::Scale(packed), repacked) || repacked != packed) {
          bad(row);
        }
      }
    }
  }
}

bool IsCanonicalUuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (size_t i = 0; i < text.size(); i++) {
    const char c = text[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

/// Checks one string value against its type; an error message, or empty when valid.
std::string CheckString(const LogicalType& type, std::string_view value) {
  switch (type.id()) {
    case TypeId::VARCHAR:
    case TypeId::JSON:
    case TypeId::JSONB: {
      const size_t invalid = utf8::FindInvalidText(value.data(), value.size());
      if (invalid != value.size()) return "text that is not valid UTF-8 at its byte " + std::to_string(invalid);
      return {};
    }
    case TypeId::UUID:
      return IsCanonicalUuid(value) ? std::string() : "a UUID that is not in canonical form";
    case TypeId::ARRAY:
      try {
        array::ArrayReader elements(value, type.element_type());
        while (elements.Next()) {
        }
      } catch (const Exception&) {
        return "an array that is not a valid element encoding";
      }
      return {};
    default:
      return {};
  }
}

void DeserializeStrings(ChunkReader& reader, Vector& vector, idx_t count, idx_t column) {
  const idx_t lengths_at = reader.position();
  const char* lengths = reader.Take(count * sizeof(uint32_t), "the column's string lengths");
  uint64_t total = 0;
  for (idx_t row = 0; row < count; row++) {
    uint32_t length;
    std::memcpy(&length, lengths + row * sizeof(uint32_t), sizeof(length));
    if (length != 0 && !vector.validity().RowIsValid(row)) {
      ChunkReader::MalformedAt(lengths_at + row * sizeof(uint32_t),
                               "column " + std::to_string(column) + " row " + std::to_string(row) +
                                   " is NULL but has a length of " + std::to_string(length));
    }
    total += length;
  }
  const idx_t bytes_at = reader.position();
  const char* bytes = reader.Take(total, "the column's string bytes");
  char* copy = total ? vector.heap().Allocate(total) : nullptr;
  if (total) std::memcpy(copy, bytes, total);
  string_t* values = vector.data<string_t>();
  idx_t offset = 0;
  for (idx_t row = 0; row < count; row++) {
    uint32_t length;
    std::memcpy(&length, lengths + row * sizeof(uint32_t), sizeof(length));
    if (!vector.validity().RowIsValid(row)) {
      values[row] = string_t();
      continue;
    }
    std::string_view value(copy + offset, length);
    const std::string problem = CheckString(vector.type(), value);
    if (!problem.empty()) {
      ChunkReader::MalformedAt(bytes_at + offset, "column " + std::to_string(column) + " (" +
                                                      vector.type().ToString() + ") row " + std::to_string(row) +
                                                      " holds " + problem);
    }
    values[row] = string_t(copy + offset, length);
    offset += length;
  }
}

void DeserializeColumn(ChunkReader& reader, Vector& vector, idx_t count, idx_t column) {
  const idx_t validity_at = reader.position();
  const auto has_bitmap = reader.Read<uint8_t>("a validity flag");
  if (has_bitmap > 1) {
    ChunkReader::MalformedAt(validity_at, "column " + std::to_string(column) + " has validity flag " +
                                              std::to_string(has_bitmap) + " (0 or 1 expected)");
  }
  ValidityMask& validity = vector.validity();
  if (has_bitmap) {
    // A bitmap over the vector's whole capacity: ValidityMask grows its bitmap only up to the
    // last row set invalid, and does not bounds-check rows past it.
    validity.EnsureWritable(vector.capacity());
    const idx_t bitmap_at = reader.position();
    const char* bitmap = reader.Take((count + 7) / 8, "the validity bitmap");
    for (idx_t row = 0; row < count; row++) {
      if (!((static_cast<uint8_t>(bitmap[row / 8]) >> (row % 8)) & 1)) validity.SetInvalid(row);
    }
    if (count % 8 != 0 && (static_cast<uint8_t>(bitmap[count / 8]) >> (count % 8)) != 0) {
      ChunkReader::MalformedAt(bitmap_at + count / 8, "column " + std::to_string(column) +
                                                          " has validity bits set past the last row");
    }
  }
  if (vector.type().id() == TypeId::SQLNULL && count > 0 && (!has_bitmap || validity.CountInvalid(count) != count)) {
    ChunkReader::MalformedAt(validity_at, "column " + std::to_string(column) + " of type NULL has a non-NULL row");
  }
  switch (vector.type().physical_type()) {
    case PhysicalType::BOOL: {
      const idx_t at = reader.position();
      const char* bytes = reader.Take(count, "the column's values");
      bool* values = vector.data<bool>();
      for (idx_t row = 0; row < count; row++) {
        const auto byte = static_cast<uint8_t>(bytes[row]);
        if (byte > 1) {
          ChunkReader::MalformedAt(at + row, "column " + std::to_string(column) + " row " + std::to_string(row) +
                                                 " holds boolean byte " + std::to_string(byte));
        }
        values[row] = byte == 1;
      }
      break;
    }
    case PhysicalType::INT32:
      DeserializeFixed<int32_t>(reader, vector, count, column);
      break;
    case PhysicalType::INT64:
      DeserializeFixed<int64_t>(reader, vector, count, column);
      break;
    case PhysicalType::INT128:
      DeserializeFixed<hugeint_t>(reader, vector, count, column);
      break;
    case PhysicalType::DOUBLE:
      DeserializeFixed<double>(reader, vector, count, column);
      break;
    case PhysicalType::INTERVAL: {
      const char* bytes = reader.Take(count * 16, "the column's values");
      interval_t* values = vector.data<interval_t>();
      for (idx_t row = 0; row < count; row++) {
        std::memcpy(&values[row].months, bytes + row * 16, 4);
        std::memcpy(&values[row].days, bytes + row * 16 + 4, 4);
        std::memcpy(&values[row].micros, bytes + row * 16 + 8, 8);
      }
      break;
    }
    case PhysicalType::STRING:
      DeserializeStrings(reader, vector, count, column);
      break;
    case PhysicalType::INVALID:
      ChunkReader::MalformedAt(validity_at, "column " + std::to_string(column) + " has no physical type");
  }
}

}  // namespace

void ChunkSerializer::Serialize(const DataChunk& chunk, std::string& out) {
  const idx_t count = chunk.size();
  if (count > kMaxRows) {
    throw Exception(sqlstate::kInternalError, "cannot serialize a chunk of " + std::to_string(count) +
                                                  " rows (at most " + std::to_string(kMaxRows) + ")");
  }
  if (chunk.ColumnCount() > kMaxColumns) {
    throw Exception(sqlstate::kInternalError, "cannot serialize a chunk of " + std::to_string(chunk.ColumnCount()) +
                                                  " columns (at most " + std::to_string(kMaxColumns) + ")");
  }
  Put<uint8_t>(out, kFormatVersion);
  Put<uint32_t>(out, static_cast<uint32_t>(chunk.ColumnCount()));
  Put<uint32_t>(out, static_cast<uint32_t>(count));
  for (const Vector& vector : chunk.data) SerializeType(vector.type(), out);
  for (const Vector& vector : chunk.data) SerializeColumn(vector, count, out);
}

std::string ChunkSerializer::Serialize(const DataChunk& chunk) {
  std::string out;
  Serialize(chunk, out);
  return out;
}

void ChunkSerializer::Deserialize(std::string_view& input, DataChunk& out) {
  ChunkReader reader(input);
  const auto version = reader.Read<uint8_t>("the format version");
  if (version != kFormatVersion) {
    ChunkReader::MalformedAt(0, "unsupported format version " + std::to_string(version) + " (this build reads " +
                                    std::to_string(kFormatVersion) + ")");
  }
  const auto column_count = reader.Read<uint32_t>("the column count");
  const auto row_count = reader.Read<uint32_t>("the row count");
  if (row_count > kMaxRows) {
    ChunkReader::MalformedAt(5, "row count " + std::to_string(row_count) + " exceeds the limit of " +
                                    std::to_string(kMaxRows));
  }
  if (column_count > kMaxColumns) {
    ChunkReader::MalformedAt(1, "column count " + std::to_string(column_count) + " exceeds the limit of " +
                                    std::to_string(kMaxColumns));
  }
  // Each column takes at least its type (4 bytes), its validity flag and one byte per row, so
  // the declared counts must fit the bytes left before anything is allocated.
  if (column_count > reader.remaining() / (5 + idx_t(row_count))) {
    ChunkReader::MalformedAt(1, std::to_string(column_count) + " columns of " + std::to_string(row_count) +
                                    " rows cannot fit in the " + std::to_string(reader.remaining()) +
                                    " bytes that remain");
  }
  std::vector<LogicalType> types;
  types.reserve(column_count);
  // The least each column's values take (its validity flag, and per row one value or string
  // length): their sum must fit the bytes left before any vector is allocated.
  idx_t minimum = 0;
  for (idx_t column = 0; column < column_count; column++) {
    types.push_back(DeserializeType(reader, column));
    switch (types.back().physical_type()) {
      case PhysicalType::BOOL:
        minimum += 1 + idx_t(row_count);
        break;
      case PhysicalType::STRING:
        minimum += 1 + idx_t(row_count) * sizeof(uint32_t);
        break;
      default:
        minimum += 1 + idx_t(row_count) * types.back().PhysicalSize();
        break;
    }
  }
  if (minimum > reader.remaining()) {
    reader.Malformed(std::to_string(column_count) + " columns of " + std::to_string(row_count) +
                     " rows need at least " + std::to_string(minimum) + " bytes, " +
                     std::to_string(reader.remaining()) + " remain");
  }
  out.Initialize(types, std::max<idx_t>(row_count, kStandardVectorSize));
  for (idx_t column = 0; column < column_count; column++) DeserializeColumn(reader, out.data[column], row_count, column);
  out.SetCardinality(row_count);
  input.remove_prefix(reader.position());
}

DataChunk ChunkSerializer::Deserialize(std::string_view bytes) {
  std::string_view input = bytes;
  DataChunk chunk;
  Deserialize(input, chunk);
  if (!input.empty()) {
    ChunkReader::MalformedAt(bytes.size() - input.size(), std::to_string(input.size()) +
                                                             " bytes follow the chunk");
  }
  return chunk;
}

}  // namespace cairn
