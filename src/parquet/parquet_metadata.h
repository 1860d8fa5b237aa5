// Parquet file metadata: C++ mirrors of the Thrift structures of parquet-format's
// parquet.thrift (FileMetaData, SchemaElement, RowGroup, ColumnChunk, ColumnMetaData,
// Statistics, PageHeader, ...) with the spec's names, and their decoders from the Thrift
// Compact Protocol.
//
// Only the fields Cairn uses are kept; every other field (and any field added by future
// versions of the format) is skipped. Required fields that are missing make the metadata
// corrupt. Optional fields are std::optional.
//
// Errors: the Decode* functions throw cairn::Exception(kDataCorrupted) naming `context` (the
// file path) on malformed input. They never read outside the given buffer.
//
// Thread-safety: plain value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cairn::parquet {

class ThriftCompactReader;

/// parquet.thrift `Type`: physical types.
enum class Type : int32_t {
  BOOLEAN = 0,
  INT32 = 1,
  INT64 = 2,
  INT96 = 3,
  FLOAT = 4,
  DOUBLE = 5,
  BYTE_ARRAY = 6,
  FIXED_LEN_BYTE_ARRAY = 7,
};

/// parquet.thrift `ConvertedType` (deprecated in favour of LogicalType, still common).
enum class ConvertedType : int32_t {
  UTF8 = 0,
  MAP = 1,
  MAP_KEY_VALUE = 2,
  LIST = 3,
  ENUM = 4,
  DECIMAL = 5,
  DATE = 6,
  TIME_MILLIS = 7,
  TIME_MICROS = 8,
  TIMESTAMP_MILLIS = 9,
  TIMESTAMP_MICROS = 10,
  UINT_8 = 11,
  UINT_16 = 12,
  UINT_32 = 13,
  UINT_64 = 14,
  INT_8 = 15,
  INT_16 = 16,
  INT_32 = 17,
  INT_64 = 18,
  JSON = 19,
  BSON = 20,
  INTERVAL = 21,
};

enum class FieldRepetitionType : int32_t { REQUIRED = 0, OPTIONAL = 1, REPEATED = 2 };

/// parquet.thrift `Encoding`.
enum class Encoding : int32_t {
  PLAIN = 0,
  PLAIN_DICTIONARY = 2,
  RLE = 3,
  BIT_PACKED = 4,
  DELTA_BINARY_PACKED = 5,
  DELTA_LENGTH_BYTE_ARRAY = 6,
  DELTA_BYTE_ARRAY = 7,
  RLE_DICTIONARY = 8,
  BYTE_STREAM_SPLIT = 9,
};

/// parquet.thrift `CompressionCodec`.
enum class CompressionCodec : int32_t {
  UNCOMPRESSED = 0,
  SNAPPY = 1,
  GZIP = 2,
  LZO = 3,
  BROTLI = 4,
  LZ4 = 5,
  ZSTD = 6,
  LZ4_RAW = 7,
};

enum class PageType : int32_t { DATA_PAGE = 0, INDEX_PAGE = 1, DICTIONARY_PAGE = 2, DATA_PAGE_V2 = 3 };

/// parquet.thrift `TimeUnit` union.
enum class TimeUnit : uint8_t { MILLIS, MICROS, NANOS };

/// parquet.thrift `LogicalType` union, flattened: `kind` says which member is set; the
/// parameters of DECIMAL, TIME, TIMESTAMP and INTEGER are in the fields below.
struct LogicalTypeAnnotation {
  enum class Kind : uint8_t {
    NONE = 0,  // no logical type (or one Cairn does not know)
    STRING,
    MAP,
    LIST,
    ENUM,
    DECIMAL,
    DATE,
    TIME,
    TIMESTAMP,
    INTEGER,
    UNKNOWN,  // the NullType member: always-null column
    JSON,
    BSON,
    UUID,
    FLOAT16,
    OTHER,  // a member added after this reader was written (VARIANT, GEOMETRY, ...)
  };
  Kind kind = Kind::NONE;
  int32_t decimal_scale = 0;      // DECIMAL
  int32_t decimal_precision = 0;  // DECIMAL
  bool is_adjusted_to_utc = false;  // TIME, TIMESTAMP
  TimeUnit unit = TimeUnit::MICROS;  // TIME, TIMESTAMP
  int8_t bit_width = 0;            // INTEGER
  bool is_signed = true;           // INTEGER
};

struct SchemaElement {
  std::optional<Type> type;
  std::optional<int32_t> type_length;
  std::optional<FieldRepetitionType> repetition_type;
  std::string name;
  std::optional<int32_t> num_children;
  std::optional<ConvertedType> converted_type;
  std::optional<int32_t> scale;
  std::optional<int32_t> precision;
  std::optional<int32_t> field_id;
  std::optional<LogicalTypeAnnotation> logicalType;
};

struct Statistics {
  std::optional<std::string> max;  // deprecated: signed comparison
  std::optional<std::string> min;  // deprecated: signed comparison
  std::optional<int64_t> null_count;
  std::optional<int64_t> distinct_count;
  std::optional<std::string> max_value;  // per the column's sort order
  std::optional<std::string> min_value;
};

struct KeyValue {
  std::string key;
  std::optional<std::string> value;
};

struct ColumnMetaData {
  Type type = Type::BOOLEAN;
  std::vector<Encoding> encodings;
  std::vector<std::string> path_in_schema;
  CompressionCodec codec = CompressionCodec::UNCOMPRESSED;
  int64_t num_values = 0;
  int64_t total_uncompressed_size = 0;
  int64_t total_compressed_size = 0;
  int64_t data_page_offset = 0;
  std::optional<int64_t> index_page_offset;
  std::optional<int64_t> dictionary_page_offset;
  std::optional<Statistics> statistics;
};

struct ColumnChunk {
  std::optional<std::string> file_path;
  int64_t file_offset = 0;
  std::optional<ColumnMetaData> meta_data;
  /// Where the chunk's OffsetIndex and ColumnIndex are (parquet_page_index.h), when written.
  std::optional<int64_t> offset_index_offset;
  std::optional<int32_t> offset_index_length;
  std::optional<int64_t> column_index_offset;
  std::optional<int32_t> column_index_length;
  bool encrypted = false;  // crypto_metadata or encrypted_column_metadata present
};

struct RowGroup {
  std::vector<ColumnChunk> columns;
  int64_t total_byte_size = 0;
  int64_t num_rows = 0;
  std::optional<int64_t> file_offset;
  std::optional<int64_t> total_compressed_size;
};

struct FileMetaData {
  int32_t version = 0;
  std::vector<SchemaElement> schema;
  int64_t num_rows = 0;
  std::vector<RowGroup> row_groups;
  std::vector<KeyValue> key_value_metadata;
  std::optional<std::string> created_by;
  /// column_orders: true per leaf when TYPE_ORDER (the min_value/max_value order) is declared.
  std::vector<bool> column_orders;
  bool encryption_algorithm = false;  // set: the footer says the file is encrypted
};

struct DataPageHeader {
  int32_t num_values = 0;
  Encoding encoding = Encoding::PLAIN;
  Encoding definition_level_encoding = Encoding::RLE;
  Encoding repetition_level_encoding = Encoding::RLE;
};

struct DictionaryPageHeader {
  int32_t num_values = 0;
  Encoding encoding = Encoding::PLAIN;
  std::optional<bool> is_sorted;
};

struct DataPageHeaderV2 {
  int32_t num_values = 0;
  int32_t num_nulls = 0;
  int32_t num_rows = 0;
  Encoding encoding = Encoding::PLAIN;
  int32_t definition_levels_byte_length = 0;
  int32_t repetition_levels_byte_length = 0;
  bool is_compressed = true;
};

struct PageHeader {
  PageType type = PageType::DATA_PAGE;
  int32_t uncompressed_page_size = 0;
  int32_t compressed_page_size = 0;
  std::optional<int32_t> crc;
  std::optional<DataPageHeader> data_page_header;
  std::optional<DictionaryPageHeader> dictionary_page_header;
  std::optional<DataPageHeaderV2> data_page_header_v2;
};

/// Decodes a FileMetaData struct (the footer) from `size` bytes. Throws kDataCorrupted.
FileMetaData DecodeFileMetaData(const uint8_t* data, size_t size, std::string_view context);

/// Decodes a PageHeader at the start of `data`; sets `header_size` to the bytes it used.
/// Throws kDataCorrupted (including when the header is cut off by the end of the buffer).
PageHeader DecodePageHeader(const uint8_t* data, size_t size, std::string_view context, size_t& header_size);

/// Spec names, for error messages.
const char* TypeName(Type type);
const char* EncodingName(Encoding encoding);
const char* CompressionCodecName(CompressionCodec codec);

}  // namespace cairn::parquet
