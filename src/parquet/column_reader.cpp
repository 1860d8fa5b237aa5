#include "parquet/column_reader.h"

#include <algorithm>
#include <cstring>
#include <type_traits>

#include "cairn/exception.h"
#include "parquet/compression_codec.h"
#include "parquet/value_conversion.h"

namespace cairn::parquet {

namespace {

/// Largest page Cairn decompresses (protects against absurd sizes in corrupt headers).
constexpr size_t kMaxPageSize = size_t(1) << 30;

struct Bytes16 {
  uint64_t lo, hi;
};

/// Moves `valid` dense values at base[0..valid) to the positions of valid rows among
/// base[0..count) (levels[i] != 0 means valid). Works backwards, in place.
template <class T>
void SpreadAll(T* base, const uint8_t* levels, idx_t count, idx_t valid) {
  idx_t src = valid;
  for (idx_t i = count; i-- > 0;) {
    if (src == i + 1) break;  // the rest are already in place
    if (levels[i]) base[i] = base[--src];
  }
}

void SpreadByWidth(uint8_t* base, idx_t width, const uint8_t* levels, idx_t count, idx_t valid) {
  switch (width) {
    case 1: SpreadAll(base, levels, count, valid); break;
    case 4: SpreadAll(reinterpret_cast<uint32_t*>(base), levels, count, valid); break;
    case 8: SpreadAll(reinterpret_cast<uint64_t*>(base), levels, count, valid); break;
    case 16: SpreadAll(reinterpret_cast<Bytes16*>(base), levels, count, valid); break;
    default: throw Exception(sqlstate::kInternalError, "unexpected value width in Parquet reader");
  }
}

template <class T>
void Gather(const T* dictionary, const uint32_t* indices, idx_t count, T* out) {
  for (idx_t i = 0; i < count; i++) out[i] = dictionary[indices[i]];
}

void GatherByWidth(const uint8_t* dictionary, idx_t width, const uint32_t* indices, idx_t count, uint8_t* out) {
  switch (width) {
    case 1: Gather(dictionary, indices, count, out); break;
    case 4: Gather(reinterpret_cast<const uint32_t*>(dictionary), indices, count, reinterpret_cast<uint32_t*>(out)); break;
    case 8: Gather(reinterpret_cast<const uint64_t*>(dictionary), indices, count, reinterpret_cast<uint64_t*>(out)); break;
    case 16: Gather(reinterpret_cast<const Bytes16*>(dictionary), indices, count, reinterpret_cast<Bytes16*>(out)); break;
    default: throw Exception(sqlstate::kInternalError, "unexpected value width in Parquet reader");
  }
}

uint32_t ReadLittleEndian32(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

}  // namespace

ColumnReader::ColumnReader(FileHandle& file, idx_t file_size, const std::string& file_path,
                           const ParquetColumn& column, const ColumnChunk& chunk, int64_t num_rows)
    : context_(file_path + ": column \"" + column.name + "\""), column_(column), rows_left_(num_rows) {
  if (column.nested) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "column \"" + column.name + "\" of " + file_path +
                        " is a nested (LIST/MAP/STRUCT) column, which Cairn does not read yet");
  }
  if (chunk.encrypted) throw Exception(sqlstate::kFeatureNotSupported, context_ + ": encrypted columns are not supported");
  if (chunk.file_path) {
    throw Exception(sqlstate::kFeatureNotSupported, context_ + ": column chunks in external files are not supported");
  }
  if (!chunk.meta_data) Corrupt("column chunk has no metadata");
  const ColumnMetaData& meta = *chunk.meta_data;
  if (meta.type != column.physical_type) {
    Corrupt(std::string("column chunk type ") + TypeName(meta.type) + " differs from the schema's " +
            TypeName(column.physical_type));
  }
  codec_ = meta.codec;
  value_width_ = column.type.PhysicalSize();
  string_target_ = column.type.physical_type() == PhysicalType::STRING;
  if (column.physical_type == Type::FIXED_LEN_BYTE_ARRAY && column.type_length <= 0) {
    Corrupt("FIXED_LEN_BYTE_ARRAY without a positive type_length");
  }

  int64_t start = meta.data_page_offset;
  if (meta.dictionary_page_offset && *meta.dictionary_page_offset > 0 && *meta.dictionary_page_offset < start) {
    start = *meta.dictionary_page_offset;
  }
  int64_t length = meta.total_compressed_size;
  if (start < 0 || length < 0 || static_cast<uint64_t>(start) > file_size ||
      static_cast<uint64_t>(length) > file_size - static_cast<uint64_t>(start)) {
    Corrupt("column chunk byte range [" + std::to_string(start) + ", +" + std::to_string(length) +
            ") lies outside the file of " + std::to_string(file_size) + " bytes");
  }
  chunk_size_ = static_cast<size_t>(length);
  chunk_ = std::shared_ptr<uint8_t[]>(new uint8_t[std::max<size_t>(chunk_size_, 1)]);
  if (chunk_size_) file.Read(chunk_.get(), chunk_size_, static_cast<idx_t>(start));
}

void ColumnReader::Corrupt(const std::string& what) const {
  throw Exception(sqlstate::kDataCorrupted, context_ + ": " + what);
}

void ColumnReader::CorruptPage(const std::string& what) const {
  Corrupt("page " + std::to_string(page_index_) + ": " + what);
}

template <class T>
T* ColumnReader::Scratch(idx_t count) {
  size_t bytes = std::max<size_t>(count * sizeof(T), 8);
  if (bytes > scratch_bytes_) {
    scratch_bytes_ = std::max(bytes, scratch_bytes_ * 2);
    scratch_.reset(new uint64_t[(scratch_bytes_ + 7) / 8]);
  }
  return reinterpret_cast<T*>(scratch_.get());
}

namespace {

/// Runs `read`, prefixing decoder errors ("corrupt page data ...") with the column and page.
template <class F>
void WithPageContext(const std::string& context, const idx_t& page_index, F&& read) {
  try {
    read();
  } catch (const Exception& e) {
    std::string message = e.what();
    if (message.rfind("corrupt page data", 0) == 0) {
      throw Exception(e.sqlstate(), context + ": page " + std::to_string(page_index) + ": " + message, std::nullopt, e.hint());
    }
    throw;
  }
}

/// ranks_ entry of a selected row that is NULL.
constexpr uint32_t kNoRank = UINT32_MAX;

}  // namespace

void ColumnReader::Read(idx_t count, Vector& out) {
  WithPageContext(context_, page_index_, [&] { ReadRows(count, out); });
}

void ColumnReader::Skip(idx_t count) {
  WithPageContext(context_, page_index_, [&] { SkipRows(count); });
}

void ColumnReader::ReadSelected(idx_t count, const sel_t* sel, idx_t sel_count, Vector& out) {
  WithPageContext(context_, page_index_, [&] { ReadSelectedRows(count, sel, sel_count, out); });
}

idx_t ColumnReader::ReadPresence(idx_t n) {
  if (page_all_valid_) return n;
  bool present;
  if (definition_levels_.TryGetRepeated(n, present)) {
    if (present) return n;
    std::memset(levels_, 0, n);
    return 0;
  }
  return definition_levels_.GetPresence(levels_, n);
}

void ColumnReader::SkipValues(idx_t count) {
  if (count == 0) return;
  switch (page_encoding_) {
    case Encoding::PLAIN:
      switch (column_.physical_type) {
        case Type::BOOLEAN: plain_.SkipBooleans(count); return;
        case Type::INT32:
        case Type::FLOAT: plain_.SkipFixed(count, 4); return;
        case Type::INT64:
        case Type::DOUBLE: plain_.SkipFixed(count, 8); return;
        case Type::INT96: plain_.SkipFixed(count, 12); return;
        case Type::FIXED_LEN_BYTE_ARRAY: plain_.SkipFixed(count, static_cast<size_t>(column_.type_length)); return;
        case Type::BYTE_ARRAY: plain_.SkipByteArrays(count); return;
      }
      break;
    case Encoding::PLAIN_DICTIONARY:
    case Encoding::RLE_DICTIONARY:
    case Encoding::RLE:
      rle_values_.Skip(count);
      return;
    default:
      break;
  }
  // Encodings without random access (DELTA_*, BYTE_STREAM_SPLIT): decode and drop.
  Vector discard(column_.type);
  DecodeValues(discard.raw_data(), count, discard);
}

void ColumnReader::SkipRows(idx_t count) {
  if (static_cast<int64_t>(count) > rows_left_) Corrupt("skip past the end of the row group");
  idx_t done = 0;
  while (done < count) {
    if (page_values_left_ == 0) {
      done += LoadNextDataPage(count - done);
      continue;
    }
    idx_t n = std::min<idx_t>({count - done, static_cast<idx_t>(page_values_left_), kStandardVectorSize});
    SkipValues(ReadPresence(n));
    done += n;
    page_values_left_ -= static_cast<int64_t>(n);
  }
  rows_left_ -= static_cast<int64_t>(count);
}

template <class S>
void ColumnReader::PickPlain(const uint32_t* ranks, idx_t count, idx_t valid, uint8_t* dest, Vector& target) {
  const uint8_t* base = plain_.Peek(valid * sizeof(S));
  if constexpr (!std::is_same_v<S, Int96> && !std::is_same_v<S, float>) {
    if (column_.conversion == ValueConversion::NONE) {
      for (idx_t j = 0; j < count; j++) {
        if (ranks[j] != kNoRank) std::memcpy(dest + j * sizeof(S), base + size_t(ranks[j]) * sizeof(S), sizeof(S));
      }
      plain_.SkipFixed(valid, sizeof(S));
      return;
    }
  }
  S* source = Scratch<S>(count);
  for (idx_t j = 0; j < count; j++) {
    if (ranks[j] != kNoRank) std::memcpy(&source[j], base + size_t(ranks[j]) * sizeof(S), sizeof(S));
    else std::memset(static_cast<void*>(&source[j]), 0, sizeof(S));
  }
  plain_.SkipFixed(valid, sizeof(S));
  Convert<S>(source, count, dest, target);
}

void ColumnReader::ReadSelectedRows(idx_t count, const sel_t* sel, idx_t sel_count, Vector& out) {
  if (count > kStandardVectorSize || static_cast<int64_t>(count) > rows_left_) {
    Corrupt("read past the end of the row group");
  }
  if (sel_count > count || (sel_count > 0 && sel[sel_count - 1] >= count)) {
    throw Exception(sqlstate::kInternalError, context_ + ": selection out of range in Parquet reader");
  }
  enum class Mode { UNDECIDED, DICTIONARY, FLAT } mode = Mode::UNDECIDED;
  SelectionVector selection;
  idx_t filled = 0;    // rows of the batch consumed
  idx_t produced = 0;  // selected rows materialized (position in sel and out)
  auto make_flat = [&] {
    if (mode == Mode::DICTIONARY) MaterializeDictionaryRows(selection, produced, out);
    else if (mode == Mode::UNDECIDED) out.Initialize(column_.type);
    mode = Mode::FLAT;
  };
  while (filled < count) {
    if (page_values_left_ == 0) {
      // Rows before the next selected one may skip whole pages.
      idx_t next = produced < sel_count ? sel[produced] : count;
      filled += LoadNextDataPage(next - filled);
      continue;
    }
    idx_t n = std::min<idx_t>(count - filled, static_cast<idx_t>(page_values_left_));
    idx_t end = produced;
    while (end < sel_count && sel[end] < filled + n) end++;
    const idx_t valid = ReadPresence(n);
    if (end == produced) {
      SkipValues(valid);
    } else {
      const idx_t k = end - produced;
      // Position among the segment's values of each selected row (kNoRank when NULL).
      if (valid == n) {
        for (idx_t j = 0; j < k; j++) ranks_[j] = static_cast<uint32_t>(sel[produced + j] - filled);
      } else {
        uint32_t rank = 0;
        idx_t j = 0;
        for (idx_t i = 0; i < n && j < k; i++) {
          if (sel[produced + j] - filled == i) ranks_[j++] = levels_[i] ? rank : kNoRank;
          rank += levels_[i];
        }
      }
      if (DictionaryEncodedPage()) {
        DecodeIndices(valid);
        const uint32_t null_index = static_cast<uint32_t>(dictionary_size_);
        for (idx_t j = 0; j < k; j++) gather_[j] = ranks_[j] == kNoRank ? null_index : indices_[ranks_[j]];
        if ((string_target_ || dictionary_output_) && mode != Mode::FLAT) {
          if (mode == Mode::UNDECIDED) {
            mode = Mode::DICTIONARY;
            selection.Initialize(kStandardVectorSize);
          }
          std::memcpy(selection.data() + produced, gather_, k * sizeof(sel_t));
        } else {
          make_flat();
          GatherByWidth(dictionary_->raw_data(), value_width_, gather_, k, out.raw_data() + produced * value_width_);
          if (string_target_) out.KeepHeapOf(*dictionary_);
          for (idx_t j = 0; j < k; j++) {
            if (gather_[j] == null_index) out.validity().SetInvalid(produced + j);
          }
        }
      } else {
        make_flat();
        uint8_t* dest = out.raw_data() + produced * value_width_;
        bool picked = false;
        if (page_encoding_ == Encoding::PLAIN) {
          picked = true;
          switch (column_.physical_type) {
            case Type::INT32: PickPlain<int32_t>(ranks_, k, valid, dest, out); break;
            case Type::INT64: PickPlain<int64_t>(ranks_, k, valid, dest, out); break;
            case Type::INT96: PickPlain<Int96>(ranks_, k, valid, dest, out); break;
            case Type::FLOAT: PickPlain<float>(ranks_, k, valid, dest, out); break;
            case Type::DOUBLE: PickPlain<double>(ranks_, k, valid, dest, out); break;
            default: picked = false; break;
          }
        }
        if (!picked) {
          // Decode the segment's values densely, then keep the selected ones.
          uint8_t* values = reinterpret_cast<uint8_t*>(values_);
          DecodeValues(values, valid, out);
          if (string_target_ && page_owner_) out.heap().KeepAlive(page_owner_);
          for (idx_t j = 0; j < k; j++) {
            if (ranks_[j] != kNoRank) {
              std::memcpy(dest + j * value_width_, values + size_t(ranks_[j]) * value_width_, value_width_);
            }
          }
        }
        for (idx_t j = 0; j < k; j++) {
          if (ranks_[j] == kNoRank) out.validity().SetInvalid(produced + j);
        }
      }
      produced = end;
    }
    filled += n;
    page_values_left_ -= static_cast<int64_t>(n);
  }
  rows_left_ -= static_cast<int64_t>(count);
  if (mode == Mode::DICTIONARY) {
    out.SetDictionary(dictionary_, std::move(selection));
  } else if (mode == Mode::UNDECIDED) {
    out.Initialize(column_.type);
  }
}

void ColumnReader::ReadRows(idx_t count, Vector& out) {
  if (count > kStandardVectorSize || static_cast<int64_t>(count) > rows_left_) {
    Corrupt("read past the end of the row group");
  }
  enum class Mode { UNDECIDED, DICTIONARY, FLAT } mode = Mode::UNDECIDED;
  SelectionVector selection;
  idx_t filled = 0;
  while (filled < count) {
    if (page_values_left_ == 0) {
      LoadNextDataPage();
      continue;
    }
    idx_t n = std::min<idx_t>(count - filled, static_cast<idx_t>(page_values_left_));
    idx_t valid = n;
    if (!page_all_valid_) {
      bool present;
      if (definition_levels_.TryGetRepeated(n, present)) {
        // One run covers the batch: all valid or all NULL, no per-row work.
        if (!present) {
          valid = 0;
          std::memset(levels_, 0, n);
        }
      } else {
        // levels_ becomes presence flags (0/1); valid <= n always (LevelDecoder checks levels).
        valid = definition_levels_.GetPresence(levels_, n);
      }
    }
    const bool has_nulls = valid != n;
    const bool dictionary_page = DictionaryEncodedPage();

    if (dictionary_page && (string_target_ || dictionary_output_) && mode != Mode::FLAT) {
      if (mode == Mode::UNDECIDED) {
        mode = Mode::DICTIONARY;
        selection.Initialize(kStandardVectorSize);
      }
      DecodeIndices(valid);
      sel_t* sel = selection.data() + filled;
      if (!has_nulls) {
        std::memcpy(sel, indices_, n * sizeof(sel_t));
      } else {
        idx_t src = 0;
        const sel_t null_index = static_cast<sel_t>(dictionary_size_);
        for (idx_t i = 0; i < n; i++) sel[i] = levels_[i] ? indices_[src++] : null_index;
      }
    } else {
      if (mode == Mode::DICTIONARY) {
        // Rows so far came from a dictionary; a plain page follows: materialize them.
        MaterializeDictionaryRows(selection, filled, out);
        mode = Mode::FLAT;
      } else if (mode == Mode::UNDECIDED) {
        out.Initialize(column_.type);
        mode = Mode::FLAT;
      }
      uint8_t* dest = out.raw_data() + filled * value_width_;
      if (dictionary_page) {
        DecodeIndices(valid);
        GatherByWidth(dictionary_->raw_data(), value_width_, indices_, valid, dest);
        if (string_target_) out.KeepHeapOf(*dictionary_);
      } else {
        DecodeValues(dest, valid, out);
        if (string_target_ && page_owner_) out.heap().KeepAlive(page_owner_);
      }
      if (has_nulls) {
        SpreadByWidth(dest, value_width_, levels_, n, valid);
        ValidityMask& validity = out.validity();
        for (idx_t i = 0; i < n; i++) {
          if (!levels_[i]) validity.SetInvalid(filled + i);
        }
      }
    }
    filled += n;
    page_values_left_ -= static_cast<int64_t>(n);
  }
  rows_left_ -= static_cast<int64_t>(count);
  if (mode == Mode::DICTIONARY) {
    out.SetDictionary(dictionary_, std::move(selection));
  } else if (mode == Mode::UNDECIDED) {
    out.Initialize(column_.type);
  }
}

void ColumnReader::DecodeIndices(idx_t count) {
  rle_values_.GetBatch(indices_, count);
  // Four independent accumulators: no loop-carried dependency chain on one register.
  uint32_t m0 = 0, m1 = 0, m2 = 0, m3 = 0;
  idx_t i = 0;
  for (; i + 4 <= count; i += 4) {
    m0 = std::max(m0, indices_[i]);
    m1 = std::max(m1, indices_[i + 1]);
    m2 = std::max(m2, indices_[i + 2]);
    m3 = std::max(m3, indices_[i + 3]);
  }
  for (; i < count; i++) m0 = std::max(m0, indices_[i]);
  uint32_t max_index = std::max(std::max(m0, m1), std::max(m2, m3));
  if (count > 0 && max_index >= dictionary_size_) {
    CorruptPage("dictionary index " + std::to_string(max_index) + " out of range (dictionary has " +
            std::to_string(dictionary_size_) + " entries)");
  }
}

const uint8_t* ColumnReader::PageData(const uint8_t* body, size_t compressed_size, size_t uncompressed_size,
                                      bool compressed) {
  if (!compressed || codec_ == CompressionCodec::UNCOMPRESSED) {
    if (compressed_size != uncompressed_size) {
      CorruptPage("uncompressed page of " + std::to_string(compressed_size) + " bytes, header says " +
              std::to_string(uncompressed_size));
    }
    page_owner_ = std::shared_ptr<const void>(chunk_, body);
    return body;
  }
  if (uncompressed_size > kMaxPageSize) CorruptPage("page of " + std::to_string(uncompressed_size) + " bytes is too large");
  page_owner_.reset();
  if (!decompressed_ || decompressed_.use_count() > 1 || decompressed_capacity_ < uncompressed_size) {
    decompressed_capacity_ = std::max<size_t>(uncompressed_size, 1);
    decompressed_ = std::shared_ptr<uint8_t[]>(new uint8_t[decompressed_capacity_]);
  }
  DecompressPage(codec_, body, compressed_size, decompressed_.get(), uncompressed_size, context_);
  page_owner_ = std::shared_ptr<const void>(decompressed_, decompressed_.get());
  return decompressed_.get();
}

void ColumnReader::MaterializeDictionaryRows(const SelectionVector& selection, idx_t count, Vector& out) {
  out.Initialize(column_.type);
  const sel_t* sel = selection.data();
  // Entry dictionary_size_ exists (the NULL entry), so every index in `sel` is readable.
  GatherByWidth(dictionary_->raw_data(), value_width_, sel, count, out.raw_data());
  for (idx_t i = 0; i < count; i++) {
    if (sel[i] == dictionary_size_) out.validity().SetInvalid(i);
  }
  if (string_target_) out.KeepHeapOf(*dictionary_);
}

idx_t ColumnReader::LoadNextDataPage(idx_t skippable) {
  while (true) {
    if (chunk_pos_ >= chunk_size_) Corrupt("column chunk ends before all rows were read");
    size_t header_size = 0;
    page_index_ = pages_read_++;
    PageHeader header = DecodePageHeader(chunk_.get() + chunk_pos_, chunk_size_ - chunk_pos_, context_, header_size);
    chunk_pos_ += header_size;
    size_t compressed = static_cast<size_t>(header.compressed_page_size);
    size_t uncompressed = static_cast<size_t>(header.uncompressed_page_size);
    if (compressed > chunk_size_ - chunk_pos_) CorruptPage("page extends past the end of the column chunk");
    const uint8_t* body = chunk_.get() + chunk_pos_;
    chunk_pos_ += compressed;

    switch (header.type) {
      case PageType::DICTIONARY_PAGE: {
        if (!header.dictionary_page_header) CorruptPage("dictionary page without dictionary_page_header");
        // A column chunk has at most one dictionary page (parquet-format README, "Column
        // chunks"). A second one would leave rows already read referring to the old entries.
        if (dictionary_) CorruptPage("second dictionary page in the column chunk");
        const uint8_t* data = PageData(body, compressed, uncompressed, true);
        ReadDictionaryPage(header, data);
        page_owner_.reset();
        continue;
      }
      case PageType::DATA_PAGE: {
        if (!header.data_page_header) CorruptPage("data page without data_page_header");
        const DataPageHeader& d = *header.data_page_header;
        if (d.num_values < 0) CorruptPage("negative num_values in data page");
        // A flat column's page holds one level, hence one row, per value.
        if (d.num_values > 0 && static_cast<uint64_t>(d.num_values) <= skippable) return static_cast<idx_t>(d.num_values);
        const uint8_t* data = PageData(body, compressed, uncompressed, true);
        size_t pos = 0;
        page_all_valid_ = true;
        if (column_.max_definition_level > 0) {
          if (d.definition_level_encoding != Encoding::RLE) {
            throw Exception(sqlstate::kFeatureNotSupported,
                            context_ + ": definition level encoding " + EncodingName(d.definition_level_encoding) +
                                " is not supported");
          }
          if (uncompressed < 4) CorruptPage("definition levels cut off");
          uint32_t length = ReadLittleEndian32(data);
          if (length > uncompressed - 4) CorruptPage("definition levels length exceeds the page");
          definition_levels_ = LevelDecoder(data + 4, length, static_cast<uint8_t>(column_.max_definition_level));
          page_all_valid_ = false;
          pos = 4 + length;
        }
        SetupValues(d.encoding, data + pos, uncompressed - pos, d.num_values);
        if (d.num_values == 0) continue;
        return 0;
      }
      case PageType::DATA_PAGE_V2: {
        if (!header.data_page_header_v2) CorruptPage("data page v2 without data_page_header_v2");
        const DataPageHeaderV2& d = *header.data_page_header_v2;
        if (d.num_values < 0 || d.num_nulls < 0 || d.definition_levels_byte_length < 0 ||
            d.repetition_levels_byte_length < 0) {
          CorruptPage("negative count in data page v2 header");
        }
        if (d.num_nulls > d.num_values) {
          CorruptPage("num_nulls " + std::to_string(d.num_nulls) + " exceeds num_values " + std::to_string(d.num_values));
        }
        size_t levels = static_cast<size_t>(d.definition_levels_byte_length) +
                        static_cast<size_t>(d.repetition_levels_byte_length);
        if (levels > compressed || levels > uncompressed) CorruptPage("levels longer than the page");
        if (d.num_values > 0 && static_cast<uint64_t>(d.num_values) <= skippable) return static_cast<idx_t>(d.num_values);
        const uint8_t* definition = body + d.repetition_levels_byte_length;
        page_all_valid_ = true;
        if (column_.max_definition_level > 0 && !(d.definition_levels_byte_length == 0 && d.num_nulls == 0)) {
          definition_levels_ = LevelDecoder(definition, static_cast<size_t>(d.definition_levels_byte_length),
                                            static_cast<uint8_t>(column_.max_definition_level));
          page_all_valid_ = false;
        }
        const uint8_t* data = PageData(body + levels, compressed - levels, uncompressed - levels, d.is_compressed);
        SetupValues(d.encoding, data, uncompressed - levels, d.num_values);
        if (d.num_values == 0) continue;
        return 0;
      }
      case PageType::INDEX_PAGE:
        continue;
    }
  }
}

void ColumnReader::SetupValues(Encoding encoding, const uint8_t* data, size_t size, int64_t num_values) {
  page_encoding_ = encoding;
  page_values_left_ = num_values;
  const Type type = column_.physical_type;
  auto unsupported = [&] {
    throw Exception(sqlstate::kFeatureNotSupported, context_ + ": encoding " + EncodingName(encoding) + " (" +
                                                        std::to_string(static_cast<int>(encoding)) +
                                                        ") is not supported for " + TypeName(type) + " values");
  };
  switch (encoding) {
    case Encoding::PLAIN:
      plain_ = PlainDecoder(data, size);
      return;
    case Encoding::PLAIN_DICTIONARY:
    case Encoding::RLE_DICTIONARY:
      if (!dictionary_) CorruptPage("dictionary-encoded page without a dictionary page");
      if (size == 0) {
        rle_values_ = RleBitPackedDecoder(data, 0, 0);
      } else {
        rle_values_ = RleBitPackedDecoder(data + 1, size - 1, data[0]);
      }
      return;
    case Encoding::RLE: {
      if (type != Type::BOOLEAN) unsupported();
      if (size < 4) CorruptPage("RLE boolean data cut off");
      uint32_t length = ReadLittleEndian32(data);
      if (length > size - 4) CorruptPage("RLE boolean length exceeds the page");
      rle_values_ = RleBitPackedDecoder(data + 4, length, 1);
      return;
    }
    case Encoding::DELTA_BINARY_PACKED:
      if (type != Type::INT32 && type != Type::INT64) unsupported();
      delta_.Init(data, size);
      if (delta_.total_count() > static_cast<uint64_t>(num_values)) {
        CorruptPage("DELTA_BINARY_PACKED data declares " + std::to_string(delta_.total_count()) +
                    " values, the page header " + std::to_string(num_values));
      }
      return;
    case Encoding::DELTA_LENGTH_BYTE_ARRAY:
      if (type != Type::BYTE_ARRAY) unsupported();
      delta_length_.Init(data, size, static_cast<uint64_t>(num_values));
      return;
    case Encoding::DELTA_BYTE_ARRAY:
      if (type != Type::BYTE_ARRAY && type != Type::FIXED_LEN_BYTE_ARRAY) unsupported();
      delta_bytes_.Init(data, size, static_cast<uint64_t>(num_values));
      return;
    case Encoding::BYTE_STREAM_SPLIT: {
      size_t width = type == Type::FLOAT || type == Type::INT32    ? 4
                     : type == Type::DOUBLE || type == Type::INT64 ? 8
                     : type == Type::FIXED_LEN_BYTE_ARRAY          ? static_cast<size_t>(column_.type_length)
                                                                   : 0;
      if (width == 0) unsupported();
      byte_stream_split_ = ByteStreamSplitDecoder(data, size, width);
      return;
    }
    default:
      unsupported();
  }
}

void ColumnReader::ReadDictionaryPage(const PageHeader& header, const uint8_t* body) {
  const DictionaryPageHeader& d = *header.dictionary_page_header;
  if (d.encoding != Encoding::PLAIN && d.encoding != Encoding::PLAIN_DICTIONARY) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    context_ + ": dictionary page encoding " + EncodingName(d.encoding) + " is not supported");
  }
  size_t size = static_cast<size_t>(header.uncompressed_page_size);
  if (d.num_values < 0) CorruptPage("negative dictionary size");
  uint64_t max_values = column_.physical_type == Type::BOOLEAN ? uint64_t(size) * 8 : size;
  if (static_cast<uint64_t>(d.num_values) > max_values) CorruptPage("dictionary size exceeds the dictionary page");
  dictionary_size_ = static_cast<idx_t>(d.num_values);
  auto dictionary = std::make_shared<Vector>(column_.type, dictionary_size_ + 1);
  dictionary->validity().EnsureWritable(dictionary_size_ + 1);
  dictionary->validity().SetInvalid(dictionary_size_);
  Encoding saved = page_encoding_;
  page_encoding_ = Encoding::PLAIN;
  plain_ = PlainDecoder(body, size);
  DecodeValues(dictionary->raw_data(), dictionary_size_, *dictionary);
  page_encoding_ = saved;
  if (string_target_ && page_owner_) dictionary->heap().KeepAlive(page_owner_);
  dictionary_ = std::move(dictionary);
}

void ColumnReader::DecodeValues(uint8_t* dest, idx_t count, Vector& target) {
  if (count == 0) return;
  switch (column_.physical_type) {
    case Type::BOOLEAN: return DecodeConvert<uint8_t>(dest, count, target);
    case Type::INT32: return DecodeConvert<int32_t>(dest, count, target);
    case Type::INT64: return DecodeConvert<int64_t>(dest, count, target);
    case Type::INT96: return DecodeConvert<Int96>(dest, count, target);
    case Type::FLOAT: return DecodeConvert<float>(dest, count, target);
    case Type::DOUBLE: return DecodeConvert<double>(dest, count, target);
    case Type::BYTE_ARRAY:
    case Type::FIXED_LEN_BYTE_ARRAY: return DecodeConvert<string_t>(dest, count, target);
  }
}

template <class S>
void ColumnReader::DecodeConvert(uint8_t* dest, idx_t count, Vector& target) {
  if (column_.conversion == ValueConversion::NONE) {
    if constexpr (!std::is_same_v<S, Int96> && !std::is_same_v<S, float>) {
      DecodeSource<S>(reinterpret_cast<S*>(dest), count, target);
      return;
    }
  }
  S* source = Scratch<S>(count);
  DecodeSource<S>(source, count, target);
  Convert<S>(source, count, dest, target);
}

template <class S>
void ColumnReader::DecodeSource(S* out, idx_t count, Vector& target) {
  switch (page_encoding_) {
    case Encoding::PLAIN:
      if constexpr (std::is_same_v<S, uint8_t>) {
        plain_.ReadBooleans(out, count);
      } else if constexpr (std::is_same_v<S, string_t>) {
        if (column_.physical_type == Type::BYTE_ARRAY) plain_.ReadByteArrays(out, count);
        else plain_.ReadFixedLenByteArrays(out, count, static_cast<uint32_t>(column_.type_length));
      } else {
        plain_.ReadFixed(out, count);
      }
      return;
    case Encoding::RLE:
      if constexpr (std::is_same_v<S, uint8_t>) {
        rle_values_.GetBatch(out, count);
        return;
      }
      break;
    case Encoding::DELTA_BINARY_PACKED:
      if constexpr (std::is_same_v<S, int32_t> || std::is_same_v<S, int64_t>) {
        delta_.GetBatch(out, count);
        return;
      }
      break;
    case Encoding::DELTA_LENGTH_BYTE_ARRAY:
      if constexpr (std::is_same_v<S, string_t>) {
        if (count > delta_length_.remaining_values()) CorruptPage("DELTA_LENGTH_BYTE_ARRAY page holds too few values");
        delta_length_.GetBatch(out, count);
        return;
      }
      break;
    case Encoding::DELTA_BYTE_ARRAY:
      if constexpr (std::is_same_v<S, string_t>) {
        delta_bytes_.GetBatch(out, count, target.heap());
        if (column_.physical_type == Type::FIXED_LEN_BYTE_ARRAY) {
          for (idx_t i = 0; i < count; i++) {
            if (out[i].size() != static_cast<uint32_t>(column_.type_length)) CorruptPage("FIXED_LEN_BYTE_ARRAY value of wrong length");
          }
        }
        return;
      }
      break;
    case Encoding::BYTE_STREAM_SPLIT:
      if constexpr (std::is_same_v<S, string_t>) {
        size_t width = byte_stream_split_.value_size();
        if (count > byte_stream_split_.remaining_values()) CorruptPage("BYTE_STREAM_SPLIT page holds too few values");
        char* bytes = target.heap().Allocate(count * width);
        byte_stream_split_.GetBytes(reinterpret_cast<uint8_t*>(bytes), count);
        for (idx_t i = 0; i < count; i++) out[i] = string_t(bytes + i * width, static_cast<uint32_t>(width));
        return;
      } else if constexpr (!std::is_same_v<S, uint8_t> && !std::is_same_v<S, Int96>) {
        byte_stream_split_.GetBatch(out, count);
        return;
      }
      break;
    default:
      break;
  }
  CorruptPage(std::string("encoding ") + EncodingName(page_encoding_) + " cannot hold " + TypeName(column_.physical_type) +
          " values");
}

template <class S>
void ColumnReader::Convert(const S* source, idx_t count, uint8_t* dest, Vector& target) {
  auto* out64 = reinterpret_cast<int64_t*>(dest);
  auto* out128 = reinterpret_cast<hugeint_t*>(dest);
  auto* out_double = reinterpret_cast<double*>(dest);
  switch (column_.conversion) {
    case ValueConversion::NONE:
      if constexpr (std::is_same_v<S, float>) {
        for (idx_t i = 0; i < count; i++) out_double[i] = source[i];
        return;
      }
      break;
    case ValueConversion::INT32_TO_INT64:
      if constexpr (std::is_same_v<S, int32_t>) {
        for (idx_t i = 0; i < count; i++) out64[i] = source[i];
        return;
      }
      break;
    case ValueConversion::UINT32_TO_INT64:
      if constexpr (std::is_same_v<S, int32_t>) {
        for (idx_t i = 0; i < count; i++) out64[i] = static_cast<uint32_t>(source[i]);
        return;
      }
      break;
    case ValueConversion::INT32_TO_INT128:
    case ValueConversion::INT64_TO_INT128:
      if constexpr (std::is_same_v<S, int32_t> || std::is_same_v<S, int64_t>) {
        for (idx_t i = 0; i < count; i++) out128[i] = source[i];
        return;
      }
      break;
    case ValueConversion::UINT64_TO_INT128:
      if constexpr (std::is_same_v<S, int64_t>) {
        for (idx_t i = 0; i < count; i++) out128[i] = static_cast<hugeint_t>(static_cast<uint64_t>(source[i]));
        return;
      }
      break;
    case ValueConversion::INT32_MILLIS_TO_MICROS:
      if constexpr (std::is_same_v<S, int32_t>) {
        for (idx_t i = 0; i < count; i++) out64[i] = static_cast<int64_t>(source[i]) * 1000;
        return;
      }
      break;
    case ValueConversion::INT64_MILLIS_TO_MICROS:
      if constexpr (std::is_same_v<S, int64_t>) {
        for (idx_t i = 0; i < count; i++) out64[i] = MillisToMicros(source[i]);
        return;
      }
      break;
    case ValueConversion::INT64_NANOS_TO_MICROS:
      if constexpr (std::is_same_v<S, int64_t>) {
        for (idx_t i = 0; i < count; i++) out64[i] = NanosToMicros(source[i]);
        return;
      }
      break;
    case ValueConversion::INT96_TO_MICROS:
      if constexpr (std::is_same_v<S, Int96>) {
        for (idx_t i = 0; i < count; i++) out64[i] = Int96ToMicros(source[i]);
        return;
      }
      break;
    case ValueConversion::FLOAT_TO_DOUBLE:
      if constexpr (std::is_same_v<S, float>) {
        for (idx_t i = 0; i < count; i++) out_double[i] = source[i];
        return;
      }
      break;
    case ValueConversion::HALF_TO_DOUBLE:
      if constexpr (std::is_same_v<S, string_t>) {
        for (idx_t i = 0; i < count; i++) {
          if (source[i].size() != 2) CorruptPage("FLOAT16 value is not 2 bytes");
          out_double[i] = HalfToDouble(reinterpret_cast<const uint8_t*>(source[i].data()));
        }
        return;
      }
      break;
    case ValueConversion::BYTES_TO_DECIMAL64:
      if constexpr (std::is_same_v<S, string_t>) {
        for (idx_t i = 0; i < count; i++) {
          out64[i] = BigEndianToInteger<int64_t>(reinterpret_cast<const uint8_t*>(source[i].data()), source[i].size());
        }
        return;
      }
      break;
    case ValueConversion::BYTES_TO_DECIMAL128:
      if constexpr (std::is_same_v<S, string_t>) {
        for (idx_t i = 0; i < count; i++) {
          out128[i] = BigEndianToInteger<hugeint_t>(reinterpret_cast<const uint8_t*>(source[i].data()), source[i].size());
        }
        return;
      }
      break;
    case ValueConversion::BYTES_TO_UUID:
      if constexpr (std::is_same_v<S, string_t>) {
        auto* out = reinterpret_cast<string_t*>(dest);
        char* text = target.heap().Allocate(count * 36);
        for (idx_t i = 0; i < count; i++) {
          if (source[i].size() != 16) CorruptPage("UUID value is not 16 bytes");
          UuidToText(reinterpret_cast<const uint8_t*>(source[i].data()), text + i * 36);
          out[i] = string_t(text + i * 36, 36);
        }
        return;
      }
      break;
  }
  throw Exception(sqlstate::kInternalError, context_ + ": invalid value conversion");
}

}  // namespace cairn::parquet
