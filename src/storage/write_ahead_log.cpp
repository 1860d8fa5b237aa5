// WriteAheadLog (see src/storage/write_ahead_log.h; byte format in docs/format/wal.md).
#include "storage/write_ahead_log.h"

#include <zlib.h>

#include <algorithm>
#include <bit>
#include <cstring>

#include "cairn/exception.h"

namespace cairn {

static_assert(std::endian::native == std::endian::little, "the WAL codec writes integers in native order");

namespace {

constexpr char kMagic[8] = {'C', 'A', 'I', 'R', 'N', 'W', 'A', 'L'};
constexpr uint32_t kFormatVersion = 1;
constexpr idx_t kReadWindow = idx_t(1) << 20;  // bytes the reader fetches at a time

template <class T>
void Store(char* out, T value) {
  std::memcpy(out, &value, sizeof(T));
}

template <class T>
T Load(const char* in) {
  T value;
  std::memcpy(&value, in, sizeof(T));
  return value;
}

uint32_t Crc(uint32_t crc, const char* data, idx_t length) {
  // zlib's crc32 takes a 32-bit length; payloads are at most 1 GiB, but stay general.
  while (length > 0) {
    const auto step = static_cast<uInt>(std::min<idx_t>(length, idx_t(1) << 30));
    crc = static_cast<uint32_t>(crc32(crc, reinterpret_cast<const Bytef*>(data), step));
    data += step;
    length -= step;
  }
  return crc;
}

std::string EncodeFileHeader(uint64_t first_lsn) {
  std::string header(WriteAheadLog::kFileHeaderSize, '\0');
  std::memcpy(header.data(), kMagic, sizeof(kMagic));
  Store<uint32_t>(header.data() + 8, kFormatVersion);
  Store<uint64_t>(header.data() + 12, first_lsn);
  Store<uint32_t>(header.data() + 20, Crc(0, header.data(), 20));
  return header;
}

void AppendRecord(std::string& out, uint64_t lsn, std::string_view payload) {
  char header[WriteAheadLog::kRecordHeaderSize];
  Store<uint32_t>(header + 4, static_cast<uint32_t>(payload.size()));
  Store<uint64_t>(header + 8, lsn);
  uint32_t crc = Crc(0, header + 4, 12);
  crc = Crc(crc, payload.data(), payload.size());
  Store<uint32_t>(header, crc);
  out.append(header, sizeof(header));
  out.append(payload);
}

[[noreturn]] void ThrowCorrupted(const std::string& path, idx_t offset, const std::string& what) {
  throw Exception(sqlstate::kDataCorrupted, "write-ahead log \"" + path + "\" is corrupted at byte " +
                                                std::to_string(offset) + ": " + what);
}

/// Positional reads through a window of the file, so records are read in large pieces.
class FileWindow {
 public:
  explicit FileWindow(FileHandle& file) : file_(file), size_(file.Size()) {}

  idx_t size() const { return size_; }

  /// The bytes [offset, offset + length). REQUIRES: offset + length <= size().
  std::string_view Get(idx_t offset, idx_t length) {
    if (offset < start_ || offset + length > start_ + buffer_.size()) {
      const idx_t load = std::min(size_ - offset, std::max(length, kReadWindow));
      buffer_.resize(load);
      file_.Read(buffer_.data(), load, offset);
      start_ = offset;
    }
    return std::string_view(buffer_).substr(offset - start_, length);
  }

 private:
  FileHandle& file_;
  idx_t size_;
  std::string buffer_;
  idx_t start_ = 0;
};

/// A record whose bytes are all in the file and whose checksum matches.
struct RecordView {
  uint64_t lsn = 0;
  std::string_view payload;
};

/// Decodes the record at `offset`; nullopt (with `problem` set) if it is incomplete or fails
/// its checksum.
std::optional<RecordView> TryRecordAt(FileWindow& window, idx_t offset, std::string* problem) {
  const idx_t remaining = window.size() - offset;
  if (remaining < WriteAheadLog::kRecordHeaderSize) {
    if (problem) *problem = "incomplete record header (" + std::to_string(remaining) + " bytes)";
    return std::nullopt;
  }
  std::string_view header = window.Get(offset, WriteAheadLog::kRecordHeaderSize);
  const auto length = Load<uint32_t>(header.data() + 4);
  if (length > WriteAheadLog::kMaxPayloadSize || length > remaining - WriteAheadLog::kRecordHeaderSize) {
    if (problem) {
      *problem = "record of " + std::to_string(length) + " payload bytes extends past the end of the file (" +
                 std::to_string(remaining - WriteAheadLog::kRecordHeaderSize) + " bytes left)";
    }
    return std::nullopt;
  }
  std::string_view bytes = window.Get(offset, WriteAheadLog::kRecordHeaderSize + length);
  const auto stored = Load<uint32_t>(bytes.data());
  const uint32_t computed = Crc(0, bytes.data() + 4, bytes.size() - 4);
  if (stored != computed) {
    if (problem) *problem = "record checksum mismatch";
    return std::nullopt;
  }
  return RecordView{Load<uint64_t>(bytes.data() + 8), bytes.substr(WriteAheadLog::kRecordHeaderSize)};
}

}  // namespace

WalReadResult WriteAheadLog::Read(FileSystem& fs, const std::string& path, const RecordCallback& callback) {
  auto file = fs.OpenForRead(path);
  FileWindow window(*file);
  WalReadResult result;
  result.file_size = window.size();
  if (window.size() < kFileHeaderSize) {
    ThrowCorrupted(path, 0, "the file header is incomplete (" + std::to_string(window.size()) + " of " +
                                std::to_string(kFileHeaderSize) + " bytes)");
  }
  std::string_view header = window.Get(0, kFileHeaderSize);
  if (std::memcmp(header.data(), kMagic, sizeof(kMagic)) != 0) {
    ThrowCorrupted(path, 0, "not a Cairn write-ahead log (bad magic)");
  }
  if (Load<uint32_t>(header.data() + 20) != Crc(0, header.data(), 20)) {
    ThrowCorrupted(path, 20, "file header checksum mismatch");
  }
  const auto version = Load<uint32_t>(header.data() + 8);
  if (version != kFormatVersion) {
    ThrowCorrupted(path, 8, "unsupported format version " + std::to_string(version) + " (this build reads " +
                                std::to_string(kFormatVersion) + ")");
  }
  result.first_lsn = Load<uint64_t>(header.data() + 12);
  if (result.first_lsn == 0) ThrowCorrupted(path, 12, "the first LSN is 0");

  idx_t offset = kFileHeaderSize;
  uint64_t expected = result.first_lsn;
  while (offset < window.size()) {
    std::string problem;
    auto record = TryRecordAt(window, offset, &problem);
    if (!record) {
      // Torn tail or corruption: a torn tail has no valid record after it. A later record of
      // this log would carry an LSN in [expected, expected + (p - offset) / kRecordHeaderSize]
      // (every record takes at least a header), which makes the search cheap and exact.
      for (idx_t p = offset + 1; p + kRecordHeaderSize <= window.size(); p++) {
        const auto lsn = Load<uint64_t>(window.Get(p, kRecordHeaderSize).data() + 8);
        if (lsn < expected || lsn - expected > (p - offset) / kRecordHeaderSize) continue;
        if (auto later = TryRecordAt(window, p, nullptr)) {
          ThrowCorrupted(path, offset, problem + ", but a valid record (LSN " + std::to_string(later->lsn) +
                                           ") follows at byte " + std::to_string(p));
        }
      }
      result.torn_tail = true;
      break;
    }
    if (record->lsn != expected) {
      ThrowCorrupted(path, offset, "record has LSN " + std::to_string(record->lsn) + " where LSN " +
                                       std::to_string(expected) + " was expected");
    }
    callback(record->lsn, record->payload);
    result.record_count++;
    expected++;
    offset += kRecordHeaderSize + record->payload.size();
  }
  result.last_lsn = expected - 1;
  result.valid_bytes = offset;
  return result;
}

void WriteAheadLog::ReplaceFile(FileSystem& fs, const std::string& path, uint64_t first_lsn, FileHandle* records,
                                idx_t records_offset, idx_t records_length) {
  const std::string temporary = path + ".tmp";
  auto file = fs.OpenForWrite(temporary, WriteMode::kTruncate);
  const std::string header = EncodeFileHeader(first_lsn);
  file->Append(header.data(), header.size());
  std::string buffer;
  for (idx_t done = 0; done < records_length;) {
    const idx_t step = std::min(records_length - done, kReadWindow);
    buffer.resize(step);
    records->Read(buffer.data(), step, records_offset + done);
    file->Append(buffer.data(), step);
    done += step;
  }
  file->Sync();
  file->Close();
  fs.Rename(temporary, path);
  fs.SyncDirectory(ParentDirectory(path));
}

std::unique_ptr<WriteAheadLog> WriteAheadLog::Create(FileSystem& fs, const std::string& path, uint64_t first_lsn) {
  if (first_lsn == 0) throw Exception(sqlstate::kInternalError, "write-ahead log LSNs start at 1");
  ReplaceFile(fs, path, first_lsn, nullptr, 0, 0);
  auto file = fs.OpenForWrite(path, WriteMode::kAppend);
  return std::unique_ptr<WriteAheadLog>(new WriteAheadLog(fs, path, std::move(file), first_lsn));
}

std::unique_ptr<WriteAheadLog> WriteAheadLog::Open(FileSystem& fs, const std::string& path,
                                                   const RecordCallback& replay, WalReadResult* result) {
  if (!fs.Exists(path)) {
    auto log = Create(fs, path, 1);
    if (result) {
      *result = WalReadResult{};
      result->first_lsn = 1;
      result->valid_bytes = result->file_size = kFileHeaderSize;
    }
    return log;
  }
  WalReadResult recovered = Read(fs, path, replay);
  if (result) *result = recovered;
  // A temporary left by a crash in Create, Reset or a previous recovery is garbage now.
  if (fs.Exists(path + ".tmp")) fs.RemoveFile(path + ".tmp");
  if (recovered.torn_tail) {
    auto old = fs.OpenForRead(path);
    ReplaceFile(fs, path, recovered.first_lsn, old.get(), kFileHeaderSize, recovered.valid_bytes - kFileHeaderSize);
  }
  auto file = fs.OpenForWrite(path, WriteMode::kAppend);
  return std::unique_ptr<WriteAheadLog>(new WriteAheadLog(fs, path, std::move(file), recovered.last_lsn + 1));
}

WriteAheadLog::WriteAheadLog(FileSystem& fs, std::string path, std::unique_ptr<WritableFile> file, uint64_t next_lsn)
    : fs_(fs), path_(std::move(path)), file_(std::move(file)), next_lsn_(next_lsn), durable_lsn_(next_lsn - 1) {}

WriteAheadLog::~WriteAheadLog() {
  if (!file_) return;
  try {
    file_->Close();
  } catch (...) {
    // Records not committed may be lost; committed ones are synced already.
  }
}

void WriteAheadLog::ThrowFailed() const { throw Exception(sqlstate::kIoError, *failure_); }

uint64_t WriteAheadLog::Append(std::string_view payload) {
  if (payload.size() > kMaxPayloadSize) {
    throw Exception(sqlstate::kProgramLimitExceeded, "a write-ahead log record of " + std::to_string(payload.size()) +
                                                         " bytes exceeds the limit of " +
                                                         std::to_string(kMaxPayloadSize) + " bytes");
  }
  std::lock_guard lock(mutex_);
  if (failure_) ThrowFailed();
  const uint64_t lsn = next_lsn_++;
  AppendRecord(buffer_, lsn, payload);
  return lsn;
}

void WriteAheadLog::Commit(uint64_t lsn) {
  std::unique_lock lock(mutex_);
  if (lsn >= next_lsn_) {
    throw Exception(sqlstate::kInternalError, "write-ahead log commit of LSN " + std::to_string(lsn) +
                                                  ", which was never appended (next LSN " +
                                                  std::to_string(next_lsn_) + ")");
  }
  while (true) {
    if (failure_) ThrowFailed();
    if (durable_lsn_ >= lsn) return;
    if (!sync_in_progress_) break;
    synced_.wait(lock);
  }
  // Leader: write and sync everything buffered so far, outside the mutex so that other
  // committers can buffer the records the next round will cover.
  sync_in_progress_ = true;
  std::string batch;
  batch.swap(buffer_);
  const uint64_t target = next_lsn_ - 1;
  lock.unlock();
  std::optional<std::string> error;
  try {
    if (!batch.empty()) file_->Append(batch.data(), batch.size());
    file_->Sync();
  } catch (const std::exception& e) {
    error = e.what();
  }
  lock.lock();
  sync_count_++;
  sync_in_progress_ = false;
  if (error) {
    failure_ = "the write-ahead log could not be synced: " + *error + "; the database no longer accepts writes";
  } else {
    durable_lsn_ = target;
  }
  synced_.notify_all();
  if (failure_) ThrowFailed();
}

uint64_t WriteAheadLog::AppendAndSync(std::string_view payload) {
  const uint64_t lsn = Append(payload);
  Commit(lsn);
  return lsn;
}

void WriteAheadLog::Reset(uint64_t next_lsn) {
  std::unique_lock lock(mutex_);
  synced_.wait(lock, [&] { return !sync_in_progress_; });
  if (failure_) ThrowFailed();
  if (durable_lsn_ + 1 != next_lsn_) {
    throw Exception(sqlstate::kInternalError, "write-ahead log reset with uncommitted records (LSNs " +
                                                  std::to_string(durable_lsn_ + 1) + " to " +
                                                  std::to_string(next_lsn_ - 1) + ")");
  }
  if (next_lsn < next_lsn_) {
    throw Exception(sqlstate::kInternalError, "write-ahead log reset to LSN " + std::to_string(next_lsn) +
                                                  ", below the next LSN " + std::to_string(next_lsn_));
  }
  sync_in_progress_ = true;  // keeps committers out while the file is swapped
  lock.unlock();
  std::unique_ptr<WritableFile> replacement;
  std::optional<std::string> error;
  try {
    file_->Close();
    ReplaceFile(fs_, path_, next_lsn, nullptr, 0, 0);
    replacement = fs_.OpenForWrite(path_, WriteMode::kAppend);
  } catch (const std::exception& e) {
    error = e.what();
  }
  lock.lock();
  sync_in_progress_ = false;
  if (error) {
    failure_ = "the write-ahead log could not be reset: " + *error + "; the database no longer accepts writes";
  } else {
    file_ = std::move(replacement);
    next_lsn_ = next_lsn;
    durable_lsn_ = next_lsn - 1;
  }
  synced_.notify_all();
  if (failure_) ThrowFailed();
}

uint64_t WriteAheadLog::next_lsn() const {
  std::lock_guard lock(mutex_);
  return next_lsn_;
}

uint64_t WriteAheadLog::durable_lsn() const {
  std::lock_guard lock(mutex_);
  return durable_lsn_;
}

idx_t WriteAheadLog::sync_count() const {
  std::lock_guard lock(mutex_);
  return sync_count_;
}

bool WriteAheadLog::failed() const {
  std::lock_guard lock(mutex_);
  return failure_.has_value();
}

}  // namespace cairn
