#include "parquet/parquet_page_index.h"

#include <gtest/gtest.h>

#include "cairn/exception.h"

namespace cairn::parquet {
namespace {

TEST(ParquetPageIndexTest, RoundTripsAndRejectsTruncation) {
  ColumnIndex column;
  column.null_pages = {false, true, false};
  column.min_values = {"a", "", std::string("\0", 1)};
  column.max_values = {"m", "", "z"};
  column.boundary_order = BoundaryOrder::DESCENDING;
  column.null_counts = std::vector<int64_t>{0, 17, 3};
  OffsetIndex offsets;
  offsets.page_locations = {{4, 100, 0}, {104, 5000000, 20}, {5000104, 1, 1LL << 40}};
  std::vector<uint8_t> column_bytes, offset_bytes;
  EncodeColumnIndex(column, column_bytes);
  EncodeOffsetIndex(offsets, offset_bytes);

  ColumnIndex column_back = DecodeColumnIndex(column_bytes.data(), column_bytes.size(), "f");
  EXPECT_EQ(column_back.null_pages, column.null_pages);
  EXPECT_EQ(column_back.min_values, column.min_values);
  EXPECT_EQ(column_back.max_values, column.max_values);
  EXPECT_EQ(column_back.boundary_order, BoundaryOrder::DESCENDING);
  EXPECT_EQ(column_back.null_counts, column.null_counts);
  OffsetIndex offsets_back = DecodeOffsetIndex(offset_bytes.data(), offset_bytes.size(), "f");
  ASSERT_EQ(offsets_back.page_locations.size(), 3u);
  EXPECT_EQ(offsets_back.page_locations[1].offset, 104);
  EXPECT_EQ(offsets_back.page_locations[1].compressed_page_size, 5000000);
  EXPECT_EQ(offsets_back.page_locations[2].first_row_index, 1LL << 40);

  for (size_t n = 0; n < column_bytes.size(); n++) {
    EXPECT_THROW(DecodeColumnIndex(column_bytes.data(), n, "f"), Exception) << n;
  }
  for (size_t n = 0; n < offset_bytes.size(); n++) {
    EXPECT_THROW(DecodeOffsetIndex(offset_bytes.data(), n, "f"), Exception) << n;
  }
}

}  // namespace
}  // namespace cairn::parquet
