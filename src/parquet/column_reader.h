// ColumnReader: reads one flat column chunk (one column of one row group) page by page into
// Cairn Vectors of up to kStandardVectorSize rows.
//
// Pages (parquet-format README "Data Pages", "Column chunks"): an optional dictionary page,
// then data pages v1 (levels and values compressed together; levels prefixed by a 4-byte
// length) or v2 (levels uncompressed before the values; values compressed iff is_compressed).
// Flat columns have no repetition levels and a maximum definition level of 0 (REQUIRED) or 1
// (OPTIONAL). Values: PLAIN, PLAIN_DICTIONARY/RLE_DICTIONARY, RLE (BOOLEAN),
// DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY, BYTE_STREAM_SPLIT.
//
// Output: string columns whose rows come from dictionary-encoded pages become DICTIONARY
// vectors over one flat dictionary Vector built once per dictionary page (its last entry is a
// NULL used by NULL rows), so strings are never expanded. Other columns are FLAT; dictionary
// values are gathered in bulk. Strings reference page buffers, which the output vector's heap
// keeps alive. Values of NULL rows are undefined; validity is set. Type conversions (INT96,
// decimals, time units, unsigned widening) happen here (see ValueConversion).
//
// Memory: the chunk's compressed bytes are read with one positional read; each page is
// decompressed into its own buffer (reused when no vector references the previous one).
//
// Safety against crafted files: definition levels are checked against the column's maximum
// level and present rows are counted by level value (LevelDecoder), so a batch never holds more
// values than rows; dictionary indices are checked against the dictionary size per batch; a
// chunk may hold one dictionary page; value counts declared inside encoded data are bounded by
// the page header's num_values; page sizes are checked against the chunk and the decompressed
// size against the header. Every decoder bounds its reads by its buffer.
//
// Errors: cairn::Exception(kDataCorrupted) "<file>: column \"x\": page N: ..." for malformed pages,
// kFeatureNotSupported for encodings/codecs Cairn does not read, I/O errors from FileHandle.
// Thread-safety: one reader per thread.
#pragma once

#include <memory>
#include <string>

#include "cairn/vector.h"
#include "io/file_system.h"
#include "parquet/encoding/byte_stream_split_decoder.h"
#include "parquet/encoding/delta_binary_packed_decoder.h"
#include "parquet/encoding/delta_byte_array_decoder.h"
#include "parquet/encoding/delta_length_byte_array_decoder.h"
#include "parquet/encoding/level_decoder.h"
#include "parquet/encoding/plain_decoder.h"
#include "parquet/encoding/rle_bit_packed_decoder.h"
#include "parquet/parquet_metadata.h"
#include "parquet/parquet_schema.h"

namespace cairn::parquet {

class ColumnReader {
 public:
  /// Prepares to read `column` from `chunk` (of a row group of `num_rows` rows) in `file`,
  /// whose size is `file_size`. Reads the chunk's bytes. Throws kDataCorrupted when the chunk's
  /// byte range lies outside the file or metadata is missing.
  ColumnReader(FileHandle& file, idx_t file_size, const std::string& file_path, const ParquetColumn& column,
               const ColumnChunk& chunk, int64_t num_rows);

  /// Reads the next `count` rows (1..kStandardVectorSize, at most the rows left) into `out`,
  /// replacing its contents (out becomes FLAT or DICTIONARY of the column's type).
  void Read(idx_t count, Vector& out);

  /// Skips the next `count` rows (at most rows_left(); any number, not bounded by
  /// kStandardVectorSize) without materializing them. Data pages lying wholly inside the skipped
  /// rows are neither decompressed nor decoded (their header's num_values says how many rows
  /// they hold); values of partly skipped pages are stepped over without conversion.
  void Skip(idx_t count);

  /// Reads the next `count` rows (1..kStandardVectorSize, at most the rows left) as Read does,
  /// but materializes only rows `sel[0..sel_count)` (strictly ascending offsets below `count`)
  /// into out[0..sel_count): dictionary indices are decoded and only the selected entries
  /// gathered, PLAIN fixed-width values are picked without touching the others, pages holding
  /// no selected row are skipped as by Skip. Throws kInternalError for a malformed `sel`.
  void ReadSelected(idx_t count, const sel_t* sel, idx_t sel_count, Vector& out);

  /// When on, rows of dictionary-encoded pages of every type (not only strings) come out as
  /// DICTIONARY vectors over the chunk's dictionary Vector (which holds dictionary-size + 1
  /// entries, the last one NULL), so a predicate can be evaluated once per dictionary entry.
  void set_dictionary_output(bool on) { dictionary_output_ = on; }

  /// Rows not yet read.
  int64_t rows_left() const { return rows_left_; }

 private:
  void ReadRows(idx_t count, Vector& out);
  void ReadSelectedRows(idx_t count, const sel_t* sel, idx_t sel_count, Vector& out);
  void SkipRows(idx_t count);
  /// Decodes the next page headers up to and including the next data page, which becomes the
  /// current page. If that page's num_values is at most `skippable` (> 0), its body is neither
  /// decompressed nor decoded and its row count is returned (no page becomes current);
  /// otherwise returns 0.
  idx_t LoadNextDataPage(idx_t skippable = 0);
  /// Reads the presence flags of the next `n` rows of the current page into levels_ (when the
  /// page has levels) and returns how many of them hold a value.
  idx_t ReadPresence(idx_t n);
  /// Steps over `count` non-null values of the current page without converting them.
  void SkipValues(idx_t count);
  /// Turns `out` (DICTIONARY selection over dictionary_ of `count` rows so far) into a FLAT
  /// vector holding those rows.
  void MaterializeDictionaryRows(const SelectionVector& selection, idx_t count, Vector& out);
  /// Writes the values at positions `ranks[0..count)` among the next `valid` values of the
  /// current PLAIN page (kNoRank: a NULL row, left undefined) to dest[0..count), converted, and
  /// consumes the `valid` values.
  template <class S>
  void PickPlain(const uint32_t* ranks, idx_t count, idx_t valid, uint8_t* dest, Vector& target);
  /// Decompresses a page body (or aliases the chunk buffer when uncompressed).
  const uint8_t* PageData(const uint8_t* body, size_t compressed_size, size_t uncompressed_size, bool compressed);
  void ReadDictionaryPage(const PageHeader& header, const uint8_t* body);
  void SetupValues(Encoding encoding, const uint8_t* data, size_t size, int64_t num_values);
  bool DictionaryEncodedPage() const {
    return page_encoding_ == Encoding::RLE_DICTIONARY || page_encoding_ == Encoding::PLAIN_DICTIONARY;
  }

  /// Decodes `count` non-null values densely into `dest` (physical layout of the column type).
  void DecodeValues(uint8_t* dest, idx_t count, Vector& target);
  template <class S>
  void DecodeConvert(uint8_t* dest, idx_t count, Vector& target);
  template <class S>
  void DecodeSource(S* out, idx_t count, Vector& target);
  template <class S>
  void Convert(const S* source, idx_t count, uint8_t* dest, Vector& target);
  /// Decodes `count` dictionary indices into indices_ and checks them.
  void DecodeIndices(idx_t count);
  template <class T>
  T* Scratch(idx_t count);

  [[noreturn]] void Corrupt(const std::string& what) const;
  /// Corrupt() naming the current page ("page N", 0-based within the column chunk).
  [[noreturn]] void CorruptPage(const std::string& what) const;

  std::string context_;  // "<file>: column \"name\""
  ParquetColumn column_;
  CompressionCodec codec_ = CompressionCodec::UNCOMPRESSED;
  idx_t value_width_ = 0;  // bytes per value of the Cairn physical type
  bool string_target_ = false;

  std::shared_ptr<uint8_t[]> chunk_;
  size_t chunk_size_ = 0;
  size_t chunk_pos_ = 0;
  idx_t pages_read_ = 0;  // page headers decoded so far in this chunk
  idx_t page_index_ = 0;  // 0-based index of the current page within the chunk
  int64_t rows_left_ = 0;

  // Current data page.
  std::shared_ptr<const void> page_owner_;  // keeps the page's value bytes alive
  std::shared_ptr<uint8_t[]> decompressed_;  // last decompression buffer (reused if unshared)
  size_t decompressed_capacity_ = 0;
  int64_t page_values_left_ = 0;
  Encoding page_encoding_ = Encoding::PLAIN;
  bool page_all_valid_ = true;
  LevelDecoder definition_levels_;
  PlainDecoder plain_;
  RleBitPackedDecoder rle_values_;  // dictionary indices or RLE booleans
  DeltaBinaryPackedDecoder delta_;
  DeltaLengthByteArrayDecoder delta_length_;
  DeltaByteArrayDecoder delta_bytes_;
  ByteStreamSplitDecoder byte_stream_split_;

  // Dictionary (Cairn type, converted); entry dictionary_size_ is NULL.
  std::shared_ptr<Vector> dictionary_;
  idx_t dictionary_size_ = 0;

  bool dictionary_output_ = false;

  uint8_t levels_[kStandardVectorSize];  // presence flags of the batch (1 = value, 0 = NULL)
  uint32_t indices_[kStandardVectorSize];
  uint32_t ranks_[kStandardVectorSize];  // ReadSelected: value position of each selected row
  uint32_t gather_[kStandardVectorSize];  // ReadSelected: dictionary index of each selected row
  alignas(16) uint64_t values_[2 * kStandardVectorSize];  // ReadSelected: decoded values (up to 16 bytes each)
  std::unique_ptr<uint64_t[]> scratch_;
  size_t scratch_bytes_ = 0;
};

}  // namespace cairn::parquet
