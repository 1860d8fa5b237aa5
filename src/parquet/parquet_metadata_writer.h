// Encoders of the Parquet metadata structures (parquet_metadata.h: FileMetaData, PageHeader and
// what they contain) into the Thrift Compact Protocol, with parquet.thrift's field ids; the
// counterpart of DecodeFileMetaData / DecodePageHeader.
//
// Every field the structs hold is written (optional ones when set); ColumnOrder is written as
// TYPE_ORDER for each leaf whose column_orders entry is true.
//
// Errors: none. Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <vector>

#include "parquet/parquet_metadata.h"

namespace cairn::parquet {

/// Appends the footer `metadata` (Thrift compact) to `out`.
void EncodeFileMetaData(const FileMetaData& metadata, std::vector<uint8_t>& out);

/// Appends the page header `header` (Thrift compact) to `out`.
void EncodePageHeader(const PageHeader& header, std::vector<uint8_t>& out);

}  // namespace cairn::parquet
