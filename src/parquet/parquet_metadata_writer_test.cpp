#include "parquet/parquet_metadata_writer.h"

#include <gtest/gtest.h>

namespace cairn::parquet {
namespace {

using Kind = LogicalTypeAnnotation::Kind;

SchemaElement Leaf(std::string name, Type type, LogicalTypeAnnotation annotation) {
  SchemaElement e;
  e.name = std::move(name);
  e.type = type;
  e.repetition_type = FieldRepetitionType::OPTIONAL;
  e.logicalType = annotation;
  return e;
}

TEST(ParquetMetadataWriterTest, FileMetaDataRoundTrips) {
  FileMetaData m;
  m.version = 2;
  SchemaElement root;
  root.name = "schema";
  root.num_children = 4;
  m.schema.push_back(root);
  LogicalTypeAnnotation decimal{.kind = Kind::DECIMAL, .decimal_scale = 3, .decimal_precision = 30};
  auto d = Leaf("d", Type::FIXED_LEN_BYTE_ARRAY, decimal);
  d.type_length = 13;
  d.converted_type = ConvertedType::DECIMAL;
  d.scale = 3;
  d.precision = 30;
  m.schema.push_back(d);
  m.schema.push_back(
      Leaf("ts", Type::INT64, {.kind = Kind::TIMESTAMP, .is_adjusted_to_utc = true, .unit = TimeUnit::NANOS}));
  m.schema.push_back(Leaf("u8", Type::INT32, {.kind = Kind::INTEGER, .bit_width = 8, .is_signed = false}));
  m.schema.push_back(Leaf("s", Type::BYTE_ARRAY, {.kind = Kind::STRING}));
  m.num_rows = 1000;
  RowGroup g;
  g.num_rows = 1000;
  g.total_byte_size = 4242;
  g.file_offset = 4;
  for (int i = 0; i < 4; i++) {
    ColumnChunk c;
    c.file_offset = 4 + i;
    ColumnMetaData meta;
    meta.type = m.schema[static_cast<size_t>(i) + 1].type.value();
    meta.encodings = {Encoding::PLAIN, Encoding::RLE};
    meta.path_in_schema = {m.schema[static_cast<size_t>(i) + 1].name};
    meta.codec = CompressionCodec::ZSTD;
    meta.num_values = 1000;
    meta.total_uncompressed_size = 900 + i;
    meta.total_compressed_size = 800 + i;
    meta.data_page_offset = 4 + i;
    meta.statistics = Statistics{.null_count = 7, .max_value = "zz", .min_value = std::string("\0a", 2)};
    c.meta_data = meta;
    g.columns.push_back(c);
  }
  m.row_groups.push_back(g);
  m.created_by = "Cairn";
  m.column_orders = {true, true, true, true};

  std::vector<uint8_t> bytes;
  EncodeFileMetaData(m, bytes);
  FileMetaData back = DecodeFileMetaData(bytes.data(), bytes.size(), "test");
  EXPECT_EQ(back.version, 2);
  ASSERT_EQ(back.schema.size(), 5u);
  EXPECT_EQ(back.schema[0].num_children, 4);
  EXPECT_EQ(back.schema[1].type_length, 13);
  EXPECT_EQ(back.schema[1].precision, 30);
  EXPECT_EQ(back.schema[1].logicalType->kind, Kind::DECIMAL);
  EXPECT_EQ(back.schema[1].logicalType->decimal_precision, 30);
  EXPECT_EQ(back.schema[1].logicalType->decimal_scale, 3);
  EXPECT_EQ(back.schema[2].logicalType->kind, Kind::TIMESTAMP);
  EXPECT_TRUE(back.schema[2].logicalType->is_adjusted_to_utc);
  EXPECT_EQ(back.schema[2].logicalType->unit, TimeUnit::NANOS);
  EXPECT_EQ(back.schema[3].logicalType->bit_width, 8);
  EXPECT_FALSE(back.schema[3].logicalType->is_signed);
  EXPECT_EQ(back.schema[4].logicalType->kind, Kind::STRING);
  EXPECT_EQ(back.schema[4].repetition_type, FieldRepetitionType::OPTIONAL);
  EXPECT_EQ(back.num_rows, 1000);
  ASSERT_EQ(back.row_groups.size(), 1u);
  EXPECT_EQ(back.row_groups[0].total_byte_size, 4242);
  EXPECT_EQ(back.row_groups[0].file_offset, 4);
  ASSERT_EQ(back.row_groups[0].columns.size(), 4u);
  const auto& meta = *back.row_groups[0].columns[3].meta_data;
  EXPECT_EQ(meta.type, Type::BYTE_ARRAY);
  EXPECT_EQ(meta.encodings, (std::vector<Encoding>{Encoding::PLAIN, Encoding::RLE}));
  EXPECT_EQ(meta.path_in_schema, std::vector<std::string>{"s"});
  EXPECT_EQ(meta.codec, CompressionCodec::ZSTD);
  EXPECT_EQ(meta.total_uncompressed_size, 903);
  EXPECT_EQ(meta.total_compressed_size, 803);
  EXPECT_EQ(meta.data_page_offset, 7);
  EXPECT_EQ(meta.statistics->null_count, 7);
  EXPECT_EQ(meta.statistics->max_value, "zz");
  EXPECT_EQ(meta.statistics->min_value, std::string("\0a", 2));
  EXPECT_EQ(back.created_by, "Cairn");
  EXPECT_EQ(back.column_orders, (std::vector<bool>{true, true, true, true}));
}

TEST(ParquetMetadataWriterTest, PageHeadersRoundTrip) {
  PageHeader v1;
  v1.type = PageType::DATA_PAGE;
  v1.uncompressed_page_size = 100;
  v1.compressed_page_size = 60;
  v1.data_page_header = DataPageHeader{.num_values = 17, .encoding = Encoding::PLAIN};
  PageHeader v2;
  v2.type = PageType::DATA_PAGE_V2;
  v2.uncompressed_page_size = 200000;
  v2.compressed_page_size = 3;
  v2.data_page_header_v2 = DataPageHeaderV2{.num_values = 9, .num_nulls = 2, .num_rows = 9,
                                            .encoding = Encoding::RLE_DICTIONARY,
                                            .definition_levels_byte_length = 2, .is_compressed = false};
  PageHeader dict;
  dict.type = PageType::DICTIONARY_PAGE;
  dict.dictionary_page_header = DictionaryPageHeader{.num_values = 5, .encoding = Encoding::PLAIN};
  std::vector<uint8_t> bytes;
  EncodePageHeader(v1, bytes);
  size_t first = bytes.size();
  EncodePageHeader(v2, bytes);
  size_t second = bytes.size();
  EncodePageHeader(dict, bytes);

  size_t used = 0;
  PageHeader back = DecodePageHeader(bytes.data(), bytes.size(), "test", used);
  EXPECT_EQ(used, first);
  EXPECT_EQ(back.type, PageType::DATA_PAGE);
  EXPECT_EQ(back.compressed_page_size, 60);
  EXPECT_EQ(back.data_page_header->num_values, 17);
  back = DecodePageHeader(bytes.data() + first, bytes.size() - first, "test", used);
  EXPECT_EQ(used, second - first);
  EXPECT_EQ(back.uncompressed_page_size, 200000);
  EXPECT_EQ(back.data_page_header_v2->num_nulls, 2);
  EXPECT_EQ(back.data_page_header_v2->encoding, Encoding::RLE_DICTIONARY);
  EXPECT_EQ(back.data_page_header_v2->definition_levels_byte_length, 2);
  EXPECT_FALSE(back.data_page_header_v2->is_compressed);
  back = DecodePageHeader(bytes.data() + second, bytes.size() - second, "test", used);
  EXPECT_EQ(back.type, PageType::DICTIONARY_PAGE);
  EXPECT_EQ(back.dictionary_page_header->num_values, 5);
}

}  // namespace
}  // namespace cairn::parquet
