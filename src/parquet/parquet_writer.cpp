#include "parquet/parquet_writer.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <unordered_map>

#include "cairn/exception.h"
#include "parquet/compression_codec.h"
#include "parquet/encoding/plain_encoder.h"
#include "parquet/encoding/rle_bit_packed_encoder.h"
#include "parquet/parquet_metadata_writer.h"
#include "parquet/parquet_page_index.h"

namespace cairn::parquet {

namespace {

using Kind = LogicalTypeAnnotation::Kind;

constexpr char kMagic[] = "PAR1";

/// How a Cairn value becomes its Parquet physical value.
enum class WriteKind : uint8_t {
  BOOLEAN,           // bool -> BOOLEAN
  INT32,             // int32_t -> INT32
  INT64_TO_INT32,    // int64_t -> INT32 (UINTEGER bits, DECIMAL(p <= 9))
  INT64,             // int64_t -> INT64
  INT128_TO_INT64,   // __int128 -> INT64 (UBIGINT bits)
  DOUBLE_TO_FLOAT,   // double -> FLOAT
  DOUBLE,            // double -> DOUBLE
  BYTES,             // string_t -> BYTE_ARRAY
  INT128_TO_FIXED,   // __int128 -> FIXED_LEN_BYTE_ARRAY, big-endian two's complement (DECIMAL)
  UUID_TEXT_TO_FIXED,  // canonical UUID text -> FIXED_LEN_BYTE_ARRAY(16)
};

/// The fewest bytes whose two's complement holds every DECIMAL(precision) value.
int32_t DecimalBytes(int precision) {
  unsigned __int128 max_unscaled = 1;
  for (int i = 0; i < precision; i++) max_unscaled *= 10;
  max_unscaled -= 1;
  for (int32_t bytes = 1; bytes < 16; bytes++) {
    if (max_unscaled < (static_cast<unsigned __int128>(1) << (8 * bytes - 1))) return bytes;
  }
  return 16;
}

struct ColumnLayout {
  SchemaElement element;
  WriteKind kind = WriteKind::INT32;
};

ColumnLayout Layout(const std::string& name, const LogicalType& type, const std::string& path) {
  ColumnLayout layout;
  SchemaElement& e = layout.element;
  e.name = name;
  e.repetition_type = FieldRepetitionType::OPTIONAL;
  auto annotate = [&](LogicalTypeAnnotation a, std::optional<ConvertedType> converted) {
    e.logicalType = a;
    e.converted_type = converted;
  };
  auto integer = [&](int8_t bits, bool is_signed, ConvertedType converted) {
    annotate({.kind = Kind::INTEGER, .bit_width = bits, .is_signed = is_signed}, converted);
  };
  auto set = [&](Type physical, WriteKind kind) {
    e.type = physical;
    layout.kind = kind;
  };
  switch (type.id()) {
    case TypeId::BOOLEAN: set(Type::BOOLEAN, WriteKind::BOOLEAN); break;
    case TypeId::TINYINT: set(Type::INT32, WriteKind::INT32), integer(8, true, ConvertedType::INT_8); break;
    case TypeId::SMALLINT: set(Type::INT32, WriteKind::INT32), integer(16, true, ConvertedType::INT_16); break;
    case TypeId::INTEGER: set(Type::INT32, WriteKind::INT32); break;
    case TypeId::UTINYINT: set(Type::INT32, WriteKind::INT32), integer(8, false, ConvertedType::UINT_8); break;
    case TypeId::USMALLINT: set(Type::INT32, WriteKind::INT32), integer(16, false, ConvertedType::UINT_16); break;
    case TypeId::UINTEGER:
      set(Type::INT32, WriteKind::INT64_TO_INT32), integer(32, false, ConvertedType::UINT_32);
      break;
    case TypeId::BIGINT: set(Type::INT64, WriteKind::INT64); break;
    case TypeId::UBIGINT:
      set(Type::INT64, WriteKind::INT128_TO_INT64), integer(64, false, ConvertedType::UINT_64);
      break;
    case TypeId::FLOAT: set(Type::FLOAT, WriteKind::DOUBLE_TO_FLOAT); break;
    case TypeId::DOUBLE: set(Type::DOUBLE, WriteKind::DOUBLE); break;
    case TypeId::DECIMAL: {
      int precision = type.width(), scale = type.scale();
      if (precision <= 9) {
        set(Type::INT32, WriteKind::INT64_TO_INT32);
      } else if (precision <= 18) {
        set(Type::INT64, WriteKind::INT64);
      } else {
        set(Type::FIXED_LEN_BYTE_ARRAY, WriteKind::INT128_TO_FIXED);
        e.type_length = DecimalBytes(precision);
      }
      annotate({.kind = Kind::DECIMAL, .decimal_scale = scale, .decimal_precision = precision},
               ConvertedType::DECIMAL);
      e.scale = scale;
      e.precision = precision;
      break;
    }
    case TypeId::VARCHAR: set(Type::BYTE_ARRAY, WriteKind::BYTES), annotate({.kind = Kind::STRING}, ConvertedType::UTF8); break;
    case TypeId::JSON:
    case TypeId::JSONB: set(Type::BYTE_ARRAY, WriteKind::BYTES), annotate({.kind = Kind::JSON}, ConvertedType::JSON); break;
    case TypeId::BLOB: set(Type::BYTE_ARRAY, WriteKind::BYTES); break;
    case TypeId::UUID:
      set(Type::FIXED_LEN_BYTE_ARRAY, WriteKind::UUID_TEXT_TO_FIXED);
      e.type_length = 16;
      annotate({.kind = Kind::UUID}, std::nullopt);
      break;
    case TypeId::DATE: set(Type::INT32, WriteKind::INT32), annotate({.kind = Kind::DATE}, ConvertedType::DATE); break;
    case TypeId::TIME:
      set(Type::INT64, WriteKind::INT64);
      // The legacy TIME_MICROS means UTC-adjusted: only the LogicalType describes a local time.
      annotate({.kind = Kind::TIME, .is_adjusted_to_utc = false, .unit = TimeUnit::MICROS}, std::nullopt);
      break;
    case TypeId::TIMESTAMP:
      set(Type::INT64, WriteKind::INT64);
      annotate({.kind = Kind::TIMESTAMP, .is_adjusted_to_utc = false, .unit = TimeUnit::MICROS}, std::nullopt);
      break;
    case TypeId::TIMESTAMP_TZ:
      set(Type::INT64, WriteKind::INT64);
      annotate({.kind = Kind::TIMESTAMP, .is_adjusted_to_utc = true, .unit = TimeUnit::MICROS},
               ConvertedType::TIMESTAMP_MICROS);
      break;
    default: {
      // What the user can cast the column to: a type written without loss of its values.
      std::string hint = "Cast the column to text.";
      if (type.id() == TypeId::NUMERIC) hint = "Cast the column to numeric(p,s) with the scale its values need, or to text.";
      if (type.id() == TypeId::HUGEINT) hint = "Cast the column to numeric(38,0).";
      throw Exception(sqlstate::kFeatureNotSupported,
                      path + ": column \"" + name + "\" of type " + type.ToString() + " cannot be written to Parquet",
                      std::nullopt, hint);
    }
  }
  return layout;
}

/// Parses the canonical text of a UUID (Cairn's in-memory form) into its 16 bytes.
void UuidTextToBytes(std::string_view text, uint8_t* out) {
  int nibbles = 0;
  for (char c : text) {
    if (c == '-') continue;
    int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (v < 0 || nibbles >= 32) break;
    if (nibbles % 2 == 0) out[nibbles / 2] = static_cast<uint8_t>(v << 4);
    else out[nibbles / 2] |= static_cast<uint8_t>(v);
    nibbles++;
  }
  if (nibbles != 32 || text.size() != 36) {
    throw Exception(sqlstate::kInternalError, "invalid UUID value \"" + std::string(text) + "\" in a UUID vector");
  }
}

template <class T>
std::string RawBytes(T value) {
  std::string out(sizeof(T), '\0');
  std::memcpy(out.data(), &value, sizeof(T));
  return out;
}

std::string BigEndian(hugeint_t value, int32_t length) {
  std::string out(static_cast<size_t>(length), '\0');
  auto bits = static_cast<unsigned __int128>(value);
  for (int32_t i = length - 1; i >= 0; i--) {
    out[static_cast<size_t>(i)] = static_cast<char>(static_cast<uint8_t>(bits));
    bits >>= 8;
  }
  return out;
}

/// The bounds of a set of non-null values, kept in the Cairn domain where the Parquet sort
/// order is the natural one: integers (also DECIMAL, dates, times, unsigned types) as
/// __int128, FLOAT/DOUBLE as double (NaN left out), byte arrays as bytes (unsigned order).
struct Bounds {
  bool has = false;
  hugeint_t min_int = 0, max_int = 0;
  double min_double = 0, max_double = 0;
  std::string min_bytes, max_bytes;

  void AddInteger(hugeint_t v) {
    if (!has) min_int = max_int = v, has = true;
    else if (v < min_int) min_int = v;
    else if (v > max_int) max_int = v;
  }
  void AddDouble(double v) {
    if (!has) min_double = max_double = v, has = true;
    else if (v < min_double) min_double = v;
    else if (v > max_double) max_double = v;
  }
  void AddBytes(std::string_view v) {
    if (!has) min_bytes = max_bytes = v, has = true;
    else if (v < min_bytes) min_bytes = v;
    else if (v > max_bytes) max_bytes = v;
  }
  void Merge(const Bounds& other) {
    if (!other.has) return;
    if (!has) {
      *this = other;
      return;
    }
    min_int = std::min(min_int, other.min_int);
    max_int = std::max(max_int, other.max_int);
    min_double = std::min(min_double, other.min_double);
    max_double = std::max(max_double, other.max_double);
    min_bytes = std::min(min_bytes, other.min_bytes);
    max_bytes = std::max(max_bytes, other.max_bytes);
  }
  void Clear() { *this = Bounds(); }
};

/// -1, 0, 1 as `a`'s lower (`min`) or upper bound is below, equal to or above `b`'s.
int CompareBound(WriteKind kind, const Bounds& a, const Bounds& b, bool min) {
  auto cmp = [](const auto& x, const auto& y) { return x < y ? -1 : y < x ? 1 : 0; };
  switch (kind) {
    case WriteKind::DOUBLE_TO_FLOAT:
    case WriteKind::DOUBLE: return min ? cmp(a.min_double, b.min_double) : cmp(a.max_double, b.max_double);
    case WriteKind::BYTES:
    case WriteKind::UUID_TEXT_TO_FIXED: return min ? cmp(a.min_bytes, b.min_bytes) : cmp(a.max_bytes, b.max_bytes);
    default: return min ? cmp(a.min_int, b.min_int) : cmp(a.max_int, b.max_int);
  }
}

}  // namespace

/// Buffers one column's pages of the current row group and tracks its statistics.
class ParquetWriter::ColumnWriter {
 public:
  ColumnWriter(ColumnLayout layout, const ParquetWriterOptions& options)
      : layout_(std::move(layout)), options_(options),
        required_(layout_.element.repetition_type == FieldRepetitionType::REQUIRED) {
    ResetDictionary();
  }

  const SchemaElement& element() const { return layout_.element; }

  /// Appends rows [begin, end) of `data` (a vector in unified form), ending pages at the page
  /// size (checked every kPageCheckRows rows).
  void Append(const UnifiedFormat& data, idx_t begin, idx_t end) {
    static constexpr idx_t kPageCheckRows = 256;
    for (idx_t batch = begin; batch < end; batch += kPageCheckRows) {
      AppendBatch(data, batch, std::min(end, batch + kPageCheckRows));
      MaybeFlushPage();
    }
  }

  /// Ends the open page if it reached the page size; falls back from dictionary to PLAIN
  /// encoding for the rest of the column chunk once the dictionary outgrows its limit.
  void MaybeFlushPage() {
    // A dictionary that outgrows its limit, or holds more than half of the values after the
    // first kDictionaryTrialValues (it would not pay for itself), ends dictionary encoding.
    static constexpr idx_t kDictionaryTrialValues = 16384;
    bool high_cardinality = dictionary_values_seen_ >= kDictionaryTrialValues &&
                            idx_t{dictionary_size_} * 2 > dictionary_values_seen_;
    if (dictionary_active_ && (dictionary_values_.size() > options_.dictionary_page_bytes || high_cardinality)) {
      FlushPage();
      dictionary_active_ = false;
      return;
    }
    if (levels_.size() / 8 + PageValueBytes() >= options_.page_bytes) FlushPage();
  }

  /// Uncompressed bytes buffered in this row group (pages written and the open page).
  idx_t buffered_bytes() const {
    return chunk_uncompressed_ + dictionary_values_.size() + levels_.size() / 8 + PageValueBytes();
  }

  /// Appends rows [begin, end) of `data`.
  void AppendBatch(const UnifiedFormat& data, idx_t begin, idx_t end) {
    switch (layout_.kind) {
      case WriteKind::BOOLEAN:
        return AppendRows<bool>(data, begin, end, [&](bool v) {
          values_.WriteBoolean(v);
          TrackBool(v);
        });
      case WriteKind::INT32:
        return AppendRows<int32_t>(data, begin, end, [&](int32_t v) {
          EmitFixed(v);
          TrackInteger(v);
        });
      case WriteKind::INT64_TO_INT32:
        return AppendRows<int64_t>(data, begin, end, [&](int64_t v) {
          EmitFixed(static_cast<int32_t>(v));
          TrackInteger(v);
        });
      case WriteKind::INT64:
        return AppendRows<int64_t>(data, begin, end, [&](int64_t v) {
          EmitFixed(v);
          TrackInteger(v);
        });
      case WriteKind::INT128_TO_INT64:
        return AppendRows<hugeint_t>(data, begin, end, [&](hugeint_t v) {
          EmitFixed(static_cast<int64_t>(static_cast<uint64_t>(v)));
          TrackInteger(v);
        });
      case WriteKind::DOUBLE_TO_FLOAT:
        return AppendRows<double>(data, begin, end, [&](double v) {
          EmitFixed(static_cast<float>(v));
          TrackDouble(v);
        });
      case WriteKind::DOUBLE:
        return AppendRows<double>(data, begin, end, [&](double v) {
          EmitFixed(v);
          TrackDouble(v);
        });
      case WriteKind::BYTES:
        return AppendRows<string_t>(data, begin, end, [&](const string_t& v) {
          EmitBytes(v.view());
          TrackBytes(v.view());
        });
      case WriteKind::INT128_TO_FIXED:
        return AppendRows<hugeint_t>(data, begin, end, [&](hugeint_t v) {
          EmitBytes(BigEndian(v, *layout_.element.type_length));
          TrackInteger(v);
        });
      case WriteKind::UUID_TEXT_TO_FIXED:
        return AppendRows<string_t>(data, begin, end, [&](const string_t& v) {
          uint8_t bytes[16];
          UuidTextToBytes(v.view(), bytes);
          std::string_view raw(reinterpret_cast<const char*>(bytes), 16);
          EmitBytes(raw);
          TrackBytes(raw);
        });
    }
  }


  /// Writes this column's chunk of the current row group to `file` and returns its metadata;
  /// the writer is then empty for the next row group.
  /// Also returns the chunk's page index: `column_index` is empty (no pages) when a page's
  /// bounds are unknown (only NaN values).
  ColumnChunk WriteChunk(WritableFile& file, std::optional<ColumnIndex>& column_index, OffsetIndex& offset_index) {
    FlushPage();
    ColumnChunk chunk;
    ColumnMetaData meta;
    auto offset = static_cast<int64_t>(file.Size());
    meta.type = *layout_.element.type;
    meta.encodings = {Encoding::PLAIN, Encoding::RLE};
    // The dictionary page, if any, comes first in the chunk (parquet-format README).
    std::vector<uint8_t> dictionary_page;
    if (dictionary_size_ > 0) {
      CompressPage(options_.codec, dictionary_values_.buffer().data(), dictionary_values_.size(), compressed_);
      PageHeader header;
      header.type = PageType::DICTIONARY_PAGE;
      header.uncompressed_page_size = CheckedPageSize(dictionary_values_.size());
      header.compressed_page_size = CheckedPageSize(compressed_.size());
      header.dictionary_page_header =
          DictionaryPageHeader{.num_values = static_cast<int32_t>(dictionary_size_), .encoding = Encoding::PLAIN};
      EncodePageHeader(header, dictionary_page);
      chunk_uncompressed_ += static_cast<int64_t>(dictionary_page.size() + dictionary_values_.size());
      dictionary_page.insert(dictionary_page.end(), compressed_.begin(), compressed_.end());
      meta.dictionary_page_offset = offset;
      meta.encodings.push_back(Encoding::RLE_DICTIONARY);
    }
    meta.path_in_schema = {layout_.element.name};
    meta.codec = options_.codec;
    meta.num_values = chunk_values_;
    meta.total_uncompressed_size = chunk_uncompressed_;
    meta.total_compressed_size = static_cast<int64_t>(dictionary_page.size() + chunk_bytes_.size());
    meta.data_page_offset = offset + static_cast<int64_t>(dictionary_page.size());
    const int64_t meta_data_page_offset = meta.data_page_offset;
    Statistics stats;
    stats.null_count = chunk_nulls_;
    if (chunk_bounds_.has) {
      stats.min_value = EncodeBound(chunk_bounds_, true);
      stats.max_value = EncodeBound(chunk_bounds_, false);
    }
    meta.statistics = stats;
    chunk.file_offset = offset;
    chunk.meta_data = std::move(meta);
    file.Append(dictionary_page.data(), dictionary_page.size());
    file.Append(chunk_bytes_.data(), chunk_bytes_.size());
    ResetDictionary();
    // The page index: page offsets were relative to the first data page.
    offset_index = std::move(offset_index_);
    for (auto& page : offset_index.page_locations) page.offset += meta_data_page_offset;
    column_index = BuildColumnIndex();
    offset_index_ = OffsetIndex();
    page_bounds_list_.clear();
    page_null_counts_.clear();
    page_all_null_.clear();
    chunk_bytes_.clear();
    chunk_uncompressed_ = 0;
    chunk_values_ = 0;
    chunk_nulls_ = 0;
    chunk_bounds_.Clear();
    return chunk;
  }

  void ResetDictionary() {
    dictionary_.clear();
    dictionary_values_.Clear();
    dictionary_size_ = 0;
    dictionary_values_seen_ = 0;
    dictionary_active_ = options_.dictionary && layout_.kind != WriteKind::BOOLEAN;
  }

 private:
  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  /// A fixed-width value (its little-endian bytes are its PLAIN encoding).
  template <class T>
  void EmitFixed(T value) {
    if (dictionary_active_) AddToDictionary(std::string_view(reinterpret_cast<const char*>(&value), sizeof(T)));
    else values_.WriteFixed(value);
  }
  /// A BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY value.
  void EmitBytes(std::string_view value) {
    if (dictionary_active_) AddToDictionary(value);
    else if (layout_.kind == WriteKind::BYTES) values_.WriteByteArray(value);
    else values_.WriteFixedLenByteArray(value);
  }
  void AddToDictionary(std::string_view raw) {
    auto it = dictionary_.find(raw);
    uint32_t index;
    if (it != dictionary_.end()) {
      index = it->second;
    } else {
      index = dictionary_size_++;
      dictionary_.emplace(std::string(raw), index);
      if (layout_.kind == WriteKind::BYTES) dictionary_values_.WriteByteArray(raw);
      else dictionary_values_.WriteFixedLenByteArray(raw);
    }
    indices_.push_back(index);
    dictionary_values_seen_++;
  }
  /// Bits per dictionary index: enough for the largest index, at least 1.
  uint32_t IndexBitWidth() const {
    uint32_t width = 1;
    while (width < 32 && (dictionary_size_ - 1) >> width) width++;
    return width;
  }
  /// Approximate bytes of the open page's values.
  idx_t PageValueBytes() const {
    return dictionary_active_ ? indices_.size() * IndexBitWidth() / 8 + 1 : values_.size();
  }
  int32_t CheckedPageSize(size_t bytes) const {
    if (bytes > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
      throw Exception(sqlstate::kProgramLimitExceeded,
                      "Parquet page of column \"" + layout_.element.name + "\" exceeds 2 GB");
    }
    return static_cast<int32_t>(bytes);
  }

  /// The ColumnIndex of the chunk's pages; none when a page with values has no bounds.
  std::optional<ColumnIndex> BuildColumnIndex() const {
    ColumnIndex index;
    index.null_counts.emplace();
    bool ascending = true, descending = true;
    const Bounds* previous = nullptr;
    for (size_t p = 0; p < page_bounds_list_.size(); p++) {
      const Bounds& bounds = page_bounds_list_[p];
      bool null_page = !bounds.has;
      if (null_page && !page_all_null_[p]) return std::nullopt;  // NaN-only page
      index.null_pages.push_back(null_page);
      index.min_values.push_back(null_page ? std::string() : EncodeBound(bounds, true));
      index.max_values.push_back(null_page ? std::string() : EncodeBound(bounds, false));
      index.null_counts->push_back(page_null_counts_[p]);
      if (null_page) continue;
      if (previous) {
        int min_order = CompareBound(layout_.kind, *previous, bounds, true);
        int max_order = CompareBound(layout_.kind, *previous, bounds, false);
        if (min_order > 0 || max_order > 0) ascending = false;
        if (min_order < 0 || max_order < 0) descending = false;
      }
      previous = &bounds;
    }
    index.boundary_order = ascending ? BoundaryOrder::ASCENDING
                           : descending ? BoundaryOrder::DESCENDING
                                        : BoundaryOrder::UNORDERED;
    return index;
  }

  template <class T, class F>
  void AppendRows(const UnifiedFormat& data, idx_t begin, idx_t end, F&& write) {
    const T* source = reinterpret_cast<const T*>(data.data);
    for (idx_t r = begin; r < end; r++) {
      idx_t index = data.sel->get_index(r);
      bool valid = data.validity->RowIsValid(index);
      if (!valid && required_) {
        throw Exception(sqlstate::kInternalError, "a NULL in the REQUIRED column " + layout_.element.name);
      }
      levels_.push_back(valid ? 1 : 0);
      if (valid) write(source[index]);
      else page_nulls_++;
    }
  }

  void TrackInteger(hugeint_t v) { page_bounds_.AddInteger(v); }
  void TrackBool(bool v) { TrackInteger(v ? 1 : 0); }
  void TrackDouble(double v) {
    if (std::isnan(v)) return;  // NaN has no place in the order: bounds cover the other values
    if (layout_.kind == WriteKind::DOUBLE_TO_FLOAT) v = static_cast<float>(v);
    page_bounds_.AddDouble(v);
  }
  void TrackBytes(std::string_view v) { page_bounds_.AddBytes(v); }

  /// The PLAIN encoding of the lower (`min`) or upper bound (byte arrays without length).
  std::string EncodeBound(const Bounds& bounds, bool min) const {
    hugeint_t i = min ? bounds.min_int : bounds.max_int;
    double d = min ? bounds.min_double : bounds.max_double;
    // parquet-format: a zero lower bound is written as -0.0 and a zero upper bound as +0.0.
    if (d == 0.0) d = min ? -0.0 : 0.0;
    switch (layout_.kind) {
      case WriteKind::BOOLEAN: return std::string(1, static_cast<char>(i != 0));
      case WriteKind::INT32:
      case WriteKind::INT64_TO_INT32: return RawBytes(static_cast<int32_t>(i));
      case WriteKind::INT64: return RawBytes(static_cast<int64_t>(i));
      case WriteKind::INT128_TO_INT64: return RawBytes(static_cast<int64_t>(static_cast<uint64_t>(i)));
      case WriteKind::DOUBLE_TO_FLOAT: return RawBytes(static_cast<float>(d));
      case WriteKind::DOUBLE: return RawBytes(d);
      case WriteKind::INT128_TO_FIXED: return BigEndian(i, *layout_.element.type_length);
      case WriteKind::BYTES:
      case WriteKind::UUID_TEXT_TO_FIXED: return min ? bounds.min_bytes : bounds.max_bytes;
    }
    return {};
  }

  void FlushPage() {
    if (levels_.empty()) return;
    auto rows = static_cast<int32_t>(levels_.size());
    // A page of a dictionary-encoded chunk holds indices (a bit-width byte, then RLE/bit-packed
    // runs); a page with no values yet (all NULL, empty dictionary) is written PLAIN.
    const bool dictionary_page = dictionary_active_ && dictionary_size_ > 0;
    const Encoding encoding = dictionary_page ? Encoding::RLE_DICTIONARY : Encoding::PLAIN;
    if (dictionary_page) {
      index_bytes_.assign(1, static_cast<uint8_t>(IndexBitWidth()));
      RleBitPackedEncoder::Encode(indices_.data(), indices_.size(), IndexBitWidth(), index_bytes_);
    }
    const std::vector<uint8_t>& values = dictionary_page ? index_bytes_ : values_.buffer();
    encoded_levels_.clear();
    // A REQUIRED column has no definition levels (max definition level 0).
    if (!required_) RleBitPackedEncoder::Encode(levels_.data(), levels_.size(), 1, encoded_levels_);
    PageHeader header;
    size_t body_size = 0;
    if (options_.page_version == DataPageVersion::V1) {
      // Levels (4-byte LE length prefix) and values, compressed together.
      body_.clear();
      if (!required_) {
        auto level_bytes = static_cast<uint32_t>(encoded_levels_.size());
        body_.resize(4);
        std::memcpy(body_.data(), &level_bytes, 4);
        body_.insert(body_.end(), encoded_levels_.begin(), encoded_levels_.end());
      }
      body_.insert(body_.end(), values.begin(), values.end());
      CompressPage(options_.codec, body_.data(), body_.size(), compressed_);
      body_size = body_.size();
      header.type = PageType::DATA_PAGE;
      header.data_page_header = DataPageHeader{.num_values = rows, .encoding = encoding};
    } else {
      // Levels uncompressed, then the (possibly compressed) values.
      bool compress = options_.codec != CompressionCodec::UNCOMPRESSED && !values.empty();
      if (compress) {
        CompressPage(options_.codec, values.data(), values.size(), compressed_);
      } else {
        compressed_ = values;
      }
      compressed_.insert(compressed_.begin(), encoded_levels_.begin(), encoded_levels_.end());
      body_size = encoded_levels_.size() + values.size();
      header.type = PageType::DATA_PAGE_V2;
      header.data_page_header_v2 =
          DataPageHeaderV2{.num_values = rows, .num_nulls = page_nulls_, .num_rows = rows,
                           .encoding = encoding,
                           .definition_levels_byte_length = static_cast<int32_t>(encoded_levels_.size()),
                           .is_compressed = compress};
    }
    header.uncompressed_page_size = CheckedPageSize(body_size);
    header.compressed_page_size = CheckedPageSize(compressed_.size());
    size_t header_start = chunk_bytes_.size();
    EncodePageHeader(header, chunk_bytes_);
    size_t header_size = chunk_bytes_.size() - header_start;
    chunk_bytes_.insert(chunk_bytes_.end(), compressed_.begin(), compressed_.end());
    offset_index_.page_locations.push_back(
        PageLocation{.offset = static_cast<int64_t>(header_start),
                     .compressed_page_size = CheckedPageSize(chunk_bytes_.size() - header_start),
                     .first_row_index = chunk_values_});
    page_null_counts_.push_back(page_nulls_);
    page_all_null_.push_back(page_nulls_ == rows);
    page_bounds_list_.push_back(page_bounds_);
    chunk_bounds_.Merge(page_bounds_);
    page_bounds_.Clear();
    chunk_uncompressed_ += static_cast<int64_t>(header_size + body_size);
    chunk_values_ += rows;
    chunk_nulls_ += page_nulls_;
    levels_.clear();
    values_.Clear();
    indices_.clear();
    page_nulls_ = 0;
  }

  ColumnLayout layout_;
  const ParquetWriterOptions& options_;
  const bool required_;  // REQUIRED: no definition levels
  // The open page.
  std::vector<uint8_t> levels_;  // one definition level (0 NULL, 1 value) per row
  PlainEncoder values_;
  int32_t page_nulls_ = 0;
  // The current row group's column chunk: encoded pages (headers included).
  std::vector<uint8_t> chunk_bytes_;
  int64_t chunk_uncompressed_ = 0;
  int64_t chunk_values_ = 0;
  int64_t chunk_nulls_ = 0;
  // Bounds of the open page's and the chunk's non-null values; per written page of the chunk,
  // its bounds, null count and location (the page index).
  Bounds page_bounds_, chunk_bounds_;
  std::vector<Bounds> page_bounds_list_;
  std::vector<int64_t> page_null_counts_;
  std::vector<bool> page_all_null_;
  OffsetIndex offset_index_;
  // Dictionary encoding of the current column chunk: the distinct values (PLAIN bytes, the
  // key) and their index, the dictionary page's values, and the open page's indices.
  bool dictionary_active_ = false;
  std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>> dictionary_;
  PlainEncoder dictionary_values_;
  uint32_t dictionary_size_ = 0;
  idx_t dictionary_values_seen_ = 0;  // values dictionary-encoded in this chunk
  std::vector<uint32_t> indices_;
  // Scratch buffers reused across pages.
  std::vector<uint8_t> encoded_levels_, body_, compressed_, index_bytes_;
};

ParquetWriter::ParquetWriter(FileSystem& file_system, const std::string& path, std::vector<std::string> names,
                             std::vector<LogicalType> types, ParquetWriterOptions options)
    : file_system_(file_system), path_(path), options_(options), names_(std::move(names)), types_(std::move(types)) {
  if (names_.size() != types_.size() ||
      (!options_.required_columns.empty() && options_.required_columns.size() != names_.size())) {
    throw Exception(sqlstate::kInternalError, path_ + ": column names, types and required flags differ in number");
  }
  if (options_.row_group_rows == 0) {
    throw Exception(sqlstate::kInvalidParameterValue, path_ + ": row group size must be positive");
  }
  switch (options_.codec) {
    case CompressionCodec::UNCOMPRESSED:
    case CompressionCodec::SNAPPY:
    case CompressionCodec::GZIP:
    case CompressionCodec::ZSTD:
    case CompressionCodec::LZ4_RAW:
      break;
    default:
      throw Exception(sqlstate::kFeatureNotSupported, path_ + ": writing compression codec " +
                                                          CompressionCodecName(options_.codec) + " is not supported");
  }
  SchemaElement root;
  root.name = "schema";
  root.num_children = static_cast<int32_t>(names_.size());
  metadata_.schema.push_back(root);
  for (size_t i = 0; i < names_.size(); i++) {
    auto layout = Layout(names_[i], types_[i], path_);
    if (i < options_.required_columns.size() && options_.required_columns[i]) {
      layout.element.repetition_type = FieldRepetitionType::REQUIRED;
    }
    metadata_.schema.push_back(layout.element);
    columns_.push_back(std::make_unique<ColumnWriter>(std::move(layout), options_));
  }
  metadata_.version = options_.page_version == DataPageVersion::V1 ? 1 : 2;
  metadata_.created_by = "Cairn";
  metadata_.column_orders.assign(names_.size(), true);
  file_ = file_system.OpenForWrite(path_, WriteMode::kTruncate);
  file_->Append(kMagic, 4);
}

ParquetWriter::~ParquetWriter() {
  if (file_) {
    try {
      file_->Close();
    } catch (...) {  // destruction without Finish: the file is incomplete anyway
    }
  }
}

void ParquetWriter::Append(const DataChunk& chunk) {
  if (finished_) throw Exception(sqlstate::kInternalError, path_ + ": Append after Finish");
  if (chunk.ColumnCount() != columns_.size()) {
    throw Exception(sqlstate::kInternalError, path_ + ": chunk has " + std::to_string(chunk.ColumnCount()) +
                                                  " columns, the file " + std::to_string(columns_.size()));
  }
  for (size_t c = 0; c < columns_.size(); c++) {
    if (!(chunk.data[c].type() == types_[c])) {
      throw Exception(sqlstate::kInternalError, path_ + ": chunk column " + std::to_string(c) + " has type " +
                                                    chunk.data[c].type().ToString() + ", the file " +
                                                    types_[c].ToString());
    }
  }
  idx_t count = chunk.size();
  std::vector<UnifiedFormat> formats(columns_.size());
  for (size_t c = 0; c < columns_.size(); c++) chunk.data[c].ToUnified(count, formats[c]);
  idx_t begin = 0;
  while (begin < count) {
    // At most kBatchRows rows between checks of the row group's byte size.
    static constexpr idx_t kBatchRows = 256;
    idx_t end = std::min({count, begin + (options_.row_group_rows - row_group_rows_), begin + kBatchRows});
    idx_t buffered = 0;
    for (size_t c = 0; c < columns_.size(); c++) {
      columns_[c]->Append(formats[c], begin, end);
      buffered += columns_[c]->buffered_bytes();
    }
    row_group_rows_ += end - begin;
    total_rows_ += end - begin;
    begin = end;
    if (row_group_rows_ >= options_.row_group_rows || buffered >= options_.row_group_bytes) FlushRowGroup();
  }
}

void ParquetWriter::FlushRowGroup() {
  if (row_group_rows_ == 0) return;
  RowGroup group;
  std::vector<std::pair<std::optional<ColumnIndex>, OffsetIndex>> page_indexes;
  group.num_rows = static_cast<int64_t>(row_group_rows_);
  group.file_offset = static_cast<int64_t>(file_->Size());
  int64_t compressed = 0;
  for (auto& column : columns_) {
    std::optional<ColumnIndex> column_index;
    OffsetIndex offset_index;
    ColumnChunk chunk = column->WriteChunk(*file_, column_index, offset_index);
    if (options_.page_index) page_indexes.emplace_back(std::move(column_index), std::move(offset_index));
    group.total_byte_size += chunk.meta_data->total_uncompressed_size;
    compressed += chunk.meta_data->total_compressed_size;
    group.columns.push_back(std::move(chunk));
  }
  group.total_compressed_size = compressed;
  metadata_.row_groups.push_back(std::move(group));
  page_indexes_.push_back(std::move(page_indexes));
  metadata_.num_rows += static_cast<int64_t>(row_group_rows_);
  row_group_rows_ = 0;
}

void ParquetWriter::Finish() {
  if (finished_) throw Exception(sqlstate::kInternalError, path_ + ": Finish called twice");
  FlushRowGroup();
  WritePageIndexes();
  std::vector<uint8_t> footer;
  EncodeFileMetaData(metadata_, footer);
  auto length = static_cast<uint32_t>(footer.size());
  uint8_t length_bytes[4];
  std::memcpy(length_bytes, &length, 4);
  footer.insert(footer.end(), length_bytes, length_bytes + 4);
  footer.insert(footer.end(), kMagic, kMagic + 4);
  file_->Append(footer.data(), footer.size());
  file_->Sync();
  file_->Close();
  file_.reset();
  // The file's directory entry too, so a finished file survives a crash.
  file_system_.SyncDirectory(ParentDirectory(path_));
  finished_ = true;
}

void ParquetWriter::WritePageIndexes() {
  // All column indexes, then all offset indexes, between the row groups and the footer
  // (PageIndex.md).
  std::vector<uint8_t> bytes;
  auto place = [&](auto encode, std::optional<int64_t>& offset, std::optional<int32_t>& length) {
    bytes.clear();
    encode(bytes);
    offset = static_cast<int64_t>(file_->Size());
    length = static_cast<int32_t>(bytes.size());
    file_->Append(bytes.data(), bytes.size());
  };
  for (size_t g = 0; g < page_indexes_.size(); g++) {
    for (size_t c = 0; c < page_indexes_[g].size(); c++) {
      const auto& column_index = page_indexes_[g][c].first;
      if (!column_index) continue;
      ColumnChunk& chunk = metadata_.row_groups[g].columns[c];
      place([&](std::vector<uint8_t>& out) { EncodeColumnIndex(*column_index, out); }, chunk.column_index_offset,
            chunk.column_index_length);
    }
  }
  for (size_t g = 0; g < page_indexes_.size(); g++) {
    for (size_t c = 0; c < page_indexes_[g].size(); c++) {
      ColumnChunk& chunk = metadata_.row_groups[g].columns[c];
      place([&](std::vector<uint8_t>& out) { EncodeOffsetIndex(page_indexes_[g][c].second, out); },
            chunk.offset_index_offset, chunk.offset_index_length);
    }
  }
  page_indexes_.clear();
}

}  // namespace cairn::parquet
