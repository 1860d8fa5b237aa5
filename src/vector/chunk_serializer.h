// ChunkSerializer: a DataChunk (its column types and rows, NULLs included) as bytes and back,
// for write-ahead log records of inserted rows and the temporary files of spilling operators
// (execution/spill_file.h). The layout is columnar — per column a validity bitmap, then all
// values — so encoding and decoding are mostly memcpy.
//
// Byte format, version 1 (integers little-endian):
//
//   u8   format version (1)
//   u32  column_count (at most kMaxColumns)
//   u32  row_count (at most kMaxRows)
//   column_count types, 4 bytes each:
//     u8   type id (cairn::TypeId), u8 width, u8 scale, u8 element type id
//          width/scale: DECIMAL, or an ARRAY of DECIMAL; element type id: ARRAY; 0 otherwise
//   then per column, in order:
//     u8   validity: 0 = every row valid, 1 = a bitmap of ceil(row_count / 8) bytes follows
//          (bit i % 8 of byte i / 8 set = row i valid; the bits past row_count are 0)
//     values of all rows, NULL rows as zero (the physical representation of include/cairn/types.h):
//       BOOL                   row_count bytes, 0 or 1
//       INT32 INT64 INT128     row_count * 4 / 8 / 16 bytes, two's complement
//       DOUBLE                 row_count * 8 bytes, IEEE 754 binary64
//       INTERVAL               row_count * 16 bytes: months i32, days i32, micros i64
//       STRING                 row_count * u32 byte lengths (0 for NULL), then the bytes of every
//                              value back to back (VARCHAR/BLOB/UUID/JSON/JSONB as stored; an
//                              ARRAY in its element encoding, src/common/array_encoding.h)
//
// Decoding treats the bytes as untrusted (they come from disk): every count and length is
// checked against the bytes left before anything is allocated or read, so allocations stay
// proportional to the input, and values are checked against their declared type (a known type
// id with a valid width/scale/element; BOOL 0 or 1; narrow and unsigned integers, DECIMAL and
// NUMERIC within their ranges; text well-formed UTF-8 without NUL; UUID in canonical form; an
// ARRAY a well-formed element encoding). Anything else throws XX001 naming the byte offset.
//
// Thread-safety: stateless; the functions are reentrant.
#pragma once

#include <string>
#include <string_view>

#include "cairn/data_chunk.h"

namespace cairn {

class ChunkSerializer {
 public:
  /// Serialization format version written and read.
  static constexpr uint8_t kFormatVersion = 1;
  /// Most rows a serialized chunk may declare (a DataChunk holds kStandardVectorSize; larger
  /// chunks are allowed for batch records, up to this bound).
  static constexpr idx_t kMaxRows = idx_t(1) << 20;
  /// Most columns a serialized chunk may declare: PostgreSQL's limit for a table
  /// (MaxHeapAttributeNumber). Bounds what a small malformed input can make the decoder allocate.
  static constexpr idx_t kMaxColumns = 1600;

  /// Appends the encoding of `chunk` (any vector kinds: constant and dictionary vectors are
  /// written flat) to `out`. Throws XX000 for a chunk of more than kMaxRows rows or with a
  /// column whose type has no encoding (INVALID), or more than kMaxColumns columns.
  static void Serialize(const DataChunk& chunk, std::string& out);
  /// The encoding of `chunk` (see above).
  static std::string Serialize(const DataChunk& chunk);

  /// Decodes one chunk from the front of `input` into `out` (re-initialized with the decoded
  /// types, flat vectors of capacity max(row_count, kStandardVectorSize)) and advances `input`
  /// past it. Throws XX001 when the bytes are not a well-formed chunk; `out` is unspecified then.
  static void Deserialize(std::string_view& input, DataChunk& out);
  /// Decodes `bytes`, which must hold exactly one chunk (trailing bytes are XX001).
  static DataChunk Deserialize(std::string_view bytes);
};

}  // namespace cairn
