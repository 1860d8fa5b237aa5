#include "formats/csv_source.h"

#include <fmt/format.h>

#include <limits>
#include <mutex>
#include <optional>

#include "cairn/exception.h"
#include "formats/csv_boundary_finder.h"
#include "formats/csv_reader.h"
#include "formats/csv_tokenizer.h"
#include "io/file_system.h"

namespace cairn {
namespace {

std::string BaseName(const std::string& path) {
  auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

struct CsvState {
  FileSystem* file_system = nullptr;
  std::vector<std::string> files;
  CsvOptions options;
  CsvSniffResult schema;
  std::string schema_file;
  std::vector<ColumnDefinition> columns;
  idx_t estimated_rows = 0;
};

class CsvPartition final : public ScanPartition {
 public:
  CsvPartition(std::shared_ptr<const CsvState> state, const std::string& file, std::vector<idx_t> column_ids,
               const CsvByteRange& range)
      : state_(std::move(state)),
        reader_(*state_->file_system, file, state_->options, state_->schema, std::move(column_ids), state_->schema_file,
                range) {}
  bool Next(DataChunk& out) override { return reader_.Next(out); }

 private:
  std::shared_ptr<const CsvState> state_;
  CsvReader reader_;
};

/// How one file is cut into byte ranges: the whole file, or (a file larger than the range
/// size) ranges of about options.scan_range_bytes whose ends CsvBoundaryFinder finds as the
/// scan proceeds.
struct CsvFileSplit {
  idx_t file = 0;                               // index into CsvState::files
  std::unique_ptr<CsvBoundaryFinder> finder;    // null: the file is one range
  idx_t data_start = 0;                         // offset of the first row after the header
  idx_t ranges = 0;                             // ranges handed out (or skipped as empty)
  CsvRowStart next;                             // where the next range starts
  bool done = false;
};

class CsvGlobalScan final : public GlobalScan {
 public:
  CsvGlobalScan(std::shared_ptr<const CsvState> state, std::vector<idx_t> column_ids)
      : state_(std::move(state)), column_ids_(std::move(column_ids)) {}

  std::unique_ptr<ScanPartition> NextPartition() override {
    idx_t file;
    CsvByteRange range;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!NextRange(file, range)) return nullptr;
    }
    return std::make_unique<CsvPartition>(state_, state_->files[file], column_ids_, range);
  }

 private:
  /// The next range to read, under mutex_. False when every file is done.
  bool NextRange(idx_t& file, CsvByteRange& range) {
    while (true) {
      if (!split_ || split_->done) {
        if (next_file_ >= state_->files.size()) return false;
        split_ = Split(next_file_++);
      }
      CsvFileSplit& split = *split_;
      file = split.file;
      if (!split.finder) {  // the whole file
        split.done = true;
        range = CsvByteRange{};
        return true;
      }
      const idx_t index = split.ranges++;
      const CsvRowStart begin = split.next;
      const idx_t range_bytes = state_->options.scan_range_bytes;
      const idx_t boundary = split.data_start + (index + 1) * range_bytes;
      CsvRowStart end{split.finder->file_size(), 0};
      if (boundary < split.finder->file_size()) {
        std::optional<CsvRowStart> found = split.finder->RowStartAtOrAfter(boundary);
        // Without a boundary (malformed text ahead), this range reads to the end of the file,
        // whose tokenizer reports the error as a sequential read would.
        if (found) end = *found;
      }
      split.next = end;
      if (end.offset >= split.finder->file_size()) split.done = true;
      if (index > 0 && end.offset <= begin.offset) continue;  // no row starts in this range
      range = CsvByteRange{index == 0 ? 0 : begin.offset, end.offset, begin.line};
      if (split.done) range.end = std::numeric_limits<idx_t>::max();
      return true;
    }
  }

  /// Decides how file `file` is read: ranges when it is larger than one range, its dialect is
  /// one the finder follows and its first data row can be found; else the whole file.
  std::unique_ptr<CsvFileSplit> Split(idx_t file) const {
    auto split = std::make_unique<CsvFileSplit>();
    split->file = file;
    const std::string& path = state_->files[file];
    const CsvOptions& options = state_->options;
    const char delimiter = state_->schema.delimiter;
    if (options.scan_range_bytes == 0 || !CsvBoundaryFinder::SupportsDialect(delimiter, options.quote, options.escape)) {
      return split;
    }
    FileSystem& fs = *state_->file_system;
    try {
      if (fs.OpenForRead(path)->Size() <= options.scan_range_bytes) return split;
      // The first data row: after the byte order mark, the skipped lines and the header.
      CsvTokenizer tokenizer(fs, path, delimiter, options.quote, options.escape);
      tokenizer.SkipLines(options.skip_rows);
      if (state_->schema.header) {
        std::vector<CsvField> fields;
        uint64_t line;
        tokenizer.NextRow(fields, line);
      }
      const CsvRowStart data_start{tokenizer.bytes_consumed(), tokenizer.line()};
      split->finder = std::make_unique<CsvBoundaryFinder>(fs, path, delimiter, options.quote, options.escape, data_start);
      split->data_start = data_start.offset;
      split->next = data_start;
    } catch (const Exception&) {
      // A missing file or a malformed header: the whole-file reader reports it.
      split->finder.reset();
    }
    return split;
  }

  std::shared_ptr<const CsvState> state_;
  std::vector<idx_t> column_ids_;
  std::mutex mutex_;
  idx_t next_file_ = 0;                    // guarded by mutex_
  std::unique_ptr<CsvFileSplit> split_;    // guarded by mutex_: the file being handed out
};

class CsvSource final : public TableSource {
 public:
  explicit CsvSource(std::shared_ptr<const CsvState> state) : state_(std::move(state)) {}
  const std::vector<ColumnDefinition>& columns() const override { return state_->columns; }
  std::string Describe() const override {
    if (state_->files.size() == 1) return fmt::format("CSV {}", BaseName(state_->files[0]));
    return fmt::format("CSV {} files ({}, ...)", state_->files.size(), BaseName(state_->files[0]));
  }
  idx_t EstimatedRowCount() const override { return state_->estimated_rows; }
  std::unique_ptr<GlobalScan> Scan(const ScanRequest& request) const override {
    for (idx_t id : request.column_ids) {
      if (id >= state_->columns.size()) {
        throw Exception(sqlstate::kInternalError, fmt::format("CSV scan: column index {} out of range", id));
      }
    }
    return std::make_unique<CsvGlobalScan>(state_, request.column_ids);
  }

 private:
  std::shared_ptr<const CsvState> state_;
};

}  // namespace

std::shared_ptr<TableSource> CreateCsvSource(FileSystem& file_system, std::vector<std::string> files, CsvOptions options,
                                             CsvSniffResult schema, std::string schema_file) {
  if (files.empty()) throw Exception(sqlstate::kUndefinedFile, "CSV source: no files");
  auto state = std::make_shared<CsvState>();
  state->file_system = &file_system;
  state->files = std::move(files);
  state->options = std::move(options);
  state->schema = std::move(schema);
  state->schema_file = std::move(schema_file);
  for (size_t i = 0; i < state->schema.names.size(); i++) {
    state->columns.push_back(ColumnDefinition{state->schema.names[i], state->schema.types[i], true});
  }
  // Estimate rows from the sample's bytes per row and the files' sizes.
  const CsvSniffResult& s = state->schema;
  if (s.sampled_whole_file && state->files.size() == 1) {
    state->estimated_rows = s.sampled_rows;
  } else if (s.sampled_rows > 0 && s.sampled_bytes > 0) {
    double bytes_per_row = static_cast<double>(s.sampled_bytes) / static_cast<double>(s.sampled_rows);
    double total = 0;
    for (const auto& f : state->files) {
      try {
        total += static_cast<double>(file_system.OpenForRead(f)->Size());
      } catch (const Exception&) {
        // Missing files are reported when scanned.
      }
    }
    state->estimated_rows = static_cast<idx_t>(total / bytes_per_row);
  }
  return std::make_shared<CsvSource>(std::move(state));
}

std::shared_ptr<TableSource> CreateCsvSource(FileSystem& file_system, std::vector<std::string> files, CsvOptions options) {
  if (files.empty()) throw Exception(sqlstate::kUndefinedFile, "CSV source: no files");
  CsvSniffResult schema = SniffCsv(file_system, files[0], options);
  if (schema.names.empty()) {
    throw Exception(sqlstate::kInvalidTextRepresentation, fmt::format("{}: empty CSV file (no columns)", files[0]));
  }
  std::string first = files[0];
  return CreateCsvSource(file_system, std::move(files), std::move(options), std::move(schema), std::move(first));
}

}  // namespace cairn
