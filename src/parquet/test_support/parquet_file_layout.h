// ParquetFileLayout: where the structural fields of a Parquet file sit, byte by byte, so tests
// and the structure-aware fuzz target can change one field of a valid file and keep the rest
// valid (parquet-format README "File format"; Thrift compact protocol for the footer and page
// headers; Encodings.md for level and dictionary-index runs).
//
// Located: every integer field of the footer (FileMetaData) and of each page header, with its
// Thrift field-id path; every binary field of the footer (statistics, names); for pages whose
// body is stored uncompressed, the definition-level section (v1 length prefix, RLE/bit-packed
// run headers, run values, bit-packed bytes), the dictionary-index section (bit-width byte,
// runs), PLAIN BYTE_ARRAY length prefixes and DELTA_* header varints.
//
// Edits: ReplaceThriftInteger re-encodes one Thrift integer; when its encoded length changes,
// the footer length and every footer offset/size that the shift invalidates (column chunk
// offsets after the edit, the enclosing chunk's total_compressed_size) are rewritten so the
// file stays consistent. Body edits (PatchVarintSameWidth, bytes) never change the length.
//
// Errors: Parse throws cairn::Exception(kDataCorrupted) when the input is not a Parquet file
// it can walk (fuzz inputs often are not). Never reads outside the input.
// Thread-safety: plain values; functions are reentrant. Test and fuzz code only.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "cairn/exception.h"
#include "parquet/parquet_metadata.h"
#include "parquet/thrift_compact_reader.h"

namespace cairn::parquet {

/// One Thrift integer (zigzag varint) in the file: bytes [begin, end), decoded value, and the
/// path of field ids from the enclosing top-level struct ("4.0.1.2.3.9": row_groups[0]
/// .columns[2].meta_data.data_page_offset; list positions are included).
struct ThriftIntegerLocation {
  size_t begin = 0;
  size_t end = 0;
  int64_t value = 0;
  std::vector<int32_t> path;
};

/// A byte range of the file, with what it holds.
struct ByteRange {
  size_t begin = 0;
  size_t end = 0;
};

/// A varint inside page data (RLE run header, DELTA header field): bytes [begin, end).
struct VarintLocation {
  size_t begin = 0;
  size_t end = 0;
  uint64_t value = 0;
};

/// Runs of one RLE/bit-packed hybrid section.
struct HybridRunsLayout {
  std::vector<VarintLocation> run_headers;
  std::vector<ByteRange> rle_values;   // the value bytes of RLE runs
  std::vector<ByteRange> packed_data;  // the bytes of bit-packed runs
};

struct PageLayout {
  size_t row_group = 0;  // index of the row group, and of the column chunk within it
  size_t column = 0;
  size_t header_begin = 0;
  size_t body_begin = 0;
  size_t body_end = 0;
  PageHeader header;
  std::vector<ThriftIntegerLocation> header_integers;
  /// Boolean fields of the header (their field-header byte; type nibble 1 = true, 2 = false).
  std::vector<size_t> header_booleans;
  bool body_uncompressed = false;
  // Only when body_uncompressed:
  size_t levels_length_prefix = SIZE_MAX;  // v1: position of the 4-byte level length
  HybridRunsLayout definition_levels;
  size_t index_bit_width = SIZE_MAX;  // dictionary-encoded data: position of the bit-width byte
  HybridRunsLayout indices;
  std::vector<size_t> byte_array_lengths;  // PLAIN BYTE_ARRAY: positions of 4-byte lengths
  std::vector<VarintLocation> delta_header;  // DELTA_*: block size, miniblocks, count, first
};

struct ParquetFileLayout {
  size_t footer_begin = 0;
  size_t footer_end = 0;  // the 4-byte footer length follows
  FileMetaData metadata;
  std::vector<ThriftIntegerLocation> footer_integers;
  std::vector<ByteRange> footer_binaries;
  std::vector<PageLayout> pages;
};

namespace file_layout_detail {

inline void Fail(const std::string& what) { throw Exception(sqlstate::kDataCorrupted, "layout: " + what); }

/// Two's-complement addition (fuzzed values may be near the int64 limits).
inline int64_t WrappingAdd(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
}

inline int64_t ZigZag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

/// Walks a struct, recording integers and binaries (positions relative to `base`).
inline void WalkStruct(ThriftCompactReader& r, size_t base, std::vector<int32_t>& path,
                       std::vector<ThriftIntegerLocation>& integers, std::vector<ByteRange>* binaries,
                       std::vector<size_t>* booleans);

inline void WalkValue(ThriftCompactReader& r, CompactType type, size_t base, std::vector<int32_t>& path,
                      std::vector<ThriftIntegerLocation>& integers, std::vector<ByteRange>* binaries) {
  switch (type) {
    case CompactType::I16:
    case CompactType::I32:
    case CompactType::I64: {
      size_t begin = r.position();
      int64_t v = ZigZag(r.ReadVarint());
      integers.push_back({base + begin, base + r.position(), v, path});
      return;
    }
    case CompactType::BINARY: {
      std::string_view bytes = r.ReadBinary();
      size_t end = r.position();
      if (binaries) binaries->push_back({base + end - bytes.size(), base + end});
      return;
    }
    case CompactType::STRUCT:
      WalkStruct(r, base, path, integers, binaries, nullptr);
      return;
    case CompactType::LIST:
    case CompactType::SET: {
      auto list = r.ReadListHeader();
      for (uint32_t i = 0; i < list.size; i++) {
        path.push_back(static_cast<int32_t>(i));
        if (list.element_type == CompactType::BINARY) {
          std::string_view bytes = r.ReadBinary();
          size_t end = r.position();
          if (binaries) binaries->push_back({base + end - bytes.size(), base + end});
        } else if (list.element_type == CompactType::BOOLEAN_TRUE || list.element_type == CompactType::BOOLEAN_FALSE) {
          r.ReadBoolElement();
        } else {
          WalkValue(r, list.element_type, base, path, integers, binaries);
        }
        path.pop_back();
      }
      return;
    }
    default:
      r.Skip(type);
  }
}

inline void WalkStruct(ThriftCompactReader& r, size_t base, std::vector<int32_t>& path,
                       std::vector<ThriftIntegerLocation>& integers, std::vector<ByteRange>* binaries,
                       std::vector<size_t>* booleans) {
  r.BeginStruct();
  while (true) {
    size_t header_position = r.position();
    auto field = r.ReadFieldHeader();
    if (field.type == CompactType::STOP) break;
    path.push_back(field.id);
    if (field.type == CompactType::BOOLEAN_TRUE || field.type == CompactType::BOOLEAN_FALSE) {
      if (booleans) booleans->push_back(base + header_position);
    } else if (field.type == CompactType::BINARY) {
      std::string_view bytes = r.ReadBinary();
      size_t end = r.position();
      if (binaries) binaries->push_back({base + end - bytes.size(), base + end});
    } else {
      WalkValue(r, field.type, base, path, integers, binaries);
    }
    path.pop_back();
  }
  r.EndStruct();
}

/// Reads a ULEB128 varint at data[pos] (pos < end), bounded.
inline bool ReadVarint(const std::string& data, size_t& pos, size_t end, uint64_t& value) {
  value = 0;
  for (int shift = 0; shift < 64 && pos < end; shift += 7) {
    uint8_t byte = static_cast<uint8_t>(data[pos++]);
    value |= static_cast<uint64_t>(byte & 0x7F) << shift;
    if (!(byte & 0x80)) return true;
  }
  return false;
}

/// Walks the RLE/bit-packed runs of [pos, end) with `bit_width`, as far as they are well-formed.
inline void WalkRuns(const std::string& data, size_t pos, size_t end, uint32_t bit_width, HybridRunsLayout& out) {
  size_t value_bytes = (bit_width + 7) / 8;
  while (pos < end && out.run_headers.size() < 4096) {
    size_t begin = pos;
    uint64_t header;
    if (!ReadVarint(data, pos, end, header)) return;
    out.run_headers.push_back({begin, pos, header});
    if (header & 1) {
      uint64_t bytes = (header >> 1) * bit_width;
      if (bytes > end - pos) bytes = end - pos;
      if (bytes) out.packed_data.push_back({pos, pos + static_cast<size_t>(bytes)});
      pos += static_cast<size_t>(bytes);
    } else {
      if (value_bytes > end - pos) return;
      if (value_bytes) out.rle_values.push_back({pos, pos + value_bytes});
      pos += value_bytes;
    }
  }
}

inline uint32_t ReadLittleEndian32(const std::string& data, size_t pos) {
  uint32_t v;
  std::memcpy(&v, data.data() + pos, 4);
  return v;
}

/// Locates level, index, length and delta-header fields of an uncompressed page body.
inline void WalkPageBody(const std::string& data, PageLayout& page, const ColumnMetaData& meta) {
  size_t pos = page.body_begin, end = page.body_end;
  Encoding encoding;
  if (page.header.type == PageType::DATA_PAGE && page.header.data_page_header) {
    encoding = page.header.data_page_header->encoding;
    // Levels are present for OPTIONAL flat columns; guess from the length prefix fitting.
    if (end - pos >= 4) {
      uint32_t length = ReadLittleEndian32(data, pos);
      if (length <= end - pos - 4 && length > 0) {
        page.levels_length_prefix = pos;
        WalkRuns(data, pos + 4, pos + 4 + length, 1, page.definition_levels);
        pos += 4 + length;
      }
    }
  } else if (page.header.type == PageType::DATA_PAGE_V2 && page.header.data_page_header_v2) {
    const DataPageHeaderV2& d = *page.header.data_page_header_v2;
    encoding = d.encoding;
    size_t rep = static_cast<size_t>(std::max(d.repetition_levels_byte_length, 0));
    size_t def = static_cast<size_t>(std::max(d.definition_levels_byte_length, 0));
    if (rep + def > end - pos) return;
    WalkRuns(data, pos + rep, pos + rep + def, 1, page.definition_levels);
    pos += rep + def;
  } else if (page.header.type == PageType::DICTIONARY_PAGE) {
    encoding = Encoding::PLAIN;
  } else {
    return;
  }
  if (encoding == Encoding::RLE_DICTIONARY || encoding == Encoding::PLAIN_DICTIONARY) {
    if (pos >= end) return;
    page.index_bit_width = pos;
    WalkRuns(data, pos + 1, end, std::min<uint32_t>(static_cast<uint8_t>(data[pos]), 32), page.indices);
  } else if (encoding == Encoding::PLAIN && meta.type == Type::BYTE_ARRAY) {
    while (end - pos >= 4 && page.byte_array_lengths.size() < 4096) {
      uint32_t length = ReadLittleEndian32(data, pos);
      page.byte_array_lengths.push_back(pos);
      if (length > end - pos - 4) break;
      pos += 4 + length;
    }
  } else if (encoding == Encoding::DELTA_BINARY_PACKED || encoding == Encoding::DELTA_LENGTH_BYTE_ARRAY ||
             encoding == Encoding::DELTA_BYTE_ARRAY) {
    for (int i = 0; i < 4; i++) {
      size_t begin = pos;
      uint64_t v;
      if (!ReadVarint(data, pos, end, v)) return;
      page.delta_header.push_back({begin, pos, v});
    }
  }
}

}  // namespace file_layout_detail

/// Locates the structure of the Parquet file `data`. Throws kDataCorrupted if it cannot.
inline ParquetFileLayout ParseParquetFileLayout(const std::string& data) {
  using namespace file_layout_detail;
  ParquetFileLayout layout;
  if (data.size() < 12 || data.compare(0, 4, "PAR1") != 0 || data.compare(data.size() - 4, 4, "PAR1") != 0) {
    Fail("not a Parquet file");
  }
  uint32_t footer_size = ReadLittleEndian32(data, data.size() - 8);
  if (footer_size > data.size() - 12) Fail("footer length");
  layout.footer_end = data.size() - 8;
  layout.footer_begin = layout.footer_end - footer_size;
  const auto* bytes = reinterpret_cast<const uint8_t*>(data.data());
  layout.metadata = DecodeFileMetaData(bytes + layout.footer_begin, footer_size, "layout");
  {
    ThriftCompactReader r(bytes + layout.footer_begin, footer_size, "layout");
    std::vector<int32_t> path;
    WalkStruct(r, layout.footer_begin, path, layout.footer_integers, &layout.footer_binaries, nullptr);
  }
  for (size_t g = 0; g < layout.metadata.row_groups.size(); g++) {
    const RowGroup& group = layout.metadata.row_groups[g];
    for (size_t c = 0; c < group.columns.size(); c++) {
      const ColumnChunk& chunk = group.columns[c];
      if (!chunk.meta_data) continue;
      const ColumnMetaData& meta = *chunk.meta_data;
      int64_t start = meta.data_page_offset;
      if (meta.dictionary_page_offset && *meta.dictionary_page_offset > 0 && *meta.dictionary_page_offset < start) {
        start = *meta.dictionary_page_offset;
      }
      if (start < 4 || meta.total_compressed_size < 0 ||
          static_cast<uint64_t>(start) > layout.footer_begin ||
          static_cast<uint64_t>(meta.total_compressed_size) > layout.footer_begin - static_cast<uint64_t>(start)) {
        continue;
      }
      size_t pos = static_cast<size_t>(start);
      size_t end = pos + static_cast<size_t>(meta.total_compressed_size);
      while (pos < end && layout.pages.size() < 10000) {
        PageLayout page;
        page.row_group = g;
        page.column = c;
        page.header_begin = pos;
        size_t header_size = 0;
        try {
          page.header = DecodePageHeader(bytes + pos, end - pos, "layout", header_size);
        } catch (const Exception&) {
          break;
        }
        ThriftCompactReader r(bytes + pos, header_size, "layout");
        std::vector<int32_t> path;
        WalkStruct(r, pos, path, page.header_integers, nullptr, &page.header_booleans);
        page.body_begin = pos + header_size;
        if (static_cast<size_t>(page.header.compressed_page_size) > end - page.body_begin) break;
        page.body_end = page.body_begin + static_cast<size_t>(page.header.compressed_page_size);
        bool v2_plain = page.header.data_page_header_v2 && !page.header.data_page_header_v2->is_compressed;
        page.body_uncompressed = meta.codec == CompressionCodec::UNCOMPRESSED || v2_plain;
        if (page.body_uncompressed) WalkPageBody(data, page, meta);
        pos = page.body_end;
        layout.pages.push_back(std::move(page));
      }
    }
  }
  return layout;
}

/// Zigzag varint encoding of `value` in at least `min_bytes` bytes (padded with continuation
/// bytes, which decoders accept).
inline std::string EncodeZigZagVarint(int64_t value, size_t min_bytes = 1) {
  uint64_t v = (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
  std::string out;
  while (v >= 0x80 || out.size() + 1 < min_bytes) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
  return out;
}

/// Writes `value` as a plain (non-zigzag) varint into [location.begin, location.end) without
/// changing the file's length: padded when shorter, clamped to the largest value the width
/// holds when longer.
inline void PatchVarintSameWidth(std::string& data, const VarintLocation& location, uint64_t value) {
  size_t width = location.end - location.begin;
  if (width == 0) return;
  if (width < 10) value = std::min<uint64_t>(value, (uint64_t(1) << (7 * width)) - 1);
  for (size_t i = 0; i < width; i++) {
    uint8_t byte = static_cast<uint8_t>(value & 0x7F);
    value >>= 7;
    if (i + 1 < width) byte |= 0x80;
    data[location.begin + i] = static_cast<char>(byte);
  }
}

namespace file_layout_detail {

/// Rebuilds `data` with bytes [begin, end) of the page region (before the footer) replaced by
/// `replacement`, or, when `footer_field` is set, with that footer integer set to
/// `footer_value`; footer offsets and sizes shifted by a page-region edit are rewritten, and
/// the footer length is recomputed.
inline void Rebuild(std::string& data, const ParquetFileLayout& layout, size_t begin, size_t end,
                    const std::string& replacement, const ThriftIntegerLocation* footer_field, int64_t footer_value) {
  const ptrdiff_t delta = footer_field ? 0 : static_cast<ptrdiff_t>(replacement.size()) - static_cast<ptrdiff_t>(end - begin);
  std::string footer;
  size_t copied = layout.footer_begin;
  for (const auto& field : layout.footer_integers) {
    int64_t v = field.value;
    bool rewrite = false;
    if (footer_field) {
      if (field.begin == footer_field->begin) {
        v = footer_value;
        rewrite = true;
      }
    } else if (delta != 0) {
      const auto& p = field.path;
      // row_groups(4)[g].columns(1)[c].meta_data(3).{9 data_page_offset, 10 index_page_offset,
      // 11 dictionary_page_offset, 7 total_compressed_size}; .columns[c].file_offset(2);
      // row_groups[g].file_offset(5).
      bool chunk_meta = p.size() == 6 && p[0] == 4 && p[2] == 1 && p[4] == 3;
      bool offset = (chunk_meta && (p[5] == 9 || p[5] == 10 || p[5] == 11)) ||
                    (p.size() == 5 && p[0] == 4 && p[2] == 1 && p[4] == 2) || (p.size() == 3 && p[0] == 4 && p[2] == 5);
      if (offset && v > static_cast<int64_t>(begin)) {
        v = WrappingAdd(v, delta);
        rewrite = true;
      }
      if (chunk_meta && p[5] == 7) {
        const RowGroup& group = layout.metadata.row_groups.at(static_cast<size_t>(p[1]));
        const ColumnMetaData& meta = *group.columns.at(static_cast<size_t>(p[3])).meta_data;
        int64_t start = meta.data_page_offset;
        if (meta.dictionary_page_offset && *meta.dictionary_page_offset > 0 && *meta.dictionary_page_offset < start) {
          start = *meta.dictionary_page_offset;
        }
        if (start <= static_cast<int64_t>(begin) &&
            static_cast<int64_t>(begin) < WrappingAdd(start, meta.total_compressed_size)) {
          v = WrappingAdd(v, delta);
          rewrite = true;
        }
      }
    }
    if (!rewrite) continue;
    footer.append(data, copied, field.begin - copied);
    footer.append(EncodeZigZagVarint(v));
    copied = field.end;
  }
  footer.append(data, copied, layout.footer_end - copied);
  std::string out;
  out.reserve(data.size() + replacement.size() + 64);
  if (footer_field) {
    out.append(data, 0, layout.footer_begin);
  } else {
    out.append(data, 0, begin);
    out.append(replacement);
    out.append(data, end, layout.footer_begin - end);
  }
  out.append(footer);
  uint32_t footer_size = static_cast<uint32_t>(footer.size());
  out.append(reinterpret_cast<const char*>(&footer_size), 4);
  out.append("PAR1");
  data = std::move(out);
}

}  // namespace file_layout_detail

/// Replaces bytes [begin, end) of the page region (column chunks, before the footer) of `data`
/// by `replacement` (any length; an empty range inserts), rewriting the footer offsets and the
/// enclosing column chunk's total_compressed_size so the file stays consistent. `layout` (of
/// `data`) is stale afterwards.
inline void SpliceBytes(std::string& data, const ParquetFileLayout& layout, size_t begin, size_t end,
                        const std::string& replacement) {
  if (begin > end || end > layout.footer_begin) file_layout_detail::Fail("splice outside the page region");
  file_layout_detail::Rebuild(data, layout, begin, end, replacement, nullptr, 0);
}

/// Replaces the Thrift integer at `location` (of the footer or a page header of `layout`) by
/// `value`, keeping the file consistent when the encoding's length changes. `layout` is stale
/// afterwards.
inline void ReplaceThriftInteger(std::string& data, const ParquetFileLayout& layout, const ThriftIntegerLocation& location,
                                 int64_t value) {
  std::string encoded = EncodeZigZagVarint(value, location.end - location.begin);
  if (encoded.size() == location.end - location.begin) {
    data.replace(location.begin, encoded.size(), encoded);
  } else if (location.begin >= layout.footer_begin) {
    file_layout_detail::Rebuild(data, layout, 0, 0, std::string(), &location, value);
  } else {
    SpliceBytes(data, layout, location.begin, location.end, encoded);
  }
}

/// Finds the footer integer with field path `path` (e.g. {4, 0, 3}: row_groups[0].num_rows);
/// nullptr if absent.
inline const ThriftIntegerLocation* FindFooterInteger(const ParquetFileLayout& layout, const std::vector<int32_t>& path) {
  for (const auto& field : layout.footer_integers) {
    if (field.path == path) return &field;
  }
  return nullptr;
}

/// Finds the page-header integer with field path `path` (e.g. {5, 1} for
/// data_page_header.num_values) of `page`; nullptr if absent.
inline const ThriftIntegerLocation* FindHeaderInteger(const PageLayout& page, const std::vector<int32_t>& path) {
  for (const auto& field : page.header_integers) {
    if (field.path == path) return &field;
  }
  return nullptr;
}

}  // namespace cairn::parquet
