// SpillFile: a temporary file of DataChunks that a spilling operator (hash aggregation, ORDER
// BY) writes when its query's memory nears the limit (MemoryTracker::ShouldSpill) and reads
// back later. Each chunk is stored in the ChunkSerializer encoding (vector/chunk_serializer.h)
// behind an 8-byte little-endian length; the offsets of the chunks are kept in memory, so any
// chunk can be read back on its own.
//
// Lifetime: the file is created in the query's temporary directory (SET temp_directory;
// default $TMPDIR, else /tmp) and unlinked at once (O_TMPFILE where the file system supports
// it), so it has no name: its blocks are freed when the SpillFile is destroyed — when the
// query ends, fails or is cancelled — and even if the process dies, nothing is left behind.
//
// Reading decodes through ChunkSerializer's checked decoder (a damaged file is XX001, never a
// crash).
//
// Thread-safety: one thread appends; after FinishWriting, any number of threads may read
// concurrently (positional reads, no shared cursor).
#pragma once

#include <string>
#include <vector>

#include "cairn/data_chunk.h"

namespace cairn {

class SpillFile {
 public:
  /// Bytes of serialized chunks buffered before they are written to the file.
  /// An aggregate spills to 2^6 partition files per thread, so this stays small.
  static constexpr size_t kWriteBufferBytes = size_t(256) << 10;

  /// Creates an empty file in `directory` (empty: $TMPDIR, else /tmp; created if missing).
  /// Throws cairn::Exception 58030 naming the directory when it cannot be created.
  explicit SpillFile(const std::string& directory);
  ~SpillFile();
  SpillFile(const SpillFile&) = delete;
  SpillFile& operator=(const SpillFile&) = delete;

  /// Appends the rows of `chunk` (any vector kinds). Throws 53100 when the disk is full,
  /// 58030 on another write error. REQUIRES: FinishWriting not called.
  void Append(const DataChunk& chunk);
  /// Writes what is buffered; afterwards the file may be read (and no longer appended to).
  void FinishWriting();

  /// Chunks and rows appended.
  idx_t ChunkCount() const { return offsets_.size() - 1; }
  idx_t RowCount() const { return rows_; }
  /// Bytes of the file (after FinishWriting: all of it).
  uint64_t SizeBytes() const { return offsets_.back(); }
  /// The directory the file lives in (for messages).
  const std::string& directory() const { return directory_; }

  /// Decodes chunk `i` (< ChunkCount()) into `out` (re-initialized with the chunk's types).
  /// Throws 58030 on a read error, XX001 if the bytes are damaged. REQUIRES: FinishWriting.
  void ReadChunk(idx_t i, DataChunk& out) const;

 private:
  void Flush();

  std::string directory_;
  int fd_ = -1;
  std::vector<uint64_t> offsets_ = std::vector<uint64_t>(1, 0);  // ChunkCount() + 1 file offsets
  uint64_t flushed_ = 0;                                        // bytes written to the file
  std::string buffer_;                                          // bytes after flushed_
  idx_t rows_ = 0;
};

/// The temporary directory spilling operators of the calling thread's query use:
/// MemoryTracker::Current()'s temporary_directory(), or "" (the system's) outside a query.
std::string CurrentTemporaryDirectory();

}  // namespace cairn
