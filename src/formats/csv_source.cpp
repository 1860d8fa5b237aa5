#include "formats/csv_source.h"

#include <fmt/format.h>

#include <atomic>

#include "cairn/exception.h"
#include "formats/csv_reader.h"
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
  CsvPartition(std::shared_ptr<const CsvState> state, const std::string& file, std::vector<idx_t> column_ids)
      : state_(std::move(state)),
        reader_(*state_->file_system, file, state_->options, state_->schema, std::move(column_ids), state_->schema_file) {}
  bool Next(DataChunk& out) override { return reader_.Next(out); }

 private:
  std::shared_ptr<const CsvState> state_;
  CsvReader reader_;
};

class CsvGlobalScan final : public GlobalScan {
 public:
  CsvGlobalScan(std::shared_ptr<const CsvState> state, std::vector<idx_t> column_ids)
      : state_(std::move(state)), column_ids_(std::move(column_ids)) {}
  std::unique_ptr<ScanPartition> NextPartition() override {
    idx_t i = next_.fetch_add(1);
    if (i >= state_->files.size()) return nullptr;
    return std::make_unique<CsvPartition>(state_, state_->files[i], column_ids_);
  }

 private:
  std::shared_ptr<const CsvState> state_;
  std::vector<idx_t> column_ids_;
  std::atomic<idx_t> next_{0};
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
